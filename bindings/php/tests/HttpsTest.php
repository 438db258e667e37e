<?php

declare(strict_types=1);

namespace BunqContext\Tests;

use BunqContext\Client;
use BunqContext\Exception\InvalidInputException;
use BunqContext\Exception\TransportException;
use BunqContext\Sandbox;
use BunqContext\Tests\Support\FakeServer;
use PHPUnit\Framework\TestCase;

/**
 * HTTPS through the binding, against the fake bunq server in its TLS mode: the trust
 * settings pass through the configuration (`tls`), calls reuse one TLS connection, and an
 * untrusted or wrongly pinned server is a TransportException naming the problem.
 */
final class HttpsTest extends TestCase
{
    private const OTHER_PIN = '47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=';

    private static ?FakeServer $server = null;

    private static function server(): FakeServer
    {
        if (self::$server === null) {
            self::$server = FakeServer::start(['--tls']);
        }
        return self::$server;
    }

    public static function tearDownAfterClass(): void
    {
        self::$server?->stop();
        self::$server = null;
    }

    /** @param array<string, mixed> $tls */
    private static function options(array $tls = []): array
    {
        return [
            'base_url' => self::server()->baseUrl,
            'proxy' => 'none',
            'rate_limits' => false,
            'timeout_ms' => 30000,
            'tls' => ['ca_file' => self::server()->caFile] + $tls,
        ];
    }

    public function testAFlowRunsOverHttpsOnOneConnection(): void
    {
        self::assertStringStartsWith('https://127.0.0.1:', self::server()->baseUrl);
        $apiKey = Sandbox::createUser(self::options());
        $client = Client::create(['api_key' => $apiKey, 'permitted_ips' => ['*']] + self::options());
        $userId = $client->userId();
        $pages = iterator_to_array($client->pages("user/$userId/monetary-account", ['count' => 10]), false);
        self::assertCount(3, $pages);
        for ($call = 0; $call < 100; $call++) {
            $client->get('user');
        }
        $stats = $client->transportStats();
        self::assertSame(103, $stats['requests_sent'], '3 pages and 100 calls');
        self::assertSame(1, $stats['connections_opened']);
        self::assertSame(1, $stats['tls_handshakes']);
        self::assertStringStartsWith('TLSv1_', $stats['last_tls']['version']);
        self::assertNotSame('', $stats['last_tls']['cipher_suite']);
    }

    public function testTheServersOwnPinIsAccepted(): void
    {
        $apiKey = Sandbox::createUser(self::options());
        $client = Client::create(['api_key' => $apiKey, 'permitted_ips' => ['*']] + self::options());
        $client->get('user');
        $pin = $client->transportStats()['last_tls']['server_key_pin_sha256'];
        $pinned = self::options(['roots' => 'only-added', 'pin_sha256' => [self::OTHER_PIN, $pin]]);
        self::assertNotSame('', Sandbox::createUser($pinned));
    }

    public function testAnUntrustedServerIsRefused(): void
    {
        $options = self::options();
        unset($options['tls']);
        try {
            Sandbox::createUser($options);
            self::fail('an untrusted server was accepted');
        } catch (TransportException $refused) {
            self::assertStringContainsString('certificate not trusted', $refused->getMessage());
            self::assertStringContainsString('127.0.0.1', $refused->getMessage());
        }
    }

    public function testAServerWhoseKeyIsNotPinnedIsRefused(): void
    {
        $this->expectException(TransportException::class);
        $this->expectExceptionMessage('pinned key mismatch');
        Sandbox::createUser(self::options(['pin_sha256' => [self::OTHER_PIN]]));
    }

    public function testBadTrustSettingsAreInvalidInput(): void
    {
        $this->expectException(InvalidInputException::class);
        Sandbox::createUser(self::options(['roots' => 'mozilla']));
    }
}
