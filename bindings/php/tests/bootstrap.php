<?php

/*
 * PHPUnit's bootstrap: a PSR-4 autoloader for BunqContext\ (src/) and BunqContext\Tests\ (tests/), the
 * same mapping composer.json declares, so the tests need no `composer install`.
 */

declare(strict_types=1);

spl_autoload_register(static function (string $class): void {
    $roots = [
        'BunqContext\\Tests\\' => __DIR__ . '/',
        'BunqContext\\' => dirname(__DIR__) . '/src/',
    ];
    foreach ($roots as $prefix => $directory) {
        if (str_starts_with($class, $prefix)) {
            $file = $directory . str_replace('\\', '/', substr($class, strlen($prefix))) . '.php';
            if (is_file($file)) {
                require $file;
            }
            return;
        }
    }
});
