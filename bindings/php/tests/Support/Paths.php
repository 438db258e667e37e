<?php

declare(strict_types=1);

namespace BunqContext\Tests\Support;

/** Where the tests find the checkout's files and tools. */
final class Paths
{
    /** The bunq-context checkout: bindings/php/tests/Support/../../../.. */
    public static function root(): string
    {
        return dirname(__DIR__, 4);
    }

    /** The package: bindings/php. */
    public static function package(): string
    {
        return dirname(__DIR__, 2);
    }

    /** Cargo's debug output directory (honours CARGO_TARGET_DIR, as cargo does). */
    public static function cargoDebug(): string
    {
        $target = getenv('CARGO_TARGET_DIR');
        return (is_string($target) && $target !== '' ? $target : self::root() . '/target') . '/debug';
    }

    /** The fake bunq server binary: $BUNQ_FAKE_BUNQ, else target/debug/fake-bunq. */
    public static function fakeBunq(): string
    {
        $configured = getenv('BUNQ_FAKE_BUNQ');
        return is_string($configured) && $configured !== '' ? $configured : self::cargoDebug() . '/fake-bunq';
    }

    /** @var list<string> scratch directories not removed yet */
    private static array $scratch = [];

    /**
     * A new empty scratch directory, removed with its content once the test that made it
     * has run, whether it passed or not (RemoveScratchDirectories, registered in
     * phpunit.xml), and when the run ends at the latest: tests save context files, which
     * hold private keys, there.
     */
    public static function scratchDirectory(string $name): string
    {
        $directory = sys_get_temp_dir() . '/bunq-php-' . $name . '-' . bin2hex(random_bytes(6));
        mkdir($directory, 0700, true);
        if (self::$scratch === []) {
            register_shutdown_function(self::removeScratchDirectories(...));
        }
        self::$scratch[] = $directory;
        return $directory;
    }

    /** Removes every scratch directory made so far. */
    public static function removeScratchDirectories(): void
    {
        foreach (self::$scratch as $directory) {
            self::remove($directory);
        }
        self::$scratch = [];
    }

    private static function remove(string $path): void
    {
        if (is_dir($path) && !is_link($path)) {
            foreach (scandir($path) ?: [] as $entry) {
                if ($entry !== '.' && $entry !== '..') {
                    self::remove("$path/$entry");
                }
            }
            rmdir($path);
        } elseif (file_exists($path) || is_link($path)) {
            unlink($path);
        }
    }
}
