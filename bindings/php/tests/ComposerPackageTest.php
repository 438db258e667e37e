<?php

declare(strict_types=1);

namespace BunqContext\Tests;

use BunqContext\Tests\Support\Paths;
use BunqContext\Tests\Support\Process;
use PHPUnit\Framework\TestCase;

/**
 * The package as Composer sees it: `composer validate --strict` passes, the metadata is
 * complete and current, and both licence texts are inside it.
 */
final class ComposerPackageTest extends TestCase
{
    public function testComposerValidatesThePackageStrictly(): void
    {
        $result = Process::run(
            ['composer', 'validate', '--strict', '--no-interaction', Paths::package() . '/composer.json'],
            ['COMPOSER_ALLOW_SUPERUSER' => '1', 'COMPOSER_HOME' => Paths::scratchDirectory('composer-home')],
        );
        self::assertSame(
            0,
            $result['exit'],
            "composer validate failed (Debian: apt-get install -y composer):\n{$result['stdout']}{$result['stderr']}",
        );
        self::assertStringContainsString('composer.json is valid', $result['stdout'] . $result['stderr']);
    }

    /** The repository's address in every package's metadata (a placeholder until published). */
    private const REPOSITORY = 'https://github.com/bunq-context/bunq-context';

    public function testTheMetadataIsCompleteAndCurrent(): void
    {
        $package = json_decode(
            (string) file_get_contents(Paths::package() . '/composer.json'),
            true,
            512,
            JSON_THROW_ON_ERROR,
        );
        self::assertSame(['MIT', 'Apache-2.0'], $package['license']);
        self::assertSame(self::REPOSITORY, $package['homepage']);
        self::assertSame('The bunq-context authors', $package['authors'][0]['name']);
        self::assertFileExists(Paths::package() . '/' . $package['readme']);
        foreach (['issues', 'source', 'docs', 'security'] as $channel) {
            self::assertStringStartsWith(self::REPOSITORY, $package['support'][$channel], $channel);
        }
        // Our own namespace: bunq's official SDK owns bunq\ (and PHP ignores case).
        self::assertSame(['BunqContext\\' => 'src/'], $package['autoload']['psr-4']);
        self::assertSame('>=8.1', $package['require']['php']);
        self::assertArrayHasKey('ext-ffi', $package['require']);
    }

    public function testThePackageShipsBothLicenceTexts(): void
    {
        foreach (['LICENSE-MIT', 'LICENSE-APACHE'] as $licence) {
            self::assertFileEquals(Paths::root() . "/$licence", Paths::package() . "/$licence", $licence);
        }
    }
}
