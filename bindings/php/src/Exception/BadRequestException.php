<?php

declare(strict_types=1);

namespace BunqContext\Exception;

/** bunq answered 400 Bad Request (also a refused OAuth code). */
class BadRequestException extends ApiException
{
}
