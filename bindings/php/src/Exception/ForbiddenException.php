<?php

declare(strict_types=1);

namespace Bunq\Exception;

/** bunq answered 403 Forbidden. */
class ForbiddenException extends ApiException
{
}
