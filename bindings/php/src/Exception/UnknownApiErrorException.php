<?php

declare(strict_types=1);

namespace BunqContext\Exception;

/** bunq answered another error status than the ones with their own exception. */
class UnknownApiErrorException extends ApiException
{
}
