<?php

declare(strict_types=1);

namespace BunqContext\Exception;

/**
 * bunq answered with an error status. The subclasses name the status, as in the official
 * SDK: catch `NotFoundException` for a 404, or this class for any refusal.
 */
class ApiException extends BunqException
{
    /** The HTTP status of bunq's answer: the official SDK's name for `getHttpStatus()`. */
    public function getResponseCode(): int
    {
        return $this->getHttpStatus();
    }
}
