<?php

declare(strict_types=1);

namespace BunqContext\Tests;

use BunqContext\Client;
use BunqContext\Exception\InvalidInputException;
use BunqContext\Exception\NotFoundException;
use BunqContext\Operations;
use BunqContext\Sandbox;
use BunqContext\Tests\Support\FakeBunqTestCase;

/**
 * bunq's operations by name (Client::call, callBytes, walk; Operations::all) against the fake
 * server: accounts listed, payments made and listed, one read back, bytes, a lazy walk, and
 * wrong calls refused by the library before anything is sent.
 */
final class CallsByNameTest extends FakeBunqTestCase
{
    public function testTheTableNamesEveryOperation(): void
    {
        $table = Operations::all();
        self::assertGreaterThan(400, count($table));
        self::assertSame([
            'answer' => 'id',
            'ids' => ['user_id', 'monetary_account_id'],
            'method' => 'POST',
            'name' => 'Payment.create',
            'object_key' => 'Id',
            'path' => 'user/{user_id}/monetary-account/{monetary_account_id}/payment',
        ], self::sorted(Operations::find('Payment.create')));
        self::assertSame('ScheduledPayment', Operations::find('SchedulePayment.get')['object_key']);
        self::assertNull(Operations::find('Payment.lsit'));
        self::assertSame(count($table), count(array_unique(array_column($table, 'name'))));
    }

    public function testAccountsAndPaymentsByName(): void
    {
        $client = self::newClient('PHP calls by name');

        // An anchor comes back wrapped in its kind; every page, fetched now.
        $accounts = $client->call('MonetaryAccount.list');
        self::assertTrue(array_is_list($accounts));
        $kinds = array_count_values(array_map(static fn (array $item) => (string) array_key_first($item), $accounts));
        self::assertSame(['MonetaryAccountBank' => 25, 'MonetaryAccountJoint' => 1, 'MonetaryAccountSavings' => 1], self::sorted($kinds));

        // A plain list is the objects themselves.
        $banks = $client->call('MonetaryAccountBank.list', query: ['count' => 10]);
        self::assertCount(25, $banks);
        $from = $banks[0]['id'];
        self::assertIsInt($from);
        $to = $banks[1];
        $toIban = current(array_filter($to['alias'], static fn (array $alias) => $alias['type'] === 'IBAN'))['value'];
        self::assertSame($from, $client->call('MonetaryAccountBank.get', monetary_account_bank_id: $from)['id']);

        Sandbox::requestMoney($client, $from, '10.00', 'money to spend');
        $made = [];
        foreach (['0.01', '0.02', '0.03'] as $value) {
            $made[] = $client->call('Payment.create', body: [
                'amount' => ['value' => $value, 'currency' => 'EUR'],
                'counterparty_alias' => ['type' => 'IBAN', 'value' => $toIban, 'name' => 'Myself'],
                'description' => "PHP by name $value",
            ], monetary_account_id: $from);
        }
        foreach ($made as $id) {
            self::assertIsInt($id);
            self::assertGreaterThan(0, $id);
        }

        // Listed across pages of one payment each, unwrapped.
        $listed = $client->call('Payment.list', query: ['count' => 1], monetary_account_id: $from);
        self::assertTrue(array_is_list($listed));
        $listedIds = array_column($listed, 'id');
        foreach ($made as $id) {
            self::assertSame(1, count(array_keys($listedIds, $id, true)), "payment $id listed once");
        }
        self::assertArrayNotHasKey('Payment', $listed[0], 'a list item is the payment, not its wrapper');

        // Read back, ids from an array keyed by name.
        $ids = ['monetary_account_id' => $from, 'payment_id' => $made[1]];
        $payment = $client->call('Payment.get', ...$ids);
        self::assertSame('-0.02', $payment['amount']['value']);
        self::assertSame('PHP by name 0.02', $payment['description']);

        // And from the other side: the money arrived on the account the IBAN names.
        $received = $client->call('Payment.list', monetary_account_id: $to['id']);
        self::assertContains('0.03', array_column(array_column($received, 'amount'), 'value'));

        // A name the fake does not know the object of: bunq's 404 as NotFoundException.
        try {
            $client->call('Payment.get', monetary_account_id: $from, payment_id: 999999);
            self::fail('a missing payment was found');
        } catch (NotFoundException $missing) {
            self::assertSame(404, $missing->getHttpStatus());
        }
    }

    public function testAWalkFetchesOnePageAtATime(): void
    {
        $client = self::newClient('PHP walk');
        $account = $client->call('MonetaryAccountBank.list')[0]['id'];
        Sandbox::requestMoney($client, $account, '10.00', 'money to spend');
        $made = [];
        for ($i = 1; $i <= 3; $i++) {
            $made[] = $client->call('Payment.create', body: [
                'amount' => ['value' => "0.0$i", 'currency' => 'EUR'],
                'counterparty_alias' => ['type' => 'EMAIL', 'value' => 'sugardaddy@bunq.com', 'name' => 'Sugar Daddy'],
                'description' => "walk $i",
            ], monetary_account_id: $account);
        }

        $sent = static fn (): int => $client->transportStats()['requests_sent'];
        $before = $sent();
        $walk = $client->walk('Payment.list', ['count' => 1], monetary_account_id: $account);
        self::assertSame($before, $sent(), 'no page before the first object is asked for');
        $first = $walk->current();
        self::assertSame($before + 1, $sent(), 'one page for the first object');
        self::assertSame($made[2], $first['id'], 'newest first');
        $walk->next();
        self::assertSame($made[1], $walk->current()['id']);
        self::assertSame($before + 2, $sent());

        // The rest, with keys counting on across pages; the walk outlives its client.
        $rest = [];
        $walk->next();
        unset($client);
        for (; $walk->valid(); $walk->next()) {
            $rest[$walk->key()] = $walk->current()['id'];
        }
        self::assertSame($made[0], $rest[2]);
        self::assertSame(range(2, 1 + count($rest)), array_keys($rest));
    }

    public function testBytesByName(): void
    {
        $client = self::newClient('PHP bytes by name');
        $png = "\x89PNG\r\n\x1a\n\x00\xff by name";
        $uuid = $client->uploadPublicAttachment('image/png', 'PHP by name', $png);
        self::assertSame($png, $client->callBytes('AttachmentPublicContent.list', attachment_public_uuid: $uuid));
        self::assertSame($uuid, $client->call('AttachmentPublic.get', attachment_public_uuid: $uuid)['uuid']);
    }

    public function testWrongCallsAreRefusedBeforeAnythingIsSent(): void
    {
        $client = self::newClient('PHP wrong calls');
        $client->userId();
        $before = $client->transportStats()['requests_sent'];

        $refusals = [
            'a misspelt name, with the closest names' => [
                static fn () => $client->call('Payment.lsit', monetary_account_id: 1), 'Payment.list'],
            'a missing id' => [static fn () => $client->call('Payment.list'), 'monetary_account_id'],
            'an extra id' => [
                static fn () => $client->call('Payment.list', monetary_account_id: 1, card_id: 2), 'card_id'],
            'a malformed id' => [
                static fn () => $client->call('Payment.get', monetary_account_id: 1, payment_id: 'seven'), 'payment_id'],
            'a body on a GET' => [
                static fn () => $client->call('Payment.list', body: ['x' => 1], monetary_account_id: 1), 'body'],
            'bytes asked for as JSON' => [
                static fn () => $client->call('AttachmentPublicContent.list', attachment_public_uuid: 'x'), 'bytes'],
            'JSON asked for as bytes' => [
                static fn () => $client->callBytes('Payment.list', monetary_account_id: 1), 'Payment.list'],
            'a walk of what is no list' => [
                static fn () => $client->walk('Payment.get', monetary_account_id: 1, payment_id: 1), 'list'],
            'a walk of an unknown name' => [static fn () => $client->walk('Paymnt.list'), 'Payment.list'],
            'an id by position' => [static fn () => $client->call('Payment.list', null, null, 7), 'named'],
            'a NUL in the name' => [static fn () => $client->call("Payment.list\0"), 'NUL'],
        ];
        foreach ($refusals as $what => [$call, $mentioned]) {
            try {
                $call();
                self::fail("$what was not refused");
            } catch (InvalidInputException $refused) {
                self::assertSame('BUNQ_ERROR_INVALID_INPUT', $refused->getStatusName(), $what);
                self::assertStringContainsStringIgnoringCase($mentioned, $refused->getMessage(), $what);
            }
        }
        self::assertSame($before, $client->transportStats()['requests_sent'], 'nothing was sent');
    }

    /**
     * @param array<string, mixed> $array
     * @return array<string, mixed>
     */
    private static function sorted(?array $array): array
    {
        self::assertNotNull($array);
        ksort($array);
        return $array;
    }
}
