<?php

declare(strict_types=1);

namespace BunqContext\Tests\Support;

/** Runs a program (no shell) and gives its exit code and output. */
final class Process
{
    /**
     * The proxy variables, removed for programs that talk to the fake server on loopback:
     * the tests must not depend on a proxy the machine happens to have.
     */
    public const NO_PROXY = [
        'HTTP_PROXY' => null, 'HTTPS_PROXY' => null, 'ALL_PROXY' => null,
        'http_proxy' => null, 'https_proxy' => null, 'all_proxy' => null,
    ];

    /**
     * @param string[] $command the program and its arguments
     * @param array<string, ?string> $environment added to (and overriding) this process's;
     *     null removes a variable
     * @return array{exit: int, stdout: string, stderr: string}
     */
    public static function run(array $command, array $environment = [], ?string $directory = null): array
    {
        $process = proc_open(
            $command,
            [0 => ['file', '/dev/null', 'r'], 1 => ['pipe', 'w'], 2 => ['pipe', 'w']],
            $pipes,
            $directory,
            array_filter($environment + getenv(), static fn ($value) => $value !== null),
        );
        if (!is_resource($process)) {
            throw new \RuntimeException('cannot run ' . implode(' ', $command));
        }
        // Both pipes at once: a full stderr pipe must not stall the program while stdout is read.
        $output = [1 => '', 2 => ''];
        $open = [1 => $pipes[1], 2 => $pipes[2]];
        while ($open !== []) {
            $read = array_values($open);
            $write = $except = null;
            stream_select($read, $write, $except, 60);
            foreach ($open as $index => $pipe) {
                if (in_array($pipe, $read, true)) {
                    $chunk = fread($pipe, 65536);
                    if ($chunk === '' || $chunk === false) {
                        fclose($pipe);
                        unset($open[$index]);
                    } else {
                        $output[$index] .= $chunk;
                    }
                }
            }
        }
        return ['exit' => proc_close($process), 'stdout' => $output[1], 'stderr' => $output[2]];
    }
}
