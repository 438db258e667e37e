<?php

declare(strict_types=1);

namespace BunqContext\Exception;

/** bunq answered 429 Too Many Requests, still after the configured retries. */
class TooManyRequestsException extends ApiException
{
}
