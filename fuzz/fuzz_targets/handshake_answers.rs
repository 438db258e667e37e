//! Making a context against a scripted server: installation, device-server, session-server
//! over a real loopback socket, answers (status, headers, body, signature, echo) from the
//! fuzzer. Any answers give a context or an error naming the step that failed, never a
//! panic; the device-server and session-server answers count only when signed by the key
//! the installation answer gave; every request after installation is signed by the client
//! key over exactly its body and carries the installation token; the context saves and
//! reads back; no error shows the API key or the client's private key.
//!
//! The input is three answers in the form of `bunq_context_fuzz::answer`.

#![no_main]

use bunq::{
    ApiContext, Config, Environment, ErrorKind, ProxySetting, PublicKey, RetryPolicy, Step,
};
use bunq_context_fuzz::answer::{Answer, Echo, Signing};
use bunq_context_fuzz::keys::client_key;
use bunq_context_fuzz::loopback::loopback;
use bunq_context_fuzz::round_trip::saves_and_reads_back;
use bunq_context_fuzz::secrets::{self, assert_hidden, pem_body_lines};
use libfuzzer_sys::fuzz_target;
use serde_json::Value;

const STEPS: [Step; 3] = [Step::Installation, Step::DeviceServer, Step::SessionServer];
const PATHS: [&str; 3] = [
    "/v1/installation",
    "/v1/device-server",
    "/v1/session-server",
];

fuzz_target!(|data: &[u8]| {
    bunq_context_fuzz::secrets::running(data);
    let answers = Answer::parse_all(data);
    let server = loopback();
    server.play(answers);
    let config = Config::builder()
        .proxy(ProxySetting::None)
        .rate_limits(None)
        .retry(RetryPolicy::never())
        .timeout(std::time::Duration::from_secs(5))
        .build();
    let created = ApiContext::builder(Environment::custom(&server.base_url), secrets::API_KEY)
        .key_pair(client_key().clone())
        .permitted_ips(["*"])
        .config(config)
        .create();
    let seen = server.seen();
    assert!(
        !seen.is_empty() && seen.len() <= 3,
        "{} requests",
        seen.len()
    );
    for (index, request) in seen.iter().enumerate() {
        assert_eq!(request.method, "POST");
        assert_eq!(request.path, PATHS[index]);
        if index > 0 {
            // Signed with the client key over exactly the bytes sent, with the token the
            // installation answer gave.
            let signature = request
                .header("X-Bunq-Client-Signature")
                .expect("unsigned request");
            client_key()
                .public_key()
                .verify(&request.body, signature)
                .unwrap();
            let token = installation_token(&seen[0].answer.body).expect("no installation token");
            // HTTP drops white space around a header value.
            assert_eq!(
                request.header("X-Bunq-Client-Authentication"),
                Some(token.trim())
            );
        }
    }
    match created {
        Ok(context) => {
            assert_eq!(seen.len(), 3);
            for request in &seen[1..] {
                let answer = &request.answer;
                assert!(request.scripted && (200..300).contains(&answer.status));
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
            }
            let server_key = installation_key(&seen[0].answer.body).expect("no server key");
            assert_eq!(context.server_public_key(), &server_key);
            assert_eq!(context.api_key(), secrets::API_KEY);
            saves_and_reads_back(&context);
        }
        Err(error) => {
            // The step of the last answer, or the next one when its request could not even
            // be built (an installation token that is no header value).
            let answered = STEPS[seen.len() - 1];
            let unsendable = error.kind() == ErrorKind::InvalidInput
                && error.step() == STEPS.get(seen.len()).copied();
            assert!(error.step() == Some(answered) || unsendable, "{error}");
            let private_key = client_key().private_key_pem();
            let mut hidden = vec![secrets::API_KEY];
            hidden.extend(pem_body_lines(private_key));
            let text = format!("{error} {error:?}");
            assert_hidden(&text, &hidden, &[], "the handshake error");
        }
    }
});

fn first_object(body: &[u8], type_name: &str) -> Option<Value> {
    let json: Value = serde_json::from_slice(body).ok()?;
    json.get("Response")?
        .as_array()?
        .iter()
        .find_map(|object| object.get(type_name).cloned())
}

fn installation_token(body: &[u8]) -> Option<String> {
    first_object(body, "Token")?
        .get("token")?
        .as_str()
        .map(str::to_owned)
}

fn installation_key(body: &[u8]) -> Option<PublicKey> {
    let key = first_object(body, "ServerPublicKey")?;
    PublicKey::from_pem(key.get("server_public_key")?.as_str()?).ok()
}
