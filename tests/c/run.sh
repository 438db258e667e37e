#!/usr/bin/env bash
# The C tests of the C API (include/bunq.h):
#
# - builds libbunq (.so and .a, debug) and the fake bunq server;
# - compiles tests/c/flow.c, tests/c/errors.c, tests/c/https.c and the README's "Using from C"
#   example, exactly
#   as written there, with gcc -std=c99 -Wall -Wextra -Werror -pedantic, each against the
#   shared and the static library, and the example once more through bunq.pc (pkg-config);
# - starts the fake server twice, over HTTP and over HTTPS (--tls, its CA in a file), runs
#   every program under valgrind (no error, no leak definitely lost; tests/c/valgrind.supp
#   names the two false positives of TLS record encryption it ignores), stops the servers;
# - ends with "c-tests: N passed, M failed" and exits non-zero on any failure.
#
# Needs cargo, gcc, valgrind and pkg-config (Debian: apt-get install -y gcc valgrind
# pkg-config); a missing one fails the run, it is never skipped.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"
target=${CARGO_TARGET_DIR:-$root/target}/debug
work=$(mktemp -d)
passed=0
failed=0
fake_pids=()

cleanup() {
    local pid
    for pid in "${fake_pids[@]}"; do
        kill "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    rm -rf "$work"
}
trap cleanup EXIT

give_up() {
    echo "tests/c/run.sh: $*" >&2
    echo "c-tests: $passed passed, $((failed + 1)) failed"
    exit 1
}

require_tools() {
    local tool
    for tool in cargo gcc valgrind pkg-config; do
        command -v "$tool" >/dev/null ||
            give_up "$tool is not installed (Debian: apt-get install -y gcc valgrind pkg-config)"
    done
}

build_rust() {
    cargo build --quiet --lib || give_up "cargo build --lib failed"
    cargo build --quiet -p fake-bunq --bin fake-bunq || give_up "building fake-bunq failed"
    [ -f "$target/libbunq.so" ] && [ -f "$target/libbunq.a" ] ||
        give_up "no libbunq.so/libbunq.a in $target"
}

# The first ```c block of README.md's "Using from C" section: the example as users read it.
extract_example() {
    local source=README.md
    awk '/^## Using from C/ { section = 1 }
         section && /^```c$/ { inside = 1; next }
         inside && /^```$/ { exit }
         inside { print }' "$source" >"$work/example.c"
    [ -s "$work/example.c" ] || give_up "no C example found in $source"
}

compile() { # name, source, extra flags...
    local name=$1 source=$2
    shift 2
    if gcc -std=c99 -Wall -Wextra -Werror -pedantic -pthread -I "$root/include" \
        -o "$work/$name" "$source" "$@" 2>"$work/$name.gcc"; then
        return 0
    fi
    cat "$work/$name.gcc" >&2
    give_up "compiling $name failed"
}

compile_all() {
    local program source
    for program in flow errors https example; do
        source=$root/tests/c/$program.c
        [ "$program" = example ] && source=$work/example.c
        compile "$program-shared" "$source" -L"$target" -lbunq
        compile "$program-static" "$source" "$target/libbunq.a" -ldl -lm -lrt
    done
    compile_through_pkg_config
}

# Installs header and library into a scratch prefix with bunq.pc, as README.md describes,
# and builds the example with nothing but pkg-config's flags.
compile_through_pkg_config() {
    local prefix=$work/prefix version
    version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)
    mkdir -p "$prefix/include" "$prefix/lib/pkgconfig"
    cp include/bunq.h "$prefix/include/"
    cp "$target/libbunq.so" "$prefix/lib/"
    sed -e "s|@PREFIX@|$prefix|" -e "s|@VERSION@|$version|" bunq.pc.in \
        >"$prefix/lib/pkgconfig/bunq.pc"
    local flags
    flags=$(PKG_CONFIG_PATH=$prefix/lib/pkgconfig pkg-config --cflags --libs bunq) ||
        give_up "pkg-config cannot read the generated bunq.pc"
    # shellcheck disable=SC2086 # pkg-config's output is a list of words
    compile example-pkg-config "$work/example.c" $flags
}

# Starts the fake server with `arguments`; its output goes to $work/<name>.out, and the
# first line (the base URL) into the variable `fake_url`. Its stdin is a FIFO held open by
# this shell, so that the server ends with this script however it ends.
start_fake_server() { # name, arguments...
    local name=$1
    shift
    mkfifo "$work/$name.stdin"
    "$target/fake-bunq" "$@" <"$work/$name.stdin" >"$work/$name.out" 2>"$work/$name.err" &
    fake_pids+=($!)
    local holder
    exec {holder}>"$work/$name.stdin"
    local tries=0
    until [ -s "$work/$name.out" ]; do
        tries=$((tries + 1))
        [ $tries -le 100 ] || give_up "the fake server printed no URL: $(cat "$work/$name.err")"
        sleep 0.1
    done
    fake_url=$(head -n 1 "$work/$name.out")
    echo "fake bunq server ($name) at $fake_url"
}

# Runs one program under valgrind in `directory`; counts it as passed only if the
# program's own checks and valgrind both pass.
run() { # directory, library directory, name, arguments...
    local directory=$1 libraries=$2 name=$3
    shift 3
    local log=$work/$name.valgrind status=0
    echo "--- $name"
    (cd "$directory" && BUNQ_BASE_URL=$fake_url LD_LIBRARY_PATH=$libraries \
        valgrind --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite \
        --suppressions="$root/tests/c/valgrind.supp" \
        --log-file="$log" "$work/$name" "$@") || status=$?
    if [ "$status" -eq 0 ]; then
        passed=$((passed + 1))
        echo "ok $name"
    else
        failed=$((failed + 1))
        echo "FAILED $name (exit $status; 99: valgrind found errors); valgrind log:"
        cat "$log"
    fi
    grep -E 'ERROR SUMMARY|definitely lost|indirectly lost' "$log" | sed 's/^==[0-9]*==/  valgrind:/'
}

run_all() {
    local kind scratch
    for kind in shared static; do
        scratch=$work/scratch-$kind
        mkdir -p "$scratch"
        run "$scratch" "$target" "flow-$kind" "$fake_url" "$scratch" "$root/tests/c/data"
        run "$scratch" "$target" "errors-$kind" "$fake_url" "$scratch"
        run "$scratch" "$target" "https-$kind" "$https_url" "$work/fake-ca.pem"
        # The example saves bunq.conf in its working directory.
        run "$scratch" "$target" "example-$kind"
    done
    run "$work/scratch-shared" "$work/prefix/lib" example-pkg-config
}

require_tools
build_rust
extract_example
compile_all
start_fake_server https --tls --ca-file "$work/fake-ca.pem"
https_url=$fake_url
grep -q "^CA certificate: $work/fake-ca.pem\$" "$work/https.out" ||
    give_up "the HTTPS fake server did not name its CA file: $(cat "$work/https.out")"
start_fake_server http
run_all
echo "c-tests: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
