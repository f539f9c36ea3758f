//! Writing files safely: to a temporary name in the same folder, then renamed into place.

use std::path::{Path, PathBuf};

/// A sibling path for a temporary file: same folder (so a rename is atomic), unique name.
pub fn temp_sibling(path: &Path, tag: &str) -> PathBuf {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    path.with_file_name(format!(".{name}.{tag}-{}.tmp", uuid::Uuid::new_v4().simple()))
}

/// Refuses to write `out` when it is one of `inputs` (by any path, link or hard link) or a
/// side file SQLite keeps beside one (`-journal`, `-wal`, `-shm`): an input is never an output.
pub fn refuse_overwriting_input(out: &Path, inputs: &[&Path]) -> Result<(), String> {
    // Only regular files are opened to compare them: opening a pipe would wait for ever.
    let regular = |p: &Path| std::fs::metadata(p).is_ok_and(|m| m.is_file());
    let same_file = |a: &Path, b: &Path| regular(a) && regular(b) && same_file::is_same_file(a, b).unwrap_or(false);
    for input in inputs {
        let same = same_file(out, input);
        let side = ["-journal", "-wal", "-shm"].iter().any(|tag| {
            let mut name = input.as_os_str().to_owned();
            name.push(tag);
            same_file(out, Path::new(&name)) || absolute(out) == absolute(Path::new(&name))
        });
        if same || side || absolute(out) == absolute(input) {
            return Err(format!(
                "输出位置“{}”就是输入文件“{}”（或其附属文件），不会覆盖输入",
                out.display(),
                input.display()
            ));
        }
    }
    Ok(())
}

/// `path` made absolute, its folder resolved where it exists (for comparing names of files that
/// may not exist yet).
fn absolute(path: &Path) -> PathBuf {
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_owned());
    match (abs.parent().and_then(|d| std::fs::canonicalize(d).ok()), abs.file_name()) {
        (Some(dir), Some(name)) => dir.join(name),
        _ => abs,
    }
}

/// `name` with the characters Windows and Linux refuse in file names replaced by `_`.
pub fn safe_file_name(name: &str) -> String {
    name.chars()
        .map(|c| if "/\\:*?\"<>|".contains(c) || c.is_control() || is_bidi_control(c) { '_' } else { c })
        .collect::<String>()
        .trim()
        .to_owned()
}

/// Characters that reorder text (U+202E makes “报送fdp.exe” look like “报送exe.pdf”).
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// `path` with extension `ext` (kept when it already has it, in any case).
pub fn ensure_extension(path: &Path, ext: &str) -> PathBuf {
    if path.extension().is_some_and(|e| e.eq_ignore_ascii_case(ext)) {
        path.to_owned()
    } else {
        path.with_extension(ext)
    }
}

/// Writes `bytes` to a temporary sibling, then renames it over `path`. The error is the
/// Chinese sentence the user reads.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), String> {
    write_atomically_with(path, |out| out.write_all(bytes).map_err(|e| write_failed(path, &e)), |e| e)
}

/// As `write_atomically`, the bytes written by `write` into the temporary sibling as they come
/// (a large PDF is never held whole in memory); what `write` returns is returned. A failure of
/// the file is `io_error` of the Chinese sentence; a failure of `write` is its own; either way
/// the sibling is removed.
pub fn write_atomically_with<T, E>(
    path: &Path,
    write: impl FnOnce(&mut dyn std::io::Write) -> Result<T, E>,
    io_error: impl Fn(String) -> E,
) -> Result<T, E> {
    let tmp = temp_sibling(path, "write");
    let failed = |e: &std::io::Error| io_error(write_failed(path, e));
    let result = std::fs::File::create(&tmp).map_err(|e| failed(&e)).and_then(|file| {
        let mut out = std::io::BufWriter::with_capacity(1 << 20, file);
        let written = write(&mut out)?;
        out.into_inner().map_err(|e| failed(e.error()))?;
        std::fs::rename(&tmp, path).map_err(|e| failed(&e))?;
        Ok(written)
    });
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp); // best effort: the error is what the user sees
    }
    result
}

/// The sentence for a failed write of `path`.
fn write_failed(path: &Path, e: &std::io::Error) -> String {
    format!("无法写入 {}：{}", path.display(), io_reason(e))
}

/// Chinese words for a failed file operation (the system's English text is not shown).
pub fn io_reason(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    let reason = match e.kind() {
        K::NotFound => "找不到文件或文件夹",
        K::PermissionDenied => "没有权限",
        K::AlreadyExists => "文件已存在",
        K::StorageFull => "磁盘已满",
        K::FileTooLarge => "文件过大（超出磁盘或系统的限制）",
        K::ReadOnlyFilesystem => "磁盘只读",
        K::IsADirectory => "这是一个文件夹，不是文件",
        K::NotADirectory => "路径中有一段不是文件夹",
        K::InvalidFilename => "文件名无效",
        K::Interrupted | K::TimedOut => "操作被中断",
        _ => "系统读写失败",
    };
    match e.raw_os_error() {
        Some(code) => format!("{reason}（系统错误 {code}）"),
        None => reason.to_owned(),
    }
}

/// Whether `path` lies on a network share: a UNC path (`\\server\share`), or on Linux a
/// mount of type cifs/smb/nfs/sshfs (from `/proc/self/mounts`). Editing there works, but is
/// slower and file locks are less reliable.
pub fn on_network_share(path: &Path) -> bool {
    let shown = path.to_string_lossy();
    if shown.starts_with("\\\\") || shown.starts_with("//") {
        return true;
    }
    let Ok(full) = std::fs::canonicalize(path) else { return false };
    let Ok(mounts) = std::fs::read_to_string("/proc/self/mounts") else { return false };
    let fstype = mounts
        .lines()
        .filter_map(|l| {
            let mut parts = l.split_whitespace();
            let (_, point, kind) = (parts.next()?, parts.next()?, parts.next()?);
            full.starts_with(point.replace("\\040", " ")).then(|| (point.len(), kind.to_owned()))
        })
        .max_by_key(|(len, _)| *len)
        .map(|(_, kind)| kind);
    fstype.is_some_and(|k| k.starts_with("cifs") || k.starts_with("smb") || k.starts_with("nfs") || k == "fuse.sshfs")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn network_shares_are_recognised_and_local_files_are_not() {
        assert!(on_network_share(Path::new(r"\\办公室-PC\共享\单位.db")));
        assert!(on_network_share(Path::new("//server/share/单位.db")));
        let local = std::env::temp_dir();
        assert!(!on_network_share(&local), "{}", local.display());
    }

    /// A write replaces the file whole or not at all: what the writer returns comes back; a
    /// failed writer or a missing folder leaves the old file as it was and no temporary sibling.
    #[test]
    fn a_write_replaces_the_file_whole_or_leaves_it_and_no_sibling() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("表格.pdf");
        write_atomically(&path, "旧的".as_bytes()).unwrap();
        let pages = write_atomically_with(
            &path,
            |w| w.write_all("新的".as_bytes()).map(|()| 7).map_err(|e| e.to_string()),
            |e| e,
        );
        assert_eq!((pages, std::fs::read_to_string(&path).unwrap()), (Ok(7), "新的".to_owned()));
        let failed = write_atomically_with(
            &path,
            |w| {
                w.write_all(b"half").map_err(|e| e.to_string())?;
                Err::<(), _>("排版失败".to_owned())
            },
            |e| e,
        );
        assert_eq!(failed, Err("排版失败".to_owned()));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "新的");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1, "no temporary sibling is left");
        let missing = write_atomically(&dir.path().join("没有的文件夹").join("a.pdf"), b"x").unwrap_err();
        assert!(missing.starts_with("无法写入") && missing.contains("找不到文件或文件夹"), "{missing}");
    }

    #[test]
    fn file_names_lose_what_would_mislead_or_fail() {
        assert_eq!(safe_file_name("报送\u{202E}fdp.exe"), "报送_fdp.exe");
        assert_eq!(safe_file_name("a/b:c"), "a_b_c");
    }
}
