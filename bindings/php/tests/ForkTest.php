<?php

declare(strict_types=1);

namespace BunqContext\Tests;

use BunqContext\Client;
use BunqContext\Sandbox;
use BunqContext\Tests\Support\FakeServer;
use PHPUnit\Framework\TestCase;

/**
 * A client used across pcntl_fork(), as a pre-forking PHP server does with a client made
 * before its workers: the child must open connections of its own (sharing the parent's
 * would interleave their requests, and over TLS reuse a key and nonce), and the parent
 * keeps its connection.
 */
final class ForkTest extends TestCase
{
    private static ?FakeServer $https = null;

    public static function tearDownAfterClass(): void
    {
        self::$https?->stop();
        self::$https = null;
    }

    protected function setUp(): void
    {
        self::assertTrue(
            function_exists('pcntl_fork'),
            'the pcntl extension is missing from php-cli (Debian: it is built in)',
        );
    }

    public function testAForkedChildOpensItsOwnConnectionOverHttp(): void
    {
        $this->checkFork(FakeServer::shared(), []);
    }

    public function testAForkedChildOpensItsOwnConnectionOverHttps(): void
    {
        self::$https ??= FakeServer::start(['--tls']);
        $this->checkFork(self::$https, ['tls' => ['ca_file' => self::$https->caFile]]);
    }

    /** @param array<string, mixed> $tls */
    private function checkFork(FakeServer $server, array $tls): void
    {
        $options = ['base_url' => $server->baseUrl, 'proxy' => 'none', 'rate_limits' => false,
            'timeout_ms' => 10000] + $tls;
        $client = Client::create(
            ['api_key' => Sandbox::createUser($options), 'permitted_ips' => ['*']] + $options,
        );
        $client->get('user'); // a pooled connection, before the fork
        $before = $client->transportStats();

        $report = $this->inChild(function () use ($client): array {
            $started = microtime(true);
            for ($call = 0; $call < 5; $call++) {
                $client->get('user');
            }
            return ['seconds' => microtime(true) - $started, 'stats' => $client->transportStats()];
        });
        for ($call = 0; $call < 5; $call++) {
            $client->get('user'); // the parent's connection still works
        }
        $after = $client->transportStats();

        self::assertTrue($report['ok'], 'the child\'s calls failed: ' . ($report['error'] ?? ''));
        self::assertLessThan(8, $report['seconds'], 'the child\'s calls took too long');
        self::assertGreaterThan(
            $before['connections_opened'],
            $report['stats']['connections_opened'],
            'the child opened no connection of its own',
        );
        if ($tls !== []) {
            self::assertGreaterThan($before['tls_handshakes'], $report['stats']['tls_handshakes']);
        }
        self::assertSame(
            $before['connections_opened'],
            $after['connections_opened'],
            'the parent lost its connection to the child',
        );
    }

    /**
     * Runs `$work` in a forked child and gives what it returned (or its exception) as
     * `['ok' => bool, ...]`. The child leaves through exec, so that none of this process's
     * shutdown code (PHPUnit's, destructors) runs twice; it never outlives this method.
     *
     * @param callable(): array<string, mixed> $work
     * @return array<string, mixed>
     */
    private function inChild(callable $work): array
    {
        $pair = stream_socket_pair(STREAM_PF_UNIX, STREAM_SOCK_STREAM, STREAM_IPPROTO_IP);
        self::assertIsArray($pair);
        [$parentEnd, $childEnd] = $pair;
        $pid = pcntl_fork();
        self::assertNotSame(-1, $pid, 'pcntl_fork failed');
        if ($pid === 0) {
            fclose($parentEnd);
            try {
                $report = ['ok' => true] + $work();
            } catch (\Throwable $error) {
                $report = ['ok' => false, 'error' => get_class($error) . ': ' . $error->getMessage()];
            }
            fwrite($childEnd, json_encode($report, JSON_THROW_ON_ERROR));
            fclose($childEnd);
            pcntl_exec('/bin/true');
            posix_kill(posix_getpid(), SIGKILL); // exec failed: leave all the same
        }
        fclose($childEnd);
        try {
            $read = [$parentEnd];
            $none = [];
            $received = '';
            $deadline = microtime(true) + 60;
            while (microtime(true) < $deadline) {
                $read = [$parentEnd];
                if (stream_select($read, $none, $none, 1) === 0) {
                    continue;
                }
                $chunk = fread($parentEnd, 65536);
                if ($chunk === '' || $chunk === false) {
                    break;
                }
                $received .= $chunk;
            }
        } finally {
            fclose($parentEnd);
            posix_kill($pid, SIGKILL); // a no-op for a child that already left
            pcntl_waitpid($pid, $status);
        }
        self::assertNotSame('', $received, 'the child reported nothing');
        $report = json_decode($received, true, 512, JSON_THROW_ON_ERROR);
        self::assertIsArray($report);
        return $report;
    }
}
