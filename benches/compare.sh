#!/usr/bin/env bash
# The Rust crate, the Python binding and bunq's official Python SDK, side by side against the
# bundled fake server (rate limits off) and relays in front of it that split their answers or
# not, over HTTP and HTTPS (benches/split_writes_relay.py), printed as one table with the
# targets of issues 13 and 24.
#
#   bash benches/compare.sh                  # about 3 minutes on 2 cores
#   bash benches/compare.sh --rounds 3 --only get --only sign   # some rows, fewer rounds
#   bash benches/compare.sh --crypto aws-lc  # signing and TLS with AWS-LC instead of ring
#
# Installs the official SDK into .venv/bunq-sdk (as tests/run_all.sh does), builds the fake
# server, the release library (the one the Python binding loads, through BUNQ_LIBRARY_PATH)
# and benches/compare.rs in the release profile, then runs it. Needs python3 and openssl.
# Figures only: nothing is asserted, and on a shared machine they move with its load (the
# output states the load average before and after).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

# --crypto ring|aws-lc: the crypto library of the crate and of the library the binding loads
# (docs/performance.md); the other arguments go to benches/compare.rs.
crypto=ring
arguments=()
while [ $# -gt 0 ]; do
    case $1 in
        --crypto) crypto=${2:?--crypto needs ring or aws-lc}; shift 2 ;;
        *) arguments+=("$1"); shift ;;
    esac
done
# The bench builds the core (features of the root package); the library the binding loads is
# the C ABI crate (bindings/c), which passes its crypto feature on to the core.
case $crypto in
    ring) features=(); capi_features=() ;;
    aws-lc)
        features=(--no-default-features --features os-trust-store,aws-lc)
        capi_features=(--no-default-features --features aws-lc) ;;
    *) echo "--crypto takes ring or aws-lc, not $crypto" >&2; exit 2 ;;
esac

command -v openssl >/dev/null || { echo "compare.sh needs openssl (apt-get install openssl)" >&2; exit 1; }
venv=$root/.venv/bunq-sdk
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
fi
"$venv/bin/pip" install -q --disable-pip-version-check "bunq-sdk==1.28.0"

cargo build --release -q -p fake-bunq
# The shared library as `make` builds it (one rustc run per crate type, so LTO applies), from
# the C ABI crate: the core alone exports no C function.
cargo rustc --release -q -p bunq-capi --lib --crate-type cdylib "${capi_features[@]}"

export PYTHONPATH=$root/bindings/python/src
export BUNQ_LIBRARY_PATH=$root/target/release/libbunq_capi.so
cargo bench -q --bench compare "${features[@]}" -- \
    --fake "$root/target/release/fake-bunq" \
    --binding-python python3 \
    --sdk-python "$venv/bin/python" \
    "${arguments[@]}"
