//! Resident memory as Linux reports it in `/proc/<pid>/status` (kB), for the benchmarks that
//! give memory beside time. Elsewhere (no /proc) the figures are `None`.
#![allow(dead_code, reason = "each benchmark that includes this uses a part of it")]

use std::process::{Child, Command};
use std::time::{Duration, Instant};

/// A field of `/proc/<pid>/status` in bytes (`VmRSS`, `VmHWM`, …).
pub fn status_bytes(pid: &str, field: &str) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with(field) && l[field.len()..].starts_with(':'))?;
    let kb: u64 = line[field.len() + 1..].trim().trim_end_matches("kB").trim().parse().ok()?;
    Some(kb * 1024)
}

/// Runs `cmd` to its end; returns how long it took and its peak resident memory (`VmHWM`, read
/// every 10 ms while it runs: the peak of its last 10 ms may be missed). Panics if it fails.
pub fn run_measured(cmd: &mut Command) -> (Duration, Option<u64>) {
    let start = Instant::now();
    let mut child: Child = cmd.stdout(std::process::Stdio::null()).spawn().expect("start");
    let pid = child.id().to_string();
    let mut peak = None;
    loop {
        if let Some(hwm) = status_bytes(&pid, "VmHWM") {
            peak = peak.max(Some(hwm));
        }
        if let Some(status) = child.try_wait().expect("wait") {
            assert!(status.success(), "{cmd:?} failed");
            return (start.elapsed(), peak);
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// Bytes in MB (10^6 bytes), whole.
pub fn mb(bytes: Option<u64>) -> String {
    #[expect(clippy::cast_precision_loss, reason = "memory sizes of a benchmark report")]
    bytes.map_or_else(|| "（无 /proc）".to_owned(), |b| format!("{:.0} MB", b as f64 / 1e6))
}
