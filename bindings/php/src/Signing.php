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
    /** How many parsed keys {@see sign()} keeps. */
    public const KEPT_KEYS = 8;

    /**
     * The keys parsed last, most recently used last, by the SHA-256 of their PEM (the PEM
     * itself is not kept).
     *
     * @var array<string, SigningKey>
     */
    private static array $keys = [];

    private function __construct()
    {
    }

    /**
     * The base64 signature of `$data` by the private key `$privateKeyPem` (PKCS#8 or PKCS#1).
     *
     * The key is parsed once and kept (the last {@see KEPT_KEYS} keys used in this process):
     * parsing costs about half as much again as the signature.
     *
     * @throws Exception\InvalidInputException for a bad PEM (which is not kept)
     */
    public static function sign(string $privateKeyPem, string $data): string
    {
        return self::key($privateKeyPem)->sign($data);
    }

    /** The parsed key of `$privateKeyPem`, from the kept ones or parsed now and kept. */
    private static function key(string $privateKeyPem): SigningKey
    {
        $fingerprint = hash('sha256', $privateKeyPem, true);
        $key = self::$keys[$fingerprint] ?? SigningKey::parse($privateKeyPem);
        // Most recently used last; the least recently used goes beyond KEPT_KEYS.
        unset(self::$keys[$fingerprint]);
        self::$keys[$fingerprint] = $key;
        if (count(self::$keys) > self::KEPT_KEYS) {
            unset(self::$keys[array_key_first(self::$keys)]);
        }
        return $key;
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
