<?php

declare(strict_types=1);

namespace BunqContext\Exception;

/** bunq answered 401 Unauthorized (after the one automatic session renewal). */
class UnauthorizedException extends ApiException
{
}
