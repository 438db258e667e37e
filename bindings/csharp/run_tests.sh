#!/usr/bin/env bash
# The tests of the C# binding (bindings/csharp):
#
# - builds libbunq (debug) and the fake bunq server with cargo;
# - compiles Bunq.dll as users do (`make csharp`: mono's mcs, -warnaserror, XML docs checked
#   for every public member) and the NUnit test assembly into a scratch directory;
# - runs the tests with Debian's nunit-console (NUnit 2.6) under mono; the tests start and
#   stop the fake server themselves, and find libbunq.so through LD_LIBRARY_PATH;
# - ends with NUnit's closing line ("Tests run: N, Errors: E, Failures: F, ...") and exits
#   non-zero on any failure.
#
# Needs cargo, make, gcc, mono, mcs and nunit-console (Debian: apt-get install -y make mono-mcs
# mono-runtime libmono-system-core4.0-cil nunit-console libnunit-cil-dev gcc); a missing one
# fails the run, it is never skipped. The official-SDK test needs BUNQ_SDK_PYTHON (or
# .venv/bunq-sdk/bin/python), a Python with bunq-sdk 1.28.0.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
cd "$root"
target=${CARGO_TARGET_DIR:-$root/target}/debug
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

give_up() {
    echo "bindings/csharp/run_tests.sh: $*" >&2
    echo "Tests run: 0, Errors: 1, Failures: 0 (the C# tests could not run)"
    exit 1
}

require_tools() {
    local tool
    for tool in cargo make gcc mono mcs nunit-console; do
        command -v "$tool" >/dev/null || give_up "$tool is not installed (Debian: apt-get install -y" \
            "make mono-mcs mono-runtime libmono-system-core4.0-cil nunit-console libnunit-cil-dev gcc)"
    done
}

build_rust() {
    make --no-print-directory --silent debug CARGO_BUILD_FLAGS=--quiet ||
        give_up "building libbunq (make debug) failed"
    cargo build --quiet -p fake-bunq --bin fake-bunq || give_up "building fake-bunq failed"
    [ -f "$target/libbunq.so" ] || give_up "no libbunq.so in $target"
    [ -x "$target/fake-bunq" ] || give_up "no fake-bunq in $target"
}

# The NUnit 2.6 framework assembly Debian installs (libnunit-cil-dev).
nunit_framework() {
    local dll
    for dll in /usr/lib/cli/nunit.framework-2.6*/nunit.framework.dll; do
        [ -f "$dll" ] && { echo "$dll"; return; }
    done
    give_up "no nunit.framework.dll under /usr/lib/cli (Debian: apt-get install -y libnunit-cil-dev)"
}

build_csharp() {
    local framework
    framework=$(nunit_framework)
    # Bunq.dll as users build it.
    make --no-print-directory -C "$root" csharp CSHARP_OUT="$work" || give_up "make csharp failed"
    mcs -target:library -warnaserror -r:"$work/Bunq.dll" -r:"$framework" -r:System.Xml \
        -out:"$work/Bunq.Tests.dll" -recurse:"$here/tests/*.cs" || give_up "compiling the tests failed"
}

run_tests() {
    local status=0
    # No XML result file: the console output is the record. -labels names each test as it starts.
    LD_LIBRARY_PATH="$target${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" \
        BUNQ_LIBRARY_PATH="$target/libbunq.so" \
        BUNQ_REPO_ROOT="$root" BUNQ_FAKE_BUNQ="$target/fake-bunq" \
        nunit-console -nologo -labels -noresult "$work/Bunq.Tests.dll" 2>&1 |
        tee "$work/nunit.out" || status=$?
    # NUnit prints its summary before the failure details: repeat it as the last line.
    grep -E '^Tests run: ' "$work/nunit.out" | tail -n 1 ||
        give_up "nunit-console printed no summary (exit $status)"
    return "$status"
}

require_tools
build_rust
build_csharp
run_tests
