//! SQLite storage of one unit's file: schema and migrations, safe opening of untrusted files,
//! typed reads and transactional edits, clean copies. No egui here.

pub mod backup;
mod check;
pub mod claim;
pub mod consolidate;
pub(crate) mod edit;
mod error;
mod export;
mod reviews;
pub use reviews::LastReview;
mod row;
pub mod schema;
pub mod table;

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};

pub use check::{FileReport, MAX_TEXT_CHARS, VersionState, check_file};
pub use consolidate::is_area_file;
pub use edit::Keep;
pub use edit::{Touched, apply_in_memory, current_row, inverse, restoring};
pub use error::StoreError;
pub use export::{ExportReport, code_matches, export_file_name, grouped_sha256, sha256_file, verification_code};

use crate::domain::change::Change;
use crate::domain::{Content, dates};
pub use crate::fsutil::temp_sibling;

/// What committing an edit did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Applied {
    /// Exactly the rows the changes name were written: no foreign-key action (cascade, set
    /// null) touched others, so applying the changes in memory gives what a reload would read.
    pub only_as_said: bool,
    /// Per change, whether its row was there before (updated or deleted; false for an insert).
    pub existed: Vec<bool>,
}

/// Why a file is open read-only.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReadOnlyReason {
    /// The file was written by a newer version of the program.
    NewerVersion(i32),
    /// The file or its folder cannot be written.
    NotWritable,
    /// The caller asked for read-only (汇总 drill-down, `check`).
    Requested,
    /// Another window or PC has the file open for editing.
    Claimed(claim::Holder),
}

impl ReadOnlyReason {
    pub fn message(&self) -> String {
        match self {
            Self::NewerVersion(v) => format!(
                "此文件由更新版本的程序保存（数据版本 {v}，本程序支持 {}），只能查看，不能修改",
                schema::SCHEMA_VERSION
            ),
            Self::NotWritable => "文件或所在文件夹不可写".to_owned(),
            Self::Requested => "以只读方式查看".to_owned(),
            Self::Claimed(holder) => {
                format!("该文件正由 {} 打开编辑，现以只读方式打开；对方关闭后可点“重试”", holder.text())
            }
        }
    }
}

/// What opening a file keeps of the rows its check decodes: what the window holds.
const PRELOADED: Keep = Keep::WithoutHistory;

/// An open file.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    read_only: Option<ReadOnlyReason>,
    /// The claim on the file while it is open for writing (none when read-only, or where the
    /// place cannot lock).
    claim: Option<claim::Claim>,
    /// SQLite's `data_version` when the content was last read: a commit by anyone else since
    /// then makes an edit stale (see `apply`).
    seen_version: std::cell::Cell<Option<i64>>,
    /// The content the untrusted check decoded when opening, what of it was kept
    /// (`PRELOADED`) and the header's change counter then; the first `load_keeping` of the
    /// same keep uses it if the file is unchanged (an open decodes once).
    preloaded: std::cell::RefCell<Option<(u32, Keep, Content)>>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("path", &self.path).field("read_only", &self.read_only).finish()
    }
}

/// Settings every connection gets: no trust in the schema, defensive mode, and for writable
/// connections foreign keys, a rollback journal (no -wal/-shm files) and full sync.
fn harden(conn: &Connection, writable: bool) -> Result<(), StoreError> {
    conn.set_db_config(rusqlite::config::DbConfig::SQLITE_DBCONFIG_DEFENSIVE, true)?;
    conn.set_db_config(rusqlite::config::DbConfig::SQLITE_DBCONFIG_TRUSTED_SCHEMA, false)?;
    conn.pragma_update(None, "trusted_schema", false)?;
    conn.pragma_update(None, "foreign_keys", true)?;
    if writable {
        conn.pragma_query(None, "journal_mode", |_| Ok(()))?;
        conn.pragma_update_and_check(None, "journal_mode", "DELETE", |_| Ok(()))?;
        conn.pragma_update(None, "synchronous", "FULL")?;
    } else {
        conn.pragma_update(None, "query_only", true)?;
    }
    Ok(())
}

fn open_read_only(path: &Path) -> Result<Connection, StoreError> {
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
    harden(&conn, false)?;
    Ok(conn)
}

fn open_read_write(path: &Path) -> Result<Connection, StoreError> {
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
    harden(&conn, true)?;
    Ok(conn)
}

impl Store {
    /// Creates a new file at `path` holding `content`. The file is written under a temporary
    /// name and renamed into place only when complete, so a failure leaves nothing behind.
    pub fn create(path: &Path, content: &Content) -> Result<Self, StoreError> {
        if path.exists() {
            return Err(StoreError::Exists(path.to_owned()));
        }
        let tmp = temp_sibling(path, "new");
        let result = Self::write_new(&tmp, content).and_then(|()| {
            std::fs::rename(&tmp, path).map_err(|source| StoreError::Io { path: path.to_owned(), source })
        });
        if let Err(e) = result {
            let _ = std::fs::remove_file(&tmp); // best effort: the error itself is what matters
            return Err(e);
        }
        Self::open(path)
    }

    fn write_new(tmp: &Path, content: &Content) -> Result<(), StoreError> {
        let mut conn = Connection::open(tmp)?;
        harden(&conn, true)?;
        conn.pragma_update(None, "application_id", schema::APPLICATION_ID)?;
        let tx = conn.transaction()?;
        for m in schema::MIGRATIONS {
            tx.execute_batch(m)?;
        }
        tx.pragma_update(None, "user_version", schema::SCHEMA_VERSION)?;
        edit::write_content(&tx, content)?;
        tx.commit()?;
        conn.close().map_err(|(_, e)| StoreError::Sqlite(e))?;
        Ok(())
    }

    /// Opens a file for work. It is checked as untrusted first (read-only); only a sound file
    /// of ours is then opened for writing, migrated if older, or kept read-only if newer.
    pub fn open(path: &Path) -> Result<Self, StoreError> {
        if check::journal_is_hot(path)? {
            Self::recover_hot_journal(path)?;
        }
        let (report, checked) = check::check_and_read_keeping(path, PRELOADED)?;
        let writable = is_writable(path);
        if let VersionState::Newer(v) = report.version {
            return Self::open_ro(path, ReadOnlyReason::NewerVersion(v));
        }
        if !writable {
            return Self::open_ro(path, ReadOnlyReason::NotWritable);
        }
        let claim = match claim::Claim::take(path) {
            claim::Taken::Claimed(c) => Some(c),
            claim::Taken::Unsupported => None,
            claim::Taken::Held(holder) => return Self::open_ro_current(path, report.version, holder),
        };
        let mut store = Self { claim, ..Self::with(open_read_write(path)?, path, None) };
        match report.version {
            VersionState::Older(from) => store.migrate(from)?,
            // The check decoded every row already: the first `load` hands them over.
            _ if report.change_counter == 0 => {}
            _ => *store.preloaded.borrow_mut() = checked.map(|c| (report.change_counter, PRELOADED, c)),
        }
        Ok(store)
    }

    /// Opens a checked file read-only, whatever its version (汇总 drill-down, `check`).
    pub fn open_read_only(path: &Path) -> Result<Self, StoreError> {
        let report = check_file(path)?;
        match report.version {
            VersionState::Newer(v) => Self::open_ro(path, ReadOnlyReason::NewerVersion(v)),
            VersionState::Older(from) => Self::open_ro_migrated(path, from),
            VersionState::Current => Self::open_ro(path, ReadOnlyReason::Requested),
        }
    }

    /// Opens a file read-only to copy it for handing up (`export`): its header, id, version
    /// and schema are checked here, its pages and rows in the copy, which `save_copy` checks
    /// in full before it takes the final name — one full check, not one of each file. What the
    /// copy holds is what any read of the original returns.
    pub fn open_to_copy(path: &Path) -> Result<Self, StoreError> {
        match check::check_structure(path)? {
            VersionState::Newer(v) => Self::open_ro(path, ReadOnlyReason::NewerVersion(v)),
            VersionState::Older(from) => Self::open_ro_migrated(path, from),
            VersionState::Current => Self::open_ro(path, ReadOnlyReason::Requested),
        }
    }

    /// Checks a file as untrusted and reads its whole content, read-only (printing from the
    /// command line): the check decodes every row, so the content is what it read.
    pub fn read_checked(path: &Path) -> Result<Content, StoreError> {
        Self::read_checked_keeping(path, Keep::Everything)
    }

    /// As `read_checked`, keeping only what `keep` says (`Keep::WithoutHistory`: all that forms print).
    pub fn read_checked_keeping(path: &Path, keep: Keep) -> Result<Content, StoreError> {
        match check::check_and_read_keeping(path, keep)? {
            (_, Some(content)) => Ok(content),
            (report, None) => {
                let version = match report.version {
                    VersionState::Newer(v) => v,
                    _ => schema::SCHEMA_VERSION,
                };
                Err(StoreError::ReadOnly(ReadOnlyReason::NewerVersion(version).message()))
            }
        }
    }

    /// A store on `conn`, nothing read yet and no claim.
    fn with(conn: Connection, path: &Path, read_only: Option<ReadOnlyReason>) -> Self {
        Self {
            conn,
            path: path.to_owned(),
            read_only,
            claim: None,
            seen_version: std::cell::Cell::new(None),
            preloaded: std::cell::RefCell::new(None),
        }
    }

    fn open_ro(path: &Path, reason: ReadOnlyReason) -> Result<Self, StoreError> {
        Ok(Self::with(open_read_only(path)?, path, Some(reason)))
    }

    /// Read-only because `holder` edits it; an older file is read through a migrated copy.
    fn open_ro_current(path: &Path, version: VersionState, holder: claim::Holder) -> Result<Self, StoreError> {
        let mut store = match version {
            VersionState::Older(from) => Self::open_ro_migrated(path, from)?,
            _ => Self::open_ro(path, ReadOnlyReason::Requested)?,
        };
        store.read_only = Some(ReadOnlyReason::Claimed(holder));
        Ok(store)
    }

    /// A checked file of an older version, read-only: copied into memory and migrated there,
    /// so it reads like a current one while the file itself is not touched.
    fn open_ro_migrated(path: &Path, from: i32) -> Result<Self, StoreError> {
        let mem = migrated_copy(&check::open_for_check(path)?, from)?;
        Ok(Self::with(mem, path, Some(ReadOnlyReason::Requested)))
    }

    /// A crash in the middle of a transaction leaves a hot journal: see `recover_journal`.
    fn recover_hot_journal(path: &Path) -> Result<(), StoreError> {
        check::check_header(path)?;
        recover_journal(path, |copy| check_file(copy).map(|_| ()))
    }

    fn migrate(&mut self, from: i32) -> Result<(), StoreError> {
        let tx = self.conn.transaction()?;
        let start = usize::try_from(from).map_err(|_| StoreError::Internal(format!("版本 {from}")))?;
        for (i, m) in schema::MIGRATIONS.iter().enumerate().skip(start) {
            tx.execute_batch(m)?;
            edit::audit(&tx, "migrate", "schema", &format!("{}", i + 1), &format!("数据版本 {i} → {}", i + 1))?;
        }
        tx.pragma_update(None, "user_version", schema::SCHEMA_VERSION)?;
        tx.commit()?;
        Ok(())
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn read_only(&self) -> Option<&ReadOnlyReason> {
        self.read_only.as_ref()
    }

    /// Reads the whole content of the file, and remembers the file's version of it: an edit
    /// applied later is refused if anyone else committed in between.
    pub fn load(&self) -> Result<Content, StoreError> {
        self.load_keeping(Keep::Everything)
    }

    /// As `load`, keeping only what `keep` says (the window: `Keep::WithoutHistory`).
    pub fn load_keeping(&self, keep: Keep) -> Result<Content, StoreError> {
        let preloaded = self.preloaded.borrow_mut().take();
        if let Some((counter, _, content)) = preloaded.filter(|(_, kept, _)| *kept == keep) {
            // As of `before`: a commit after it is caught by `apply`, one before it changed
            // the counter.
            let before = self.data_version()?;
            if check::change_counter(&self.path)? == counter {
                self.seen_version.set(Some(before));
                return Ok(content);
            }
        }
        let before = self.data_version()?;
        let content = edit::read_content_where(&self.conn, "", keep)?;
        let after = self.data_version()?;
        // A commit by someone else while reading: the next edit is refused as stale.
        self.seen_version.set(if before == after { Some(after) } else { Some(-1) });
        Ok(content)
    }

    fn refuse_if_read_only(&self) -> Result<(), StoreError> {
        match &self.read_only {
            Some(reason) => Err(StoreError::ReadOnly(reason.message())),
            None => Ok(()),
        }
    }

    fn data_version(&self) -> Result<i64, StoreError> {
        Ok(self.conn.pragma_query_value(None, "data_version", |r| r.get(0))?)
    }

    /// Applies `changes` in one transaction, each recorded in the audit log. When this returns
    /// `Ok`, the changes are on disk.
    pub fn apply(&mut self, changes: &[Change]) -> Result<Applied, StoreError> {
        self.apply_as(None, changes)
    }

    /// As `apply`, with one more audit line (action `edit`) naming the whole edit in the words
    /// the user saw (落实措施“…”), which the 最近的修改记录 list shows.
    pub fn apply_labelled(&mut self, label: &str, changes: &[Change]) -> Result<Applied, StoreError> {
        self.apply_as(Some(label), changes)
    }

    fn apply_as(&mut self, label: Option<&str>, changes: &[Change]) -> Result<Applied, StoreError> {
        self.refuse_if_read_only()?;
        let tx = self.conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        // No stale write: what was read must still be what is on disk (another window, PC or
        // tool may have committed since; their change is never overwritten blindly).
        if let Some(seen) = self.seen_version.get() {
            let now: i64 = tx.pragma_query_value(None, "data_version", |r| r.get(0))?;
            if now != seen {
                return Err(StoreError::Stale);
            }
        }
        // Foreign keys are checked at commit: an undo restores rows in any order (RESTRICT and
        // cascades still act at once; a violation still refuses the whole edit).
        tx.pragma_update(None, "defer_foreign_keys", true)?;
        let before = tx.total_changes();
        if let Some(label) = label {
            edit::audit(&tx, "edit", "", "", label)?;
        }
        let existed = changes.iter().map(|change| edit::apply(&tx, change)).collect::<Result<Vec<bool>, _>>()?;
        let written = tx.total_changes() - before;
        tx.commit()?;
        let expected = edit::direct_rows(changes) + u64::from(label.is_some());
        Ok(Applied { only_as_said: written == expected, existed })
    }

    /// Makes this file another unit's: a new random unit id and the name `name`, in one
    /// audited transaction. Nothing of the old unit's identity is kept (its history stays).
    pub fn become_new_unit(&mut self, name: &str) -> Result<(), StoreError> {
        self.refuse_if_read_only()?;
        let tx = self.conn.transaction()?;
        let (old_id, old_name): (String, String) =
            tx.query_row("SELECT id, name FROM unit", [], |r| Ok((r.get(0)?, r.get(1)?)))?;
        let id = crate::domain::new_id().to_string();
        tx.execute(
            "UPDATE unit SET id = ?1, name = ?2, updated_at = ?3",
            rusqlite::params![id, name, dates::now_stamp()],
        )?;
        edit::audit(&tx, "edit", "unit", &id, &format!("另存为新单位“{name}”（底稿：“{old_name}”，原编号 {old_id}）"))?;
        tx.commit()?;
        Ok(())
    }

    /// Writes a clean, compact single-file copy to `dest` (VACUUM INTO a temporary name, checked,
    /// then renamed). An existing `dest` is replaced only once the copy is verified.
    pub fn save_copy(&self, dest: &Path) -> Result<FileReport, StoreError> {
        self.copy_verified(dest, |_| Ok(())).map(|(report, ())| report)
    }

    /// As `save_copy`, running `alongside` on the finished copy (under its temporary name)
    /// while the copy is checked, e.g. its SHA-256; both must succeed before it is renamed.
    pub(super) fn copy_verified<T: Send>(
        &self,
        dest: &Path,
        alongside: impl FnOnce(&Path) -> Result<T, StoreError> + Send,
    ) -> Result<(FileReport, T), StoreError> {
        let same = |a: &Path, b: &Path| {
            std::fs::canonicalize(a).ok().zip(std::fs::canonicalize(b).ok()).is_some_and(|(a, b)| a == b)
        };
        if same(dest, &self.path) {
            return Err(StoreError::SameFile(dest.to_owned()));
        }
        let tmp = temp_sibling(dest, "copy");
        let result = (|| {
            // VACUUM INTO writes only the new file; a read-only connection may do it, but
            // `query_only` forbids it, so it is lifted for this statement alone.
            if self.read_only.is_some() {
                self.conn.pragma_update(None, "query_only", false)?;
            }
            let vacuum = self.conn.execute("VACUUM INTO ?1", [tmp.to_string_lossy().as_ref()]);
            if self.read_only.is_some() {
                self.conn.pragma_update(None, "query_only", true)?;
            }
            vacuum?;
            let (report, extra) = std::thread::scope(|scope| {
                let extra = scope.spawn(|| alongside(&tmp));
                let report = check_file(&tmp);
                (report, extra.join().unwrap_or_else(|_| Err(StoreError::Internal("线程意外结束".into()))))
            });
            let (report, extra) = (report?, extra?);
            std::fs::rename(&tmp, dest).map_err(|source| StoreError::Io { path: dest.to_owned(), source })?;
            Ok((report, extra))
        })();
        if result.is_err() {
            // Best effort: the error itself is reported. A VACUUM INTO that failed midway
            // (a full disk) leaves the copy's rollback journal beside it too.
            let _ = std::fs::remove_file(&tmp);
            let _ = std::fs::remove_file(check::journal_of(&tmp));
        }
        result
    }

    /// Closes the connection and gives up the claim; with the rollback journal nothing is left
    /// beside the file.
    pub fn close(self) -> Result<(), StoreError> {
        let Self { conn, claim, .. } = self;
        let closed = conn.close().map_err(|(_, e)| StoreError::Sqlite(e));
        drop(claim);
        closed
    }

    /// The connection, for tests that compare tables with what is in memory.
    #[cfg(test)]
    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Number of audit-log lines (for tests and the 数据报送 tab).
    pub fn audit_len(&self) -> Result<i64, StoreError> {
        Ok(self.conn.query_row("SELECT count(*) FROM audit_log", [], |r| r.get(0))?)
    }

    /// The newest edits as the user named them (and migrations, overrides), newest first:
    /// the audit lines of single rows are left out.
    pub fn recent_edits(&self, limit: usize) -> Result<Vec<crate::domain::AuditEntry>, StoreError> {
        table::select_with(
            &self.conn,
            &format!("WHERE action NOT IN ('insert', 'update', 'delete') ORDER BY seq DESC LIMIT {limit}"),
        )
    }

    /// The newest audit entries, newest first.
    pub fn recent_audit(&self, limit: usize) -> Result<Vec<crate::domain::AuditEntry>, StoreError> {
        table::select_with(&self.conn, &format!("ORDER BY seq DESC LIMIT {limit}"))
    }
}

/// Rolls back the hot journal beside `path`, restoring the last committed state. The journal
/// is first applied to a private copy, which must then pass `check`: a journal that belongs to
/// another file (or was crafted) is never applied to the file itself, and both are left as
/// they were.
pub(super) fn recover_journal(path: &Path, check: impl Fn(&Path) -> Result<(), StoreError>) -> Result<(), StoreError> {
    let journal = check::journal_of(path);
    let foreign = |detail: String| StoreError::ForeignJournal { path: path.to_owned(), detail };
    if !std::fs::metadata(&journal).is_ok_and(|m| m.is_file()) {
        return Err(foreign("日志不是普通文件".to_owned()));
    }
    let dir = std::env::temp_dir().join(format!("lianfang-recover-{}", uuid::Uuid::new_v4().simple()));
    let copy = dir.join("recover.db");
    let io = |p: &Path| {
        let p = p.to_owned();
        move |source| StoreError::Io { path: p, source }
    };
    let trial = (|| {
        std::fs::create_dir_all(&dir).map_err(io(&dir))?;
        std::fs::copy(path, &copy).map_err(io(path))?;
        std::fs::copy(&journal, check::journal_of(&copy)).map_err(io(&journal))?;
        roll_back(&copy)?;
        check(&copy).map_err(|e| foreign(e.to_string()))
    })();
    let _ = std::fs::remove_dir_all(&dir); // a temporary folder of ours; the result is what matters
    trial?;
    roll_back(path)
}

/// Opens `path` for writing, which makes SQLite roll back its hot journal, and closes it.
fn roll_back(path: &Path) -> Result<(), StoreError> {
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
    harden(&conn, true)?;
    conn.query_row("SELECT count(*) FROM sqlite_master", [], |_| Ok(()))?;
    conn.close().map_err(|(_, e)| StoreError::Sqlite(e))
}

/// A read-only copy in memory of `src` (a checked file of version `from`), migrated to the
/// current version.
fn migrated_copy(src: &Connection, from: i32) -> Result<Connection, StoreError> {
    let mut mem = Connection::open_in_memory()?;
    rusqlite::backup::Backup::new(src, &mut mem)?.run_to_completion(1024, std::time::Duration::ZERO, None)?;
    harden(&mem, false)?;
    mem.pragma_update(None, "query_only", false)?;
    let start = usize::try_from(from).map_err(|_| StoreError::Internal(format!("版本 {from}")))?;
    let tx = mem.transaction()?;
    for m in schema::MIGRATIONS.iter().skip(start) {
        tx.execute_batch(m)?;
    }
    tx.commit()?;
    mem.pragma_update(None, "query_only", true)?;
    Ok(mem)
}

/// The file can be written and its folder too (the rollback journal lives beside the file).
fn is_writable(path: &Path) -> bool {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_owned(),
        _ => PathBuf::from("."),
    };
    let file_ok = std::fs::OpenOptions::new().append(true).open(path).is_ok();
    let probe = temp_sibling(&dir.join("probe"), "probe");
    let dir_ok = std::fs::File::create(&probe).is_ok();
    let _ = std::fs::remove_file(&probe); // best effort: the probe only existed if creation worked
    file_ok && dir_ok
}

/// Who is making changes, for the audit log.
pub fn current_actor() -> String {
    std::env::var("USER").or_else(|_| std::env::var("USERNAME")).unwrap_or_else(|_| "本机用户".to_owned())
}
