# Generated from bindings/c/src/boundary/settings.rs by `cargo run -p bunq-codegen -- bindings`; do not edit.
"""The settings the library takes, documented: the calls that take them end their
docstrings with these texts (see ``help(bunq_context.Client.create)``)."""

from typing import Dict

#: Per group of settings: its title, which calls take it, and every setting with its type,
#: default and meaning.
GROUPS: Dict[str, str] = {
    "context": """\
A new context. Making a new context (and, without "api_key", a new PSD2 provider's
context) takes these, and every client option.

- "environment": "SANDBOX" or "PRODUCTION", required unless "base_url" is given. bunq's
  environment, which names its base URL. With `base_url` alone the environment is a
  sandbox-type one (a test server).
- "api_key": a string, required (except for a PSD2 provider, whose key bunq issues). An
  API key, a sandbox key or an OAuth access token.
- "description": a string, default "bunq-context". The device description bunq shows the
  user.
- "permitted_ips": a list of strings, default [] (the address the registration comes
  from). The addresses the API key may be used from, IPv4 or IPv6, or `["*"]` for
  anywhere. Do not use `["*"]` in production: anyone who obtains the key could use it
  from any machine; it is meant for the sandbox.
- "proxy_url": a string, default none. A proxy saved with the context (the official
  SDKs' field); clients of it use it unless their `proxy` option says otherwise.
- "private_key_pem": a string, default a new RSA-2048 key. The client's private key
  (PKCS#8 or PKCS#1 PEM) to register instead of generating one.
""",
    "client": """\
Client options. Every call that makes a client takes these: making a context, restoring
a saved one (from a file or JSON text), a PSD2 provider's context, OAuth and sandbox
users.

- "base_url": a string, default the environment's (a restored context's own). Send to
  another base URL, e.g. a test server. For a restored context it applies to this client
  only: saves keep the context's own.
- "timeout_ms": a whole number of milliseconds, default 60000 (60 s). How long one
  exchange with bunq may take, connecting included.
- "connect_timeout_ms": a whole number of milliseconds, default 10000 (10 s). How long
  connecting may take.
- "proxy": a string, default "environment". `"environment"` (the context's saved
  `proxy_url`, else the `HTTPS_PROXY`, `ALL_PROXY` and `NO_PROXY` variables), `"none"`,
  or a proxy URL.
- "user_agent": a string, default `"bunq-context/<version>"`. The `User-Agent` header.
- "language": a string, default "en_US". The `X-Bunq-Language` header.
- "region": a string, default "nl_NL". The `X-Bunq-Region` header.
- "geolocation": a string, default "0 0 0 0 000". The `X-Bunq-Geolocation` header.
- "max_response_bytes": a whole number of bytes, default 67108864 (64 MiB). The largest
  answer read; a larger one fails the call.
- "rate_limits": true, false or an object with any of "get", "post", "put", "delete",
  "window_ms", "session_server_window_ms", default true (bunq's limits). The client-side
  rate limiter: `true` for bunq's limits, `false` for none, or an object changing some
  of them (0 calls is refused).
  - "get": a whole number, default 3. GET calls per window and endpoint (at least 1).
  - "post": a whole number, default 5. POST calls per window and endpoint (at least 1).
  - "put": a whole number, default 2. PUT calls per window and endpoint (at least 1).
  - "delete": a whole number, default 2. DELETE calls per window and endpoint (at least
    1).
  - "window_ms": a whole number of milliseconds, default 3300. The window the counts are
    per.
  - "session_server_window_ms": a whole number of milliseconds, default 30000. The
    window of `session-server` (one new session per window).
- "retry": true, false or an object with any of "max_attempts", "initial_backoff_ms",
  "max_backoff_ms", "max_total_wait_ms", default true. Retries of 429 Too Many Requests
  answers: `true` for the defaults, `false` for never, or an object changing some of
  them.
  - "max_attempts": a whole number, default 10. Attempts of one call, the first
    included.
  - "initial_backoff_ms": a whole number of milliseconds, default 500. The wait before
    the first retry; each next wait doubles.
  - "max_backoff_ms": a whole number of milliseconds, default 8000. The longest wait
    between two attempts.
  - "max_total_wait_ms": a whole number of milliseconds, default 40000. The budget of
    each call: every wait in it (429 backoffs, the rate limiter, another thread's
    session renewal) ends within it, or the call fails as rate limited.
- "session_margin_ms": a whole number of milliseconds, default 30000 (30 s). Renew a
  session this long before it expires.
- "tls": an object with any of "roots", "ca_pem", "ca_file", "pin_sha256", default
  Mozilla's roots, no pins. Whom HTTPS trusts.
  - "roots": "bundled", "system" or "only-added", default "bundled". Which root
    certificates to trust: Mozilla's, built in (`bundled`), the operating system's store
    (`system`), or only those added here (`only-added`).
  - "ca_pem": a string, default none. PEM text of root certificates to trust as well (a
    company proxy's).
  - "ca_file": a string, default none. A PEM file of root certificates to trust as well.
  - "pin_sha256": a list of strings, default none. Base64 SHA-256 hashes of server
    SubjectPublicKeyInfos: the server's key must be one of them.
- "max_idle_connections": a whole number, default 16. Idle connections kept for reuse:
  at least the number of threads sharing the client.
- "idle_connection_timeout_ms": a whole number of milliseconds, default 15000 (15 s).
  How long an idle connection is kept.
- "dns_cache_ttl_ms": a whole number of milliseconds, default 60000 (60 s). How long a
  host name's addresses are reused; 0 looks the name up for every new connection.
- "save_to": a file path (a string) or null, default a restored file itself; else
  nowhere. Save the context to this file after every session renewal, or `null` to save
  nowhere. A failed save does not fail the call that renewed the session: the client's
  last save error says why.
""",
    "oauth": """\
OAuth. The OAuth authorization URL and the code exchange take these, and the client
options (timeouts, proxy, headers).

- "environment": "SANDBOX" or "PRODUCTION", required. bunq's environment, which names
  its OAuth pages.
- "client_id": a string, required. Your OAuth client's id.
- "client_secret": a string, default none (needed only for the code exchange). Your
  OAuth client's secret.
- "redirect_uri": a string, required. Where bunq sends the user back, exactly as
  registered with bunq.
- "authorize_url": a string, default bunq's. Another authorization page, e.g. a test
  server's.
- "token_url": a string, default bunq's. Another token endpoint, e.g. a test server's.
""",
    "sandbox": """\
Sandbox users. Making a sandbox user takes this, and the client options (`base_url` for
another sandbox-like server, timeouts, proxy, headers).

- "environment": "SANDBOX", default "SANDBOX". Sandbox users exist only in the sandbox.
""",
}
