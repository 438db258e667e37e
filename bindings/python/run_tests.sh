#!/usr/bin/env bash
# The tests of the Python binding (bindings/python):
#
# - builds libbunq (debug) and the fake bunq server;
# - makes the virtual environment .venv/python-binding (python3 -m venv) and installs pytest
#   and the binding into it, exactly as `pip install ./bindings/python` does for users;
# - runs pytest with BUNQ_LIBRARY_PATH pointing at target/debug/libbunq.so: the tests start
#   their own fake server, and use the official bunq SDK of $BUNQ_SDK_PYTHON (default
#   .venv/bunq-sdk/bin/python) for the interoperability test;
# - ends with pytest's closing line and exits non-zero on any failure, including
#   "no tests collected".
#
# Needs cargo, python3 (>= 3.9) with venv and pip, and gcc (Debian: apt-get install -y
# python3 python3-venv python3-pip gcc); a missing one fails the run, it is never skipped.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"
target=${CARGO_TARGET_DIR:-$root/target}/debug
venv=$root/.venv/python-binding

give_up() {
    echo "bindings/python/run_tests.sh: $*" >&2
    exit 1
}

require_tools() {
    command -v cargo >/dev/null || give_up "cargo is not installed (https://rustup.rs)"
    command -v gcc >/dev/null || give_up "gcc is not installed (Debian: apt-get install -y gcc)"
    command -v python3 >/dev/null ||
        give_up "python3 is not installed (Debian: apt-get install -y python3 python3-venv python3-pip)"
    python3 -c 'import sys; sys.exit(sys.version_info < (3, 9))' ||
        give_up "python3 is $(python3 --version 2>&1); the binding needs Python >= 3.9"
    python3 -c 'import venv, ensurepip' 2>/dev/null ||
        give_up "python3 cannot make virtual environments (Debian: apt-get install -y python3-venv)"
}

build_rust() {
    cargo build --quiet --lib || give_up "cargo build --lib failed"
    cargo build --quiet -p fake-bunq --bin fake-bunq || give_up "building fake-bunq failed"
    [ -f "$target/libbunq.so" ] || give_up "no libbunq.so in $target"
    [ -x "$target/fake-bunq" ] || give_up "no fake-bunq in $target"
}

install_binding() {
    if [ ! -x "$venv/bin/python" ]; then
        python3 -m venv "$venv" || give_up "python3 -m venv $venv failed"
    fi
    "$venv/bin/pip" install -q --disable-pip-version-check pytest ||
        give_up "pip install pytest failed"
    # --force-reinstall: the version number stays 0.1.0 while the sources change.
    "$venv/bin/pip" install -q --disable-pip-version-check --force-reinstall --no-deps \
        ./bindings/python || give_up "pip install ./bindings/python failed"
}

run_pytest() {
    local status=0
    (
        cd bindings/python
        BUNQ_LIBRARY_PATH=$target/libbunq.so \
            BUNQ_FAKE_BUNQ=$target/fake-bunq \
            BUNQ_SDK_PYTHON=${BUNQ_SDK_PYTHON:-$root/.venv/bunq-sdk/bin/python} \
            "$venv/bin/python" -m pytest -p no:cacheprovider -ra tests
    ) || status=$?
    if [ "$status" -eq 5 ]; then
        echo "bindings/python/run_tests.sh: pytest collected no tests" >&2
        exit 1
    fi
    return "$status"
}

require_tools
build_rust
install_binding
run_pytest
