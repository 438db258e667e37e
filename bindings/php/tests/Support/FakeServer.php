<?php

declare(strict_types=1);

namespace BunqContext\Tests\Support;

/**
 * The offline fake bunq server (`target/debug/fake-bunq`), started once for the whole test
 * run. It serves until its stdin reaches end-of-file: the pipe this process holds, so the
 * server goes when the tests end, however they end. Started with `--tls` it serves HTTPS,
 * and `$caFile` names the file of its throw-away CA, which a client must trust.
 */
final class FakeServer
{
    private static ?self $shared = null;

    /** @var resource */
    private $process;

    /** @var resource */
    private $stdin;

    /**
     * @param resource $process the running server
     * @param resource $stdin its standard input: closing it stops the server
     * @param string $log the file its stderr goes to
     * @param ?string $caFile with HTTPS, its CA certificate's file
     */
    private function __construct(
        public readonly string $baseUrl,
        $process,
        $stdin,
        private readonly string $log,
        public readonly ?string $caFile = null,
    ) {
        $this->process = $process;
        $this->stdin = $stdin;
    }

    /** The server of this test run, started on first use. */
    public static function shared(): self
    {
        if (self::$shared === null) {
            self::$shared = self::start();
        }
        return self::$shared;
    }

    /**
     * How many calls of each kind the server has answered, e.g. `POST session-server`
     * (`GET _fake/stats`, a plain unsigned route).
     */
    public function calls(string $kind): int
    {
        return (int) ($this->stats()['calls'][$kind] ?? 0);
    }

    /** How many connections the server has accepted. */
    public function connections(): int
    {
        return (int) $this->stats()['connections'];
    }

    /** @return array<string, mixed> */
    private function stats(): array
    {
        $context = stream_context_create($this->caFile === null ? [] : [
            'ssl' => ['cafile' => $this->caFile, 'verify_peer' => true, 'verify_peer_name' => true],
        ]);
        $stats = json_decode((string) file_get_contents($this->baseUrl . '_fake/stats', false, $context), true);
        return is_array($stats) ? $stats : [];
    }

    /** Ends the server: closing its stdin is its signal to stop. */
    public function stop(): void
    {
        if (is_resource($this->stdin)) {
            fclose($this->stdin);
        }
        if (is_resource($this->process)) {
            proc_close($this->process);
        }
        @unlink($this->log);
    }

    /**
     * A server of its own, e.g. `['--rate-limits']`; stopped when the test run ends at
     * the latest.
     *
     * @param string[] $arguments fake-bunq's options
     */
    public static function start(array $arguments = []): self
    {
        $binary = Paths::fakeBunq();
        if (!is_executable($binary)) {
            throw new \RuntimeException(
                "no fake bunq server at $binary: build it with cargo build -p fake-bunq --bin fake-bunq",
            );
        }
        $log = tempnam(sys_get_temp_dir(), 'fake-bunq-stderr-');
        $process = proc_open(
            [$binary, ...$arguments],
            [0 => ['pipe', 'r'], 1 => ['pipe', 'w'], 2 => ['file', $log, 'w']],
            $pipes,
        );
        if (!is_resource($process)) {
            throw new \RuntimeException("cannot start $binary");
        }
        $url = self::firstLine($pipes[1], 10.0);
        if ($url === null || !preg_match('#^https?://#', $url)) {
            proc_terminate($process);
            $stderr = file_get_contents($log);
            @unlink($log);
            throw new \RuntimeException("$binary printed no base URL; its stderr: $stderr");
        }
        $caFile = null;
        if (str_starts_with($url, 'https://')) {
            // Printed together with the URL: the stream has it already.
            $named = trim((string) fgets($pipes[1]));
            if (!str_starts_with($named, 'CA certificate: ')) {
                proc_terminate($process);
                throw new \RuntimeException("$binary named no CA file (got '$named')");
            }
            $caFile = substr($named, strlen('CA certificate: '));
        }
        $server = new self($url, $process, $pipes[0], $log, $caFile);
        register_shutdown_function(static fn () => $server->stop());
        return $server;
    }

    /** The first line on `$stream`, waiting at most `$seconds`. */
    private static function firstLine($stream, float $seconds): ?string
    {
        $read = [$stream];
        $write = $except = null;
        if (stream_select($read, $write, $except, (int) $seconds, (int) (fmod($seconds, 1) * 1e6)) !== 1) {
            return null;
        }
        $line = fgets($stream);
        return $line === false ? null : trim($line);
    }
}
