//! Helpers shared by the integration tests.
#![allow(dead_code, reason = "each test binary uses a different subset")]

pub mod pdf;
pub mod ui;

use std::path::{Path, PathBuf};

use lianfang::store::Store;

/// Writes the demo file of `scheme` into `dir` and returns its path.
pub fn demo_file(dir: &Path, scheme: &str) -> PathBuf {
    let path = dir.join(format!("{scheme}.db"));
    let content = lianfang::demo::build(scheme).unwrap();
    Store::create(&path, &content).unwrap().close().unwrap();
    path
}

/// Every file in `dir`, by name, sorted.
pub fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> =
        std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    names
}

/// The bytes of a file, to prove a failed open changed nothing.
pub fn bytes(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap()
}
