//! Delivering callbacks: HTTP `POST`s on a thread of their own, from a fixed loopback
//! address, tried again like bunq does.
//!
//! A handler that changed the state puts deliveries in the [`Outbox`] (a channel: the
//! request is never held up by a slow receiver) and one courier thread sends them in order.
//! A delivery fails when the target cannot be reached, does not answer within 5 seconds, or
//! answers anything but 2xx; it is tried again after the retry interval
//! ([`FakeBunqConfig::callback_retry_interval`](crate::FakeBunqConfig::callback_retry_interval),
//! a minute by default as at bunq), 6 tries in all, and then kept among the failures that
//! `notification-filter-failure` lists. Every try sends the same bytes.
//!
//! The fake only ever calls this machine: `http://` URLs whose host is `localhost`,
//! `127.0.0.0/8` or `[::1]`. Other targets (an `https://` one, which bunq would call) fail
//! every try with a message saying so. IPv4 deliveries leave from
//! [`CALLBACK_SOURCE_ADDRESS`] (127.0.0.2) when the system lets a socket bind it (Linux
//! routes all of 127.0.0.0/8 to loopback), from 127.0.0.1 otherwise; IPv6 ones from `::1`.

use std::collections::BTreeMap;
use std::io::{self, Read, Write};
use std::net::{IpAddr, Ipv4Addr, SocketAddr, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use socket2::{Domain, Protocol, Socket, Type};

/// Where the fake's IPv4 callbacks come from (127.0.0.2), so that a receiver can tell them
/// from other local traffic. Where the system does not let a socket bind this address (Linux
/// does: all of 127.0.0.0/8 is loopback; macOS only with an alias), they come from 127.0.0.1;
/// callbacks to `[::1]` come from `::1`.
pub const CALLBACK_SOURCE_ADDRESS: Ipv4Addr = Ipv4Addr::new(127, 0, 0, 2);

/// The first try and 5 retries, as bunq documents.
pub(crate) const TRIES: u32 = 6;
const CONNECT_TIMEOUT: Duration = Duration::from_secs(2);
const ANSWER_TIMEOUT: Duration = Duration::from_secs(5);
/// Only the status line matters; a receiver's long answer is not read beyond this.
const MAX_ANSWER_BYTES: usize = 16 * 1024;

/// One callback to one target.
#[derive(Debug, Clone)]
pub(crate) struct Delivery {
    /// Whose filter asked for it: the user who sees it among the failures.
    pub(crate) user_id: u64,
    pub(crate) category: String,
    pub(crate) event_type: String,
    pub(crate) object_id: u64,
    pub(crate) target: String,
    /// The exact body, the same for every try.
    pub(crate) body: Arc<Vec<u8>>,
}

/// Why a try failed, as `notification-filter-failure` reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TryFailure {
    pub(crate) message: String,
    /// The target's HTTP status, when it answered.
    pub(crate) response_code: Option<u16>,
}

/// A delivery that used up its tries.
#[derive(Debug, Clone)]
pub(crate) struct FailedDelivery {
    pub(crate) id: u64,
    pub(crate) created: String,
    pub(crate) delivery: Delivery,
    pub(crate) failure: TryFailure,
}

/// The deliveries that used up their tries, by id; kept in memory only.
#[derive(Debug, Default)]
pub(crate) struct Failures {
    last_id: u64,
    pub(crate) by_id: BTreeMap<u64, FailedDelivery>,
}

impl Failures {
    fn record(&mut self, delivery: Delivery, failure: TryFailure) {
        self.last_id += 1;
        let failed = FailedDelivery {
            id: self.last_id,
            created: crate::time::now_stamp(),
            delivery,
            failure,
        };
        self.by_id.insert(failed.id, failed);
    }
}

enum Message {
    Deliver(Delivery),
    Stop,
}

/// The queue into the courier thread, and what it reports back.
pub(crate) struct Outbox {
    sender: Sender<Message>,
    courier: Mutex<Option<JoinHandle<()>>>,
    failures: Arc<Mutex<Failures>>,
    /// Deliveries queued, being tried or waiting for a retry.
    in_flight: Arc<AtomicUsize>,
}

impl Outbox {
    /// Starts the courier thread.
    pub(crate) fn start(retry_interval: Duration) -> io::Result<Outbox> {
        let (sender, receiver) = mpsc::channel();
        let failures = Arc::new(Mutex::new(Failures::default()));
        let in_flight = Arc::new(AtomicUsize::new(0));
        let courier = Courier {
            receiver,
            retry_interval,
            waiting: Vec::new(),
            failures: Arc::clone(&failures),
            in_flight: Arc::clone(&in_flight),
        };
        let handle = thread::Builder::new()
            .name("fake-bunq-callbacks".to_owned())
            .spawn(move || courier.run())?;
        Ok(Outbox {
            sender,
            courier: Mutex::new(Some(handle)),
            failures,
            in_flight,
        })
    }

    /// Queue a delivery; returns at once.
    pub(crate) fn send(&self, delivery: Delivery) {
        self.in_flight.fetch_add(1, Ordering::SeqCst);
        if self.sender.send(Message::Deliver(delivery)).is_err() {
            // The courier stopped: the server is shutting down.
            self.in_flight.fetch_sub(1, Ordering::SeqCst);
        }
    }

    /// Deliveries queued, being tried or waiting for a retry.
    pub(crate) fn in_flight(&self) -> usize {
        self.in_flight.load(Ordering::SeqCst)
    }

    /// The failed deliveries.
    pub(crate) fn failures(&self) -> MutexGuard<'_, Failures> {
        self.failures.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Stop the courier after its current try; what waits is dropped.
    pub(crate) fn stop(&self) {
        let _ = self.sender.send(Message::Stop);
        let handle = self
            .courier
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take();
        if let Some(handle) = handle {
            let _ = handle.join();
        }
    }
}

/// A delivery waiting for its next try.
struct Waiting {
    due: Instant,
    tries: u32,
    delivery: Delivery,
}

/// The courier thread's own state.
struct Courier {
    receiver: Receiver<Message>,
    retry_interval: Duration,
    waiting: Vec<Waiting>,
    failures: Arc<Mutex<Failures>>,
    in_flight: Arc<AtomicUsize>,
}

impl Courier {
    fn run(mut self) {
        loop {
            let next_due = self.waiting.iter().map(|waiting| waiting.due).min();
            let message = match next_due {
                Some(due) => self
                    .receiver
                    .recv_timeout(due.saturating_duration_since(Instant::now())),
                None => self
                    .receiver
                    .recv()
                    .map_err(|_| RecvTimeoutError::Disconnected),
            };
            match message {
                Ok(Message::Deliver(delivery)) => self.try_delivery(delivery, 0),
                Ok(Message::Stop) | Err(RecvTimeoutError::Disconnected) => return,
                Err(RecvTimeoutError::Timeout) => self.try_due(),
            }
        }
    }

    fn try_due(&mut self) {
        let now = Instant::now();
        let (due, later) = std::mem::take(&mut self.waiting)
            .into_iter()
            .partition(|waiting| waiting.due <= now);
        self.waiting = later;
        for Waiting {
            tries, delivery, ..
        } in due
        {
            self.try_delivery(delivery, tries);
        }
    }

    /// One try of a delivery that was tried `tries` times before.
    fn try_delivery(&mut self, delivery: Delivery, tries: u32) {
        let Err(failure) = post(&delivery) else {
            self.in_flight.fetch_sub(1, Ordering::SeqCst);
            return;
        };
        let tries = tries + 1;
        if tries < TRIES {
            self.waiting.push(Waiting {
                due: Instant::now() + self.retry_interval,
                tries,
                delivery,
            });
            return;
        }
        self.failures
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .record(delivery, failure);
        self.in_flight.fetch_sub(1, Ordering::SeqCst);
    }
}

/// A target the fake may call: `http://` to this machine.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct LoopbackTarget {
    address: SocketAddr,
    /// The `Host` header: the URL's authority.
    host: String,
    /// Path and query, at least "/".
    path: String,
}

/// `url` as a target the fake may call, or `None`: only `http://` with a loopback host
/// (`localhost`, `127.0.0.0/8`, `[::1]`), an optional port, no user info, and no spaces or
/// control characters (they would break the request line).
pub(crate) fn loopback_http_target(url: &str) -> Option<LoopbackTarget> {
    if url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return None;
    }
    let scheme_end = "http://".len();
    if url.len() < scheme_end || !url[..scheme_end].eq_ignore_ascii_case("http://") {
        return None;
    }
    let rest = &url[scheme_end..];
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, path) = rest.split_at(authority_end);
    let path = path.split('#').next().unwrap_or_default();
    let path = match path {
        "" => "/".to_owned(),
        query if query.starts_with('?') => format!("/{query}"),
        path => path.to_owned(),
    };
    let (host, port) = split_host_port(authority)?;
    let ip = if host.eq_ignore_ascii_case("localhost") {
        IpAddr::V4(Ipv4Addr::LOCALHOST)
    } else {
        host.parse::<IpAddr>().ok()?
    };
    if !ip.is_loopback() || port == 0 {
        return None;
    }
    Some(LoopbackTarget {
        address: SocketAddr::new(ip, port),
        host: authority.to_owned(),
        path,
    })
}

/// `host`, `host:port`, `[v6]` or `[v6]:port`; the port defaults to 80.
fn split_host_port(authority: &str) -> Option<(&str, u16)> {
    if authority.contains('@') {
        return None;
    }
    let (host, port) = match authority.strip_prefix('[') {
        Some(bracketed) => {
            let (host, after) = bracketed.split_once(']')?;
            (host, after.strip_prefix(':'))
        }
        None => match authority.split_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (authority, None),
        },
    };
    let port = match port {
        None => 80,
        Some(digits) => digits.parse().ok()?,
    };
    Some((host, port))
}

/// One try: connect, send the body, read the status.
fn post(delivery: &Delivery) -> Result<(), TryFailure> {
    let failed = |message: String| TryFailure {
        message,
        response_code: None,
    };
    let target = loopback_http_target(&delivery.target).ok_or_else(|| {
        failed(
            "The fake bunq delivers only to http:// URLs on this machine (localhost, \
             127.0.0.0/8, [::1])."
                .to_owned(),
        )
    })?;
    let mut stream = connect(target.address)
        .map_err(|error| failed(format!("Could not connect to {}: {error}", target.address)))?;
    let head = format!(
        "POST {} HTTP/1.1\r\nHost: {}\r\nUser-Agent: fake-bunq\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        target.path,
        target.host,
        delivery.body.len()
    );
    let exchange = stream
        .set_write_timeout(Some(ANSWER_TIMEOUT))
        .and_then(|()| stream.set_read_timeout(Some(ANSWER_TIMEOUT)))
        .and_then(|()| stream.write_all(head.as_bytes()))
        .and_then(|()| stream.write_all(&delivery.body))
        .and_then(|()| read_status(&mut stream));
    match exchange {
        Ok(status) if (200..300).contains(&status) => Ok(()),
        Ok(status) => Err(TryFailure {
            message: format!("The target answered HTTP {status}."),
            response_code: Some(status),
        }),
        Err(error) => Err(failed(format!("No answer from the target: {error}"))),
    }
}

/// The status code of the answer's head.
fn read_status(stream: &mut TcpStream) -> io::Result<u16> {
    let mut answer = Vec::new();
    let mut buffer = [0u8; 2048];
    loop {
        let mut headers = [httparse::EMPTY_HEADER; 32];
        let mut response = httparse::Response::new(&mut headers);
        match response.parse(&answer) {
            Ok(httparse::Status::Complete(_)) => {
                return response
                    .code
                    .ok_or_else(|| io::Error::other("an answer without a status"));
            }
            Ok(httparse::Status::Partial) if answer.len() < MAX_ANSWER_BYTES => {}
            _ => return Err(io::Error::other("an answer that is not HTTP")),
        }
        let read = stream.read(&mut buffer)?;
        if read == 0 {
            return Err(io::Error::other("the connection closed before an answer"));
        }
        answer.extend_from_slice(&buffer[..read]);
    }
}

/// A connection to `address`, from [`CALLBACK_SOURCE_ADDRESS`] for IPv4 when the system lets
/// a socket bind it.
fn connect(address: SocketAddr) -> io::Result<TcpStream> {
    if address.is_ipv4() {
        let socket = Socket::new(Domain::IPV4, Type::STREAM, Some(Protocol::TCP))?;
        let source = SocketAddr::from((CALLBACK_SOURCE_ADDRESS, 0));
        if socket.bind(&source.into()).is_ok() {
            socket.connect_timeout(&address.into(), CONNECT_TIMEOUT)?;
            return Ok(socket.into());
        }
    }
    TcpStream::connect_timeout(&address, CONNECT_TIMEOUT)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_loopback_http_targets_are_called() {
        let target = loopback_http_target("http://127.0.0.1:8080/hook?x=1#frag").unwrap();
        assert_eq!(target.address, "127.0.0.1:8080".parse().unwrap());
        assert_eq!(target.host, "127.0.0.1:8080");
        assert_eq!(target.path, "/hook?x=1");
        let v6 = loopback_http_target("HTTP://[::1]").unwrap();
        assert_eq!(v6.address, "[::1]:80".parse().unwrap());
        assert_eq!(v6.path, "/");
        let local = loopback_http_target("http://localhost:9?q").unwrap();
        assert_eq!(local.address, "127.0.0.1:9".parse().unwrap());
        assert_eq!(local.path, "/?q");
        for refused in [
            "https://127.0.0.1/",
            "http://example.com/",
            "http://10.0.0.1/",
            "http://user@127.0.0.1/",
            "http://127.0.0.1:0/",
            "http://127.0.0.1:99999/",
            "http://127.0.0.1/a b",
            "http://127.0.0.1/\r\nX: y",
            "http://[::2]/",
            "http://",
        ] {
            assert_eq!(loopback_http_target(refused), None, "{refused}");
        }
    }
}
