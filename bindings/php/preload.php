<?php

/*
 * The opcache.preload script of the Bunq binding, for php-fpm and the other web SAPIs.
 *
 * Under those SAPIs PHP's default `ffi.enable=preload` lets only preloaded code use FFI. With
 * these two php.ini lines (paths of this package, e.g. vendor/bunq-context/bunq/),
 *
 *     ffi.preload=/path/to/bindings/php/bunq_preload.h
 *     opcache.preload=/path/to/bindings/php/preload.php
 *
 * PHP loads libbunq once at start-up into the FFI scope "BUNQ", and this script compiles
 * every class of the binding into opcache, so that they are there, already loaded, in every
 * request (no require, no autoloader needed) and may call FFI::scope("BUNQ").
 *
 * It only loads classes: no FFI call, no output. An application's own preload script may
 * `require` this one.
 */

declare(strict_types=1);

(static function (): void {
    $source = __DIR__ . '/src/';
    // Classes name their parents and interfaces before this script reaches their files:
    // autoload those from the same directory.
    $autoload = static function (string $class) use ($source): void {
        if (str_starts_with($class, 'BunqContext\\')) {
            $file = $source . str_replace('\\', '/', substr($class, strlen('BunqContext\\'))) . '.php';
            if (is_file($file)) {
                require_once $file;
            }
        }
    };
    spl_autoload_register($autoload);
    $files = new RecursiveIteratorIterator(
        new RecursiveDirectoryIterator($source, FilesystemIterator::SKIP_DOTS),
    );
    foreach ($files as $file) {
        if ($file->getExtension() === 'php') {
            $class = 'BunqContext\\' . str_replace('/', '\\', substr($file->getPathname(), strlen($source), -4));
            $autoload($class);
        }
    }
    spl_autoload_unregister($autoload);
})();
