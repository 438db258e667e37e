<?php

declare(strict_types=1);

namespace BunqContext\Tests;

use BunqContext\Client;
use BunqContext\Sandbox;
use BunqContext\Tests\Support\FakeBunqTestCase;
use BunqContext\Tests\Support\Paths;

/**
 * The quickstart, through the binding, against the fake bunq server: a sandbox user, a new
 * context, saved to a file and to a JSON string and restored from both, the user, every
 * page of the accounts, sandbox money, a payment of 0.01 EUR, and the context saved again.
 */
final class QuickstartFlowTest extends FakeBunqTestCase
{
    public function testTheWholeQuickstartFlow(): void
    {
        $scratch = Paths::scratchDirectory('quickstart');
        $file = "$scratch/bunq.conf";

        $apiKey = Sandbox::createUser(['base_url' => self::baseUrl(), 'proxy' => 'none'], 'person');
        self::assertNotSame('', $apiKey);
        $client = Client::create([
            'base_url' => self::baseUrl(),
            'api_key' => $apiKey,
            'description' => 'PHP quickstart test',
            'permitted_ips' => ['*'],
        ] + self::testOptions());

        // Saved both ways, restored both ways, to the same context.
        $json = $client->toJson();
        self::assertStringContainsString('"installation_context"', $json);
        self::assertStringContainsString('"session_context"', $json);
        $client->save($file);
        self::assertSame(0600, fileperms($file) & 0777, 'the context file is the owner\'s only');
        $fromString = Client::fromJson($json, ['rate_limits' => false]);
        $fromFile = Client::restore($file, ['rate_limits' => false, 'proxy' => 'none']);
        self::assertSame($json, $fromFile->toJson());
        self::assertSame($json, $fromString->toJson());

        // The user, through the restored contexts.
        $userId = $fromString->userId();
        self::assertGreaterThan(0, $userId);
        self::assertSame($userId, $fromFile->user()['UserPerson']['id']);

        // Every page of the accounts, each in its kind's key: 25 bank accounts, a savings and
        // a joint account, in pages of 10, 10 and 7.
        $accountIds = [];
        $kinds = [];
        $pageSizes = [];
        $pages = $fromFile->pages("user/$userId/monetary-account", ['count' => 10]);
        foreach ($pages as $page) {
            self::assertSame(200, $page->status());
            $items = $page->json()['Response'];
            $pageSizes[] = count($items);
            foreach ($items as $item) {
                self::assertCount(1, $item);
                $kind = array_key_first($item);
                $kinds[] = $kind;
                $accountIds[] = $item[$kind]['id'];
            }
        }
        self::assertSame([10, 10, 7], $pageSizes);
        self::assertCount(27, array_unique($accountIds));
        $perKind = array_count_values($kinds);
        ksort($perKind);
        self::assertSame(
            ['MonetaryAccountBank' => 25, 'MonetaryAccountJoint' => 1, 'MonetaryAccountSavings' => 1],
            $perKind,
        );
        self::assertSame('MonetaryAccountBank', $kinds[0]);
        self::assertStringContainsString('newer_id', (string) $pages->futureUrl());
        $accountId = $accountIds[0];

        // Money from sugar daddy, then 0.01 EUR back.
        $inquiryId = Sandbox::requestMoney($fromFile, $accountId, '100.00', 'PHP quickstart test');
        self::assertGreaterThan(0, $inquiryId);
        $balance = $fromFile->get("user/$userId/monetary-account/$accountId")
            ->json()['Response'][0]['MonetaryAccountBank']['balance']['value'];
        self::assertSame('100.00', $balance);
        $payment = $fromFile->post("user/$userId/monetary-account/$accountId/payment", [
            'amount' => ['value' => '0.01', 'currency' => 'EUR'],
            'counterparty_alias' => [
                'type' => 'EMAIL',
                'value' => 'sugardaddy@bunq.com',
                'name' => 'Sugar Daddy',
            ],
            'description' => 'PHP quickstart test',
        ]);
        self::assertGreaterThan(0, $payment->createdId());
        $balance = $fromFile->get("user/$userId/monetary-account/$accountId")
            ->json()['Response'][0]['MonetaryAccountBank']['balance']['value'];
        self::assertSame('99.99', $balance);

        // Saved again, and restorable.
        $fromFile->save($file);
        self::assertSame($userId, Client::restore($file, ['rate_limits' => false])->userId());
    }
}
