//! A stand-in for the network: an HTTP proxy that counts connections and hangs up on each,
//! so that a test can show a program attempted no connection (or did) without reaching any
//! real host.

use std::net::{TcpListener, TcpStream};
use std::process::Command;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

/// An HTTP proxy that counts the connections it gets and closes each at once: with
/// `HTTPS_PROXY` pointing at it, any connection the quickstart attempts to any host is seen
/// here (and fails fast), without reaching the network.
pub struct CountingProxy {
    port: u16,
    connections: Arc<AtomicUsize>,
    stop: Arc<AtomicBool>,
    acceptor: Option<std::thread::JoinHandle<()>>,
}

impl CountingProxy {
    pub fn start() -> CountingProxy {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let connections = Arc::new(AtomicUsize::new(0));
        let stop = Arc::new(AtomicBool::new(false));
        let acceptor = {
            let (connections, stop) = (Arc::clone(&connections), Arc::clone(&stop));
            std::thread::spawn(move || {
                for stream in listener.incoming() {
                    if stop.load(Ordering::SeqCst) {
                        break;
                    }
                    if stream.is_ok() {
                        connections.fetch_add(1, Ordering::SeqCst);
                    }
                }
            })
        };
        CountingProxy {
            port,
            connections,
            stop,
            acceptor: Some(acceptor),
        }
    }

    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    pub fn connections(&self) -> usize {
        self.connections.load(Ordering::SeqCst)
    }

    /// Points every proxy variable of `command` at this proxy (and clears `NO_PROXY`).
    pub fn route<'a>(&self, command: &'a mut Command) -> &'a mut Command {
        for variable in ["NO_PROXY", "no_proxy"] {
            command.env_remove(variable);
        }
        for variable in [
            "HTTPS_PROXY",
            "https_proxy",
            "HTTP_PROXY",
            "http_proxy",
            "ALL_PROXY",
            "all_proxy",
        ] {
            command.env(variable, self.url());
        }
        command
    }
}

impl Drop for CountingProxy {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wakes the acceptor, which sees the flag.
        let _ = TcpStream::connect(("127.0.0.1", self.port));
        if let Some(acceptor) = self.acceptor.take() {
            let _ = acceptor.join();
        }
    }
}
