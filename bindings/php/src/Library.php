<?php

declare(strict_types=1);

namespace BunqContext;

use BunqContext\Exception\BunqException;
use BunqContext\Exception\ExceptionFactory;
use BunqContext\Exception\InvalidInputException;
use BunqContext\Exception\JsonException;
use BunqContext\Exception\LibraryException;
use FFI;
use FFI\CData;

/**
 * libbunq through PHP's FFI: loaded once per process, after checking its ABI version, plus
 * the marshalling every class shares (owned strings and buffers in, out and freed; the
 * last error turned into an exception).
 *
 * Where things are found:
 * - when php.ini preloads the FFI scope "BUNQ" (`ffi.preload=<package>/bunq_preload.h`, the
 *   php-fpm set-up, see preload.php): that scope, whatever else is set;
 * - otherwise (the CLI) the header: `$BUNQ_HEADER_PATH`, else `include/bunq.h` of the
 *   checkout this package lives in (`<package>/../../include/bunq.h`), else
 *   `/usr/local/include/bunq.h` or `/usr/include/bunq.h`;
 * - and the library: `$BUNQ_LIBRARY_PATH` (and nothing else when it is set), else
 *   {@see Abi::SONAME} (the SONAME of this ABI) then `libbunq.so` on the system's
 *   library path (`LD_LIBRARY_PATH`, ldconfig's directories), else the checkout's `target/release/` and
 *   `target/debug/` builds.
 *
 * @internal the classes of this package use it; applications use those classes.
 */
final class Library
{
    /** The ABI version of bunq.h this binding was generated for ({@see Abi::VERSION}). */
    public const ABI_VERSION = Abi::VERSION;

    /** Environment variable naming the library file. */
    public const LIBRARY_PATH_VARIABLE = 'BUNQ_LIBRARY_PATH';

    /** Environment variable naming the header file. */
    public const HEADER_PATH_VARIABLE = 'BUNQ_HEADER_PATH';

    /** The FFI scope bunq_preload.h declares, for php.ini's `ffi.preload`. */
    public const FFI_SCOPE = Abi::FFI_SCOPE;

    /** Just enough to ask a library what it is before trusting the whole header to it. */
    private const PROBE_DECLARATIONS = 'uint32_t bunq_abi_version(void); const char *bunq_version(void);';

    private static ?FFI $ffi = null;

    private static ?string $origin = null;

    /** The loaded library (loading it on first use). */
    public static function ffi(): FFI
    {
        return self::$ffi ??= self::open();
    }

    /**
     * Where the loaded library came from (loading it on first use): `FFI::scope("BUNQ")`
     * when php.ini preloads it, else the file or name FFI::cdef opened.
     */
    public static function origin(): string
    {
        self::ffi();
        return self::$origin ?? '';
    }

    /** The library's version, e.g. `"0.1.0"`. */
    public static function version(): string
    {
        return self::ffi()->bunq_version();
    }

    /** The library's ABI version (equal to {@see ABI_VERSION} once loaded). */
    public static function abiVersion(): int
    {
        return self::ffi()->bunq_abi_version();
    }

    /**
     * Loads the first of `$libraries` that opens, refusing it unless its ABI version is
     * {@see ABI_VERSION}, and declares `$headerPath`'s functions over it. Not cached: use
     * {@see ffi()} for the process-wide instance.
     *
     * @param string[] $libraries paths or names for dlopen, tried in order
     * @throws LibraryException
     */
    public static function load(array $libraries, string $headerPath): FFI
    {
        return self::declare($libraries, $headerPath)[0];
    }

    /** Throws the exception for libbunq's last error unless `$status` is BUNQ_OK. */
    public static function check(int $status): void
    {
        if ($status !== 0) {
            throw self::lastError($status);
        }
    }

    /** A new, NULL `T *` for a function to write an owned pointer to (pass `FFI::addr`). */
    public static function outPointer(string $type): CData
    {
        return self::ffi()->new("$type *");
    }

    /** A new scalar (`uint64_t`, `uint16_t`, `bool`, `size_t`) for an out-parameter. */
    public static function outScalar(string $type): CData
    {
        return self::ffi()->new($type);
    }

    /**
     * The text of an owned `char *` from libbunq, which is released: null for NULL.
     */
    public static function takeString(?CData $pointer): ?string
    {
        if ($pointer === null || FFI::isNull($pointer)) {
            return null;
        }
        try {
            return FFI::string($pointer);
        } finally {
            self::ffi()->bunq_string_free($pointer);
        }
    }

    /**
     * The bytes of an owned `uint8_t *` buffer of `$length` bytes from libbunq, which is
     * released.
     */
    public static function takeBytes(CData $pointer, int $length): string
    {
        if (FFI::isNull($pointer)) {
            return '';
        }
        try {
            return $length === 0 ? '' : FFI::string($pointer, $length);
        } finally {
            self::ffi()->bunq_bytes_free($pointer);
        }
    }

    /**
     * Bytes to pass as `const uint8_t *` with their length: a C copy (FFI passes PHP
     * strings only to `char *` parameters), or null for none.
     */
    public static function bytes(string $data): ?CData
    {
        $length = strlen($data);
        if ($length === 0) {
            return null;
        }
        $buffer = self::ffi()->new("uint8_t[$length]");
        FFI::memcpy($buffer, $data, $length);
        return $buffer;
    }

    /**
     * `$value` as a C string argument. C strings end at the first NUL byte, so a string
     * holding one would be cut short silently: it is refused instead.
     *
     * @throws InvalidInputException
     */
    public static function text(string $value, string $name): string
    {
        if (str_contains($value, "\0")) {
            throw new InvalidInputException("$name contains a NUL byte", 'BUNQ_ERROR_INVALID_INPUT');
        }
        return $value;
    }

    /** An optional C string argument: null stays NULL. */
    public static function optionalText(?string $value, string $name): ?string
    {
        return $value === null ? null : self::text($value, $name);
    }

    /**
     * A JSON argument: an array is encoded (an empty one as `{}`), a string is passed as
     * the JSON text it is, null stays NULL (the library's defaults).
     *
     * @param array<mixed>|string|null $value
     * @throws JsonException when the array cannot be encoded (e.g. invalid UTF-8)
     */
    public static function json(array|string|null $value, string $name): ?string
    {
        if ($value === null) {
            return null;
        }
        if (is_string($value)) {
            return self::text($value, $name);
        }
        if ($value === []) {
            return '{}';
        }
        try {
            return json_encode(
                $value,
                JSON_THROW_ON_ERROR | JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE,
            );
        } catch (\JsonException $error) {
            throw new JsonException(
                "$name cannot be encoded as JSON: {$error->getMessage()}",
                'BUNQ_ERROR_JSON',
                previous: $error,
            );
        }
    }

    /**
     * Decodes JSON text from libbunq or bunq into arrays.
     *
     * @return array<mixed>
     * @throws JsonException
     */
    public static function decode(string $json, string $what): array
    {
        try {
            $value = json_decode($json, true, 512, JSON_THROW_ON_ERROR);
        } catch (\JsonException $error) {
            throw new JsonException(
                "$what is not JSON: {$error->getMessage()}",
                'BUNQ_ERROR_JSON',
                previous: $error,
            );
        }
        if (!is_array($value)) {
            throw new JsonException("$what is not a JSON object or array", 'BUNQ_ERROR_JSON');
        }
        return $value;
    }

    /**
     * Decodes any JSON value libbunq gives (an answer by name: an object or list as arrays,
     * an id as int, a UUID as string, or null).
     *
     * @throws JsonException
     */
    public static function decodeValue(string $json, string $what): mixed
    {
        try {
            return json_decode($json, true, 512, JSON_THROW_ON_ERROR);
        } catch (\JsonException $error) {
            throw new JsonException(
                "$what is not JSON: {$error->getMessage()}",
                'BUNQ_ERROR_JSON',
                previous: $error,
            );
        }
    }

    /**
     * The ids of a call by name, as `ids_json`: named arguments collected by a variadic
     * parameter (`monetary_account_id: 7`), so each key must be a name. None: NULL.
     *
     * @param array<int|string, mixed> $ids
     * @throws InvalidInputException for an id given by position
     */
    public static function ids(array $ids): ?string
    {
        if ($ids === []) {
            return null;
        }
        foreach (array_keys($ids) as $key) {
            if (is_int($key)) {
                throw new InvalidInputException(
                    'the ids of a call by name are named arguments, e.g. '
                    . "call('Payment.get', monetary_account_id: 7, payment_id: 42); "
                    . 'got one by position',
                    'BUNQ_ERROR_INVALID_INPUT',
                );
            }
        }
        return self::json($ids, 'ids');
    }

    /**
     * An id or count for a `uint64_t` parameter: PHP's int is signed, and a negative one
     * would reach C as a huge number.
     *
     * @throws InvalidInputException
     */
    public static function unsigned(int $value, string $name): int
    {
        if ($value < 0) {
            throw new InvalidInputException("$name is negative ($value)", 'BUNQ_ERROR_INVALID_INPUT');
        }
        return $value;
    }

    /** The exception for the last error of this thread, set by a call that gave `$status`. */
    private static function lastError(int $status): BunqException
    {
        // Read everything before any other call: each call clears the last error.
        $ffi = self::ffi();
        $message = self::takeString($ffi->bunq_last_error_message());
        $httpStatus = $ffi->bunq_last_error_http_status();
        $descriptions = [];
        $count = $ffi->bunq_last_error_description_count();
        for ($index = 0; $index < $count; $index++) {
            $descriptions[] = self::takeString($ffi->bunq_last_error_description($index)) ?? '';
        }
        $responseId = self::takeString($ffi->bunq_last_error_response_id());
        $step = self::takeString($ffi->bunq_last_error_step());
        $statusName = $ffi->bunq_status_name($status);
        return ExceptionFactory::create(
            $status,
            $statusName,
            $message ?? $statusName,
            $httpStatus,
            $descriptions,
            $responseId,
            $step,
        );
    }

    /**
     * The preloaded scope when there is one, else the first loadable of the library
     * candidates with the header's declarations; remembers which in {@see origin()}.
     *
     * @throws LibraryException
     */
    private static function open(): FFI
    {
        self::requireFfi();
        $scope = self::preloadedScope();
        if ($scope !== null) {
            $origin = sprintf('FFI::scope("%s")', self::FFI_SCOPE);
            self::checkAbi($scope, $origin);
            self::$origin = $origin;
            return $scope;
        }
        [$ffi, self::$origin] = self::declare(self::libraryCandidates(), self::headerPath());
        return $ffi;
    }

    /**
     * The scope php.ini's `ffi.preload` made from bunq_preload.h, or null when there is none
     * (FFI::scope throws for an unknown scope, and where FFI is restricted to preloaded code
     * that this class is not part of).
     */
    private static function preloadedScope(): ?FFI
    {
        try {
            return FFI::scope(self::FFI_SCOPE);
        } catch (\FFI\Exception) {
            return null;
        }
    }

    /**
     * Opens the first loadable of `$libraries` and declares `$headerPath`'s functions over it.
     *
     * @param string[] $libraries
     * @return array{FFI, string} the declarations and the library they use
     * @throws LibraryException
     */
    private static function declare(array $libraries, string $headerPath): array
    {
        self::requireFfi();
        $library = self::firstLoadable($libraries);
        $header = @file_get_contents($headerPath);
        if ($header === false) {
            throw new LibraryException("cannot read the bunq header $headerPath");
        }
        try {
            return [FFI::cdef(self::declarationsForPhp($header), $library), $library];
        } catch (\FFI\Exception $error) {
            throw new LibraryException(
                "$library does not match $headerPath: {$error->getMessage()}",
                previous: $error,
            );
        }
    }

    /**
     * bunq.h as PHP's FFI parser can read it: without its C++ linkage blocks
     * (`#ifdef __cplusplus` / `extern "C" {` / `#endif` and the closing `}`), which C++
     * compilers need and PHP cannot parse (it skips preprocessor lines, so it would meet a
     * bare `extern "C" {`). Everything else is passed as it is.
     */
    public static function declarationsForPhp(string $header): string
    {
        return (string) preg_replace('/^#ifdef __cplusplus\n.*?^#endif\b[^\n]*\n/ms', '', $header);
    }

    /** @throws LibraryException */
    private static function requireFfi(): void
    {
        if (!extension_loaded('ffi')) {
            throw new LibraryException(
                "PHP's FFI extension is not loaded: install or enable ext-ffi "
                . '(Debian: it is part of php-cli; check php -m)',
            );
        }
    }

    /**
     * Opens the first library of `$libraries` and checks its ABI version.
     *
     * @param string[] $libraries
     * @throws LibraryException
     */
    private static function firstLoadable(array $libraries): string
    {
        $failures = [];
        foreach ($libraries as $library) {
            try {
                $probe = FFI::cdef(self::PROBE_DECLARATIONS, $library);
            } catch (\FFI\Exception $error) {
                self::refuseWhenFfiIsRestricted($error);
                $failures[] = "$library: {$error->getMessage()}";
                continue;
            }
            self::checkAbi($probe, $library);
            return $library;
        }
        throw new LibraryException(
            'cannot load libbunq (set ' . self::LIBRARY_PATH_VARIABLE . ' to its path, '
            . 'or put libbunq.so on the library path); tried: ' . implode('; ', $failures),
        );
    }

    /** @throws LibraryException */
    private static function checkAbi(FFI $probe, string $library): void
    {
        $abi = $probe->bunq_abi_version();
        if ($abi !== self::ABI_VERSION) {
            $version = $probe->bunq_version();
            throw new LibraryException(sprintf(
                '%s (libbunq %s) has ABI version %d, but this binding needs ABI version %d: '
                . 'use the libbunq built from the same bunq-context release as bindings/php',
                $library,
                $version,
                $abi,
                self::ABI_VERSION,
            ));
        }
    }

    /**
     * PHP-FPM and other non-CLI SAPIs default to `ffi.enable=preload`, which refuses
     * FFI::cdef at run time: say how to preload the binding instead of "cannot load".
     *
     * @throws LibraryException
     */
    private static function refuseWhenFfiIsRestricted(\FFI\Exception $error): void
    {
        if (str_contains($error->getMessage(), 'ffi.enable')) {
            $package = dirname(__DIR__);
            throw new LibraryException(
                "PHP's FFI is restricted here ({$error->getMessage()}): under php-fpm and the "
                . 'other web SAPIs (ffi.enable=preload), preload the binding with these php.ini '
                . "lines: ffi.preload=$package/bunq_preload.h and "
                . "opcache.preload=$package/preload.php (docs/php.md)",
                previous: $error,
            );
        }
    }

    /** @return string[] where to look for the library, in order */
    private static function libraryCandidates(): array
    {
        $configured = getenv(self::LIBRARY_PATH_VARIABLE);
        if (is_string($configured) && $configured !== '') {
            return [$configured];
        }
        $name = match (PHP_OS_FAMILY) {
            'Darwin' => 'libbunq.dylib',
            'Windows' => 'bunq.dll',
            default => 'libbunq.so',
        };
        $checkout = self::checkoutDirectory();
        return [
            // The SONAME: only a library of this ABI answers to it.
            ...($name === 'libbunq.so' ? [Abi::SONAME] : []),
            $name,
            "$checkout/target/release/$name",
            "$checkout/target/debug/$name",
        ];
    }

    /** @throws LibraryException */
    private static function headerPath(): string
    {
        $configured = getenv(self::HEADER_PATH_VARIABLE);
        if (is_string($configured) && $configured !== '') {
            return $configured;
        }
        $candidates = [
            self::checkoutDirectory() . '/include/bunq.h',
            '/usr/local/include/bunq.h',
            '/usr/include/bunq.h',
        ];
        foreach ($candidates as $candidate) {
            if (is_file($candidate)) {
                return $candidate;
            }
        }
        throw new LibraryException(
            'cannot find bunq.h (set ' . self::HEADER_PATH_VARIABLE . ' to its path); tried: '
            . implode(', ', $candidates),
        );
    }

    /** The bunq-context checkout this package sits in: `<package>/../..`. */
    private static function checkoutDirectory(): string
    {
        return dirname(__DIR__, 3);
    }
}
