<?php

declare(strict_types=1);

namespace BunqContext\Tests;

use BunqContext\Tests\Support\FakeBunqTestCase;
use BunqContext\Tests\Support\Paths;
use BunqContext\Tests\Support\Process;

/**
 * This package and bunq's official PHP SDK (`bunq/sdk_php`, namespace `bunq\`) load into
 * one PHP process, as in an application that migrates one call at a time. PHP class names
 * ignore case, so a namespace `Bunq\` here would be the SDK's `bunq\`: with both installed,
 * `Cannot declare class bunq\Exception\ApiException, because the name is already in use`.
 * This package's namespace is `BunqContext\`.
 *
 * packagist cannot be reached from the test machines (composer fails to resolve its host),
 * so the official SDK is stood in for by its classes' names: a Composer-like vendor tree
 * whose PSR-4 autoloader maps `bunq\` (as sdk_php's composer.json does) to one file per
 * class the SDK declares where this package has classes too (`src/Exception/` of sdk_php)
 * and its two context classes. A name clash is all that can collide; the SDK's code is not
 * needed to show it.
 */
final class OfficialSdkSideBySideTest extends FakeBunqTestCase
{
    /** Classes of bunq/sdk_php (src/Exception/ and src/Context/), with their parents. */
    private const OFFICIAL_CLASSES = [
        'bunq\Exception\BunqException' => '\Exception',
        'bunq\Exception\ApiException' => '\Exception',
        'bunq\Exception\BadRequestException' => 'ApiException',
        'bunq\Exception\ForbiddenException' => 'ApiException',
        'bunq\Exception\MethodNotAllowedException' => 'ApiException',
        'bunq\Exception\NotFoundException' => 'ApiException',
        'bunq\Exception\PleaseContactBunqException' => 'ApiException',
        'bunq\Exception\SecurityException' => '\Exception',
        'bunq\Exception\TooManyRequestsException' => 'ApiException',
        'bunq\Exception\UnauthorizedException' => 'ApiException',
        'bunq\Exception\UnknownApiErrorException' => 'ApiException',
        'bunq\Exception\ExceptionFactory' => null,
        'bunq\Context\ApiContext' => null,
        'bunq\Context\BunqContext' => null,
    ];

    /**
     * Loads the official SDK's classes first (an application already using them), then
     * every file of this package (as preload.php does), then makes a call that fails with
     * one of this package's exceptions, and prints what it saw as JSON.
     */
    private const SCRIPT = <<<'PHP'
        require $argv[1];
        foreach (json_decode($argv[2], true) as $class) {
            if (!class_exists($class)) {
                fwrite(STDERR, "the official SDK's $class did not load\n");
                exit(2);
            }
        }
        $source = $argv[3];
        // This package's autoloader, as Composer's would be: parents load before children.
        spl_autoload_register(static function (string $class) use ($source): void {
            if (str_starts_with($class, 'BunqContext\\')) {
                $file = $source . '/' . str_replace('\\', '/', substr($class, 12)) . '.php';
                if (is_file($file)) {
                    require_once $file;
                }
            }
        });
        $files = new RecursiveIteratorIterator(new RecursiveDirectoryIterator($source, FilesystemIterator::SKIP_DOTS));
        $ours = 0;
        foreach ($files as $file) {
            if ($file->getExtension() === 'php') {
                require_once $file->getPathname();
                $ours++;
            }
        }
        try {
            BunqContext\Client::create(['base_url' => $argv[4], 'api_key' => 'unknown-key', 'proxy' => 'none']);
            $caught = null;
        } catch (Throwable $error) {
            $caught = $error;
        }
        echo json_encode([
            'our_files' => $ours,
            'official' => get_class(new bunq\Exception\ApiException('official')),
            'caught' => $caught === null ? null : get_class($caught),
            'ours' => $caught instanceof BunqContext\Exception\BunqException,
            'theirs' => $caught instanceof bunq\Exception\BunqException,
        ]), "\n";
        PHP;

    public function testBothPackagesLoadInOneProcess(): void
    {
        $vendor = self::vendorWithOfficialSdk();
        $result = Process::run(
            [
                PHP_BINARY,
                '-r',
                self::SCRIPT,
                "$vendor/autoload.php",
                json_encode(array_keys(self::OFFICIAL_CLASSES)),
                Paths::package() . '/src',
                self::baseUrl(),
            ],
            Process::NO_PROXY,
        );
        $output = "stdout:\n{$result['stdout']}\nstderr:\n{$result['stderr']}";
        self::assertSame(0, $result['exit'], $output);
        self::assertSame('', $result['stderr'], $output);
        $seen = json_decode(trim($result['stdout']), true);
        self::assertIsArray($seen, $output);
        self::assertGreaterThan(20, $seen['our_files'], $output);
        self::assertSame('bunq\Exception\ApiException', $seen['official'], $output);
        // The fake refuses the unknown API key: one of this package's exceptions, not the SDK's.
        self::assertIsString($seen['caught'], $output);
        self::assertStringStartsWith('BunqContext\Exception\\', $seen['caught'], $output);
        self::assertTrue($seen['ours'], $output);
        self::assertFalse($seen['theirs'], $output);
    }

    public function testNoClassOfThisPackageSharesANameWithTheOfficialSdk(): void
    {
        $official = array_map('strtolower', array_keys(self::OFFICIAL_CLASSES));
        $source = Paths::package() . '/src/';
        $files = new \RecursiveIteratorIterator(
            new \RecursiveDirectoryIterator($source, \FilesystemIterator::SKIP_DOTS),
        );
        $checked = 0;
        foreach ($files as $file) {
            if ($file->getExtension() !== 'php') {
                continue;
            }
            $class = 'BunqContext\\' . str_replace('/', '\\', substr($file->getPathname(), strlen($source), -4));
            self::assertTrue(class_exists($class) || interface_exists($class), "$class does not load");
            // Case-insensitively, as PHP compares class names.
            self::assertStringStartsNotWith('bunq\\', strtolower($class));
            self::assertNotContains(strtolower($class), $official);
            $checked++;
        }
        self::assertGreaterThan(20, $checked);
    }

    /** A Composer-like vendor directory: autoload.php mapping `bunq\` to the stand-ins. */
    private static function vendorWithOfficialSdk(): string
    {
        $vendor = Paths::scratchDirectory('official-sdk') . '/vendor';
        $source = "$vendor/bunq/sdk_php/src";
        foreach (self::OFFICIAL_CLASSES as $class => $parent) {
            $namespace = substr($class, 0, (int) strrpos($class, '\\'));
            $name = substr($class, strlen($namespace) + 1);
            $file = $source . '/' . str_replace('\\', '/', substr($class, strlen('bunq\\'))) . '.php';
            if (!is_dir(dirname($file))) {
                mkdir(dirname($file), 0700, true);
            }
            $extends = $parent === null ? '' : " extends $parent";
            file_put_contents($file, "<?php\nnamespace $namespace;\n\nclass $name$extends\n{\n}\n");
        }
        file_put_contents("$vendor/autoload.php", sprintf(
            "<?php\n// sdk_php's composer.json: \"autoload\": {\"psr-4\": {\"bunq\\\\\\\\\": \"src/\"}}\n"
            . "spl_autoload_register(static function (string \$class): void {\n"
            . "    if (str_starts_with(\$class, 'bunq\\\\')) {\n"
            . "        \$file = %s . str_replace('\\\\', '/', substr(\$class, 5)) . '.php';\n"
            . "        if (is_file(\$file)) {\n            require \$file;\n        }\n    }\n});\n",
            var_export("$source/", true),
        ));
        return $vendor;
    }
}
