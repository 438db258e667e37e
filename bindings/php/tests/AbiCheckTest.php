<?php

declare(strict_types=1);

namespace BunqContext\Tests;

use BunqContext\Abi;
use BunqContext\Exception\LibraryException;
use BunqContext\Library;
use BunqContext\Tests\Support\Paths;
use BunqContext\Tests\Support\Process;
use PHPUnit\Framework\TestCase;

/**
 * The binding refuses a library of another ABI version, with a message that says so: tried
 * for real against a stub libbunq compiled here, whose bunq_abi_version() returns 999.
 */
final class AbiCheckTest extends TestCase
{
    private const STUB_SOURCE = <<<'C'
        #include <stdint.h>
        uint32_t bunq_abi_version(void) { return 999; }
        const char *bunq_version(void) { return "9.9.9-stub"; }
        C;

    private static ?string $stub = null;

    /** The stub library, compiled with gcc once per test that needs it (scratch
     * directories go after each test). */
    private static function stubLibrary(): string
    {
        if (self::$stub !== null && is_file(self::$stub)) {
            return self::$stub;
        }
        $directory = Paths::scratchDirectory('abi-stub');
        file_put_contents("$directory/stub.c", self::STUB_SOURCE);
        $result = Process::run(['gcc', '-shared', '-fPIC', '-o', "$directory/libbunq.so", "$directory/stub.c"]);
        self::assertSame(0, $result['exit'], "gcc failed (Debian: apt-get install -y gcc):\n{$result['stderr']}");
        return self::$stub = "$directory/libbunq.so";
    }

    public function testLoadingRefusesAMismatchedLibrary(): void
    {
        $stub = self::stubLibrary();
        try {
            Library::load([$stub], Paths::root() . '/include/bunq.h');
            self::fail('a library of ABI version 999 was accepted');
        } catch (LibraryException $error) {
            self::assertStringContainsString($stub, $error->getMessage());
            self::assertStringContainsString('9.9.9-stub', $error->getMessage());
            self::assertStringContainsString('ABI version 999', $error->getMessage());
            self::assertStringContainsString('needs ABI version ' . Abi::VERSION, $error->getMessage());
        }
    }

    public function testAProgramPointedAtAMismatchedLibraryStopsWithAClearMessage(): void
    {
        // A program's first call loads the library: it must stop there, with the reason.
        $script = <<<'PHP'
            require $argv[1];
            try {
                BunqContext\KeyPair::generate();
                echo "loaded\n";
            } catch (BunqContext\Exception\LibraryException $error) {
                echo get_class($error), ': ', $error->getMessage(), "\n";
                exit(3);
            }
            PHP;
        $result = Process::run(
            [PHP_BINARY, '-r', $script, Paths::package() . '/tests/bootstrap.php'],
            ['BUNQ_LIBRARY_PATH' => self::stubLibrary()],
        );
        self::assertSame(3, $result['exit'], $result['stdout'] . $result['stderr']);
        self::assertStringContainsString('BunqContext\Exception\LibraryException', $result['stdout']);
        self::assertStringContainsString('ABI version 999, but this binding needs ABI version ' . Abi::VERSION, $result['stdout']);
    }

    public function testAMissingLibraryIsNamed(): void
    {
        $missing = Paths::scratchDirectory('abi-missing') . '/libbunq.so';
        $this->expectException(LibraryException::class);
        $this->expectExceptionMessage('cannot load libbunq (set BUNQ_LIBRARY_PATH');
        Library::load([$missing], Paths::root() . '/include/bunq.h');
    }

    public function testALibraryThatIsNotLibbunqIsRefused(): void
    {
        $this->expectException(LibraryException::class);
        Library::load(['libm.so.6'], Paths::root() . '/include/bunq.h');
    }
}
