<?php

declare(strict_types=1);

namespace BunqContext\Tests;

use BunqContext\Tests\Support\FakeBunqTestCase;
use BunqContext\Tests\Support\Paths;
use BunqContext\Tests\Support\Process;

/**
 * The README's PHP example works as written: the first ```php block of the "Using from PHP"
 * section of README.md runs in a fresh directory beside a `vendor/autoload.php` like Composer's, against the fake
 * server.
 */
final class ReadmeExampleTest extends FakeBunqTestCase
{
    private const HEADING = '## Using from PHP';

    /** The example's source and the file it came from. */
    private static function example(): array
    {
        $source = Paths::root() . '/README.md';
        $text = (string) file_get_contents($source);
        if (!str_contains($text, "\n" . self::HEADING . "\n")) {
            self::fail("no \"" . self::HEADING . "\" section in README.md");
        }
        $section = substr($text, (int) strpos($text, self::HEADING));
        // The section ends at the next level-2 heading.
        $next = strpos($section, "\n## ", strlen(self::HEADING));
        $section = $next === false ? $section : substr($section, 0, $next);
        if (preg_match('/^```php\n(.*?)^```$/ms', $section, $match) !== 1) {
            self::fail("no ```php block in the \"" . self::HEADING . "\" section of $source");
        }
        return [$match[1], $source];
    }

    public function testTheReadmeExampleRunsAsWritten(): void
    {
        [$code, $source] = self::example();
        $directory = Paths::scratchDirectory('readme');
        file_put_contents("$directory/example.php", $code);
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

        $output = "from $source:\nstdout:\n{$result['stdout']}\nstderr:\n{$result['stderr']}";
        self::assertSame(0, $result['exit'], $output);
        self::assertSame('', $result['stderr'], $output);
        $lines = explode("\n", trim($result['stdout']));
        self::assertCount(26, $lines, $output);
        self::assertMatchesRegularExpression('/^\d+ \d+\.\d\d .+$/', $lines[0], $output);
        self::assertMatchesRegularExpression('/^404 .+ \(response id [0-9a-f-]{36}\)$/', $lines[25], $output);
        self::assertFileExists("$directory/bunq.conf");
        self::assertStringContainsString('"session_context"', (string) file_get_contents("$directory/bunq.conf"));
    }
}
