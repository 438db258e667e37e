<?php

declare(strict_types=1);

namespace BunqContext;

use FFI;
use FFI\CData;

/**
 * A verified 2xx answer from bunq: status, headers and body (bunq's signature over it was
 * checked before this object existed). Made by {@see Client::request()} and
 * {@see Pages}; the handle is released when the object goes.
 */
final class Response
{
    /** @internal made by the client and page walks from a `bunq_response *` they own. */
    public function __construct(private readonly CData $handle)
    {
    }

    public function __destruct()
    {
        Library::ffi()->bunq_response_free($this->handle);
    }

    /** The HTTP status code, e.g. 200. */
    public function status(): int
    {
        $status = Library::outScalar('uint16_t');
        Library::check(Library::ffi()->bunq_response_status($this->handle, FFI::addr($status)));
        return $status->cdata;
    }

    /** The first value of header `$name` (any case), or null when there is none. */
    public function header(string $name): ?string
    {
        $value = Library::outPointer('char');
        Library::check(Library::ffi()->bunq_response_header(
            $this->handle,
            Library::text($name, 'name'),
            FFI::addr($value),
        ));
        return Library::takeString($value);
    }

    /** The `X-Bunq-Client-Response-Id` header, the id to quote to bunq support. */
    public function responseId(): ?string
    {
        $value = Library::outPointer('char');
        Library::check(Library::ffi()->bunq_response_response_id($this->handle, FFI::addr($value)));
        return Library::takeString($value);
    }

    /** The body's bytes exactly as received and verified (binary for attachments). */
    public function body(): string
    {
        $body = Library::outPointer('uint8_t');
        $length = Library::outScalar('size_t');
        Library::check(Library::ffi()->bunq_response_body(
            $this->handle,
            FFI::addr($body),
            FFI::addr($length),
        ));
        return Library::takeBytes($body, $length->cdata);
    }

    /**
     * The body as text (bunq's JSON).
     *
     * @throws Exception\InvalidUtf8Exception when the body is not UTF-8 (use body())
     */
    public function text(): string
    {
        $text = Library::outPointer('char');
        Library::check(Library::ffi()->bunq_response_body_text($this->handle, FFI::addr($text)));
        return Library::takeString($text) ?? '';
    }

    /**
     * The body decoded as JSON, objects as associative arrays: for bunq, an array with its
     * `Response` list (and `Pagination` for lists).
     *
     * @return array<mixed>
     * @throws Exception\JsonException
     */
    public function json(): array
    {
        return Library::decode($this->text(), 'the response body');
    }

    /**
     * The id bunq gives in answer to a create (a `POST`): the `id` of the first `Id`
     * object, e.g. a new payment's id.
     *
     * @throws Exception\JsonException when the body has none
     */
    public function createdId(): int
    {
        $id = Library::outScalar('uint64_t');
        Library::check(Library::ffi()->bunq_response_created_id($this->handle, FFI::addr($id)));
        return $id->cdata;
    }
}
