<?php

declare(strict_types=1);

namespace BunqContext\Tests;

use BunqContext\Callback;
use BunqContext\Client;
use BunqContext\Exception\InvalidInputException;
use BunqContext\Exception\NotFoundException;
use BunqContext\Sandbox;
use BunqContext\Tests\Support\CallbackReceiver;
use BunqContext\Tests\Support\FakeBunqTestCase;
use BunqContext\Tests\Support\FakeServer;
use BunqContext\Tests\Support\Paths;

/**
 * Callbacks: bunq's sample bodies parse, bad bodies are refused, the sender check; then the
 * webhook loop against the fake bunq with a receiver under `php -S` (filters registered, a
 * payment between two accounts, every callback received, its sender checked, parsed and
 * confirmed through the API), a replay, garbage, a huge body and a forged callback; and
 * failed deliveries listed and sent again.
 */
final class CallbacksTest extends FakeBunqTestCase
{
    /** The fake's callbacks leave from 127.0.0.2: loopback counts as "bunq" in these tests. */
    private const FAKE_RANGES = ['127.0.0.0/8'];

    /** @var list<CallbackReceiver> */
    private array $receivers = [];

    protected function tearDown(): void
    {
        foreach ($this->receivers as $receiver) {
            $receiver->stop();
        }
        $this->receivers = [];
    }

    public function testEverySampleParses(): void
    {
        $samples = glob(Paths::root() . '/tests/data/callbacks/*.json') ?: [];
        self::assertCount(8, $samples);
        foreach ($samples as $sample) {
            $callback = Callback::parse((string) file_get_contents($sample));
            self::assertNotSame('', $callback->category, $sample);
            self::assertNotSame('', $callback->eventType, $sample);
            self::assertNotSame([], $callback->object, $sample);
            self::assertMatchesRegularExpression('/^[0-9a-f]{64}$/', $callback->deduplicationKey, $sample);
        }
        $mutation = Callback::parse((string) file_get_contents(Paths::root() . '/tests/data/callbacks/Mutation.json'));
        self::assertSame('MUTATION', $mutation->category);
        self::assertSame('Payment', $mutation->objectType);
        self::assertSame($mutation->object['id'], $mutation->objectId);
        self::assertSame(
            $mutation->deduplicationKey,
            Callback::parse((string) file_get_contents(Paths::root() . '/tests/data/callbacks/Mutation.json'))->deduplicationKey,
        );
    }

    public function testBadBodiesAreRefusedWithTheReason(): void
    {
        foreach (['', 'not json', '{}', '[1,2]', '{"NotificationUrl": 7}', '{"NotificationUrl": {"category": "PAYMENT"}}', "\xff\xfe"] as $garbage) {
            try {
                Callback::parse($garbage);
                self::fail('garbage parsed: ' . json_encode(bin2hex($garbage)));
            } catch (InvalidInputException $refused) {
                self::assertStringContainsString('not a bunq callback', $refused->getMessage());
            }
        }
        $this->expectException(InvalidInputException::class);
        $this->expectExceptionMessageMatches('/1 MiB|1048576/');
        Callback::parse(str_repeat(' ', 2 * 1024 * 1024));
    }

    public function testTheSenderIsChecked(): void
    {
        self::assertTrue(Callback::isFromBunq('185.40.108.7'));
        self::assertTrue(Callback::isFromBunq('[::ffff:185.40.111.255]:443'));
        self::assertFalse(Callback::isFromBunq('185.40.112.0'));
        self::assertFalse(Callback::isFromBunq('127.0.0.2'));
        self::assertTrue(Callback::isFromBunq('127.0.0.2:5000', self::FAKE_RANGES));
        self::assertFalse(Callback::isFromBunq('185.40.108.7', self::FAKE_RANGES));
        foreach ([['bunq.com', null], ['1.2.3.4', ['185.40.108.1/22']], ['1.2.3.4', ['nonsense']]] as [$address, $ranges]) {
            try {
                Callback::isFromBunq($address, $ranges);
                self::fail("$address / " . json_encode($ranges) . ' was accepted');
            } catch (InvalidInputException $refused) {
                self::assertSame('BUNQ_ERROR_INVALID_INPUT', $refused->getStatusName());
            }
        }
    }

    public function testTheWholeWebhookLoop(): void
    {
        $client = self::newClient('PHP callbacks');
        $banks = $client->call('MonetaryAccountBank.list');
        [$from, $to] = [$banks[0]['id'], $banks[1]['id']];
        $toIban = current(array_filter($banks[1]['alias'], static fn (array $alias) => $alias['type'] === 'IBAN'))['value'];
        Sandbox::requestMoney($client, $from, '10.00', 'money to spend');

        $receiver = $this->receivers[] = CallbackReceiver::start();
        try {
            $client->addNotificationFilter('PAYMENT', 'ftp://127.0.0.1/x');
            self::fail('an ftp:// target was accepted');
        } catch (InvalidInputException $refused) {
            self::assertStringContainsString('https', $refused->getMessage());
        }
        $client->addNotificationFilter('PAYMENT', $receiver->url());
        $filters = $client->addNotificationFilter('MUTATION', $receiver->url());
        self::assertSame(
            [['category' => 'MUTATION', 'notification_target' => $receiver->url()], ['category' => 'PAYMENT', 'notification_target' => $receiver->url()]],
            self::sortedFilters($filters),
        );
        self::assertSame(self::sortedFilters($filters), self::sortedFilters($client->notificationFilters()));

        $paid = $client->call('Payment.create', body: [
            'amount' => ['value' => '0.05', 'currency' => 'EUR'],
            'counterparty_alias' => ['type' => 'IBAN', 'value' => $toIban, 'name' => 'Myself'],
            'description' => 'a callback, please',
        ], monetary_account_id: $from);

        // PAYMENT and MUTATION for the payer's account and for the payee's.
        $deliveries = $receiver->deliveries(4);
        self::assertCount(4, $deliveries);
        $seen = [];
        $sides = [];
        foreach ($deliveries as ['sender' => $sender, 'body' => $body]) {
            self::assertFalse(Callback::isFromBunq($sender), "$sender is no bunq production address");
            self::assertTrue(Callback::isFromBunq($sender, self::FAKE_RANGES), $sender);
            $callback = Callback::parse($body);
            self::assertSame('Payment', $callback->objectType);
            self::assertContains($callback->category, ['PAYMENT', 'MUTATION']);
            self::assertSame($receiver->url(), $callback->targetUrl);
            self::assertArrayNotHasKey($callback->deduplicationKey, $seen, 'each event has a key of its own');
            $seen[$callback->deduplicationKey] = true;

            $current = $client->confirmCallback($callback);
            self::assertSame($callback->objectId, $current['id']);
            self::assertSame($callback->object['amount'], $current['amount']);
            self::assertSame($callback->object['monetary_account_id'], $current['monetary_account_id']);
            $sides[] = [$callback->category, $current['monetary_account_id'], $current['amount']['value']];
            if ($current['monetary_account_id'] === $from) {
                self::assertSame($paid, $current['id'], 'the payer side is the payment made');
            }
        }
        $expected = [
            ['MUTATION', $from, '-0.05'], ['MUTATION', $to, '0.05'],
            ['PAYMENT', $from, '-0.05'], ['PAYMENT', $to, '0.05'],
        ];
        sort($sides);
        sort($expected);
        self::assertSame($expected, $sides);

        // A replayed delivery: the same key, so it is known as seen.
        self::assertSame(200, $receiver->post($deliveries[0]['body']));
        $replayed = Callback::parse($receiver->deliveries(5)[4]['body']);
        self::assertArrayHasKey($replayed->deduplicationKey, $seen);

        // Garbage is kept by the receiver (it answers at once) and refused by the parser.
        self::assertSame(200, $receiver->post('{"NotificationUrl": "garbage"}'));
        try {
            Callback::parse($receiver->deliveries(6)[5]['body']);
            self::fail('garbage parsed');
        } catch (InvalidInputException $refused) {
            self::assertStringContainsString('not a bunq callback', $refused->getMessage());
        }
        // A huge body is refused unread.
        self::assertSame(413, $receiver->post(str_repeat('x', 2 * 1024 * 1024)));
        self::assertCount(6, $receiver->deliveries(6, 0.5));

        // A callback naming a payment bunq does not know confirms as not found.
        $forged = Callback::parse(json_encode(['NotificationUrl' => [
            'target_url' => $receiver->url(),
            'category' => 'PAYMENT',
            'event_type' => 'PAYMENT_CREATED',
            'object' => ['Payment' => ['id' => 999999, 'monetary_account_id' => $from, 'amount' => ['value' => '-1000.00', 'currency' => 'EUR']]],
        ]]));
        try {
            $client->confirmCallback($forged);
            self::fail('a forged callback was confirmed');
        } catch (NotFoundException $missing) {
            self::assertSame(404, $missing->getHttpStatus());
        }

        // Filters: removed one by one, per account, cleared.
        self::assertSame(
            [['category' => 'MUTATION', 'notification_target' => $receiver->url()]],
            $client->removeNotificationFilter('PAYMENT', $receiver->url()),
        );
        $client->replaceNotificationFilters([['category' => 'REQUEST', 'notification_target' => $receiver->url()]], $from);
        self::assertSame([['category' => 'REQUEST', 'notification_target' => $receiver->url()]], $client->notificationFilters($from));
        $client->clearNotificationFilters($from);
        $client->clearNotificationFilters();
        self::assertSame([], $client->notificationFilters($from));
        self::assertSame([], $client->notificationFilters());
    }

    public function testFailedDeliveriesAreListedAndSentAgain(): void
    {
        $fake = FakeServer::start(['--callback-retry-interval-ms', '20']);
        try {
            $client = Client::create([
                'base_url' => $fake->baseUrl,
                'api_key' => Sandbox::createUser(['base_url' => $fake->baseUrl, 'proxy' => 'none']),
                'permitted_ips' => ['*'],
            ] + self::testOptions());
            $account = $client->call('MonetaryAccountBank.list')[0]['id'];
            Sandbox::requestMoney($client, $account, '10.00', 'money to spend');
            // Nothing listens there yet: every try fails.
            $port = CallbackReceiver::freePort();
            $target = "http://127.0.0.1:$port/bunq-callback";
            $client->addNotificationFilter('PAYMENT', $target, $account);
            $paid = $client->call('Payment.create', body: [
                'amount' => ['value' => '0.07', 'currency' => 'EUR'],
                'counterparty_alias' => ['type' => 'EMAIL', 'value' => 'sugardaddy@bunq.com', 'name' => 'Sugar Daddy'],
                'description' => 'to nobody',
            ], monetary_account_id: $account);

            $deadline = microtime(true) + 20;
            while (($failures = $client->callbackFailures()) === [] && microtime(true) < $deadline) {
                usleep(100_000);
            }
            self::assertCount(1, $failures);
            self::assertSame('PAYMENT', $failures[0]['category']);
            self::assertSame($paid, $failures[0]['object_id']);
            self::assertNotEmpty($failures[0]['exception_message']);

            $receiver = $this->receivers[] = CallbackReceiver::start($port);
            $client->retryCallbackFailures(array_column($failures, 'id'));
            $deliveries = $receiver->deliveries(1);
            self::assertCount(1, $deliveries);
            $callback = Callback::parse($deliveries[0]['body']);
            self::assertSame($paid, $client->confirmCallback($callback)['id']);

            try {
                $client->retryCallbackFailures(['3']);
                self::fail('a string id was accepted');
            } catch (InvalidInputException $refused) {
                self::assertStringContainsString('int', $refused->getMessage());
            }
        } finally {
            $fake->stop();
        }
    }

    /**
     * @param list<array<string, string>> $filters
     * @return list<array<string, string>>
     */
    private static function sortedFilters(array $filters): array
    {
        usort($filters, static fn (array $a, array $b) => [$a['category'], $a['notification_target']] <=> [$b['category'], $b['notification_target']]);
        return array_map(static function (array $filter): array {
            ksort($filter);
            return $filter;
        }, $filters);
    }
}
