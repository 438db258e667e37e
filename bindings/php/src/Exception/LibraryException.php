<?php

declare(strict_types=1);

namespace BunqContext\Exception;

/**
 * libbunq could not be loaded: FFI unavailable, header or library not found, or a library
 * of another ABI version.
 */
class LibraryException extends BunqException
{
}
