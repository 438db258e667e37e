//! Signing speed, printed as figures (no assertion: timings on a shared machine are noisy).
//!
//! `cargo bench --bench signing` prints the time per signature and per verification for a
//! typical payment body and for 1 MiB, and the time to generate a key pair.
//! `benches/compare.sh` sets signing beside the official Python SDK's and OpenSSL's.

use std::hint::black_box;
use std::time::{Duration, Instant};

use bunq::KeyPair;

fn per_iteration(iterations: u32, mut work: impl FnMut()) -> Duration {
    work(); // warm up
    let start = Instant::now();
    for _ in 0..iterations {
        work();
    }
    start.elapsed() / iterations
}

fn main() {
    let (key, generation) = {
        let start = Instant::now();
        let key = KeyPair::generate().expect("key generation");
        (key, start.elapsed())
    };
    println!(
        "key generation (RSA-2048): {:>10.3} ms",
        generation.as_secs_f64() * 1e3
    );

    let payment = br#"{"amount":{"value":"12.50","currency":"EUR"},"counterparty_alias":{"type":"EMAIL","value":"sugardaddy@bunq.com","name":"Sugar Daddy"},"description":"bench"}"#;
    let large = vec![b'b'; 1024 * 1024];
    for (name, body, iterations) in [
        ("payment body", &payment[..], 2000),
        ("1 MiB body", &large[..], 100),
    ] {
        let sign = per_iteration(iterations, || {
            black_box(key.sign(black_box(body)).unwrap());
        });
        let signature = key.sign(body).unwrap();
        let verify = per_iteration(iterations, || {
            key.public_key()
                .verify(black_box(body), &signature)
                .unwrap();
        });
        println!(
            "{name:>14}: sign {:>8.1} µs   verify {:>8.1} µs   ({iterations} iterations)",
            sign.as_secs_f64() * 1e6,
            verify.as_secs_f64() * 1e6
        );
    }
}
