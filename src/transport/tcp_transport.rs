//! One open TCP connection, as ureq reads and writes it: buffers, per-call timeouts, and a
//! quick ACK re-armed before every read ([`super::quick_ack`]).
//!
//! It behaves as ureq's own TCP transport does (which keeps its socket private): a timeout
//! is set on the socket only when it changes, a read interrupted by a signal resumes with
//! what is left of its timeout, and a pooled connection counts as open only if reading
//! from it would block (no stray bytes, no close from the server).

use std::fmt;
use std::io::{self, Read, Write};
use std::net::TcpStream;
use std::sync::Arc;
use std::time::{Duration, Instant};

use ureq::Timeout;
use ureq::unversioned::transport::{Buffers, LazyBuffers, NextTimeout, Transport};

use super::quick_ack;

/// A connection made by [`super::tcp::TcpConnector`].
pub(crate) struct TcpTransport {
    /// Shared (weakly) with ureq's shutdown registry, which may shut it down from another
    /// thread; all I/O goes through `&TcpStream`.
    stream: Arc<TcpStream>,
    buffers: LazyBuffers,
    /// The timeouts the socket has now, so that an unchanged one costs no system call.
    read_timeout: Option<Duration>,
    write_timeout: Option<Duration>,
}

impl TcpTransport {
    pub(crate) fn new(stream: Arc<TcpStream>, buffers: LazyBuffers) -> TcpTransport {
        TcpTransport {
            stream,
            buffers,
            read_timeout: None,
            write_timeout: None,
        }
    }
}

impl Transport for TcpTransport {
    fn buffers(&mut self) -> &mut dyn Buffers {
        &mut self.buffers
    }

    fn transmit_output(&mut self, amount: usize, timeout: NextTimeout) -> Result<(), ureq::Error> {
        let timeout = not_expired(timeout.for_write())?;
        let wanted = timeout.not_zero().map(|t| *t);
        if wanted != self.write_timeout {
            set_timeout(&mut self.write_timeout, wanted, || {
                self.stream.set_write_timeout(wanted)
            })?;
        }
        let output = &self.buffers.output()[..amount];
        (&*self.stream)
            .write_all(output)
            .map_err(|error| io_error(error, timeout.reason))
    }

    fn await_input(&mut self, timeout: NextTimeout) -> Result<bool, ureq::Error> {
        let timeout = not_expired(timeout.for_read())?;
        let wanted = timeout.not_zero().map(|t| *t);
        if wanted != self.read_timeout {
            set_timeout(&mut self.read_timeout, wanted, || {
                self.stream.set_read_timeout(wanted)
            })?;
        }
        // Before every read, not once: the kernel leaves quick-ACK mode again by itself.
        quick_ack::rearm(&self.stream);
        let input = self.buffers.input_append_buf();
        let amount = read_resuming(&self.stream, input, wanted, &mut self.read_timeout)
            .map_err(|error| io_error(error, timeout.reason))?;
        self.buffers.input_appended(amount);
        Ok(amount > 0)
    }

    fn is_open(&mut self) -> bool {
        still_open(&self.stream).unwrap_or(false)
    }
}

impl fmt::Debug for TcpTransport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TcpTransport")
            .field("peer", &self.stream.peer_addr().ok())
            .finish()
    }
}

/// A budget already spent is a timeout before any I/O.
fn not_expired(timeout: NextTimeout) -> Result<NextTimeout, ureq::Error> {
    match timeout.after.is_zero() {
        true => Err(ureq::Error::Timeout(timeout.reason)),
        false => Ok(timeout),
    }
}

/// Sets a socket timeout and remembers it. macOS may refuse the change once the peer has
/// closed with unread data, while the answer is still readable: the read then tells.
fn set_timeout(
    current: &mut Option<Duration>,
    wanted: Option<Duration>,
    set: impl FnOnce() -> io::Result<()>,
) -> io::Result<()> {
    match set() {
        Ok(()) => *current = wanted,
        Err(error) if cfg!(target_os = "macos") && error.kind() == io::ErrorKind::InvalidInput => {}
        Err(error) => return Err(error),
    }
    Ok(())
}

/// Reads once. A read interrupted by a signal (Linux does not restart socket reads that have
/// a timeout) resumes with the time left; without a timeout the interruption was asked for
/// and is returned.
fn read_resuming(
    mut stream: &TcpStream,
    into: &mut [u8],
    timeout: Option<Duration>,
    current_timeout: &mut Option<Duration>,
) -> io::Result<usize> {
    let start = Instant::now();
    loop {
        match stream.read(into) {
            Err(error) if error.kind() == io::ErrorKind::Interrupted => {
                let Some(timeout) = timeout else {
                    return Err(error);
                };
                let left = timeout.saturating_sub(start.elapsed());
                if left.is_zero() {
                    return Err(io::ErrorKind::TimedOut.into());
                }
                set_timeout(current_timeout, Some(left), || {
                    stream.set_read_timeout(Some(left))
                })?;
            }
            result => return result,
        }
    }
}

/// A socket timeout shows as `WouldBlock` on some systems and `TimedOut` on others: both
/// are ureq's timeout, with the reason the budget was set for.
fn io_error(error: io::Error, reason: Timeout) -> ureq::Error {
    match error.kind() {
        io::ErrorKind::TimedOut | io::ErrorKind::WouldBlock => ureq::Error::Timeout(reason),
        _ => ureq::Error::Io(error),
    }
}

/// Whether a pooled connection can be used again: nothing to read yet, and not closed.
fn still_open(mut stream: &TcpStream) -> io::Result<bool> {
    stream.set_nonblocking(true)?;
    let mut byte = [0u8; 1];
    let open = match stream.read(&mut byte) {
        Err(error) => error.kind() == io::ErrorKind::WouldBlock,
        // Bytes nobody asked for, or the server's close.
        Ok(_) => false,
    };
    stream.set_nonblocking(false)?;
    Ok(open)
}

#[cfg(test)]
mod tests {
    use std::net::TcpListener;

    use super::*;

    fn pair() -> (TcpStream, TcpStream) {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let client = TcpStream::connect(listener.local_addr().unwrap()).unwrap();
        let (server, _) = listener.accept().unwrap();
        (client, server)
    }

    #[test]
    fn a_quiet_connection_is_open_and_one_with_stray_bytes_or_closed_is_not() {
        let (client, mut server) = pair();
        assert!(still_open(&client).unwrap());
        server.write_all(b"x").unwrap();
        server.flush().unwrap();
        std::thread::sleep(Duration::from_millis(50));
        assert!(!still_open(&client).unwrap());
        let (client, server) = pair();
        drop(server);
        std::thread::sleep(Duration::from_millis(50));
        assert!(!still_open(&client).unwrap());
    }

    #[test]
    fn a_read_past_its_timeout_is_ureqs_timeout() {
        let (client, _server) = pair();
        let mut transport = TcpTransport::new(Arc::new(client), LazyBuffers::new(1024, 1024));
        let timeout = NextTimeout {
            after: Duration::from_millis(30).into(),
            reason: Timeout::RecvResponse,
            ..NextTimeout::default()
        };
        let error = transport.await_input(timeout).unwrap_err();
        assert!(
            matches!(error, ureq::Error::Timeout(Timeout::RecvResponse)),
            "{error:?}"
        );
        assert_eq!(transport.read_timeout, Some(Duration::from_millis(30)));
    }
}
