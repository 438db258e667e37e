<?php

declare(strict_types=1);

namespace BunqContext;

use FFI;
use FFI\CData;

/**
 * A bunq API context (installation, device, session) and the way to talk to bunq with it:
 * every request gets bunq's headers and the session token, its body is signed byte for
 * byte, and bunq's answer is verified before you see it. Sessions open and renew
 * themselves (before they expire, and once on a 401); the client-side rate limiter and the
 * retries of 429 answers are on unless the configuration turns them off.
 *
 * Configurations and options are arrays (or JSON text) of the settings {@see Settings} lists
 * with their types, defaults and meaning: e.g. `['environment' => 'SANDBOX', 'api_key' =>
 * $key, 'permitted_ips' => ['*']]` (`*`: from any address, for the sandbox only), or
 * `['base_url' => ...]` for a test server. An unknown name or a value of the wrong type is
 * refused with a {@see Exception\JsonException} naming the setting, never ignored.
 *
 * The handle is released when the object goes; a {@see Pages} walk made from it keeps
 * working after that.
 *
 * A client may be used in a process forked from the one that made it (`pcntl_fork()`, a
 * pre-forking master): the child's first call opens connections of its own and never touches
 * its parent's. Do not fork from inside a logger call. See docs/threads-and-processes.md.
 *
 * Give a PSR-3 style logger (anything with `log($level, $message, array $context)`) to
 * {@see create()}, {@see restore()}, {@see fromJson()} or {@see setLogger()} to see every
 * exchange with bunq, wait, session renewal and save (see {@see Events}).
 */
final class Client
{
    private function __construct(private readonly CData $handle)
    {
    }

    public function __destruct()
    {
        // A Pages walk may outlive this object: it reports to no PHP callback after this.
        Library::ffi()->bunq_client_set_event_callback($this->handle, null, null);
        Library::ffi()->bunq_client_free($this->handle);
    }

    /**
     * Sends every event of this client from now on to `$logger` (a PSR-3 style logger:
     * `log($level, $message, array $context)`), or to nothing with `null`.
     */
    public function setLogger(?object $logger): void
    {
        Library::check(Library::ffi()->bunq_client_set_event_callback(
            $this->handle,
            $logger === null ? null : Events::callbackFor($logger),
            null,
        ));
    }

    /**
     * Makes a new API context: installation, device registration and session (three calls
     * to bunq).
     *
     * `permitted_ips` lists the addresses the API key may be used from (default: the address
     * this call comes from). Do not give `['*']` for a production key: anyone who obtains the
     * key could use it from any machine; `*` is meant for the sandbox.
     *
     * Each of the three calls may take up to `timeout_ms` (default 60000: 60 s), of which
     * `connect_timeout_ms` (default 10000: 10 s) to connect: a server that never answers
     * fails the creation with a {@see Exception\TimeoutException} after about a minute. The
     * logger gets each exchange as it ends, as for every call.
     *
     * @param array<string, mixed>|string $config `environment` and/or `base_url`, `api_key`,
     *     and optionally `description`, `permitted_ips`, `proxy_url`, `private_key_pem` and
     *     every client option: {@see Settings} lists them with their types and defaults
     * @param object|null $logger a PSR-3 style logger for every event, the three exchanges
     *     that make the context included
     */
    public static function create(array|string $config, ?object $logger = null): self
    {
        $client = Library::outPointer('bunq_client');
        if ($logger === null) {
            Library::check(Library::ffi()->bunq_client_create(
                Library::json($config, 'config'),
                FFI::addr($client),
            ));
        } else {
            Library::check(Library::ffi()->bunq_client_create_with_events(
                Library::json($config, 'config'),
                Events::callbackFor($logger),
                null,
                FFI::addr($client),
            ));
        }
        return new self($client);
    }

    /**
     * Restores a context file saved by this library or an official bunq SDK (no network
     * call). Session renewals are saved back to `$path` unless the options say otherwise.
     *
     * @param array<string, mixed>|string|null $options the client options (`base_url`,
     *     `timeout_ms`, `proxy`, `rate_limits`, `retry`, `save_to`, ...): {@see Settings}
     *     lists them with their types and defaults
     * @param object|null $logger a PSR-3 style logger for every event (see {@see setLogger()})
     */
    public static function restore(
        string $path,
        array|string|null $options = null,
        ?object $logger = null,
    ): self {
        $client = Library::outPointer('bunq_client');
        Library::check(Library::ffi()->bunq_client_restore(
            Library::text($path, 'path'),
            Library::json($options, 'options'),
            FFI::addr($client),
        ));
        return self::withLogger(new self($client), $logger);
    }

    /** `$client`, reporting to `$logger` when one is given. */
    private static function withLogger(self $client, ?object $logger): self
    {
        if ($logger !== null) {
            $client->setLogger($logger);
        }
        return $client;
    }

    /**
     * Restores a context from its JSON text, as {@see toJson()} gives it (no network call;
     * nothing is saved anywhere unless the options name `save_to`).
     *
     * @param array<string, mixed>|string|null $options as for {@see restore()}
     * @param object|null $logger a PSR-3 style logger for every event (see {@see setLogger()})
     */
    public static function fromJson(
        string $contextJson,
        array|string|null $options = null,
        ?object $logger = null,
    ): self {
        $client = Library::outPointer('bunq_client');
        Library::check(Library::ffi()->bunq_client_from_json(
            Library::text($contextJson, 'contextJson'),
            Library::json($options, 'options'),
            FFI::addr($client),
        ));
        return self::withLogger(new self($client), $logger);
    }

    /**
     * Makes a new API context as a PSD2 provider: installation, registration of the QSEAL
     * certificate, device registration and session.
     *
     * @param array<string, mixed>|string $config as for {@see create()}, without `api_key`
     * @param string $certificatePem the certificate (`BEGIN CERTIFICATE`)
     * @param string $certificateChainPem the chain that issued it (for a self-signed test
     *     certificate, the certificate itself)
     * @param string $certificatePrivateKeyPem the certificate's private key
     * @param object|null $logger a PSR-3 style logger for every event, the four exchanges
     *     that make the context included (the time limits are those of {@see create()})
     */
    public static function createPsd2(
        array|string $config,
        string $certificatePem,
        string $certificateChainPem,
        string $certificatePrivateKeyPem,
        ?object $logger = null,
    ): self {
        $client = Library::outPointer('bunq_client');
        Library::check(Library::ffi()->bunq_psd2_client_create_with_events(
            Library::json($config, 'config'),
            Library::text($certificatePem, 'certificatePem'),
            Library::text($certificateChainPem, 'certificateChainPem'),
            Library::text($certificatePrivateKeyPem, 'certificatePrivateKeyPem'),
            $logger === null ? null : Events::callbackFor($logger),
            null,
            FFI::addr($client),
        ));
        return new self($client);
    }

    /**
     * The current context (latest session included) as JSON text in the official Python
     * SDK's format. It holds the API key, tokens and private key: keep it secret.
     */
    public function toJson(): string
    {
        $json = Library::outPointer('char');
        Library::check(Library::ffi()->bunq_client_to_json($this->handle, FFI::addr($json)));
        return Library::takeString($json) ?? '';
    }

    /**
     * Why the auto-save (`save_to`, or the restored file) failed after the latest session
     * change, or null when it worked. Such a failure never fails the call that renewed the
     * session; each session change replaces the value.
     */
    public function lastSaveError(): ?string
    {
        $message = Library::outPointer('char');
        Library::check(Library::ffi()->bunq_client_last_save_error($this->handle, FFI::addr($message)));
        return Library::takeString($message);
    }

    /** Saves the current context to `$path`, atomically and readable by the owner only. */
    public function save(string $path): void
    {
        Library::check(Library::ffi()->bunq_client_save($this->handle, Library::text($path, 'path')));
    }

    /** The session user's id (opening a session first if there is none). */
    public function userId(): int
    {
        $id = Library::outScalar('uint64_t');
        Library::check(Library::ffi()->bunq_client_user_id($this->handle, FFI::addr($id)));
        return $id->cdata;
    }

    /**
     * The session user, wrapped in its type name as bunq sends it: `['UserPerson' => [...]]`
     * (or `UserCompany`, `UserApiKey`, `UserPaymentServiceProvider`).
     *
     * @return array<string, array<string, mixed>>
     */
    public function user(): array
    {
        $json = Library::outPointer('char');
        Library::check(Library::ffi()->bunq_client_user($this->handle, FFI::addr($json)));
        return Library::decode(Library::takeString($json) ?? '', 'the user');
    }

    /**
     * What this client's connections have cost so far: `requests_sent`,
     * `connections_opened`, `tls_handshakes`, `name_lookups`, and `last_tls` (`host`,
     * `version`, `cipher_suite`, `server_key_pin_sha256`; null before the first TLS
     * handshake).
     *
     * @return array<string, mixed>
     */
    public function transportStats(): array
    {
        $json = Library::outPointer('char');
        Library::check(Library::ffi()->bunq_client_transport_stats($this->handle, FFI::addr($json)));
        return Library::decode(Library::takeString($json) ?? '', 'the transport statistics');
    }

    /**
     * Sends a request to any bunq endpoint and gives bunq's verified 2xx answer.
     *
     * @param string $method `GET`, `POST`, `PUT` or `DELETE`
     * @param string $path relative to the base URL (`user/1/monetary-account`), or a
     *     pagination URL (`/v1/user/1/payment?older_id=5`)
     * @param array<mixed>|string|null $query e.g. `['count' => 200]`
     * @param string|array<mixed>|null $body sent exactly as given (and signed so); an array
     *     is sent as its JSON encoding
     * @param array<string, string>|string|null $headers extra headers, e.g.
     *     `['Content-Type' => 'application/json']`
     * @throws Exception\ApiException when bunq refuses (with status, descriptions, response id)
     * @throws Exception\SignatureException when bunq's answer is not signed by bunq
     */
    public function request(
        string $method,
        string $path,
        array|string|null $query = null,
        string|array|null $body = null,
        array|string|null $headers = null,
    ): Response {
        $bytes = is_array($body) ? Library::json($body, 'body') : ($body ?? '');
        $response = Library::outPointer('bunq_response');
        Library::check(Library::ffi()->bunq_client_request(
            $this->handle,
            Library::text($method, 'method'),
            Library::text($path, 'path'),
            Library::json($query, 'query'),
            Library::bytes($bytes),
            strlen($bytes),
            Library::json($headers, 'headers'),
            FFI::addr($response),
        ));
        return new Response($response);
    }

    /**
     * A GET request.
     *
     * @param array<mixed>|string|null $query
     */
    public function get(string $path, array|string|null $query = null): Response
    {
        return $this->request('GET', $path, $query);
    }

    /**
     * A POST request; an array body is sent as compact JSON (signed as sent, like every body),
     * a string body exactly as given.
     *
     * @param string|array<mixed> $body
     * @param array<string, string>|null $headers
     */
    public function post(string $path, string|array $body, ?array $headers = null): Response
    {
        return $this->request('POST', $path, null, $body, $headers);
    }

    /**
     * A PUT request; the body as for {@see post()}.
     *
     * @param string|array<mixed> $body
     * @param array<string, string>|null $headers
     */
    public function put(string $path, string|array $body, ?array $headers = null): Response
    {
        return $this->request('PUT', $path, null, $body, $headers);
    }

    /** A DELETE request. */
    public function delete(string $path): Response
    {
        return $this->request('DELETE', $path);
    }

    /**
     * A walk through every page of the list at `$path`, newest first.
     *
     * @param array<mixed>|string|null $query e.g. `['count' => 200]` for the largest pages
     */
    public function pages(string $path, array|string|null $query = null): Pages
    {
        $pages = Library::outPointer('bunq_pages');
        Library::check(Library::ffi()->bunq_pages_new(
            $this->handle,
            Library::text($path, 'path'),
            Library::json($query, 'query'),
            FFI::addr($pages),
        ));
        return new Pages($pages);
    }

    /**
     * Calls one of bunq's operations by name ({@see Operations::all()} lists them) and gives
     * its answer unwrapped: `$client->call('Payment.create', body: [...],
     * monetary_account_id: 7)` is the new payment's id, `$client->call('Payment.list',
     * monetary_account_id: 7)` the list of every payment (all pages, fetched now; see
     * {@see walk()} for a lazy walk).
     *
     * The ids of the operation's path are named arguments (`monetary_account_id: 7`, `payment_id:
     * 42`; or `...$ids` from an array keyed by name). `user_id` defaults to the session's user;
     * every other id is required. An unknown name (the message names the closest ones), a
     * missing, extra or malformed id, or a body for an operation that takes none throws an
     * {@see Exception\InvalidInputException} before anything is signed or sent: the checks and
     * the table are the library's.
     *
     * @param string $name e.g. `Payment.create`, `MonetaryAccountBank.list`, `User.get`
     * @param array<mixed>|string|null $body the object a create or update sends (an array is
     *     encoded as JSON, a string is sent as the JSON it is)
     * @param array<mixed>|string|null $query e.g. `['count' => 200]`
     * @param int|string ...$ids the path's ids, by name
     * @return array<mixed>|int|string|null the object (an anchor wrapped in its kind:
     *     `['UserPerson' => [...]]`), a list of objects, the id made (int), a UUID (string),
     *     or null (e.g. a delete)
     * @throws Exception\InvalidInputException for a wrong call, and an operation answering
     *     bytes (use {@see callBytes()})
     * @throws Exception\ApiException when bunq refuses
     */
    public function call(
        string $name,
        array|string|null $body = null,
        array|string|null $query = null,
        int|string ...$ids,
    ): array|int|string|null {
        $answer = Library::outPointer('char');
        Library::check(Library::ffi()->bunq_client_call(
            $this->handle,
            Library::text($name, 'name'),
            Library::ids($ids),
            Library::json($body, 'body'),
            Library::json($query, 'query'),
            FFI::addr($answer),
        ));
        return Library::decodeValue(Library::takeString($answer) ?? 'null', "the answer of $name");
    }

    /**
     * Calls an operation that answers bytes (an attachment's or an export's content, e.g.
     * `AttachmentPublicContent.list` with `attachment_public_uuid: $uuid`), ids and query as
     * for {@see call()}; any other operation throws {@see Exception\InvalidInputException}.
     *
     * @param array<mixed>|string|null $query
     * @param int|string ...$ids the path's ids, by name
     * @return string the bytes bunq signed
     */
    public function callBytes(string $name, array|string|null $query = null, int|string ...$ids): string
    {
        $content = Library::outPointer('uint8_t');
        $length = Library::outScalar('size_t');
        Library::check(Library::ffi()->bunq_client_call_bytes(
            $this->handle,
            Library::text($name, 'name'),
            Library::ids($ids),
            Library::json($query, 'query'),
            FFI::addr($content),
            FFI::addr($length),
        ));
        return Library::takeBytes($content, $length->cdata);
    }

    /**
     * A lazy walk over every object of a list operation, newest first, across pages: a page
     * is fetched only when the objects before it are used up, so `break` stops fetching.
     * The call is checked now (an unknown name, a wrong id or an operation that answers no
     * list throws {@see Exception\InvalidInputException} here, before any page); a failure
     * while walking throws from the loop and ends the walk. The walk keeps working after
     * this client object is gone.
     *
     *     foreach ($client->walk('Payment.list', ['count' => 200], monetary_account_id: 7) as $payment) {
     *         echo $payment['id'], ' ', $payment['amount']['value'], "\n";
     *     }
     *
     * @param array<mixed>|string|null $query e.g. `['count' => 200]` for the largest pages
     * @param int|string ...$ids the path's ids, by name, as for {@see call()}
     * @return \Generator<int, array<string, mixed>> the objects as {@see call()} lists them
     */
    public function walk(string $name, array|string|null $query = null, int|string ...$ids): \Generator
    {
        $pages = Library::outPointer('bunq_pages');
        Library::check(Library::ffi()->bunq_pages_new_call(
            $this->handle,
            Library::text($name, 'name'),
            Library::ids($ids),
            Library::json($query, 'query'),
            FFI::addr($pages),
        ));
        return (new Pages($pages))->objects();
    }

    /**
     * bunq's current version of the object a callback names, fetched through the signed,
     * verified API (its path built from the object itself: its `id`, and its
     * `monetary_account_id` for the types that live under an account): act on this, not on
     * the callback's copy, which anyone able to reach your URL could have written.
     *
     * @return array<string, mixed> the object, unwrapped
     * @throws Exception\NotFoundException when bunq does not know the object (forged, for
     *     another user, or gone)
     * @throws Exception\InvalidInputException for a type that cannot be fetched by its own id
     *     (nothing is sent)
     */
    public function confirmCallback(Callback $callback): array
    {
        $object = Library::outPointer('char');
        Library::check(Library::ffi()->bunq_client_confirm_callback(
            $this->handle,
            $callback->toJson(),
            FFI::addr($object),
        ));
        return Library::decode(Library::takeString($object) ?? '', 'the confirmed object');
    }

    /**
     * The URL notification filters of the session's user (`$monetaryAccountId` null: events
     * of all the user's accounts) or of one of its monetary accounts.
     *
     * @return list<array{category: string, notification_target: string}>
     */
    public function notificationFilters(?int $monetaryAccountId = null): array
    {
        $filters = Library::outPointer('char');
        Library::check(Library::ffi()->bunq_notification_filters_list(
            $this->handle,
            self::filterOwner($monetaryAccountId),
            FFI::addr($filters),
        ));
        return Library::decode(Library::takeString($filters) ?? '[]', 'the notification filters');
    }

    /**
     * Replaces the whole list of URL notification filters of the user (null) or of one
     * account: bunq has no other way to change a list (a POST replaces it). A target that is
     * not `https://` (`http://` only to this machine, for the fake bunq) throws
     * {@see Exception\InvalidInputException} before anything is sent.
     *
     * @param list<array{category: string, notification_target: string}> $filters as
     *     {@see notificationFilters()} gives them; `[]` clears the list
     */
    public function replaceNotificationFilters(array $filters, ?int $monetaryAccountId = null): void
    {
        Library::check(Library::ffi()->bunq_notification_filters_replace(
            $this->handle,
            self::filterOwner($monetaryAccountId),
            self::jsonList($filters, 'filters'),
        ));
    }

    /**
     * Adds one filter to the list of the user (null) or of one account: reads the list, adds
     * the filter and writes the whole list back. Not atomic: another program writing the same
     * list in between loses its change (or undoes this one); keep one program in charge of
     * a list, or write all of it with {@see replaceNotificationFilters()}.
     *
     * @param string $category e.g. `PAYMENT`, `MUTATION`, `REQUEST`
     * @param string $target the URL bunq calls: `https://...`
     * @return list<array{category: string, notification_target: string}> the list as written
     */
    public function addNotificationFilter(string $category, string $target, ?int $monetaryAccountId = null): array
    {
        return $this->editNotificationFilters('bunq_notification_filter_add', $category, $target, $monetaryAccountId);
    }

    /**
     * Removes one filter from the list of the user (null) or of one account: read, remove,
     * write back, not atomic, as {@see addNotificationFilter()}.
     *
     * @return list<array{category: string, notification_target: string}> the list as written
     */
    public function removeNotificationFilter(string $category, string $target, ?int $monetaryAccountId = null): array
    {
        return $this->editNotificationFilters('bunq_notification_filter_remove', $category, $target, $monetaryAccountId);
    }

    /**
     * Adds or removes one filter through `$function` (`bunq_notification_filter_add` or
     * `_remove`, which read, change and write the list) and gives the list as written.
     *
     * @return list<array{category: string, notification_target: string}>
     */
    private function editNotificationFilters(
        string $function,
        string $category,
        string $target,
        ?int $monetaryAccountId,
    ): array {
        $filters = Library::outPointer('char');
        Library::check(Library::ffi()->$function(
            $this->handle,
            self::filterOwner($monetaryAccountId),
            Library::text($category, 'category'),
            Library::text($target, 'target'),
            FFI::addr($filters),
        ));
        return Library::decode(Library::takeString($filters) ?? '[]', 'the notification filters');
    }

    /** Clears the filters of the user (null) or of one account: bunq calls back no more for it. */
    public function clearNotificationFilters(?int $monetaryAccountId = null): void
    {
        Library::check(Library::ffi()->bunq_notification_filters_clear(
            $this->handle,
            self::filterOwner($monetaryAccountId),
        ));
    }

    /**
     * The callbacks bunq gave up delivering (after 6 tries), as bunq's own objects: `id`,
     * `category`, `event_type`, `object_id`, `exception_message`, `response_code`, ...
     *
     * @return list<array<string, mixed>>
     */
    public function callbackFailures(): array
    {
        $failures = Library::outPointer('char');
        Library::check(Library::ffi()->bunq_callback_failures_list($this->handle, FFI::addr($failures)));
        return Library::decode(Library::takeString($failures) ?? '[]', 'the callback failures');
    }

    /**
     * Asks bunq to send the failed callbacks `$ids` (as {@see callbackFailures()} gave them)
     * again.
     *
     * @param list<int> $ids
     */
    public function retryCallbackFailures(array $ids): void
    {
        foreach ($ids as $id) {
            if (!is_int($id)) {
                throw new Exception\InvalidInputException(
                    'the ids of failed callbacks are ints, got ' . get_debug_type($id),
                    'BUNQ_ERROR_INVALID_INPUT',
                );
            }
            Library::unsigned($id, 'a failed callback\'s id');
        }
        Library::check(Library::ffi()->bunq_callback_failures_retry($this->handle, self::jsonList($ids, 'ids')));
    }

    /** The `monetary_account_id` of the filter functions: 0 for the user. */
    private static function filterOwner(?int $monetaryAccountId): int
    {
        return $monetaryAccountId === null ? 0 : Library::unsigned($monetaryAccountId, 'monetaryAccountId');
    }

    /**
     * A JSON array (Library::json would write an empty one as `{}`).
     *
     * @param array<mixed> $items
     */
    private static function jsonList(array $items, string $name): string
    {
        return $items === [] ? '[]' : (string) Library::json(array_values($items), $name);
    }

    /**
     * Opens a new session if there is none or the current one is about to expire.
     *
     * @return bool whether a new session was opened
     */
    public function ensureSession(): bool
    {
        $opened = Library::outScalar('bool');
        Library::check(Library::ffi()->bunq_session_ensure($this->handle, FFI::addr($opened)));
        return $opened->cdata;
    }

    /** Opens a new session now, whatever the state of the current one. */
    public function resetSession(): void
    {
        Library::check(Library::ffi()->bunq_session_reset($this->handle));
    }

    /** Ends the session at bunq; the next request opens a new one. */
    public function closeSession(): void
    {
        Library::check(Library::ffi()->bunq_session_close($this->handle));
    }

    /** Whether there is a session with more than the renewal margin left (no network call). */
    public function isSessionActive(): bool
    {
        $active = Library::outScalar('bool');
        Library::check(Library::ffi()->bunq_session_is_active($this->handle, FFI::addr($active)));
        return $active->cdata;
    }

    /**
     * Uploads a public attachment (e.g. an avatar).
     *
     * @param string $contentType its MIME type, e.g. `image/png`
     * @param string $description printable ASCII
     * @param string $content the raw bytes
     * @return string the attachment's uuid
     */
    public function uploadPublicAttachment(string $contentType, string $description, string $content): string
    {
        $uuid = Library::outPointer('char');
        Library::check(Library::ffi()->bunq_public_attachment_upload(
            $this->handle,
            Library::text($contentType, 'contentType'),
            Library::text($description, 'description'),
            Library::bytes($content),
            strlen($content),
            FFI::addr($uuid),
        ));
        return Library::takeString($uuid) ?? '';
    }

    /** The content of public attachment `$uuid`, verified against bunq's signature. */
    public function downloadPublicAttachment(string $uuid): string
    {
        $content = Library::outPointer('uint8_t');
        $length = Library::outScalar('size_t');
        Library::check(Library::ffi()->bunq_public_attachment_download(
            $this->handle,
            Library::text($uuid, 'uuid'),
            FFI::addr($content),
            FFI::addr($length),
        ));
        return Library::takeBytes($content, $length->cdata);
    }

    /**
     * Uploads an attachment to the session user's monetary account `$accountId` (e.g. a
     * receipt), arguments as for {@see uploadPublicAttachment()}.
     *
     * @return int the attachment's id
     */
    public function uploadAccountAttachment(
        int $accountId,
        string $contentType,
        string $description,
        string $content,
    ): int {
        $id = Library::outScalar('uint64_t');
        Library::check(Library::ffi()->bunq_account_attachment_upload(
            $this->handle,
            Library::unsigned($accountId, 'accountId'),
            Library::text($contentType, 'contentType'),
            Library::text($description, 'description'),
            Library::bytes($content),
            strlen($content),
            FFI::addr($id),
        ));
        return $id->cdata;
    }

    /** The content of attachment `$attachmentId` of account `$accountId`, verified. */
    public function downloadAccountAttachment(int $accountId, int $attachmentId): string
    {
        $content = Library::outPointer('uint8_t');
        $length = Library::outScalar('size_t');
        Library::check(Library::ffi()->bunq_account_attachment_download(
            $this->handle,
            Library::unsigned($accountId, 'accountId'),
            Library::unsigned($attachmentId, 'attachmentId'),
            FFI::addr($content),
            FFI::addr($length),
        ));
        return Library::takeBytes($content, $length->cdata);
    }

    /** @internal the handle, for the other classes of this package (Sandbox). */
    public function handle(): CData
    {
        return $this->handle;
    }
}
