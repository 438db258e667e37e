//! Every setting the JSON settings of the client functions take: its name, its type, its
//! default and what it does. One list for two readers: the checks of `options.rs` (an unknown
//! name, with the closest valid one; a value of the wrong type, in the user's words) and
//! `bunq-codegen bindings`, which writes the settings' documentation from it (the comments
//! of `bunq_client_create`, `bunq_client_restore` and `bunq_oauth_authorization_url` in
//! bunq.h, the Python docstrings, PHPDoc, C# XML docs and docs/settings.md). So the
//! documentation and the parser cannot drift apart.
//!
//! Data only, with no import from this crate: the generator compiles this file as its own
//! module (`#[path]`). Texts are Markdown-flavoured (backticks for literal values); they name
//! no function of one language, since every binding shows them.

/// One setting: a key of a settings object.
pub(crate) struct Setting {
    /// The key, e.g. `timeout_ms`.
    pub(crate) name: &'static str,
    /// What values it takes.
    pub(crate) kind: Kind,
    /// The default in words (`"60000 (60 s)"`), or `"required ..."`. (Read by the
    /// generator only, as is `meaning`.)
    #[allow(dead_code)]
    pub(crate) default: &'static str,
    /// What it does, in a sentence or two.
    #[allow(dead_code)]
    pub(crate) meaning: &'static str,
}

/// What values a setting takes: its JSON type, in the words every language's users read.
pub(crate) enum Kind {
    /// A string.
    Text,
    /// One of these strings.
    Choice(&'static [&'static str]),
    /// An array of strings.
    Texts,
    /// A whole number of milliseconds (`u64`).
    Milliseconds,
    /// A whole number of bytes (`u64`).
    Bytes,
    /// A whole number (`u32`).
    Count,
    /// A file path (a string), or `null`.
    PathOrNull,
    /// `true`, `false` or an object of these settings.
    Switch(&'static [Setting]),
    /// An object of these settings.
    Object(&'static [Setting]),
}

impl Kind {
    /// The type in words: "a whole number of milliseconds", "true, false or an object with
    /// any of \"get\", \"post\", ...".
    pub(crate) fn words(&self) -> String {
        match self {
            Kind::Text => "a string".to_owned(),
            Kind::Choice(choices) => one_of(choices),
            Kind::Texts => "a list of strings".to_owned(),
            Kind::Milliseconds => "a whole number of milliseconds".to_owned(),
            Kind::Bytes => "a whole number of bytes".to_owned(),
            Kind::Count => "a whole number".to_owned(),
            Kind::PathOrNull => "a file path (a string) or null".to_owned(),
            Kind::Switch(fields) => format!("true, false or {}", object_words(fields)),
            Kind::Object(fields) => object_words(fields),
        }
    }

    /// The settings of an object (empty for the other kinds).
    pub(crate) fn fields(&self) -> &'static [Setting] {
        match self {
            Kind::Switch(fields) | Kind::Object(fields) => fields,
            _ => &[],
        }
    }
}

fn one_of(choices: &[&str]) -> String {
    let quoted: Vec<String> = choices
        .iter()
        .map(|choice| format!("\"{choice}\""))
        .collect();
    match quoted.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
        None => String::new(),
    }
}

fn object_words(fields: &[Setting]) -> String {
    let names: Vec<String> = fields
        .iter()
        .map(|field| format!("\"{}\"", field.name))
        .collect();
    format!("an object with any of {}", names.join(", "))
}

/// A group of settings and where they are taken.
pub(crate) struct Group {
    /// A short title: "A new context".
    pub(crate) title: &'static str,
    /// Which calls take them, in words that fit every language.
    pub(crate) taken_by: &'static str,
    /// The settings.
    pub(crate) settings: &'static [Setting],
}

/// What identifies a new context: only the calls that make one take these.
pub(crate) const CONTEXT: Group = Group {
    title: "A new context",
    taken_by: "Making a new context (and, without \"api_key\", a new PSD2 provider's context) \
               takes these, and every client option.",
    settings: &[
        Setting {
            name: "environment",
            kind: Kind::Choice(&["SANDBOX", "PRODUCTION"]),
            default: "required unless \"base_url\" is given",
            meaning: "bunq's environment, which names its base URL. With `base_url` alone the \
                      environment is a sandbox-type one (a test server).",
        },
        Setting {
            name: "api_key",
            kind: Kind::Text,
            default: "required (except for a PSD2 provider, whose key bunq issues)",
            meaning: "An API key, a sandbox key or an OAuth access token.",
        },
        Setting {
            name: "description",
            kind: Kind::Text,
            default: "\"bunq-context\"",
            meaning: "The device description bunq shows the user.",
        },
        Setting {
            name: "permitted_ips",
            kind: Kind::Texts,
            default: "[] (the address the registration comes from)",
            meaning: "The addresses the API key may be used from, IPv4 or IPv6, or `[\"*\"]` for \
                      anywhere. Do not use `[\"*\"]` in production: anyone who obtains the key \
                      could use it from any machine; it is meant for the sandbox.",
        },
        Setting {
            name: "proxy_url",
            kind: Kind::Text,
            default: "none",
            meaning: "A proxy saved with the context (the official SDKs' field); clients of it \
                      use it unless their `proxy` option says otherwise.",
        },
        Setting {
            name: "private_key_pem",
            kind: Kind::Text,
            default: "a new RSA-2048 key",
            meaning: "The client's private key (PKCS#8 or PKCS#1 PEM) to register instead of \
                      generating one.",
        },
    ],
};

const RATE_LIMITS: &[Setting] = &[
    Setting {
        name: "get",
        kind: Kind::Count,
        default: "3",
        meaning: "GET calls per window and endpoint (at least 1).",
    },
    Setting {
        name: "post",
        kind: Kind::Count,
        default: "5",
        meaning: "POST calls per window and endpoint (at least 1).",
    },
    Setting {
        name: "put",
        kind: Kind::Count,
        default: "2",
        meaning: "PUT calls per window and endpoint (at least 1).",
    },
    Setting {
        name: "delete",
        kind: Kind::Count,
        default: "2",
        meaning: "DELETE calls per window and endpoint (at least 1).",
    },
    Setting {
        name: "window_ms",
        kind: Kind::Milliseconds,
        default: "3300",
        meaning: "The window the counts are per.",
    },
    Setting {
        name: "session_server_window_ms",
        kind: Kind::Milliseconds,
        default: "30000",
        meaning: "The window of `session-server` (one new session per window).",
    },
];

const RETRY: &[Setting] = &[
    Setting {
        name: "max_attempts",
        kind: Kind::Count,
        default: "10",
        meaning: "Attempts of one call, the first included.",
    },
    Setting {
        name: "initial_backoff_ms",
        kind: Kind::Milliseconds,
        default: "500",
        meaning: "The wait before the first retry; each next wait doubles.",
    },
    Setting {
        name: "max_backoff_ms",
        kind: Kind::Milliseconds,
        default: "8000",
        meaning: "The longest wait between two attempts.",
    },
    Setting {
        name: "max_total_wait_ms",
        kind: Kind::Milliseconds,
        default: "40000",
        meaning: "The budget of each call: every wait in it (429 backoffs, the rate limiter, \
                  another thread's session renewal) ends within it, or the call fails as rate \
                  limited.",
    },
];

const TLS: &[Setting] = &[
    Setting {
        name: "roots",
        kind: Kind::Choice(&["bundled", "system", "only-added"]),
        default: "\"bundled\"",
        meaning: "Which root certificates to trust: Mozilla's, built in (`bundled`), the \
                  operating system's store (`system`), or only those added here \
                  (`only-added`).",
    },
    Setting {
        name: "ca_pem",
        kind: Kind::Text,
        default: "none",
        meaning: "PEM text of root certificates to trust as well (a company proxy's).",
    },
    Setting {
        name: "ca_file",
        kind: Kind::Text,
        default: "none",
        meaning: "A PEM file of root certificates to trust as well.",
    },
    Setting {
        name: "pin_sha256",
        kind: Kind::Texts,
        default: "none",
        meaning: "Base64 SHA-256 hashes of server SubjectPublicKeyInfos: the server's key must \
                  be one of them.",
    },
];

/// How a client behaves: every call that makes a client takes these.
pub(crate) const CLIENT: Group = Group {
    title: "Client options",
    taken_by: "Every call that makes a client takes these: making a context, restoring a \
               saved one (from a file or JSON text), a PSD2 provider's context, OAuth and \
               sandbox users.",
    settings: &[
        Setting {
            name: "base_url",
            kind: Kind::Text,
            default: "the environment's (a restored context's own)",
            meaning: "Send to another base URL, e.g. a test server. For a restored context it \
                      applies to this client only: saves keep the context's own.",
        },
        Setting {
            name: "timeout_ms",
            kind: Kind::Milliseconds,
            default: "60000 (60 s)",
            meaning: "How long one exchange with bunq may take, connecting included.",
        },
        Setting {
            name: "connect_timeout_ms",
            kind: Kind::Milliseconds,
            default: "10000 (10 s)",
            meaning: "How long connecting may take.",
        },
        Setting {
            name: "proxy",
            kind: Kind::Text,
            default: "\"environment\"",
            meaning: "`\"environment\"` (the context's saved `proxy_url`, else the `HTTPS_PROXY`, \
                      `ALL_PROXY` and `NO_PROXY` variables), `\"none\"`, or a proxy URL.",
        },
        Setting {
            name: "user_agent",
            kind: Kind::Text,
            default: "`\"bunq-context/<version>\"`",
            meaning: "The `User-Agent` header.",
        },
        Setting {
            name: "language",
            kind: Kind::Text,
            default: "\"en_US\"",
            meaning: "The `X-Bunq-Language` header.",
        },
        Setting {
            name: "region",
            kind: Kind::Text,
            default: "\"nl_NL\"",
            meaning: "The `X-Bunq-Region` header.",
        },
        Setting {
            name: "geolocation",
            kind: Kind::Text,
            default: "\"0 0 0 0 000\"",
            meaning: "The `X-Bunq-Geolocation` header.",
        },
        Setting {
            name: "max_response_bytes",
            kind: Kind::Bytes,
            default: "67108864 (64 MiB)",
            meaning: "The largest answer read; a larger one fails the call.",
        },
        Setting {
            name: "rate_limits",
            kind: Kind::Switch(RATE_LIMITS),
            default: "true (bunq's limits)",
            meaning: "The client-side rate limiter: `true` for bunq's limits, `false` for none, \
                      or an object changing some of them (0 calls is refused).",
        },
        Setting {
            name: "retry",
            kind: Kind::Switch(RETRY),
            default: "true",
            meaning: "Retries of 429 Too Many Requests answers: `true` for the defaults, \
                      `false` for never, or an object changing some of them.",
        },
        Setting {
            name: "session_margin_ms",
            kind: Kind::Milliseconds,
            default: "30000 (30 s)",
            meaning: "Renew a session this long before it expires.",
        },
        Setting {
            name: "tls",
            kind: Kind::Object(TLS),
            default: "Mozilla's roots, no pins",
            meaning: "Whom HTTPS trusts.",
        },
        Setting {
            name: "max_idle_connections",
            kind: Kind::Count,
            default: "16",
            meaning: "Idle connections kept for reuse: at least the number of threads sharing \
                      the client.",
        },
        Setting {
            name: "idle_connection_timeout_ms",
            kind: Kind::Milliseconds,
            default: "15000 (15 s)",
            meaning: "How long an idle connection is kept.",
        },
        Setting {
            name: "dns_cache_ttl_ms",
            kind: Kind::Milliseconds,
            default: "60000 (60 s)",
            meaning: "How long a host name's addresses are reused; 0 looks the name up for \
                      every new connection.",
        },
        Setting {
            name: "save_to",
            kind: Kind::PathOrNull,
            default: "a restored file itself; else nowhere",
            meaning: "Save the context to this file after every session renewal, or `null` to \
                      save nowhere. A failed save does not fail the call that renewed the \
                      session: the client's last save error says why.",
        },
    ],
};

/// The OAuth client's settings (with the client options).
pub(crate) const OAUTH: Group = Group {
    title: "OAuth",
    taken_by: "The OAuth authorization URL and the code exchange take these, and the client \
               options (timeouts, proxy, headers).",
    settings: &[
        Setting {
            name: "environment",
            kind: Kind::Choice(&["SANDBOX", "PRODUCTION"]),
            default: "required",
            meaning: "bunq's environment, which names its OAuth pages.",
        },
        Setting {
            name: "client_id",
            kind: Kind::Text,
            default: "required",
            meaning: "Your OAuth client's id.",
        },
        Setting {
            name: "client_secret",
            kind: Kind::Text,
            default: "none (needed only for the code exchange)",
            meaning: "Your OAuth client's secret.",
        },
        Setting {
            name: "redirect_uri",
            kind: Kind::Text,
            default: "required",
            meaning: "Where bunq sends the user back, exactly as registered with bunq.",
        },
        Setting {
            name: "authorize_url",
            kind: Kind::Text,
            default: "bunq's",
            meaning: "Another authorization page, e.g. a test server's.",
        },
        Setting {
            name: "token_url",
            kind: Kind::Text,
            default: "bunq's",
            meaning: "Another token endpoint, e.g. a test server's.",
        },
    ],
};

/// A sandbox user's settings (with the client options, of which `base_url` names another
/// sandbox-like server).
pub(crate) const SANDBOX: Group = Group {
    title: "Sandbox users",
    taken_by: "Making a sandbox user takes this, and the client options (`base_url` for \
               another sandbox-like server, timeouts, proxy, headers).",
    settings: &[Setting {
        name: "environment",
        kind: Kind::Choice(&["SANDBOX"]),
        default: "\"SANDBOX\"",
        meaning: "Sandbox users exist only in the sandbox.",
    }],
};

/// Every group, in the order the documentation shows them.
pub(crate) const GROUPS: [&Group; 4] = [&CONTEXT, &CLIENT, &OAUTH, &SANDBOX];
