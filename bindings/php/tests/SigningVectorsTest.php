<?php

declare(strict_types=1);

namespace BunqContext\Tests;

use BunqContext\Exception\InvalidInputException;
use BunqContext\KeyPair;
use BunqContext\Signing;
use BunqContext\Tests\Support\Paths;
use PHPUnit\Framework\TestCase;

/**
 * Every vector of tests/data/signing_vectors.json reproduced byte for byte: RSASSA-PKCS1-v1_5
 * signatures are deterministic, so the same key and body give exactly the same signature.
 */
final class SigningVectorsTest extends TestCase
{
    /** @return array<string, mixed> */
    private static function vectorFile(): array
    {
        $path = Paths::root() . '/tests/data/signing_vectors.json';
        return json_decode((string) file_get_contents($path), true, 512, JSON_THROW_ON_ERROR);
    }

    /** @return array<string, array{array<string, mixed>}> */
    public static function vectors(): array
    {
        $cases = [];
        foreach (self::vectorFile()['vectors'] as $vector) {
            $cases[$vector['name']] = [$vector];
        }
        return $cases;
    }

    /** The body of a vector: base64, or a unit repeated (the 1 MiB one). */
    private static function body(array $vector): string
    {
        if (isset($vector['body_repeat'])) {
            return str_repeat($vector['body_repeat']['unit_utf8'], $vector['body_repeat']['times']);
        }
        return base64_decode($vector['body_b64'], true);
    }

    public function testThereAreVectors(): void
    {
        self::assertGreaterThanOrEqual(11, count(self::vectorFile()['vectors']));
    }

    /**
     * @dataProvider vectors
     * @param array<string, mixed> $vector
     */
    public function testTheVectorIsReproduced(array $vector): void
    {
        $file = self::vectorFile();
        $body = self::body($vector);
        self::assertSame((int) $vector['body_len'], strlen($body));
        self::assertSame($vector['body_sha256'], hash('sha256', $body));

        self::assertSame($vector['signature_b64'], Signing::sign($file['private_key_pkcs8_pem'], $body));
        self::assertTrue(Signing::verify($file['public_key_pem'], $body, $vector['signature_b64']));
        self::assertFalse(Signing::verify($file['public_key_pem'], $body . "\n", $vector['signature_b64']));
    }

    public function testMoreKeysThanTheLibraryKeepsParsedNeverMix(): void
    {
        // The library keeps the last 8 keys parsed (its own tests check that); here, keys
        // that come and go from what it keeps each sign as themselves, again and again.
        $pairs = array_map(static fn () => KeyPair::generate(), range(1, 10));
        foreach ([1, 2] as $round) {
            foreach ($pairs as $index => $pair) {
                $body = "round $round key $index";
                self::assertTrue(Signing::verify($pair->publicKeyPem, $body, Signing::sign($pair->privateKeyPem, $body)));
            }
        }
        $file = self::vectorFile();
        $vector = $file['vectors'][0];
        self::assertSame($vector['signature_b64'], Signing::sign($file['private_key_pkcs8_pem'], self::body($vector)));

        // A bad PEM throws every time (the library keeps no failure).
        $refused = 0;
        for ($i = 0; $i < 2; $i++) {
            try {
                Signing::sign("-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----\n", 'x');
            } catch (InvalidInputException) {
                $refused++;
            }
        }
        self::assertSame(2, $refused, 'a bad PEM signed');
    }

    public function testTheVectorKeyPairFitsTogether(): void
    {
        $file = self::vectorFile();
        $pair = KeyPair::fromPrivateKeyPem($file['private_key_pkcs8_pem']);
        self::assertSame(trim($file['public_key_pem']), trim($pair->publicKeyPem));
    }
}
