//! The accept loop both servers share: the fake bunq ([`crate::FakeBunq`]) and the scripted
//! one ([`crate::scripted::ScriptedServer`]).

use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Mutex, PoisonError};
use std::thread::{self, JoinHandle};

/// Where accepted connections are served.
pub(crate) enum Workers<'a> {
    /// Each on a thread of its own (a pool could leave a new connection waiting behind idle
    /// keep-alive ones), kept here so that the server can join them when it stops.
    ThreadEach(&'a Mutex<Vec<JoinHandle<()>>>),
    /// One after the other on the accepting thread: no thread starts or ends per connection,
    /// which a leak checker would count against the input being fuzzed.
    InTurn,
}

/// Accepts connections until `stopping` is set (the server then connects once to wake this
/// loop), counting them in `accepted` and handing each to `serve`.
pub(crate) fn accept_until_stopped<F>(
    listener: &TcpListener,
    stopping: &AtomicBool,
    accepted: &AtomicUsize,
    workers: Workers<'_>,
    serve: F,
) where
    F: Fn(TcpStream) + Clone + Send + 'static,
{
    for stream in listener.incoming() {
        if stopping.load(Ordering::SeqCst) {
            return;
        }
        let Ok(stream) = stream else { continue };
        accepted.fetch_add(1, Ordering::SeqCst);
        let Workers::ThreadEach(threads) = &workers else {
            serve(stream);
            continue;
        };
        let serve = serve.clone();
        let spawned = thread::Builder::new()
            .name("fake-bunq-connection".to_owned())
            .spawn(move || serve(stream));
        if let Ok(handle) = spawned {
            let mut threads = threads.lock().unwrap_or_else(PoisonError::into_inner);
            threads.retain(|handle| !handle.is_finished());
            threads.push(handle);
        }
    }
}

/// Wakes the accept loop listening on `port` of 127.0.0.1 (it then sees its stop flag) and
/// waits for it to end, which closes the port.
pub(crate) fn wake_and_join(port: u16, acceptor: JoinHandle<()>) {
    let _ = TcpStream::connect(("127.0.0.1", port));
    let _ = acceptor.join();
}
