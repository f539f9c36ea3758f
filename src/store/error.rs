//! Store errors. Every message is the Chinese sentence the user reads.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("找不到文件：{0}")]
    NotFound(PathBuf),
    #[error("无法读写文件 {path}：{}", crate::fsutil::io_reason(.source))]
    Io { path: PathBuf, source: std::io::Error },
    #[error("“{0}”不是 SQLite 数据库文件，也不是本系统的数据文件。")]
    NotSqlite(PathBuf),
    #[error("“{0}”是 SQLite 数据库，但不是廉政风险防控管理系统的数据文件（应用标识不符）。")]
    NotOurs(PathBuf),
    #[error("“{path}”已损坏（完整性检查未通过：{detail}）。文件未作任何改动；请使用备份或向报送单位索取新文件。")]
    Damaged { path: PathBuf, detail: String },
    #[error(
        "“{path}”的数据库结构与本程序建立的不同（{objects}），可能被其他程序改动过，出于安全考虑不予打开。文件未作任何改动。"
    )]
    ForeignObjects { path: PathBuf, objects: String },
    #[error("“{path}”含有不合规的数据：{detail}。出于安全考虑不予打开，文件未作任何改动。")]
    BadContent { path: PathBuf, detail: String },
    #[error(
        "“{path}”旁的事务日志（-journal）与该文件不符或已损坏（{detail}），未予应用；文件和日志都未作改动。请用备份恢复，或删除日志后再打开（删除后，崩溃时未保存完的那次修改不会恢复）。"
    )]
    ForeignJournal { path: PathBuf, detail: String },
    #[error(
        "“{path}”的核验码为 {found}，与报送单上的 {expected} 不符：收到的文件可能被改动过，或不是签字盖章的那一份，未导入。"
    )]
    CodeMismatch { path: PathBuf, expected: String, found: String },
    #[error(
        "“{path}”的单位编号与已导入的“{known}”相同，但单位名称是“{found}”：它可能是从“{known}”的文件复制来的。为免替换掉“{known}”的数据，未导入；请报送单位核实，用“文件 → 另存为新单位”建立本单位自己的文件后重新报送。"
    )]
    SameUnitId { path: PathBuf, known: String, found: String },
    #[error(
        "文件已被其他窗口、其他电脑或其他程序修改，为免覆盖别人的修改，这次没有保存；已重新载入最新内容，请核对后再改一次。"
    )]
    Stale,
    #[error("“{0}”不是普通文件（可能是文件夹、管道或设备），不予打开。")]
    NotRegular(PathBuf),
    #[error("“{path}”使用了本系统不使用的 WAL 日志模式，不是本系统保存的文件。")]
    WalMode { path: PathBuf },
    #[error("“{path}”旁有未完成的事务日志（-journal），文件可能处于写入中途；请在原电脑上用本系统打开一次后再报送。")]
    HotJournal { path: PathBuf },
    #[error("“{path}”的数据版本号无效（{version}）。")]
    BadVersion { path: PathBuf, version: i32 },
    #[error("“{0}”已存在，不会覆盖。")]
    Exists(PathBuf),
    #[error("不能另存到当前打开的文件本身（{0}），请换一个文件名。")]
    SameFile(PathBuf),
    #[error("文件以只读方式打开（{0}），不能修改。")]
    ReadOnly(String),
    #[error("{}", bad_value_text(.table, .column, .what))]
    BadValue { table: String, column: String, what: String },
    /// A value the model does not accept (`domain::validate`), found while reading.
    #[error("{0}")]
    Invalid(String),
    #[error("数据编码失败：{0}")]
    Encode(serde_json::Error),
    #[error("内部错误：{0}")]
    Internal(String),
    #[error("{}", sqlite_message(.0))]
    Sqlite(#[from] rusqlite::Error),
}

/// Chinese words for the SQLite failures a user can meet.
fn sqlite_message(e: &rusqlite::Error) -> String {
    use rusqlite::ErrorCode as C;
    let reason = match e.sqlite_error_code() {
        Some(C::DiskFull) => "磁盘已满".to_owned(),
        Some(C::ReadOnly) => "文件或所在位置只读".to_owned(),
        Some(C::CannotOpen) => "无法打开文件（路径不存在或没有权限）".to_owned(),
        Some(C::DatabaseBusy | C::DatabaseLocked) => "文件正被其他程序使用".to_owned(),
        Some(C::NotADatabase) => "不是数据库文件".to_owned(),
        Some(C::DatabaseCorrupt) => "文件已损坏".to_owned(),
        Some(C::ConstraintViolation) => "数据不满足约束（例如仍有其他记录引用它）".to_owned(),
        Some(C::PermissionDenied) => "没有访问权限".to_owned(),
        Some(C::SystemIoFailure) => "读写磁盘失败（磁盘可能已满、只读或已被拔出）".to_owned(),
        _ => "数据库操作失败".to_owned(),
    };
    match e.sqlite_error_code() {
        Some(code) => format!("{reason}（SQLite 错误 {}）", code as i32),
        None => reason,
    }
}

/// 人员中“职务”列含有无法识别的值：…; without a column: 单位表：应有 1 行，实有 2 行.
fn bad_value_text(table: &str, column: &str, what: &str) -> String {
    let table = super::table::table_label(table);
    if column.is_empty() {
        format!("{table}表：{what}")
    } else {
        format!("{table}中{column}含有无法识别的值：{what}")
    }
}
