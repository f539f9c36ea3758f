//! Handing the file up and never losing an edit: the export copy and its slip, a process killed
//! at random moments while saving, hostile or huge files, and a failing export target.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, reason = "tests: a failing unwrap is a failing test")]

mod common;

use std::io::{BufRead as _, BufReader};
use std::process::{Command, Stdio};
use std::time::Duration;

use common::{bytes, demo_file, files_in};
use lianfang::store::{Store, check_file, sha256_file};

fn lianfang() -> Command {
    Command::new(env!("CARGO_BIN_EXE_lianfang"))
}

#[test]
fn export_writes_a_checked_copy_and_a_slip_with_its_checksum() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_file(dir.path(), "fzsx2013");
    let before = bytes(&path);
    let out_dir = dir.path().join("报送");
    let out =
        lianfang().args(["export", &path.to_string_lossy(), "--out", &out_dir.to_string_lossy()]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let names = files_in(&out_dir);
    assert_eq!(names.len(), 3, "the copy and its slip (text and PDF), nothing else: {names:?}");
    let copy = out_dir.join(names.iter().find(|n| n.ends_with(".db")).unwrap());
    assert!(copy.file_name().unwrap().to_string_lossy().starts_with("福州实验小学_报送_"));
    let report = check_file(&copy).unwrap();
    assert_eq!(report.unit_name, "福州实验小学");
    let sha = sha256_file(&copy).unwrap();
    let slip = std::fs::read_to_string(out_dir.join(names.iter().find(|n| n.ends_with(".txt")).unwrap())).unwrap();
    assert!(slip.contains(&format!("SHA-256：{sha}")), "{slip}");
    assert!(slip.contains("报送单位：福州实验小学") && slip.contains("填表人（签字）"));
    let pdf = out_dir.join(names.iter().find(|n| n.ends_with(".pdf")).unwrap());
    let printed = common::pdf::text(&pdf);
    assert!(
        printed.contains(&sha) && printed.contains("廉政风险防控数据报送单") && printed.contains("单位（公章）"),
        "{printed}"
    );
    let original = Store::open_read_only(&path).unwrap().load().unwrap();
    // The slip's figures are counted in SQL: they are what the content holds.
    let level = |g: Option<u8>| original.risk_points.iter().filter(|r| r.grade == g).count();
    let s = original.scheme();
    let figures = format!(
        "部门 {} 个，岗位 {} 个，风险点 {} 个（{} {} 个，{} {} 个，{} {} 个，未评定 {} 个），防控措施 {} 条。",
        original.departments.len(),
        original.posts.len(),
        original.risk_points.len(),
        s.level_name(Some(1)),
        level(Some(1)),
        s.level_name(Some(2)),
        level(Some(2)),
        s.level_name(Some(3)),
        level(Some(3)),
        level(None),
        original.measures.len()
    );
    assert!(slip.contains(&figures), "{figures}\n{slip}");
    assert!(level(None) > 0 && level(Some(1)) > 0, "the demo has graded and ungraded risk points");
    assert_eq!(Store::open_read_only(&copy).unwrap().load().unwrap().risk_points, original.risk_points);
    assert_eq!(bytes(&path), before, "exporting does not touch the working file");
}

#[test]
fn an_export_into_an_impossible_place_fails_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_file(dir.path(), "imut2011");
    let not_a_dir = dir.path().join("占位文件");
    std::fs::write(&not_a_dir, "x").unwrap();
    let out =
        lianfang().args(["export", &path.to_string_lossy(), "--out", &not_a_dir.to_string_lossy()]).output().unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.starts_with("错误：") && !err.contains("panicked"), "{err}");
    assert_eq!(files_in(dir.path()), ["imut2011.db", "占位文件"]);
}

/// Runs `lianfang args` with its file size limited to `kib` KiB (`ulimit -f`): writes beyond it
/// fail as on a full disk (EFBIG, the signal ignored), which no test machine can be made to be.
fn with_full_disk(kib: u64, args: &[&str]) -> std::process::Output {
    let mut script = format!("trap '' XFSZ; ulimit -f {}; exec \"$0\"", kib * 2); // dash counts 512-byte blocks
    for i in 1..=args.len() {
        script.push_str(&format!(" \"${i}\""));
    }
    Command::new("sh").arg("-c").arg(script).arg(env!("CARGO_BIN_EXE_lianfang")).args(args).output().unwrap()
}

#[test]
fn a_full_disk_during_export_is_reported_and_leaves_nothing_behind() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_file(dir.path(), "imut2011");
    let before = bytes(&path);
    let out_dir = dir.path().join("U盘");
    std::fs::create_dir(&out_dir).unwrap();
    let out = with_full_disk(512, &["export", &path.to_string_lossy(), "--out", &out_dir.to_string_lossy()]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "the copy is larger than the room left");
    assert!(err.starts_with("错误：") && !err.contains("panicked"), "{err}");
    assert!(files_in(&out_dir).is_empty(), "no half-written copy: {:?}", files_in(&out_dir));
    assert_eq!(bytes(&path), before, "the original is intact");
}

#[test]
fn a_full_disk_while_saving_loses_no_saved_edit() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_file(dir.path(), "jxau2010");
    let room = std::fs::metadata(&path).unwrap().len() / 1024 + 64; // the file may grow by 64 KiB
    let out = with_full_disk(room, &["stress-edit", &path.to_string_lossy(), "--count", "100000", "--tag", "满盘"]);
    let said = String::from_utf8_lossy(&out.stdout);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "the disk fills up: {said}");
    assert!(err.contains("磁盘已满") || err.contains("读写磁盘失败"), "a clear reason: {err}");
    let saved = said.lines().filter_map(|l| l.strip_prefix("saved ")).count();
    assert!(saved > 0, "some edits fitted");
    check_file(&path).unwrap();
    let content = Store::open(&path).unwrap().load().unwrap();
    for i in 1..=saved {
        assert!(content.people.iter().any(|p| p.name == format!("满盘{i}")), "edit {i} was reported saved");
    }
}

#[test]
fn every_edit_reported_saved_survives_a_kill() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_file(dir.path(), "lxfl2012");
    let mut rng = fastrand::Rng::with_seed(7);
    let mut checked = 0;
    for round in 0..25 {
        let tag = format!("第{round}轮");
        let mut child = lianfang()
            .args(["stress-edit", &path.to_string_lossy(), "--count", "100000", "--tag", &tag])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let reader = std::thread::spawn(move || {
            let mut last = 0_u32;
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if let Some(n) = line.strip_prefix("saved ").and_then(|n| n.parse().ok()) {
                    last = n;
                }
            }
            last
        });
        // Opening checks the whole file first (about 0.3 s in a debug build), then edits start.
        std::thread::sleep(Duration::from_millis(rng.u64(300..900)));
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        let reported = reader.join().unwrap();
        // Opening rolls back a half-written transaction; every reported edit must be there.
        let store = Store::open(&path).unwrap();
        let people = store.load().unwrap().people;
        for i in 1..=reported {
            let name = format!("{tag}{i}");
            assert!(people.iter().any(|p| p.name == name), "round {round}: {name} was reported saved but is missing");
        }
        checked += reported;
        store.close().unwrap();
        check_file(&path).unwrap();
    }
    assert!(checked > 25, "the rounds saved something to check ({checked})");
}

#[test]
fn a_file_with_a_huge_text_is_refused_with_its_reason_and_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_file(dir.path(), "tjbh2012");
    let conn = rusqlite::Connection::open(&path).unwrap();
    let huge = "超长文本".repeat(5_000_000); // 60 MB of text in one cell
    conn.execute("UPDATE person SET note = ?1 WHERE rowid = (SELECT min(rowid) FROM person)", [&huge]).unwrap();
    drop(conn);
    let before = sha256_file(&path).unwrap();
    let err = Store::open_read_only(&path).unwrap_err().to_string();
    assert!(err.contains("人员的“备注”有一项长达 20000000 个字符") && err.contains("100000"), "{err}");
    assert!(Store::open(&path).is_err());
    assert_eq!(sha256_file(&path).unwrap(), before);
}

#[test]
fn backups_rotate_and_a_restore_keeps_what_it_replaces() {
    use lianfang::store::backup::{KEEP, backup_dir, list_backups, restore};
    let dir = tempfile::tempdir().unwrap();
    let path = demo_file(dir.path(), "imut2011");
    let mut store = Store::open(&path).unwrap();
    let first = store.backup().unwrap();
    let mut d = store.load().unwrap().departments[0].clone();
    d.name = "改名后的党委办公室".into();
    store.apply(&[lianfang::domain::change::Change::save(d)]).unwrap();
    for _ in 0..KEEP + 2 {
        store.backup().unwrap();
    }
    let backups = list_backups(&path);
    assert_eq!(backups.len(), KEEP, "only the newest are kept");
    assert!(!backups.iter().any(|b| b.path == first), "the oldest went first");
    assert!(backups.iter().all(|b| b.report.is_ok()));
    store.close().unwrap();
    // Restore the newest backup over the working file: the replaced file is kept.
    let kept = restore(&path, &backups[0].path).unwrap().unwrap();
    assert!(kept.starts_with(backup_dir(&path)));
    assert!(check_file(&kept).is_ok() && check_file(&path).is_ok());
    assert_eq!(Store::open_read_only(&path).unwrap().load().unwrap().departments[0].name, "改名后的党委办公室");
}

#[test]
fn a_damaged_working_file_is_offered_its_newest_good_backup() {
    use common::ui::{click_button, harness, shows};
    let dir = tempfile::tempdir().unwrap();
    let path = demo_file(dir.path(), "lxfl2012");
    Store::open(&path).unwrap().backup().unwrap();
    // The working file gets damaged (a half-copied file from a USB stick, say).
    let data = bytes(&path);
    std::fs::write(&path, &data[..data.len() / 3]).unwrap();
    let mut h = harness(&path);
    h.run();
    assert!(h.state().document().is_none());
    assert!(shows(&h, "找到最近的完好备份"));
    click_button(&mut h, "恢复最近的完好备份");
    let doc = h.state().document().expect("the restored file is open");
    assert_eq!(doc.content.unit.name, "历下区妇联");
    assert!(h.state().notices().iter().any(|n| n.contains("已从备份恢复")));
    drop(h);
    let kept: Vec<String> = files_in(&lianfang::store::backup::backup_dir(&path));
    assert!(kept.iter().any(|n| n.contains("被替换")), "the damaged file was kept, not deleted: {kept:?}");
}

#[test]
fn backups_are_written_on_their_own_thread_and_told_when_done() {
    use common::ui::{click, click_button, harness, shows, wait_until};
    use lianfang::store::backup::backup_dir;
    let dir = tempfile::tempdir().unwrap();
    let path = demo_file(dir.path(), "tjbh2012");
    let mut h = harness(&path);
    h.run();
    // Opening starts the first backup on its own thread; the window answers meanwhile.
    assert!(wait_until(&mut h, |h| !h.state().document().unwrap().backing_up()));
    assert_eq!(files_in(&backup_dir(&path)).len(), 1, "the backup made on opening");
    click(&mut h, "数据报送");
    click_button(&mut h, "立即备份");
    assert!(shows(&h, "正在备份"));
    assert!(wait_until(&mut h, |h| h.state().notices().iter().any(|n| n.starts_with("已备份："))));
    let backups = files_in(&backup_dir(&path));
    assert_eq!(backups.len(), 2, "{backups:?}");
    for name in backups {
        check_file(&backup_dir(&path).join(name)).unwrap();
    }
}
