<?php

declare(strict_types=1);

namespace BunqContext;

use BunqContext\Exception\SignatureException;
use FFI;

/**
 * bunq's signatures: RSASSA-PKCS1-v1_5 with SHA-256 over the exact bytes, base64-encoded,
 * as in `X-Bunq-Client-Signature` and `X-Bunq-Server-Signature`. The client signs and
 * verifies on its own; these are for checking things by hand (e.g. a callback's body).
 */
final class Signing
{
    private function __construct()
    {
    }

    /**
     * The base64 signature of `$data` by the private key `$privateKeyPem` (PKCS#8 or PKCS#1).
     *
     * The library keeps the last 8 keys signed with parsed (`bunq_key_pair_sign`), so that
     * signing again with one of them skips parsing the PEM, which costs about half as much
     * again as the signature.
     *
     * @throws Exception\InvalidInputException for a bad PEM
     */
    public static function sign(string $privateKeyPem, string $data): string
    {
        $signature = Library::outPointer('char');
        Library::check(Library::ffi()->bunq_key_pair_sign(
            Library::text($privateKeyPem, 'privateKeyPem'),
            Library::bytes($data),
            strlen($data),
            FFI::addr($signature),
        ));
        return Library::takeString($signature) ?? '';
    }

    /**
     * Whether `$signature` (base64) is the signature of `$data` by the public key
     * `$publicKeyPem` (SPKI or PKCS#1).
     *
     * @throws Exception\InvalidInputException for a bad PEM
     */
    public static function verify(string $publicKeyPem, string $data, string $signature): bool
    {
        try {
            Library::check(Library::ffi()->bunq_public_key_verify(
                Library::text($publicKeyPem, 'publicKeyPem'),
                Library::bytes($data),
                strlen($data),
                Library::text($signature, 'signature'),
            ));
            return true;
        } catch (SignatureException) {
            return false;
        }
    }

    /**
     * The public key (SPKI PEM, `BEGIN PUBLIC KEY`) of a private key PEM.
     *
     * @throws Exception\InvalidInputException for a bad PEM
     */
    public static function publicKeyOf(string $privateKeyPem): string
    {
        $publicKey = Library::outPointer('char');
        Library::check(Library::ffi()->bunq_key_pair_public_key(
            Library::text($privateKeyPem, 'privateKeyPem'),
            FFI::addr($publicKey),
        ));
        return Library::takeString($publicKey) ?? '';
    }
}
