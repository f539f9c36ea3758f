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
        format!("无法写入 {}：{e}", path.display())
    })
}
