//! Store tests: creation and schema, round trip of every entity, edits with audit, and the
//! refusal of untrusted files without touching them.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, reason = "tests: a failing unwrap is a failing test")]

mod common;

use common::{bytes, demo_file, files_in};
use lianfang::domain::change::Change;
use lianfang::domain::ops::removal::{remove_department, remove_person};
use lianfang::domain::*;
use lianfang::store::schema::{APPLICATION_ID, SCHEMA_VERSION};
use lianfang::store::{ReadOnlyReason, Store, StoreError, VersionState, check_file};
use rusqlite::Connection;

#[test]
fn a_new_file_has_our_id_version_and_schema() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("新单位.db");
    let scheme = Scheme::preset("lxfl2012").unwrap().unwrap();
    let store = Store::create(&path, &Content::new_unit("历下区妇联", "群团机关", scheme.clone())).unwrap();
    assert!(store.read_only().is_none());
    let content = store.load().unwrap();
    assert_eq!(content.unit.name, "历下区妇联");
    assert_eq!(content.unit.scheme, scheme);
    store.close().unwrap();
    let conn = Connection::open(&path).unwrap();
    let app_id: i32 = conn.pragma_query_value(None, "application_id", |r| r.get(0)).unwrap();
    let version: i32 = conn.pragma_query_value(None, "user_version", |r| r.get(0)).unwrap();
    assert_eq!((app_id, version), (APPLICATION_ID, SCHEMA_VERSION));
    let tables: i64 =
        conn.query_row("SELECT count(*) FROM sqlite_master WHERE type = 'table'", [], |r| r.get(0)).unwrap();
    assert!(tables > 20, "{tables}");
    // The untrusted check holds the new file's schema to be exactly the program's.
    assert_eq!(check_file(&path).unwrap().version, VersionState::Current);
    drop(conn);
    assert_eq!(files_in(dir.path()), ["新单位.db"], "no temporary or journal files are left");
}

#[test]
fn create_refuses_to_overwrite() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_file(dir.path(), "fzsx2013");
    let before = bytes(&path);
    let c = Content::new_unit("另一个单位", "", Scheme::preset("fzsx2013").unwrap().unwrap());
    assert!(matches!(Store::create(&path, &c), Err(StoreError::Exists(_))));
    assert_eq!(bytes(&path), before);
}

#[test]
fn every_entity_round_trips_through_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let content = lianfang::demo::build("jxau2010").unwrap();
    // The demo fills every table; check so this test keeps covering all of them.
    assert!(!content.pilot_batch_depts.is_empty() && !content.warning_responses.is_empty());
    assert!(!content.inspection_results.is_empty() && !content.commitments.is_empty());
    assert!(!content.responsibility_letters.is_empty() && !content.power_steps.is_empty());
    let path = dir.path().join("jx.db");
    let store = Store::create(&path, &content).unwrap();
    let loaded = store.load().unwrap();
    assert_eq!(loaded.unit, content.unit);
    assert_eq!(loaded.people.len(), content.people.len());
    let mut sorted = content.clone();
    sort_like_store(&mut sorted);
    let mut loaded_sorted = loaded.clone();
    sort_like_store(&mut loaded_sorted);
    assert_eq!(loaded_sorted, sorted);
}

/// The store lists rows in a stable order of its own; compare as sets by sorting on id.
fn sort_like_store(c: &mut Content) {
    macro_rules! by_id { ($($f:ident),*) => { $(c.$f.sort_by_key(|x| x.id);)* } }
    by_id!(
        plans,
        phases,
        tasks,
        pilot_batches,
        pilot_batch_depts,
        departments,
        people,
        group_members,
        supervisions,
        posts,
        post_holders,
        powers,
        power_steps,
        risk_points,
        review_records,
        measures,
        warnings,
        warning_responses,
        inspection_rounds,
        inspection_results,
        commitments,
        responsibility_letters
    );
}

#[test]
fn edits_are_on_disk_and_audited_when_apply_returns() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_file(dir.path(), "imut2011");
    let mut store = Store::open(&path).unwrap();
    let content = store.load().unwrap();
    let mut rp = content.risk_points[7].clone();
    rp.description = "招生录取中违规操作——补充：特殊类型招生测试环节 𠮷".into();
    let dept_id = content.departments[0].id;
    let new_post = Post {
        id: new_id(),
        dept_id,
        seq: 99,
        name: "新设岗位".into(),
        tier: PostTier::General,
        duties: "负责新业务".into(),
        basis: String::new(),
        key_post: false,
        stamp: Stamp::now(),
    };
    let doomed = content.measures[0].id;
    let before = store.audit_len().unwrap();
    store
        .apply(&[Change::save(rp.clone()), Change::save(new_post.clone()), Change::delete::<Measure>(doomed)])
        .unwrap();
    assert_eq!(store.audit_len().unwrap(), before + 3);
    // A second, independent connection sees the edits: they are committed.
    let other = Store::open_read_only(&path).unwrap();
    let seen = other.load().unwrap();
    assert_eq!(seen.risk_points.iter().find(|r| r.id == rp.id), Some(&rp));
    assert!(seen.posts.contains(&new_post));
    assert!(seen.measures.iter().all(|m| m.id != doomed));
    let audit = other.recent_audit(3).unwrap();
    assert_eq!(audit[0].action, "delete");
    assert_eq!(audit[1].action, "insert");
    assert_eq!(audit[2].action, "update");
    drop(other);
    store.close().unwrap();
    assert_eq!(files_in(dir.path()), ["imut2011.db"], "no -journal, -wal or -shm beside a closed file");
}

#[test]
fn a_failed_edit_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_file(dir.path(), "tjbh2012");
    let mut store = Store::open(&path).unwrap();
    let content = store.load().unwrap();
    let mut renamed = content.departments[0].clone();
    renamed.name = "改名后的部门".into();
    // Deleting a department that still has posts violates a foreign key: the whole batch fails.
    let err = store.apply(&[Change::save(renamed), Change::delete::<Department>(content.departments[1].id)]);
    assert!(matches!(err, Err(StoreError::Sqlite(_))), "{err:?}");
    assert!(err.unwrap_err().to_string().contains("约束"));
    assert_eq!(store.load().unwrap(), content);
}

#[test]
fn the_audit_log_is_append_only() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_file(dir.path(), "tjbh2012");
    let mut store = Store::open(&path).unwrap();
    let mut d = store.load().unwrap().departments[0].clone();
    d.name = "组织部".into();
    store.apply(&[Change::save(d)]).unwrap();
    store.close().unwrap();
    let conn = Connection::open(&path).unwrap();
    assert!(conn.execute("DELETE FROM audit_log", []).is_err());
    assert!(conn.execute("UPDATE audit_log SET actor = 'x'", []).is_err());
}

/// Opening `path` must fail with an error matching `expected`, and leave the file as it was.
fn assert_refused(path: &std::path::Path, expected: impl Fn(&StoreError) -> bool) {
    let before = bytes(path);
    let dir = path.parent().unwrap();
    let files = files_in(dir);
    for result in [
        Store::open(path).map(drop),
        Store::open_read_only(path).map(drop),
        check_file(path).map(drop),
        Store::read_checked(path).map(drop),
    ] {
        let err = result.expect_err("a bad file must be refused");
        assert!(expected(&err), "unexpected error: {err:?}");
        let message = err.to_string();
        assert!(message.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "message in Chinese: {message}");
    }
    assert_eq!(bytes(path), before, "the refused file is unchanged");
    assert_eq!(files_in(dir), files, "no side files appeared");
}

#[test]
fn read_checked_gives_the_same_content_as_open_and_load() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_file(dir.path(), "tjbh2012");
    let before = bytes(&path);
    assert_eq!(Store::read_checked(&path).unwrap(), Store::open_read_only(&path).unwrap().load().unwrap());
    assert_eq!(bytes(&path), before, "read-only");
}

#[test]
fn a_text_file_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("报表.db");
    std::fs::write(&path, "这不是数据库".repeat(200)).unwrap();
    assert_refused(&path, |e| matches!(e, StoreError::NotSqlite(_)));
    let empty = dir.path().join("空.db");
    std::fs::write(&empty, "").unwrap();
    assert_refused(&empty, |e| matches!(e, StoreError::NotSqlite(_)));
}

#[test]
fn another_applications_database_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("other.db");
    let conn = Connection::open(&path).unwrap();
    conn.execute_batch("PRAGMA application_id = 1234; CREATE TABLE t(x); INSERT INTO t VALUES (1);").unwrap();
    drop(conn);
    assert_refused(&path, |e| matches!(e, StoreError::NotOurs(_)));
}

#[test]
fn a_damaged_file_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_file(dir.path(), "lxfl2012");
    let mut data = bytes(&path);
    let page = 4096;
    // Scribble over a few pages in the middle of the file (b-tree pages of the big tables).
    for p in [data.len() / page / 2, data.len() / page / 3] {
        for b in &mut data[p * page..p * page + 200] {
            *b ^= 0xA5;
        }
    }
    std::fs::write(&path, &data).unwrap();
    assert_refused(&path, |e| matches!(e, StoreError::Damaged { .. } | StoreError::NotSqlite(_)));
}

#[test]
fn a_truncated_file_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_file(dir.path(), "lxfl2012");
    let data = bytes(&path);
    std::fs::write(&path, &data[..data.len() / 2]).unwrap();
    assert_refused(&path, |e| matches!(e, StoreError::Damaged { .. } | StoreError::NotSqlite(_)));
}

#[test]
fn a_file_with_a_foreign_trigger_or_view_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    for (name, sql) in [
        ("trigger", "CREATE TRIGGER evil AFTER INSERT ON person BEGIN DELETE FROM risk_point; END;"),
        ("view", "CREATE VIEW v AS SELECT * FROM person;"),
    ] {
        let path = demo_file(dir.path(), "fzsx2013");
        let renamed = dir.path().join(format!("{name}.db"));
        std::fs::rename(&path, &renamed).unwrap();
        Connection::open(&renamed).unwrap().execute_batch(sql).unwrap();
        assert_refused(&renamed, |e| matches!(e, StoreError::ForeignObjects { .. }));
    }
}

#[test]
fn a_newer_file_opens_read_only_and_is_never_written() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_file(dir.path(), "jxau2010");
    Connection::open(&path).unwrap().pragma_update(None, "user_version", SCHEMA_VERSION + 1).unwrap();
    let before = bytes(&path);
    assert_eq!(check_file(&path).unwrap().version, VersionState::Newer(SCHEMA_VERSION + 1));
    let mut store = Store::open(&path).unwrap();
    assert_eq!(store.read_only(), Some(&ReadOnlyReason::NewerVersion(SCHEMA_VERSION + 1)));
    let content = store.load().unwrap();
    let err = store.apply(&[Change::save(content.departments[0].clone())]).unwrap_err();
    assert!(matches!(err, StoreError::ReadOnly(_)));
    assert!(err.to_string().contains("更新版本"));
    drop(store);
    assert_eq!(bytes(&path), before);
}

#[test]
fn a_file_with_a_bad_version_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_file(dir.path(), "jxau2010");
    Connection::open(&path).unwrap().pragma_update(None, "user_version", 0).unwrap();
    assert_refused(&path, |e| matches!(e, StoreError::BadVersion { .. }));
}

#[test]
fn save_copy_writes_a_verified_single_file_and_never_over_the_open_one() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_file(dir.path(), "imut2011");
    let store = Store::open(&path).unwrap();
    let copy = dir.path().join("报送副本.db");
    let report = store.save_copy(&copy).unwrap();
    assert_eq!(report.unit_name, "内蒙古工业大学");
    assert_eq!(Store::open_read_only(&copy).unwrap().load().unwrap(), store.load().unwrap());
    assert!(matches!(store.save_copy(&path), Err(StoreError::SameFile(_))));
    // Replacing an older copy works and leaves no temporary file.
    store.save_copy(&copy).unwrap();
    drop(store);
    assert_eq!(files_in(dir.path()), ["imut2011.db", "报送副本.db"]);
}

#[test]
fn a_copy_into_a_missing_folder_fails_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_file(dir.path(), "imut2011");
    let store = Store::open(&path).unwrap();
    let err = store.save_copy(&dir.path().join("没有这个文件夹").join("x.db")).unwrap_err();
    assert!(!err.to_string().is_empty());
    drop(store);
    assert_eq!(files_in(dir.path()), ["imut2011.db"]);
}

#[test]
fn an_older_file_is_migrated_and_then_sound() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_file(dir.path(), "fzsx2013");
    // Make it a version-1 file: what the first release wrote.
    let conn = Connection::open(&path).unwrap();
    conn.execute_batch(
        "DROP TABLE snapshot;
         ALTER TABLE measure DROP COLUMN confirmed_by; ALTER TABLE measure DROP COLUMN evidence;
         ALTER TABLE measure DROP COLUMN not_applicable; ALTER TABLE measure DROP COLUMN not_applicable_reason;
         PRAGMA user_version = 1;",
    )
    .unwrap();
    drop(conn);
    let old_bytes = bytes(&path);
    assert_eq!(check_file(&path).unwrap().version, VersionState::Older(1));
    // Read-only, it reads as a current file (migrated in memory) and the file is untouched.
    let before = Store::open_read_only(&path).unwrap().load().unwrap();
    assert_eq!(Store::read_checked(&path).unwrap().measures, before.measures);
    assert_eq!(bytes(&path), old_bytes);
    let store = Store::open(&path).unwrap();
    assert!(store.read_only().is_none());
    let after = store.load().unwrap();
    assert_eq!(after.risk_points, before.risk_points, "nothing is lost by migrating");
    assert!(store.recent_audit(1).unwrap()[0].action == "migrate");
    drop(store);
    assert_eq!(check_file(&path).unwrap().version, VersionState::Current);
}

#[test]
fn a_bad_value_is_named_in_chinese() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_file(dir.path(), "lxfl2012");
    let conn = Connection::open(&path).unwrap();
    conn.execute("UPDATE measure SET due_on = '2026-13-45' WHERE rowid = 1", []).unwrap();
    drop(conn);
    let before = bytes(&path);
    let err = Store::open_read_only(&path).unwrap_err().to_string();
    assert!(err.contains("防控措施中编号为") && err.contains("格式不对") && err.contains("不予打开"), "{err}");
    assert_eq!(bytes(&path), before);
    for english in ["invalid", "premature", "expected", "input"] {
        assert!(!err.contains(english), "{err}");
    }
}

// Removing a department or person takes what hangs on it; one undo restores every row.

/// The audit log grows with every edit and undo; compare the rest.
fn without_audit(mut c: Content) -> Content {
    c.audit_log.clear();
    c
}

#[test]
fn removing_a_department_takes_everything_that_hangs_on_it_and_undo_restores_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("x.db");
    let content = lianfang::demo::build("jxau2010").unwrap();
    let mut store = Store::create(&path, &content).unwrap();
    let before = store.load().unwrap();
    let finance = before.departments.iter().find(|d| d.name == "财务处").unwrap();
    let removal = remove_department(&before, &before, finance);
    assert!(removal.blocker.is_none());
    let summary = removal.summary.join("；");
    assert!(summary.contains("14 个岗位") && summary.contains("个风险点"), "{summary}");
    let undo = lianfang::store::inverse(&before, &removal.edit.changes);
    store.apply(&removal.edit.changes).unwrap();
    let after = store.load().unwrap();
    assert!(after.departments.iter().all(|d| d.name != "财务处"));
    assert!(after.posts.iter().all(|p| p.dept_id != finance.id));
    store.apply(&undo).unwrap();
    assert!(without_audit(store.load().unwrap()) == without_audit(before), "one undo restores every row");
}

#[test]
fn removing_a_person_clears_references_and_undo_restores_them() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("y.db");
    let mut store = Store::create(&path, &lianfang::demo::build("imut2011").unwrap()).unwrap();
    let before = store.load().unwrap();
    let head = before.departments[3].head_person_id.unwrap();
    let person = before.people.iter().find(|p| p.id == head).unwrap();
    let removal = remove_person(&before, &before, person);
    let undo = lianfang::store::inverse(&before, &removal.edit.changes);
    store.apply(&removal.edit.changes).unwrap();
    let after = store.load().unwrap();
    assert_eq!(after.departments[3].head_person_id, None);
    assert!(after.post_holders.iter().all(|h| h.person_id != head));
    store.apply(&undo).unwrap();
    assert!(without_audit(store.load().unwrap()) == without_audit(before), "undo restores every row");
}
