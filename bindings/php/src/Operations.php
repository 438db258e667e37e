<?php

declare(strict_types=1);

namespace BunqContext;

/**
 * The table of bunq's operations that {@see Client::call()} and {@see Client::walk()} take by
 * name (about 480, compiled into libbunq from bunq's own API description).
 */
final class Operations
{
    /** @var list<array<string, mixed>>|null the table, read once per process */
    private static ?array $table = null;

    private function __construct()
    {
    }

    /**
     * Every operation, each an array: `name` (`Payment.list`), `method` (`GET`), `path`
     * (`user/{user_id}/monetary-account/{monetary_account_id}/payment`), `object_key`
     * (`Payment`: what wraps bunq's answer), `answer` (`object`, `list`, `id`, `uuid`,
     * `binary`, `nothing` or `envelope`) and `ids` (the path's ids, in order).
     *
     * @return list<array<string, mixed>>
     */
    public static function all(): array
    {
        if (self::$table === null) {
            $json = Library::outPointer('char');
            Library::check(Library::ffi()->bunq_operations_list(\FFI::addr($json)));
            self::$table = Library::decode(Library::takeString($json) ?? '[]', 'the operations table');
        }
        return self::$table;
    }

    /**
     * The operation named `$name` (as in {@see all()}), or null when there is none.
     *
     * @return array<string, mixed>|null
     */
    public static function find(string $name): ?array
    {
        foreach (self::all() as $operation) {
            if ($operation['name'] === $name) {
                return $operation;
            }
        }
        return null;
    }
}
