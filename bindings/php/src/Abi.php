<?php

// Generated from include/bunq.h and bindings/bindings.toml by `cargo run -p bunq-codegen -- bindings`; do not edit.

declare(strict_types=1);

namespace BunqContext;

/**
 * What include/bunq.h says that this binding needs besides the declarations PHP's FFI
 * reads from the header itself: the ABI version, the status codes and the exception class
 * of each status.
 *
 * @internal the classes of this package use it; applications use those classes.
 */
final class Abi
{
    /** `BUNQ_ABI_VERSION`: the `bunq_abi_version()` this binding was generated for. */
    public const VERSION = 1;

    /** The library's SONAME on Linux: only a library of this ABI has it. */
    public const SONAME = 'libbunq.so.1';

    /** The FFI scope bunq_preload.h declares, for php.ini's `ffi.preload`. */
    public const FFI_SCOPE = 'BUNQ';

    /**
     * The `bunq_status` codes: name => number.
     *
     * @var array<string, int>
     */
    public const STATUS = [
        'BUNQ_OK' => 0,
        'BUNQ_ERROR_API' => 1,
        'BUNQ_ERROR_RATE_LIMITED' => 2,
        'BUNQ_ERROR_TRANSPORT' => 3,
        'BUNQ_ERROR_TIMEOUT' => 4,
        'BUNQ_ERROR_SIGNATURE' => 5,
        'BUNQ_ERROR_JSON' => 6,
        'BUNQ_ERROR_IO' => 7,
        'BUNQ_ERROR_INVALID_INPUT' => 8,
        'BUNQ_ERROR_NULL_ARGUMENT' => 9,
        'BUNQ_ERROR_INVALID_UTF8' => 10,
        'BUNQ_ERROR_PANIC' => 11,
    ];

    /**
     * The exception class for each failure status but bunq's refusals.
     *
     * @var array<int, class-string<Exception\BunqException>>
     */
    public const EXCEPTION_BY_STATUS = [
        2 => Exception\TooManyRequestsException::class, // ERROR_RATE_LIMITED
        3 => Exception\TransportException::class, // ERROR_TRANSPORT
        4 => Exception\TimeoutException::class, // ERROR_TIMEOUT
        5 => Exception\SignatureException::class, // ERROR_SIGNATURE
        6 => Exception\JsonException::class, // ERROR_JSON
        7 => Exception\IoException::class, // ERROR_IO
        8 => Exception\InvalidInputException::class, // ERROR_INVALID_INPUT
        9 => Exception\NullArgumentException::class, // ERROR_NULL_ARGUMENT
        10 => Exception\InvalidUtf8Exception::class, // ERROR_INVALID_UTF8
        11 => Exception\PanicException::class, // ERROR_PANIC
    ];

    /** bunq's refusals: the class follows the HTTP status, as in bunq's official SDKs. */
    public const API_ERROR_STATUS = 1;

    /**
     * @var array<int, class-string<Exception\ApiException>>
     */
    public const API_EXCEPTION_BY_HTTP_STATUS = [
        400 => Exception\BadRequestException::class,
        401 => Exception\UnauthorizedException::class,
        403 => Exception\ForbiddenException::class,
        404 => Exception\NotFoundException::class,
        405 => Exception\MethodNotAllowedException::class,
        429 => Exception\TooManyRequestsException::class,
        500 => Exception\PleaseContactBunqException::class,
    ];

    /** The class for an HTTP status not listed above. */
    public const API_EXCEPTION_OTHERWISE = Exception\UnknownApiErrorException::class;

    private function __construct()
    {
    }
}
