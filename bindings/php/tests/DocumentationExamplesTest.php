<?php

declare(strict_types=1);

namespace BunqContext\Tests;

use BunqContext\Tests\Support\FakeBunqTestCase;
use BunqContext\Tests\Support\Paths;
use BunqContext\Tests\Support\Process;

/**
 * Every PHP sample of the documentation works as written, read from the page itself: the
 * README's example (the ```php block under its "## PHP" heading) and every ```php block of
 * docs/*.md run against the fake server, each in a fresh directory beside a
 * `vendor/autoload.php` like Composer's; a block marked ```php fragment is not a program and
 * is only linted (`php -l`).
 */
final class DocumentationExamplesTest extends FakeBunqTestCase
{
    private const README_HEADING = '## PHP';

    /**
     * Every ```php block of README.md and docs/*.md, in page order.
     *
     * @return array<string, array{string, int, string, bool, string}> by "page:line": the page
     *     (relative to the checkout), the line its fence opens on, the level-2 heading above
     *     it, whether it is a fragment, its source
     */
    public static function samples(): array
    {
        $pages = glob(Paths::root() . '/docs/*.md') ?: [];
        sort($pages);
        array_unshift($pages, Paths::root() . '/README.md');
        $samples = [];
        foreach ($pages as $path) {
            $page = substr($path, strlen(Paths::root()) + 1);
            $heading = '';
            $opened = 0;
            $info = '';
            $lines = [];
            foreach (explode("\n", (string) file_get_contents($path)) as $index => $line) {
                if ($opened !== 0) {
                    if (str_starts_with($line, '```')) {
                        if ($info === 'php' || $info === 'php fragment') {
                            $samples["$page:$opened"] = [$page, $opened, $heading, $info !== 'php', implode("\n", $lines) . "\n"];
                        }
                        $opened = 0;
                        $lines = [];
                    } else {
                        $lines[] = $line;
                    }
                } elseif (str_starts_with($line, '```')) {
                    $opened = $index + 1;
                    $info = trim(substr($line, 3));
                } elseif (str_starts_with($line, '## ')) {
                    $heading = $line;
                }
            }
        }
        return $samples;
    }

    public function testTheSamplesAreWhereUsersFindThem(): void
    {
        $programs = array_filter(self::samples(), static fn (array $sample) => !$sample[3]);
        $readme = array_filter($programs, static fn (array $sample) => $sample[0] === 'README.md');
        self::assertSame([self::README_HEADING], array_values(array_column($readme, 2)), implode(', ', array_keys($readme)));
        $page = array_filter($programs, static fn (array $sample) => $sample[0] === 'docs/php.md');
        self::assertNotEmpty($page, 'no ```php program in docs/php.md');
    }

    /** @dataProvider samples */
    public function testEverySampleWorksAsWritten(string $page, int $line, string $heading, bool $fragment, string $code): void
    {
        $directory = Paths::scratchDirectory('docs');
        file_put_contents("$directory/example.php", $code);
        if ($fragment) {
            $lint = Process::run([PHP_BINARY, '-l', 'example.php'], [], $directory);
            self::assertSame(0, $lint['exit'], "$page:$line:\n{$lint['stdout']}{$lint['stderr']}");
            return;
        }
        // What `composer require` leaves behind: vendor/autoload.php mapping BunqContext\ to src/.
        mkdir("$directory/vendor");
        file_put_contents("$directory/vendor/autoload.php", sprintf(
            "<?php\nspl_autoload_register(static function (string \$class): void {\n"
            . "    if (str_starts_with(\$class, 'BunqContext\\\\')) {\n"
            . "        \$file = %s . str_replace('\\\\', '/', substr(\$class, 12)) . '.php';\n"
            . "        if (is_file(\$file)) {\n            require \$file;\n        }\n    }\n});\n",
            var_export(Paths::package() . '/src/', true),
        ));

        $result = Process::run(
            [PHP_BINARY, 'example.php'],
            ['BUNQ_BASE_URL' => self::baseUrl()] + Process::NO_PROXY,
            $directory,
        );

        $output = "$page:$line:\nstdout:\n{$result['stdout']}\nstderr:\n{$result['stderr']}";
        self::assertSame(0, $result['exit'], $output);
        self::assertSame('', $result['stderr'], $output);
        $lines = explode("\n", trim($result['stdout']));
        if ($page === 'README.md') {
            // One line per account of every kind (the fake gives 27: 25 bank, a savings and a
            // joint account), and the context saved.
            self::assertCount(27, $lines, $output);
            foreach ($lines as $account) {
                self::assertMatchesRegularExpression('/^MonetaryAccount\w+ \d+ .+$/', $account, $output);
            }
            self::assertStringContainsString('"session_context"', (string) file_get_contents("$directory/bunq.conf"));
        } elseif ($page === 'docs/php.md' && $line === self::firstProgramLine('docs/php.md')) {
            // The accounts, then the 404 of a missing user.
            self::assertCount(28, $lines, $output);
            self::assertMatchesRegularExpression('/^\d+ \d+\.\d\d .+$/', $lines[0], $output);
            self::assertMatchesRegularExpression('/^404 .+ \(response id [0-9a-f-]{36}\)$/', $lines[27], $output);
            self::assertStringContainsString('"session_context"', (string) file_get_contents("$directory/bunq.conf"));
        } elseif (str_contains($code, 'confirmCallback')) {
            // The webhook loop: PAYMENT and MUTATION for both sides, each confirmed; nothing left behind.
            self::assertCount(4, $lines, $output);
            foreach ($lines as $callback) {
                self::assertMatchesRegularExpression('/^(PAYMENT|MUTATION) \w+: payment \d+ of -?0\.05 EUR on account \d+$/', $callback, $output);
            }
            self::assertDirectoryDoesNotExist("$directory/callbacks", $output);
        } elseif (str_contains($code, "'Payment.create'")) {
            // Calls by name: the table, 27 accounts, the payment read back, then listed.
            self::assertMatchesRegularExpression('/^\d{3} operations$/', $lines[0], $output);
            self::assertCount(27, preg_grep('/^MonetaryAccount\w+ \d+ /', $lines), $output);
            self::assertMatchesRegularExpression('/^payment (\d+): -0\.10 by name$/m', $result['stdout'], $output);
            preg_match('/^payment (\d+):/m', $result['stdout'], $made);
            self::assertContains("{$made[1]} -0.10", $lines, $output);
        }
    }

    private static function firstProgramLine(string $page): int
    {
        foreach (self::samples() as [$samplePage, $line, , $fragment]) {
            if ($samplePage === $page && !$fragment) {
                return $line;
            }
        }
        return 0;
    }
}
