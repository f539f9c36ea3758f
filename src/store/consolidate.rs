//! 汇总: the higher office's area file. Each unit file is checked as untrusted input, then its
//! rows are copied (ATTACH + INSERT … SELECT, one transaction) with the submission they came
//! in. Submitting the same unit again supersedes its earlier submission (kept as history);
//! units are told apart by their unit id, never by name.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags, params};

use super::check::check_file;
use super::schema::MIGRATIONS;
use super::{StoreError, VersionState, edit, export::sha256_file, harden};
pub use crate::domain::exchange::{Submission, UnitFigures};
use crate::domain::{Content, dates};

/// `PRAGMA application_id` of area files: "LFHZ" (汇总).
pub const AREA_APPLICATION_ID: i32 = 0x4C46_485A;
/// 1: the first; 2: the unit tables gained the columns of unit schema version 3.
pub const AREA_VERSION: i32 = 2;

/// Whether `path` says it is an area file (汇总, application id "LFHZ") in its header: where to
/// open it (上级汇总); `Area::open_or_create` checks it in full.
pub fn is_area_file(path: &Path) -> bool {
    super::check::application_id(path) == Some(AREA_APPLICATION_ID)
}

/// `Measure::is_overdue` in SQL (`?2` = today): neither 落实 nor 不再适用, and past due.
pub const OVERDUE_MEASURE: &str = "done = 0 AND not_applicable = 0 AND due_on < ?2";
/// `Phase::is_overdue` in SQL (`?2` = today): not done, and past its end. (A test in
/// tests/consolidate.rs counts both ways on a demo unit.)
pub const OVERDUE_PHASE: &str = "status != 'done' AND ends_on < ?2";

/// What importing one file did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImportOutcome {
    Added {
        unit_name: String,
    },
    Replaced {
        unit_name: String,
        previous: String,
    },
    /// The same file (same SHA-256) was already the unit's current submission.
    Unchanged {
        unit_name: String,
    },
}

impl std::fmt::Display for ImportOutcome {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Added { unit_name } => write!(f, "{unit_name}：已导入"),
            Self::Replaced { unit_name, previous } => {
                write!(f, "{unit_name}：已导入，替换了 {} 的报送（旧报送保留为历史）", dates::format_stamp(previous))
            }
            Self::Unchanged { unit_name } => write!(f, "{unit_name}：与已导入的文件相同，未重复导入"),
        }
    }
}

/// An open area file.
pub struct Area {
    conn: Connection,
    path: PathBuf,
    tables: Vec<(String, Vec<String>)>,
}

/// The unit schema version each area version was made from (area 1 from unit 2, area 2 from
/// unit 3): an area table has the columns of its unit table at that version.
const AREA_UNIT_VERSION: [usize; 2] = [2, 3];

/// The unit schema of `unit_version` in memory (our own SQL), to read tables and columns from.
fn unit_schema(unit_version: usize) -> Result<Connection, StoreError> {
    let mem = Connection::open_in_memory()?;
    for m in MIGRATIONS.iter().take(unit_version) {
        mem.execute_batch(m)?;
    }
    Ok(mem)
}

/// The unit schema's tables and their columns at `unit_version`.
fn unit_tables(unit_version: usize) -> Result<Vec<(String, Vec<String>)>, StoreError> {
    let mem = unit_schema(unit_version)?;
    let names: Vec<String> = mem
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name")?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    names
        .into_iter()
        .map(|t| {
            let cols: Vec<String> = mem
                .prepare(&format!("SELECT name FROM pragma_table_info('{t}') ORDER BY cid"))?
                .query_map([], |r| r.get(0))?
                .collect::<Result<_, _>>()?;
            Ok((t, cols))
        })
        .collect()
}

/// Creates the schema of area version `version` on a new, empty connection.
fn create_area(conn: &mut Connection, version: i32) -> Result<(), StoreError> {
    let unit_version = usize::try_from(version - 1)
        .ok()
        .and_then(|i| AREA_UNIT_VERSION.get(i))
        .ok_or_else(|| StoreError::Internal(format!("汇总文件版本 {version}")))?;
    let tables = unit_tables(*unit_version)?;
    let tx = conn.transaction()?;
    tx.pragma_update(None, "application_id", AREA_APPLICATION_ID)?;
    tx.execute_batch(
        "CREATE TABLE submission (
            id TEXT PRIMARY KEY NOT NULL, unit_id TEXT NOT NULL, unit_name TEXT NOT NULL,
            source_file TEXT NOT NULL, sha256 TEXT NOT NULL, imported_at TEXT NOT NULL,
            superseded_at TEXT, risk_points INTEGER NOT NULL
        ) STRICT;
        CREATE INDEX submission_unit ON submission(unit_id);",
    )?;
    for (t, cols) in &tables {
        tx.execute_batch(&format!(
            "CREATE TABLE {t} (submission_id TEXT NOT NULL, {}); CREATE INDEX {t}_submission ON {t}(submission_id);",
            cols.join(", ")
        ))?;
    }
    tx.pragma_update(None, "user_version", version)?;
    tx.commit()?;
    Ok(())
}

/// The schemas an area file of each version may have (index 0 = version 1): as created at that
/// version, or, for the current one, created earlier and upgraded. Made once, in memory.
fn expected_area_schemas() -> Result<&'static [Vec<Vec<super::check::SchemaObject>>], StoreError> {
    static SCHEMAS: std::sync::OnceLock<Result<Vec<Vec<Vec<super::check::SchemaObject>>>, String>> =
        std::sync::OnceLock::new();
    let made = SCHEMAS.get_or_init(|| {
        let build = || -> Result<Vec<Vec<Vec<super::check::SchemaObject>>>, StoreError> {
            (1..=AREA_VERSION)
                .map(|v| {
                    let mut forms = Vec::new();
                    let mut fresh = Connection::open_in_memory()?;
                    create_area(&mut fresh, v)?;
                    forms.push(super::check::schema_objects(&fresh)?);
                    if v == AREA_VERSION {
                        for older in 1..v {
                            let mut upgraded = Connection::open_in_memory()?;
                            create_area(&mut upgraded, older)?;
                            upgrade_area(&mut upgraded)?;
                            forms.push(super::check::schema_objects(&upgraded)?);
                        }
                    }
                    Ok(forms)
                })
                .collect()
        };
        build().map_err(|e| e.to_string())
    });
    made.as_deref().map_err(|e| StoreError::Internal(format!("无法建立汇总文件的参照结构：{e}")))
}

/// `file:` URI for a read-only ATTACH; `%`, `?` and `#` are escaped.
fn read_only_uri(path: &Path) -> String {
    super::check::file_uri(path, "mode=ro")
}

impl Area {
    /// Opens `path` as an area file, creating it when it does not exist. An existing one is
    /// checked as untrusted first (its half-finished import, if any, rolled back safely).
    pub fn open_or_create(path: &Path) -> Result<Self, StoreError> {
        let tables = unit_tables(MIGRATIONS.len())?;
        let existed = std::fs::symlink_metadata(path).is_ok();
        if existed {
            check_area(path)?;
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_URI
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let mut conn = Connection::open_with_flags(path, flags)?;
        harden(&conn, true)?;
        if existed {
            upgrade_area(&mut conn)?;
        } else {
            create_area(&mut conn, AREA_VERSION)?;
        }
        Ok(Self { conn, path: path.to_owned(), tables })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Imports one unit file. A bad file is refused with the reason; nothing is written then.
    pub fn import(&mut self, unit_file: &Path) -> Result<ImportOutcome, StoreError> {
        let checked = check_for_import(unit_file);
        self.import_checked(unit_file, checked, None)
    }

    /// Imports many files: each is checked and hashed on a second thread while the previous
    /// one is copied. `progress(done, total)` is called after each file. One result per file,
    /// in order; a refused file does not stop the others.
    /// `expected[i]`, where given, is the 核验码 of file `i`'s slip: a file whose code differs
    /// is refused.
    pub fn import_many(
        &mut self,
        files: &[PathBuf],
        expected: &[Option<String>],
        mut progress: impl FnMut(usize, usize),
    ) -> Vec<Result<ImportOutcome, StoreError>> {
        let (tx, rx) = std::sync::mpsc::sync_channel(2);
        std::thread::scope(|scope| {
            scope.spawn(move || {
                for f in files {
                    if tx.send(check_for_import(f)).is_err() {
                        break; // the importer stopped; nothing more to check
                    }
                }
            });
            let mut out = Vec::with_capacity(files.len());
            for (i, f) in files.iter().enumerate() {
                let checked = rx.recv().unwrap_or_else(|_| Err(StoreError::Internal("检查线程意外结束".into())));
                out.push(self.import_checked(f, checked, expected.get(i).and_then(Option::as_deref)));
                progress(i + 1, files.len());
            }
            out
        })
    }

    fn import_checked(
        &mut self,
        unit_file: &Path,
        checked: Result<(super::FileReport, String), StoreError>,
        expected: Option<&str>,
    ) -> Result<ImportOutcome, StoreError> {
        let (report, sha) = checked?;
        if let Some(code) = expected.filter(|c| !c.trim().is_empty())
            && !super::code_matches(code, &sha)
        {
            return Err(StoreError::CodeMismatch {
                path: unit_file.to_owned(),
                expected: code.trim().to_owned(),
                found: super::verification_code(&sha),
            });
        }
        match report.version {
            VersionState::Current => {}
            VersionState::Older(v) => {
                return Err(StoreError::Internal(format!(
                    "文件的数据版本为 {v}，请报送单位用本程序打开一次（自动升级）后重新导出"
                )));
            }
            VersionState::Newer(v) => {
                return Err(StoreError::Internal(format!("文件由更新版本的程序保存（数据版本 {v}），请先升级本程序")));
            }
        }
        self.conn.execute("ATTACH DATABASE ?1 AS unit", [read_only_uri(unit_file)])?;
        let result = self.copy_in(unit_file, &sha, report.risk_points);
        let detached = self.conn.execute("DETACH DATABASE unit", []);
        let outcome = result?;
        detached?;
        Ok(outcome)
    }

    fn copy_in(&mut self, unit_file: &Path, sha: &str, risk_points: i64) -> Result<ImportOutcome, StoreError> {
        let (unit_id, unit_name): (String, String) =
            self.conn.query_row("SELECT id, name FROM unit.unit", [], |r| Ok((r.get(0)?, r.get(1)?)))?;
        let current: Option<(String, String, String)> = self
            .conn
            .query_row(
                "SELECT sha256, imported_at, unit_name FROM submission WHERE unit_id = ?1 AND superseded_at IS NULL",
                [&unit_id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .ok();
        if current.as_ref().is_some_and(|(s, _, _)| s == sha) {
            return Ok(ImportOutcome::Unchanged { unit_name });
        }
        // The same unit id under another name: a copy of another unit's file, never a
        // re-submission that may replace that unit.
        if let Some((_, _, known)) = current.as_ref().filter(|(_, _, k)| *k != unit_name) {
            let known = known.clone();
            return Err(StoreError::SameUnitId { path: unit_file.to_owned(), known, found: unit_name });
        }
        let now = dates::now_stamp();
        let sid = uuid::Uuid::new_v4().to_string();
        let tx = self.conn.transaction()?;
        tx.execute(
            "UPDATE submission SET superseded_at = ?1 WHERE unit_id = ?2 AND superseded_at IS NULL",
            params![now, unit_id],
        )?;
        let source = unit_file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        tx.execute(
            "INSERT INTO submission (id, unit_id, unit_name, source_file, sha256, imported_at, superseded_at, risk_points)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, NULL, ?7)",
            params![sid, unit_id, unit_name, source, sha, now, risk_points],
        )?;
        for (t, cols) in &self.tables {
            let cols = cols.join(", ");
            tx.execute(
                &format!("INSERT INTO main.{t} (submission_id, {cols}) SELECT ?1, {cols} FROM unit.{t}"),
                [&sid],
            )?;
        }
        tx.commit()?;
        Ok(match current {
            Some((_, previous, _)) => ImportOutcome::Replaced { unit_name, previous },
            None => ImportOutcome::Added { unit_name },
        })
    }

    fn submissions(&self, filter: &str) -> Result<Vec<Submission>, StoreError> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT id, unit_id, unit_name, source_file, sha256, imported_at, superseded_at, risk_points
             FROM submission {filter} ORDER BY unit_name, imported_at"
        ))?;
        let rows = stmt.query_map([], |r| {
            Ok(Submission {
                id: r.get(0)?,
                unit_id: r.get(1)?,
                unit_name: r.get(2)?,
                source_file: r.get(3)?,
                sha256: r.get(4)?,
                imported_at: r.get(5)?,
                superseded_at: r.get(6)?,
                risk_points: r.get(7)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Each unit's current submission.
    pub fn current(&self) -> Result<Vec<Submission>, StoreError> {
        self.submissions("WHERE superseded_at IS NULL")
    }

    /// Every submission, superseded ones included.
    pub fn history(&self) -> Result<Vec<Submission>, StoreError> {
        self.submissions("")
    }

    /// The whole content of one submission, read-only.
    pub fn unit_content(&self, submission_id: &str) -> Result<Content, StoreError> {
        let id = uuid::Uuid::parse_str(submission_id).map_err(|e| StoreError::Internal(e.to_string()))?;
        edit::read_content_where(&self.conn, &format!("WHERE submission_id = '{id}'"), edit::Keep::Everything)
    }

    /// Writes one submission into a unit file of its own in `dir` (created if need be), named
    /// after the unit and the submission, replacing an earlier extract of it: a throw-away copy
    /// to look into with every tab, read-only.
    pub fn extract(&self, submission_id: &str, dir: &Path) -> Result<PathBuf, StoreError> {
        let content = self.unit_content(submission_id)?;
        let io = |path: &Path| {
            let path = path.to_owned();
            move |source| StoreError::Io { path, source }
        };
        std::fs::create_dir_all(dir).map_err(io(dir))?;
        let name = format!("{}_{}.db", content.unit.name, submission_id.get(..8).unwrap_or_default());
        let path = dir.join(crate::fsutil::safe_file_name(&name));
        if path.exists() {
            std::fs::remove_file(&path).map_err(io(&path))?;
        }
        super::Store::create(&path, &content).and_then(super::Store::close)?;
        Ok(path)
    }

    /// Figures of every unit's current submission.
    pub fn figures(&self) -> Result<Vec<UnitFigures>, StoreError> {
        let today = dates::today().to_string();
        self.current()?
            .into_iter()
            .map(|submission| {
                let sid = &submission.id;
                let mut by_level = [0_i64; 4];
                let mut stmt = self
                    .conn
                    .prepare_cached("SELECT grade, count(*) FROM risk_point WHERE submission_id = ?1 GROUP BY grade")?;
                let rows = stmt.query_map([sid], |r| Ok((r.get::<_, Option<i64>>(0)?, r.get::<_, i64>(1)?)))?;
                for row in rows {
                    let (grade, n) = row?;
                    let slot = grade.and_then(|g| usize::try_from(g - 1).ok()).filter(|s| *s < 3).unwrap_or(3);
                    by_level[slot] += n;
                }
                let count = |sql: &str| -> Result<i64, StoreError> {
                    Ok(self.conn.prepare_cached(sql)?.query_row(params![sid, today], |r| r.get(0))?)
                };
                let grouped = |sql: &str| -> Result<Vec<(String, i64)>, StoreError> {
                    let mut stmt = self.conn.prepare_cached(sql)?;
                    let groups = stmt.query_map([sid], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?;
                    Ok(groups.collect::<Result<_, _>>()?)
                };
                let by_class = grouped(
                    "SELECT class, count(*) FROM risk_point WHERE submission_id = ?1 GROUP BY class ORDER BY min(seq), class",
                )?;
                let by_dept_kind = grouped(
                    "SELECT d.kind, count(*) FROM risk_point r
                     LEFT JOIN post p ON p.submission_id = r.submission_id AND p.id = r.post_id
                     JOIN department d ON d.submission_id = r.submission_id AND d.id = coalesce(r.dept_id, p.dept_id)
                     WHERE r.submission_id = ?1 GROUP BY d.kind ORDER BY d.kind",
                )?;
                let rows = |table: &str| -> Result<i64, StoreError> {
                    let sql = format!("SELECT count(*) FROM {table} WHERE submission_id = ?1");
                    Ok(self.conn.prepare_cached(&sql)?.query_row([sid], |r| r.get(0))?)
                };
                Ok(UnitFigures {
                    by_class,
                    by_dept_kind,
                    departments: rows("department")?,
                    posts: rows("post")?,
                    measures: rows("measure")?,
                    by_level,
                    overdue_measures: count(&format!(
                        "SELECT count(*) FROM measure WHERE submission_id = ?1 AND {OVERDUE_MEASURE}"
                    ))?,
                    phases: rows("phase")?,
                    overdue_phases: count(&format!(
                        "SELECT count(*) FROM phase WHERE submission_id = ?1 AND {OVERDUE_PHASE}"
                    ))?,
                    submission,
                })
            })
            .collect()
    }
}

/// The untrusted check of a unit file and its SHA-256 (thread-safe: no shared connection).
fn check_for_import(unit_file: &Path) -> Result<(super::FileReport, String), StoreError> {
    let report = check_file(unit_file)?;
    Ok((report, sha256_file(unit_file)?))
}

/// An existing area file is checked like any untrusted file: a regular file, its hot journal
/// (a killed import) rolled back only after a private copy passed, then `check_area_file`.
fn check_area(path: &Path) -> Result<(), StoreError> {
    let meta = std::fs::metadata(path).map_err(|source| StoreError::Io { path: path.to_owned(), source })?;
    if !meta.is_file() {
        return Err(StoreError::NotRegular(path.to_owned()));
    }
    if super::check::journal_is_hot(path)? {
        super::recover_journal(path, check_area_file)?;
    }
    check_area_file(path)
}

/// Integrity, our id, a version we know, and exactly our schema for it (no trigger, view or
/// changed table of anyone else's).
fn check_area_file(path: &Path) -> Result<(), StoreError> {
    let not_area = || StoreError::Internal(format!("“{}”不是汇总文件", path.display()));
    let conn = super::check::open_for_check(path).map_err(|_| not_area())?;
    let app: i32 = conn.pragma_query_value(None, "application_id", |r| r.get(0)).map_err(|_| not_area())?;
    if app != AREA_APPLICATION_ID {
        return Err(not_area());
    }
    let ok: String = conn.query_row("PRAGMA integrity_check(1)", [], |r| r.get(0))?;
    if ok != "ok" {
        return Err(StoreError::Damaged { path: path.to_owned(), detail: ok });
    }
    let version: i32 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    let accepted = usize::try_from(version - 1)
        .ok()
        .and_then(|i| expected_area_schemas().ok().and_then(|all| all.get(i)))
        .ok_or(StoreError::BadVersion { path: path.to_owned(), version })?;
    let found = super::check::schema_objects(&conn)?;
    if accepted.contains(&found) {
        return Ok(());
    }
    let first = accepted.first().map(Vec::as_slice).unwrap_or_default();
    Err(StoreError::ForeignObjects { path: path.to_owned(), objects: super::check::first_difference(first, &found) })
}

/// Brings an older area file to `AREA_VERSION` in one transaction: unit tables gain the
/// columns later unit schemas added, with the same defaults, so earlier submissions read back.
fn upgrade_area(conn: &mut Connection) -> Result<(), StoreError> {
    let version: i32 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if version >= AREA_VERSION {
        return Ok(());
    }
    let mem = unit_schema(MIGRATIONS.len())?;
    let tx = conn.transaction()?;
    for (table, columns) in unit_tables(MIGRATIONS.len())? {
        let have: Vec<String> = tx
            .prepare(&format!("SELECT name FROM pragma_table_info('{table}')"))?
            .query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        for column in columns.iter().filter(|c| !have.contains(c)) {
            let default: Option<String> = mem.query_row(
                &format!("SELECT dflt_value FROM pragma_table_info('{table}') WHERE name = ?1"),
                [column],
                |r| r.get(0),
            )?;
            let default = default.unwrap_or_else(|| "NULL".to_owned());
            tx.execute_batch(&format!("ALTER TABLE {table} ADD COLUMN {column} DEFAULT {default}"))?;
        }
    }
    tx.pragma_update(None, "user_version", AREA_VERSION)?;
    tx.commit()?;
    Ok(())
}
