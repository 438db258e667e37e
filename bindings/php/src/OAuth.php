<?php

declare(strict_types=1);

namespace BunqContext;

use FFI;

/**
 * bunq's OAuth for apps that act for other bunq users: send the user to
 * {@see authorizationUrl()}, take the `code` bunq redirects back with, trade it for an
 * access token with {@see exchangeCode()}, and use that token as the `api_key` of
 * {@see Client::create()}.
 */
final class OAuth
{
    private readonly string $config;

    /**
     * @param array<string, mixed>|string $config `environment` (`SANDBOX` or `PRODUCTION`),
     *     `client_id`, `redirect_uri` (exactly as registered with bunq), `client_secret`
     *     (for the exchange), optionally `authorize_url`, `token_url` and client options
     *     (timeouts, proxy, `user_agent`)
     */
    public function __construct(array|string $config)
    {
        $this->config = Library::json($config, 'config') ?? '{}';
    }

    /**
     * The bunq page to send the user to. `$state` should be unguessable: check it when bunq
     * redirects back.
     */
    public function authorizationUrl(string $state): string
    {
        $url = Library::outPointer('char');
        Library::check(Library::ffi()->bunq_oauth_authorization_url(
            $this->config,
            Library::text($state, 'state'),
            FFI::addr($url),
        ));
        return Library::takeString($url) ?? '';
    }

    /**
     * Trades the authorization code from bunq's redirect for an access token (a secret).
     *
     * @throws Exception\BadRequestException when bunq refuses the code
     */
    public function exchangeCode(string $code): string
    {
        $token = Library::outPointer('char');
        Library::check(Library::ffi()->bunq_oauth_code_exchange(
            $this->config,
            Library::text($code, 'code'),
            FFI::addr($token),
        ));
        return Library::takeString($token) ?? '';
    }

    /** @return array<string, string> what var_dump() shows: never the client secret */
    public function __debugInfo(): array
    {
        return ['config' => '(hidden: it may hold the client secret)'];
    }
}
