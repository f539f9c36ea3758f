//! Rotated backups of the working file, kept in a folder beside it (`单位.备份/`), and
//! restoring one: the file being replaced is kept in the same folder, so a restore can itself
//! be undone by restoring that copy.

use std::path::{Path, PathBuf};

use super::{FileReport, Store, StoreError, check_file};
use crate::fsutil::temp_sibling;

/// How many backups are kept; the oldest go first.
pub const KEEP: usize = 10;

/// One backup, newest first in listings.
#[derive(Clone, Debug)]
pub struct BackupInfo {
    pub path: PathBuf,
    /// `20261121-140312` from the file name.
    pub taken: String,
    /// The check of the backup: its unit and counts, or why it is not usable.
    pub report: Result<FileReport, String>,
}

/// `…/单位.备份` for `…/单位.db`.
pub fn backup_dir(working: &Path) -> PathBuf {
    let stem = working.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    working.with_file_name(format!("{stem}.备份"))
}

fn stamp_now() -> String {
    chrono::Local::now().format("%Y%m%d-%H%M%S%.3f").to_string()
}

impl Store {
    /// Writes a verified backup of this file and keeps the newest `KEEP`.
    pub fn backup(&self) -> Result<PathBuf, StoreError> {
        let dir = backup_dir(self.path());
        std::fs::create_dir_all(&dir).map_err(|source| StoreError::Io { path: dir.clone(), source })?;
        let stem = self.path().file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        let dest = dir.join(format!("{stem}_{}.db", stamp_now()));
        self.save_copy(&dest)?;
        prune(&dir, KEEP);
        Ok(dest)
    }
}

/// Writes a verified backup of the working file `working` through a read-only connection of
/// its own, so that it can run on another thread while the window goes on (a large file takes
/// seconds to copy and check). Edits committed meanwhile wait for the copy's read to end
/// (SQLite's busy timeout), and the copy holds the file as of one moment.
pub fn backup_file(working: &Path) -> Result<PathBuf, StoreError> {
    let store = Store::open_ro(working, super::ReadOnlyReason::Requested)?;
    let result = store.backup();
    store.close()?;
    result
}

/// Backup files in `dir`, newest first (their names sort by time).
fn backup_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "db") && !is_replaced(p))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files.reverse();
    files
}

fn is_replaced(p: &Path) -> bool {
    p.file_name().is_some_and(|n| n.to_string_lossy().contains("被替换"))
}

fn prune(dir: &Path, keep: usize) {
    for old in backup_files(dir).into_iter().skip(keep) {
        let _ = std::fs::remove_file(old); // best effort: an extra old backup harms nothing
    }
}

/// The backups of `working`, newest first, each checked.
pub fn list_backups(working: &Path) -> Vec<BackupInfo> {
    backup_files(&backup_dir(working))
        .into_iter()
        .map(|path| {
            let name = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
            let taken = name.rsplit('_').next().unwrap_or_default().to_owned();
            let report = check_file(&path).map_err(|e| e.to_string());
            BackupInfo { path, taken, report }
        })
        .collect()
}

/// Replaces `working` by `backup` (checked first). The replaced file, if any, is moved into the
/// backup folder as `…被替换-时间.db`; its path is returned.
pub fn restore(working: &Path, backup: &Path) -> Result<Option<PathBuf>, StoreError> {
    check_file(backup)?;
    let tmp = temp_sibling(working, "restore");
    std::fs::copy(backup, &tmp).map_err(|source| StoreError::Io { path: tmp.clone(), source })?;
    let mut kept = None;
    if working.exists() {
        let dir = backup_dir(working);
        std::fs::create_dir_all(&dir).map_err(|source| StoreError::Io { path: dir.clone(), source })?;
        let stem = working.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        let aside = dir.join(format!("{stem}_被替换-{}.db", stamp_now()));
        if let Err(source) = std::fs::rename(working, &aside) {
            let _ = std::fs::remove_file(&tmp); // best effort: the error is reported
            return Err(StoreError::Io { path: working.to_owned(), source });
        }
        kept = Some(aside);
    }
    std::fs::rename(&tmp, working).map_err(|source| StoreError::Io { path: working.to_owned(), source })?;
    Ok(kept)
}

/// The newest backup that passes the check.
pub fn newest_good(working: &Path) -> Option<BackupInfo> {
    list_backups(working).into_iter().find(|b| b.report.is_ok())
}
