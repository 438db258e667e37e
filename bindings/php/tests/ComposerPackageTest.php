<?php

declare(strict_types=1);

namespace Bunq\Tests;

use Bunq\Tests\Support\Paths;
use Bunq\Tests\Support\Process;
use PHPUnit\Framework\TestCase;

/** The package as Composer sees it: `composer validate --strict` passes. */
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
}
