#!/usr/bin/env bash
# The C tests of the C API (include/bunq.h):
#
# - builds libbunq (.so and .a, debug) and the fake bunq server, and the release library with
#   `make` (the same build `make install` and the Python wheel use);
# - compiles tests/c/flow.c, tests/c/errors.c, tests/c/https.c, tests/c/events.c,
#   tests/c/reentry.c, tests/c/calls.c, tests/c/callbacks.c, the README's C example and every
#   ```c block of docs/*.md, exactly as written there, with gcc -std=c99 -Wall -Wextra -Werror
#   -pedantic, each against the shared and the static debug library; and tests/c/cpp_flow.cpp,
#   a C++ program (bunq.h's extern "C" block), with g++ -std=c++11 -Wall -Wextra -Werror
#   -pedantic, the same two ways and through pkg-config;
# - installs with `make install PREFIX=<scratch>` and builds the example with nothing but
#   `pkg-config --cflags --libs bunq`, once dynamic and once fully static (`-static` and
#   `pkg-config --static`); checks `make install` with DESTDIR and `make uninstall`;
# - checks the SONAME: programs record libbunq.so.1 (the ABI version), and a library of
#   another ABI beside them is not loaded;
# - starts the fake server twice, over HTTP and over HTTPS (--tls, its CA in a file), runs
#   every program (under valgrind, except the fully static one: valgrind cannot follow a
#   static libc's allocator; no error, no leak definitely lost; tests/c/valgrind.supp names
#   the two false positives of TLS record encryption it ignores), stops the servers;
# - ends with "c-tests: N passed, M failed" and exits non-zero on any failure.
#
# Needs cargo, make, gcc and g++ (with libc6-dev's static libc), valgrind, pkg-config and
# readelf (Debian: apt-get install -y make gcc g++ libc6-dev valgrind pkg-config binutils); a
# missing one fails the run, it is never skipped.
#
# `tests/c/run.sh --sanitize` runs the same programs under sanitizers instead of valgrind (the
# two cannot watch one program): libbunq built by nightly Rust with -Zsanitizer=address (in
# target/asan, apart from the stable builds), the programs compiled with
# -fsanitize=address,undefined; a leak, an invalid access or undefined behaviour fails the
# program. It first checks that a program misusing the API on purpose
# (tests/c/sanitizer_canary.c) is caught. The packaging checks (make install, pkg-config,
# SONAME) belong to the valgrind run and are not repeated. Needs the nightly toolchain
# instead of valgrind.
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

pass() {
    passed=$((passed + 1))
    echo "ok $1"
}

fail() {
    failed=$((failed + 1))
    echo "FAILED $*"
}

require_tools() {
    local tool tools=(cargo gcc g++)
    [ -n "$sanitize" ] || tools+=(make valgrind pkg-config readelf)
    for tool in "${tools[@]}"; do
        command -v "$tool" >/dev/null || give_up "$tool is not installed (Debian: apt-get" \
            "install -y make gcc g++ libc6-dev valgrind pkg-config binutils)"
    done
    if [ -n "$sanitize" ]; then
        [ -n "$host" ] || give_up "no nightly toolchain (rustup toolchain install nightly)"
    fi
}

# The SONAME, i.e. the name programs linked with -lbunq look for at run time.
abi_version=$(sed -n 's/^pub const BUNQ_ABI_VERSION: u32 = \([0-9][0-9]*\);$/\1/p' bindings/c/src/version.rs)
soname=libbunq.so.$abi_version

build_rust() {
    if [ -n "$sanitize" ]; then
        RUSTFLAGS="-Zsanitizer=$sanitize" cargo +nightly build --quiet -p bunq-capi --lib \
            --target "$host" --target-dir "$root/target/asan" ||
            give_up "the sanitizer build of libbunq failed"
        ln -sf libbunq_capi.so "$target/libbunq.so"
        ln -sf libbunq_capi.a "$target/libbunq.a"
    else
        make --no-print-directory --silent debug CARGO_BUILD_FLAGS=--quiet ||
            give_up "building libbunq (make debug) failed"
    fi
    cargo build --quiet -p fake-bunq --bin fake-bunq || give_up "building fake-bunq failed"
    [ -f "$target/libbunq.so" ] && [ -f "$target/libbunq.a" ] ||
        give_up "no libbunq.so/libbunq.a in $target"
    # Where the debug-built programs find the library: under its SONAME.
    mkdir "$work/lib"
    ln -s "$target/libbunq.so" "$work/lib/$soname"
    [ -z "$sanitize" ] || return 0
    echo "make (the release library)"
    make --no-print-directory >"$work/make.log" 2>&1 || { cat "$work/make.log"; give_up "make failed"; }
}

# The C programs of the documentation, as users read them: the first ```c block under README.md's
# "## C" heading (readme-example.c) and every ```c block of docs/*.md (docs-<page>-<n>.c; the
# first of docs/c.md is example.c, the one also built through pkg-config below). The names of
# all but example go to `examples`.
extract_examples() {
    awk '/^## / { section = ($0 == "## C") }
         section && /^```c$/ { inside = 1; next }
         inside && /^```$/ { exit }
         inside { print }' README.md >"$work/readme-example.c"
    [ -s "$work/readme-example.c" ] || give_up "no C block under README.md's \"## C\" heading"
    local page
    for page in docs/*.md; do
        awk -v prefix="$work/docs-$(basename "$page" .md)" '
            /^```c$/ { blocks++; file = prefix "-" blocks ".c"; inside = 1; next }
            inside && /^```$/ { inside = 0; close(file); next }
            inside { print > file }' "$page"
    done
    [ -s "$work/docs-c-1.c" ] || give_up "no C block in docs/c.md"
    cp "$work/docs-c-1.c" "$work/example.c"
    examples=(readme-example)
    local source
    for source in "$work"/docs-*.c; do
        [ "$source" = "$work/docs-c-1.c" ] || examples+=("$(basename "$source" .c)")
    done
    echo "C programs of the documentation: example (docs/c.md) ${examples[*]}"
}

compile() { # name, source, extra flags...
    local name=$1 source=$2
    shift 2
    if gcc -std=c99 -Wall -Wextra -Werror -pedantic -pthread "${sanitizer_flags[@]}" \
        -o "$work/$name" "$source" "$@" 2>"$work/$name.gcc"; then
        return 0
    fi
    cat "$work/$name.gcc" >&2
    give_up "compiling $name failed"
}

# As `compile`, for C++ with g++: bunq.h must link from C++ (its extern "C" block).
compile_cpp() { # name, source, extra flags...
    local name=$1 source=$2
    shift 2
    if g++ -std=c++11 -Wall -Wextra -Werror -pedantic -pthread "${sanitizer_flags[@]}" \
        -o "$work/$name" "$source" "$@" 2>"$work/$name.g++"; then
        return 0
    fi
    cat "$work/$name.g++" >&2
    give_up "compiling $name failed"
}

compile_all() {
    local program source
    for program in flow errors https events reentry calls callbacks example "${examples[@]}"; do
        source=$root/tests/c/$program.c
        [ -f "$source" ] || source=$work/$program.c
        compile "$program-shared" "$source" -I "$root/include" -L"$target" -lbunq
        compile "$program-static" "$source" -I "$root/include" "$target/libbunq.a" -ldl -lm -lrt
    done
    source=$root/tests/c/cpp_flow.cpp
    compile_cpp cpp_flow-shared "$source" -I "$root/include" -L"$target" -lbunq
    compile_cpp cpp_flow-static "$source" -I "$root/include" "$target/libbunq.a" -ldl -lm -lrt
}

# The names in a file's dynamic section entries of one kind (NEEDED, SONAME).
dynamic() { # kind, file
    readelf --dynamic "$2" | sed -n "s/.*($1).*\[\(.*\)\]$/\1/p"
}

check_soname() {
    local needed
    needed=$(dynamic NEEDED "$work/flow-shared" | grep '^libbunq' || true)
    if [ "$needed" = "$soname" ]; then
        pass "a program linked with -lbunq needs $soname"
    else
        fail "a program linked with -lbunq needs '$needed', not $soname"
    fi
}

# Another ABI's library, installed as `make install` would put it (libbunq.so.2 and the
# libbunq.so link): the program must refuse to start rather than call into it.
check_other_abi_is_not_loaded() {
    local other=$work/other-abi status=0
    mkdir "$other"
    printf '#include <stdint.h>\nuint32_t bunq_abi_version(void) { return %d; }\n' \
        $((abi_version + 1)) >"$other/stub.c"
    gcc -shared -fPIC -Wl,-soname,libbunq.so.$((abi_version + 1)) \
        -o "$other/libbunq.so.$((abi_version + 1))" "$other/stub.c"
    ln -s "libbunq.so.$((abi_version + 1))" "$other/libbunq.so"
    LD_LIBRARY_PATH=$other "$work/example-shared" >"$other/out" 2>&1 || status=$?
    if [ "$status" -eq 127 ] && grep -q "$soname: cannot open shared object file" "$other/out"; then
        pass "a library of ABI $((abi_version + 1)) is not loaded in place of $soname"
    else
        fail "with only ABI $((abi_version + 1)) on LD_LIBRARY_PATH the example ran (exit $status):"
        cat "$other/out"
    fi
}

# `make install` into a scratch prefix that already holds someone else's file.
install_into_prefix() {
    prefix=$work/prefix
    mkdir -p "$prefix/lib"
    echo "another package's file" >"$prefix/lib/other-package.txt"
    make --no-print-directory install PREFIX="$prefix" >"$work/install.log" 2>&1 ||
        { cat "$work/install.log"; give_up "make install failed"; }
    local real_name
    real_name=$(cd "$prefix/lib" && ls libbunq.so.*.*)
    local expected
    expected=$(printf '%s\n' include/bunq.h "lib/$real_name" "lib/$soname -> $real_name" \
        lib/libbunq.a "lib/libbunq.so -> $soname" lib/other-package.txt lib/pkgconfig/bunq.pc | sort)
    local found
    found=$(cd "$prefix" && find . \( -type f -printf '%P\n' \) -o \( -type l -printf '%P -> %l\n' \) |
        sort)
    if [ "$found" = "$expected" ] && [ "$(dynamic SONAME "$prefix/lib/$real_name")" = "$soname" ] &&
        cmp -s include/bunq.h "$prefix/include/bunq.h"; then
        pass "make install puts the library with SONAME $soname and its links, libbunq.a, bunq.h, bunq.pc"
    else
        fail "make install installed:"
        printf '%s\n' "$found" "(SONAME $(dynamic SONAME "$prefix/lib/$real_name"))"
    fi
}

# The example built with nothing but pkg-config's flags, dynamic and fully static.
compile_through_pkg_config() {
    local flags
    flags=$(PKG_CONFIG_PATH=$prefix/lib/pkgconfig pkg-config --cflags --libs bunq) ||
        give_up "pkg-config cannot read the installed bunq.pc"
    # shellcheck disable=SC2086 # pkg-config's output is a list of words
    compile example-pkg-config "$work/example.c" $flags
    # shellcheck disable=SC2086
    compile_cpp cpp_flow-pkg-config "$root/tests/c/cpp_flow.cpp" -I "$root/tests/c" $flags
    flags=$(PKG_CONFIG_PATH=$prefix/lib/pkgconfig pkg-config --static --cflags --libs bunq)
    # glibc warns that getaddrinfo & co in a static program need its shared NSS modules at run
    # time: true, and harmless here. Any other warning fails (-Werror covers the compile).
    # shellcheck disable=SC2086
    compile example-pkg-config-static "$work/example.c" -static $flags
    if [ -z "$(readelf --dynamic "$work/example-pkg-config-static" | grep NEEDED || true)" ]; then
        pass "pkg-config --static links a program with no shared library at all"
    else
        fail "the -static program still needs: $(dynamic NEEDED "$work/example-pkg-config-static")"
    fi
}

# DESTDIR stages a package: files under DESTDIR, paths in bunq.pc without it.
check_destdir() {
    local stage=$work/stage
    make --no-print-directory install DESTDIR="$stage" PREFIX=/opt/bunq >"$work/stage.log" 2>&1 ||
        { cat "$work/stage.log"; give_up "make install DESTDIR=... failed"; }
    if [ -f "$stage/opt/bunq/lib/libbunq.a" ] && [ -L "$stage/opt/bunq/lib/$soname" ] &&
        grep -qx 'prefix=/opt/bunq' "$stage/opt/bunq/lib/pkgconfig/bunq.pc" &&
        grep -qx 'libdir=/opt/bunq/lib' "$stage/opt/bunq/lib/pkgconfig/bunq.pc"; then
        pass "make install DESTDIR=... PREFIX=/opt/bunq stages the files, bunq.pc names /opt/bunq"
    else
        fail "make install DESTDIR=... staged:"
        (cd "$stage" && find . -printf '%P %l\n') && cat "$stage/opt/bunq/lib/pkgconfig/bunq.pc"
    fi
    make --no-print-directory uninstall DESTDIR="$stage" PREFIX=/opt/bunq >/dev/null
}

check_uninstall() {
    make --no-print-directory uninstall PREFIX="$prefix" >"$work/uninstall.log" 2>&1 ||
        { cat "$work/uninstall.log"; give_up "make uninstall failed"; }
    local left
    left=$(cd "$prefix" && find . \( -type f -o -type l \) -printf '%P\n' | sort)
    if [ "$left" = "lib/other-package.txt" ]; then
        pass "make uninstall removes exactly what make install put there"
    else
        fail "after make uninstall the prefix holds:" && echo "$left"
    fi
}

# Starts the fake server with `arguments`; its output goes to $work/<name>.out, and the
# first line (the base URL) into the variable `fake_url`. Its stdin is a FIFO held open by
# this shell, so that the server ends with this script however it ends.
start_fake_server() { # name, arguments...
    local name=$1
    shift
    mkfifo "$work/$name.stdin"
    "$fake_bunq" "$@" <"$work/$name.stdin" >"$work/$name.out" 2>"$work/$name.err" &
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

# Runs one program in `directory`, under valgrind unless told otherwise; counts it as passed
# only if the program's own checks (and valgrind) pass.
run() { # directory, library directory, name, arguments...
    local directory=$1 libraries=$2 name=$3
    shift 3
    local log=$work/$name.valgrind status=0 checker=()
    echo "--- $name"
    if [ -n "$sanitize" ]; then
        run_sanitized "$directory" "$libraries" "$name" "$@"
        return
    fi
    [ "${VALGRIND:-yes}" = no ] || checker=(valgrind --error-exitcode=99 --leak-check=full
        --errors-for-leak-kinds=definite --suppressions="$root/tests/c/valgrind.supp"
        --log-file="$log")
    (cd "$directory" && BUNQ_BASE_URL=$fake_url LD_LIBRARY_PATH=$libraries \
        "${checker[@]}" "$work/$name" "$@") || status=$?
    if [ "$status" -eq 0 ]; then
        pass "$name"
    else
        fail "$name (exit $status; 99: valgrind found errors); valgrind log:"
        [ ! -f "$log" ] || cat "$log"
    fi
    [ ! -f "$log" ] ||
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
        pass "$name (no sanitizer report)"
    else
        fail "$name (exit $status); stderr:"
        cat "$log"
    fi
}

# The canary misuses the API on purpose: the pass is only worth something if it is caught.
check_canary() {
    local misuse status
    compile sanitizer-canary "$root/tests/c/sanitizer_canary.c" -I "$root/include" -L"$target" -lbunq
    for misuse in leak overflow; do
        status=0
        LD_LIBRARY_PATH=$work/lib ASAN_OPTIONS=detect_leaks=1 \
            "$work/sanitizer-canary" "$misuse" >/dev/null 2>"$work/canary-$misuse.log" || status=$?
        if [ "$status" -ne 0 ] && grep -qE 'LeakSanitizer|AddressSanitizer' "$work/canary-$misuse.log"; then
            pass "the sanitizers catch the canary's $misuse"
        else
            fail "the sanitizers missed the canary's $misuse (exit $status):"
            cat "$work/canary-$misuse.log"
        fi
    done
}

run_all() {
    local kind scratch program
    for kind in shared static; do
        scratch=$work/scratch-$kind
        mkdir -p "$scratch"
        run "$scratch" "$work/lib" "flow-$kind" "$fake_url" "$scratch" "$root/tests/c/data"
        run "$scratch" "$work/lib" "errors-$kind" "$fake_url" "$scratch"
        run "$scratch" "$work/lib" "https-$kind" "$https_url" "$work/fake-ca.pem"
        run "$scratch" "$work/lib" "events-$kind" "$fake_url" "$scratch"
        run "$scratch" "$work/lib" "cpp_flow-$kind" "$fake_url"
        run "$scratch" "$work/lib" "reentry-$kind" "$fake_url"
        run "$scratch" "$work/lib" "calls-$kind" "$fake_url"
        run "$scratch" "$work/lib" "callbacks-$kind" "$fake_url" "$root/tests/data/callbacks"
        # The documentation's programs save bunq.conf in their working directory.
        run "$scratch" "$work/lib" "example-$kind"
        for program in "${examples[@]}"; do
            run "$scratch" "$work/lib" "$program-$kind"
        done
    done
    [ -z "$sanitize" ] || return 0
    run "$work/scratch-shared" "$prefix/lib" example-pkg-config
    run "$work/scratch-shared" "$prefix/lib" cpp_flow-pkg-config "$fake_url"
    VALGRIND=no run "$work/scratch-static" "" example-pkg-config-static
}

require_tools
build_rust
extract_examples
[ -z "$sanitize" ] || check_canary
compile_all
if [ -z "$sanitize" ]; then
    check_soname
    check_other_abi_is_not_loaded
    install_into_prefix
    compile_through_pkg_config
    check_destdir
fi
start_fake_server https --tls --ca-file "$work/fake-ca.pem"
https_url=$fake_url
grep -q "^CA certificate: $work/fake-ca.pem\$" "$work/https.out" ||
    give_up "the HTTPS fake server did not name its CA file: $(cat "$work/https.out")"
start_fake_server http
run_all
[ -n "$sanitize" ] || check_uninstall
echo "c-tests: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
