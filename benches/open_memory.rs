//! Issue 14: the memory a window takes to open a large file, each opening in a fresh process
//! (a process that has allocated before reuses what it freed, and its growth says nothing).
//! The benchmark runs itself as the child: `LIANFANG_OPEN_CHILD=<file>` opens that file as the
//! window does — untrusted-file check, reading, index, levels, one frame of the window laid out
//! and tessellated, the backup it starts let finish — and reports `VmHWM` and `VmRSS`; an empty
//! value opens nothing (the start page), the baseline. No GPU here: a real window adds its
//! rendering libraries (about 0.14 GB for the empty window under Xvfb with Mesa, README 性能).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::print_stdout,
    reason = "a benchmark: a failure is a failed run, results go to stdout"
)]

use std::process::Command;

use lianfang::store::Store;

#[path = "common/memory.rs"]
mod memory;

const CHILD: &str = "LIANFANG_OPEN_CHILD";

fn main() {
    if let Some(file) = std::env::var_os(CHILD) {
        return child(std::path::Path::new(&file));
    }
    let dir = tempfile::tempdir_in(if std::path::Path::new("/dev/shm").is_dir() { "/dev/shm" } else { "." }).unwrap();
    println!("打开文件的内存（每次一个新进程，无 GPU；最高常驻内存 VmHWM / 打开后常驻内存 VmRSS，各 3 次取中位数）");
    println!("风险点\t最高\t打开后");
    report("（开始页，不打开文件）", None);
    for n in [10_000, 100_000] {
        let file = dir.path().join(format!("open{n}.db"));
        Store::create(&file, &lianfang::demo::scaled("tjbh2012", n).unwrap()).unwrap().close().unwrap();
        report(&n.to_string(), Some(&file));
    }
}

/// Three fresh processes opening `file` (none: the start page); prints the medians.
fn report(what: &str, file: Option<&std::path::Path>) {
    let mut runs: Vec<(u64, u64)> = (0..3)
        .map(|_| {
            let me = std::env::current_exe().unwrap();
            let out = Command::new(me).env(CHILD, file.unwrap_or(std::path::Path::new(""))).output().unwrap();
            assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
            let text = String::from_utf8_lossy(&out.stdout).into_owned();
            let (peak, held) = text.trim().split_once(' ').unwrap();
            (peak.parse().unwrap(), held.parse().unwrap())
        })
        .collect();
    runs.sort_unstable();
    let (peak, held) = runs[1];
    println!("{what}\t{}\t{}", memory::mb(Some(peak)), memory::mb(Some(held)));
}

/// The child: opens `file` (an empty path: nothing) as the window does and prints
/// "<VmHWM> <VmRSS>" in bytes.
fn child(file: &std::path::Path) {
    let ctx = egui::Context::default();
    lianfang::fonts::install_egui_fonts(&ctx);
    let mut app = if file.as_os_str().is_empty() {
        lianfang::ui::App::with_data_dir(lianfang::ui::Persisted::default(), None, false, None)
    } else {
        lianfang::ui::App::for_file(file)
    };
    assert!(file.as_os_str().is_empty() || app.document().is_some(), "{:?}", app.notices());
    for _ in 0..2 {
        let input = egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1440.0, 900.0))),
            ..Default::default()
        };
        let output = ctx.run_ui(input, |ui| app.ui_root(ui));
        std::hint::black_box(ctx.tessellate(output.shapes, output.pixels_per_point).len());
    }
    app.finish_background_work();
    let field = |f| memory::status_bytes("self", f).expect("/proc/self/status");
    println!("{} {}", field("VmHWM"), field("VmRSS"));
}
