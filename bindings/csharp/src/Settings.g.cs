// Generated from bindings/c/src/boundary/settings.rs by `cargo run -p bunq-codegen -- bindings`; do not edit.
namespace Bunq
{
    /// <summary>The settings the calls that make a client take (a JSON object, or a
    /// dictionary written as one): their names, types, defaults and meaning. A name that is
    /// none of them, or a value of the wrong type, is refused with a message naming the
    /// setting (and the closest valid name).</summary>
    /// <remarks>
    /// <para><b>A new context</b>. Making a new context (and, without "api_key", a new PSD2 provider's context) takes these, and every client option.</para>
    /// <list type="bullet">
    /// <item><description>"environment": "SANDBOX" or "PRODUCTION", required unless "base_url" is given. bunq's environment, which names its base URL. With <c>base_url</c> alone the environment is a sandbox-type one (a test server).</description></item>
    /// <item><description>"api_key": a string, required (except for a PSD2 provider, whose key bunq issues). An API key, a sandbox key or an OAuth access token.</description></item>
    /// <item><description>"description": a string, default "bunq-context". The device description bunq shows the user.</description></item>
    /// <item><description>"permitted_ips": a list of strings, default [] (the address the registration comes from). The addresses the API key may be used from, IPv4 or IPv6, or <c>["*"]</c> for anywhere. Do not use <c>["*"]</c> in production: anyone who obtains the key could use it from any machine; it is meant for the sandbox.</description></item>
    /// <item><description>"proxy_url": a string, default none. A proxy saved with the context (the official SDKs' field); clients of it use it unless their <c>proxy</c> option says otherwise.</description></item>
    /// <item><description>"private_key_pem": a string, default a new RSA-2048 key. The client's private key (PKCS#8 or PKCS#1 PEM) to register instead of generating one.</description></item>
    /// </list>
    /// <para><b>Client options</b>. Every call that makes a client takes these: making a context, restoring a saved one (from a file or JSON text), a PSD2 provider's context, OAuth and sandbox users.</para>
    /// <list type="bullet">
    /// <item><description>"base_url": a string, default the environment's (a restored context's own). Send to another base URL, e.g. a test server. For a restored context it applies to this client only: saves keep the context's own.</description></item>
    /// <item><description>"timeout_ms": a whole number of milliseconds, default 60000 (60 s). How long one exchange with bunq may take, connecting included.</description></item>
    /// <item><description>"connect_timeout_ms": a whole number of milliseconds, default 10000 (10 s). How long connecting may take.</description></item>
    /// <item><description>"proxy": a string, default "environment". <c>"environment"</c> (the context's saved <c>proxy_url</c>, else the <c>HTTPS_PROXY</c>, <c>ALL_PROXY</c> and <c>NO_PROXY</c> variables), <c>"none"</c>, or a proxy URL.</description></item>
    /// <item><description>"user_agent": a string, default <c>"bunq-context/&lt;version&gt;"</c>. The <c>User-Agent</c> header.</description></item>
    /// <item><description>"language": a string, default "en_US". The <c>X-Bunq-Language</c> header.</description></item>
    /// <item><description>"region": a string, default "nl_NL". The <c>X-Bunq-Region</c> header.</description></item>
    /// <item><description>"geolocation": a string, default "0 0 0 0 000". The <c>X-Bunq-Geolocation</c> header.</description></item>
    /// <item><description>"max_response_bytes": a whole number of bytes, default 67108864 (64 MiB). The largest answer read; a larger one fails the call.</description></item>
    /// <item><description>"rate_limits": true, false or an object with any of "get", "post", "put", "delete", "window_ms", "session_server_window_ms", default true (bunq's limits). The client-side rate limiter: <c>true</c> for bunq's limits, <c>false</c> for none, or an object changing some of them (0 calls is refused).<list type="bullet"><item><description>"get": a whole number, default 3. GET calls per window and endpoint (at least 1).</description></item><item><description>"post": a whole number, default 5. POST calls per window and endpoint (at least 1).</description></item><item><description>"put": a whole number, default 2. PUT calls per window and endpoint (at least 1).</description></item><item><description>"delete": a whole number, default 2. DELETE calls per window and endpoint (at least 1).</description></item><item><description>"window_ms": a whole number of milliseconds, default 3300. The window the counts are per.</description></item><item><description>"session_server_window_ms": a whole number of milliseconds, default 30000. The window of <c>session-server</c> (one new session per window).</description></item></list></description></item>
    /// <item><description>"retry": true, false or an object with any of "max_attempts", "initial_backoff_ms", "max_backoff_ms", "max_total_wait_ms", default true. Retries of 429 Too Many Requests answers: <c>true</c> for the defaults, <c>false</c> for never, or an object changing some of them.<list type="bullet"><item><description>"max_attempts": a whole number, default 10. Attempts of one call, the first included.</description></item><item><description>"initial_backoff_ms": a whole number of milliseconds, default 500. The wait before the first retry; each next wait doubles.</description></item><item><description>"max_backoff_ms": a whole number of milliseconds, default 8000. The longest wait between two attempts.</description></item><item><description>"max_total_wait_ms": a whole number of milliseconds, default 40000. The budget of each call: every wait in it (429 backoffs, the rate limiter, another thread's session renewal) ends within it, or the call fails as rate limited.</description></item></list></description></item>
    /// <item><description>"session_margin_ms": a whole number of milliseconds, default 30000 (30 s). Renew a session this long before it expires.</description></item>
    /// <item><description>"tls": an object with any of "roots", "ca_pem", "ca_file", "pin_sha256", default Mozilla's roots, no pins. Whom HTTPS trusts.<list type="bullet"><item><description>"roots": "bundled", "system" or "only-added", default "bundled". Which root certificates to trust: Mozilla's, built in (<c>bundled</c>), the operating system's store (<c>system</c>), or only those added here (<c>only-added</c>).</description></item><item><description>"ca_pem": a string, default none. PEM text of root certificates to trust as well (a company proxy's).</description></item><item><description>"ca_file": a string, default none. A PEM file of root certificates to trust as well.</description></item><item><description>"pin_sha256": a list of strings, default none. Base64 SHA-256 hashes of server SubjectPublicKeyInfos: the server's key must be one of them.</description></item></list></description></item>
    /// <item><description>"max_idle_connections": a whole number, default 16. Idle connections kept for reuse: at least the number of threads sharing the client.</description></item>
    /// <item><description>"idle_connection_timeout_ms": a whole number of milliseconds, default 15000 (15 s). How long an idle connection is kept.</description></item>
    /// <item><description>"dns_cache_ttl_ms": a whole number of milliseconds, default 60000 (60 s). How long a host name's addresses are reused; 0 looks the name up for every new connection.</description></item>
    /// <item><description>"save_to": a file path (a string) or null, default a restored file itself; else nowhere. Save the context to this file after every session renewal, or <c>null</c> to save nowhere. A failed save does not fail the call that renewed the session: the client's last save error says why.</description></item>
    /// </list>
    /// <para><b>OAuth</b>. The OAuth authorization URL and the code exchange take these, and the client options (timeouts, proxy, headers).</para>
    /// <list type="bullet">
    /// <item><description>"environment": "SANDBOX" or "PRODUCTION", required. bunq's environment, which names its OAuth pages.</description></item>
    /// <item><description>"client_id": a string, required. Your OAuth client's id.</description></item>
    /// <item><description>"client_secret": a string, default none (needed only for the code exchange). Your OAuth client's secret.</description></item>
    /// <item><description>"redirect_uri": a string, required. Where bunq sends the user back, exactly as registered with bunq.</description></item>
    /// <item><description>"authorize_url": a string, default bunq's. Another authorization page, e.g. a test server's.</description></item>
    /// <item><description>"token_url": a string, default bunq's. Another token endpoint, e.g. a test server's.</description></item>
    /// </list>
    /// <para><b>Sandbox users</b>. Making a sandbox user takes this, and the client options (<c>base_url</c> for another sandbox-like server, timeouts, proxy, headers).</para>
    /// <list type="bullet">
    /// <item><description>"environment": "SANDBOX", default "SANDBOX". Sandbox users exist only in the sandbox.</description></item>
    /// </list>
    /// </remarks>
    public static class Settings
    {
        /// <summary>A new context: "environment": "SANDBOX" or "PRODUCTION", required unless "base_url" is given. bunq's environment, which names its base URL. With <c>base_url</c> alone the environment is a sandbox-type one (a test server). OAuth: "environment": "SANDBOX" or "PRODUCTION", required. bunq's environment, which names its OAuth pages. Sandbox users: "environment": "SANDBOX", default "SANDBOX". Sandbox users exist only in the sandbox.</summary>
        public const string Environment = "environment";

        /// <summary>"api_key": a string, required (except for a PSD2 provider, whose key bunq issues). An API key, a sandbox key or an OAuth access token.</summary>
        public const string ApiKey = "api_key";

        /// <summary>"description": a string, default "bunq-context". The device description bunq shows the user.</summary>
        public const string Description = "description";

        /// <summary>"permitted_ips": a list of strings, default [] (the address the registration comes from). The addresses the API key may be used from, IPv4 or IPv6, or <c>["*"]</c> for anywhere. Do not use <c>["*"]</c> in production: anyone who obtains the key could use it from any machine; it is meant for the sandbox.</summary>
        public const string PermittedIps = "permitted_ips";

        /// <summary>"proxy_url": a string, default none. A proxy saved with the context (the official SDKs' field); clients of it use it unless their <c>proxy</c> option says otherwise.</summary>
        public const string ProxyUrl = "proxy_url";

        /// <summary>"private_key_pem": a string, default a new RSA-2048 key. The client's private key (PKCS#8 or PKCS#1 PEM) to register instead of generating one.</summary>
        public const string PrivateKeyPem = "private_key_pem";

        /// <summary>"base_url": a string, default the environment's (a restored context's own). Send to another base URL, e.g. a test server. For a restored context it applies to this client only: saves keep the context's own.</summary>
        public const string BaseUrl = "base_url";

        /// <summary>"timeout_ms": a whole number of milliseconds, default 60000 (60 s). How long one exchange with bunq may take, connecting included.</summary>
        public const string TimeoutMs = "timeout_ms";

        /// <summary>"connect_timeout_ms": a whole number of milliseconds, default 10000 (10 s). How long connecting may take.</summary>
        public const string ConnectTimeoutMs = "connect_timeout_ms";

        /// <summary>"proxy": a string, default "environment". <c>"environment"</c> (the context's saved <c>proxy_url</c>, else the <c>HTTPS_PROXY</c>, <c>ALL_PROXY</c> and <c>NO_PROXY</c> variables), <c>"none"</c>, or a proxy URL.</summary>
        public const string Proxy = "proxy";

        /// <summary>"user_agent": a string, default <c>"bunq-context/&lt;version&gt;"</c>. The <c>User-Agent</c> header.</summary>
        public const string UserAgent = "user_agent";

        /// <summary>"language": a string, default "en_US". The <c>X-Bunq-Language</c> header.</summary>
        public const string Language = "language";

        /// <summary>"region": a string, default "nl_NL". The <c>X-Bunq-Region</c> header.</summary>
        public const string Region = "region";

        /// <summary>"geolocation": a string, default "0 0 0 0 000". The <c>X-Bunq-Geolocation</c> header.</summary>
        public const string Geolocation = "geolocation";

        /// <summary>"max_response_bytes": a whole number of bytes, default 67108864 (64 MiB). The largest answer read; a larger one fails the call.</summary>
        public const string MaxResponseBytes = "max_response_bytes";

        /// <summary>"rate_limits": true, false or an object with any of "get", "post", "put", "delete", "window_ms", "session_server_window_ms", default true (bunq's limits). The client-side rate limiter: <c>true</c> for bunq's limits, <c>false</c> for none, or an object changing some of them (0 calls is refused).</summary>
        public const string RateLimits = "rate_limits";

        /// <summary>"retry": true, false or an object with any of "max_attempts", "initial_backoff_ms", "max_backoff_ms", "max_total_wait_ms", default true. Retries of 429 Too Many Requests answers: <c>true</c> for the defaults, <c>false</c> for never, or an object changing some of them.</summary>
        public const string Retry = "retry";

        /// <summary>"session_margin_ms": a whole number of milliseconds, default 30000 (30 s). Renew a session this long before it expires.</summary>
        public const string SessionMarginMs = "session_margin_ms";

        /// <summary>"tls": an object with any of "roots", "ca_pem", "ca_file", "pin_sha256", default Mozilla's roots, no pins. Whom HTTPS trusts.</summary>
        public const string Tls = "tls";

        /// <summary>"max_idle_connections": a whole number, default 16. Idle connections kept for reuse: at least the number of threads sharing the client.</summary>
        public const string MaxIdleConnections = "max_idle_connections";

        /// <summary>"idle_connection_timeout_ms": a whole number of milliseconds, default 15000 (15 s). How long an idle connection is kept.</summary>
        public const string IdleConnectionTimeoutMs = "idle_connection_timeout_ms";

        /// <summary>"dns_cache_ttl_ms": a whole number of milliseconds, default 60000 (60 s). How long a host name's addresses are reused; 0 looks the name up for every new connection.</summary>
        public const string DnsCacheTtlMs = "dns_cache_ttl_ms";

        /// <summary>"save_to": a file path (a string) or null, default a restored file itself; else nowhere. Save the context to this file after every session renewal, or <c>null</c> to save nowhere. A failed save does not fail the call that renewed the session: the client's last save error says why.</summary>
        public const string SaveTo = "save_to";

        /// <summary>"client_id": a string, required. Your OAuth client's id.</summary>
        public const string ClientId = "client_id";

        /// <summary>"client_secret": a string, default none (needed only for the code exchange). Your OAuth client's secret.</summary>
        public const string ClientSecret = "client_secret";

        /// <summary>"redirect_uri": a string, required. Where bunq sends the user back, exactly as registered with bunq.</summary>
        public const string RedirectUri = "redirect_uri";

        /// <summary>"authorize_url": a string, default bunq's. Another authorization page, e.g. a test server's.</summary>
        public const string AuthorizeUrl = "authorize_url";

        /// <summary>"token_url": a string, default bunq's. Another token endpoint, e.g. a test server's.</summary>
        public const string TokenUrl = "token_url";
    }
}
