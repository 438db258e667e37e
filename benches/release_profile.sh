#!/usr/bin/env bash
# What each setting of Cargo.toml's release profile buys: builds the C library as `make` does
# (`cargo rustc --release -p bunq-capi --lib --crate-type cdylib`, then staticlib) from a clean
# target directory once per variant, and prints the wall-clock time of each step and in all,
# the size of libbunq.so as built and stripped (`strip --strip-unneeded`, what a distribution
# ships), and the size of libbunq.a.
#
# One crate type per rustc run, because rustc performs no LTO for a run that also makes an
# rlib (`cargo build --release` makes rlib + cdylib + staticlib at once): with
# `cargo build`, a fat-LTO libbunq.so measured here was byte for byte as large as without LTO.
#
# Each variant overrides the profile through CARGO_PROFILE_RELEASE_* variables, so the
# figures do not depend on what Cargo.toml says today. Crates already downloaded are reused;
# nothing else is. A clean build is slow (1-3 min each on 2 cores): pass variant names to
# run only those, e.g. `benches/release_profile.sh baseline shipped`. Wall-clock times depend
# on what else the machine is doing (the script prints the load average before each build);
# the CPU seconds (user + system, all processes of the build) depend on it much less.
set -euo pipefail
cd "$(dirname "$0")/.."

# name: LTO, codegen units, strip, opt-level
declare -A variants=(
    [baseline]="false 16 none 3"           # cargo's release defaults (thin-local LTO, 16 units)
    [thin-lto]="thin 16 none 3"
    [fat-lto]="fat 16 none 3"
    [one-unit]="false 1 none 3"
    [fat-lto-one-unit]="fat 1 none 3"
    [fat-lto-one-unit-s]="fat 1 none s"    # the same optimised for size
    [shipped]="fat 1 symbols s"            # Cargo.toml's release profile
)
order=(baseline thin-lto fat-lto one-unit fat-lto-one-unit fat-lto-one-unit-s shipped)
[ $# -eq 0 ] || order=("$@")

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
cargo fetch --quiet

size() { stat -c %s "$1"; }
mib() { awk -v bytes="$1" 'BEGIN { printf "%.2fMiB", bytes / 1048576 }'; }

printf '%-18s %-5s %-5s %-7s %-3s %9s %9s %9s %9s %10s %10s %10s\n' variant lto units strip opt \
    "cdylib s" "static s" "total s" "CPU s" "libbunq.so" "stripped" "libbunq.a"
for name in "${order[@]}"; do
    [ -n "${variants[$name]:-}" ] || { echo "unknown variant $name" >&2; exit 2; }
    read -r lto units strip opt <<<"${variants[$name]}"
    target=$scratch/$name
    echo "# $name: load average $(cut -d ' ' -f 1-3 /proc/loadavg)" >&2
    wall=() cpu=0
    for crate_type in cdylib staticlib; do
        # bash's `time`: wall-clock, user and system CPU seconds of cargo and its children.
        TIMEFORMAT="%R %U %S"
        { time CARGO_TARGET_DIR=$target CARGO_PROFILE_RELEASE_LTO=$lto \
            CARGO_PROFILE_RELEASE_CODEGEN_UNITS=$units CARGO_PROFILE_RELEASE_STRIP=$strip \
            CARGO_PROFILE_RELEASE_OPT_LEVEL=$opt CARGO_PROFILE_RELEASE_PANIC=unwind \
            cargo rustc --quiet --release -p bunq-capi --lib --crate-type "$crate_type" \
            2>"$scratch/cargo.err"; } \
            2>"$scratch/time" || { cat "$scratch/cargo.err" >&2; exit 1; }
        read -r real user system <"$scratch/time"
        wall+=("$real")
        cpu=$(echo "$cpu + $user + $system" | bc)
    done
    library=$target/release/libbunq_capi.so # libbunq.so once `make` links it
    strip --strip-unneeded -o "$scratch/stripped.so" "$library"
    printf '%-18s %-5s %-5s %-7s %-3s %9.1f %9.1f %9.1f %9.1f %10s %10s %10s\n' "$name" "$lto" \
        "$units" "$strip" "$opt" "${wall[0]}" "${wall[1]}" "$(echo "${wall[0]} + ${wall[1]}" | bc)" \
        "$cpu" "$(mib "$(size "$library")")" "$(mib "$(size "$scratch/stripped.so")")" \
        "$(mib "$(size "$target/release/libbunq_capi.a")")"
    rm -rf "$target"
done
