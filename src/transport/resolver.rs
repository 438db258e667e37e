//! Name resolution that remembers: one lookup per host for `dns_cache_ttl`, not one per call.
//!
//! ureq's own resolver looks the host up before every request, even one that then reuses a
//! pooled connection, and with a timeout set it spawns a thread for each lookup (measured
//! here: 47-101 µs a call, and a DNS query per call against bunq). This one answers from a
//! cache; a miss still goes through ureq's resolver, so the connect timeout bounds it. An
//! address that could not be connected to is forgotten at once (see [`CachingResolver::forget`]),
//! so a server that moved is found again on the next call.

use std::collections::HashMap;
use std::fmt;
use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use ureq::config::Config as AgentConfig;
use ureq::http::Uri;
use ureq::unversioned::resolver::{DefaultResolver, ResolvedSocketAddrs, Resolver};
use ureq::unversioned::transport::NextTimeout;

use super::stats::TransportCounters;

/// A [`Resolver`] with a cache; clones share it.
#[derive(Clone)]
pub(crate) struct CachingResolver {
    shared: Arc<Shared>,
}

struct Shared {
    ttl: Duration,
    lookup: DefaultResolver,
    cache: Mutex<HashMap<String, Cached>>,
    /// Held during a lookup, so that threads missing the same name at once look it up once.
    single_flight: Mutex<()>,
    counters: Arc<TransportCounters>,
}

struct Cached {
    addresses: ResolvedSocketAddrs,
    until: Instant,
}

impl CachingResolver {
    /// A resolver keeping answers for `ttl` (zero: no caching), counting lookups in
    /// `counters`.
    pub(crate) fn new(ttl: Duration, counters: Arc<TransportCounters>) -> CachingResolver {
        CachingResolver {
            shared: Arc::new(Shared {
                ttl,
                lookup: DefaultResolver::default(),
                cache: Mutex::new(HashMap::new()),
                single_flight: Mutex::new(()),
                counters,
            }),
        }
    }

    /// Drops the cached answer for `uri`'s host: connecting to its addresses failed.
    pub(crate) fn forget(&self, uri: &Uri) {
        if let Some(key) = cache_key(uri) {
            self.shared.cache().remove(&key);
        }
    }

    fn cached(&self, key: &str) -> Option<ResolvedSocketAddrs> {
        let cache = self.shared.cache();
        let entry = cache.get(key)?;
        (Instant::now() < entry.until).then(|| entry.addresses.clone())
    }

    fn look_up(
        &self,
        key: String,
        uri: &Uri,
        config: &AgentConfig,
        timeout: NextTimeout,
    ) -> Result<ResolvedSocketAddrs, ureq::Error> {
        let _single_flight = self
            .shared
            .single_flight
            .lock()
            .unwrap_or_else(|poison| poison.into_inner());
        if let Some(addresses) = self.cached(&key) {
            return Ok(addresses); // another thread looked it up meanwhile
        }
        self.shared.counters.name_looked_up();
        let addresses = self.shared.lookup.resolve(uri, config, timeout)?;
        if !self.shared.ttl.is_zero() {
            let until = Instant::now() + self.shared.ttl;
            let entry = Cached {
                addresses: addresses.clone(),
                until,
            };
            self.shared.cache().insert(key, entry);
        }
        Ok(addresses)
    }
}

impl Shared {
    fn cache(&self) -> MutexGuard<'_, HashMap<String, Cached>> {
        self.cache
            .lock()
            .unwrap_or_else(|poison| poison.into_inner())
    }
}

impl Resolver for CachingResolver {
    fn resolve(
        &self,
        uri: &Uri,
        config: &AgentConfig,
        timeout: NextTimeout,
    ) -> Result<ResolvedSocketAddrs, ureq::Error> {
        let Some(key) = cache_key(uri) else {
            // Not a URL ureq can connect to: let it say why.
            return self.shared.lookup.resolve(uri, config, timeout);
        };
        if let Some(address) = ip_literal(uri) {
            let mut addresses = self.empty();
            addresses.push(address);
            return Ok(addresses);
        }
        match self.cached(&key) {
            Some(addresses) => Ok(addresses),
            None => self.look_up(key, uri, config, timeout),
        }
    }
}

impl fmt::Debug for CachingResolver {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CachingResolver")
            .field("ttl", &self.shared.ttl)
            .finish_non_exhaustive()
    }
}

/// `host:port`, with the scheme's default port; `None` for a URI without both.
fn cache_key(uri: &Uri) -> Option<String> {
    DefaultResolver::host_and_port(uri.scheme()?, uri.authority()?)
}

/// The address of a URL whose host is an IP address: no lookup needed.
fn ip_literal(uri: &Uri) -> Option<SocketAddr> {
    let host = uri.host()?;
    let host = host
        .strip_prefix('[')
        .and_then(|inner| inner.strip_suffix(']'))
        .unwrap_or(host);
    let ip: IpAddr = host.parse().ok()?;
    let port = uri.port_u16().or_else(|| match uri.scheme_str()? {
        "https" => Some(443),
        "http" => Some(80),
        _ => None,
    })?;
    Some(SocketAddr::new(ip, port))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resolve(resolver: &CachingResolver, url: &str) -> Vec<SocketAddr> {
        let uri: Uri = url.parse().unwrap();
        let config = AgentConfig::default();
        let timeout = NextTimeout {
            after: ureq::unversioned::transport::time::Duration::from_secs(10),
            ..NextTimeout::default()
        };
        resolver
            .resolve(&uri, &config, timeout)
            .unwrap()
            .iter()
            .copied()
            .collect()
    }

    #[test]
    fn a_name_is_looked_up_once_per_ttl_and_again_after_forget() {
        let counters = Arc::new(TransportCounters::default());
        let resolver = CachingResolver::new(Duration::from_secs(60), Arc::clone(&counters));
        let first = resolve(&resolver, "http://localhost:8080/v1/");
        assert!(first.iter().all(|address| address.port() == 8080));
        for _ in 0..10 {
            assert_eq!(resolve(&resolver, "http://localhost:8080/v1/user"), first);
        }
        assert_eq!(counters.snapshot().name_lookups, 1);
        resolver.forget(&"http://localhost:8080/".parse().unwrap());
        resolve(&resolver, "http://localhost:8080/v1/");
        assert_eq!(counters.snapshot().name_lookups, 2);
        // Another port is another entry.
        resolve(&resolver, "https://localhost/v1/");
        assert_eq!(counters.snapshot().name_lookups, 3);
    }

    #[test]
    fn a_zero_ttl_looks_up_every_time() {
        let counters = Arc::new(TransportCounters::default());
        let resolver = CachingResolver::new(Duration::ZERO, Arc::clone(&counters));
        for _ in 0..3 {
            resolve(&resolver, "http://localhost:8080/");
        }
        assert_eq!(counters.snapshot().name_lookups, 3);
    }

    #[test]
    fn ip_addresses_need_no_lookup() {
        let counters = Arc::new(TransportCounters::default());
        let resolver = CachingResolver::new(Duration::from_secs(60), Arc::clone(&counters));
        assert_eq!(
            resolve(&resolver, "http://127.0.0.1:9/v1/"),
            ["127.0.0.1:9".parse::<SocketAddr>().unwrap()]
        );
        assert_eq!(
            resolve(&resolver, "https://[::1]/v1/"),
            ["[::1]:443".parse::<SocketAddr>().unwrap()]
        );
        assert_eq!(counters.snapshot().name_lookups, 0);
    }
}
