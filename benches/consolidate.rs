//! Consolidating 100 unit files of 1,000 risk points each (issue 7: ≤ 5 s in release, and
//! within 3× of a plain `sqlite3` script doing ATTACH + INSERT of the same rows into the same
//! schema). Ours also checks every file as untrusted input (integrity check, schema objects,
//! foreign keys) and computes its SHA-256; the script does neither. Both are timed in this run.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout, reason = "a benchmark reports on stdout")]

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use lianfang::store::Store;
use lianfang::store::consolidate::Area;

const UNITS: usize = 100;
const RISKS: usize = 1000;
const RUNS: usize = 3;

fn unit_files(dir: &Path) -> Vec<PathBuf> {
    (0..UNITS)
        .map(|i| {
            let mut c = lianfang::demo::build_seeded("fzsx2013", i as u64 + 1).unwrap();
            c.unit.name = format!("{}（第{}个单位）", c.unit.name, i + 1);
            c.risk_points.truncate(RISKS);
            let kept: HashSet<_> = c.risk_points.iter().map(|r| r.id).collect();
            c.measures.retain(|m| kept.contains(&m.risk_point_id));
            c.review_records.retain(|r| kept.contains(&r.risk_point_id));
            let path = dir.join(format!("unit{i:03}.db"));
            Store::create(&path, &c).unwrap().close().unwrap();
            path
        })
        .collect()
}

fn ours(files: &[PathBuf], area: &Path) -> Duration {
    let _ = std::fs::remove_file(area);
    let start = Instant::now();
    let mut a = Area::open_or_create(area).unwrap();
    for r in a.import_many(files, &[], |_, _| {}) {
        r.unwrap();
    }
    start.elapsed()
}

/// The same rows with a plain script: ATTACH, INSERT … SELECT per table, DETACH.
fn sqlite3_script(files: &[PathBuf], area: &Path, empty_area: &Path) -> Option<Duration> {
    std::fs::copy(empty_area, area).unwrap();
    let conn = rusqlite::Connection::open(empty_area).unwrap();
    let tables: Vec<(String, String)> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT IN ('submission') AND name NOT LIKE 'sqlite_%'")
        .unwrap()
        .query_map([], |r| r.get::<_, String>(0))
        .unwrap()
        .map(|t| {
            let t = t.unwrap();
            let cols: Vec<String> = conn
                .prepare(&format!("SELECT name FROM pragma_table_info('{t}') WHERE name != 'submission_id' ORDER BY cid"))
                .unwrap()
                .query_map([], |r| r.get(0))
                .unwrap()
                .map(Result::unwrap)
                .collect();
            (t, cols.join(", "))
        })
        .collect();
    let mut script = String::new();
    for (i, f) in files.iter().enumerate() {
        script.push_str(&format!("ATTACH DATABASE '{}' AS u;\nBEGIN;\n", f.display()));
        for (t, cols) in &tables {
            script
                .push_str(&format!("INSERT INTO main.{t} (submission_id, {cols}) SELECT 's{i}', {cols} FROM u.{t};\n"));
        }
        script.push_str("COMMIT;\nDETACH DATABASE u;\n");
    }
    let start = Instant::now();
    let status = Command::new("sqlite3")
        .arg(area)
        .arg(format!(".read {}", write_script(area, &script).display()))
        .status()
        .ok()?;
    let elapsed = start.elapsed();
    status.success().then_some(elapsed)
}

fn write_script(area: &Path, script: &str) -> PathBuf {
    let path = area.with_extension("sql");
    std::fs::write(&path, script).unwrap();
    path
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    println!("准备 {UNITS} 个单位文件，每个 {RISKS} 个风险点……");
    let files = unit_files(dir.path());
    let empty = dir.path().join("empty_area.db");
    drop(Area::open_or_create(&empty).unwrap());
    let ours_runs: Vec<Duration> = (0..RUNS).map(|_| ours(&files, &dir.path().join("area.db"))).collect();
    let ours_median = median(ours_runs.clone());
    println!("lianfang consolidate：{ours_runs:?}，中位数 {:.2} s（目标 ≤ 5 s）", ours_median.as_secs_f64());
    let script_runs: Vec<Duration> =
        (0..RUNS).filter_map(|_| sqlite3_script(&files, &dir.path().join("script_area.db"), &empty)).collect();
    if script_runs.is_empty() {
        println!("未找到 sqlite3 命令（Debian 包 sqlite3），跳过对比");
        return;
    }
    let script_median = median(script_runs.clone());
    println!("sqlite3 ATTACH + INSERT 脚本：{script_runs:?}，中位数 {:.2} s", script_median.as_secs_f64());
    println!("比值：{:.2}×（目标 ≤ 3×）", ours_median.as_secs_f64() / script_median.as_secs_f64());
}
