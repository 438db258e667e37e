#!/usr/bin/env bash
# Every test of bunq-context, on a fresh Debian machine or a developer's.
#
# Installs what the tests need and is missing: Debian packages (gcc, valgrind, pkg-config,
# php-cli, phpunit, mono, nunit-console) through apt-get, and Python tools into virtual
# environments under .venv/ (the official bunq SDK pins urllib3 < 2, so it gets one of its
# own; the Python binding's runner makes .venv/python-binding with pytest). Then runs the Rust
# tests of the whole workspace, the C tests and the bindings' tests. Any failure, or any tool
# that cannot be installed, fails the run.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

say() { printf '\n=== %s\n' "$*"; }

install_debian_packages() {
    local missing=()
    command -v gcc >/dev/null || missing+=(gcc)
    command -v valgrind >/dev/null || missing+=(valgrind)
    command -v pkg-config >/dev/null || missing+=(pkg-config)
    command -v php >/dev/null || missing+=(php-cli)
    command -v phpunit >/dev/null || missing+=(phpunit)
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
cargo test --workspace --all-targets
cargo test --workspace --doc

say "C: the C API's tests (both libraries, under valgrind)"
bash tests/c/run.sh

say "Python binding (pytest)"
bash bindings/python/run_tests.sh

say "PHP binding (PHPUnit)"
bash bindings/php/run_tests.sh

say "C# binding (mono)"
bash bindings/csharp/run_tests.sh

say "all test suites passed"
