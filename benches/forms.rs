//! Printing forms (issue 6), timed as the user runs it: the release `lianfang` binary, from the
//! .db file to the PDF files on disk.
//!
//! 1. Every form of the catalogue for the demo unit (`lianfang print --all`).
//! 2. The peer comparison: 岗位风险分析和防控措施表 for 300 and 3,000 risk points, ours against
//!    LibreOffice Writer converting the same rows (an HTML table whose header row repeats on
//!    every page, A4 landscape, Noto Serif CJK) with `soffice --headless --convert-to pdf`.
//!    Skipped with a note when `soffice` is not installed (Debian: libreoffice-writer-nogui).
//! 3. Issue 14: the same form for 10,000 and 100,000 risk points (the demo grown by
//!    `demo::scaled`), time and peak resident memory of the process (goal: ≤ 500 MB, time
//!    linear). `LIANFANG_BENCH_LARGE=0` skips it.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stdout,
    reason = "a benchmark: a failure is a failed run, results go to stdout"
)]

use std::collections::HashSet;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use lianfang::domain::{Content, RiskScope};
use lianfang::report::layout::Block;
use lianfang::store::Store;

#[path = "common/memory.rs"]
mod memory;

/// Printing every form takes about a second, and this host's timings vary by a quarter from
/// run to run: more runs for a steadier median.
const ALL_RUNS: usize = 9;

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_lianfang")
}

fn timed(cmd: &mut Command) -> Duration {
    let start = Instant::now();
    let out = cmd.output().unwrap();
    let took = start.elapsed();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    took
}

fn median(mut runs: Vec<Duration>) -> Duration {
    runs.sort();
    runs[runs.len() / 2]
}

fn pages(pdf: &Path) -> usize {
    let out = Command::new("pdfinfo").arg(pdf).output().map(|o| String::from_utf8_lossy(&o.stdout).into_owned());
    out.ok()
        .and_then(|t| {
            t.lines().find(|l| l.starts_with("Pages:")).and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0)
}

fn dir_size(dir: &Path) -> (u64, usize) {
    let files: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    (files.iter().map(|f| f.metadata().unwrap().len()).sum(), files.iter().map(|f| pages(f)).sum())
}

/// The demo unit cut down to its first `n` post risk points.
fn with_risks(c: &Content, n: usize) -> Content {
    let mut c = c.clone();
    let mut left = n;
    c.risk_points.retain(|r| {
        let keep = r.scope == RiskScope::Post && left > 0;
        left -= usize::from(keep);
        keep
    });
    let kept: HashSet<_> = c.risk_points.iter().map(|r| r.id).collect();
    c.measures.retain(|m| kept.contains(&m.risk_point_id));
    c.review_records.retain(|r| kept.contains(&r.risk_point_id));
    c
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('\n', "<br>")
}

/// The same title, header and rows as our form, as an HTML table for LibreOffice Writer: ruled
/// (`border=1`), no widths given, so that Writer's automatic table layout shares out the page.
fn html(c: &Content) -> String {
    let forms =
        lianfang::report::forms::build(c, lianfang::domain::forms::FormId::PostRiskAnalysis, &Default::default())
            .unwrap();
    let form = &forms[0];
    let Some(Block::Table { columns, rows }) = form.blocks.first() else { panic!("a table") };
    let mut out = String::from(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><style>@page { size: 29.7cm 21cm; margin: 2cm } \
         body, td, th { font-family: 'Noto Serif CJK SC'; font-size: 10.5pt }</style></head><body>",
    );
    out.push_str(&format!(
        "<h2 style=\"text-align:center\">{}</h2><p>{}　{}</p>",
        escape(&form.title),
        escape(&form.particulars.0),
        escape(&form.particulars.1)
    ));
    out.push_str("<table border=\"1\"><thead><tr>");
    for c in columns {
        out.push_str(&format!("<th>{}</th>", escape(&c.header)));
    }
    out.push_str("</tr></thead><tbody>");
    for row in rows {
        out.push_str("<tr>");
        for cell in row {
            out.push_str(&format!("<td>{}</td>", escape(cell)));
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table>");
    out.push_str(&format!("<p>{}</p></body></html>", escape(&form.signature.join(" "))));
    out
}

/// Converts `html_file` with LibreOffice Writer, using the profile in `out_dir` (made by a first,
/// untimed run: creating it costs Writer about a second more).
fn libreoffice(html_file: &Path, out_dir: &Path) -> Option<(Duration, usize, u64)> {
    let profile = out_dir.join("lo-profile");
    let took = {
        let start = Instant::now();
        let status = Command::new("soffice")
            .arg(format!("-env:UserInstallation=file://{}", profile.display()))
            .args(["--headless", "--infilter=HTML (StarWriter)", "--convert-to", "pdf:writer_pdf_Export", "--outdir"])
            .arg(out_dir)
            .arg(html_file)
            .output()
            .ok()?;
        if !status.status.success() {
            return None;
        }
        start.elapsed()
    };
    let pdf = out_dir.join(html_file.with_extension("pdf").file_name()?);
    Some((took, pages(&pdf), pdf.metadata().ok()?.len()))
}

/// Median, fastest and slowest, in seconds.
fn spread(runs: &[Duration]) -> (f64, f64, f64) {
    let s = |d: Option<&Duration>| d.map_or(0.0, Duration::as_secs_f64);
    (median(runs.to_vec()).as_secs_f64(), s(runs.iter().min()), s(runs.iter().max()))
}

/// Ours and LibreOffice's on the same `n` rows, the runs interleaved (ours, then Writer's, `runs`
/// times), each reported as its median with the range.
fn compare(demo: &Content, n: usize, runs: usize, dir: &Path, soffice: bool) {
    let c = with_risks(demo, n);
    let file = dir.join(format!("rows{n}.db"));
    Store::create(&file, &c).unwrap().close().unwrap();
    let pdf = dir.join(format!("ours{n}.pdf"));
    let html_file = dir.join(format!("rows{n}.html"));
    std::fs::write(&html_file, html(&c)).unwrap();
    if soffice {
        libreoffice(&html_file, dir); // the profile, untimed
    }
    let (mut ours, mut theirs, mut peer) = (Vec::new(), Vec::new(), None);
    for _ in 0..runs {
        ours.push(timed(
            Command::new(bin()).args(["print", "post_risk_analysis", "--db"]).arg(&file).arg("--out").arg(&pdf),
        ));
        if soffice && let Some((took, p, b)) = libreoffice(&html_file, dir) {
            theirs.push(took);
            peer = Some((p, b));
        }
    }
    let (our_pages, our_bytes) = (pages(&pdf), pdf.metadata().unwrap().len());
    let (m, lo, hi) = spread(&ours);
    let ours_text = format!("{m:.3}（{lo:.3}–{hi:.3}）\t{our_pages}\t{our_bytes}");
    match peer {
        Some((p, b)) => {
            let (tm, tlo, thi) = spread(&theirs);
            println!("{n}\t{runs}\t{ours_text}\t{tm:.2}（{tlo:.2}–{thi:.2}）\t{p}\t{b}\t{:.0}×", tm / m);
        }
        None => println!("{n}\t{runs}\t{ours_text}\t（未安装 soffice 或转换失败）"),
    }
}

fn main() {
    // LIANFANG_BENCH_DIR keeps the files (the .db of each row count, both PDFs) for a look.
    let kept = std::env::var_os("LIANFANG_BENCH_DIR").map(std::path::PathBuf::from);
    let temp = tempfile::tempdir().unwrap();
    if let Some(old) = &kept {
        let _ = std::fs::remove_dir_all(old);
    }
    let dir = kept.as_deref().unwrap_or(temp.path());
    std::fs::create_dir_all(dir).unwrap();
    let demo = lianfang::demo::build("tjbh2012").unwrap();
    let db = dir.join("demo.db");
    Store::create(&db, &demo).unwrap().close().unwrap();
    println!(
        "示例单位：{}，{} 个部门，{} 个岗位，{} 人，{} 个风险点，{} 条措施",
        demo.unit.name,
        demo.departments.len(),
        demo.posts.len(),
        demo.people.len(),
        demo.risk_points.len(),
        demo.measures.len()
    );

    let out = dir.join("all");
    let runs: Vec<Duration> = (0..ALL_RUNS)
        .map(|_| {
            let _ = std::fs::remove_dir_all(&out);
            timed(Command::new(bin()).args(["print", "--all", "--db"]).arg(&db).arg("--out").arg(&out))
        })
        .collect();
    let (bytes, total_pages) = dir_size(&out);
    let (middle, fastest, slowest) = spread(&runs);
    println!(
        "全部表格（{} 种，lianfang print --all）：{middle:.2} s（{ALL_RUNS} 次取中位数，{fastest:.2}–{slowest:.2} s），{total_pages} 页，{:.1} MB，每千页 {:.2} s",
        lianfang::domain::forms::CATALOGUE.len(),
        bytes as f64 / 1e6,
        middle / total_pages as f64 * 1000.0
    );

    let soffice = Command::new("soffice").arg("--version").output().is_ok_and(|o| o.status.success());
    println!("\n岗位风险分析和防控措施表：本程序 与 LibreOffice Writer（HTML 表格 border=1、不给列宽，表头每页重复）");
    println!("行数\t次数\t本程序 秒（中位数，范围）\t页\t字节\tLibreOffice 秒（中位数，范围）\t页\t字节\t倍数");
    // 3,000 rows take Writer two and a half minutes a run: fewer runs there.
    let rows = std::env::var("LIANFANG_BENCH_ROWS").unwrap_or_else(|_| "300:5,3000:1".into());
    for spec in rows.split(',') {
        let (n, runs) = spec.split_once(':').unwrap_or((spec, "5"));
        compare(&demo, n.parse().unwrap(), runs.parse().unwrap(), dir, soffice);
    }
    if std::env::var("LIANFANG_BENCH_LARGE").as_deref() != Ok("0") {
        large(dir);
    }
}

/// 岗位风险分析和防控措施表 of the whole unit at 10k and 100k risk points: the command's time
/// and peak memory, three runs each.
fn large(dir: &Path) {
    println!("\n大单位（示例单位扩充）：lianfang print post_risk_analysis，整个进程");
    println!("风险点\t次数\t秒（中位数，范围）\t最高常驻内存（范围）\t页");
    for n in [10_000, 100_000] {
        let file = dir.join(format!("scaled{n}.db"));
        Store::create(&file, &lianfang::demo::scaled("tjbh2012", n).unwrap()).unwrap().close().unwrap();
        let pdf = dir.join(format!("scaled{n}.pdf"));
        let runs: Vec<(Duration, Option<u64>)> = (0..3)
            .map(|_| {
                memory::run_measured(
                    Command::new(bin()).args(["print", "post_risk_analysis", "--db"]).arg(&file).arg("--out").arg(&pdf),
                )
            })
            .collect();
        let (m, lo, hi) = spread(&runs.iter().map(|r| r.0).collect::<Vec<_>>());
        let peaks: Vec<Option<u64>> = runs.iter().map(|r| r.1).collect();
        let (low, high) = (peaks.iter().min().copied().flatten(), peaks.iter().max().copied().flatten());
        println!("{n}\t3\t{m:.2}（{lo:.2}–{hi:.2}）\t{}–{}\t{}", memory::mb(low), memory::mb(high), pages(&pdf));
    }
}
