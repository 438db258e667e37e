<?php

declare(strict_types=1);

namespace BunqContext;

use FFI;

/**
 * An RSA key pair as PEM text: a fresh RSA-2048 pair for a context (pass the private key
 * as `private_key_pem` to {@see Client::create()}), or one made from a private key.
 *
 * `$pair->privateKeyPem` reads the private key, but the object does not hold it in a
 * property: var_export(), var_dump(), print_r(), json_encode() and (array) casts never show
 * it, and serialize() refuses the object.
 *
 * @property-read string $privateKeyPem PKCS#8 (`BEGIN PRIVATE KEY`) or PKCS#1
 */
final class KeyPair implements \JsonSerializable
{
    /**
     * The private keys, outside the objects: each pair (and its clones) holds only the
     * empty key to its entry, which goes when the last of them goes.
     *
     * @var \WeakMap<\stdClass, string>|null
     */
    private static ?\WeakMap $privateKeys = null;

    private readonly \stdClass $privateKeyEntry;

    /**
     * @param string $privateKeyPem PKCS#8 (`BEGIN PRIVATE KEY`) or PKCS#1
     * @param string $publicKeyPem SPKI (`BEGIN PUBLIC KEY`)
     */
    private function __construct(string $privateKeyPem, public readonly string $publicKeyPem)
    {
        $this->privateKeyEntry = new \stdClass();
        self::privateKeys()[$this->privateKeyEntry] = $privateKeyPem;
    }

    /** @return \WeakMap<\stdClass, string> */
    private static function privateKeys(): \WeakMap
    {
        return self::$privateKeys ??= new \WeakMap();
    }

    /** `$pair->privateKeyPem`, read-only. */
    public function __get(string $name): string
    {
        if ($name !== 'privateKeyPem') {
            throw new \Error('Undefined property: ' . self::class . '::$' . $name);
        }
        return self::privateKeys()[$this->privateKeyEntry];
    }

    public function __isset(string $name): bool
    {
        return $name === 'privateKeyPem';
    }

    public function __set(string $name, mixed $value): void
    {
        throw new \Error('Cannot modify readonly property ' . self::class . '::$' . $name);
    }

    public function __unset(string $name): void
    {
        throw new \Error('Cannot unset readonly property ' . self::class . '::$' . $name);
    }

    /** @return array<string, string> what json_encode() gives: the public key only */
    public function jsonSerialize(): array
    {
        return ['publicKeyPem' => $this->publicKeyPem];
    }

    /** @return never: a serialized pair would be a copy of the private key on disk */
    public function __serialize(): array
    {
        throw new \LogicException('a KeyPair holds a private key and is not serialized; store $pair->privateKeyPem yourself, as the secret it is');
    }

    /** @param array<mixed> $data */
    public function __unserialize(array $data): void
    {
        throw new \LogicException('a KeyPair is not unserialized: use KeyPair::fromPrivateKeyPem()');
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
