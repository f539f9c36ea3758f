//! One writer per file: a second window or process opens it read-only naming the holder, a
//! crashed holder's claim is taken over, and no edit overwrites what someone else committed.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, reason = "tests: a failing unwrap is a failing test")]

mod common;

use std::io::{BufRead as _, BufReader};
use std::process::{Command, Stdio};

use lianfang::domain::change::Change;
use lianfang::store::{ReadOnlyReason, Store, StoreError};

fn small_file(dir: &std::path::Path) -> std::path::PathBuf {
    let path = dir.join("单位.db");
    let c = lianfang::domain::Content::new_unit(
        "历下区妇联",
        "群团",
        lianfang::domain::Scheme::preset("lxfl2012").unwrap().unwrap(),
    );
    Store::create(&path, &c).unwrap().close().unwrap();
    path
}

#[test]
fn a_second_opener_reads_only_and_names_the_holder_until_the_first_closes() {
    let dir = tempfile::tempdir().unwrap();
    let path = small_file(dir.path());
    let first = Store::open(&path).unwrap();
    assert!(first.read_only().is_none());
    let second = Store::open(&path).unwrap();
    let Some(ReadOnlyReason::Claimed(holder)) = second.read_only() else { panic!("{:?}", second.read_only()) };
    assert!(holder.who.contains('@'), "user@computer: {}", holder.who);
    let message = second.read_only().unwrap().message();
    assert!(message.contains("正由") && message.contains("现以只读方式打开"), "{message}");
    drop(second);
    first.close().unwrap();
    assert!(Store::open(&path).unwrap().read_only().is_none(), "free again once the holder closed");
    let reopened = Store::open(&path).unwrap();
    assert!(common::files_in(dir.path()).contains(&"单位.db.lock".to_owned()), "the claim's lock file, while open");
    reopened.close().unwrap();
    assert_eq!(common::files_in(dir.path()), ["单位.db"], "closing removes the lock file");
}

#[test]
fn an_edit_after_someone_elses_commit_is_refused_not_written_over_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = small_file(dir.path());
    let mut store = Store::open(&path).unwrap();
    let content = store.load().unwrap();
    // An outside tool changes the plan's 文号 behind the window's back.
    let outside = rusqlite::Connection::open(&path).unwrap();
    outside.execute("UPDATE plan SET doc_no = '历下妇发〔2027〕1号'", []).unwrap();
    drop(outside);
    let mut plan = content.plans[0].clone();
    plan.signer = "张慧".into();
    let refused = store.apply_labelled("修改实施方案", &[Change::save(plan.clone())]);
    assert!(matches!(refused, Err(StoreError::Stale)), "{refused:?}");
    let now = store.load().unwrap();
    assert_eq!(now.plans[0].doc_no, "历下妇发〔2027〕1号", "the other change stands");
    assert_eq!(now.plans[0].signer, content.plans[0].signer, "the stale edit was not written");
    // Made again on what is there now, it is saved.
    let mut plan = now.plans[0].clone();
    plan.signer = "张慧".into();
    store.apply_labelled("修改实施方案", &[Change::save(plan)]).unwrap();
    let after = store.load().unwrap();
    assert_eq!((after.plans[0].doc_no.as_str(), after.plans[0].signer.as_str()), ("历下妇发〔2027〕1号", "张慧"));
}

/// Two processes on one file: the first edits, the second cannot write at all; killing the
/// first frees the file; nothing reported saved is lost.
#[test]
fn two_processes_on_one_file_lose_nothing_and_a_crashed_claim_is_taken_over() {
    let dir = tempfile::tempdir().unwrap();
    let path = small_file(dir.path());
    let p = path.to_string_lossy().into_owned();
    let mut first = Command::new(env!("CARGO_BIN_EXE_lianfang"))
        .args(["stress-edit", &p, "--count", "100000", "--tag", "甲"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(first.stdout.take().unwrap()).lines();
    let mut saved = 0_u32;
    // Wait until the first is editing.
    for line in lines.by_ref() {
        if let Some(n) = line.unwrap().strip_prefix("saved ").and_then(|n| n.parse().ok()) {
            saved = n;
            if n >= 5 {
                break;
            }
        }
    }
    let second = Command::new(env!("CARGO_BIN_EXE_lianfang"))
        .args(["stress-edit", &p, "--count", "3", "--tag", "乙"])
        .output()
        .unwrap();
    assert!(!second.status.success(), "the second process may not write");
    let said = String::from_utf8_lossy(&second.stderr);
    assert!(said.contains("只读") && said.contains("正由"), "{said}");
    first.kill().unwrap(); // SIGKILL: the claim is released by the system
    first.wait().unwrap();
    for line in lines {
        if let Some(n) = line.unwrap().strip_prefix("saved ").and_then(|n| n.parse().ok()) {
            saved = n;
        }
    }
    let store = Store::open(&path).unwrap();
    assert!(store.read_only().is_none(), "a crashed holder's claim is taken over");
    let people = store.load().unwrap().people;
    for i in 1..=saved {
        assert!(people.iter().any(|p| p.name == format!("甲{i}")), "甲{i} was reported saved");
    }
    assert!(!people.iter().any(|p| p.name.starts_with('乙')), "the second process wrote nothing");
}

/// Opening decodes the file once (in the check); a change made between the check and the first
/// read is not hidden by that: the content is read again.
#[test]
fn the_checked_content_is_used_only_while_the_file_is_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let path = small_file(dir.path());
    let mut store = Store::open(&path).unwrap();
    rusqlite::Connection::open(&path).unwrap().execute("UPDATE plan SET doc_no = '外部修改'", []).unwrap();
    let content = store.load().unwrap();
    assert_eq!(content.plans[0].doc_no, "外部修改");
    let mut plan = content.plans[0].clone();
    plan.signer = "张慧".into();
    store.apply_labelled("修改实施方案", &[Change::save(plan)]).unwrap();
    let unchanged = Store::open_read_only(&path).unwrap().load().unwrap();
    drop(store);
    let reopened = Store::open(&path).unwrap();
    assert_eq!(reopened.load().unwrap().plans, unchanged.plans, "an unchanged file: the checked content");
}

/// Two windows on one file: the second says who holds it, refuses edits, and takes over with
/// 重试 once the first is closed.
#[test]
fn a_second_window_is_read_only_until_the_first_closes() {
    use common::ui::{click, click_button, harness, shows};
    use egui_kittest::kittest::{NodeT as _, Queryable as _};
    let dir = tempfile::tempdir().unwrap();
    let path = common::demo_file(dir.path(), "lxfl2012");
    let first = harness(&path);
    let mut second = harness(&path);
    second.run();
    assert!(shows(&second, "现以只读方式打开"), "{:?}", second.state().notices());
    assert!(second.state().document().unwrap().store.read_only().is_some());
    let saved_no = second.state().document().unwrap().content.plans[0].doc_no.clone();
    // The editors are visibly disabled, and typing or clicking there does nothing.
    click(&mut second, "工作方案");
    assert!(second.get_by_label("文号：").accesskit_node().is_disabled(), "文号 looks editable while read-only");
    second.get_by_label("文号：").click();
    second.run();
    second.get_by_label("文号：").type_text("〔改〕");
    second.key_press(egui::Key::Enter);
    second.run();
    assert_eq!(second.state().document().unwrap().content.plans[0].doc_no, saved_no);
    assert!(!second.state().notices().iter().any(|n| n.starts_with("未能保存")), "nothing was even tried");
    // Reading still works: a phase opens to show its tasks (their fields disabled).
    let phase = second.state().document().unwrap().content.phases[0].name.clone();
    let task = second
        .state()
        .document()
        .unwrap()
        .content
        .tasks
        .iter()
        .find(|t| t.phase_id == second.state().document().unwrap().content.phases[0].id);
    let task = task.expect("the demo's first phase has tasks").content.clone();
    assert!(!shows(&second, &task));
    second.get(egui_kittest::kittest::By::new().label_contains(&phase)).click();
    second.run();
    assert!(shows(&second, &task), "the phase opened in a read-only file");
    click(&mut second, "领导小组与机构");
    click(&mut second, "部门与岗位");
    let dept = second.state().document().unwrap().content.departments[0].name.clone();
    click(&mut second, &dept); // browsing still works: the department opens
    assert!(shows(&second, &format!("部门：{dept}")));
    assert!(second.get_by_label("部门名称：").accesskit_node().is_disabled());
    assert!(second.get_by_label("删除部门…").accesskit_node().is_disabled());
    assert!(second.get_by_label("添加部门").accesskit_node().is_disabled());
    click(&mut second, "防控措施");
    assert!(second.get_by_label("标记已落实").accesskit_node().is_disabled());
    drop(first);
    click_button(&mut second, "重试");
    let doc = second.state().document().unwrap();
    assert!(doc.store.read_only().is_none(), "{:?}", second.state().notices());
    assert!(!shows(&second, "现以只读方式打开"));
    click(&mut second, "工作方案");
    assert!(!second.get_by_label("文号：").accesskit_node().is_disabled(), "editable again once free");
}
