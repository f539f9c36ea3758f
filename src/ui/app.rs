//! The application: menu, tab bar, notices, and the one place where commands are applied.

mod workbooks;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::command::Command;
use super::dialogs::{Dialogs, FilePurpose};
use super::document::{Document, History};
use super::tabs::{Tab, Views};
use crate::domain::change::Edit;
use crate::domain::{Content, Scheme};
use crate::store::{Store, StoreError};

pub const TITLE: &str = crate::about::PROGRAM_NAME;
const MAX_RECENT: usize = 10;

/// What survives a restart (eframe storage). `serde(default)` keeps old state loadable.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Persisted {
    pub recent: Vec<PathBuf>,
    pub tab: Tab,
    /// The working file open when the program was last closed: opened again at start.
    pub last_open: Option<PathBuf>,
    /// Files on network shares whose notice was shown once.
    pub network_noted: Vec<PathBuf>,
}

/// A message at the bottom of the window, with a file or folder to open from it.
struct Notice {
    text: String,
    error: bool,
    open: Option<PathBuf>,
    shown: std::time::Instant,
}

/// How long a plain confirmation (已保存 …) stays; errors and notices with a file to open stay
/// until closed.
const NOTICE_FADES_AFTER: std::time::Duration = std::time::Duration::from_secs(12);

impl Notice {
    fn with_file(text: String, error: bool, open: PathBuf) -> Self {
        Self { text, error, open: Some(open), shown: std::time::Instant::now() }
    }
}

pub struct App {
    persisted: Persisted,
    /// The `last_open` last written to eframe's storage.
    persisted_saved_for: Option<PathBuf>,
    data_dir: Option<PathBuf>,
    /// A damaged working file and its newest good backup, offered for restoring.
    offer_restore: Option<(PathBuf, crate::store::backup::BackupInfo)>,
    doc: Option<Document>,
    views: Views,
    dialogs: Dialogs,
    notices: Vec<Notice>,
    shown_title: String,
    /// The egui context, so worker threads can ask for a repaint.
    ctx: Option<egui::Context>,
    print_job: Option<super::print_job::PrintJob>,
    /// 帮助 → 关于 is open.
    about_open: bool,
    /// 从 Excel 导入, while its window is open.
    workbook_import: Option<super::workbook_import::WorkbookImport>,
}

impl App {
    /// Opens `file`; without one, the file open when the program was last closed (or, from
    /// earlier versions, the default database), else the start page.
    /// `native_dialogs = false` uses only the built-in file dialog (tests, no desktop portal).
    pub fn new(persisted: Persisted, file: Option<PathBuf>, native_dialogs: bool) -> Self {
        Self::with_data_dir(persisted, file, native_dialogs, super::data_dir().ok())
    }

    /// As `new`, with the data folder given (tests use a folder of their own).
    pub fn with_data_dir(
        persisted: Persisted,
        file: Option<PathBuf>,
        native_dialogs: bool,
        data_dir: Option<PathBuf>,
    ) -> Self {
        let legacy_default = data_dir.as_ref().map(|d| d.join("lianfang.db")).filter(|p| p.is_file());
        let mut app = Self {
            persisted_saved_for: None,
            data_dir: data_dir.clone(),
            persisted,
            offer_restore: None,
            doc: None,
            views: Views::default(),
            dialogs: Dialogs::new(native_dialogs, data_dir),
            notices: Vec::new(),
            shown_title: String::new(),
            ctx: None,
            print_job: None,
            about_open: false,
            workbook_import: None,
        };
        let last = app.persisted.last_open.clone();
        // An area file (a double click on a received 汇总 file) opens in 上级汇总, beside the
        // unit's own file.
        let file = match file {
            Some(path) if crate::store::is_area_file(&path) => {
                app.persisted.tab = Tab::Consolidation;
                app.apply(Command::OpenArea(path));
                None
            }
            file => file,
        };
        match (file, last) {
            (Some(path), _) => app.open(&path),
            (None, Some(path)) if path.exists() => app.open(&path),
            (None, Some(path)) => {
                app.persisted.last_open = None;
                app.error(format!(
                    "上次打开的文件“{}”已不存在（被移动或删除？），请从“最近打开”或备份中找回",
                    path.display()
                ));
            }
            (None, None) => {
                if let Some(path) = legacy_default {
                    app.open(&path);
                }
            }
        }
        app
    }

    /// The app on `path` with built-in dialogs only, for tests.
    pub fn for_file(path: &Path) -> Self {
        Self::new(Persisted::default(), Some(path.to_owned()), false)
    }

    /// What is kept across a restart (eframe saves it on closing).
    pub fn persisted(&self) -> &Persisted {
        &self.persisted
    }

    pub fn document(&self) -> Option<&Document> {
        self.doc.as_ref()
    }

    /// Waits for work running beside the window (a backup) and reports its end, as closing
    /// does (benchmarks and tests that time or inspect what follows).
    pub fn finish_background_work(&mut self) {
        self.report_backup(true);
    }

    pub fn tab(&self) -> Tab {
        self.persisted.tab
    }

    /// Shows `tab` (as clicking it would).
    pub fn set_tab(&mut self, tab: Tab) {
        self.persisted.tab = tab;
    }

    /// Messages shown at the bottom, for tests.
    pub fn notices(&self) -> Vec<String> {
        self.notices.iter().map(|n| n.text.clone()).collect()
    }

    fn error(&mut self, text: impl Into<String>) {
        self.notices.push(Notice { text: text.into(), error: true, open: None, shown: std::time::Instant::now() });
    }

    fn info(&mut self, text: impl Into<String>) {
        self.notices.push(Notice { text: text.into(), error: false, open: None, shown: std::time::Instant::now() });
    }

    fn open(&mut self, path: &Path) {
        self.report_backup(true);
        // Opening the file that is open already: let go of it first (and of its claim).
        let same = |a: &Path, b: &Path| {
            std::fs::canonicalize(a).ok().zip(std::fs::canonicalize(b).ok()).is_some_and(|(a, b)| a == b)
        };
        if self.doc.as_ref().is_some_and(|d| same(d.store.path(), path))
            && let Some(doc) = self.doc.take()
            && let Err(e) = doc.store.close()
        {
            self.error(format!("关闭文件失败：{e}"));
        }
        match Store::open(path) {
            Ok(store) => self.set_store(store, "已打开"),
            Err(e) => {
                let damaged = matches!(
                    e,
                    StoreError::Damaged { .. }
                        | StoreError::NotSqlite(_)
                        | StoreError::ForeignObjects { .. }
                        | StoreError::ForeignJournal { .. }
                        | StoreError::BadContent { .. }
                        | StoreError::BadVersion { .. }
                );
                self.error(e.to_string());
                if damaged && let Some(backup) = crate::store::backup::newest_good(path) {
                    self.offer_restore = Some((path.to_owned(), backup));
                }
            }
        }
    }

    fn set_store(&mut self, store: Store, verb: &str) {
        self.report_backup(true);
        let path = store.path().to_owned();
        let read_only = store.read_only().map(|r| r.message());
        match Document::new(store) {
            Ok(doc) => {
                // What was said about the previous document's read-only state no longer holds.
                self.notices.retain(|n| !n.text.starts_with("注意："));
                self.info(format!("{verb}：{}", path.display()));
                if let Some(reason) = read_only {
                    self.error(format!("注意：{reason}"));
                }
                if doc.store.read_only() != Some(&crate::store::ReadOnlyReason::Requested) {
                    self.persisted.last_open = Some(std::fs::canonicalize(&path).unwrap_or_else(|_| path.clone()));
                }
                if crate::fsutil::on_network_share(&path) && !self.persisted.network_noted.contains(&path) {
                    self.notices.push(Notice::with_file(
                        "此文件在网络共享文件夹中：可以编辑，但比在本机慢，断网或多人同时打开时风险更大。建议复制到本机编辑，完成后再放回。"
                            .to_owned(),
                        true,
                        path.parent().map_or_else(|| path.clone(), Path::to_owned),
                    ));
                    self.persisted.network_noted.push(path.clone());
                }
                self.doc = Some(doc);
                self.views = Views::default();
                self.dialogs.close_new_file();
                self.remember(path);
                self.backup_if_due();
            }
            Err(e) => self.error(e.to_string()),
        }
    }

    fn remember(&mut self, path: PathBuf) {
        let path = std::fs::canonicalize(&path).unwrap_or(path);
        self.persisted.recent.retain(|p| *p != path);
        self.persisted.recent.insert(0, path);
        self.persisted.recent.truncate(MAX_RECENT);
    }

    /// Draws the whole window. Called by eframe and by the kittest harness.
    pub fn ui_root(&mut self, ui: &mut egui::Ui) {
        self.report_backup(false);
        let mut commands = Vec::new();
        self.ctx = Some(ui.ctx().clone());
        self.update_title(ui.ctx());
        commands.extend(self.shortcuts(ui.ctx()));
        egui::Panel::top("menu").show(ui, |ui| commands.extend(self.menu_ui(ui)));
        egui::Panel::top("tabs").show(ui, |ui| self.tab_bar_ui(ui));
        if !self.notices.is_empty() {
            egui::Panel::bottom("notices").show(ui, |ui| commands.extend(self.notices_ui(ui)));
        }
        if self.print_job.is_some() {
            egui::Panel::bottom("print_job").show(ui, |ui| self.print_job_ui(ui));
        }
        egui::CentralPanel::default().show(ui, |ui| match self.views.ui(self.persisted.tab, ui, self.doc.as_ref()) {
            Some(view) => commands.extend(view),
            None => commands.extend(super::start::start_page_ui(ui, self.dialogs.start_form(), &self.persisted.recent)),
        });
        commands.extend(self.dialogs.ui(ui.ctx()));
        commands.extend(self.workbook_import_ui(ui.ctx()));
        commands.extend(self.offer_restore_ui(ui.ctx()));
        super::about::about_ui(ui.ctx(), &mut self.about_open, self.data_dir.as_deref());
        if !commands.is_empty() {
            // Commands change what is shown after this frame was drawn: draw again at once.
            ui.ctx().request_repaint();
        }
        for command in commands {
            self.apply(command);
        }
    }

    fn update_title(&mut self, ctx: &egui::Context) {
        let title = match &self.doc {
            Some(doc) => {
                let ro = if doc.store.read_only().is_some() { "（只读）" } else { "" };
                format!("{TITLE} — {} — {}{ro}", doc.content.unit.name, doc.store.path().display())
            }
            None => TITLE.to_owned(),
        };
        if title != self.shown_title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.shown_title = title;
        }
    }

    fn menu_ui(&mut self, ui: &mut egui::Ui) -> Vec<Command> {
        let mut out = Vec::new();
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("文件", |ui| {
                if ui.button("新建…").clicked() {
                    out.push(Command::ShowNewFile);
                }
                if ui.button("打开…").clicked() {
                    out.push(Command::Pick(FilePurpose::Open));
                }
                let can_copy = self.doc.is_some();
                if ui.add_enabled(can_copy, egui::Button::new("另存为…")).clicked() {
                    out.push(Command::Pick(FilePurpose::SaveCopy));
                }
                if ui
                    .add_enabled(can_copy, egui::Button::new("另存为新单位…"))
                    .on_hover_text("以本文件为底稿建立另一个单位的文件：新的单位编号，单位名称取自文件名")
                    .clicked()
                {
                    out.push(Command::Pick(FilePurpose::NewUnitCopy));
                }
                if ui.add_enabled(can_copy, egui::Button::new("导出报送文件…")).clicked() {
                    out.push(Command::Pick(FilePurpose::Export));
                }
                ui.menu_button("打开示例数据", |ui| {
                    for s in Scheme::presets().unwrap_or_default() {
                        if ui.button(&s.name).clicked() {
                            out.push(Command::OpenDemo(s.id.clone()));
                        }
                    }
                });
                ui.menu_button("最近打开", |ui| {
                    if self.persisted.recent.is_empty() {
                        ui.weak("（无）");
                    }
                    for p in &self.persisted.recent {
                        if ui.button(p.display().to_string()).clicked() {
                            out.push(Command::Open(p.clone()));
                        }
                    }
                });
            });
            ui.menu_button("编辑", |ui| {
                for (way, shortcut) in [(History::Undo, "Ctrl+Z"), (History::Redo, "Ctrl+Y")] {
                    let label = self.doc.as_ref().and_then(|d| d.history_label(way));
                    let text = label.map_or_else(|| way.verb().to_owned(), |l| format!("{}：{l}", way.verb()));
                    if ui.add_enabled(label.is_some(), egui::Button::new(text).shortcut_text(shortcut)).clicked() {
                        out.push(Command::Replay(way));
                    }
                }
            });
            ui.menu_button("帮助", |ui| {
                self.about_open |= ui.button("关于…").clicked();
            });
            if let Some(doc) = &self.doc {
                ui.separator();
                ui.label(format!("{} · {}", doc.content.unit.name, doc.scheme().name));
                if let Some(reason) = doc.store.read_only() {
                    ui.separator();
                    ui.colored_label(super::widgets::WARN, format!("只读：{}", reason.message()));
                    if matches!(reason, crate::store::ReadOnlyReason::Claimed(_))
                        && ui.button("重试").on_hover_text("对方关闭文件后，重新打开以便编辑").clicked()
                    {
                        out.push(Command::Open(doc.store.path().to_owned()));
                    }
                }
            }
        });
        out
    }

    /// Ctrl+Z undoes the last edit, Ctrl+Y (or Ctrl+Shift+Z) does it again, unless a text
    /// field has the keyboard (there they act on the typing).
    fn shortcuts(&self, ctx: &egui::Context) -> Option<Command> {
        if ctx.egui_wants_keyboard_input() {
            return None;
        }
        let shortcut = egui::KeyboardShortcut::new;
        let redo = [
            shortcut(egui::Modifiers::COMMAND, egui::Key::Y),
            shortcut(egui::Modifiers::COMMAND | egui::Modifiers::SHIFT, egui::Key::Z),
        ];
        let undo = shortcut(egui::Modifiers::COMMAND, egui::Key::Z);
        ctx.input_mut(|i| {
            // The longer shortcut first: consuming Ctrl+Z would also match Ctrl+Shift+Z.
            if redo.iter().any(|r| i.consume_shortcut(r)) {
                Some(Command::Replay(History::Redo))
            } else {
                i.consume_shortcut(&undo).then_some(Command::Replay(History::Undo))
            }
        })
    }

    /// The tabs; with no file open only 开始页 and 上级汇总 (which needs no unit file).
    fn tab_bar_ui(&mut self, ui: &mut egui::Ui) {
        ui.horizontal_wrapped(|ui| {
            if self.doc.is_none() {
                let on_start = self.persisted.tab != Tab::Consolidation;
                if ui.selectable_label(on_start, "开始页").clicked() {
                    self.persisted.tab = Tab::Plan;
                }
                ui.selectable_value(&mut self.persisted.tab, Tab::Consolidation, Tab::Consolidation.to_string());
                return;
            }
            for tab in Tab::ALL {
                ui.selectable_value(&mut self.persisted.tab, tab, tab.to_string());
            }
        });
    }

    fn notices_ui(&mut self, ui: &mut egui::Ui) -> Option<Command> {
        // Confirmations fade; the newest stays so the last result can always be read.
        let newest = self.notices.len().saturating_sub(1);
        let mut i = 0;
        self.notices.retain(|n| {
            let keep = n.error || n.open.is_some() || i == newest || n.shown.elapsed() < NOTICE_FADES_AFTER;
            i += 1;
            keep
        });
        if self.notices.iter().any(|n| !n.error && n.open.is_none()) {
            ui.ctx().request_repaint_after(NOTICE_FADES_AFTER);
        }
        if self.notices.len() > 3 {
            ui.weak(format!("（另有 {} 条较早的消息）", self.notices.len() - 3));
        }
        let mut dismiss = None;
        let mut out = None;
        for (i, n) in self.notices.iter().enumerate().rev().take(3) {
            ui.horizontal(|ui| {
                if ui.small_button("关闭").on_hover_text("关闭此消息").clicked() {
                    dismiss = Some(i);
                }
                if let Some(path) = &n.open
                    && ui.small_button("打开").on_hover_text(path.display().to_string()).clicked()
                {
                    out = Some(Command::OpenExternally(path.clone()));
                }
                let color = if n.error { super::widgets::WARN } else { super::widgets::OK };
                ui.colored_label(color, &n.text);
            });
        }
        if let Some(i) = dismiss {
            self.notices.remove(i);
        }
        out
    }

    fn print_job_ui(&mut self, ui: &mut egui::Ui) {
        let Some(job) = &mut self.print_job else { return };
        if let Some(outcome) = job.ui(ui) {
            self.print_job = None;
            self.notices.push(Notice::with_file(outcome.text, outcome.error, outcome.open));
            if let Some(warning) = outcome.warning {
                self.error(warning);
            }
        }
    }

    fn print_all(&mut self, subject: crate::report::forms::Subject, scheme_only: bool, dir: &Path) {
        let (Some(doc), Some(ctx)) = (&self.doc, &self.ctx) else { return };
        if self.print_job.is_some() {
            return self.error("上一次打印尚未完成");
        }
        let scheme = doc.scheme();
        let forms: Vec<_> =
            crate::domain::forms::CATALOGUE.iter().filter(|f| !scheme_only || scheme.uses_form(f.id)).collect();
        let name = format!(
            "{}_表格_{}_{}",
            doc.content.unit.name,
            subject.describe(&doc.content, &doc.index),
            crate::domain::dates::today().format("%Y%m%d")
        );
        let folder = unused_folder(&dir.join(crate::fsutil::safe_file_name(&name)));
        self.print_job = Some(super::print_job::PrintJob::start(Arc::clone(&doc.content), subject, forms, folder, ctx));
    }

    fn apply(&mut self, command: Command) {
        match command {
            Command::Open(path) => self.open(&path),
            Command::Create { path, unit, kind, scheme_id, year } => self.create(&path, &unit, &kind, &scheme_id, year),
            Command::SaveCopy(path) => self.save_copy(&path),
            Command::SaveAsNewUnit(path) => self.save_as_new_unit(&path),
            Command::OpenDemo(scheme_id) => self.open_demo(&scheme_id),
            Command::Pick(purpose) => self.dialogs.pick(purpose, self.suggested_name(purpose)),
            Command::ShowNewFile => self.dialogs.show_new_file(),
            Command::Edit(edit) => self.apply_edit(&edit),
            Command::Replay(way) => self.replay(way),
            Command::ExportPublicList { path, status } => self.export_public_list(&path, status),
            Command::ExportWorkbook { path, sheets } => self.export_workbook(&path, sheets),
            Command::ExportAreaWorkbook(path) => self.export_area_workbook(&path),
            Command::ReadWorkbook(path) => self.read_workbook(&path),
            Command::Export(dir) => self.export(&dir),
            Command::PrintForm { form, subject, path } => self.print_form(form, &subject, &path),
            Command::PrintAll { subject, scheme_only, dir } => self.print_all(subject, scheme_only, &dir),
            Command::PrintAreaStatistics(path) => match self.views.consolidation.print_statistics(&path) {
                Ok((path, pages)) => self.notices.push(Notice::with_file(
                    format!("已保存统计表：{}（{pages} 页）", path.display()),
                    false,
                    path,
                )),
                Err(e) => self.error(format!("打印统计表失败：{e}")),
            },
            Command::OpenExternally(path) => {
                if opener::open(&path).is_err() {
                    self.error(format!("无法用系统程序打开 {}（没有关联的程序？）", path.display()));
                }
            }
            Command::OpenArea(path) => match self.views.consolidation.open(&path) {
                Ok(()) => self.info(format!("已打开汇总文件：{}", path.display())),
                Err(e) => self.error(format!("无法打开汇总文件：{e}")),
            },
            Command::ImportUnits(files) => {
                if files.is_empty() {
                    self.error("所选位置没有 .db 文件");
                } else if let Some(ctx) = &self.ctx {
                    self.views.consolidation.import(files, ctx);
                }
            }
            Command::DrillDown(id) => self.drill_down(&id),
            Command::Restore { working, backup } => self.restore(&working, &backup),
            Command::Backup => {
                if let Some(doc) = &mut self.doc {
                    doc.start_backup(true, self.ctx.clone());
                    self.info("正在备份……");
                }
            }
            Command::ListBackups => {
                if let Some(doc) = &mut self.doc {
                    doc.backups = Some(crate::store::backup::list_backups(doc.store.path()));
                }
            }
        }
    }

    /// The file name a save dialog offers for `purpose`.
    fn suggested_name(&self, purpose: FilePurpose) -> String {
        let unit = self.doc.as_ref().map_or_else(String::new, |d| crate::fsutil::safe_file_name(&d.content.unit.name));
        match purpose {
            FilePurpose::Open
            | FilePurpose::UnitFiles
            | FilePurpose::Export
            | FilePurpose::PrintAll { .. }
            | FilePurpose::ImportWorkbook => String::new(),
            FilePurpose::PublicList(_) => format!("{unit}风险点公示清单.csv"),
            FilePurpose::Workbook(None) => format!("{unit}廉政风险防控数据.xlsx"),
            FilePurpose::Workbook(Some(sheets)) => format!("{unit}_{}.xlsx", sheets.join("_")),
            FilePurpose::AreaWorkbook => "各单位廉政风险防控情况.xlsx".to_owned(),
            FilePurpose::AreaFile => "汇总.db".to_owned(),
            FilePurpose::AreaStatistics => "处室廉政风险防控统计表.pdf".to_owned(),
            FilePurpose::Print { form, subject } => {
                let title = form.info().title;
                let scope = self.doc.as_ref().map_or_else(String::new, |d| subject.describe(&d.content, &d.index));
                crate::fsutil::safe_file_name(&format!("{unit}_{title}_{scope}.pdf"))
            }
            FilePurpose::SaveCopy => format!("{unit}_副本.db"),
            FilePurpose::NewUnitCopy => "新单位.db".to_owned(),
            FilePurpose::NewFileLocation => "本单位.db".to_owned(),
        }
    }

    fn export(&mut self, dir: &Path) {
        let Some(doc) = &mut self.doc else { return };
        let report = match doc.store.export(dir) {
            Ok(r) => r,
            Err(e) => return self.error(format!("导出失败：{e}")),
        };
        let slip = match crate::report::write_slip(&report) {
            Ok(p) => p,
            Err(e) => return self.error(format!("报送文件已导出，但报送单未能打印：{e}")),
        };
        let text = format!(
            "已导出报送文件：{}（SHA-256：{}）；报送单：{}（请打印签字盖章）",
            report.path.display(),
            report.sha256,
            slip.display()
        );
        doc.last_export = Some(super::document::Exported { report, slip_pdf: slip.clone() });
        self.persisted.tab = Tab::Exchange;
        self.notices.push(Notice::with_file(text, false, slip));
    }

    fn export_public_list(&mut self, path: &Path, status: Option<crate::domain::ReviewStatus>) {
        let Some(doc) = &self.doc else { return };
        let path = crate::fsutil::ensure_extension(path, "csv");
        let csv = crate::domain::coverage::public_list_csv(&doc.content, status);
        match crate::fsutil::write_atomically(&path, csv.as_bytes()) {
            Ok(()) => self.info(format!("已导出公示清单：{}（{} 个风险点）", path.display(), csv.lines().count() - 1)),
            Err(e) => self.error(e),
        }
    }

    fn apply_edit(&mut self, edit: &Edit) {
        let Some(doc) = &mut self.doc else { return };
        let label = &edit.label;
        match doc.apply(label, &edit.changes) {
            Ok(()) => {
                self.info(format!("已保存：{label}"));
                self.backup_if_due();
            }
            Err(e) => self.error(format!("未能保存（{label}）：{e}")),
        }
    }

    /// Builds the form's rows, lays it out and writes the PDF on a worker thread, from the
    /// content as it is now (a large unit's form takes seconds); the bottom bar shows it until
    /// it is saved.
    fn print_form(&mut self, form: crate::domain::forms::FormId, subject: &crate::report::forms::Subject, path: &Path) {
        let (Some(doc), Some(ctx)) = (&self.doc, &self.ctx) else { return };
        if self.print_job.is_some() {
            return self.error("上一次打印尚未完成");
        }
        let path = crate::fsutil::ensure_extension(path, "pdf");
        let job = super::print_job::PrintJob::start_one(Arc::clone(&doc.content), form, *subject, path, ctx);
        self.print_job = Some(job);
    }

    /// Opens one unit of the area read-only, with every tab.
    fn drill_down(&mut self, submission_id: &str) {
        // A throw-away copy for looking only: the system's temporary folder is the place.
        let dir = std::env::temp_dir().join("lianfang-汇总查看");
        match self.views.consolidation.extract(submission_id, &dir) {
            Ok(path) => match Store::open_read_only(&path) {
                Ok(store) => {
                    self.set_store(store, "只读查看汇总中的单位");
                    self.persisted.tab = Tab::Organisation;
                }
                Err(e) => self.error(e.to_string()),
            },
            Err(e) => self.error(e),
        }
    }

    fn backup_if_due(&mut self) {
        if let Some(doc) = &mut self.doc {
            doc.backup_if_due(self.ctx.clone());
        }
    }

    /// Tells how a backup running on its thread ended, once it has (asked for: also success);
    /// with `wait`, waits for it first (before the file is closed or replaced).
    fn report_backup(&mut self, wait: bool) {
        let Some(doc) = &mut self.doc else { return };
        let finished = if wait { doc.wait_for_backup() } else { doc.finished_backup() };
        match finished {
            Some((Ok(path), true)) => self.info(format!("已备份：{}", path.display())),
            Some((Err(e), asked)) => self.error(format!("{}失败：{e}", if asked { "备份" } else { "自动备份" })),
            Some((Ok(_), false)) | None => {}
        }
    }

    fn restore(&mut self, working: &Path, backup: &Path) {
        // Close the file before replacing it (a backup being written finishes first).
        self.report_backup(true);
        if let Some(doc) = self.doc.take()
            && let Err(e) = doc.store.close()
        {
            self.error(format!("关闭文件失败：{e}"));
        }
        match crate::store::backup::restore(working, backup) {
            Ok(kept) => {
                let kept = kept.map_or_else(String::new, |k| format!("；被替换的文件保存为 {}", k.display()));
                self.info(format!("已从备份恢复：{}{kept}", backup.display()));
            }
            Err(e) => self.error(format!("恢复失败：{e}")),
        }
        self.open(working);
    }

    /// Offers the newest good backup of a working file that did not open.
    fn offer_restore_ui(&mut self, ctx: &egui::Context) -> Option<Command> {
        let (working, backup) = self.offer_restore.as_ref()?;
        let mut out = None;
        let mut close = false;
        egui::Window::new("数据文件无法打开").collapsible(false).resizable(false).show(ctx, |ui| {
            ui.label(format!("“{}”无法打开（原因见窗口下方的提示）。", working.display()));
            let counts = backup.report.as_ref().map_or(String::new(), |r| format!("，{} 个风险点", r.risk_points));
            ui.label(format!("找到最近的完好备份：{}{counts}。", backup.taken));
            ui.weak("恢复时，无法打开的文件会移到备份文件夹中保存，不会删除。");
            ui.horizontal(|ui| {
                if ui.button("恢复最近的完好备份").clicked() {
                    out = Some(Command::Restore { working: working.clone(), backup: backup.path.clone() });
                    close = true;
                }
                close |= ui.button("不恢复").clicked();
            });
        });
        if close {
            self.offer_restore = None;
        }
        out
    }

    fn replay(&mut self, way: History) {
        let Some(doc) = &mut self.doc else { return };
        let verb = way.verb();
        match doc.replay(way) {
            Ok(Some(label)) => self.info(format!("已{verb}：{label}")),
            Ok(None) => self.info(format!("没有可以{verb}的修改")),
            Err(e) => self.error(format!("未能{verb}：{e}")),
        }
    }

    fn create(&mut self, path: &Path, unit: &str, kind: &str, scheme_id: &str, year: i32) {
        let scheme = match Scheme::preset(scheme_id) {
            Ok(Some(s)) => s,
            Ok(None) => return self.error(format!("没有方案模板 {scheme_id}")),
            Err(e) => return self.error(e.to_string()),
        };
        if let Err(e) = ensure_parent_dir(path) {
            return self.error(e);
        }
        match Store::create(path, &Content::new_unit_in(unit, kind, scheme, year)) {
            Ok(store) => self.set_store(store, "已新建"),
            Err(e) => self.error(e.to_string()),
        }
    }

    fn save_copy(&mut self, path: &Path) {
        let Some(doc) = &self.doc else { return };
        match doc.store.save_copy(path) {
            Ok(report) => self.info(format!("已另存为：{}（{} 字节，已校验）", path.display(), report.size_bytes)),
            Err(e) => self.error(e.to_string()),
        }
    }

    /// A verified copy of the open file that becomes another unit: a new random unit id, the
    /// file's name as the unit's name; then it is opened.
    fn save_as_new_unit(&mut self, path: &Path) {
        let Some(doc) = &self.doc else { return };
        let name = path.file_stem().map(|n| n.to_string_lossy().trim().to_owned()).unwrap_or_default();
        if name.is_empty() {
            return self.error("请用新单位的名称作文件名");
        }
        if let Err(e) = doc.store.save_copy(path) {
            return self.error(e.to_string());
        }
        let renewed = Store::open(path).and_then(|mut store| store.become_new_unit(&name).map(|()| store));
        match renewed {
            Ok(store) => self.set_store(store, &format!("已另存为新单位“{name}”并打开")),
            Err(e) => self.error(format!("已另存副本 {}，但未能改为新单位：{e}", path.display())),
        }
    }

    fn open_demo(&mut self, scheme_id: &str) {
        let path = match &self.data_dir {
            Some(dir) => dir.join(format!("示例数据-{scheme_id}.db")),
            None => return self.error("找不到用户数据目录（HOME 未设置），无法保存示例数据"),
        };
        if path.exists() {
            return self.open(&path);
        }
        if let Err(e) = ensure_parent_dir(&path) {
            return self.error(e);
        }
        match crate::demo::build(scheme_id) {
            Ok(content) => match Store::create(&path, &content) {
                Ok(store) => self.set_store(store, "已生成并打开示例数据"),
                Err(e) => self.error(e.to_string()),
            },
            Err(e) => self.error(e.to_string()),
        }
    }
}

/// Creates the folder a new file goes into.
fn ensure_parent_dir(path: &Path) -> Result<(), String> {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => std::fs::create_dir_all(dir)
            .map_err(|e| format!("无法创建数据目录 {}：{}", dir.display(), crate::fsutil::io_reason(&e))),
        _ => Ok(()),
    }
}

impl eframe::App for App {
    fn ui(&mut self, ui: &mut egui::Ui, frame: &mut eframe::Frame) {
        self.ui_root(ui);
        // Which file is open is written at once, not only at a clean exit (eframe saves then
        // and every 30 s): after a crash or a power cut the next start still finds it.
        if self.persisted_saved_for != self.persisted.last_open
            && let Some(storage) = frame.storage_mut()
        {
            eframe::set_value(storage, eframe::APP_KEY, &self.persisted);
            storage.flush();
            self.persisted_saved_for.clone_from(&self.persisted.last_open);
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, eframe::APP_KEY, &self.persisted);
    }

    /// A backup being written is finished before the program ends (else a half copy would be
    /// left in the backup folder); a failure goes to stderr, the window is gone.
    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        if let Some((Err(e), _)) = self.doc.as_mut().and_then(Document::wait_for_backup) {
            let _ = std::io::Write::write_fmt(&mut std::io::stderr(), format_args!("自动备份失败：{e}\n")); // nowhere else to tell it now
        }
    }
}

/// `path`, or `path（2）`, `path（3）` … — the first that does not exist yet.
fn unused_folder(path: &Path) -> PathBuf {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    (1..)
        .map(|n| if n == 1 { path.to_owned() } else { path.with_file_name(format!("{name}（{n}）")) })
        .find(|p| !p.exists())
        .unwrap_or_else(|| path.to_owned())
}
