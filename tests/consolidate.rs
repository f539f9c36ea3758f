//! 汇总: many units' files into one area file — bad files refused while the others go on,
//! re-submissions superseding earlier ones, same-name units kept apart, nothing lost.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, reason = "tests: a failing unwrap is a failing test")]

mod common;

use std::process::Command;

use common::demo_file;
use lianfang::domain::change::Change;
use lianfang::domain::{Content, Scheme};
use lianfang::store::Store;
use lianfang::store::consolidate::{Area, ImportOutcome};

/// The higher office's own unit file at `own`, open in a window with the area file of `office`.
fn office_window(own: &std::path::Path, office: &std::path::Path) -> egui_kittest::Harness<'static, lianfang::ui::App> {
    Store::create(own, &Content::new_unit("区纪委", "机关", Scheme::preset("lxfl2012").unwrap().unwrap()))
        .unwrap()
        .close()
        .unwrap();
    let mut h = common::ui::harness(own);
    h.run();
    common::ui::open_area(&mut h, office);
    h
}

#[test]
fn bad_files_are_refused_and_the_others_go_on() {
    let dir = tempfile::tempdir().unwrap();
    let units: Vec<_> = ["fzsx2013", "imut2011", "jxau2010"].iter().map(|s| demo_file(dir.path(), s)).collect();
    let text = dir.path().join("不是数据库.db");
    std::fs::write(&text, "随便什么内容".repeat(300)).unwrap();
    let other = dir.path().join("其他程序.db");
    rusqlite::Connection::open(&other).unwrap().execute_batch("PRAGMA application_id = 7; CREATE TABLE t(x);").unwrap();
    let area = dir.path().join("汇总.db");
    let report = dir.path().join("统计表.pdf");
    let mut args = vec!["consolidate".to_owned(), "--into".to_owned(), area.to_string_lossy().into_owned()];
    args.extend(["--report".to_owned(), report.to_string_lossy().into_owned()]);
    for f in [&units[0], &text, &units[1], &other, &units[2]] {
        args.push(f.to_string_lossy().into_owned());
    }
    let out = Command::new(env!("CARGO_BIN_EXE_lianfang")).args(&args).output().unwrap();
    assert!(!out.status.success(), "a refused file makes the run fail");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(stdout.lines().filter(|l| l.starts_with("成功")).count(), 3, "{stdout}");
    let refused: Vec<&str> = stdout.lines().filter(|l| l.starts_with("拒绝")).collect();
    assert_eq!(refused.len(), 2, "{stdout}");
    assert!(refused[0].contains("不是 SQLite 数据库文件") && refused[1].contains("应用标识不符"), "{refused:?}");
    assert!(stdout.contains("合计（3 个单位）"), "{stdout}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("2 个文件被拒绝"));
    // The area's 统计表 (001 附件11): a row per unit, the risk classes of all units, the totals.
    let printed = common::pdf::text(&report);
    assert!(printed.contains("汇总处室廉政风险防控统计表") && printed.contains("合计（3个单位）"), "{printed}");
    for name in ["内蒙古工业大学", "江西农业大学", "福州实验小学", "岗位职责"] {
        assert!(printed.contains(name), "{name}: {printed}");
    }
    let area = Area::open_or_create(&area).unwrap();
    let today = lianfang::domain::dates::today();
    let loaded: Vec<Content> = units.iter().map(|p| Store::open_read_only(p).unwrap().load().unwrap()).collect();
    let count = |n: usize| i64::try_from(n).unwrap();
    for u in area.figures().unwrap() {
        // The area counts overdue measures and phases in SQL, a unit's window in Rust: the same.
        let unit = loaded.iter().find(|c| c.unit.name == u.submission.unit_name).unwrap();
        assert_eq!(u.overdue_measures, count(unit.measures.iter().filter(|m| m.is_overdue(today)).count()));
        assert_eq!(u.overdue_phases, count(unit.phases.iter().filter(|p| p.is_overdue(today)).count()));
        let by_kind: i64 = u.by_dept_kind.iter().map(|(_, n)| n).sum();
        let by_class: i64 = u.by_class.iter().map(|(_, n)| n).sum();
        assert_eq!(by_class, u.submission.risk_points, "{}: every risk point has a class", u.submission.unit_name);
        assert!(by_kind > 0 && by_kind <= u.submission.risk_points, "{}: {:?}", u.submission.unit_name, u.by_dept_kind);
    }
    let names: Vec<String> = area.current().unwrap().into_iter().map(|s| s.unit_name).collect();
    assert_eq!(names, ["内蒙古工业大学", "江西农业大学", "福州实验小学"]);
    drop(area);
    // A double click on the area file (`lianfang 汇总.db`) opens it in 上级汇总.
    let mut h = common::ui::harness(&dir.path().join("汇总.db"));
    h.run();
    assert_eq!(h.state().tab(), lianfang::ui::Tab::Consolidation);
    assert!(common::ui::shows(&h, "汇总文件：") && common::ui::shows(&h, "福州实验小学"), "{:?}", h.state().notices());
    assert!(h.state().document().is_none(), "an area file is not a unit's document");
}

#[test]
fn export_consolidate_read_back_keeps_every_record_and_resubmission_replaces() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_file(dir.path(), "lxfl2012");
    let exports = dir.path().join("报送");
    std::fs::create_dir_all(&exports).unwrap();
    let first = Store::open_read_only(&path).unwrap().export(&exports).unwrap();
    let mut area = Area::open_or_create(&dir.path().join("area.db")).unwrap();
    assert!(matches!(area.import(&first.path).unwrap(), ImportOutcome::Added { .. }));
    assert!(matches!(area.import(&first.path).unwrap(), ImportOutcome::Unchanged { .. }), "never duplicated");
    let sub = area.current().unwrap().remove(0);
    let original = Store::open_read_only(&path).unwrap().load().unwrap();
    assert!(area.unit_content(&sub.id).unwrap() == original, "every record of the unit comes back as it was");
    // The unit edits and submits again: the new submission replaces the old, kept as history.
    let mut store = Store::open(&path).unwrap();
    let mut rp = original.risk_points[0].clone();
    rp.description = "修改后再次报送".into();
    store.apply(&[Change::save(rp)]).unwrap();
    std::fs::remove_file(&first.path).unwrap();
    let second = store.export(&exports).unwrap();
    let outcome = area.import(&second.path).unwrap();
    assert!(matches!(outcome, ImportOutcome::Replaced { .. }), "{outcome}");
    assert!(outcome.to_string().contains("旧报送保留为历史"));
    assert_eq!(area.current().unwrap().len(), 1);
    assert_eq!(area.history().unwrap().len(), 2);
    let now = area.current().unwrap().remove(0);
    assert_eq!(area.unit_content(&now.id).unwrap().risk_points[0].description, "修改后再次报送");
    assert_eq!(area.unit_content(&sub.id).unwrap().risk_points[0].description, original.risk_points[0].description);
}

#[test]
fn two_units_with_the_same_name_are_told_apart() {
    let dir = tempfile::tempdir().unwrap();
    let mut area = Area::open_or_create(&dir.path().join("area.db")).unwrap();
    for i in 0..2 {
        let path = dir.path().join(format!("同名{i}.db"));
        let c = Content::new_unit("实验中学", "中学", Scheme::preset("fzsx2013").unwrap().unwrap());
        Store::create(&path, &c).unwrap().close().unwrap();
        assert!(matches!(area.import(&path).unwrap(), ImportOutcome::Added { .. }));
    }
    let current = area.current().unwrap();
    assert_eq!(current.len(), 2);
    assert_ne!(current[0].unit_id, current[1].unit_id);
}

#[test]
fn a_file_that_is_not_an_area_is_not_used_as_one() {
    let dir = tempfile::tempdir().unwrap();
    let unit = demo_file(dir.path(), "tjbh2012");
    let before = std::fs::read(&unit).unwrap();
    assert!(Area::open_or_create(&unit).is_err());
    assert_eq!(std::fs::read(&unit).unwrap(), before);
}

#[test]
fn the_higher_office_consolidates_in_the_window_and_looks_into_a_unit() {
    use common::ui::{click_button, shows, type_into};
    use egui_kittest::kittest::Queryable as _;
    let dir = tempfile::tempdir().unwrap();
    let units = dir.path().join("各单位报送");
    std::fs::create_dir_all(&units).unwrap();
    demo_file(&units, "fzsx2013");
    demo_file(&units, "jxau2010");
    std::fs::write(units.join("损坏.db"), "不是数据库".repeat(200)).unwrap();
    let office = dir.path().join("区纪委");
    std::fs::create_dir_all(&office).unwrap();
    let mut h = office_window(&office.join("区纪委.db"), &office);
    assert!(office.join("全区汇总.db").is_file(), "{:?}", h.state().notices());
    click_button(&mut h, "导入单位报送文件…");
    type_into(&mut h, "文件夹：", &units.to_string_lossy());
    click_button(&mut h, "确定");
    for _ in 0..2400 {
        h.step(); // one frame at a time while importing runs (see `common::ui::wait_until`)
        if shows(&h, "各单位情况（2 个单位）") && !shows(&h, "正在导入") {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(25));
    }
    assert!(shows(&h, "各单位情况（2 个单位）"), "{:?}", h.state().notices());
    assert!(shows(&h, "拒绝"), "the damaged file is refused with its reason");
    assert!(shows(&h, "不是 SQLite 数据库文件"));
    click_button(&mut h, "打印统计表…");
    type_into(&mut h, "文件夹：", &office.to_string_lossy());
    click_button(&mut h, "确定");
    let pdf = office.join("处室廉政风险防控统计表.pdf");
    assert!(pdf.is_file(), "{:?}", h.state().notices());
    let printed = common::pdf::text(&pdf);
    assert!(printed.contains("全区汇总处室廉政风险防控统计表") && printed.contains("福州实验小学"), "{printed}");
    h.get_all_by_role_and_label(egui::Role::Button, "只读查看").next().unwrap().click();
    h.run();
    let doc = h.state().document().unwrap();
    assert!(doc.store.read_only().is_some(), "a unit from the area is only looked at");
    assert!(["福州实验小学", "江西农业大学"].contains(&doc.content.unit.name.as_str()));
    assert!(doc.content.risk_points.len() > 2500);
}

/// A consolidation killed at random moments never leaves the area file unusable, nor a unit
/// half imported: the next run rolls the half-finished import back and goes on.
#[test]
fn a_killed_consolidation_leaves_the_area_usable() {
    let dir = tempfile::tempdir().unwrap();
    let units: Vec<(std::path::PathBuf, String, usize)> = (0..3_u64)
        .map(|i| {
            let mut c = lianfang::demo::build_seeded("fzsx2013", i + 1).unwrap();
            c.unit.name = format!("第{i}小学");
            let path = dir.path().join(format!("unit{i}.db"));
            Store::create(&path, &c).unwrap().close().unwrap();
            (path, c.unit.name.clone(), c.risk_points.len())
        })
        .collect();
    let area = dir.path().join("汇总.db");
    let mut rng = fastrand::Rng::with_seed(11);
    let journal = dir.path().join("汇总.db-journal");
    let mut interrupted = 0;
    for round in 0..20 {
        // A new submission of every unit each round (an unchanged file is not imported again).
        for (path, _, _) in &units {
            let conn = rusqlite::Connection::open(path).unwrap();
            conn.execute("UPDATE unit SET kind = ?1", [format!("第{round}次报送")]).unwrap();
        }
        let mut args = vec!["consolidate".to_owned(), "--into".to_owned(), area.to_string_lossy().into_owned()];
        args.extend(units.iter().map(|(p, _, _)| p.to_string_lossy().into_owned()));
        let mut child = Command::new(env!("CARGO_BIN_EXE_lianfang"))
            .args(&args)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        if round % 2 == 0 {
            std::thread::sleep(std::time::Duration::from_millis(rng.u64(100..3000)));
        } else {
            // Every other round strikes inside an import: as soon as its journal appears.
            let started = std::time::Instant::now();
            while !journal.exists() && started.elapsed() < std::time::Duration::from_secs(20) {
                std::thread::sleep(std::time::Duration::from_micros(200));
            }
            std::thread::sleep(std::time::Duration::from_micros(rng.u64(0..3000)));
        }
        child.kill().unwrap(); // SIGKILL (it may have finished already)
        child.wait().unwrap();
        interrupted += usize::from(journal.exists());
        let a = Area::open_or_create(&area).unwrap_or_else(|e| panic!("round {round}: {e}"));
        for f in a.figures().unwrap() {
            let (_, _, risk_points) = units.iter().find(|(_, n, _)| *n == f.submission.unit_name).unwrap();
            let imported: i64 = f.by_level.iter().sum();
            assert_eq!(imported, i64::try_from(*risk_points).unwrap(), "round {round}: a unit is half imported");
        }
    }
    assert!(interrupted >= 3, "only {interrupted} kills fell inside an import");
    let a = Area::open_or_create(&area).unwrap();
    assert!(a.figures().unwrap().len() <= units.len());
}

/// The slip's 核验码 catches a file altered after it was signed, on the command line and in
/// the window.
#[test]
fn a_file_altered_after_its_slip_is_refused_by_its_code() {
    use common::ui::{click_button, shows, type_into};
    let dir = tempfile::tempdir().unwrap();
    let unit = demo_file(dir.path(), "imut2011");
    let handup = dir.path().join("报送");
    let out = Command::new(env!("CARGO_BIN_EXE_lianfang"))
        .args(["export", &unit.to_string_lossy(), "--out", &handup.to_string_lossy()])
        .output()
        .unwrap();
    assert!(out.status.success());
    let exported = handup.join(common::files_in(&handup).into_iter().find(|n| n.ends_with(".db")).unwrap());
    let slip = std::fs::read_to_string(exported.with_extension("报送单.txt")).unwrap();
    let code = slip.lines().find_map(|l| l.strip_prefix("核验码：")).unwrap().to_owned();
    assert_eq!(code.len(), 19, "four groups of four: {code}");
    // `check` prints the same code.
    let checked =
        Command::new(env!("CARGO_BIN_EXE_lianfang")).args(["check", &exported.to_string_lossy()]).output().unwrap();
    assert!(String::from_utf8_lossy(&checked.stdout).contains(&format!("核验码：{code}")));
    // One UPDATE after signing.
    let tampered = dir.path().join("改过的.db");
    std::fs::copy(&exported, &tampered).unwrap();
    rusqlite::Connection::open(&tampered)
        .unwrap()
        .execute("UPDATE risk_point SET grade = 3 WHERE grade = 1", [])
        .unwrap();
    let area = dir.path().join("汇总.db");
    let consolidate = |file: &std::path::Path| {
        Command::new(env!("CARGO_BIN_EXE_lianfang"))
            .args(["consolidate", "--into", &area.to_string_lossy(), "--expect", &code, &file.to_string_lossy()])
            .output()
            .unwrap()
    };
    let refused = consolidate(&tampered);
    assert!(!refused.status.success());
    assert!(
        String::from_utf8_lossy(&refused.stdout).contains("与报送单上的"),
        "{}",
        String::from_utf8_lossy(&refused.stdout)
    );
    assert!(consolidate(&exported).status.success(), "the signed file itself passes");
    // In the window: the code typed from the slip refuses the altered file.
    let office = dir.path().join("区纪委");
    std::fs::create_dir_all(&office).unwrap();
    let only_tampered = dir.path().join("只有改过的");
    std::fs::create_dir_all(&only_tampered).unwrap();
    std::fs::copy(&tampered, only_tampered.join("改过的.db")).unwrap();
    let mut h = office_window(&dir.path().join("本机.db"), &office);
    type_into(&mut h, "报送单上的核验码（选填）：", &code.to_lowercase().replace('-', ""));
    click_button(&mut h, "导入单位报送文件…");
    type_into(&mut h, "文件夹：", &only_tampered.to_string_lossy());
    click_button(&mut h, "确定");
    assert!(common::ui::wait_until(&mut h, |h| shows(h, "拒绝")), "{:?}", h.state().notices());
    assert!(shows(&h, "与报送单上的"));
    assert!(shows(&h, "各单位情况（0 个单位）"));
}

/// A unit that started from a copy of another unit's file keeps that unit's id; it is refused
/// rather than silently replacing the other unit.
#[test]
fn a_copied_unit_id_under_another_name_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let first = demo_file(dir.path(), "fzsx2013");
    let copy = dir.path().join("复制来的.db");
    std::fs::copy(&first, &copy).unwrap();
    rusqlite::Connection::open(&copy).unwrap().execute("UPDATE unit SET name = '另一所小学'", []).unwrap();
    let mut area = Area::open_or_create(&dir.path().join("area.db")).unwrap();
    area.import(&first).unwrap();
    let err = area.import(&copy).unwrap_err().to_string();
    assert!(err.contains("与已导入的“福州实验小学”相同") && err.contains("另一所小学"), "{err}");
    assert_eq!(area.current().unwrap().len(), 1);
    // Demo files get random unit ids: two demos of one scheme are two units.
    let again = dir.path().join("again");
    std::fs::create_dir_all(&again).unwrap();
    let second = demo_file(&again, "fzsx2013");
    let id = |p: &std::path::Path| Store::open_read_only(p).unwrap().load().unwrap().unit.id;
    assert_ne!(id(&first), id(&second));
}

/// 另存为新单位: a unit that starts from another's file gets its own id and name, and the
/// higher office sees two units.
#[test]
fn save_as_new_unit_gives_a_new_identity() {
    use common::ui::{click, click_button, harness, type_into};
    let dir = tempfile::tempdir().unwrap();
    let first = demo_file(dir.path(), "fzsx2013");
    let mut h = harness(&first);
    h.run();
    click_button(&mut h, "文件");
    click(&mut h, "另存为新单位…");
    type_into(&mut h, "文件夹：", &dir.path().to_string_lossy());
    type_into(&mut h, "文件名：", "鼓楼实验小学");
    click_button(&mut h, "确定");
    let doc = h.state().document().expect("the new unit's file is open");
    assert_eq!(doc.content.unit.name, "鼓楼实验小学");
    let second = doc.store.path().to_owned();
    let new_id = doc.content.unit.id;
    drop(h);
    assert_ne!(Store::open_read_only(&first).unwrap().load().unwrap().unit.id, new_id);
    let mut area = Area::open_or_create(&dir.path().join("area.db")).unwrap();
    area.import(&first).unwrap();
    area.import(&second).unwrap();
    assert_eq!(area.current().unwrap().len(), 2);
}
