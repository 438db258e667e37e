<?php

declare(strict_types=1);

namespace BunqContext\Exception;

/** bunq answered 403 Forbidden. */
class ForbiddenException extends ApiException
{
}
