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
    let tmp = temp_sibling(path, "write");
    let result = std::fs::write(&tmp, bytes).and_then(|()| std::fs::rename(&tmp, path));
    result.map_err(|e| {
        let _ = std::fs::remove_file(&tmp); // best effort: the error below is what the user sees
        format!("无法写入 {}：{}", path.display(), io_reason(&e))
    })
}

/// As `write_atomically`, the bytes written by `write` into the temporary sibling as they come
/// (a large PDF is never held whole in memory). A failure of the file is `io_error` of the
/// Chinese sentence; a failure of `write` is its own; either way the sibling is removed.
pub fn write_atomically_with<E>(
    path: &Path,
    write: impl FnOnce(&mut dyn std::io::Write) -> Result<(), E>,
    io_error: impl Fn(String) -> E,
) -> Result<(), E> {
    let tmp = temp_sibling(path, "write");
    let failed = |e: &std::io::Error| io_error(format!("无法写入 {}：{}", path.display(), io_reason(e)));
    let result = std::fs::File::create(&tmp).map_err(|e| failed(&e)).and_then(|file| {
        let mut out = std::io::BufWriter::with_capacity(1 << 20, file);
        write(&mut out)?;
        out.into_inner().map_err(|e| failed(e.error()))?;
        std::fs::rename(&tmp, path).map_err(|e| failed(&e))
    });
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp); // best effort: the error is what the user sees
    }
    result
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

    #[test]
    fn file_names_lose_what_would_mislead_or_fail() {
        assert_eq!(safe_file_name("报送\u{202E}fdp.exe"), "报送_fdp.exe");
        assert_eq!(safe_file_name("a/b:c"), "a_b_c");
    }
}
