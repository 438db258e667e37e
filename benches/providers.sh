#!/usr/bin/env bash
# ring against AWS-LC (aws-lc-rs), the two crypto libraries the crate builds with (feature
# `ring`, the default, or `aws-lc`; docs/performance.md), side by side in one table:
#
#   - RSA-2048 PKCS#1 v1.5 SHA-256 signature and verification of a payment body, wall-clock
#     and CPU time, and key generation (median of 20 keys; ring builds generate keys with the
#     rsa crate, whose figure is given for both builds): `cargo bench --bench signing`,
#     run ROUNDS times per library, alternating, medians of the rounds;
#   - a clean release build of the C library as `make` does it (cdylib, then staticlib), in a
#     fresh target directory that is deleted afterwards: wall-clock and CPU seconds;
#   - the stripped libbunq.so (`strip --strip-unneeded`) and libbunq.a;
#   - the crates in the tree (`cargo tree -e normal --prefix none | sort -u | wc -l`), and with
#     build dependencies;
#   - OpenSSL's own figures on this machine (`openssl speed rsa2048`) for reference;
#
# then the rule of issue 24: AWS-LC becomes the default of `make` and the Python wheel if it
# signs faster and costs at most 30 s more of clean build and 0.5 MiB more of libbunq.so.
#
#   bash benches/providers.sh              # about 10 minutes on 2 quiet cores
#   bash benches/providers.sh --no-build   # speed and crates only
#   ROUNDS=5 bash benches/providers.sh
#
# Figures only, nothing asserted. Timings move with the machine's load: the load average is
# printed before and after, and whether the processor has AVX-512 IFMA (where AWS-LC and
# OpenSSL have faster RSA code than ring). Needs a C compiler (AWS-LC), strip, bc, openssl.
set -euo pipefail
cd "$(dirname "$0")/.."

build=yes
[ "${1:-}" = "--no-build" ] && build=no
rounds=${ROUNDS:-3}
libraries=(ring aws-lc)

for tool in cc strip bc openssl; do
    command -v "$tool" >/dev/null || { echo "providers.sh needs $tool" >&2; exit 1; }
done

features_of() {
    case $1 in
        ring) echo "" ;;
        aws-lc) echo "--no-default-features --features os-trust-store,aws-lc" ;;
    esac
}

# The same choice for the C ABI crate (bindings/c), which builds libbunq and passes it on.
capi_features_of() {
    case $1 in
        ring) echo "" ;;
        aws-lc) echo "--no-default-features --features aws-lc" ;;
    esac
}

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
cargo fetch --quiet

load() { cut -d ' ' -f 1-3 /proc/loadavg; }
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
mib() { awk -v bytes="$1" 'BEGIN { printf "%.2f", bytes / 1048576 }'; }

cpu=$(grep -m1 '^model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')
if grep -qw avx512ifma /proc/cpuinfo; then ifma=yes; else ifma=no; fi
echo "# crypto libraries: $(nproc) cores, ${cpu:-unknown CPU}, AVX-512 IFMA: $ifma"
echo "# $(date -u '+%Y-%m-%d %H:%M UTC'), $(openssl version), rustc $(rustc --version | cut -d' ' -f2)"
echo "# load average before: $(load)"

# Speed: the bench binaries first (not timed), then the rounds, alternating libraries.
for library in "${libraries[@]}"; do
    # shellcheck disable=SC2046
    cargo bench -q --bench signing $(features_of "$library") --no-run 2>/dev/null
done
for round in $(seq "$rounds"); do
    for library in "${libraries[@]}"; do
        echo "# speed, round $round: $library" >&2
        # shellcheck disable=SC2046
        cargo bench -q --bench signing $(features_of "$library") >"$scratch/$library.$round"
        named=$(sed -n 's/^crypto library: //p' "$scratch/$library.$round")
        [ "$named" = "$(echo "$library" | sed 's/^aws-lc$/aws-lc-rs/')" ] ||
            { echo "the bench for $library signed with $named" >&2; exit 1; }
    done
done

# One figure of the bench output per round, median over rounds.
figure() { # library, sed expression printing the number
    for round in $(seq "$rounds"); do sed -n "$2" "$scratch/$1.$round"; done | median
}
declare -A value
for library in "${libraries[@]}"; do
    value[$library.sign]=$(figure "$library" 's/^ *payment body: sign *\([0-9.]*\) µs.*/\1/p')
    value[$library.sign_cpu]=$(figure "$library" 's/^ *payment body: sign .*(CPU *\([0-9.]*\)) *verify.*/\1/p')
    value[$library.verify]=$(figure "$library" 's/^ *payment body: .*verify *\([0-9.]*\) µs.*/\1/p')
    value[$library.verify_cpu]=$(figure "$library" 's/^ *payment body: .*verify .*(CPU *\([0-9.]*\)).*/\1/p')
    value[$library.sign_mib]=$(figure "$library" 's/^ *1 MiB body: sign *\([0-9.]*\) µs.*/\1/p')
    value[$library.keygen]=$(figure "$library" 's/^key generation (RSA-2048): median \([0-9.]*\) ms.*/\1/p')
    value[$library.keygen_mean]=$(figure "$library" 's/^key generation (RSA-2048): .*mean \([0-9.]*\) ms.*/\1/p')
    value[$library.keygen_rsa]=$(figure "$library" 's/^key generation by the rsa crate: median \([0-9.]*\) ms.*/\1/p')
    # shellcheck disable=SC2046
    value[$library.crates]=$(cargo tree -e normal --prefix none $(features_of "$library") | sort -u | wc -l)
    # shellcheck disable=SC2046
    value[$library.crates_build]=$(cargo tree -e normal,build --prefix none $(features_of "$library") | sort -u | wc -l)
done

# Clean builds, as `make` does them, each in a target directory of its own.
if [ "$build" = yes ]; then
    for library in "${libraries[@]}"; do
        target=$scratch/target-$library
        echo "# clean build: $library, load average $(load)" >&2
        wall=0 cpu_seconds=0
        for crate_type in cdylib staticlib; do
            TIMEFORMAT="%R %U %S"
            # shellcheck disable=SC2046
            { time CARGO_TARGET_DIR=$target cargo rustc --quiet --release -p bunq-capi --lib \
                --crate-type "$crate_type" $(capi_features_of "$library") 2>"$scratch/cargo.err"; } \
                2>"$scratch/time" || { cat "$scratch/cargo.err" >&2; exit 1; }
            read -r real user system <"$scratch/time"
            wall=$(echo "$wall + $real" | bc)
            cpu_seconds=$(echo "$cpu_seconds + $user + $system" | bc)
        done
        strip --strip-unneeded -o "$scratch/stripped.so" "$target/release/libbunq_capi.so"
        value[$library.build_wall]=$wall
        value[$library.build_cpu]=$cpu_seconds
        value[$library.so]=$(stat -c %s "$scratch/stripped.so")
        value[$library.a]=$(stat -c %s "$target/release/libbunq_capi.a")
        rm -rf "$target"
    done
fi

# OpenSSL on this machine: +F2:INDEX:BITS:SIGNS_PER_SECOND:VERIFIES_PER_SECOND (CPU time).
openssl_line=$(openssl speed -seconds 1 -mr rsa2048 2>/dev/null | grep '^+F2:' || true)
openssl_sign=$(echo "$openssl_line" | awk -F: '$4 > 0 { printf "%.1f", 1e6 / $4 }')
openssl_verify=$(echo "$openssl_line" | awk -F: '$5 > 0 { printf "%.1f", 1e6 / $5 }')
echo "# load average after: $(load)"
echo

row() { # label, key, format, [unit of the ratio]
    local ring=${value[ring.$2]:-} aws=${value[aws-lc.$2]:-} ratio=""
    if [ -n "$ring" ] && [ -n "$aws" ] && [ "$(echo "$ring != 0" | bc)" = 1 ]; then
        ratio=$(awk -v a="$aws" -v r="$ring" 'BEGIN { printf "%.2fx", a / r }')
    fi
    printf "%-46s %12s %12s %10s\n" "$1" "$(printf "$3" "${ring:-0}")" "$(printf "$3" "${aws:-0}")" "$ratio"
}
printf "%-46s %12s %12s %10s\n" "" "ring" "aws-lc-rs" "aws/ring"
row "sign, payment body (µs)" sign "%.1f"
row "  CPU (µs)" sign_cpu "%.1f"
row "sign, 1 MiB body (µs)" sign_mib "%.1f"
row "verify, payment body (µs)" verify "%.1f"
row "  CPU (µs)" verify_cpu "%.1f"
row "key generation, median of 20 (ms)" keygen "%.1f"
row "  mean (ms)" keygen_mean "%.1f"
row "  the rsa crate's, same build, median (ms)" keygen_rsa "%.1f"
if [ "$build" = yes ]; then
    row "clean build as make, wall-clock (s)" build_wall "%.1f"
    row "  CPU (s)" build_cpu "%.1f"
    for library in "${libraries[@]}"; do
        value[$library.so_mib]=$(mib "${value[$library.so]}")
        value[$library.a_mib]=$(mib "${value[$library.a]}")
    done
    row "libbunq.so, stripped (MiB)" so_mib "%s"
    row "libbunq.a (MiB)" a_mib "%s"
fi
row "crates in the tree (normal)" crates "%d"
row "crates with build dependencies" crates_build "%d"
printf "%-46s %12s\n" "OpenSSL: sign, verify (µs, CPU)" "${openssl_sign:--} ${openssl_verify:--}"

echo
echo "rule (issue 24): AWS-LC the default of make and the wheel if faster to sign, at most"
echo "30 s more clean build and at most 0.5 MiB more libbunq.so:"
faster=$(awk -v a="${value[aws-lc.sign_cpu]}" -v r="${value[ring.sign_cpu]}" 'BEGIN { print (a < r) ? "yes" : "no" }')
echo "  signs faster (CPU): $faster (${value[aws-lc.sign_cpu]} against ${value[ring.sign_cpu]} µs)"
if [ "$build" = yes ]; then
    extra_wall=$(echo "${value[aws-lc.build_wall]} - ${value[ring.build_wall]}" | bc)
    extra_cpu=$(echo "${value[aws-lc.build_cpu]} - ${value[ring.build_cpu]}" | bc)
    extra_so=$(awk -v a="${value[aws-lc.so]}" -v r="${value[ring.so]}" 'BEGIN { printf "%.2f", (a - r) / 1048576 }')
    build_ok=$(echo "$extra_wall <= 30" | bc)
    size_ok=$(awk -v e="$extra_so" 'BEGIN { print (e <= 0.5) ? 1 : 0 }')
    echo "  clean build: ${extra_wall} s more wall-clock (${extra_cpu} CPU-s): $([ "$build_ok" = 1 ] && echo within || echo over) 30 s"
    echo "  libbunq.so: ${extra_so} MiB more: $([ "$size_ok" = 1 ] && echo within || echo over) 0.5 MiB"
    if [ "$faster" = yes ] && [ "$build_ok" = 1 ] && [ "$size_ok" = 1 ]; then
        echo "  => AWS-LC wins: make it the default of make and the wheel"
    else
        echo "  => ring stays the default; AWS-LC remains a build option"
    fi
fi
