<?php

declare(strict_types=1);

namespace BunqContext;

use FFI;

/**
 * bunq's sandbox: throw-away users and free money, for tests and trying things out.
 */
final class Sandbox
{
    private function __construct()
    {
    }

    /**
     * Creates a sandbox user and gives its API key (a secret), ready for
     * {@see Client::create()}. No context is needed.
     *
     * @param array<string, mixed>|string|null $config null for bunq's public sandbox, or
     *     `environment` (`SANDBOX`), `base_url` (another sandbox-like server) and client
     *     options
     * @param ?string $kind `person` (the default) or `company`
     * @throws Exception\InvalidInputException sandbox only: a `base_url` on bunq's production
     *     hosts (such as `https://api.bunq.com/v1/`) is refused ("sandbox-only helper refused:
     *     ...") before anything is sent
     */
    public static function createUser(array|string|null $config = null, ?string $kind = null): string
    {
        $apiKey = Library::outPointer('char');
        Library::check(Library::ffi()->bunq_sandbox_user_create(
            Library::json($config, 'config'),
            Library::optionalText($kind, 'kind'),
            FFI::addr($apiKey),
        ));
        return Library::takeString($apiKey) ?? '';
    }

    /**
     * Asks the sandbox's sugar daddy for `$amountEur` euros (e.g. `"100.00"`, at most 500)
     * on the session user's account `$accountId`; the money arrives at once.
     *
     * @return int the id of the request-inquiry made
     * @throws Exception\InvalidInputException for a malformed or too large amount; and, sandbox
     *     only, for a client whose context is `PRODUCTION` or whose base URL is on bunq's
     *     production hosts ("sandbox-only helper refused: ..."), before anything is sent
     */
    public static function requestMoney(
        Client $client,
        int $accountId,
        string $amountEur,
        string $description,
    ): int {
        $id = Library::outScalar('uint64_t');
        Library::check(Library::ffi()->bunq_sandbox_money_request(
            $client->handle(),
            Library::unsigned($accountId, 'accountId'),
            Library::text($amountEur, 'amountEur'),
            Library::text($description, 'description'),
            FFI::addr($id),
        ));
        return $id->cdata;
    }
}
