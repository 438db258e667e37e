<?php

declare(strict_types=1);

namespace BunqContext\Exception;

/**
 * The base of every exception this binding throws: catch it to catch them all.
 *
 * Besides the message (the library's own wording; it never contains an API key, token or
 * private key) it carries what libbunq knew about the failure: its status name (e.g.
 * `BUNQ_ERROR_API`), and for bunq's refusals the HTTP status, bunq's error descriptions and
 * the response id to quote to bunq support.
 */
class BunqException extends \RuntimeException
{
    /**
     * @param string   $message      what went wrong
     * @param string   $statusName   libbunq's status name, e.g. `BUNQ_ERROR_JSON`
     * @param int      $httpStatus   the HTTP status of bunq's answer, 0 when there was none
     * @param string[] $descriptions bunq's `error_description`s, in order
     * @param ?string  $responseId   bunq's `X-Bunq-Client-Response-Id`, when it sent one
     * @param ?string  $step         the step of context creation that failed, if any
     */
    public function __construct(
        string $message,
        private readonly string $statusName = 'BUNQ_UNKNOWN_STATUS',
        private readonly int $httpStatus = 0,
        private readonly array $descriptions = [],
        private readonly ?string $responseId = null,
        private readonly ?string $step = null,
        ?\Throwable $previous = null,
    ) {
        parent::__construct($message, $httpStatus, $previous);
    }

    /** libbunq's name for the kind of failure, e.g. `BUNQ_ERROR_SIGNATURE`. */
    public function getStatusName(): string
    {
        return $this->statusName;
    }

    /** The HTTP status of bunq's error answer (e.g. 404), or 0 when bunq did not answer. */
    public function getHttpStatus(): int
    {
        return $this->httpStatus;
    }

    /**
     * bunq's `error_description`s (empty when bunq did not answer).
     *
     * @return string[]
     */
    public function getDescriptions(): array
    {
        return $this->descriptions;
    }

    /** The `X-Bunq-Client-Response-Id` of bunq's answer, the id to quote to bunq support. */
    public function getResponseId(): ?string
    {
        return $this->responseId;
    }

    /**
     * The step of context creation that failed (`installation`, `device-server`,
     * `session-server`, `payment-service-provider-credential`), or null.
     */
    public function getStep(): ?string
    {
        return $this->step;
    }
}
