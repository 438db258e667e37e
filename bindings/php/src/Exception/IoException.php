<?php

declare(strict_types=1);

namespace BunqContext\Exception;

/** Reading or writing a file (a context file) failed. */
class IoException extends BunqException
{
}
