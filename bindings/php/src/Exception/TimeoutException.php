<?php

declare(strict_types=1);

namespace BunqContext\Exception;

/** A connect or read timeout passed before bunq answered (a kind of transport failure). */
class TimeoutException extends TransportException
{
}
