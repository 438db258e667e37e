<?php

declare(strict_types=1);

namespace BunqContext\Tests\Support;

use PHPUnit\Framework\Assert;

/**
 * A real php-fpm master (Debian's php8.2-fpm) started with a php.ini of the test's choosing
 * and one worker listening on a Unix socket, asked for pages with `cgi-fcgi` (libfcgi-bin):
 * a FastCGI request as a web server would send it, without a web server.
 *
 * `ffi.enable` is never set: php-fpm's default (`preload`) is what is under test.
 */
final class PhpFpm
{
    /** @var resource */
    private $process;

    private string $socket;

    /**
     * @param string[] $iniLines the php.ini of the master (Debian's conf.d is still read, so
     *     the FFI and opcache extensions are loaded as installed)
     * @param array<string, ?string> $environment the master's environment besides the test's
     *     (null removes a variable)
     */
    public function __construct(private string $directory, array $iniLines, array $environment = [])
    {
        $this->socket = "$directory/fpm.sock";
        $user = posix_getpwuid(posix_geteuid())['name'];
        $group = posix_getgrgid(posix_getegid())['name'];
        file_put_contents("$directory/php.ini", implode("\n", [
            'log_errors=1',
            "error_log=$directory/php-errors.log",
            'display_errors=0',
            ...$iniLines,
        ]) . "\n");
        // `user`/`group` matter only to a master started as root (CI), which needs them and
        // -R; any other master ignores them.
        file_put_contents("$directory/fpm.conf", <<<CONF
            [global]
            error_log = $directory/fpm.log
            pid = $directory/fpm.pid
            daemonize = no

            [bunq]
            user = $user
            group = $group
            listen = {$this->socket}
            pm = static
            pm.max_children = 1
            catch_workers_output = yes
            CONF);
        $command = [self::binary(), '-R', '-F', '-y', "$directory/fpm.conf", '-c', "$directory/php.ini"];
        $process = proc_open(
            $command,
            [0 => ['file', '/dev/null', 'r'], 1 => ['file', "$directory/fpm.out", 'w'], 2 => ['file', "$directory/fpm.out", 'a']],
            $pipes,
            $directory,
            array_filter($environment + getenv(), static fn ($value) => $value !== null),
        );
        Assert::assertIsResource($process, 'cannot start ' . implode(' ', $command));
        $this->process = $process;
        $this->waitUntilListening();
    }

    /** Stops the master (SIGTERM ends it and its workers). */
    public function stop(): void
    {
        if (is_resource($this->process)) {
            proc_terminate($this->process, 15);
            proc_close($this->process);
        }
    }

    /**
     * Asks for a page through FastCGI, with `$params` as FastCGI parameters (the page reads
     * them from $_SERVER), and gives the body of the answer.
     *
     * @param array<string, string> $params
     */
    public function page(string $script, array $params = []): string
    {
        $result = Process::run(
            ['timeout', '120', 'cgi-fcgi', '-bind', '-connect', $this->socket],
            ['SCRIPT_FILENAME' => $script, 'REQUEST_METHOD' => 'GET'] + $params + Process::NO_PROXY,
        );
        Assert::assertSame(0, $result['exit'], "cgi-fcgi failed:\n{$result['stderr']}\n" . $this->logs());
        $parts = explode("\r\n\r\n", $result['stdout'], 2);
        Assert::assertCount(2, $parts, "not a FastCGI answer:\n{$result['stdout']}\n" . $this->logs());
        return $parts[1];
    }

    /** What php-fpm and PHP logged, for failure messages. */
    public function logs(): string
    {
        $logs = '';
        foreach (['fpm.out', 'fpm.log', 'php-errors.log'] as $name) {
            $file = "{$this->directory}/$name";
            $logs .= "--- $name\n" . (is_file($file) ? file_get_contents($file) : "(none)\n");
        }
        return $logs;
    }

    /** Debian's php-fpm of the running PHP version (php8.2-fpm installs php-fpm8.2). */
    private static function binary(): string
    {
        $name = 'php-fpm' . PHP_MAJOR_VERSION . '.' . PHP_MINOR_VERSION;
        $path = getenv('PATH') ?: '';
        foreach ([...explode(':', $path), '/usr/sbin', '/usr/local/sbin'] as $directory) {
            foreach ([$name, 'php-fpm'] as $candidate) {
                if ($directory !== '' && is_executable("$directory/$candidate")) {
                    return "$directory/$candidate";
                }
            }
        }
        Assert::fail("no $name on the PATH or in /usr/sbin (Debian: apt-get install -y php-fpm libfcgi-bin)");
    }

    private function waitUntilListening(): void
    {
        for ($tries = 0; $tries < 300; $tries++) {
            $status = proc_get_status($this->process);
            if (!$status['running']) {
                Assert::fail("php-fpm exited with {$status['exitcode']}:\n" . $this->logs());
            }
            if (file_exists($this->socket)) {
                return;
            }
            usleep(50_000);
        }
        $this->stop();
        Assert::fail("php-fpm is not listening on {$this->socket} after 15 s:\n" . $this->logs());
    }
}
