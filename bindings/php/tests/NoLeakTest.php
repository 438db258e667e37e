<?php

declare(strict_types=1);

namespace BunqContext\Tests;

use BunqContext\Client;
use BunqContext\Exception\InvalidInputException;
use BunqContext\Exception\NotFoundException;
use BunqContext\Library;
use BunqContext\Signing;
use BunqContext\Tests\Support\FakeBunqTestCase;
use BunqContext\Tests\Support\Paths;
use FFI;

/**
 * 10,000 calls through the binding (sign, request, error) keep the process's resident
 * memory flat: every owned string, buffer and handle from libbunq is released.
 *
 * Each iteration signs a body and fails on a bad PEM (an exception built from the last
 * error); every 8th also sends a request to the fake server and decodes its answer, and
 * every 16th gets a 404 (an exception with descriptions and a response id): 1,250 requests
 * and 625 API errors among the 10,000 measured iterations. Resident memory is measured
 * after a warm-up of 1,000 iterations (allocator pools and caches filled) and after the
 * 10,000: it may grow by at most MAX_GROWTH_KIB (2 MiB). Forgetting to free only the
 * 344-byte signature string of each iteration would already grow it by about 3.4 MiB; a
 * second test checks that the measure does see a leak.
 */
final class NoLeakTest extends FakeBunqTestCase
{
    private const WARM_UP = 1000;
    private const ITERATIONS = 10000;
    private const MAX_GROWTH_KIB = 2 * 1024;

    public function testTenThousandCallsKeepResidentMemoryFlat(): void
    {
        $client = self::newClient('PHP leak test');
        $userId = $client->userId();
        $privateKey = json_decode(
            (string) file_get_contents(Paths::root() . '/tests/data/signing_vectors.json'),
            true,
        )['private_key_pkcs8_pem'];

        $this->iterate(self::WARM_UP, $client, $userId, $privateKey);
        gc_collect_cycles();
        $before = self::residentKib();
        $this->iterate(self::ITERATIONS, $client, $userId, $privateKey);
        gc_collect_cycles();
        $after = self::residentKib();

        $growth = $after - $before;
        fprintf(
            STDERR,
            "\nNoLeakTest: VmRSS %d KiB after %d warm-up iterations, %d KiB after %d more: %+d KiB (bound %d KiB)\n",
            $before,
            self::WARM_UP,
            $after,
            self::ITERATIONS,
            $growth,
            self::MAX_GROWTH_KIB,
        );
        self::assertLessThanOrEqual(self::MAX_GROWTH_KIB, $growth, "resident memory grew by $growth KiB");
    }

    /**
     * The control: the same measure around 10,000 context strings (~4 KiB each) taken from
     * libbunq and deliberately never freed sees them.
     */
    public function testTheMeasureSeesALeak(): void
    {
        $client = self::newClient('PHP leak control');
        $ffi = Library::ffi();
        $before = self::residentKib();
        for ($i = 0; $i < self::ITERATIONS; $i++) {
            $leaked = Library::outPointer('char');
            Library::check($ffi->bunq_client_to_json($client->handle(), FFI::addr($leaked)));
        }
        $growth = self::residentKib() - $before;
        fprintf(STDERR, "NoLeakTest control: %d strings leaked on purpose: %+d KiB\n", self::ITERATIONS, $growth);
        self::assertGreaterThan(self::MAX_GROWTH_KIB, $growth);
    }

    private function iterate(int $count, Client $client, int $userId, string $privateKey): void
    {
        for ($i = 0; $i < $count; $i++) {
            $body = "{\"iteration\": $i}";
            self::assertSame(344, strlen(Signing::sign($privateKey, $body)));
            try {
                Signing::sign('not a pem', $body);
                self::fail('a bad PEM signed');
            } catch (InvalidInputException) {
            }
            if ($i % 8 === 0) {
                $answer = $client->get("user/$userId");
                self::assertSame(200, $answer->status());
                self::assertSame($userId, $answer->json()['Response'][0]['UserPerson']['id']);
            }
            if ($i % 16 === 1) {
                try {
                    $client->get('user/999999');
                    self::fail('user 999999 exists');
                } catch (NotFoundException $error) {
                    self::assertNotNull($error->getResponseId());
                }
            }
        }
    }

    /** This process's resident set size, from /proc/self/status. */
    private static function residentKib(): int
    {
        $status = (string) file_get_contents('/proc/self/status');
        if (preg_match('/^VmRSS:\s+(\d+)\s+kB/m', $status, $match) !== 1) {
            self::fail('no VmRSS in /proc/self/status');
        }
        return (int) $match[1];
    }
}
