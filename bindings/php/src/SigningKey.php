<?php

declare(strict_types=1);

namespace BunqContext;

use FFI;
use FFI\CData;

/**
 * A private key parsed once by libbunq (`bunq_signing_key`), for signing many times:
 * parsing a PEM costs about half as much again as a signature. It holds only the library's
 * handle (released when the object goes), never the PEM.
 *
 * @internal {@see Signing::sign()} keeps the last few of these.
 */
final class SigningKey
{
    private function __construct(private readonly CData $handle)
    {
    }

    public function __destruct()
    {
        Library::ffi()->bunq_signing_key_free($this->handle);
    }

    /**
     * Parses `$privateKeyPem` (PKCS#8 or PKCS#1).
     *
     * @throws Exception\InvalidInputException for a bad PEM
     */
    public static function parse(string $privateKeyPem): self
    {
        $key = Library::outPointer('bunq_signing_key');
        Library::check(Library::ffi()->bunq_signing_key_new(
            Library::text($privateKeyPem, 'privateKeyPem'),
            FFI::addr($key),
        ));
        return new self($key);
    }

    /** The base64 signature of `$data`. */
    public function sign(string $data): string
    {
        $signature = Library::outPointer('char');
        Library::check(Library::ffi()->bunq_signing_key_sign(
            $this->handle,
            Library::bytes($data),
            strlen($data),
            FFI::addr($signature),
        ));
        return Library::takeString($signature) ?? '';
    }

    /** @return never: a handle means nothing in another process */
    public function __serialize(): array
    {
        throw new \LogicException('a SigningKey is a handle of this process and is not serialized');
    }
}
