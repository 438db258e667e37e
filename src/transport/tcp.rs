//! TCP: the connector that opens a client's sockets, in place of ureq's own.
//!
//! It does what ureq's `TcpConnector` does (every resolved address in turn within the
//! connect timeout, `TCP_NODELAY`, the socket registered for `Agent::shutdown`), and more:
//! it counts the sockets it opens, makes the resolver forget a host none of whose addresses
//! could be connected to (it may have moved), and its transport ([`TcpTransport`]) keeps
//! the socket at hand to re-arm quick ACKs before every read ([`super::quick_ack`]).
//!
//! A proxy goes through it like any host: ureq's CONNECT connector, earlier in the chain,
//! asks the chain for a connection to the proxy (opened here), and hands the tunnel on; a
//! transport that arrives from earlier in the chain is passed on untouched.

use std::fmt;
use std::io;
use std::net::{SocketAddr, TcpStream};
use std::sync::{Arc, Weak};
use std::time::{Duration, Instant};

use ureq::Timeout;
use ureq::unversioned::transport::{
    ConnectionDetails, Connector, Either, LazyBuffers, NextTimeout, ShutdownHandle, Transport,
};

use super::resolver::CachingResolver;
use super::stats::TransportCounters;
use super::tcp_transport::TcpTransport;

/// The shortest time one address is given to answer, however many addresses share the
/// connect timeout (ureq's figure).
const MIN_PER_ADDRESS: Duration = Duration::from_millis(10);

/// Opens the TCP connection of every new connection (to the server or to the proxy).
pub(crate) struct TcpConnector {
    resolver: CachingResolver,
    counters: Arc<TransportCounters>,
}

impl TcpConnector {
    pub(crate) fn new(resolver: CachingResolver, counters: Arc<TransportCounters>) -> TcpConnector {
        TcpConnector { resolver, counters }
    }
}

impl<In: Transport> Connector<In> for TcpConnector {
    type Out = Either<In, TcpTransport>;

    fn connect(
        &self,
        details: &ConnectionDetails,
        chained: Option<In>,
    ) -> Result<Option<Self::Out>, ureq::Error> {
        // A tunnel through a proxy, opened (and counted) earlier in the chain.
        if let Some(transport) = chained {
            return Ok(Some(Either::A(transport)));
        }
        let stream = match connect_any(&details.addrs, details.timeout) {
            Ok(stream) => stream,
            Err(error) => {
                self.resolver.forget(details.uri);
                return Err(error);
            }
        };
        if details.config.no_delay() {
            stream.set_nodelay(true)?;
        }
        self.counters.connection_opened();
        let stream = Arc::new(stream);
        (details.register_shutdown)(Arc::downgrade(&stream) as Weak<dyn ShutdownHandle>)?;
        let buffers = LazyBuffers::new(
            details.config.input_buffer_size(),
            details.config.output_buffer_size(),
        );
        Ok(Some(Either::B(TcpTransport::new(stream, buffers))))
    }
}

impl fmt::Debug for TcpConnector {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TcpConnector").finish_non_exhaustive()
    }
}

/// Connects to the first of `addresses` that answers. With a time limit, each address gets a
/// share of it, halving after each address that timed out (1/2, 1/4, ... of the whole for
/// many), so that a dead first address leaves time for the others; the shares sum to the
/// limit, and running out of it is a timeout for the reason the limit was set. An address
/// refused at once costs nothing: the next one gets the same share (as in ureq).
fn connect_any(addresses: &[SocketAddr], timeout: NextTimeout) -> Result<TcpStream, ureq::Error> {
    let budget = timeout.not_zero().map(|limit| *limit);
    let start = Instant::now();
    let total_weight = 2.0 * (1.0 - 0.5_f64.powi(addresses.len() as i32));
    let mut weight = 1.0_f64;
    let mut last_error = None;
    for address in addresses {
        let share = budget.map(|budget| share_of(budget, weight / total_weight));
        match connect_one(*address, share) {
            Ok(stream) => return Ok(stream),
            Err(error) if tries_next_address(&error) => {
                last_error = Some(error);
                continue;
            }
            Err(ureq::Error::Timeout(which)) => {
                if budget.is_some_and(|budget| start.elapsed() > budget) {
                    return Err(ureq::Error::Timeout(timeout.reason));
                }
                last_error = Some(ureq::Error::Timeout(which));
            }
            Err(error) => return Err(error),
        }
        weight /= 2.0;
    }
    Err(last_error.unwrap_or_else(|| {
        ureq::Error::Io(io::Error::new(
            io::ErrorKind::ConnectionRefused,
            "no address to connect to",
        ))
    }))
}

/// `fraction` of `budget`, at least [`MIN_PER_ADDRESS`]; a budget too large to scale (a
/// configured `Duration::MAX`) stays as it is rather than overflow.
fn share_of(budget: Duration, fraction: f64) -> Duration {
    Duration::try_from_secs_f64(budget.as_secs_f64() * fraction)
        .unwrap_or(budget)
        .max(MIN_PER_ADDRESS)
}

fn connect_one(address: SocketAddr, timeout: Option<Duration>) -> Result<TcpStream, ureq::Error> {
    let connected = match timeout {
        Some(timeout) => TcpStream::connect_timeout(&address, timeout),
        None => TcpStream::connect(address),
    };
    connected.map_err(|error| match error.kind() {
        io::ErrorKind::TimedOut | io::ErrorKind::WouldBlock => {
            ureq::Error::Timeout(Timeout::Connect)
        }
        _ => ureq::Error::Io(error),
    })
}

/// A failure that concerns only the address tried (refused, or no route to it, as when a
/// host without IPv6 gets an IPv6 address first): the next address may work.
fn tries_next_address(error: &ureq::Error) -> bool {
    let ureq::Error::Io(error) = error else {
        return false;
    };
    matches!(
        error.kind(),
        io::ErrorKind::ConnectionRefused
            | io::ErrorKind::HostUnreachable
            | io::ErrorKind::NetworkUnreachable
            | io::ErrorKind::NetworkDown
            | io::ErrorKind::AddrNotAvailable
    ) || windows_access_denied(error)
}

/// On Windows a VPN or firewall can refuse an address family with WSAEACCES (ureq #1184).
fn windows_access_denied(error: &io::Error) -> bool {
    const WSAEACCES: i32 = 10013;
    cfg!(windows) && error.raw_os_error() == Some(WSAEACCES)
}

#[cfg(test)]
mod tests {
    use std::net::TcpListener;

    use super::*;

    fn within(seconds: u64) -> NextTimeout {
        NextTimeout {
            after: Duration::from_secs(seconds).into(),
            reason: Timeout::Connect,
            ..NextTimeout::default()
        }
    }

    #[test]
    fn a_refused_address_is_skipped_for_the_next_one() {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let open = listener.local_addr().unwrap();
        // A port just released: nothing listens there, so the connect is refused.
        let closed = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap();
        let stream = connect_any(&[closed, open], within(5)).unwrap();
        assert_eq!(stream.peer_addr().unwrap(), open);
    }

    #[test]
    fn shares_halve_and_an_endless_budget_does_not_overflow() {
        let budget = Duration::from_secs(10);
        assert_eq!(share_of(budget, 1.0), budget);
        assert_eq!(share_of(budget, 0.5), Duration::from_secs(5));
        assert_eq!(share_of(budget, 0.0), MIN_PER_ADDRESS);
        assert_eq!(share_of(Duration::MAX, 1.0), Duration::MAX);
        assert!(share_of(Duration::MAX, 0.5) > Duration::from_secs(1 << 62));
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let open = listener.local_addr().unwrap();
        let endless = NextTimeout {
            after: Duration::MAX.into(),
            reason: Timeout::Connect,
            ..NextTimeout::default()
        };
        connect_any(&[open, open], endless).unwrap();
    }

    #[test]
    fn every_address_refused_reports_the_last_refusal() {
        let closed = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap();
        let error = connect_any(&[closed], within(5)).unwrap_err();
        assert!(
            matches!(&error, ureq::Error::Io(io) if io.kind() == io::ErrorKind::ConnectionRefused),
            "{error:?}"
        );
        let error = connect_any(&[], NextTimeout::default()).unwrap_err();
        assert!(
            matches!(&error, ureq::Error::Io(io) if io.kind() == io::ErrorKind::ConnectionRefused)
        );
    }
}
