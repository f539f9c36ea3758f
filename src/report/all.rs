//! 全部打印: every form for the unit (or one department) into a folder, one PDF per form,
//! spread over the machine's cores, reporting progress and stopping when asked.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use super::ReportError;
use super::forms::Subject;
use crate::domain::Content;
use crate::domain::forms::FormInfo;

/// One file written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PrintedFile {
    pub path: PathBuf,
    pub title: &'static str,
    pub copies: usize,
    pub pages: usize,
}

/// What 全部打印 did.
#[derive(Debug, Default)]
pub struct AllReport {
    pub files: Vec<PrintedFile>,
    pub missing: BTreeSet<char>,
    /// Stopped by the user before every form was printed.
    pub cancelled: bool,
}

impl AllReport {
    pub fn pages(&self) -> usize {
        self.files.iter().map(|f| f.pages).sum()
    }
}

/// One form printed: the file and the characters no font had, or why not.
type OneResult = Result<(PrintedFile, Vec<char>), ReportError>;

/// `03_个人廉政风险自查表（财务处）.pdf`
pub fn file_name(n: usize, info: &FormInfo, subject: &str) -> String {
    let tail = if subject == "全单位" { String::new() } else { format!("（{subject}）") };
    crate::fsutil::safe_file_name(&format!("{n:02}_{}{tail}.pdf", info.title))
}

/// Prints `forms` for `subject` into `dir` (created if missing). `progress(done, total, title)`
/// is called as each form finishes; `cancel` stops before the next form. The first error
/// stops the rest and is returned; files already written stay.
pub fn print_all(
    c: &Content,
    subject: &Subject,
    forms: &[&'static FormInfo],
    dir: &Path,
    progress: &(dyn Fn(usize, usize, &str) + Sync),
    cancel: &AtomicBool,
) -> Result<AllReport, ReportError> {
    std::fs::create_dir_all(dir).map_err(|e| {
        ReportError::Write(format!("无法创建文件夹 {}：{}", dir.display(), crate::fsutil::io_reason(&e)))
    })?;
    let index = crate::domain::content::ContentIndex::build(c);
    let levels = crate::domain::levels::DerivedLevels::compute(c);
    let described = subject.describe(c, &index);
    // The faces every form embeds, parsed once for all of them (else once per form).
    let _fonts = super::pdf::fonts().map_err(ReportError::Font)?;
    let next = AtomicUsize::new(0);
    let done = AtomicUsize::new(0);
    let results: Mutex<Vec<(usize, OneResult)>> = Mutex::new(Vec::new());
    let failed = AtomicBool::new(false);
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get()).min(forms.len()).max(1);
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                loop {
                    if cancel.load(Ordering::Relaxed) || failed.load(Ordering::Relaxed) {
                        return;
                    }
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(info) = forms.get(i) else { return };
                    let path = dir.join(file_name(i + 1, info, &described));
                    let result = print_one((c, (&index, &levels)), subject, info, &path);
                    failed.fetch_or(result.is_err(), Ordering::Relaxed);
                    progress(done.fetch_add(1, Ordering::Relaxed) + 1, forms.len(), info.title);
                    if let Ok(mut r) = results.lock() {
                        r.push((i, result));
                    }
                }
            });
        }
    });
    let mut results = results.into_inner().map_err(|_| ReportError::Pdf("打印线程出错".to_owned()))?;
    results.sort_by_key(|(i, _)| *i);
    let mut report = AllReport { cancelled: results.len() < forms.len(), ..AllReport::default() };
    for (_, result) in results {
        let (file, missing) = result?;
        report.files.push(file);
        report.missing.extend(missing);
    }
    Ok(report)
}

fn print_one(
    (c, lookups): (&Content, super::forms::Lookups<'_>),
    subject: &Subject,
    info: &'static FormInfo,
    path: &Path,
) -> Result<(PrintedFile, Vec<char>), ReportError> {
    let printed = super::print_file_with(c, lookups, info.id, subject, path)
        .map_err(|e| ReportError::Form { title: info.title, reason: Box::new(e) })?;
    let file = PrintedFile { path: path.to_owned(), title: info.title, copies: printed.copies, pages: printed.pages };
    Ok((file, printed.missing))
}
