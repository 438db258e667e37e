#!/usr/bin/env bash
# The tests of the Python binding (bindings/python), run against the package as users get it:
#
# - builds the fake bunq server (debug) with cargo;
# - builds the wheel as users do, `pip wheel ./bindings/python`: setuptools-rust builds
#   libbunq (release, `cargo rustc --crate-type cdylib`: `make` builds the same, so after it
#   the wheel only packs) and puts it inside the package;
# - checks that `pip install ./bindings/python` works too, into .venv/python-binding;
# - type-checks the package with `mypy --strict` (it ships py.typed, so its users' type
#   checkers read it), mypy installed into .venv/python-binding;
# - installs the wheel and pytest into a fresh virtual environment outside the checkout and
#   runs the suite there with no BUNQ_LIBRARY_PATH and no cargo on the PATH: the tests import
#   the installed package and its bundled library. They start their own fake server, and use
#   the official bunq SDK of $BUNQ_SDK_PYTHON (default .venv/bunq-sdk/bin/python) for the
#   interoperability test; every test removes the files it made (tests/conftest.py's
#   tmp_path), and pytest's own temporary directory lies in this script's scratch directory;
# - ends with pytest's closing line and exits non-zero on any failure, including
#   "no tests collected".
#
# Needs cargo, python3 (>= 3.9) with venv and pip, gcc and readelf (Debian: apt-get install -y
# python3 python3-venv python3-pip gcc binutils); a missing one fails the run, it is never
# skipped.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"
target=${CARGO_TARGET_DIR:-$root/target}/debug
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

give_up() {
    echo "bindings/python/run_tests.sh: $*" >&2
    exit 1
}

require_tools() {
    command -v cargo >/dev/null || give_up "cargo is not installed (https://rustup.rs)"
    command -v gcc >/dev/null || give_up "gcc is not installed (Debian: apt-get install -y gcc)"
    command -v readelf >/dev/null || give_up "readelf is not installed (Debian: apt-get install -y binutils)"
    command -v python3 >/dev/null ||
        give_up "python3 is not installed (Debian: apt-get install -y python3 python3-venv python3-pip)"
    python3 -c 'import sys; sys.exit(sys.version_info < (3, 9))' ||
        give_up "python3 is $(python3 --version 2>&1); the binding needs Python >= 3.9"
    python3 -c 'import venv, ensurepip' 2>/dev/null ||
        give_up "python3 cannot make virtual environments (Debian: apt-get install -y python3-venv)"
}

build_fake_server() {
    cargo build --quiet -p fake-bunq --bin fake-bunq || give_up "building fake-bunq failed"
    [ -x "$target/fake-bunq" ] || give_up "no fake-bunq in $target"
}

pip_in() { # venv, pip arguments...
    local venv=$1
    shift
    "$venv/bin/pip" --disable-pip-version-check "$@"
}

new_venv() { # directory
    python3 -m venv "$1" || give_up "python3 -m venv $1 failed"
}

build_wheel() {
    local builder=$root/.venv/python-binding
    [ -x "$builder/bin/python" ] || new_venv "$builder"
    echo "pip wheel ./bindings/python (builds libbunq with cargo through setuptools-rust)"
    pip_in "$builder" wheel -q --no-deps -w "$work/dist" ./bindings/python ||
        give_up "pip wheel ./bindings/python failed"
    wheel=$(ls "$work"/dist/bunq_context-*.whl) || give_up "pip wheel made no bunq_context wheel"
    echo "built $(basename "$wheel")"
    # --force-reinstall: the version number stays 0.1.0 while the sources change.
    pip_in "$builder" install -q --force-reinstall --no-deps ./bindings/python ||
        give_up "pip install ./bindings/python failed"
    (cd / && "$builder/bin/python" -c 'import bunq_context; print("pip install ./bindings/python:", bunq_context.library_path())') ||
        give_up "the package pip installed from ./bindings/python does not import"
}

# The package ships py.typed: what a user's `mypy --strict` reads must pass it.
type_check() {
    local builder=$root/.venv/python-binding
    pip_in "$builder" install -q mypy || give_up "pip install mypy failed"
    echo "mypy --strict bindings/python/src/bunq_context"
    "$builder/bin/python" -m mypy --strict --cache-dir=/dev/null bindings/python/src/bunq_context ||
        give_up "mypy --strict found errors in the package"
}

# A venv in a scratch directory, as on a user's machine: the wheel and pytest, nothing else.
install_wheel() {
    venv=$work/venv
    new_venv "$venv"
    pip_in "$venv" install -q pytest "$wheel" || give_up "pip install of the wheel failed"
}

# PATH without the directories that hold cargo: the installed package must not need it.
path_without_cargo() {
    local directory kept=()
    IFS=: read -r -a directories <<<"$PATH"
    for directory in "${directories[@]}"; do
        [ -n "$directory" ] && [ ! -e "$directory/cargo" ] && kept+=("$directory")
    done
    (IFS=:; echo "${kept[*]}")
}

run_pytest() {
    local status=0 path
    path=$(path_without_cargo)
    ! PATH=$path command -v cargo >/dev/null || give_up "cargo is still on the PATH ($path)"
    (
        cd bindings/python
        env -u BUNQ_LIBRARY_PATH PATH="$path" \
            BUNQ_WHEEL="$wheel" \
            BUNQ_FAKE_BUNQ="$target/fake-bunq" \
            BUNQ_SDK_PYTHON="${BUNQ_SDK_PYTHON:-$root/.venv/bunq-sdk/bin/python}" \
            "$venv/bin/python" -m pytest -p no:cacheprovider --basetemp="$work/pytest" -ra tests
    ) || status=$?
    if [ "$status" -eq 5 ]; then
        echo "bindings/python/run_tests.sh: pytest collected no tests" >&2
        exit 1
    fi
    return "$status"
}

require_tools
build_fake_server
build_wheel
type_check
install_wheel
run_pytest
