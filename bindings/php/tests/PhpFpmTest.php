<?php

declare(strict_types=1);

namespace BunqContext\Tests;

use BunqContext\Library;
use BunqContext\Tests\Support\FakeServer;
use BunqContext\Tests\Support\Paths;
use BunqContext\Tests\Support\PhpFpm;
use BunqContext\Tests\Support\Process;
use PHPUnit\Framework\TestCase;

/**
 * The production set-up docs/php.md documents, with real parts: Debian's php-fpm started here
 * with `ffi.enable` at its default (`preload`), the binding preloaded through
 * `ffi.preload=bunq_preload.h` and `opcache.preload=preload.php`, and a page asked for over
 * FastCGI with `cgi-fcgi` that creates a client against the fake server and calls an
 * endpoint. Also: without the preload lines the page is told how to set them up, and the CLI
 * uses the preloaded scope when php.ini declares it.
 *
 * The library is found the way a `make install` puts it: by its SONAME, libbunq.so.1, here
 * through LD_LIBRARY_PATH of the master (a directory linking that name to the build under
 * test). Workers start with a cleared environment, as php-fpm's default `clear_env` does.
 */
final class PhpFpmTest extends TestCase
{
    /** Prints what the page saw as JSON; no require: every class comes from the preload. */
    private const PRELOADED_PAGE = <<<'PHP'
        <?php
        header('Content-Type: application/json');
        try {
            $options = ['base_url' => $_SERVER['BUNQ_TEST_BASE_URL'], 'proxy' => 'none',
                'rate_limits' => false, 'timeout_ms' => 30000];
            $client = BunqContext\Client::create($options + [
                'api_key' => BunqContext\Sandbox::createUser($options, 'person'),
                'description' => 'php-fpm page',
                'permitted_ips' => ['*'],
            ]);
            $userId = $client->userId();
            $accounts = $client->get("user/$userId/monetary-account", ['count' => 10]);
            echo json_encode([
                'sapi' => PHP_SAPI,
                'ffi.enable' => ini_get('ffi.enable'),
                'origin' => BunqContext\Library::origin(),
                'status' => $accounts->status(),
                'accounts' => count($accounts->json()['Response']),
                'autoloaders' => count(spl_autoload_functions()),
                'classes' => array_values(array_filter(
                    get_declared_classes(),
                    static fn (string $class) => str_starts_with($class, 'BunqContext\\'),
                )),
            ]);
        } catch (Throwable $error) {
            echo json_encode(['error' => get_class($error), 'message' => $error->getMessage()]);
        }
        PHP;

    /** The binding loaded by its autoloader, as on the CLI, in a master without preloading. */
    private const UNPRELOADED_PAGE = <<<'PHP'
        <?php
        require $_SERVER['BUNQ_TEST_BOOTSTRAP'];
        try {
            BunqContext\KeyPair::generate();
            echo json_encode(['loaded' => BunqContext\Library::origin()]);
        } catch (Throwable $error) {
            echo json_encode(['error' => get_class($error), 'message' => $error->getMessage()]);
        }
        PHP;

    private ?PhpFpm $fpm = null;

    protected function tearDown(): void
    {
        $this->fpm?->stop();
    }

    public function testAPageUnderPhpFpmUsesThePreloadedBindingAndCallsTheServer(): void
    {
        $directory = Paths::scratchDirectory('fpm-preload');
        $this->fpm = new PhpFpm($directory, self::preloadIniLines(), self::libraryEnvironment($directory));
        file_put_contents("$directory/page.php", self::PRELOADED_PAGE);

        $body = $this->fpm->page("$directory/page.php", [
            'BUNQ_TEST_BASE_URL' => FakeServer::shared()->baseUrl,
        ]);

        $page = json_decode($body, true);
        self::assertIsArray($page, "the page printed no JSON:\n$body\n" . $this->fpm->logs());
        self::assertArrayNotHasKey('error', $page, $body . "\n" . $this->fpm->logs());
        self::assertSame('fpm-fcgi', $page['sapi']);
        self::assertSame('preload', $page['ffi.enable'], 'ffi.enable is left at its default');
        self::assertSame('FFI::scope("BUNQ")', $page['origin']);
        self::assertSame(200, $page['status']);
        self::assertGreaterThanOrEqual(1, $page['accounts']);
        self::assertSame(0, $page['autoloaders'], 'no autoloader: the classes are preloaded');
        $expected = self::bindingClasses();
        $preloaded = $page['classes'];
        sort($preloaded);
        self::assertSame($expected, $preloaded, 'preload.php loads every class of the binding');
    }

    public function testWithoutPreloadingAPageIsToldHowToPreload(): void
    {
        $directory = Paths::scratchDirectory('fpm-plain');
        $this->fpm = new PhpFpm($directory, ['opcache.enable=1'], self::libraryEnvironment($directory));
        file_put_contents("$directory/page.php", self::UNPRELOADED_PAGE);

        $body = $this->fpm->page("$directory/page.php", [
            'BUNQ_TEST_BOOTSTRAP' => Paths::package() . '/tests/bootstrap.php',
        ]);

        $page = json_decode($body, true);
        self::assertIsArray($page, "the page printed no JSON:\n$body\n" . $this->fpm->logs());
        self::assertSame('BunqContext\Exception\LibraryException', $page['error'] ?? null, $body);
        $package = Paths::package();
        self::assertStringContainsString("ffi.preload=$package/bunq_preload.h", $page['message']);
        self::assertStringContainsString("opcache.preload=$package/preload.php", $page['message']);
        self::assertStringNotContainsString('ffi.enable=true', $page['message']);
    }

    public function testTheCliUsesThePreloadedScopeWhenPhpIniDeclaresItAndCdefOtherwise(): void
    {
        $directory = Paths::scratchDirectory('cli-preload');
        $script = 'require $argv[1]; BunqContext\KeyPair::generate(); echo BunqContext\Library::origin();';
        $bootstrap = Paths::package() . '/tests/bootstrap.php';
        $preloaded = Process::run(
            [PHP_BINARY, '-d', 'ffi.preload=' . Paths::package() . '/bunq_preload.h', '-r', $script, $bootstrap],
            self::libraryEnvironment($directory),
        );
        self::assertSame(0, $preloaded['exit'], $preloaded['stdout'] . $preloaded['stderr']);
        self::assertSame('FFI::scope("BUNQ")', $preloaded['stdout']);

        $plain = Process::run([PHP_BINARY, '-r', $script, $bootstrap]);
        self::assertSame(0, $plain['exit'], $plain['stdout'] . $plain['stderr']);
        self::assertSame(self::library(), $plain['stdout'], 'FFI::cdef over BUNQ_LIBRARY_PATH');
        self::assertSame(self::library(), Library::origin());
    }

    /** The php.ini lines docs/php.md gives for php-fpm. */
    private static function preloadIniLines(): array
    {
        $package = Paths::package();
        return [
            'opcache.enable=1',
            "opcache.preload=$package/preload.php",
            // Required when the master runs as root; ignored otherwise.
            'opcache.preload_user=' . posix_getpwuid(posix_geteuid())['name'],
            "ffi.preload=$package/bunq_preload.h",
        ];
    }

    /** The libbunq under test (run_tests.sh points BUNQ_LIBRARY_PATH at the debug build). */
    private static function library(): string
    {
        $configured = getenv('BUNQ_LIBRARY_PATH');
        return is_string($configured) && $configured !== '' ? $configured : Paths::cargoDebug() . '/libbunq.so';
    }

    /**
     * LD_LIBRARY_PATH naming a directory where the library answers to its SONAME, as after
     * `make install`; without BUNQ_LIBRARY_PATH, so that nothing but FFI_LIB can find it.
     *
     * @return array<string, ?string>
     */
    private static function libraryEnvironment(string $directory): array
    {
        mkdir("$directory/lib");
        symlink(self::library(), "$directory/lib/libbunq.so." . Library::ABI_VERSION);
        return ['LD_LIBRARY_PATH' => "$directory/lib", 'BUNQ_LIBRARY_PATH' => null];
    }

    /** @return string[] every class of bindings/php/src, sorted */
    private static function bindingClasses(): array
    {
        $source = Paths::package() . '/src/';
        $classes = [];
        $files = new \RecursiveIteratorIterator(new \RecursiveDirectoryIterator($source, \FilesystemIterator::SKIP_DOTS));
        foreach ($files as $file) {
            if ($file->getExtension() === 'php') {
                $classes[] = 'BunqContext\\' . str_replace('/', '\\', substr($file->getPathname(), strlen($source), -4));
            }
        }
        sort($classes);
        return $classes;
    }
}
