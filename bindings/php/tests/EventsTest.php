<?php

declare(strict_types=1);

namespace BunqContext\Tests;

use BunqContext\Client;
use BunqContext\Exception\InvalidInputException;
use BunqContext\Tests\Support\FakeBunqTestCase;
use BunqContext\Tests\Support\Paths;

/** Collects what a PSR-3 logger is given; needs no psr/log package. */
final class RecordingLogger
{
    /** @var list<array{0: mixed, 1: string, 2: array<string, mixed>}> */
    public array $records = [];

    public function log(mixed $level, string|\Stringable $message, array $context = []): void
    {
        $this->records[] = [$level, (string) $message, $context];
    }
}

/** A logger that fails on every record. */
final class ThrowingLogger
{
    public function log(mixed $level, string|\Stringable $message, array $context = []): void
    {
        throw new \RuntimeException('a broken logger');
    }
}

/** The library's events through a PSR-3 style logger. */
final class EventsTest extends FakeBunqTestCase
{
    private static function outline(array $event): string
    {
        return match ($event['event']) {
            'exchange' => sprintf('%s %s %s attempt=%d', $event['method'], $event['path'], $event['status'] ?? 'none', $event['attempt'])
                . ($event['resend_reason'] !== null ? ' after=' . $event['resend_reason'] : ''),
            'session_renewal' => 'session renewed: ' . $event['reason'],
            'context_save' => sprintf('saved %s ok=%s', basename($event['path']), $event['ok'] ? 'true' : 'false'),
            default => $event['event'],
        };
    }

    /** @return list<string> the API key, the tokens and the private key's lines */
    private static function secretsOf(string $contextJson): array
    {
        $context = json_decode($contextJson, true, 512, JSON_THROW_ON_ERROR);
        $installation = $context['installation_context'];
        $secrets = [$context['api_key'], $installation['token'], $context['session_context']['token']];
        foreach (explode("\n", $installation['private_key_client']) as $line) {
            if ($line !== '' && !str_starts_with($line, '-----')) {
                $secrets[] = $line;
            }
        }
        return $secrets;
    }

    public function testAWholeFlowIsLoggedInOrderWithoutSecrets(): void
    {
        $logger = new RecordingLogger();
        // Removed after the test, also when it fails: the saved context holds a private key.
        $saveTo = Paths::scratchDirectory('events') . '/events.conf';
        $client = Client::create([
            'base_url' => self::baseUrl(),
            'api_key' => self::sandboxApiKey(),
            'permitted_ips' => ['*'],
            'proxy' => 'none',
            'save_to' => $saveTo,
            // GET user once a second: the resend after the renewal waits for the limiter.
            'rate_limits' => ['get' => 1, 'window_ms' => 1000, 'session_server_window_ms' => 10],
        ], $logger);
        $first = $client->toJson();
        $client->get('user');
        $client->post('_fake/expire-session', ''); // the fake forgets the session
        $client->get('user'); // 401, renewal, saved, resent
        $last = $client->toJson();
        unset($client);

        $events = array_map(static fn (array $record): array => $record[2], $logger->records);
        $kept = array_values(array_filter($events, static fn (array $event): bool => $event['event'] !== 'rate_limit_wait'));
        self::assertSame([
            'POST installation 200 attempt=1',
            'POST device-server 200 attempt=1',
            'POST session-server 200 attempt=1',
            'GET user 200 attempt=1',
            'POST _fake/expire-session 200 attempt=1',
            'GET user 401 attempt=1',
            'POST session-server 200 attempt=1',
            'session renewed: refused',
            'saved ' . basename($saveTo) . ' ok=true',
            'GET user 200 attempt=2 after=session_renewal',
        ], array_map(self::outline(...), $kept));
        $waits = array_filter($events, static fn (array $event): bool => $event['event'] === 'rate_limit_wait');
        self::assertNotEmpty(array_filter($waits, static fn (array $wait): bool => $wait['endpoint'] === 'user'));
        foreach ($logger->records as [$level, $message, $context]) {
            self::assertSame($context['level'], $level);
            self::assertSame($context['message'], $message);
            self::assertContains($level, ['debug', 'info', 'warning']);
        }
        self::assertStringStartsWith('POST installation 200 ', $logger->records[0][1]);
        self::assertStringContainsString(' ms response-id=', $logger->records[0][1]);

        $secrets = array_merge(self::secretsOf($first), self::secretsOf($last));
        foreach ($logger->records as [, $message, $context]) {
            $text = $message . json_encode($context, JSON_THROW_ON_ERROR | JSON_UNESCAPED_SLASHES);
            foreach ($secrets as $secret) {
                self::assertStringNotContainsString($secret, $text);
            }
            self::assertStringNotContainsString('PRIVATE KEY', $text);
        }
    }

    public function testAPsd2CreationIsLoggedFromItsFirstExchange(): void
    {
        $data = \BunqContext\Tests\Support\Paths::root() . '/tests/c/data';
        $certificate = (string) file_get_contents("$data/psd2-test-certificate.pem");
        $key = (string) file_get_contents("$data/psd2-test-key.pem");
        $logger = new RecordingLogger();
        Client::createPsd2(
            ['base_url' => self::baseUrl(), 'permitted_ips' => ['*']] + self::testOptions(),
            $certificate,
            $certificate,
            $key,
            $logger,
        );
        $paths = [];
        foreach ($logger->records as [, , $context]) {
            if ($context['event'] === 'exchange') {
                $paths[] = $context['path'];
            }
        }
        self::assertSame(
            ['installation', 'payment-service-provider-credential', 'device-server', 'session-server'],
            $paths,
        );
    }

    public function testALoggerCanBeSetAndRemovedOnALiveClient(): void
    {
        $client = self::newClient();
        $logger = new RecordingLogger();
        $client->setLogger($logger);
        $client->get('user');
        self::assertCount(1, $logger->records);
        self::assertStringStartsWith('GET user 200 ', $logger->records[0][1]);
        $client->setLogger(null);
        $client->get('user');
        self::assertCount(1, $logger->records, 'no logger, no events');
    }

    public function testAThrowingLoggerBreaksNoCall(): void
    {
        $client = self::newClient();
        $client->setLogger(new ThrowingLogger());
        self::assertSame(200, $client->get('user')->status());
    }

    public function testAnObjectWithoutLogIsRefused(): void
    {
        $this->expectException(InvalidInputException::class);
        self::newClient()->setLogger(new \stdClass());
    }
}
