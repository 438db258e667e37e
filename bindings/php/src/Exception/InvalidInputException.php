<?php

declare(strict_types=1);

namespace BunqContext\Exception;

/**
 * An argument was unusable: a bad PEM, URL, method or amount, an empty API key, a NUL byte
 * in a string, a negative id.
 */
class InvalidInputException extends BunqException
{
}
