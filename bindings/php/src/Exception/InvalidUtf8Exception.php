<?php

declare(strict_types=1);

namespace BunqContext\Exception;

/**
 * A string argument was not valid UTF-8 (libbunq never replaces bytes), or a body asked
 * for as text was not.
 */
class InvalidUtf8Exception extends InvalidInputException
{
}
