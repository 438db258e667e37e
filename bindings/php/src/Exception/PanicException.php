<?php

declare(strict_types=1);

namespace BunqContext\Exception;

/** A bug in libbunq, caught at its boundary: please report it with the message. */
class PanicException extends BunqException
{
}
