//! What the benchmarks print about the machine they ran on, and the CPU time they measure
//! with: shared by `compare`, `signing` and `split_writes` (a module, not a bench target:
//! cargo takes only `benches/*.rs` and `benches/*/main.rs` as targets).
#![allow(dead_code)] // each benchmark uses its own subset

/// "N cores, model" from `/proc/cpuinfo`.
pub fn machine_description() -> String {
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let model = cpuinfo
        .lines()
        .find_map(|line| line.strip_prefix("model name"))
        .and_then(|rest| rest.split_once(':'))
        .map_or("unknown CPU", |(_, model)| model.trim());
    let cores = std::thread::available_parallelism().map_or(0, usize::from);
    format!("{cores} cores, {model}")
}

/// The three load averages of `/proc/loadavg` (empty where there is none): timings on a
/// shared machine move with its load, so every benchmark prints it.
pub fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|load| {
            load.split_whitespace()
                .take(3)
                .collect::<Vec<_>>()
                .join(" ")
        })
        .unwrap_or_default()
}

/// User + system CPU time of this process so far (NaN where getrusage is missing).
pub fn cpu_seconds() -> f64 {
    #[cfg(unix)]
    {
        // SAFETY: getrusage only writes the struct it is given.
        let usage = unsafe {
            let mut usage = std::mem::zeroed::<libc::rusage>();
            libc::getrusage(libc::RUSAGE_SELF, &mut usage);
            usage
        };
        let seconds = |time: libc::timeval| time.tv_sec as f64 + time.tv_usec as f64 / 1e6;
        seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }
    #[cfg(not(unix))]
    {
        f64::NAN
    }
}
