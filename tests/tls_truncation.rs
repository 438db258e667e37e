//! An HTTPS answer without Content-Length ends when the connection does, and over TLS only a
//! `close_notify` says that the server ended it: a bare TCP close may be anyone cutting the
//! connection. A loopback TLS server answers close-delimited (signing exactly the bytes it
//! sends, so that only the transport can notice the cut): cut short without `close_notify`,
//! the call is a transport error (a POST is not resent); ended with `close_notify`, it works.

mod common;

use std::io::{ErrorKind as IoErrorKind, Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};
use std::thread;
use std::time::Duration;

use bunq::{Client, Config, ErrorKind, ProxySetting, RetryPolicy};
use common::{offline_context, server_key};
use rcgen::{
    BasicConstraints, CertificateParams, DnType, IsCa, Issuer, KeyPair as CertificateKey,
    KeyUsagePurpose,
};
use rustls::pki_types::{PrivateKeyDer, PrivatePkcs8KeyDer};
use rustls::{ServerConfig, ServerConnection, StreamOwned};

/// How the server ends its answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ending {
    /// The whole body, then `close_notify`, then the TCP close.
    CloseNotify,
    /// Half the body, then a bare TCP close (FIN) without `close_notify`.
    CutShort,
}

const BODY: &str = r#"{"Response":[{"Payment":{"id":1,"description":"all of it, not a part"}}]}"#;

/// A CA and a server certificate for 127.0.0.1 signed by it, made once: the CA's PEM and
/// the server's configuration.
fn identity() -> &'static (String, Arc<ServerConfig>) {
    static IDENTITY: OnceLock<(String, Arc<ServerConfig>)> = OnceLock::new();
    IDENTITY.get_or_init(|| {
        let ca_key = CertificateKey::generate().unwrap();
        let mut ca = CertificateParams::default();
        ca.distinguished_name
            .push(DnType::CommonName, "truncation test CA");
        ca.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        ca.key_usages = vec![
            KeyUsagePurpose::KeyCertSign,
            KeyUsagePurpose::DigitalSignature,
        ];
        let ca_certificate = ca.self_signed(&ca_key).unwrap();
        let issuer = Issuer::new(ca, ca_key);
        let server_key = CertificateKey::generate().unwrap();
        let server = CertificateParams::new(vec!["127.0.0.1".to_owned()])
            .unwrap()
            .signed_by(&server_key, &issuer)
            .unwrap();
        let chain = vec![server.der().clone()];
        let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(server_key.serialize_der()));
        let config =
            ServerConfig::builder_with_provider(Arc::new(rustls::crypto::ring::default_provider()))
                .with_safe_default_protocol_versions()
                .unwrap()
                .with_no_client_auth()
                .with_single_cert(chain, key)
                .unwrap();
        (ca_certificate.pem(), Arc::new(config))
    })
}

/// A TLS server on loopback answering every request as `ending` says; counts the requests.
struct Server {
    base_url: String,
    requests: Arc<AtomicUsize>,
}

impl Server {
    fn start(ending: Ending) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let base_url = format!("https://{}/v1/", listener.local_addr().unwrap());
        let requests = Arc::new(AtomicUsize::new(0));
        let counted = Arc::clone(&requests);
        thread::spawn(move || {
            for socket in listener.incoming().flatten() {
                let counted = Arc::clone(&counted);
                thread::spawn(move || answer(socket, ending, &counted));
            }
        });
        Server { base_url, requests }
    }
}

/// Reads one request and answers it close-delimited, ending as `ending` says.
fn answer(socket: TcpStream, ending: Ending, requests: &AtomicUsize) {
    socket
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let connection = ServerConnection::new(Arc::clone(&identity().1)).unwrap();
    let mut tls = StreamOwned::new(connection, socket);
    let Some(request) = read_request(&mut tls) else {
        return;
    };
    requests.fetch_add(1, Ordering::SeqCst);
    let sent = match ending {
        Ending::CloseNotify => BODY,
        Ending::CutShort => &BODY[..BODY.len() / 2],
    };
    // Signed as sent: the signature cannot tell the cut, only the transport can.
    let signature = server_key().sign(sent.as_bytes()).unwrap();
    let head = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\
         X-Bunq-Client-Response-Id: truncation-test\r\nX-Bunq-Client-Request-Id: {}\r\n\
         X-Bunq-Server-Signature: {signature}\r\n\r\n",
        header(&request, "x-bunq-client-request-id").unwrap_or_default()
    );
    let written = tls
        .write_all(head.as_bytes())
        .and_then(|()| tls.write_all(sent.as_bytes()));
    if written.is_err() {
        return;
    }
    if ending == Ending::CloseNotify {
        tls.conn.send_close_notify();
    }
    let _ = tls.flush();
    // A FIN, and nothing else: no close_notify unless asked for above.
    let _ = tls.sock.shutdown(Shutdown::Write);
    let mut rest = [0u8; 1024];
    while matches!(tls.sock.read(&mut rest), Ok(read) if read > 0) {}
}

/// The request's head (and its body, which no test looks at).
fn read_request(tls: &mut StreamOwned<ServerConnection, TcpStream>) -> Option<String> {
    let mut received = Vec::new();
    let mut chunk = [0u8; 4096];
    while !received.windows(4).any(|window| window == b"\r\n\r\n") {
        match tls.read(&mut chunk) {
            Ok(0) => return None,
            Ok(read) => received.extend_from_slice(&chunk[..read]),
            Err(error) if error.kind() == IoErrorKind::Interrupted => {}
            Err(_) => return None,
        }
    }
    let text = String::from_utf8_lossy(&received).into_owned();
    let head_length = text.find("\r\n\r\n")? + 4;
    let length: usize = header(&text, "content-length").map_or(0, |value| value.parse().unwrap());
    while received.len() < head_length + length {
        match tls.read(&mut chunk) {
            Ok(0) | Err(_) => return None,
            Ok(read) => received.extend_from_slice(&chunk[..read]),
        }
    }
    Some(text)
}

fn header(request: &str, name: &str) -> Option<String> {
    request.lines().find_map(|line| {
        let (key, value) = line.split_once(':')?;
        key.trim()
            .eq_ignore_ascii_case(name)
            .then(|| value.trim().to_owned())
    })
}

fn client(server: &Server) -> Client {
    let config = Config::builder()
        .proxy(ProxySetting::None)
        .rate_limits(None)
        .retry(RetryPolicy::never())
        .timeout(Duration::from_secs(20))
        .add_root_certificates_pem(identity().0.clone())
        .build();
    Client::builder(offline_context(&server.base_url, "session-token"))
        .config(config)
        .build()
        .unwrap()
}

#[test]
fn an_answer_cut_without_close_notify_is_a_transport_error() {
    let server = Server::start(Ending::CutShort);
    let client = client(&server);
    let error = client
        .post("user/1/payment", &serde_json::json!({"amount": "1.00"}))
        .expect_err("half an answer, cut by a bare TCP close, was accepted as the whole");
    assert_eq!(error.kind(), ErrorKind::Transport, "{error}");
    assert!(error.to_string().contains("close_notify"), "{error}");
    assert_eq!(
        server.requests.load(Ordering::SeqCst),
        1,
        "a POST whose answer was cut is not sent again"
    );

    let error = client
        .get("user/1")
        .expect_err("a cut GET answer was accepted");
    assert_eq!(error.kind(), ErrorKind::Transport, "{error}");
}

#[test]
fn an_answer_ended_by_close_notify_is_whole() {
    let server = Server::start(Ending::CloseNotify);
    let client = client(&server);
    let answer = client.get("user/1").unwrap();
    assert_eq!(answer.body(), BODY.as_bytes());
    let answer = client
        .post("user/1/payment", &serde_json::json!({"amount": "1.00"}))
        .unwrap();
    assert_eq!(answer.body(), BODY.as_bytes());
}
