#!/usr/bin/env bash
# Every test of bunq-context, on a fresh Debian machine or a developer's.
#
# Installs what the tests need and is missing: Debian packages (make, gcc, g++, binutils,
# valgrind, pkg-config, php-cli, php-fpm, libfcgi-bin, composer, phpunit, mono,
# nunit-console) through apt-get, and Python tools into virtual environments under .venv/
# (the official bunq SDK pins urllib3 < 2, so it gets one of its own; the Python binding's
# runner builds its wheel in .venv/python-binding and installs it into a fresh one). Then
# runs the Rust tests of the whole workspace, builds the release library once with `make`
# (which `make install`, the Python wheel and the C# assembly then use), and runs the C tests
# and the bindings' tests. Any failure, or any tool that cannot be installed, fails the run.
#
# The tests save context files, which hold private keys, and must remove everything they
# write, also when they fail. The run gives them a temporary directory of its own (TMPDIR,
# inside the one it was given) and fails at the end if anything is left in it, or if the
# outer temporary directory has gained names of ours (bunq-*, fake-bunq-*, *.conf, *.pem,
# pytest-of-*): a test that ignores TMPDIR. (On a machine where other test runs share that
# directory, their files show up there too: give this run a TMPDIR of its own.)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

say() { printf '\n=== %s\n' "$*"; }

# Names a test of ours may leave in a temporary directory.
names_of_ours() { # directory
    find "$1" -mindepth 1 -maxdepth 1 \( -name 'bunq-*' -o -name 'fake-bunq-*' -o -name '.bunq*' \
        -o -name '*.conf' -o -name '*.pem' -o -name 'pytest-of-*' \) -printf '%f\n' | sort
}

outer_tmp=${TMPDIR:-/tmp}
ours_before=$(names_of_ours "$outer_tmp")
run_tmp=$(mktemp -d "$outer_tmp/bunq-test-run.XXXXXX")
# A failed run stops early: what its tests left goes too (the failure is reported already).
trap 'rm -rf "$run_tmp"' EXIT
export TMPDIR=$run_tmp

# Fails, listing them, if the tests left anything in the run's temporary directory or new
# names of ours in the outer one.
check_nothing_left_behind() {
    local left new
    left=$(cd "$run_tmp" && find . -mindepth 1 -printf '%P\n' | sort)
    new=$(comm -13 <(printf '%s\n' "$ours_before") <(names_of_ours "$outer_tmp") |
        grep -vxF "$(basename "$run_tmp")" || true)
    if [ -z "$left" ] && [ -z "$new" ]; then
        echo "nothing left behind in $outer_tmp"
        return
    fi
    [ -z "$left" ] || printf 'tests left in the temporary directory (%s):\n%s\n' "$run_tmp" \
        "$(sed 's/^/  /' <<<"$left")" >&2
    [ -z "$new" ] || printf 'new in %s since the start (a test that ignores TMPDIR?):\n%s\n' \
        "$outer_tmp" "$(sed 's/^/  /' <<<"$new")" >&2
    echo "tests/run_all.sh: the tests left files behind (context files hold private keys)" >&2
    exit 1
}

install_debian_packages() {
    local missing=()
    command -v make >/dev/null || missing+=(make)
    command -v gcc >/dev/null || missing+=(gcc libc6-dev)
    command -v g++ >/dev/null || missing+=(g++)
    command -v readelf >/dev/null || missing+=(binutils)
    command -v valgrind >/dev/null || missing+=(valgrind)
    command -v pkg-config >/dev/null || missing+=(pkg-config)
    command -v php >/dev/null || missing+=(php-cli)
    command -v phpunit >/dev/null || missing+=(phpunit)
    # php-fpm (Debian's php8.2-fpm) lives in /usr/sbin, which a non-root PATH may lack.
    compgen -G '/usr/sbin/php-fpm*' >/dev/null || command -v php-fpm >/dev/null || missing+=(php-fpm)
    command -v cgi-fcgi >/dev/null || missing+=(libfcgi-bin)
    command -v composer >/dev/null || missing+=(composer)
    command -v mcs >/dev/null || missing+=(mono-mcs libmono-system-core4.0-cil)
    command -v mono >/dev/null || missing+=(mono-runtime)
    command -v nunit-console >/dev/null || missing+=(nunit-console libnunit-cil-dev)
    if [ ${#missing[@]} -eq 0 ]; then
        return
    fi
    say "installing Debian packages: ${missing[*]}"
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
}

python_venv() { # name, packages...
    local venv="$root/.venv/$1"
    shift
    if [ ! -x "$venv/bin/python" ]; then
        python3 -m venv "$venv"
    fi
    "$venv/bin/pip" install -q --disable-pip-version-check "$@"
}

install_debian_packages
say "Python environments"
python_venv bunq-sdk "bunq-sdk==1.28.0"
export BUNQ_SDK_PYTHON="$root/.venv/bunq-sdk/bin/python"

say "Rust: unit, integration, mockito, fake-server, interoperability tests"
# tests/quickstart.rs runs target/debug/examples/quickstart, which `cargo test` builds only
# under a hashed name: build the examples as `cargo run --example` does first.
cargo build --workspace --examples
cargo test --workspace --all-targets
cargo test --workspace --doc

say "The release library (make): for make install, the Python wheel and the C# assembly"
make --no-print-directory

say "C: the C API's tests (both libraries, under valgrind; make install, pkg-config, SONAME)"
bash tests/c/run.sh

say "Python binding (pytest, against the wheel installed in a fresh venv)"
bash bindings/python/run_tests.sh

say "PHP binding (PHPUnit, CLI and php-fpm)"
bash bindings/php/run_tests.sh

say "C# binding (mono)"
bash bindings/csharp/run_tests.sh

say "Temporary files: the tests removed what they made"
check_nothing_left_behind

say "all test suites passed"
