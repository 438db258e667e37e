<?php

declare(strict_types=1);

namespace BunqContext\Exception;

/** bunq answered 500: its own failure; quote the response id to bunq support. */
class PleaseContactBunqException extends ApiException
{
}
