<?php

declare(strict_types=1);

namespace BunqContext;

use FFI;
use FFI\CData;

/**
 * A walk through every page of a list endpoint, newest page first, following bunq's
 * `Pagination.older_url`. Iterate it (`foreach ($client->pages(...) as $page)`) or call
 * {@see next()} until it gives null. Made by {@see Client::pages()}; no call is made until
 * the first page is asked for. A failure ends the walk. {@see Client::walk()} walks a list
 * operation by name and gives its objects instead ({@see objects()}).
 *
 * @implements \IteratorAggregate<int, Response>
 */
final class Pages implements \IteratorAggregate
{
    /** @internal made by Client::pages() from a `bunq_pages *` it owns. */
    public function __construct(private readonly CData $handle)
    {
    }

    public function __destruct()
    {
        Library::ffi()->bunq_pages_free($this->handle);
    }

    /** The next (older) page, or null when the walk is over. */
    public function next(): ?Response
    {
        $page = Library::outPointer('bunq_response');
        Library::check(Library::ffi()->bunq_pages_next($this->handle, FFI::addr($page)));
        return FFI::isNull($page) ? null : new Response($page);
    }

    /**
     * The `future_url` of the newest page (request it later for items created since), or
     * null before the first page or when bunq gave none.
     */
    public function futureUrl(): ?string
    {
        $url = Library::outPointer('char');
        Library::check(Library::ffi()->bunq_pages_future_url($this->handle, FFI::addr($url)));
        return Library::takeString($url);
    }

    /**
     * The objects of the next (older) page, unwrapped as {@see Client::call()} gives a list,
     * or null when the walk is over. Only for a walk of a list operation
     * ({@see Client::walk()}); a walk of a path has no operation to unwrap by
     * ({@see Exception\InvalidInputException}).
     *
     * @return list<array<string, mixed>>|null
     */
    public function nextObjects(): ?array
    {
        $objects = Library::outPointer('char');
        Library::check(Library::ffi()->bunq_pages_next_objects($this->handle, FFI::addr($objects)));
        $json = Library::takeString($objects);
        return $json === null ? null : Library::decode($json, 'the page\'s objects');
    }

    /**
     * Every remaining object, page after page, fetching each page only when the one before
     * is used up; keys count on across pages (0, 1, 2, ...), so `iterator_to_array()` works.
     *
     * @return \Generator<int, array<string, mixed>>
     */
    public function objects(): \Generator
    {
        $index = 0;
        while (($page = $this->nextObjects()) !== null) {
            foreach ($page as $object) {
                yield $index++ => $object;
            }
        }
    }

    /** @return \Generator<int, Response> the remaining pages, in order */
    public function getIterator(): \Generator
    {
        while (($page = $this->next()) !== null) {
            yield $page;
        }
    }
}
