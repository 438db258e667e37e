<?php

declare(strict_types=1);

namespace BunqContext\Exception;

/** bunq answered 405 Method Not Allowed. */
class MethodNotAllowedException extends ApiException
{
}
