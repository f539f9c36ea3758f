//! Checking a file we did not just write, before anything else touches it: a regular file with
//! our header; opened read-only (no journal replayed, no side file created), defensive, with
//! an untrusted schema; a schema identical to the one this program creates for the file's
//! version (every table, index and trigger by its SQL, nothing extra, nothing missing); text no
//! longer than the stated limits; integrity and foreign keys; and every row decoded into the
//! domain model and its rules. Nothing here writes to the file.

use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use rusqlite::{Connection, OpenFlags};

use super::edit::{Keep, read_content_where};
use super::schema::{APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION};
use super::{StoreError, harden};
use crate::domain::Content;

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
    /// The header's file change counter when the content was read (SQLite raises it at every
    /// commit): the content the check decoded is still the file's while it is unchanged. 0 when
    /// someone committed during the check (the content is then read again).
    pub change_counter: u32,
}

/// The longest text a field may hold, in characters (a risk point's description, a name …).
pub const MAX_TEXT_CHARS: i64 = 100_000;
/// The longest JSON or history text (a unit's scheme, a yearly snapshot, an audit line).
pub const MAX_JSON_CHARS: i64 = 20_000_000;
/// Columns that hold JSON documents or history and may be longer than `MAX_TEXT_CHARS`.
const LONG_COLUMNS: [(&str, &str); 3] = [("unit", "scheme"), ("snapshot", "inventory"), ("audit_log", "detail")];

const HEADER: &[u8; 16] = b"SQLite format 3\0";

struct Header {
    user_version: i32,
    application_id: i32,
    wal: bool,
}

/// Reads the 100-byte SQLite header without opening the database. Anything but a regular
/// file (a folder, a pipe, a device) is refused before it is opened.
fn read_header(path: &Path) -> Result<Header, StoreError> {
    let io = |source| StoreError::Io { path: path.to_owned(), source };
    let meta = std::fs::metadata(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => StoreError::NotFound(path.to_owned()),
        _ => io(e),
    })?;
    if !meta.is_file() {
        return Err(StoreError::NotRegular(path.to_owned()));
    }
    if meta.len() < 512 {
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

/// The application id in the header of the SQLite file at `path`, if it is one — what a
/// desktop's file-type detection reads too. Only a hint: opening a file checks it in full.
pub(super) fn application_id(path: &Path) -> Option<i32> {
    read_header(path).ok().map(|h| h.application_id)
}

/// The first bytes of a rollback journal that still holds a transaction to roll back.
const JOURNAL_MAGIC: [u8; 8] = [0xd9, 0xd5, 0x05, 0xf9, 0x20, 0xa1, 0x63, 0xd7];

/// `path` with `-journal` appended.
pub(super) fn journal_of(path: &Path) -> PathBuf {
    let mut journal = path.as_os_str().to_owned();
    journal.push("-journal");
    PathBuf::from(journal)
}

/// Whether the journal beside `path` must be rolled back: it holds a transaction (an empty or
/// zeroed journal, left by a crash before anything was written to it, holds nothing) and no
/// process is writing (a journal of a transaction in progress in another window is not hot).
/// A journal that is not a regular file (a pipe, a folder) counts as hot and is never opened.
/// Otherwise SQLite decides, read-only: a reader that meets a hot journal cannot roll it back
/// and says so; it never applies it.
pub(super) fn journal_is_hot(path: &Path) -> Result<bool, StoreError> {
    let journal = journal_of(path);
    match std::fs::symlink_metadata(&journal) {
        Err(_) => return Ok(false),
        Ok(m) if !m.is_file() => return Ok(true),
        Ok(_) => {}
    }
    let mut magic = [0_u8; 8];
    if !(std::fs::File::open(&journal).and_then(|mut f| f.read_exact(&mut magic)).is_ok() && magic == JOURNAL_MAGIC) {
        return Ok(false);
    }
    let conn = open_for_check(path).map_err(|e| classify(path, e))?;
    match conn.query_row("SELECT count(*) FROM sqlite_master", [], |_| Ok(())) {
        Ok(()) => Ok(false),
        Err(e) if e.sqlite_error_code() == Some(rusqlite::ErrorCode::ReadOnly) => Ok(true),
        Err(e) => Err(classify(path, e.into())),
    }
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

/// `file:` URI with `%`, `?` and `#` escaped, and `params` (e.g. `mode=ro&immutable=1`).
pub(super) fn file_uri(path: &Path, params: &str) -> String {
    let p = path.to_string_lossy().replace('%', "%25").replace('?', "%3f").replace('#', "%23");
    format!("file:{p}?{params}")
}

/// A read-only connection for checking: it can neither replay a journal nor create a side file
/// (rollback mode makes no `-shm`; a hot journal is refused before this is opened), and it
/// takes SQLite's shared lock while reading, so a file another window is writing is read
/// whole, never half-written. (`immutable=1` was tried: it skips the locks and read a file in
/// the middle of another process's commit as damaged.)
pub(super) fn open_for_check(path: &Path) -> Result<Connection, StoreError> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(file_uri(path, "mode=ro"), flags)?;
    harden(&conn, false)?;
    conn.busy_timeout(std::time::Duration::from_secs(10))?;
    Ok(conn)
}

/// A file of ours, opened for checking: our header, no hot journal, our application id, and
/// the same schema version in the header and the database. Returns the connection and version.
fn open_ours(path: &Path) -> Result<(Connection, i32), StoreError> {
    let header_version = check_header(path)?;
    if journal_is_hot(path)? {
        return Err(StoreError::HotJournal { path: path.to_owned() });
    }
    let conn = open_for_check(path).map_err(|e| classify(path, e))?;
    let app_id: i32 =
        conn.pragma_query_value(None, "application_id", |r| r.get(0)).map_err(|e| classify(path, e.into()))?;
    let version: i32 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if app_id != APPLICATION_ID {
        return Err(StoreError::NotOurs(path.to_owned()));
    }
    if version != header_version || version <= 0 {
        return Err(StoreError::BadVersion { path: path.to_owned(), version });
    }
    Ok((conn, version))
}

/// The structure of a file of ours, without reading its rows: header, id, version, and (for a
/// version this build knows) a schema identical to ours — so that SQLite may safely read the
/// file to copy it. The copy is then checked in full (`Store::save_copy`).
pub fn check_structure(path: &Path) -> Result<VersionState, StoreError> {
    let (conn, version) = open_ours(path)?;
    if version > SCHEMA_VERSION {
        return Ok(VersionState::Newer(version));
    }
    check_schema(path, &conn, version)?;
    Ok(if version == SCHEMA_VERSION { VersionState::Current } else { VersionState::Older(version) })
}

/// Checks a file as untrusted input. `Ok` means: a sound file of ours, intact, with exactly
/// our schema for its version and values our model accepts.
pub fn check_file(path: &Path) -> Result<FileReport, StoreError> {
    check_and_read_keeping(path, Keep::Nothing).map(|(report, _)| report)
}

/// As `check_file`, also handing back of the content the check decoded what `keep` says
/// (every row is still decoded and checked; none for a file of a newer version, which this
/// build cannot read fully).
pub fn check_and_read_keeping(path: &Path, keep: Keep) -> Result<(FileReport, Option<Content>), StoreError> {
    let (conn, version) = open_ours(path)?;
    let size_bytes = std::fs::metadata(path).map(|m| m.len()).unwrap_or_default();
    let report = |state, unit_name, risk_points| FileReport {
        path: path.to_owned(),
        version: state,
        size_bytes,
        unit_name,
        risk_points,
        change_counter: 0,
    };
    if version > SCHEMA_VERSION {
        // Newer: only what any version keeps — an intact SQLite file of ours.
        integrity(path)?;
        foreign_keys(path, &conn)?;
        return Ok((report(VersionState::Newer(version), String::new(), 0), None));
    }
    // The file's change counter, read while no connection of ours holds a lock on the file:
    // closing any other handle to it would drop SQLite's POSIX locks of this whole process.
    let counter_before = change_counter(path)?;
    // One read transaction: schema, lengths and rows are seen as of one moment.
    conn.execute_batch("BEGIN").map_err(|e| classify(path, e.into()))?;
    check_schema(path, &conn, version)?;
    // Integrity on a second connection while this one checks the lengths, decodes every row
    // and checks the foreign keys (the two halves take about as long).
    // A length found too long is reported first, then damage, then broken references.
    let (read, sound) = std::thread::scope(|scope| {
        let checking = scope.spawn(|| integrity(path));
        let read = check_lengths(path, &conn).map(|()| (foreign_keys(path, &conn), decode(&conn, version, keep)));
        (read, checking.join().unwrap_or_else(|_| Err(StoreError::Internal("检查线程意外结束".into()))))
    });
    let (keys, content) = read?;
    sound?;
    keys?;
    // Counted here: a check that keeps no rows (`Keep::Nothing`) still reports how many.
    let risk_points: i64 =
        conn.query_row("SELECT count(*) FROM risk_point", [], |r| r.get(0)).map_err(|e| classify(path, e.into()))?;
    conn.execute_batch("COMMIT").map_err(|e| classify(path, e.into()))?;
    // Unchanged across the check: the rows read are the file as of that counter.
    let change_counter = if change_counter(path)? == counter_before { counter_before } else { 0 };
    let content = content.map_err(|e| match e {
        StoreError::BadValue { .. } => StoreError::BadContent { path: path.to_owned(), detail: e.to_string() },
        StoreError::Invalid(detail) => StoreError::BadContent { path: path.to_owned(), detail },
        other => classify(path, other),
    })?;
    let state = if version == SCHEMA_VERSION { VersionState::Current } else { VersionState::Older(version) };
    Ok((FileReport { change_counter, ..report(state, content.unit.name.clone(), risk_points) }, Some(content)))
}

/// The file change counter in the SQLite header (bytes 24–27). Call it only while no SQLite
/// connection of this process holds a lock on the file (see above).
pub(super) fn change_counter(path: &Path) -> Result<u32, StoreError> {
    let mut buf = [0_u8; 28];
    std::fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut buf))
        .map_err(|source| StoreError::Io { path: path.to_owned(), source })?;
    Ok(u32::from_be_bytes([buf[24], buf[25], buf[26], buf[27]]))
}

/// Every row as the domain model; an older file is read through a migrated copy in memory.
fn decode(conn: &Connection, version: i32, keep: Keep) -> Result<Content, StoreError> {
    if version == SCHEMA_VERSION {
        read_content_where(conn, "", keep)
    } else {
        read_content_where(&super::migrated_copy(conn, version)?, "", keep)
    }
}

/// `PRAGMA integrity_check`, on a connection of its own.
fn integrity(path: &Path) -> Result<(), StoreError> {
    let conn = open_for_check(path).map_err(|e| classify(path, e))?;
    let problems: Vec<String> = {
        let mut stmt = conn.prepare("PRAGMA integrity_check(20)").map_err(|e| classify(path, e.into()))?;
        let rows = stmt.query_map([], |r| r.get::<_, String>(0)).map_err(|e| classify(path, e.into()))?;
        rows.collect::<Result<_, _>>().map_err(|e| classify(path, e.into()))?
    };
    if problems != ["ok"] {
        return Err(StoreError::Damaged { path: path.to_owned(), detail: problems.join("；") });
    }
    Ok(())
}

/// `PRAGMA foreign_key_check`: no row refers to one that is not there.
fn foreign_keys(path: &Path, conn: &Connection) -> Result<(), StoreError> {
    let fk_problems: i64 = conn
        .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| r.get(0))
        .map_err(|e| classify(path, e.into()))?;
    if fk_problems > 0 {
        return Err(StoreError::Damaged {
            path: path.to_owned(),
            detail: format!("{fk_problems} 条记录引用了不存在的数据"),
        });
    }
    Ok(())
}

/// One schema object: type, name, table, and its SQL with white space folded.
pub(super) type SchemaObject = (String, String, String, Option<String>);

pub(super) fn schema_objects(conn: &Connection) -> Result<Vec<SchemaObject>, StoreError> {
    let mut stmt = conn.prepare("SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name")?;
    let rows = stmt.query_map([], |r| {
        let sql: Option<String> = r.get(3)?;
        Ok((r.get(0)?, r.get(1)?, r.get(2)?, sql.map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))))
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The schema this program creates for each version (index 0 = version 1), made once.
fn expected_schemas() -> Result<&'static [Vec<SchemaObject>], StoreError> {
    static SCHEMAS: OnceLock<Result<Vec<Vec<SchemaObject>>, String>> = OnceLock::new();
    let made = SCHEMAS.get_or_init(|| {
        let build = || -> Result<Vec<Vec<SchemaObject>>, StoreError> {
            let mem = Connection::open_in_memory()?;
            MIGRATIONS
                .iter()
                .map(|m| {
                    mem.execute_batch(m)?;
                    schema_objects(&mem)
                })
                .collect()
        };
        build().map_err(|e| e.to_string())
    });
    made.as_deref().map_err(|e| StoreError::Internal(format!("无法建立参照结构：{e}")))
}

fn kind_name(kind: &str) -> &str {
    match kind {
        "table" => "数据表",
        "index" => "索引",
        "trigger" => "触发器",
        "view" => "视图",
        other => other,
    }
}

/// The file's schema must be exactly the one this program creates for `version`. The message
/// names the first object that differs.
fn check_schema(path: &Path, conn: &Connection, version: i32) -> Result<(), StoreError> {
    let expected = usize::try_from(version - 1)
        .ok()
        .and_then(|i| expected_schemas().ok().and_then(|all| all.get(i)))
        .ok_or(StoreError::BadVersion { path: path.to_owned(), version })?;
    let found = schema_objects(conn).map_err(|e| classify(path, e))?;
    if *expected == found {
        return Ok(());
    }
    Err(StoreError::ForeignObjects { path: path.to_owned(), objects: first_difference(expected, &found) })
}

/// The first object by which `found` differs from `expected`, in words.
pub(super) fn first_difference(expected: &[SchemaObject], found: &[SchemaObject]) -> String {
    // Tables first: a missing table is named before the indexes that went with it.
    let rank = |o: &&SchemaObject| usize::from(o.0 != "table");
    let mut ordered: Vec<&SchemaObject> = expected.iter().collect();
    ordered.sort_by_key(rank);
    for e in ordered {
        match found.iter().find(|f| f.0 == e.0 && f.1 == e.1) {
            None => return format!("缺少{} {}", kind_name(&e.0), e.1),
            Some(f) if f != e => return format!("{} {} 的定义被改动过", kind_name(&e.0), e.1),
            Some(_) => {}
        }
    }
    match found.iter().find(|f| !expected.iter().any(|e| e.0 == f.0 && e.1 == f.1)) {
        Some(extra) => format!("多出{} {}", kind_name(&extra.0), extra.1),
        None => "对象的顺序或数目不同".to_owned(),
    }
}

/// No text longer than `MAX_TEXT_CHARS` (JSON and history: `MAX_JSON_CHARS`).
fn check_lengths(path: &Path, conn: &Connection) -> Result<(), StoreError> {
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'")?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    for table in tables {
        let columns: Vec<String> = conn
            .prepare(&format!("SELECT name FROM pragma_table_info('{table}') WHERE type = 'TEXT'"))?
            .query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        if columns.is_empty() {
            continue;
        }
        // One pass over the table for all its text columns, in bytes: SQLite reads a value's
        // size from the record header without reading the value. A text has no more
        // characters than bytes, so only a column with more bytes than its limit is counted
        // in characters.
        let longest = |measure: &str, columns: &[&String]| -> Result<Vec<Option<i64>>, StoreError> {
            let maxima: Vec<String> = columns.iter().map(|c| format!("max({measure}({c}))")).collect();
            let sql = format!("SELECT {} FROM {table}", maxima.join(", "));
            conn.query_row(&sql, [], |r| (0..columns.len()).map(|i| r.get(i)).collect())
                .map_err(|e| classify(path, e.into()))
        };
        let limit_of = |column: &str| {
            if LONG_COLUMNS.contains(&(table.as_str(), column)) { MAX_JSON_CHARS } else { MAX_TEXT_CHARS }
        };
        let all: Vec<&String> = columns.iter().collect();
        let over: Vec<&String> = all
            .iter()
            .zip(longest("octet_length", &all)?)
            .filter(|(c, bytes)| bytes.is_some_and(|b| b > limit_of(c)))
            .map(|(c, _)| *c)
            .collect();
        if over.is_empty() {
            continue;
        }
        for (column, longest) in over.iter().zip(longest("length", &over)?) {
            let limit = limit_of(column);
            if let Some(n) = longest.filter(|n| *n > limit) {
                return Err(StoreError::BadContent {
                    path: path.to_owned(),
                    detail: format!(
                        "{}的“{}”有一项长达 {n} 个字符，超过了允许的 {limit} 个字符",
                        super::table::table_label(&table),
                        super::table::column_label(column)
                    ),
                });
            }
        }
    }
    Ok(())
}

/// SQLite's "not a database" / "corrupt" at open or first read become our Chinese messages.
fn classify(path: &Path, e: StoreError) -> StoreError {
    use rusqlite::ErrorCode as C;
    match &e {
        StoreError::Sqlite(s) => match s.sqlite_error_code() {
            Some(C::NotADatabase) => StoreError::NotSqlite(path.to_owned()),
            Some(C::DatabaseCorrupt) => {
                StoreError::Damaged { path: path.to_owned(), detail: "数据库页面损坏".to_owned() }
            }
            _ => e,
        },
        _ => e,
    }
}
