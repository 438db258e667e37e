<?php

declare(strict_types=1);

namespace BunqContext\Tests;

use BunqContext\Abi;
use BunqContext\Client;
use BunqContext\Exception\ApiException;
use BunqContext\Exception\BunqException;
use BunqContext\Exception\InvalidInputException;
use BunqContext\Exception\InvalidUtf8Exception;
use BunqContext\Exception\IoException;
use BunqContext\Exception\JsonException;
use BunqContext\Exception\NotFoundException;
use BunqContext\Exception\NullArgumentException;
use BunqContext\Exception\SignatureException;
use BunqContext\Exception\TransportException;
use BunqContext\KeyPair;
use BunqContext\Library;
use BunqContext\OAuth;
use BunqContext\Sandbox;
use BunqContext\Settings;
use BunqContext\Signing;
use BunqContext\Tests\Support\FakeBunqTestCase;
use BunqContext\Tests\Support\Paths;
use FFI;

/** Every kind of failure is an exception of its own class, carrying what libbunq knew. */
final class ErrorsTest extends FakeBunqTestCase
{
    private const BAD_PUBLIC_PEM = "-----BEGIN PUBLIC KEY-----\n!!!!\n-----END PUBLIC KEY-----\n";

    public function testAnApiErrorCarriesItsStatusDescriptionsAndResponseId(): void
    {
        $client = self::newClient();
        try {
            $client->get('user/999999');
            self::fail('a 404 was not an exception');
        } catch (NotFoundException $error) {
            self::assertInstanceOf(ApiException::class, $error);
            self::assertInstanceOf(BunqException::class, $error);
            self::assertSame(404, $error->getHttpStatus());
            self::assertSame(404, $error->getResponseCode());
            self::assertSame(404, $error->getCode());
            self::assertSame('BUNQ_ERROR_API', $error->getStatusName());
            self::assertNotEmpty($error->getDescriptions());
            self::assertNotSame('', $error->getDescriptions()[0]);
            $responseId = $error->getResponseId();
            self::assertNotNull($responseId);
            self::assertNotSame('', $responseId);
            self::assertStringContainsString($responseId, $error->getMessage());
            self::assertStringContainsString('404', $error->getMessage());
            self::assertStringContainsString($error->getDescriptions()[0], $error->getMessage());
        }
        // The client is as good as before.
        self::assertGreaterThan(0, $client->userId());
    }

    public function testATamperedServerSignatureIsRefused(): void
    {
        $client = self::newClient();
        try {
            $client->get('_fake/tampered');
            self::fail('a tampered answer was accepted');
        } catch (SignatureException $error) {
            self::assertSame('BUNQ_ERROR_SIGNATURE', $error->getStatusName());
            self::assertSame(0, $error->getHttpStatus());
            self::assertStringContainsString('signature', $error->getMessage());
        }
    }

    /** @return array<string, array{callable(): mixed}> */
    public static function badPems(): array
    {
        $data = 'bunq';
        return [
            'sign with a non-PEM' => [static fn () => Signing::sign('not a pem', $data)],
            'sign with a broken PEM' => [static fn () => Signing::sign(
                "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----",
                $data,
            )],
            'a public key of garbage' => [static fn () => Signing::publicKeyOf('garbage')],
            'a key pair of garbage' => [static fn () => KeyPair::fromPrivateKeyPem('garbage')],
            'verify with a broken PEM' => [static fn () => Signing::verify(self::BAD_PUBLIC_PEM, $data, 'AAAA')],
            'a context with a bad key' => [static fn () => Client::create([
                'base_url' => 'http://127.0.0.1:1/v1/',
                'api_key' => 'k',
                'private_key_pem' => 'not a pem',
            ])],
        ];
    }

    /** @dataProvider badPems */
    public function testABadPemIsAnInvalidInputException(callable $call): void
    {
        $this->expectException(InvalidInputException::class);
        $call();
    }

    /** @return array<string, array{callable(): mixed, string}> */
    public static function badJson(): array
    {
        $url = 'http://127.0.0.1:1/v1/';
        return [
            'not JSON' => [static fn () => Client::create('{'), 'BUNQ_ERROR_JSON'],
            'not an object' => [static fn () => Client::create('[1, 2]'), 'BUNQ_ERROR_JSON'],
            'an unknown key' => [
                static fn () => Client::create(['base_url' => $url, 'api_key' => 'k', 'timeout' => 5]),
                'BUNQ_ERROR_JSON',
            ],
            'a wrong type' => [
                static fn () => Client::create(['base_url' => $url, 'api_key' => 'k', 'timeout_ms' => 'soon']),
                'BUNQ_ERROR_JSON',
            ],
            'a context that is not JSON' => [static fn () => Client::fromJson('{'), 'BUNQ_ERROR_JSON'],
            'a context without its parts' => [
                static fn () => Client::fromJson('{"environment_type": "SANDBOX"}'),
                'BUNQ_ERROR_JSON',
            ],
            'bad options' => [static fn () => Client::fromJson('{}', '{"save_to": 3}'), 'BUNQ_ERROR_JSON'],
            'an array PHP cannot encode' => [
                static fn () => Client::create(['api_key' => "\xff"]),
                'BUNQ_ERROR_JSON',
            ],
            'bad OAuth JSON' => [static fn () => (new OAuth('{'))->authorizationUrl('s'), 'BUNQ_ERROR_JSON'],
        ];
    }

    /** @dataProvider badJson */
    public function testBadJsonIsAJsonException(callable $call, string $statusName): void
    {
        try {
            $call();
            self::fail('bad JSON was accepted');
        } catch (JsonException $error) {
            self::assertSame($statusName, $error->getStatusName());
            self::assertStringNotContainsString('soon', $error->getMessage(), 'values are never echoed');
        }
    }

    public function testAMisspeltSettingIsNamedWithTheClosestValidOne(): void
    {
        try {
            Client::create(['base_url' => self::baseUrl(), 'api_key' => 'k', 'timeout_msec' => 30000]);
            self::fail('a misspelt setting was accepted');
        } catch (JsonException $error) {
            self::assertSame('unknown setting "timeout_msec"; did you mean "timeout_ms"?', $error->getMessage());
        }
        try {
            Client::restore('/nowhere/bunq.conf', ['colour' => 'blue']);
            self::fail('an unknown setting was accepted');
        } catch (JsonException $error) {
            self::assertStringStartsWith(
                'unknown setting "colour"; the valid ones are "base_url", ',
                $error->getMessage(),
            );
            self::assertStringNotContainsString('options_json', $error->getMessage());
        }
    }

    public function testAValueOfTheWrongTypeIsNamedWithTheTypeInWords(): void
    {
        try {
            Client::create(['base_url' => self::baseUrl(), 'api_key' => 'k', 'timeout_ms' => '30000']);
            self::fail('a string of digits was accepted as a number');
        } catch (JsonException $error) {
            self::assertSame(
                'the setting "timeout_ms" must be a whole number of milliseconds, not a string: '
                . 'write the number without quotes',
                $error->getMessage(),
            );
        }
    }

    public function testANullArgumentIsANullArgumentExceptionAsInTheOtherBindings(): void
    {
        // PHP's own types keep null from most calls; straight through FFI it is the same
        // class as in Python and C# (the table is generated for all three).
        $client = Library::outPointer('bunq_client');
        try {
            Library::check(Library::ffi()->bunq_client_create(null, FFI::addr($client)));
            self::fail('a NULL argument was accepted');
        } catch (NullArgumentException $error) {
            self::assertInstanceOf(InvalidInputException::class, $error);
            self::assertSame('BUNQ_ERROR_NULL_ARGUMENT', $error->getStatusName());
        }
    }

    public function testEveryClassOfTheGeneratedExceptionTableExists(): void
    {
        $classes = array_merge(
            array_values(Abi::EXCEPTION_BY_STATUS),
            array_values(Abi::API_EXCEPTION_BY_HTTP_STATUS),
            [Abi::API_EXCEPTION_OTHERWISE],
        );
        foreach ($classes as $class) {
            self::assertTrue(class_exists($class), "$class is missing");
            self::assertTrue(is_subclass_of($class, BunqException::class), $class);
        }
        self::assertSame(count(Abi::STATUS) - 2, count(Abi::EXCEPTION_BY_STATUS));
    }

    public function testTheSettingsAreDocumentedOnTheSettingsClass(): void
    {
        $doc = (string) (new \ReflectionClass(Settings::class))->getDocComment();
        self::assertStringContainsString('"timeout_ms": a whole number of milliseconds, default 60000 (60 s).', $doc);
        self::assertStringContainsString('"api_key": a string, required', $doc);
        $constant = (string) (new \ReflectionClassConstant(Settings::class, 'PERMITTED_IPS'))->getDocComment();
        self::assertStringContainsString('a list of strings', $constant);
        self::assertSame('permitted_ips', Settings::PERMITTED_IPS);
    }

    public function testBadJsonInARequestIsAJsonException(): void
    {
        $client = self::newClient();
        $this->expectException(JsonException::class);
        $client->request('GET', 'user', '[1]');
    }

    public function testOtherBadInputIsRefused(): void
    {
        $client = self::newClient();
        $refusals = [
            'method' => static fn () => $client->request('PATCH', 'user'),
            'amount' => static fn () => Sandbox::requestMoney($client, 1, '600.00', 'too much'),
            'kind' => static fn () => Sandbox::createUser(['base_url' => self::baseUrl()], 'robot'),
            'environment' => static fn () => Client::create(['api_key' => 'k']),
            'NUL byte' => static fn () => $client->get("user\0/1"),
            'negative id' => static fn () => $client->downloadAccountAttachment(-1, 1),
        ];
        foreach ($refusals as $what => $refusal) {
            try {
                $refusal();
                self::fail("a bad $what was accepted");
            } catch (InvalidInputException $error) {
                self::assertNotSame('', $error->getMessage(), $what);
            }
        }
    }

    public function testInvalidUtf8IsRefusedNeverReplaced(): void
    {
        $client = self::newClient();
        foreach (
            [
                static fn () => $client->get("user/\xc3\x28"),
                static fn () => Signing::sign("\x80pem", 'x'),
                static fn () => Client::restore("bunq\xe2\x82.conf"),
            ] as $call
        ) {
            try {
                $call();
                self::fail('invalid UTF-8 was accepted');
            } catch (InvalidUtf8Exception $error) {
                self::assertInstanceOf(InvalidInputException::class, $error);
                self::assertSame('BUNQ_ERROR_INVALID_UTF8', $error->getStatusName());
            }
        }
    }

    public function testFilesThatCannotBeReadOrWrittenAreIoExceptions(): void
    {
        $client = self::newClient();
        $missing = Paths::scratchDirectory('errors') . '/no/such/dir/bunq.conf';
        try {
            Client::restore($missing);
            self::fail('a missing file was restored');
        } catch (IoException $error) {
            self::assertSame('BUNQ_ERROR_IO', $error->getStatusName());
        }
        $this->expectException(IoException::class);
        $client->save($missing);
    }

    public function testAnUnreachableServerIsATransportExceptionNamingTheStep(): void
    {
        try {
            Client::create(['base_url' => 'http://127.0.0.1:1/v1/', 'api_key' => 'k', 'connect_timeout_ms' => 2000]);
            self::fail('a closed port answered');
        } catch (TransportException $error) {
            self::assertSame('installation', $error->getStep());
            self::assertSame(0, $error->getHttpStatus());
            self::assertNull($error->getResponseId());
        }
    }

    public function testAFailureLeavesNothingBehindForTheNextCall(): void
    {
        $client = self::newClient();
        try {
            Signing::sign('not a pem', 'x');
        } catch (InvalidInputException) {
        }
        self::assertGreaterThan(0, $client->userId());
    }
}
