//! Signing speed, printed as figures (no assertion: timings on a shared machine are noisy).
//!
//! `cargo bench --bench signing` prints the crypto library that signed ([`bunq::CRYPTO_LIBRARY`]:
//! ring by default, AWS-LC with `--no-default-features --features os-trust-store,aws-lc`), the
//! time to generate a key pair (median and mean over several keys: the time of one key varies
//! a lot with its random primes), and the time per signature and per verification for a
//! typical payment body and for 1 MiB, in wall-clock and CPU time (on a busy machine the CPU
//! time moves less). `benches/providers.sh` reads these lines to set the two
//! libraries side by side; `benches/compare.sh` sets signing beside the official Python SDK's
//! and OpenSSL's.

use std::hint::black_box;
use std::time::Instant;

use bunq::KeyPair;

mod machine;
use machine::cpu_seconds;

/// Keys generated to time key generation.
const KEYS: usize = 20;

fn print_generation(what: &str, mut milliseconds: Vec<f64>) {
    let mean = milliseconds.iter().sum::<f64>() / milliseconds.len() as f64;
    milliseconds.sort_by(f64::total_cmp);
    println!(
        "{what}: median {:.3} ms, mean {mean:.3} ms ({} keys)",
        milliseconds[milliseconds.len() / 2],
        milliseconds.len()
    );
}

/// Wall-clock and CPU time per iteration, in µs.
fn per_iteration(iterations: u32, mut work: impl FnMut()) -> (f64, f64) {
    work(); // warm up
    let cpu = cpu_seconds();
    let start = Instant::now();
    for _ in 0..iterations {
        work();
    }
    let wall = start.elapsed().as_secs_f64();
    let cpu = cpu_seconds() - cpu;
    (
        wall * 1e6 / iterations as f64,
        cpu * 1e6 / iterations as f64,
    )
}

fn main() {
    println!("crypto library: {}", bunq::CRYPTO_LIBRARY);
    let mut generations = Vec::with_capacity(KEYS);
    let mut key = None;
    for _ in 0..KEYS {
        let start = Instant::now();
        key = Some(KeyPair::generate().expect("key generation"));
        generations.push(start.elapsed().as_secs_f64() * 1e3);
    }
    let key = key.expect("at least one key");
    print_generation("key generation (RSA-2048)", generations);
    // The rsa crate's, which ring builds use (ring cannot make RSA keys): the reference
    // for AWS-LC's own.
    let generations = (0..KEYS)
        .map(|_| {
            let start = Instant::now();
            black_box(rsa::PrivateKey::new(&mut getrandom::SysRng, 2048).expect("rsa key"));
            start.elapsed().as_secs_f64() * 1e3
        })
        .collect();
    print_generation("key generation by the rsa crate", generations);

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
            "{name:>14}: sign {:>8.1} µs (CPU {:>8.1})   verify {:>8.1} µs (CPU {:>8.1})   \
             ({iterations} iterations)",
            sign.0, sign.1, verify.0, verify.1
        );
    }
}
