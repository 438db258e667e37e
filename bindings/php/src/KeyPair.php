<?php

declare(strict_types=1);

namespace Bunq;

use FFI;

/**
 * An RSA key pair as PEM text: a fresh RSA-2048 pair for a context (pass the private key
 * as `private_key_pem` to {@see Client::create()}), or one made from a private key. The
 * private key is kept out of var_dump()/print_r() output.
 */
final class KeyPair
{
    /**
     * @param string $privateKeyPem PKCS#8 (`BEGIN PRIVATE KEY`) or PKCS#1
     * @param string $publicKeyPem SPKI (`BEGIN PUBLIC KEY`)
     */
    private function __construct(
        public readonly string $privateKeyPem,
        public readonly string $publicKeyPem,
    ) {
    }

    /** A fresh RSA-2048 key pair. */
    public static function generate(): self
    {
        $private = Library::outPointer('char');
        $public = Library::outPointer('char');
        Library::check(Library::ffi()->bunq_key_pair_generate(FFI::addr($private), FFI::addr($public)));
        return new self(Library::takeString($private) ?? '', Library::takeString($public) ?? '');
    }

    /**
     * The pair of a private key PEM (PKCS#8 or PKCS#1).
     *
     * @throws Exception\InvalidInputException for a bad PEM
     */
    public static function fromPrivateKeyPem(string $privateKeyPem): self
    {
        return new self($privateKeyPem, Signing::publicKeyOf($privateKeyPem));
    }

    /** The base64 signature of `$data` with the private key. */
    public function sign(string $data): string
    {
        return Signing::sign($this->privateKeyPem, $data);
    }

    /** Whether `$signature` is this pair's signature of `$data`. */
    public function verify(string $data, string $signature): bool
    {
        return Signing::verify($this->publicKeyPem, $data, $signature);
    }

    /** @return array<string, string> what var_dump() shows: never the private key */
    public function __debugInfo(): array
    {
        return ['privateKeyPem' => '(hidden)', 'publicKeyPem' => $this->publicKeyPem];
    }
}
