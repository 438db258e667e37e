<?php

declare(strict_types=1);

namespace BunqContext\Tests;

use BunqContext\Client;
use BunqContext\Exception\ApiException;
use BunqContext\Exception\TooManyRequestsException;
use BunqContext\Sandbox;
use BunqContext\Tests\Support\FakeServer;
use PHPUnit\Framework\TestCase;

/**
 * bunq's 429 answers, against a fake server that enforces bunq's limits (GET: 3 per 3 s):
 * without the client's own limiter and retries, the fourth quick GET is refused.
 */
final class RateLimitTest extends TestCase
{
    public function testA429IsATooManyRequestsException(): void
    {
        $server = FakeServer::start(['--rate-limits']);
        try {
            $apiKey = Sandbox::createUser(['base_url' => $server->baseUrl, 'proxy' => 'none']);
            $client = Client::create([
                'base_url' => $server->baseUrl,
                'api_key' => $apiKey,
                'permitted_ips' => ['*'],
                'proxy' => 'none',
                'rate_limits' => false,
                'retry' => false,
            ]);
            $userId = $client->userId();
            $refusal = null;
            for ($i = 0; $i < 10 && $refusal === null; $i++) {
                try {
                    $client->get("user/$userId");
                } catch (TooManyRequestsException $error) {
                    $refusal = $error;
                }
            }
            self::assertNotNull($refusal, 'ten quick GETs were all answered');
            self::assertInstanceOf(ApiException::class, $refusal);
            self::assertSame(429, $refusal->getHttpStatus());
            self::assertSame('BUNQ_ERROR_RATE_LIMITED', $refusal->getStatusName());
        } finally {
            $server->stop();
        }
    }
}
