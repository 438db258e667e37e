<?php

declare(strict_types=1);

namespace BunqContext\Exception;

/** bunq answered 404 Not Found. */
class NotFoundException extends ApiException
{
}
