<?php

declare(strict_types=1);

namespace Bunq\Exception;

/** bunq answered 404 Not Found. */
class NotFoundException extends ApiException
{
}
