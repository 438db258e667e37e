#!/usr/bin/env bash
# The C tests of the C API (include/bunq.h):
#
# - builds libbunq (.so and .a, debug) and the fake bunq server;
# - compiles tests/c/flow.c, tests/c/errors.c and the README's "Using from C" example, exactly
#   as written there, with gcc -std=c99 -Wall -Wextra -Werror -pedantic, each against the
#   shared and the static library, and the example once more through bunq.pc (pkg-config);
# - starts the fake server, runs every program under valgrind (no error, no leak definitely
#   lost), stops the server;
# - ends with "c-tests: N passed, M failed" and exits non-zero on any failure.
#
# Needs cargo, gcc, valgrind and pkg-config (Debian: apt-get install -y gcc valgrind
# pkg-config); a missing one fails the run, it is never skipped.
#
# `tests/c/run.sh --sanitize` is the same run under sanitizers instead of valgrind (the two
# cannot watch one program): libbunq built by nightly Rust with -Zsanitizer=address (in
# target/asan, apart from the stable builds), the programs compiled with
# -fsanitize=address,undefined; a leak, an invalid access or undefined behaviour fails the
# program. It first checks that a program misusing the API on purpose
# (tests/c/sanitizer_canary.c) is caught. Needs the nightly toolchain instead of valgrind.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"
target=${CARGO_TARGET_DIR:-$root/target}/debug
fake_bunq=$target/fake-bunq
sanitize=""
sanitizer_flags=()
if [ "${1:-}" = "--sanitize" ]; then
    sanitize=address
    host=$(rustc +nightly -vV 2>/dev/null | sed -n 's/^host: //p') || true
    target=$root/target/asan/$host/debug
    sanitizer_flags=(-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer -g)
fi
work=$(mktemp -d)
passed=0
failed=0
fake_pid=""

cleanup() {
    if [ -n "$fake_pid" ]; then
        exec {fake_in}>&- 2>/dev/null || true
        kill "$fake_pid" 2>/dev/null || true
        wait "$fake_pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT

give_up() {
    echo "tests/c/run.sh: $*" >&2
    echo "c-tests: $passed passed, $((failed + 1)) failed"
    exit 1
}

require_tools() {
    local tool tools=(cargo gcc pkg-config)
    [ -n "$sanitize" ] || tools+=(valgrind)
    for tool in "${tools[@]}"; do
        command -v "$tool" >/dev/null ||
            give_up "$tool is not installed (Debian: apt-get install -y gcc valgrind pkg-config)"
    done
    if [ -n "$sanitize" ]; then
        [ -n "$host" ] || give_up "no nightly toolchain (rustup toolchain install nightly)"
    fi
}

build_rust() {
    if [ -n "$sanitize" ]; then
        RUSTFLAGS="-Zsanitizer=$sanitize" cargo +nightly build --quiet --lib --target "$host" \
            --target-dir "$root/target/asan" || give_up "the sanitizer build of libbunq failed"
    else
        cargo build --quiet --lib || give_up "cargo build --lib failed"
    fi
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
    if gcc -std=c99 -Wall -Wextra -Werror -pedantic -pthread "${sanitizer_flags[@]}" \
        -I "$root/include" -o "$work/$name" "$source" "$@" 2>"$work/$name.gcc"; then
        return 0
    fi
    cat "$work/$name.gcc" >&2
    give_up "compiling $name failed"
}

compile_all() {
    local program source
    for program in flow errors example; do
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

start_fake_server() {
    mkfifo "$work/fake.stdin"
    "$fake_bunq" <"$work/fake.stdin" >"$work/fake.out" 2>"$work/fake.err" &
    fake_pid=$!
    # Holding the FIFO open keeps the server alive; closing it (cleanup) ends it.
    exec {fake_in}>"$work/fake.stdin"
    local tries=0
    until [ -s "$work/fake.out" ]; do
        tries=$((tries + 1))
        [ $tries -le 100 ] || give_up "the fake server printed no URL: $(cat "$work/fake.err")"
        sleep 0.1
    done
    fake_url=$(head -n 1 "$work/fake.out")
    echo "fake bunq server at $fake_url"
}

# Runs one program under valgrind in `directory`; counts it as passed only if the
# program's own checks and valgrind both pass.
run() { # directory, library directory, name, arguments...
    local directory=$1 libraries=$2 name=$3
    shift 3
    local log=$work/$name.valgrind status=0
    echo "--- $name"
    if [ -n "$sanitize" ]; then
        run_sanitized "$directory" "$libraries" "$name" "$@"
        return
    fi
    (cd "$directory" && BUNQ_BASE_URL=$fake_url LD_LIBRARY_PATH=$libraries \
        valgrind --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite \
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

# As `run`, with the sanitizers watching instead of valgrind; their reports go to stderr.
run_sanitized() { # directory, library directory, name, arguments...
    local directory=$1 libraries=$2 name=$3 log=$work/$3.sanitizers status=0
    shift 3
    (cd "$directory" && BUNQ_BASE_URL=$fake_url LD_LIBRARY_PATH=$libraries \
        ASAN_OPTIONS=detect_leaks=1:exitcode=99 UBSAN_OPTIONS=print_stacktrace=1 \
        "$work/$name" "$@" 2>"$log") || status=$?
    if [ "$status" -eq 0 ] && ! grep -qE 'Sanitizer|runtime error' "$log"; then
        passed=$((passed + 1))
        echo "ok $name (no sanitizer report)"
    else
        failed=$((failed + 1))
        echo "FAILED $name (exit $status); stderr:"
        cat "$log"
    fi
}

# The canary misuses the API on purpose: the pass is only worth something if it is caught.
check_canary() {
    local misuse status
    compile sanitizer-canary "$root/tests/c/sanitizer_canary.c" -L"$target" -lbunq
    for misuse in leak overflow; do
        status=0
        LD_LIBRARY_PATH=$target ASAN_OPTIONS=detect_leaks=1 \
            "$work/sanitizer-canary" "$misuse" >/dev/null 2>"$work/canary-$misuse.log" || status=$?
        if [ "$status" -ne 0 ] && grep -qE 'LeakSanitizer|AddressSanitizer' "$work/canary-$misuse.log"; then
            passed=$((passed + 1))
            echo "ok the sanitizers catch the canary's $misuse"
        else
            failed=$((failed + 1))
            echo "FAILED the sanitizers missed the canary's $misuse (exit $status):"
            cat "$work/canary-$misuse.log"
        fi
    done
}

run_all() {
    local kind scratch
    for kind in shared static; do
        scratch=$work/scratch-$kind
        mkdir -p "$scratch"
        run "$scratch" "$target" "flow-$kind" "$fake_url" "$scratch" "$root/tests/c/data"
        run "$scratch" "$target" "errors-$kind" "$fake_url" "$scratch"
        # The example saves bunq.conf in its working directory.
        run "$scratch" "$target" "example-$kind"
    done
    run "$work/scratch-shared" "$work/prefix/lib" example-pkg-config
}

require_tools
build_rust
extract_example
[ -z "$sanitize" ] || check_canary
compile_all
start_fake_server
run_all
echo "c-tests: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
