//! A minimal bunq client for the fake's own tests: raw HTTP/1.1 over a TcpStream (so tests
//! control every byte and header), RSA signing, and checks of the server's signatures.
//! Independent of the client library on purpose.

#![allow(dead_code, reason = "each test file uses a different part")]

pub mod receiver;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, Ordering};

use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;
use rsa::pkcs8::{DecodePublicKey, EncodePublicKey, LineEnding};
use rsa::{PrivateKey, PublicKey};
use serde_json::{Value, json};
use sha2::Sha256;

/// A response as received.
#[derive(Debug)]
pub struct HttpResponse {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl HttpResponse {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(field, _)| field.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }

    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|error| {
            panic!(
                "body is not JSON ({error}): {}",
                String::from_utf8_lossy(&self.body)
            )
        })
    }

    /// `Error[0].error_description` of a bunq error.
    pub fn error_description(&self) -> String {
        self.json()["Error"][0]["error_description"]
            .as_str()
            .unwrap_or_else(|| panic!("not a bunq error: {}", String::from_utf8_lossy(&self.body)))
            .to_owned()
    }

    /// `Response[index]`.
    pub fn item(&self, index: usize) -> Value {
        self.json()["Response"][index].clone()
    }
}

/// Send one request with `Connection: close` and read the whole answer.
pub fn send(
    base_url: &str,
    method: &str,
    path: &str,
    headers: &[(String, String)],
    body: &[u8],
) -> HttpResponse {
    let authority = base_url
        .trim_start_matches("http://")
        .split('/')
        .next()
        .expect("host:port");
    let target = if path.starts_with('/') {
        path.to_owned()
    } else {
        format!("/v1/{path}")
    };
    let mut request = format!(
        "{method} {target} HTTP/1.1\r\nHost: {authority}\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (name, value) in headers {
        request.push_str(&format!("{name}: {value}\r\n"));
    }
    request.push_str("\r\n");
    let mut stream = TcpStream::connect(authority).expect("connect to the fake");
    stream.write_all(request.as_bytes()).expect("write head");
    stream.write_all(body).expect("write body");
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).expect("read answer");
    parse_response(&raw)
}

fn parse_response(raw: &[u8]) -> HttpResponse {
    let split = raw
        .windows(4)
        .position(|window| window == b"\r\n\r\n")
        .expect("end of headers");
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let mut lines = head.split("\r\n");
    let status_line = lines.next().expect("status line");
    let status = status_line
        .split(' ')
        .nth(1)
        .and_then(|code| code.parse().ok())
        .expect("status code");
    let headers: Vec<(String, String)> = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(name, value)| (name.trim().to_owned(), value.trim().to_owned()))
        .collect();
    let mut body = raw[split + 4..].to_vec();
    let length = headers
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case("Content-Length"))
        .map(|(_, value)| value.parse::<usize>().expect("numeric length"));
    let length = length.expect("the fake always sends Content-Length");
    assert_eq!(body.len(), length, "body length matches Content-Length");
    body.truncate(length);
    HttpResponse {
        status,
        headers,
        body,
    }
}

/// One client key for all tests of a binary: RSA-2048 generation takes a while.
pub fn client_key() -> &'static PrivateKey {
    static KEY: OnceLock<PrivateKey> = OnceLock::new();
    KEY.get_or_init(|| PrivateKey::new(&mut getrandom::SysRng, 2048).expect("client key"))
}

/// Base64 RSASSA-PKCS1-v1_5 SHA-256 over `bytes`.
pub fn sign(key: &PrivateKey, bytes: &[u8]) -> String {
    BASE64.encode(key.pkcs1v15_sign::<Sha256>(bytes).expect("sign"))
}

/// Whether the answer carries a valid signature by `server_key` over its exact body.
pub fn signature_valid(server_key: &PublicKey, response: &HttpResponse) -> bool {
    let Some(signature) = response.header("X-Bunq-Server-Signature") else {
        return false;
    };
    let signature = BASE64.decode(signature).expect("signature is base64");
    server_key
        .pkcs1v15_verify::<Sha256>(&response.body, &signature)
        .is_ok()
}

static REQUEST_COUNTER: AtomicU64 = AtomicU64::new(1);

/// A client that walks through installation, device-server and session-server.
pub struct Client {
    pub base_url: String,
    pub public_pem: String,
    pub server_key: Option<PublicKey>,
    pub installation_token: Option<String>,
    pub session_token: Option<String>,
    pub user_id: u64,
}

impl Client {
    pub fn new(base_url: &str) -> Client {
        let public_pem = client_key()
            .to_public_key()
            .to_public_key_pem(LineEnding::LF)
            .expect("pem");
        Client {
            base_url: base_url.to_owned(),
            public_pem,
            server_key: None,
            installation_token: None,
            session_token: None,
            user_id: 0,
        }
    }

    /// Installation, device and session for `api_key`, asserting each step works.
    pub fn connect(base_url: &str, api_key: &str) -> Client {
        let mut client = Client::new(base_url);
        assert_eq!(client.install().status, 200);
        let device = client.register_device(api_key, json!(["*"]));
        assert_eq!(
            device.status,
            200,
            "{}",
            String::from_utf8_lossy(&device.body)
        );
        let session = client.open_session(api_key);
        assert_eq!(
            session.status,
            200,
            "{}",
            String::from_utf8_lossy(&session.body)
        );
        client
    }

    /// bunq's mandatory headers with a fresh request id.
    pub fn base_headers() -> Vec<(String, String)> {
        let id = REQUEST_COUNTER.fetch_add(1, Ordering::SeqCst);
        vec![
            ("User-Agent".to_owned(), "fake-bunq-tests/1".to_owned()),
            (
                "X-Bunq-Client-Request-Id".to_owned(),
                format!("request-{id}"),
            ),
            ("Cache-Control".to_owned(), "no-cache".to_owned()),
            ("X-Bunq-Language".to_owned(), "en_US".to_owned()),
            ("X-Bunq-Region".to_owned(), "nl_NL".to_owned()),
            ("X-Bunq-Geolocation".to_owned(), "0 0 0 0 000".to_owned()),
        ]
    }

    /// A request with the mandatory headers, the given token, and optionally a signature.
    pub fn call(
        &self,
        method: &str,
        path: &str,
        body: &[u8],
        token: Option<&str>,
        signed: bool,
    ) -> HttpResponse {
        let mut headers = Client::base_headers();
        if let Some(token) = token {
            headers.push(("X-Bunq-Client-Authentication".to_owned(), token.to_owned()));
        }
        if signed {
            headers.push((
                "X-Bunq-Client-Signature".to_owned(),
                sign(client_key(), body),
            ));
        }
        send(&self.base_url, method, path, &headers, body)
    }

    pub fn install(&mut self) -> HttpResponse {
        let body = json!({ "client_public_key": self.public_pem }).to_string();
        let response = self.call("POST", "installation", body.as_bytes(), None, false);
        if response.status == 200 {
            let pem = response.item(2)["ServerPublicKey"]["server_public_key"]
                .as_str()
                .expect("server key")
                .to_owned();
            let server_key = PublicKey::from_public_key_pem(&pem).expect("server key parses");
            assert!(
                signature_valid(&server_key, &response),
                "installation is signed"
            );
            self.installation_token = Some(
                response.item(1)["Token"]["token"]
                    .as_str()
                    .expect("token")
                    .to_owned(),
            );
            self.server_key = Some(server_key);
        }
        response
    }

    pub fn register_device(&self, api_key: &str, permitted_ips: Value) -> HttpResponse {
        let body = json!({
            "description": "fake-bunq tests",
            "secret": api_key,
            "permitted_ips": permitted_ips,
        })
        .to_string();
        let token = self.installation_token.as_deref();
        self.call("POST", "device-server", body.as_bytes(), token, true)
    }

    pub fn open_session(&mut self, api_key: &str) -> HttpResponse {
        let body = json!({ "secret": api_key }).to_string();
        let token = self.installation_token.clone();
        let response = self.call(
            "POST",
            "session-server",
            body.as_bytes(),
            token.as_deref(),
            true,
        );
        if response.status == 200 {
            self.assert_signed(&response);
            self.session_token = Some(
                response.item(1)["Token"]["token"]
                    .as_str()
                    .expect("session token")
                    .to_owned(),
            );
            let user = response.item(2);
            let (_, user) = user.as_object().expect("user").iter().next().expect("kind");
            self.user_id = user["id"].as_u64().expect("user id");
        }
        response
    }

    /// A signed GET with the session token.
    pub fn get(&self, path: &str) -> HttpResponse {
        self.call("GET", path, b"", self.session_token.as_deref(), true)
    }

    /// A signed POST of JSON with the session token.
    pub fn post(&self, path: &str, body: &Value) -> HttpResponse {
        let body = body.to_string();
        self.call(
            "POST",
            path,
            body.as_bytes(),
            self.session_token.as_deref(),
            true,
        )
    }

    pub fn assert_signed(&self, response: &HttpResponse) {
        let key = self.server_key.as_ref().expect("installed");
        assert!(
            signature_valid(key, response),
            "answer is signed by the server key: {}",
            String::from_utf8_lossy(&response.body)
        );
    }

    /// The user's accounts of every kind, newest first, from the first page: the bank
    /// accounts, then the joint and the savings account every user gets first.
    pub fn account_ids(&self) -> Vec<u64> {
        self.accounts().into_iter().map(|(_, id)| id).collect()
    }

    /// The user's accounts as (kind, id), newest first, from the first page of
    /// `monetary-account`, which wraps each in its kind's key.
    pub fn accounts(&self) -> Vec<(String, u64)> {
        let response = self.get(&format!("user/{}/monetary-account?count=200", self.user_id));
        assert_eq!(response.status, 200);
        response.json()["Response"]
            .as_array()
            .expect("list")
            .iter()
            .map(|item| {
                let (kind, account) = item
                    .as_object()
                    .expect("object")
                    .iter()
                    .next()
                    .expect("kind");
                (kind.clone(), account["id"].as_u64().expect("id"))
            })
            .collect()
    }
}

/// A fresh, empty directory for one test's files, removed with everything in it when dropped.
pub struct TempDir(pub std::path::PathBuf);

impl TempDir {
    pub fn new(name: &str) -> TempDir {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .expect("clock after 1970")
            .as_nanos();
        let path =
            std::env::temp_dir().join(format!("fake-bunq-{name}-{}-{nanos}", std::process::id()));
        std::fs::create_dir_all(&path).expect("create the temporary directory");
        TempDir(path)
    }

    pub fn join(&self, name: &str) -> std::path::PathBuf {
        self.0.join(name)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
