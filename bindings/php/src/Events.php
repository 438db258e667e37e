<?php

declare(strict_types=1);

namespace BunqContext;

use BunqContext\Exception\InvalidInputException;
use Closure;

/**
 * The library's events for a PSR-3 style logger: anything with a method
 * `log($level, $message, array $context)` (a `Psr\Log\LoggerInterface`, Monolog, or your own
 * class; no composer package is needed to accept one).
 *
 * Each event arrives as one `log()` call: the level is PSR-3's `'debug'` (what went as
 * planned: an answered exchange, a rate-limiter wait, a save), `'info'` (a refused exchange, a
 * 429 backoff, a session renewal or close) or `'warning'` (a failed save); the message is the
 * library's one line (`POST session-server 200 3.2 ms response-id=...`); the context is the
 * whole event (`event`, `method`, `path`, `status`, `response_id`, `duration_ms`, `attempt`,
 * `resend_reason`, ...; see docs/events.md). No event carries a body, a header value,
 * the API key, a token or a key.
 *
 * The logger is called during the client's calls. An exception it throws is dropped: it
 * must not (and under PHP's FFI cannot) travel through the library. It may call the client
 * whose call it logs: the nested call works, or throws InvalidInputException at once when it
 * needs the session renewal in progress on this very call (or the next page of the walk
 * being fetched); it never waits for itself.
 *
 * @internal used by {@see Client}
 */
final class Events
{
    /** Refuses what cannot take PSR-3's `log()` call. */
    public static function checkLogger(object $logger): void
    {
        if (!method_exists($logger, 'log')) {
            throw new InvalidInputException(sprintf(
                'the logger (%s) has no log($level, $message, array $context) method',
                $logger::class,
            ), 'BUNQ_ERROR_INVALID_INPUT');
        }
    }

    /**
     * The `bunq_event_callback` for `$logger`: PHP's FFI turns the closure into a C function
     * pointer that lives until the request ends.
     */
    public static function callbackFor(object $logger): Closure
    {
        self::checkLogger($logger);
        return static function (?string $eventJson, mixed $userData) use ($logger): void {
            try {
                $event = json_decode((string) $eventJson, true, 16, JSON_THROW_ON_ERROR);
                if (!is_array($event)) {
                    return;
                }
                $logger->log((string) ($event['level'] ?? 'info'), (string) ($event['message'] ?? ''), $event);
            } catch (\Throwable) {
                // Throwing out of an FFI callback is a fatal error in PHP: the call goes on.
            }
        };
    }
}
