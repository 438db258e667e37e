<?php

declare(strict_types=1);

namespace BunqContext\Exception;

/**
 * A required argument was missing (null where libbunq needs a value), as in the Python and
 * C# bindings.
 */
class NullArgumentException extends InvalidInputException
{
}
