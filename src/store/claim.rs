//! One writer per file: a window that opens a file for writing claims it with an operating-
//! system lock on a lock file beside it (`单位.db.lock`), which names who holds it and since
//! when. A second window or PC finds the lock taken and opens the file read-only, naming the
//! holder. The system releases the lock when the holder's process ends, however it ends, so a
//! claim left by a crash is simply taken over.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read as _, Seek as _, SeekFrom, Write as _};
use std::path::{Path, PathBuf};

/// A held claim; released (and its lock file removed) when dropped.
#[derive(Debug)]
pub struct Claim {
    file: File,
    path: PathBuf,
}

/// Who holds a file, as its lock file says (张三@办公室-PC 2026-12-02T14:02:00+08:00).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Holder {
    pub who: String,
    pub since: String,
}

impl Holder {
    /// 张三@办公室-PC 于 2026年12月2日 14:02
    pub fn text(&self) -> String {
        format!("{} 于 {}", self.who, crate::domain::dates::format_stamp(&self.since))
    }
}

/// The lock file of `db`: `db` with `.lock` appended.
pub fn lock_path(db: &Path) -> PathBuf {
    let mut name = db.as_os_str().to_owned();
    name.push(".lock");
    PathBuf::from(name)
}

/// This user at this computer (张三@办公室-PC).
pub fn whoami() -> String {
    let host = std::env::var("COMPUTERNAME")
        .or_else(|_| std::env::var("HOSTNAME"))
        .ok()
        .or_else(|| std::fs::read_to_string("/etc/hostname").ok().map(|h| h.trim().to_owned()))
        .filter(|h| !h.is_empty())
        .unwrap_or_else(|| "本机".to_owned());
    format!("{}@{host}", super::current_actor())
}

/// What taking a claim found.
#[derive(Debug)]
pub enum Taken {
    Claimed(Claim),
    /// Someone holds it: open read-only.
    Held(Holder),
    /// The place does not support locks (some network shares): open without a claim.
    Unsupported,
}

impl Claim {
    /// Claims `db` for writing, or says who holds it.
    pub fn take(db: &Path) -> Taken {
        let path = lock_path(db);
        let Ok(mut file) = OpenOptions::new().read(true).write(true).create(true).truncate(false).open(&path) else {
            return Taken::Unsupported;
        };
        match file.try_lock() {
            Ok(()) => {
                let text = format!("{}\n{}\n", whoami(), crate::domain::dates::now_stamp());
                let written = file.set_len(0).and_then(|()| file.seek(SeekFrom::Start(0))).and_then(|_| {
                    file.write_all(text.as_bytes())?;
                    file.sync_all()
                });
                // The claim holds by the lock; the text only names the holder.
                let _ = written;
                Taken::Claimed(Self { file, path })
            }
            Err(TryLockError::WouldBlock) => {
                let mut text = String::new();
                let _ = file.read_to_string(&mut text); // an unreadable name still means "held"
                let mut lines = text.lines();
                let who = lines.next().filter(|l| !l.trim().is_empty()).unwrap_or("另一个窗口或另一台电脑").to_owned();
                let since = lines.next().unwrap_or_default().to_owned();
                Taken::Held(Holder { who, since })
            }
            Err(TryLockError::Error(_)) => Taken::Unsupported,
        }
    }
}

impl Drop for Claim {
    fn drop(&mut self) {
        // Removed while still held, so no one takes a claim on a file about to vanish.
        let _ = std::fs::remove_file(&self.path); // best effort: a leftover lock file is unlocked, hence free
        let _ = self.file.unlock();
    }
}
