//! What a view or dialog asks for. Views return these; `App::apply` carries them out after
//! drawing — the one place where the file is changed. Kept apart from app.rs so that the tabs
//! depend on this small file, not on the application that draws them.

use std::path::PathBuf;

use super::document::History;
use crate::domain::change::Edit;
use crate::domain::ops::Rule;

/// Something a view or dialog wants done; applied by `App::apply` after drawing.
#[must_use]
#[derive(Debug)]
pub enum Command {
    Open(PathBuf),
    Create {
        path: PathBuf,
        unit: String,
        kind: String,
        scheme_id: String,
        /// The working year the plan's phases are dated in.
        year: i32,
    },
    SaveCopy(PathBuf),
    /// Copy the open file into a new unit's file (new unit id, name from the file name) and open it.
    SaveAsNewUnit(PathBuf),
    OpenDemo(String),
    Pick(FilePurpose),
    ShowNewFile,
    /// Commit this edit (built by `domain::ops`) as one undoable step.
    Edit(Edit),
    /// Take back the last edit, or do again the last one taken back.
    Replay(History),
    /// Replace the working file by a backup (the replaced file is kept), then reopen it.
    Restore {
        working: PathBuf,
        backup: PathBuf,
    },
    /// Print form `form` for `subject` to `path`.
    PrintForm {
        form: crate::domain::forms::FormId,
        subject: crate::report::forms::Subject,
        path: PathBuf,
    },
    /// Print every form (or those of the scheme) into a new folder inside `dir`.
    PrintAll {
        subject: crate::report::forms::Subject,
        scheme_only: bool,
        dir: PathBuf,
    },
    /// Save the area's 统计表 as PDF.
    PrintAreaStatistics(PathBuf),
    /// Open a file or folder with the system's program (PDF viewer, file manager).
    OpenExternally(PathBuf),
    /// Open or create the area file for 汇总.
    OpenArea(PathBuf),
    /// Import these units' files into the open area file.
    ImportUnits(Vec<PathBuf>),
    /// Look into one submission of the area read-only.
    DrillDown(String),
    /// Write a backup now.
    Backup,
    /// Read and check the list of backups (for the 数据报送 tab).
    ListBackups,
    /// Write the hand-up copy and its 报送单 into this folder.
    Export(PathBuf),
    /// Write the unit's lists (those named, or all) to `path` as an Excel workbook.
    ExportWorkbook {
        path: PathBuf,
        sheets: Option<&'static [&'static str]>,
    },
    /// Write the area's per-unit figures to `path` as an Excel workbook.
    ExportAreaWorkbook(PathBuf),
    /// Read a workbook and show what importing it would do.
    ReadWorkbook(PathBuf),
    /// Write the 公示 list (risk points of `status`, or all) to `path` as CSV.
    ExportPublicList {
        path: PathBuf,
        status: Option<crate::domain::ReviewStatus>,
    },
}

/// What a picked path is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FilePurpose {
    Open,
    SaveCopy,
    /// A copy that becomes a new unit (its own id; its name from the file name).
    NewUnitCopy,
    NewFileLocation,
    /// A folder for the hand-up copy (the file name is generated).
    Export,
    /// Where to save a printed form (form id, and what it is printed for).
    Print {
        form: crate::domain::forms::FormId,
        subject: crate::report::forms::Subject,
    },
    /// Where to put the folder of 全部打印.
    PrintAll {
        subject: crate::report::forms::Subject,
        scheme_only: bool,
    },
    /// An area file for 汇总 (existing or new).
    AreaFile,
    /// Where to save the area's 统计表 as PDF.
    AreaStatistics,
    /// Units' files to import into the area (several, or a folder of them).
    UnitFiles,
    /// The 公示 list of risk points (of a review status, or all) as CSV.
    PublicList(Option<crate::domain::ReviewStatus>),
    /// Where to save the unit's lists (those named, or all) as an Excel workbook.
    Workbook(Option<&'static [&'static str]>),
    /// Where to save the area's per-unit figures as an Excel workbook.
    AreaWorkbook,
    /// A workbook to import.
    ImportWorkbook,
}

/// What a view returns for a domain operation's outcome: its edit to commit (clearing
/// `error`), or nothing, with the refusal written into `error` for the view to show.
pub fn outcome(result: Result<impl Into<Option<Edit>>, Rule>, error: &mut String) -> Vec<Command> {
    match result {
        Ok(edit) => {
            error.clear();
            edit.into().map(Command::Edit).into_iter().collect()
        }
        Err(rule) => {
            *error = rule.to_string();
            Vec::new()
        }
    }
}
