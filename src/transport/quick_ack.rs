//! Quick ACKs: acknowledge what arrives at once rather than after the delayed-ACK timer.
//!
//! In a request-response exchange Linux delays the client's ACKs (about 40 ms), expecting to
//! send them with its next request. A server that writes an answer's head and body
//! separately with Nagle's algorithm on (no `TCP_NODELAY`, as Python's `http.server` does)
//! holds the body until the head is acknowledged: without quick ACKs, every call on a
//! reused connection waits for that timer. `TCP_QUICKACK` is not sticky: sending the request
//! puts the socket back into delayed-ACK mode. Measured on loopback against such a server:
//! set once after connecting or before each write, every call still took 44 ms; set before
//! each read (or after each write, or after each read), 0.13 ms. [`rearm`] runs before every
//! read of [`super::tcp_transport::TcpTransport`], TLS ones included (TLS reads through it).
//!
//! Other systems have no such option (or, like the BSDs, do not delay ACKs this way): there
//! it does nothing.

use std::net::TcpStream;

/// Puts `stream` into quick-ACK mode until the kernel leaves it again. Failing changes
/// nothing the exchange needs: the next ACK is then merely delayed, so the error is dropped.
#[cfg(any(target_os = "linux", target_os = "android"))]
pub(crate) fn rearm(stream: &TcpStream) {
    let _ = socket2::SockRef::from(stream).set_tcp_quickack(true);
}

/// No quick-ACK option here: nothing to do.
#[cfg(not(any(target_os = "linux", target_os = "android")))]
pub(crate) fn rearm(_stream: &TcpStream) {}

#[cfg(all(test, any(target_os = "linux", target_os = "android")))]
mod tests {
    use std::net::{TcpListener, TcpStream};

    use super::*;

    #[test]
    fn rearming_sets_the_option_on_the_socket() {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let stream = TcpStream::connect(listener.local_addr().unwrap()).unwrap();
        let _server = listener.accept().unwrap();
        let socket = socket2::SockRef::from(&stream);
        socket.set_tcp_quickack(false).unwrap();
        assert!(!socket.tcp_quickack().unwrap());
        rearm(&stream);
        assert!(socket.tcp_quickack().unwrap());
    }
}
