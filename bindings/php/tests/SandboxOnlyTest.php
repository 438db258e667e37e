<?php

declare(strict_types=1);

namespace BunqContext\Tests;

use BunqContext\Client;
use BunqContext\Exception\InvalidInputException;
use BunqContext\Sandbox;
use BunqContext\Tests\Support\FakeBunqTestCase;

/**
 * The sandbox helpers refuse bunq production before sending anything (the check is in
 * libbunq, so every language gets it): no sandbox user is created and no sandbox money is
 * asked for where real money is.
 */
final class SandboxOnlyTest extends FakeBunqTestCase
{
    /** A proxy on a closed port: were anything sent, the error would be a transport one. */
    private const NOTHING_LEAVES = ['proxy' => 'http://127.0.0.1:9'];

    public function testASandboxUserIsRefusedAtBunqProduction(): void
    {
        foreach (['https://api.bunq.com/v1/', 'https://API.bunq.com:443/v1'] as $url) {
            try {
                Sandbox::createUser(['base_url' => $url] + self::NOTHING_LEAVES);
                self::fail("a sandbox user was asked of $url");
            } catch (InvalidInputException $error) {
                self::assertStringStartsWith(
                    'sandbox-only helper refused: creating a sandbox user works only in bunq\'s sandbox',
                    $error->getMessage(),
                );
                self::assertStringContainsString('a bunq production host', $error->getMessage());
            }
        }
    }

    public function testSandboxMoneyIsRefusedToAProductionContext(): void
    {
        // A PRODUCTION context made at the fake (as through a proxy to production).
        $client = Client::create([
            'environment' => 'PRODUCTION',
            'base_url' => self::baseUrl(),
            'api_key' => self::sandboxApiKey(),
        ] + self::testOptions());
        $this->expectException(InvalidInputException::class);
        $this->expectExceptionMessage(
            'sandbox-only helper refused: asking the sugar daddy for sandbox money works only in '
            . 'bunq\'s sandbox (or a test server), and this context is bunq production',
        );
        Sandbox::requestMoney($client, 1, '1.00', 'must not arrive');
    }
}
