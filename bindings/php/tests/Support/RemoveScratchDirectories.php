<?php

declare(strict_types=1);

namespace BunqContext\Tests\Support;

use PHPUnit\Runner\AfterTestHook;

/**
 * Removes the scratch directories (Paths::scratchDirectory) once each test has run, whether
 * it passed, failed or erred: they hold the context files the tests save, private keys
 * included. Registered in phpunit.xml.
 */
final class RemoveScratchDirectories implements AfterTestHook
{
    public function executeAfterTest(string $test, float $time): void
    {
        Paths::removeScratchDirectories();
    }
}
