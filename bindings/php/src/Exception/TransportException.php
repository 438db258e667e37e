<?php

declare(strict_types=1);

namespace BunqContext\Exception;

/** The connection failed: DNS, refused, reset, TLS, proxy, a truncated answer. */
class TransportException extends BunqException
{
}
