<?php

declare(strict_types=1);

namespace BunqContext\Exception;

/**
 * Chooses the exception class for a libbunq failure, as the official SDK's factory does
 * for HTTP statuses.
 *
 * @internal used by {@see \BunqContext\Library}; not part of the public API.
 */
final class ExceptionFactory
{
    /** libbunq's status codes (bunq_status in bunq.h); their numbers never change. */
    private const STATUS_CLASSES = [
        2 => TooManyRequestsException::class,  // BUNQ_ERROR_RATE_LIMITED
        3 => TransportException::class,        // BUNQ_ERROR_TRANSPORT
        4 => TimeoutException::class,          // BUNQ_ERROR_TIMEOUT
        5 => SignatureException::class,        // BUNQ_ERROR_SIGNATURE
        6 => JsonException::class,             // BUNQ_ERROR_JSON
        7 => IoException::class,               // BUNQ_ERROR_IO
        8 => InvalidInputException::class,     // BUNQ_ERROR_INVALID_INPUT
        9 => InvalidInputException::class,     // BUNQ_ERROR_NULL_ARGUMENT
        10 => InvalidUtf8Exception::class,     // BUNQ_ERROR_INVALID_UTF8
        11 => PanicException::class,           // BUNQ_ERROR_PANIC
    ];

    /** BUNQ_ERROR_API: bunq answered an error status; the class follows the HTTP status. */
    private const API_ERROR = 1;

    private const HTTP_CLASSES = [
        400 => BadRequestException::class,
        401 => UnauthorizedException::class,
        403 => ForbiddenException::class,
        404 => NotFoundException::class,
        405 => MethodNotAllowedException::class,
        429 => TooManyRequestsException::class,
        500 => PleaseContactBunqException::class,
    ];

    /**
     * The exception for a failed call, from what libbunq's last error holds.
     *
     * @param string[] $descriptions
     */
    public static function create(
        int $status,
        string $statusName,
        string $message,
        int $httpStatus,
        array $descriptions,
        ?string $responseId,
        ?string $step,
    ): BunqException {
        $class = self::classFor($status, $httpStatus);
        return new $class($message, $statusName, $httpStatus, $descriptions, $responseId, $step);
    }

    /** @return class-string<BunqException> */
    private static function classFor(int $status, int $httpStatus): string
    {
        if ($status === self::API_ERROR) {
            return self::HTTP_CLASSES[$httpStatus] ?? UnknownApiErrorException::class;
        }
        return self::STATUS_CLASSES[$status] ?? BunqException::class;
    }
}
