<?php

declare(strict_types=1);

namespace BunqContext\Tests;

use BunqContext\Tests\Support\FakeBunqTestCase;
use BunqContext\Tests\Support\Paths;
use BunqContext\Tests\Support\Process;

/**
 * A context file written by this binding is restored by bunq's official Python SDK
 * (bunq-sdk 1.28.0), which then makes signed calls with it: the formats agree.
 */
final class OfficialSdkInteropTest extends FakeBunqTestCase
{
    /** $BUNQ_SDK_PYTHON, else the checkout's .venv/bunq-sdk; never skipped when missing. */
    private static function sdkPython(): string
    {
        $configured = getenv('BUNQ_SDK_PYTHON');
        $python = is_string($configured) && $configured !== ''
            ? $configured
            : Paths::root() . '/.venv/bunq-sdk/bin/python';
        if (!is_executable($python)) {
            self::fail(
                "no Python with the official bunq SDK at $python: set BUNQ_SDK_PYTHON, or run "
                . 'python3 -m venv .venv/bunq-sdk && .venv/bunq-sdk/bin/pip install bunq-sdk==1.28.0',
            );
        }
        return $python;
    }

    public function testTheOfficialPythonSdkRestoresAContextFileWrittenByPhp(): void
    {
        $python = self::sdkPython();
        $client = self::newClient('PHP interop test');
        $userId = $client->userId();
        $file = Paths::scratchDirectory('interop') . '/bunq.conf';
        $client->save($file);

        $result = Process::run(
            [$python, Paths::root() . '/tests/interop/official_sdk.py', 'call', self::baseUrl(), $file],
            Process::NO_PROXY,
        );

        self::assertSame(0, $result['exit'], "the official SDK failed:\n{$result['stdout']}\n{$result['stderr']}");
        $lines = array_values(array_filter(explode("\n", trim($result['stdout']))));
        $answer = json_decode((string) end($lines), true);
        self::assertIsArray($answer, "no JSON from the official SDK:\n{$result['stdout']}");
        self::assertSame($userId, $answer['user_id']);
        self::assertGreaterThan(0, $answer['request_inquiry_id']);
    }
}
