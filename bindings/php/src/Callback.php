<?php

declare(strict_types=1);

namespace BunqContext;

/**
 * One callback bunq POSTed to a URL of yours (a notification filter's target), read by
 * {@see parse()}.
 *
 * bunq does not sign callbacks: nothing in a body proves it came from bunq, and nothing here
 * pretends to. Check the sender with {@see isFromBunq()} (production only: the sandbox has no
 * fixed range), skip repeats by {@see $deduplicationKey}, and act only on what
 * {@see Client::confirmCallback()} gives: bunq's current version of the object, fetched
 * through the signed, verified API.
 */
final class Callback
{
    /** The largest body {@see parse()} reads (1 MiB; bunq's callbacks weigh a few KiB). */
    public const MAX_BYTES = 1024 * 1024;

    /**
     * @param string $category bunq's category, e.g. `PAYMENT`, `MUTATION`, `REQUEST`
     * @param string $eventType e.g. `PAYMENT_CREATED`, `MUTATION_RECEIVED` (bunq publishes no list)
     * @param string $objectType the type name around the object: `Payment`, `RequestInquiry`, ...
     * @param int|null $objectId the object's `id`, when it has one
     * @param array<string, mixed> $object the object itself (unwrapped), as the body had it
     * @param string|null $targetUrl the URL bunq says it called
     * @param string $deduplicationKey 64 hex digits, the same for every delivery of one event
     *     (bunq tries a failed delivery up to 6 times): computed from the unverified body, it
     *     groups deliveries and proves nothing
     * @param string $json the library's reading of the body, which confirming passes back
     */
    private function __construct(
        public readonly string $category,
        public readonly string $eventType,
        public readonly string $objectType,
        public readonly ?int $objectId,
        public readonly array $object,
        public readonly ?string $targetUrl,
        public readonly string $deduplicationKey,
        private readonly string $json,
    ) {
    }

    /**
     * Reads a callback's body (the bytes bunq POSTed; under php-fpm or `php -S`:
     * `file_get_contents('php://input')`).
     *
     * @throws Exception\InvalidInputException with the reason for a body over
     *     {@see MAX_BYTES}, not JSON, or not a callback
     */
    public static function parse(string $body): self
    {
        $json = Library::outPointer('char');
        Library::check(Library::ffi()->bunq_callback_parse(
            Library::bytes($body),
            strlen($body),
            \FFI::addr($json),
        ));
        $text = Library::takeString($json) ?? '{}';
        $fields = Library::decode($text, 'the callback');
        return new self(
            (string) $fields['category'],
            (string) $fields['event_type'],
            (string) $fields['object_type'],
            isset($fields['object_id']) ? (int) $fields['object_id'] : null,
            is_array($fields['object'] ?? null) ? $fields['object'] : [],
            isset($fields['target_url']) ? (string) $fields['target_url'] : null,
            (string) ($fields['deduplication_key'] ?? ''),
            $text,
        );
    }

    /**
     * Whether `$address` (IPv4 or IPv6, with or without a port: `$_SERVER['REMOTE_ADDR']`) is
     * in bunq's published production range for callbacks (185.40.108.0/22), or, when
     * `$ranges` is given, in one of those (e.g. `['185.40.108.0/22', '2001:db8::/32']`, for
     * when bunq announces a change). The sandbox has no fixed range. Behind a reverse proxy,
     * pass the address your own proxy recorded, never a header a client could set. It proves
     * nothing about the body.
     *
     * @param list<string>|null $ranges CIDR ranges instead of bunq's production range
     * @throws Exception\InvalidInputException for an address or range that does not parse
     */
    public static function isFromBunq(string $address, ?array $ranges = null): bool
    {
        $isBunq = Library::outScalar('bool');
        Library::check(Library::ffi()->bunq_callback_sender_is_bunq(
            Library::text($address, 'address'),
            $ranges === null ? null : Library::json(array_values($ranges), 'ranges'),
            \FFI::addr($isBunq),
        ));
        return $isBunq->cdata;
    }

    /** @internal the library's reading of the body, for {@see Client::confirmCallback()}. */
    public function toJson(): string
    {
        return $this->json;
    }
}
