<?php

declare(strict_types=1);

namespace BunqContext\Tests\Support;

/**
 * A callback receiver on 127.0.0.1: `php -S` running tests/fixtures/callback_receiver.php,
 * which keeps every delivery in a scratch directory. Stopped by stop(), and when the test run
 * ends at the latest.
 */
final class CallbackReceiver
{
    /** @var resource|null */
    private $process;

    private function __construct(public readonly int $port, private readonly string $spool, $process)
    {
        $this->process = $process;
    }

    /** A free port on 127.0.0.1 (nothing listens on it once this returns). */
    public static function freePort(): int
    {
        $socket = stream_socket_server('tcp://127.0.0.1:0');
        if ($socket === false) {
            throw new \RuntimeException('cannot find a free port on 127.0.0.1');
        }
        $port = (int) substr((string) strrchr((string) stream_socket_get_name($socket, false), ':'), 1);
        fclose($socket);
        return $port;
    }

    /** Starts a receiver on `$port` (a free one when null) and waits until it listens. */
    public static function start(?int $port = null): self
    {
        $port ??= self::freePort();
        $spool = Paths::scratchDirectory('callbacks');
        $process = proc_open(
            [PHP_BINARY, '-S', "127.0.0.1:$port", Paths::package() . '/tests/fixtures/callback_receiver.php'],
            [0 => ['file', '/dev/null', 'r'], 1 => ['file', '/dev/null', 'w'], 2 => ['file', "$spool/receiver.log", 'w']],
            $pipes,
            $spool,
            ['BUNQ_CALLBACK_SPOOL' => $spool] + getenv(),
        );
        if (!is_resource($process)) {
            throw new \RuntimeException('cannot start php -S');
        }
        $receiver = new self($port, $spool, $process);
        register_shutdown_function(static fn () => $receiver->stop());
        $deadline = microtime(true) + 10;
        while (($connection = @fsockopen('127.0.0.1', $port, $code, $message, 0.2)) === false) {
            if (microtime(true) > $deadline) {
                $receiver->stop();
                throw new \RuntimeException("php -S did not listen on port $port: " . @file_get_contents("$spool/receiver.log"));
            }
            usleep(50_000);
        }
        fclose($connection);
        return $receiver;
    }

    /** The target URL for a notification filter. */
    public function url(): string
    {
        return "http://127.0.0.1:{$this->port}/bunq-callback";
    }

    /**
     * The deliveries so far, oldest first, waiting up to `$seconds` until there are at least
     * `$count` (then a little longer, so that one too many would show).
     *
     * @return list<array{sender: string, body: string}>
     */
    public function deliveries(int $count, float $seconds = 20.0): array
    {
        $deadline = microtime(true) + $seconds;
        while (count($this->files()) < $count && microtime(true) < $deadline) {
            usleep(50_000);
        }
        usleep(300_000);
        return array_map(static function (string $file): array {
            $delivery = json_decode((string) file_get_contents($file), true);
            return ['sender' => $delivery['sender'], 'body' => base64_decode($delivery['body'])];
        }, $this->files());
    }

    /**
     * POSTs `$body` to the receiver as a client would (a replay, garbage); gives the status.
     */
    public function post(string $body): int
    {
        $context = stream_context_create(['http' => [
            'method' => 'POST',
            'header' => "Content-Type: application/json\r\n",
            'content' => $body,
            'ignore_errors' => true,
            'proxy' => '',
        ]]);
        file_get_contents($this->url(), false, $context);
        preg_match('#^HTTP/\S+ (\d+)#', $http_response_header[0] ?? '', $status);
        return (int) ($status[1] ?? 0);
    }

    /** Stops the receiver. */
    public function stop(): void
    {
        if (is_resource($this->process)) {
            proc_terminate($this->process);
            proc_close($this->process);
        }
        $this->process = null;
        @unlink("{$this->spool}/receiver.log");
    }

    /** @return list<string> */
    private function files(): array
    {
        $files = glob("{$this->spool}/*.json") ?: [];
        sort($files);
        return $files;
    }
}
