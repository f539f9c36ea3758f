//! File dialogs: the desktop's own (rfd, on a worker thread) with a built-in fallback that
//! always works, and the 新建 form.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, TryRecvError, channel};
use std::time::{Duration, Instant};

use super::command::Command;
pub use super::command::FilePurpose;
use super::start::NewUnitForm;

impl FilePurpose {
    fn title(self) -> &'static str {
        match self {
            Self::Open => "打开数据文件",
            Self::SaveCopy => "另存为",
            Self::NewUnitCopy => "另存为新单位（文件名即新单位的名称）",
            Self::NewFileLocation => "新数据文件的位置",
            Self::PublicList(_) => "导出公示清单",
            Self::Workbook(_) | Self::AreaWorkbook => "导出 Excel 工作簿",
            Self::ImportWorkbook => "选择要导入的 Excel/WPS 表格",
            Self::Export => "导出报送文件（选择存放位置）",
            Self::AreaFile => "打开或新建汇总文件",
            Self::AreaStatistics => "保存统计表为 PDF",
            Self::Print { .. } => "保存表格为 PDF",
            Self::PrintAll { .. } => "全部打印（选择存放位置，将新建一个文件夹）",
            Self::UnitFiles => "选择各单位的报送文件（可多选，或选一个文件夹）",
        }
    }

    fn saving(self) -> bool {
        !matches!(self, Self::Open | Self::UnitFiles | Self::ImportWorkbook)
    }

    /// The kinds of file the built-in dialog lists for this purpose (besides folders).
    fn listed(self) -> &'static [&'static str] {
        match self {
            Self::PublicList(_) => &["csv"],
            Self::Workbook(_) | Self::AreaWorkbook => &["xlsx"],
            Self::ImportWorkbook => &["xlsx", "xlsm", "xls", "et", "ods", "xlsb"],
            Self::Print { .. } | Self::AreaStatistics => &["pdf"],
            Self::Export | Self::PrintAll { .. } => &[],
            Self::Open
            | Self::SaveCopy
            | Self::NewUnitCopy
            | Self::NewFileLocation
            | Self::AreaFile
            | Self::UnitFiles => &["db"],
        }
    }

    /// The answer is a folder (the program names the files it writes there).
    fn wants_folder(self) -> bool {
        matches!(self, Self::Export | Self::PrintAll { .. })
    }
}

/// A native dialog answering "nothing" faster than a person can is taken as "no dialog
/// service" (rfd's portal backend does that when no portal runs).
const TOO_FAST_FOR_A_PERSON: Duration = Duration::from_millis(700);

struct NativePick {
    purpose: FilePurpose,
    suggested: String,
    rx: Receiver<Option<Vec<PathBuf>>>,
    started: Instant,
}

struct BuiltinPicker {
    purpose: FilePurpose,
    dir: String,
    file_name: String,
    error: String,
}

pub struct Dialogs {
    native: bool,
    /// The program's data folder: new files and demo data go there by default.
    data_dir: Option<PathBuf>,
    /// The folder of the last chosen file; dialogs start there.
    last_dir: Option<PathBuf>,
    pending: Option<NativePick>,
    builtin: Option<BuiltinPicker>,
    /// The new-unit form: on the start page, or in the 新建 window when `new_file_window`.
    new_file: Option<NewUnitForm>,
    new_file_window: bool,
}

fn with_db_extension(path: PathBuf) -> PathBuf {
    crate::fsutil::ensure_extension(&path, "db")
}

/// Where dialogs start without a last folder: the data folder (made if need be), else here.
fn default_dir(data_dir: Option<&Path>) -> PathBuf {
    data_dir
        .filter(|d| d.is_dir() || std::fs::create_dir_all(d).is_ok())
        .map(Path::to_owned)
        .or_else(|| std::env::current_dir().ok())
        .unwrap_or_default()
}

impl Dialogs {
    pub fn new(native: bool, data_dir: Option<PathBuf>) -> Self {
        Self { native, data_dir, last_dir: None, pending: None, builtin: None, new_file: None, new_file_window: false }
    }

    /// Asks for a path: the desktop dialog if allowed, else the built-in one. `suggested` is
    /// the file name offered when saving (the form's title, the unit's name …).
    pub fn pick(&mut self, purpose: FilePurpose, suggested: String) {
        if !self.native {
            self.open_builtin(purpose, suggested);
            return;
        }
        let (tx, rx) = channel();
        let start = self.start_dir();
        let fallback_name = suggested.clone();
        std::thread::spawn(move || {
            let dialog = rfd::FileDialog::new().set_title(purpose.title()).set_directory(start);
            let dialog = match purpose {
                FilePurpose::PublicList(_) => dialog.add_filter("CSV 表格", &["csv"]),
                FilePurpose::Workbook(_) | FilePurpose::AreaWorkbook => dialog.add_filter("Excel 工作簿", &["xlsx"]),
                FilePurpose::ImportWorkbook => {
                    dialog.add_filter("Excel/WPS 表格", &["xlsx", "xlsm", "xls", "et", "ods", "xlsb"])
                }
                FilePurpose::Print { .. } | FilePurpose::AreaStatistics => dialog.add_filter("PDF", &["pdf"]),
                p if p.wants_folder() => dialog,
                _ => dialog.add_filter("廉政风险防控数据文件", &["db"]),
            };
            let dialog = if suggested.is_empty() { dialog } else { dialog.set_file_name(suggested) };
            let picked = match purpose {
                FilePurpose::UnitFiles => dialog.pick_files(),
                p if p.wants_folder() => dialog.pick_folder().map(|f| vec![f]),
                p if p.saving() => dialog.save_file().map(|f| vec![f]),
                _ => dialog.pick_file().map(|f| vec![f]),
            };
            let _ = tx.send(picked); // the app may have closed; nothing to tell then
        });
        self.pending = Some(NativePick { purpose, rx, started: Instant::now(), suggested: fallback_name });
    }

    fn open_builtin(&mut self, purpose: FilePurpose, file_name: String) {
        let dir = self.start_dir().display().to_string();
        self.builtin = Some(BuiltinPicker { purpose, dir, file_name, error: String::new() });
    }

    /// Opens the 新建数据文件 window.
    pub fn show_new_file(&mut self) {
        self.new_file = Some(NewUnitForm::new(self.start_dir()));
        self.new_file_window = true;
    }

    /// The new-unit form of the start page (kept while no file is open).
    pub fn start_form(&mut self) -> &mut NewUnitForm {
        let dir = self.start_dir();
        self.new_file.get_or_insert_with(|| NewUnitForm::new(dir))
    }

    /// Forgets the new-unit form (a file was opened).
    pub fn close_new_file(&mut self) {
        self.new_file = None;
        self.new_file_window = false;
    }

    /// Draws open dialogs and polls the native one; returns what the user chose.
    pub fn ui(&mut self, ctx: &egui::Context) -> Vec<Command> {
        let mut out = Vec::new();
        self.poll_native(ctx, &mut out);
        if let Some(picked) = self.builtin_ui(ctx) {
            out.extend(picked);
        }
        out.extend(self.new_file_ui(ctx));
        out
    }

    fn poll_native(&mut self, ctx: &egui::Context, out: &mut Vec<Command>) {
        let Some(p) = &self.pending else { return };
        let purpose = p.purpose;
        match p.rx.try_recv() {
            Err(TryRecvError::Empty) => ctx.request_repaint_after(Duration::from_millis(100)),
            Ok(Some(paths)) => {
                self.pending = None;
                if purpose == FilePurpose::UnitFiles {
                    out.push(Command::ImportUnits(paths));
                } else if let Some(path) = paths.into_iter().next() {
                    out.extend(self.finish(purpose, path));
                }
            }
            Ok(None) if p.started.elapsed() > TOO_FAST_FOR_A_PERSON => self.pending = None,
            Ok(None) | Err(TryRecvError::Disconnected) => {
                let suggested = p.suggested.clone();
                self.pending = None;
                self.open_builtin(purpose, suggested);
            }
        }
    }

    fn start_dir(&self) -> PathBuf {
        self.last_dir.clone().filter(|d| d.is_dir()).unwrap_or_else(|| default_dir(self.data_dir.as_deref()))
    }

    fn finish(&mut self, purpose: FilePurpose, path: PathBuf) -> Option<Command> {
        self.last_dir = if purpose.wants_folder() { Some(path.clone()) } else { path.parent().map(Path::to_owned) };
        match purpose {
            FilePurpose::Open => Some(Command::Open(path)),
            FilePurpose::SaveCopy => Some(Command::SaveCopy(with_db_extension(path))),
            FilePurpose::NewUnitCopy => Some(Command::SaveAsNewUnit(with_db_extension(path))),
            FilePurpose::PublicList(status) => Some(Command::ExportPublicList { path, status }),
            FilePurpose::Workbook(sheets) => {
                Some(Command::ExportWorkbook { path: crate::fsutil::ensure_extension(&path, "xlsx"), sheets })
            }
            FilePurpose::AreaWorkbook => {
                Some(Command::ExportAreaWorkbook(crate::fsutil::ensure_extension(&path, "xlsx")))
            }
            FilePurpose::ImportWorkbook => Some(Command::ReadWorkbook(path)),
            FilePurpose::Export => Some(Command::Export(path)),
            FilePurpose::AreaFile => Some(Command::OpenArea(with_db_extension(path))),
            FilePurpose::AreaStatistics => Some(Command::PrintAreaStatistics(path)),
            FilePurpose::Print { form, subject } => Some(Command::PrintForm { form, subject, path }),
            FilePurpose::PrintAll { subject, scheme_only } => {
                Some(Command::PrintAll { subject, scheme_only, dir: path })
            }
            FilePurpose::UnitFiles => Some(Command::ImportUnits(db_files(&path))),
            FilePurpose::NewFileLocation => {
                if let Some(form) = &mut self.new_file {
                    form.set_path(&with_db_extension(path));
                }
                None
            }
        }
    }

    fn builtin_ui(&mut self, ctx: &egui::Context) -> Option<Option<Command>> {
        let picker = self.builtin.as_mut()?;
        let mut chosen: Option<PathBuf> = None;
        let mut cancel = false;
        egui::Window::new(picker.purpose.title()).collapsible(false).default_width(560.0).show(ctx, |ui| {
            ui.horizontal(|ui| {
                let label = ui.label("文件夹：");
                ui.add(egui::TextEdit::singleline(&mut picker.dir).desired_width(400.0)).labelled_by(label.id);
                if ui.button("上一级").clicked()
                    && let Some(parent) = Path::new(&picker.dir).parent()
                {
                    picker.dir = parent.display().to_string();
                }
            });
            egui::ScrollArea::vertical().max_height(260.0).show(ui, |ui| entries_ui(ui, picker));
            if picker.purpose.wants_folder() {
                ui.label("文件将保存在上面的文件夹中，文件名由程序按单位和日期生成。");
            } else {
                ui.horizontal(|ui| {
                    let label = ui.label("文件名：");
                    ui.add(egui::TextEdit::singleline(&mut picker.file_name).desired_width(400.0))
                        .labelled_by(label.id);
                });
            }
            if !picker.error.is_empty() {
                ui.colored_label(super::widgets::WARN, &picker.error);
            }
            ui.horizontal(|ui| {
                if ui.button("确定").clicked() {
                    let path = Path::new(&picker.dir).join(picker.file_name.trim());
                    if picker.purpose.wants_folder() {
                        if Path::new(&picker.dir).is_dir() {
                            chosen = Some(PathBuf::from(&picker.dir));
                        } else {
                            picker.error = format!("找不到文件夹：{}", picker.dir);
                        }
                    } else if picker.purpose == FilePurpose::UnitFiles && picker.file_name.trim().is_empty() {
                        chosen = Some(PathBuf::from(&picker.dir));
                    } else if picker.file_name.trim().is_empty() {
                        picker.error = "请输入或选择文件名".into();
                    } else if !picker.purpose.saving() && !path.is_file() {
                        picker.error = format!("找不到文件：{}", path.display());
                    } else {
                        chosen = Some(path);
                    }
                }
                if ui.button("取消").clicked() {
                    cancel = true;
                }
            });
        });
        let purpose = picker.purpose;
        if cancel {
            self.builtin = None;
            return None;
        }
        let path = chosen?;
        self.builtin = None;
        Some(self.finish(purpose, path))
    }

    fn new_file_ui(&mut self, ctx: &egui::Context) -> Option<Command> {
        if !self.new_file_window {
            return None;
        }
        let form = self.new_file.as_mut()?;
        let mut cancel = false;
        let mut result = (None, false);
        egui::Window::new("新建数据文件").collapsible(false).default_width(640.0).show(ctx, |ui| {
            result = form.ui(ui, "创建");
            cancel = ui.button("取消").clicked();
        });
        let (create, browse) = result;
        if browse {
            let name = Path::new(&form.path).file_name().map(|n| n.to_string_lossy().into_owned());
            self.pick(FilePurpose::NewFileLocation, name.unwrap_or_default());
            return None;
        }
        if cancel || create.is_some() {
            self.close_new_file();
        }
        create
    }
}

/// The `.db` files a choice stands for: the file itself, or every one in a chosen folder.
fn db_files(path: &Path) -> Vec<PathBuf> {
    if !path.is_dir() {
        return vec![path.to_owned()];
    }
    let mut files: Vec<PathBuf> = std::fs::read_dir(path)
        .map(|rd| {
            rd.filter_map(Result::ok).map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "db")).collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

fn entries_ui(ui: &mut egui::Ui, picker: &mut BuiltinPicker) {
    let mut entries: Vec<(String, bool)> = match std::fs::read_dir(&picker.dir) {
        Ok(rd) => rd
            .filter_map(Result::ok)
            .map(|e| (e.file_name().to_string_lossy().into_owned(), e.path().is_dir()))
            .filter(|(name, is_dir)| {
                let ext = Path::new(name).extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
                let wanted = *is_dir || ext.is_some_and(|e| picker.purpose.listed().contains(&e.as_str()));
                !name.starts_with('.') && wanted
            })
            .collect(),
        Err(e) => {
            ui.colored_label(super::widgets::WARN, format!("无法读取文件夹：{}", crate::fsutil::io_reason(&e)));
            return;
        }
    };
    entries.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    if entries.is_empty() {
        ui.weak("（此文件夹中没有可选的文件）");
    }
    for (name, is_dir) in entries {
        let label = if is_dir { format!("{name}/") } else { name.clone() };
        if ui.selectable_label(picker.file_name == name, label).clicked() {
            if is_dir {
                picker.dir = Path::new(&picker.dir).join(&name).display().to_string();
            } else {
                picker.file_name = name;
            }
        }
    }
}
