#!/usr/bin/env bash
# The PHP binding's tests (bindings/php/tests, PHPUnit):
#
# - builds libbunq (debug) and the fake bunq server with cargo;
# - runs Debian's phpunit (9.6) on phpunit.xml, with BUNQ_LIBRARY_PATH and BUNQ_HEADER_PATH
#   pointing at that build; the tests start the fake server themselves, compile a stub
#   library with gcc for the ABI check, run the official Python SDK ($BUNQ_SDK_PYTHON, else
#   .venv/bunq-sdk/bin/python) for the interoperability test, start Debian's php-fpm with
#   the preload set-up and ask it for pages with cgi-fcgi, and run `composer validate`;
# - PHP runs with its installed settings (no -d ffi.enable=...): FFI must work on the CLI
#   as installed, and php-fpm keeps its default ffi.enable=preload;
# - ends with PHPUnit's own summary line and exits non-zero on any failure.
#
# Needs php-cli (with FFI), php-fpm, cgi-fcgi, composer, phpunit, gcc and cargo; a missing
# one fails the run, it is never skipped (Debian: apt-get install -y php-cli php-fpm
# libfcgi-bin composer phpunit gcc).
set -euo pipefail

package=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$package/../.." && pwd)
target=${CARGO_TARGET_DIR:-$root/target}/debug

give_up() {
    echo "bindings/php/run_tests.sh: $*" >&2
    exit 1
}

require_tools() {
    command -v php >/dev/null || give_up "php is not installed (Debian: apt-get install -y php-cli)"
    command -v phpunit >/dev/null || give_up "phpunit is not installed (Debian: apt-get install -y phpunit)"
    command -v gcc >/dev/null || give_up "gcc is not installed (Debian: apt-get install -y gcc)"
    command -v cargo >/dev/null || give_up "cargo is not installed (https://rustup.rs)"
    command -v cgi-fcgi >/dev/null || give_up "cgi-fcgi is not installed (Debian: apt-get install -y libfcgi-bin)"
    command -v composer >/dev/null || give_up "composer is not installed (Debian: apt-get install -y composer)"
    compgen -G '/usr/sbin/php-fpm*' >/dev/null || command -v php-fpm >/dev/null ||
        give_up "php-fpm is not installed (Debian: apt-get install -y php-fpm)"
    php -r 'exit(extension_loaded("ffi") ? 0 : 1);' ||
        give_up "PHP's FFI extension is not loaded (Debian's php-cli has it: check php -m)"
}

build_rust() {
    (cd "$root" && make --no-print-directory --silent debug CARGO_BUILD_FLAGS=--quiet) ||
        give_up "building libbunq (make debug) failed"
    (cd "$root" && cargo build --quiet -p fake-bunq --bin fake-bunq) || give_up "building fake-bunq failed"
    [ -f "$target/libbunq.so" ] || give_up "no libbunq.so in $target"
    [ -x "$target/fake-bunq" ] || give_up "no fake-bunq in $target"
}

require_tools
build_rust
cd "$package"
export BUNQ_LIBRARY_PATH=$target/libbunq.so
export BUNQ_HEADER_PATH=$root/include/bunq.h
export BUNQ_FAKE_BUNQ=$target/fake-bunq
exec phpunit --configuration "$package/phpunit.xml" "$@"
