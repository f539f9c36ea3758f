//! A hostile sender's corpus: files crafted to pass the untrusted-file check and then do harm,
//! or to hang or crash the program. Every one must be refused by `check`, `consolidate`,
//! `export`, `print --all` and by opening in the window — with a Chinese message, a non-zero
//! exit, within seconds, no panic, the file and its side files byte-identical, nothing new
//! written beside them and no output folder made.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, reason = "tests: a failing unwrap is a failing test")]

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use lianfang::domain::Content;
use lianfang::store::Store;
use rusqlite::Connection;

fn lianfang(args: &[&str]) -> (bool, String, Duration) {
    let started = Instant::now();
    let out = Command::new(env!("CARGO_BIN_EXE_lianfang")).args(args).output().unwrap();
    let said = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    (out.status.success(), said, started.elapsed())
}

/// A small but complete unit (every kind of row present), built from the demo.
fn base_content() -> Content {
    let mut c = lianfang::demo::build("jxau2010").unwrap();
    let keep: Vec<_> = c.risk_points.iter().take(6).map(|r| r.id).collect();
    c.risk_points.retain(|r| keep.contains(&r.id));
    c.measures.retain(|m| keep.contains(&m.risk_point_id));
    c.review_records.retain(|r| keep.contains(&r.risk_point_id));
    c
}

/// Every file in `dir` (recursively) with its bytes, to prove nothing changed or appeared.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let meta = std::fs::symlink_metadata(&path).unwrap();
        if meta.is_dir() {
            out.insert(path.clone(), Vec::new());
            out.extend(snapshot(&path));
        } else if meta.is_file() {
            out.insert(path.clone(), std::fs::read(&path).unwrap());
        } else {
            out.insert(path, b"(special)".to_vec());
        }
    }
    out
}

/// Runs SQL on a copy of the base file with checks and foreign keys off, as a crafter would.
fn crafted(dir: &Path, base: &Path, name: &str, sql: &str) -> PathBuf {
    let path = dir.join(format!("{name}.db"));
    std::fs::copy(base, &path).unwrap();
    let conn = Connection::open(&path).unwrap();
    conn.execute_batch("PRAGMA foreign_keys = OFF; PRAGMA ignore_check_constraints = ON;").unwrap();
    conn.execute_batch(sql).unwrap_or_else(|e| panic!("{name}: {e}"));
    drop(conn);
    path
}

/// Rewrites the SQL of schema object `name` (as an editor of the raw file would).
fn rewrite_schema(name: &str, from: &str, to: &str) -> String {
    format!(
        "PRAGMA writable_schema = ON;
         UPDATE sqlite_master SET sql = replace(sql, '{from}', '{to}') WHERE name = '{name}';
         PRAGMA writable_schema = OFF;"
    )
}

/// The hostile corpus: (what it is, the file).
fn corpus(dir: &Path, base: &Path) -> Vec<(&'static str, PathBuf)> {
    let mut files = Vec::new();
    let mut add = |what: &'static str, sql: &str| {
        let name = format!("h{:02}", files.len());
        files.push((what, crafted(dir, base, &name, sql)));
    };
    // Schema objects with expected names and new bodies, or added, or missing.
    add(
        "trigger with an expected name and a destructive body",
        "DROP TRIGGER audit_log_no_update;
         CREATE TRIGGER audit_log_no_update AFTER INSERT ON audit_log BEGIN DELETE FROM measure; END;",
    );
    add(
        "append-only trigger emptied",
        "DROP TRIGGER audit_log_no_delete; CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT 1; END;",
    );
    add("extra trigger", "CREATE TRIGGER x AFTER UPDATE ON unit BEGIN DELETE FROM risk_point; END;");
    add("extra view", "CREATE VIEW v AS SELECT * FROM risk_point;");
    add(
        "recursive view",
        "CREATE VIEW forever AS WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT x FROM c;",
    );
    add("index redefined", "DROP INDEX measure_risk_point; CREATE INDEX measure_risk_point ON measure(content);");
    add("extra index", "CREATE INDEX extra ON risk_point(description);");
    add("index dropped", "DROP INDEX post_dept;");
    add("CHECK removed from a table", &rewrite_schema("measure", "CHECK (done IN (0, 1))", ""));
    add("STRICT removed", &rewrite_schema("department", ") STRICT", ")"));
    add("extra column", "ALTER TABLE person ADD COLUMN secret TEXT;");
    add("table dropped", "DROP TABLE snapshot;");
    add("extra table", "CREATE TABLE payload (x TEXT);");
    // Versions.
    add(
        "version 1 with a foreign trigger",
        "DROP TABLE snapshot; ALTER TABLE measure DROP COLUMN confirmed_by; ALTER TABLE measure DROP COLUMN evidence;
         ALTER TABLE measure DROP COLUMN not_applicable; ALTER TABLE measure DROP COLUMN not_applicable_reason;
         CREATE TRIGGER t AFTER INSERT ON audit_log BEGIN DELETE FROM person; END; PRAGMA user_version = 1;",
    );
    add("version 0", "PRAGMA user_version = 0;");
    add("version -5", "PRAGMA user_version = -5;");
    add("another program's application id", "PRAGMA application_id = 12345;");
    add("WAL mode", "PRAGMA journal_mode = WAL;");
    // Values.
    add("status not in the model", "UPDATE risk_point SET status = 'hacked' WHERE rowid = 1;");
    add("grade 99", "UPDATE risk_point SET grade = 99 WHERE rowid = 1;");
    add("date 2026-13-45", "UPDATE measure SET due_on = '2026-13-45' WHERE rowid = 1;");
    add("scheme that is not JSON", "UPDATE unit SET scheme = '{not json';");
    add("scheme of the wrong shape", "UPDATE unit SET scheme = '[1, 2, 3]';");
    add("unit id not a UUID", "UPDATE unit SET id = 'not-a-uuid';");
    add(
        "two unit rows",
        "INSERT INTO unit SELECT 'a5f1c7e2-0000-4000-8000-000000000001', name, kind, scheme, created_at, updated_at FROM unit;",
    );
    add("no unit row", "DELETE FROM unit;");
    add("no leading group", "DELETE FROM leading_group;");
    add("200,000 characters in a name", "UPDATE person SET name = printf('%.*c', 200000, 'x') WHERE rowid = 1;");
    add("titles that are not JSON", "UPDATE person SET titles = 'x' WHERE rowid = 1;");
    add("review step beyond the scheme", "UPDATE risk_point SET review_step = 99 WHERE rowid = 1;");
    add("negative review step", "UPDATE risk_point SET review_step = -1 WHERE rowid = 1;");
    // Printing checks the review records row by row without keeping them (`Keep::WithoutHistory`).
    add("a review record with a negative step", "UPDATE review_record SET step_index = -1 WHERE rowid = 1;");
    add("empty unit id", "UPDATE unit SET id = '';");
    add(
        "measure of a missing risk point",
        "UPDATE measure SET risk_point_id = 'b0000000-0000-4000-8000-000000000000' WHERE rowid = 1;",
    );
    add("enum in the wrong case", "UPDATE group_member SET role = 'LEADER' WHERE rowid = 1;");
    add("grade inputs not JSON", "UPDATE risk_point SET grade_inputs = '{' WHERE rowid = 1;");
    add(
        "grade input index beyond u16",
        "UPDATE risk_point SET grade_inputs = json_set(grade_inputs, '$.likelihood', 70000) WHERE rowid = 1;",
    );
    add("scheme without review steps", "UPDATE unit SET scheme = json_set(scheme, '$.review.steps', json('[]'));");
    // Side files: a hot journal taken from another unit's file in the middle of a transaction.
    let foreign_journal = crafted(dir, base, "foreign_journal", "SELECT 1;");
    let other = dir.join("other_unit.db");
    let mut other_content = lianfang::demo::build("lxfl2012").unwrap();
    other_content.risk_points.truncate(30);
    let kept: Vec<_> = other_content.risk_points.iter().map(|r| r.id).collect();
    other_content.measures.retain(|m| kept.contains(&m.risk_point_id));
    other_content.review_records.retain(|r| kept.contains(&r.risk_point_id));
    Store::create(&other, &other_content).unwrap().close().unwrap();
    let (_, other_journal) = mid_transaction(&other);
    std::fs::remove_file(&other).unwrap();
    std::fs::write(journal(&foreign_journal), other_journal).unwrap();
    files.push(("a hot journal that belongs to another file", foreign_journal));
    #[cfg(unix)]
    {
        let fifo_journal = crafted(dir, base, "fifo_journal", "SELECT 1;");
        mkfifo(&journal(&fifo_journal));
        files.push(("a journal that is a pipe", fifo_journal));
        let fifo = dir.join("pipe.db");
        mkfifo(&fifo);
        files.push(("a pipe", fifo));
        let device = dir.join("device.db");
        std::os::unix::fs::symlink("/dev/zero", &device).unwrap();
        files.push(("a link to a device", device));
    }
    // Not our files at all.
    let folder = dir.join("folder.db");
    std::fs::create_dir(&folder).unwrap();
    files.push(("a folder", folder));
    let empty = dir.join("empty.db");
    std::fs::write(&empty, b"").unwrap();
    files.push(("an empty file", empty));
    let text = dir.join("text.db");
    std::fs::write(&text, "这是一个文本文件".repeat(200)).unwrap();
    files.push(("a text file", text));
    let truncated = dir.join("truncated.db");
    let whole = std::fs::read(base).unwrap();
    std::fs::write(&truncated, &whole[..whole.len() / 2]).unwrap();
    files.push(("a truncated file", truncated));
    let scrambled = dir.join("scrambled.db");
    let mut noise = whole.clone();
    for (i, b) in noise.iter_mut().enumerate().skip(4096).step_by(97) {
        *b = b.wrapping_add(u8::try_from(i % 251).unwrap());
    }
    std::fs::write(&scrambled, noise).unwrap();
    files.push(("pages scrambled", scrambled));
    let foreign_db = dir.join("foreign_db.db");
    Connection::open(&foreign_db).unwrap().execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);").unwrap();
    files.push(("another program's database", foreign_db));
    files
}

fn journal(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push("-journal");
    PathBuf::from(name)
}

/// What a crash in the middle of a transaction leaves: the file with half the change written
/// and its hot journal (the pages to put back). Taken while the transaction is open; the
/// transaction is then rolled back, so `db` itself ends as it was.
fn mid_transaction(db: &Path) -> (Vec<u8>, Vec<u8>) {
    let conn = Connection::open(db).unwrap();
    // A one-page cache makes SQLite write changed pages into the file before the commit.
    conn.execute_batch(
        "PRAGMA journal_mode = DELETE; PRAGMA cache_size = 1; BEGIN;
         DELETE FROM measure; DELETE FROM review_record; UPDATE person SET note = printf('%.*c', 3000, 'y');",
    )
    .unwrap();
    let taken = (std::fs::read(db).unwrap(), std::fs::read(journal(db)).unwrap());
    conn.execute_batch("ROLLBACK;").unwrap();
    taken
}

#[cfg(unix)]
fn mkfifo(path: &Path) {
    let ok = Command::new("mkfifo").arg(path).status().unwrap().success();
    assert!(ok, "mkfifo {}", path.display());
}

fn is_chinese(text: &str) -> bool {
    text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

#[test]
fn every_crafted_file_is_refused_everywhere_and_left_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let hostile = dir.path().join("收到的文件");
    let out = dir.path().join("输出");
    std::fs::create_dir_all(&hostile).unwrap();
    std::fs::create_dir_all(&out).unwrap();
    let base = dir.path().join("base.db");
    Store::create(&base, &base_content()).unwrap().close().unwrap();
    let area = out.join("汇总.db");
    let (ok, said, _) = lianfang(&["consolidate", "--into", &area.to_string_lossy(), &base.to_string_lossy()]);
    assert!(ok, "the untouched base file passes: {said}");
    let files = corpus(&hostile, &base);
    assert!(files.len() >= 40, "{} files", files.len());
    let before = snapshot(dir.path());
    for (what, file) in &files {
        let f = file.to_string_lossy();
        let export_to = out.join(format!("导出-{}", file.file_name().unwrap().to_string_lossy()));
        let print_to = out.join(format!("打印-{}", file.file_name().unwrap().to_string_lossy()));
        let runs = [
            ("check", lianfang(&["check", &f])),
            ("consolidate", lianfang(&["consolidate", "--into", &area.to_string_lossy(), &f])),
            ("export", lianfang(&["export", &f, "--out", &export_to.to_string_lossy()])),
            ("print", lianfang(&["print", "--all", "--db", &f, "--out", &print_to.to_string_lossy()])),
        ];
        for (command, (ok, said, took)) in runs {
            assert!(!ok, "{what}: {command} accepted it: {said}");
            assert!(is_chinese(&said) && !said.contains("panicked"), "{what}: {command}: {said}");
            assert!(took < Duration::from_secs(10), "{what}: {command} took {took:?}");
        }
        assert!(!export_to.exists() && !print_to.exists(), "{what}: a refused command made a folder");
        let app = lianfang::ui::App::for_file(file);
        assert!(app.document().is_none(), "{what}: the window opened it");
        assert!(app.notices().iter().any(|n| is_chinese(n)), "{what}: {:?}", app.notices());
        drop(app);
        assert!(snapshot(dir.path()) == before, "{what}: a file changed or appeared");
    }
}

#[test]
fn an_own_hot_journal_still_recovers_and_a_foreign_one_is_never_applied() {
    let dir = tempfile::tempdir().unwrap();
    let base = dir.path().join("base.db");
    Store::create(&base, &base_content()).unwrap().close().unwrap();
    let own = dir.path().join("own.db");
    std::fs::copy(&base, &own).unwrap();
    let committed = Store::open_read_only(&own).unwrap().load().unwrap();
    let (half_written, own_journal) = mid_transaction(&own);
    assert_ne!(half_written, std::fs::read(&own).unwrap(), "the crash left half a change in the file");
    // The crash: the file holds half a transaction, the journal the pages to put back.
    std::fs::write(&own, &half_written).unwrap();
    std::fs::write(journal(&own), &own_journal).unwrap();
    let store = Store::open(&own).unwrap();
    let recovered = store.load().unwrap();
    assert_eq!(recovered.measures, committed.measures, "rolled back to the last commit");
    assert_eq!(recovered.people, committed.people);
    drop(store);
    assert!(!journal(&own).exists());
}

#[test]
fn an_input_is_never_an_output() {
    let dir = tempfile::tempdir().unwrap();
    let base = dir.path().join("base.db");
    Store::create(&base, &base_content()).unwrap().close().unwrap();
    let before = std::fs::read(&base).unwrap();
    let b = base.to_string_lossy().into_owned();
    let link = dir.path().join("link.db");
    std::fs::hard_link(&base, &link).unwrap();
    let l = link.to_string_lossy().into_owned();
    let journal = format!("{b}-journal");
    for args in [
        vec!["dump", &b, "--out", &b],
        vec!["dump", &b, "--out", &l],
        vec!["dump", &b, "--out", &journal],
        vec!["print", "post_risk_analysis", "--db", &b, "--out", &b],
        vec!["print", "post_risk_analysis", "--db", &b, "--out", &l],
        vec!["consolidate", "--into", &b, &l],
    ] {
        let (ok, said, _) = lianfang(&args);
        assert!(!ok && said.contains("不会覆盖输入"), "{args:?}: {said}");
        assert_eq!(std::fs::read(&base).unwrap(), before, "{args:?}");
    }
    assert_eq!(common::files_in(dir.path()), ["base.db", "link.db"]);
}
