<?php

declare(strict_types=1);

namespace BunqContext\Exception;

/**
 * A signature was wrong or missing: bunq's answer failed verification (it is never given
 * to the caller). Signing::verify() gives false instead.
 */
class SignatureException extends BunqException
{
}
