<?php

declare(strict_types=1);

namespace BunqContext\Exception;

/** JSON that was not JSON or lacked an expected field: a configuration, a saved context, an answer. */
class JsonException extends BunqException
{
}
