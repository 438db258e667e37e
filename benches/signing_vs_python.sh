#!/usr/bin/env bash
# Prints the time per signature of this crate and of the official Python SDK's signer
# (bunq.sdk.security.security.sign_request, pycryptodomex) on the same machine and body.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=.venv/bunq-sdk
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q --disable-pip-version-check "bunq-sdk==1.28.0"
fi
echo "--- bunq-context (release build)"
cargo bench -q --bench signing
echo "--- official Python SDK (pycryptodomex)"
"$venv/bin/python" - <<'PY'
import time
from Cryptodome.PublicKey import RSA
from bunq.sdk.security import security
key = RSA.generate(2048)
body = b'{"amount":{"value":"12.50","currency":"EUR"},"counterparty_alias":{"type":"EMAIL","value":"sugardaddy@bunq.com","name":"Sugar Daddy"},"description":"bench"}'
security.sign_request(key, body)
n = 500
start = time.perf_counter()
for _ in range(n):
    security.sign_request(key, body)
per = (time.perf_counter() - start) / n
print(f"  payment body: sign {per * 1e6:8.1f} µs   ({n} iterations)")
PY
