//! What a server that splits its answers costs a call, call by call (figures only, nothing
//! asserted: timings on a shared machine are noisy).
//!
//! `cargo bench --bench split_writes` starts the fake bunq in-process four times (plain or
//! `split_writes`, over HTTP and HTTPS), makes one client for each, and times `CALLS` GETs on
//! its one kept-alive connection. A split-writing server stalls a call whose ACK of the head is
//! delayed (about 40 ms on Linux), so besides the median and the mean it prints the slowest
//! calls and how many took over 20 ms: with quick ACKs re-armed before every read (the
//! crate's TCP transport), none should. `benches/compare.sh` sets the same servers, through a
//! Python relay, beside the official SDK.

use std::time::Instant;

use bunq::{ApiContext, Client, Config, Environment, ProxySetting, SandboxUserKind};
use fake_bunq::{FakeBunq, FakeBunqConfig, FakeTls};

mod machine;
use machine::load_average;

const CALLS: usize = 400;
/// A call slower than this waited for a delayed-ACK timer (40 ms) or worse.
const STALL_MS: f64 = 20.0;

fn main() {
    // `cargo test --all-targets` runs bench binaries without --bench: build only.
    if !std::env::args().any(|arg| arg == "--bench") {
        println!("benches/split_writes.rs measures only under `cargo bench`");
        return;
    }
    println!(
        "# GET per call on one kept-alive connection, {CALLS} calls; load average before: {}",
        load_average()
    );
    println!(
        "{:<28} {:>9} {:>9} {:>9} {:>9} {:>9} {:>12}",
        "server", "median ms", "mean ms", "p99 ms", "max ms", "> 20 ms", "connections"
    );
    let mut medians = Vec::new();
    for (label, split_writes, tls) in [
        ("one write, HTTP", false, false),
        ("split writes, HTTP", true, false),
        ("one write, HTTPS", false, true),
        ("split writes, HTTPS", true, true),
    ] {
        let fake = FakeBunq::start_with(FakeBunqConfig {
            split_writes,
            tls: tls.then(FakeTls::default),
            ..FakeBunqConfig::default()
        })
        .expect("the fake starts");
        let client = client_for(&fake);
        let path = format!("user/{}", client.user_id().expect("user id"));
        let mut times: Vec<f64> = (0..CALLS)
            .map(|_| {
                let start = Instant::now();
                client.get(&path).expect("GET");
                start.elapsed().as_secs_f64() * 1e3
            })
            .collect();
        let mean = times.iter().sum::<f64>() / CALLS as f64;
        let stalls = times.iter().filter(|ms| **ms > STALL_MS).count();
        times.sort_by(f64::total_cmp);
        println!(
            "{label:<28} {:>9.3} {mean:>9.3} {:>9.3} {:>9.3} {stalls:>9} {:>12}",
            times[CALLS / 2],
            times[CALLS * 99 / 100],
            times[CALLS - 1],
            client.transport_stats().connections_opened
        );
        medians.push((label, times[CALLS / 2], mean, stalls));
    }
    println!("# load average after: {}", load_average());
    println!("\ntargets (issue 24):");
    for pair in medians.chunks(2) {
        let [(whole, _, whole_mean, _), (split, _, split_mean, stalls)] = pair else {
            continue;
        };
        let ratio = split_mean / whole_mean;
        println!(
            "  {split} / {whole}, mean per call {ratio:>6.2}  target <= 1.1  {}",
            verdict(ratio <= 1.1)
        );
        println!(
            "  {split}, calls over {STALL_MS} ms {stalls:>16}  target 0      {}",
            verdict(*stalls == 0)
        );
    }
}

fn verdict(met: bool) -> &'static str {
    if met { "met" } else { "NOT MET" }
}

fn client_for(fake: &FakeBunq) -> Client {
    let mut config = Config::builder()
        .proxy(ProxySetting::None)
        .rate_limits(None);
    if let Some(pem) = fake.ca_certificate_pem() {
        config = config.add_root_certificates_pem(pem.to_owned());
    }
    let config = config.build();
    let environment = Environment::custom(fake.base_url());
    let api_key = bunq::create_sandbox_user(&environment, SandboxUserKind::Person, &config)
        .expect("a sandbox user");
    let context = ApiContext::builder(environment, api_key.expose())
        .permitted_ips(["*"])
        .config(config.clone())
        .create()
        .expect("a context");
    Client::builder(context)
        .config(config)
        .build()
        .expect("a client")
}
