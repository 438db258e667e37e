//! The check before any 2xx answer is read: an answer passes only when bunq's key signed
//! exactly its body bytes and the echoed request id (if any) is the one sent. A verified
//! body is byte for byte what was signed; one byte more, less or changed fails; every
//! refusal is a signature error; an answer signed and echoed properly is never refused.

#![no_main]

use bunq::fuzzing::verify_answer;
use bunq::{ErrorKind, Response};
use bunq_context_fuzz::answer::{Answer, REQUEST_ID_HEADER, SIGNATURE_HEADER};
use bunq_context_fuzz::keys::server_key;
use libfuzzer_sys::fuzz_target;

const REQUEST_ID: &str = "3f0e9a52-fuzz-request-id";

fuzz_target!(|data: &[u8]| {
    bunq_context_fuzz::secrets::running(data);
    let answer = Answer::parse(data);
    let response = answer.response(REQUEST_ID);
    let verified = verify_answer(&response, server_key().public_key(), REQUEST_ID);
    if answer.must_be_accepted() {
        assert!(
            verified.is_ok(),
            "a properly signed answer was refused: {verified:?}"
        );
    }
    match verified {
        Ok(()) => {
            // Signatures are deterministic: the header found must be the server key's
            // signature of exactly these bytes.
            let found = response
                .header(SIGNATURE_HEADER)
                .expect("verified without a signature");
            let expected = server_key().sign(response.body()).unwrap();
            assert_eq!(
                found.trim(),
                expected,
                "verified a signature of other bytes"
            );
            assert_eq!(response.body(), &answer.body[..]);
            match response.header(REQUEST_ID_HEADER) {
                Some(echoed) => assert_eq!(echoed, REQUEST_ID, "accepted a wrong request id echo"),
                None => panic!("accepted no echo"),
            }
            for tampered in tamperings(response.body()) {
                let changed =
                    Response::new(response.status(), response.headers().to_vec(), tampered);
                let error = verify_answer(&changed, server_key().public_key(), REQUEST_ID)
                    .expect_err("a changed body passed the signature check");
                assert_eq!(error.kind(), ErrorKind::Signature);
            }
        }
        Err(error) => assert_eq!(error.kind(), ErrorKind::Signature, "{error}"),
    }
});

/// The body with one byte more, one byte less, and one byte changed.
fn tamperings(body: &[u8]) -> Vec<Vec<u8>> {
    let mut longer = body.to_vec();
    longer.push(b' ');
    let mut tamperings = vec![longer];
    if let Some((_, shorter)) = body.split_last() {
        tamperings.push(shorter.to_vec());
        let mut changed = body.to_vec();
        let at = body.len() / 2;
        changed[at] ^= 0x01;
        tamperings.push(changed);
    }
    tamperings
}
