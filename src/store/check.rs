//! Checking a file we did not just write: header, read-only open in defensive mode with an
//! untrusted schema, integrity and foreign keys, application id, version and schema objects.
//! Nothing here writes to the file.

use std::io::Read as _;
use std::path::{Path, PathBuf};

use super::schema::{APPLICATION_ID, SCHEMA_VERSION, expected_objects};
use super::{StoreError, open_read_only};

/// How a file's schema version compares with this build.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VersionState {
    Current,
    /// Written by an older build; will be migrated when opened for writing.
    Older(i32),
    /// Written by a newer build; opens read-only.
    Newer(i32),
}

/// What a check found in a sound file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileReport {
    pub path: PathBuf,
    pub version: VersionState,
    pub size_bytes: u64,
    pub unit_name: String,
    pub risk_points: i64,
}

const HEADER: &[u8; 16] = b"SQLite format 3\0";

struct Header {
    user_version: i32,
    application_id: i32,
    wal: bool,
}

/// Reads the 100-byte SQLite header without opening the database.
fn read_header(path: &Path) -> Result<Header, StoreError> {
    let io = |source| StoreError::Io { path: path.to_owned(), source };
    let meta = std::fs::metadata(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => StoreError::NotFound(path.to_owned()),
        _ => io(e),
    })?;
    if !meta.is_file() || meta.len() < 512 {
        return Err(StoreError::NotSqlite(path.to_owned()));
    }
    let mut buf = [0_u8; 100];
    std::fs::File::open(path).and_then(|mut f| f.read_exact(&mut buf)).map_err(io)?;
    if &buf[..16] != HEADER {
        return Err(StoreError::NotSqlite(path.to_owned()));
    }
    let be = |at: usize| i32::from_be_bytes([buf[at], buf[at + 1], buf[at + 2], buf[at + 3]]);
    Ok(Header { user_version: be(60), application_id: be(68), wal: buf[18] == 2 || buf[19] == 2 })
}

/// The first bytes of a rollback journal that still holds a transaction to roll back.
const JOURNAL_MAGIC: [u8; 8] = [0xd9, 0xd5, 0x05, 0xf9, 0x20, 0xa1, 0x63, 0xd7];

/// Whether a rollback journal with content lies beside `path`. An empty or zeroed journal
/// (left by a crash before anything was written to it) holds nothing and does not count.
pub(super) fn has_hot_journal(path: &Path) -> bool {
    let mut journal = path.as_os_str().to_owned();
    journal.push("-journal");
    let mut magic = [0_u8; 8];
    std::fs::File::open(Path::new(&journal)).and_then(|mut f| f.read_exact(&mut magic)).is_ok()
        && magic == JOURNAL_MAGIC
}

/// Checks the header only: ours, not WAL.
pub(super) fn check_header(path: &Path) -> Result<i32, StoreError> {
    let h = read_header(path)?;
    if h.application_id != APPLICATION_ID {
        return Err(StoreError::NotOurs(path.to_owned()));
    }
    if h.wal {
        return Err(StoreError::WalMode { path: path.to_owned() });
    }
    Ok(h.user_version)
}

/// Checks a file as untrusted input. `Ok` means: a sound SQLite file of ours, intact, whose
/// schema holds nothing we did not put there (for versions we know).
pub fn check_file(path: &Path) -> Result<FileReport, StoreError> {
    let header_version = check_header(path)?;
    if has_hot_journal(path) {
        return Err(StoreError::HotJournal { path: path.to_owned() });
    }
    let conn = open_read_only(path).map_err(|e| classify(path, e))?;
    let integrity: Vec<String> = {
        let mut stmt = conn.prepare("PRAGMA integrity_check(20)").map_err(|e| classify(path, e.into()))?;
        let rows = stmt.query_map([], |r| r.get::<_, String>(0)).map_err(|e| classify(path, e.into()))?;
        rows.collect::<Result<_, _>>().map_err(|e| classify(path, e.into()))?
    };
    if integrity != ["ok"] {
        return Err(StoreError::Damaged { path: path.to_owned(), detail: integrity.join("；") });
    }
    let app_id: i32 = conn.pragma_query_value(None, "application_id", |r| r.get(0))?;
    let version: i32 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if app_id != APPLICATION_ID {
        return Err(StoreError::NotOurs(path.to_owned()));
    }
    if version != header_version || version <= 0 {
        return Err(StoreError::BadVersion { path: path.to_owned(), version });
    }
    let state = match version.cmp(&SCHEMA_VERSION) {
        std::cmp::Ordering::Equal => VersionState::Current,
        std::cmp::Ordering::Less => VersionState::Older(version),
        std::cmp::Ordering::Greater => VersionState::Newer(version),
    };
    if state == VersionState::Current {
        check_objects(path, &conn)?;
        let fk_problems: i64 = conn.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| r.get(0))?;
        if fk_problems > 0 {
            return Err(StoreError::Damaged {
                path: path.to_owned(),
                detail: format!("{fk_problems} 条记录引用了不存在的数据"),
            });
        }
    }
    let (unit_name, risk_points) = if state == VersionState::Newer(version) {
        (String::new(), 0)
    } else {
        summary(&conn).map_err(|e| classify(path, e))?
    };
    let size_bytes = std::fs::metadata(path).map(|m| m.len()).unwrap_or_default();
    Ok(FileReport { path: path.to_owned(), version: state, size_bytes, unit_name, risk_points })
}

fn summary(conn: &rusqlite::Connection) -> Result<(String, i64), StoreError> {
    let name = conn.query_row("SELECT name FROM unit LIMIT 1", [], |r| r.get(0))?;
    let n = conn.query_row("SELECT count(*) FROM risk_point", [], |r| r.get(0))?;
    Ok((name, n))
}

/// Refuses files whose schema holds objects we did not create (a trigger or view that would do
/// something when used). SQLite's own objects (`sqlite_*`) are fine.
fn check_objects(path: &Path, conn: &rusqlite::Connection) -> Result<(), StoreError> {
    let expected = expected_objects();
    let mut stmt = conn.prepare("SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\'")?;
    let found: Vec<(String, String)> = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<Result<_, _>>()?;
    let extra: Vec<String> = found.iter().filter(|o| !expected.contains(o)).map(|(t, n)| format!("{t} {n}")).collect();
    let missing: Vec<String> =
        expected.iter().filter(|o| !found.contains(o)).map(|(t, n)| format!("缺少 {t} {n}")).collect();
    if extra.is_empty() && missing.is_empty() {
        Ok(())
    } else {
        Err(StoreError::ForeignObjects { path: path.to_owned(), objects: [extra, missing].concat().join("、") })
    }
}

/// SQLite's "not a database" / "corrupt" at open or first read become our Chinese messages.
fn classify(path: &Path, e: StoreError) -> StoreError {
    use rusqlite::ErrorCode as C;
    match &e {
        StoreError::Sqlite(s) => match s.sqlite_error_code() {
            Some(C::NotADatabase) => StoreError::NotSqlite(path.to_owned()),
            Some(C::DatabaseCorrupt) => StoreError::Damaged { path: path.to_owned(), detail: s.to_string() },
            _ => e,
        },
        _ => e,
    }
}
