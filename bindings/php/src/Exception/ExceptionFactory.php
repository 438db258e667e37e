<?php

declare(strict_types=1);

namespace BunqContext\Exception;

use BunqContext\Abi;

/**
 * Chooses the exception class for a libbunq failure, from the table generated from bunq.h
 * and bindings/bindings.toml ({@see \BunqContext\Abi}; the same in every binding), as the
 * official SDK's factory does for HTTP statuses.
 *
 * @internal used by {@see \BunqContext\Library}; not part of the public API.
 */
final class ExceptionFactory
{
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
        if ($status === Abi::API_ERROR_STATUS) {
            return Abi::API_EXCEPTION_BY_HTTP_STATUS[$httpStatus] ?? Abi::API_EXCEPTION_OTHERWISE;
        }
        return Abi::EXCEPTION_BY_STATUS[$status] ?? BunqException::class;
    }
}
