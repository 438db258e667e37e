<?php

declare(strict_types=1);

namespace BunqContext\Tests;

use BunqContext\Tests\Support\FakeBunqTestCase;
use BunqContext\Tests\Support\FakeServer;

/** Sessions that renew themselves, and the calls that steer them. */
final class SessionRenewalTest extends FakeBunqTestCase
{
    public function testA401RenewsTheSessionOnceAndTheCallSucceeds(): void
    {
        $client = self::newClient();
        $userId = $client->userId();
        $server = FakeServer::shared();

        // The server forgets the session: the next call gets 401, renews once, retries.
        $client->post('_fake/expire-session', '');
        $before = $server->calls('POST session-server');
        $user = $client->get("user/$userId");
        $after = $server->calls('POST session-server');

        self::assertSame(200, $user->status());
        self::assertSame($userId, $user->json()['Response'][0]['UserPerson']['id']);
        self::assertSame(1, $after - $before, 'exactly one new session');
    }

    public function testTheSessionCanBeSteered(): void
    {
        $client = self::newClient();
        self::assertTrue($client->isSessionActive());
        self::assertFalse($client->ensureSession(), 'a live session is kept');
        $client->resetSession();
        self::assertTrue($client->isSessionActive());
        $client->closeSession();
        self::assertFalse($client->isSessionActive());
        self::assertTrue($client->ensureSession(), 'a closed session is reopened');
        self::assertGreaterThan(0, $client->userId());
    }
}
