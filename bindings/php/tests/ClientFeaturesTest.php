<?php

declare(strict_types=1);

namespace BunqContext\Tests;

use BunqContext\Client;
use BunqContext\Exception\BadRequestException;
use BunqContext\KeyPair;
use BunqContext\Library;
use BunqContext\OAuth;
use BunqContext\Signing;
use BunqContext\Tests\Support\FakeBunqTestCase;
use BunqContext\Tests\Support\Paths;

/**
 * The rest of what a Rust user can do, through the binding: answers' headers and bodies,
 * keys, attachments, OAuth and PSD2.
 */
final class ClientFeaturesTest extends FakeBunqTestCase
{
    public function testTheLibraryIsTheOneOfThisCheckout(): void
    {
        preg_match('/^version = "(.*)"/m', (string) file_get_contents(Paths::root() . '/Cargo.toml'), $match);
        self::assertSame($match[1], Library::version());
        self::assertSame(Library::ABI_VERSION, Library::abiVersion());
    }

    public function testAnAnswerGivesItsStatusHeadersAndBody(): void
    {
        $client = self::newClient();
        $userId = $client->userId();
        $response = $client->request('GET', "user/$userId", null, null, ['X-Bunq-Language' => 'en_US']);

        self::assertSame(200, $response->status());
        $responseId = $response->responseId();
        self::assertNotNull($responseId);
        self::assertSame($responseId, $response->header('x-bunq-client-response-id'));
        self::assertNull($response->header('X-Not-There'));
        self::assertSame($response->body(), $response->text());
        self::assertSame($userId, $response->json()['Response'][0]['UserPerson']['id']);

        $listed = $client->get('user', ['count' => 1])->json()['Response'][0];
        self::assertSame($userId, $listed['UserPerson']['id']);
    }

    public function testKeysSignAndVerify(): void
    {
        $pair = KeyPair::generate();
        self::assertStringStartsWith('-----BEGIN PRIVATE KEY-----', $pair->privateKeyPem);
        self::assertStringStartsWith('-----BEGIN PUBLIC KEY-----', $pair->publicKeyPem);
        self::assertSame($pair->publicKeyPem, KeyPair::fromPrivateKeyPem($pair->privateKeyPem)->publicKeyPem);
        self::assertStringNotContainsString('PRIVATE', print_r($pair, true), 'the private key stays hidden');

        $message = "{\"amount\": \"1.00\"}\0binary\xff";
        $signature = $pair->sign($message);
        self::assertTrue($pair->verify($message, $signature));
        self::assertFalse($pair->verify($message . ' ', $signature));
        self::assertFalse(Signing::verify($pair->publicKeyPem, $message, 'not base64!'));
        self::assertTrue(Signing::verify($pair->publicKeyPem, '', Signing::sign($pair->privateKeyPem, '')));
    }

    public function testAKeyPairNeverShowsItsPrivateKey(): void
    {
        $pair = KeyPair::generate();
        ob_start();
        var_dump($pair, (array) $pair);
        $dumped = (string) ob_get_clean();
        foreach ([
            'var_export' => var_export($pair, true),
            'var_export of an array cast' => var_export((array) $pair, true),
            'json_encode' => (string) json_encode($pair),
            'print_r' => print_r($pair, true),
            'var_dump' => $dumped,
        ] as $how => $shown) {
            self::assertStringNotContainsString('PRIVATE KEY', $shown, "$how shows the private key");
            self::assertStringNotContainsString(substr($pair->privateKeyPem, 40, 40), $shown, $how);
        }
        self::assertStringContainsString('BEGIN PUBLIC KEY', (string) json_encode($pair));
        try {
            serialize($pair);
            self::fail('a key pair was serialized, private key and all');
        } catch (\LogicException $refused) {
            self::assertStringNotContainsString('PRIVATE KEY', $refused->getMessage());
        }
        $copy = clone $pair;
        self::assertSame($pair->privateKeyPem, $copy->privateKeyPem);
        self::assertTrue(isset($pair->privateKeyPem));
        $this->expectException(\Error::class);
        $pair->privateKeyPem = 'replaced';
    }

    public function testAContextCanUseItsOwnKey(): void
    {
        $pair = KeyPair::generate();
        $client = Client::create([
            'base_url' => self::baseUrl(),
            'api_key' => self::sandboxApiKey(),
            'permitted_ips' => ['*'],
            'private_key_pem' => $pair->privateKeyPem,
        ] + self::testOptions());
        self::assertStringContainsString(
            json_encode($pair->publicKeyPem, JSON_UNESCAPED_SLASHES),
            $client->toJson(),
        );
    }

    public function testAttachmentsComeBackByteForByte(): void
    {
        $client = self::newClient();
        $userId = $client->userId();
        $accountId = $client->get("user/$userId/monetary-account", ['count' => 1])
            ->json()['Response'][0]['MonetaryAccountBank']['id'];
        // Binary, with a NUL inside.
        $png = "\x89PNG\r\n\x1a\n\x00\xff\x10";

        $uuid = $client->uploadPublicAttachment('image/png', 'PHP test avatar', $png);
        self::assertNotSame('', $uuid);
        self::assertSame($png, $client->downloadPublicAttachment($uuid));

        $attachmentId = $client->uploadAccountAttachment($accountId, 'image/png', 'PHP test receipt', $png);
        self::assertGreaterThan(0, $attachmentId);
        self::assertSame($png, $client->downloadAccountAttachment($accountId, $attachmentId));
    }

    public function testOAuthGivesAnAccessTokenThatWorksAsAnApiKey(): void
    {
        $oauth = new OAuth([
            'environment' => 'SANDBOX',
            'client_id' => 'fake-client-id',
            'client_secret' => 'fake-client-secret',
            'redirect_uri' => 'https://example.com/callback?from=php',
            'token_url' => self::baseUrl() . 'token',
        ]);
        self::assertSame(
            'https://oauth.sandbox.bunq.com/auth?response_type=code&client_id=fake-client-id'
            . '&redirect_uri=https%3A%2F%2Fexample.com%2Fcallback%3Ffrom%3Dphp&state=state%201',
            $oauth->authorizationUrl('state 1'),
        );
        self::assertStringNotContainsString('fake-client-secret', print_r($oauth, true));

        // The fake accepts each fake-code-* once.
        $code = 'fake-code-php-' . bin2hex(random_bytes(8));
        $token = $oauth->exchangeCode($code);
        try {
            $oauth->exchangeCode($code);
            self::fail('a used code was accepted');
        } catch (BadRequestException $refused) {
            self::assertSame(400, $refused->getHttpStatus());
        }

        $client = Client::create([
            'base_url' => self::baseUrl(),
            'api_key' => $token,
            'permitted_ips' => ['*'],
        ] + self::testOptions());
        self::assertArrayHasKey('UserApiKey', $client->user());
    }

    public function testAPsd2ProviderGetsASession(): void
    {
        $data = Paths::root() . '/tests/c/data';
        $certificate = (string) file_get_contents("$data/psd2-test-certificate.pem");
        $key = (string) file_get_contents("$data/psd2-test-key.pem");
        $client = Client::createPsd2(
            ['base_url' => self::baseUrl(), 'description' => 'PHP test provider', 'permitted_ips' => ['*']]
                + self::testOptions(),
            $certificate,
            $certificate,
            $key,
        );
        self::assertArrayHasKey('UserPaymentServiceProvider', $client->user());
    }

    public function testAWalkOutlivesItsClient(): void
    {
        $client = self::newClient();
        $userId = $client->userId();
        $pages = $client->pages("user/$userId/monetary-account", ['count' => 20]);
        unset($client);
        $sizes = array_map(static fn ($page) => count($page->json()['Response']), iterator_to_array($pages, false));
        self::assertSame([20, 7], $sizes, '25 bank accounts, a savings and a joint account');
        self::assertNull($pages->next(), 'a finished walk stays finished');
    }
}
