<?php

declare(strict_types=1);

namespace BunqContext\Tests\Support;

use BunqContext\Client;
use BunqContext\Sandbox;
use PHPUnit\Framework\TestCase;

/** Tests against the fake bunq server: its URL and fresh clients for new sandbox users. */
abstract class FakeBunqTestCase extends TestCase
{
    protected static function baseUrl(): string
    {
        return FakeServer::shared()->baseUrl;
    }

    /** The options every test client uses: no rate limiter, no proxy from the environment. */
    protected static function testOptions(): array
    {
        return ['rate_limits' => false, 'proxy' => 'none', 'timeout_ms' => 30000];
    }

    /** A new sandbox user's API key. */
    protected static function sandboxApiKey(): string
    {
        return Sandbox::createUser(['base_url' => self::baseUrl(), 'proxy' => 'none']);
    }

    /** A new context for a new sandbox user. */
    protected static function newClient(string $description = 'PHP binding tests'): Client
    {
        return Client::create([
            'base_url' => self::baseUrl(),
            'api_key' => self::sandboxApiKey(),
            'description' => $description,
            'permitted_ips' => ['*'],
            'user_agent' => 'bunq-context PHP tests',
        ] + self::testOptions());
    }
}
