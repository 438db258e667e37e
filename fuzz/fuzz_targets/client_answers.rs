//! Calls through a restored client against a scripted server over a real loopback socket:
//! one request (GET or POST), or a walk through pages. Answers (status, headers, body,
//! signature, echo) come from the fuzzer, including what follows a 401 (a session renewal).
//! Any answers give a response or an error, never a panic; a response is byte for byte the
//! body the server key signed, with the status sent; an answer signed and echoed properly is
//! never refused; bunq's refusals carry their status; every request is signed by the client
//! key over exactly its body; a page walk requests exactly the linked pages on the client's
//! own server; the context still saves and reads back; no error shows a secret.
//!
//! The input is a first line `GET path`, `POST path` (the body is the path's bytes) or
//! `PAGES path`, then answers in the form of `bunq_context_fuzz::answer`.

#![no_main]

use bunq::{Client, Config, ErrorKind, ProxySetting, Request, Response, RetryPolicy};
use bunq_context_fuzz::answer::{Answer, Echo, Signing};
use bunq_context_fuzz::keys::client_key;
use bunq_context_fuzz::loopback::{Seen, loopback};
use bunq_context_fuzz::round_trip::{marked_context, saves_and_reads_back};
use bunq_context_fuzz::secrets::{self, assert_hidden, pem_body_lines};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    bunq_context_fuzz::secrets::running(data);
    let (first_line, rest) = match data.iter().position(|&byte| byte == b'\n') {
        Some(at) => (&data[..at], &data[at + 1..]),
        None => (data, &data[data.len()..]),
    };
    let Ok(first_line) = std::str::from_utf8(first_line) else {
        return;
    };
    let (verb, path) = first_line.split_once(' ').unwrap_or((first_line, "user"));
    let answers = Answer::parse_all(rest);
    let first_must_pass = answers[0].must_be_accepted();
    let count = answers.len();
    let server = loopback();
    server.play(answers);
    let context = marked_context(&server.base_url);
    let config = Config::builder()
        .proxy(ProxySetting::None)
        .rate_limits(None)
        .retry(RetryPolicy::never())
        .timeout(std::time::Duration::from_secs(5))
        .build();
    let client = Client::builder(context).config(config).build().unwrap();
    match verb {
        "PAGES" => walk(&client, path, count),
        "POST" => call(
            &client,
            Request::post(path).body(path.as_bytes()),
            first_must_pass,
        ),
        _ => call(&client, Request::get(path), first_must_pass),
    }
    let seen = server.seen();
    for request in &seen {
        let signature = request
            .header("X-Bunq-Client-Signature")
            .expect("unsigned request");
        client_key()
            .public_key()
            .verify(&request.body, signature)
            .unwrap();
        assert!(request.path.starts_with("/v1/"), "{}", request.path);
    }
    // A renewal replaced the session with the fuzzer's: it must still save and read back.
    let context = client.context();
    if context.session_token() != Some(secrets::SESSION_TOKEN) {
        saves_and_reads_back(&context);
    }
});

/// The promises about one result, given the request that produced it.
fn check(result: &bunq::Result<Response>, last: Option<&Seen>) {
    match result {
        Ok(response) => {
            let seen = last.expect("a response without a request");
            let answer = &seen.answer;
            assert!(seen.scripted);
            assert_eq!(
                answer.signing,
                Signing::Signed,
                "accepted an answer not signed"
            );
            assert_ne!(
                answer.echo,
                Echo::WrongEcho,
                "accepted a wrong request id echo"
            );
            if answer.echo == Echo::NoEcho {
                panic!("accepted no echo");
            }
            assert_eq!(response.status(), answer.status);
            assert!((200..300).contains(&answer.status));
            assert_eq!(
                response.body(),
                &answer.body[..],
                "the body is not what was signed"
            );
        }
        Err(error) => {
            if matches!(error.kind(), ErrorKind::Api | ErrorKind::RateLimited) {
                let seen = last.expect("a refusal without a request");
                assert_eq!(error.status(), Some(seen.answer.status));
                assert!(!(200..300).contains(&seen.answer.status));
            }
            let mut hidden = vec![
                secrets::API_KEY,
                secrets::INSTALLATION_TOKEN,
                secrets::SESSION_TOKEN,
            ];
            hidden.extend(pem_body_lines(client_key().private_key_pem()));
            assert_hidden(
                &format!("{error} {error:?}"),
                &hidden,
                &[],
                "the call's error",
            );
        }
    }
}

fn call(client: &Client, request: Request, first_must_pass: bool) {
    let result = client.send(&request);
    let seen = loopback().seen();
    if first_must_pass && !seen.is_empty() {
        assert!(
            result.is_ok(),
            "a properly signed answer was refused: {result:?}"
        );
    }
    check(&result, seen.last());
}

fn walk(client: &Client, path: &str, answers: usize) {
    let mut pages = client.pages(Request::get(path));
    let mut expected_path: Option<String> = None;
    for _ in 0..=answers {
        let before = loopback().seen().len();
        let Some(result) = pages.next() else {
            break;
        };
        let seen = loopback().seen();
        check(&result, seen.last());
        if let (Some(expected), Some(request)) = (&expected_path, seen.get(before)) {
            // A fragment (`#...`) is the client's own: HTTP never sends it.
            let linked = expected.split('#').next().unwrap_or_default();
            assert_eq!(request.path, linked, "not the linked page");
        }
        let Ok(response) = result else {
            assert!(pages.next().is_none(), "the walk went on after an error");
            break;
        };
        expected_path = response
            .pagination()
            .ok()
            .flatten()
            .and_then(|pagination| pagination.older_url)
            .map(|url| {
                let trimmed = url.trim_start_matches('/');
                format!("/v1/{}", trimmed.strip_prefix("v1/").unwrap_or(trimmed))
            });
    }
}
