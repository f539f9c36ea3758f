//! Writing files safely: to a temporary name in the same folder, then renamed into place.

use std::path::{Path, PathBuf};

/// A sibling path for a temporary file: same folder (so a rename is atomic), unique name.
pub fn temp_sibling(path: &Path, tag: &str) -> PathBuf {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    path.with_file_name(format!(".{name}.{tag}-{}.tmp", uuid::Uuid::new_v4().simple()))
}

/// `name` with the characters Windows and Linux refuse in file names replaced by `_`.
pub fn safe_file_name(name: &str) -> String {
    name.chars()
        .map(|c| if "/\\:*?\"<>|".contains(c) || c.is_control() { '_' } else { c })
        .collect::<String>()
        .trim()
        .to_owned()
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
