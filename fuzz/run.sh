#!/usr/bin/env bash
# Fuzzing and sanitizers: every cargo-fuzz target of fuzz/ for SECONDS seconds each (default
# 30), then the C tests under AddressSanitizer and UBSan (tests/c/run.sh --sanitize).
#
#   bash fuzz/run.sh            # the short run CI does (.ci/run)
#   bash fuzz/run.sh 600        # ten minutes per target
#   bash fuzz/run.sh 600 pem_keys context_file    # only these targets, no C run
#
# Each target starts from its committed seeds (fuzz/seeds/TARGET) and from what earlier runs
# on this machine found (fuzz/corpus/TARGET, not committed). An input that breaks a promise
# is saved to fuzz/artifacts/TARGET/; replay it with
#   cargo +nightly fuzz run -a TARGET fuzz/artifacts/TARGET/crash-...
# Built with debug assertions (-a), so arithmetic overflow is a finding too. Runs in the
# Europe/Amsterdam time zone, bunq's, where saved expiry times meet daylight saving. One
# leak report that is none is suppressed: see fuzz/lsan.supp.
# Needs the nightly toolchain (rustup toolchain install nightly; missing, the run fails) and
# cargo-fuzz, which it installs from crates.io when it is missing.
set -uo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-30}
shift || true
targets=("$@")
run_c_tests=yes
if [ ${#targets[@]} -eq 0 ]; then
    targets=(context_file answer_verification answer_envelope error_answer pem_keys
        c_api_json urls_and_queries handshake_answers client_answers)
else
    run_c_tests=""
fi
failed=()

die() {
    echo "fuzz/run.sh: $*" >&2
    exit 1
}

dictionary_for() {
    case $1 in
    answer_verification | error_answer | handshake_answers | client_answers) echo fuzz/dicts/answer.dict ;;
    *) echo fuzz/dicts/json.dict ;;
    esac
}

cargo +nightly --version >/dev/null 2>&1 || die "no nightly toolchain (rustup toolchain install nightly)"
if ! cargo +nightly fuzz --version >/dev/null 2>&1; then
    # A fresh machine has the nightly toolchain but not cargo-fuzz: it comes from crates.io.
    echo "=== installing cargo-fuzz (cargo install --locked cargo-fuzz)"
    cargo install --locked cargo-fuzz || die "installing cargo-fuzz failed"
fi
[[ $seconds =~ ^[0-9]+$ ]] || die "SECONDS must be a number, not $seconds"

echo "=== building the fuzz targets (nightly, AddressSanitizer, debug assertions)"
cargo +nightly fuzz build -a || die "building the fuzz targets failed"

for target in "${targets[@]}"; do
    echo "=== fuzzing $target for ${seconds}s"
    mkdir -p "fuzz/corpus/$target"
    log=$(mktemp)
    trap 'rm -f "$log"' EXIT # also when the run is interrupted
    TZ=Europe/Amsterdam LSAN_OPTIONS=suppressions=$PWD/fuzz/lsan.supp cargo +nightly fuzz run -a "$target" "fuzz/corpus/$target" "fuzz/seeds/$target" -- \
        -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2048 -max_len=8192 \
        -dict="$(dictionary_for "$target")" -print_final_stats=1 >"$log" 2>&1
    status=$?
    runs=$(sed -n 's/^Done \([0-9]*\) runs in \([0-9]*\) second.*/\1 executions in \2 s/p' "$log")
    if [ $status -eq 0 ]; then
        echo "ok $target: ${runs:-no count}, corpus $(find "fuzz/corpus/$target" -type f | wc -l) inputs"
    else
        failed+=("$target")
        echo "FAILED $target (exit $status):"
        grep -vE '^#[0-9]+|^INFO:|^Dictionary:|^MS:' "$log" | tail -n 60
    fi
    rm -f "$log"
done

if [ -n "$run_c_tests" ]; then
    echo "=== the C tests under AddressSanitizer and UBSan"
    bash tests/c/run.sh --sanitize || failed+=("C tests under sanitizers")
fi

if [ ${#failed[@]} -gt 0 ]; then
    echo "fuzz/run.sh: FAILED: ${failed[*]}"
    exit 1
fi
echo "fuzz/run.sh: every target ran ${seconds}s without a finding"
