//! The start page (no file open): 新建本单位文件, 打开文件, 打开示例数据, 最近打开; and the
//! new-unit form it shares with 文件 → 新建….

use std::path::{Path, PathBuf};

use super::command::Command;
use super::command::FilePurpose;
use crate::domain::Scheme;

/// The fields of a new unit's file.
pub struct NewUnitForm {
    unit: String,
    kind: String,
    scheme_id: String,
    year: String,
    /// The file; follows the unit's name until the user changes it.
    pub path: String,
    path_edited: bool,
    dir: PathBuf,
    error: String,
}

impl NewUnitForm {
    /// A blank form whose file goes into `dir` (named after the unit).
    pub fn new(dir: PathBuf) -> Self {
        let presets = Scheme::presets().unwrap_or_default();
        let first = presets.first();
        let today = crate::domain::dates::today();
        let year = first
            .map_or_else(|| chrono::Datelike::year(&today), |s| crate::domain::plan::default_working_year(s, today));
        Self {
            unit: String::new(),
            kind: String::new(),
            scheme_id: first.map(|s| s.id.clone()).unwrap_or_default(),
            year: year.to_string(),
            path: dir.join("本单位.db").display().to_string(),
            path_edited: false,
            dir,
            error: String::new(),
        }
    }

    /// Sets the file chosen with 浏览….
    pub fn set_path(&mut self, path: &Path) {
        self.path = path.display().to_string();
        self.path_edited = true;
    }

    /// Draws the fields; returns the command to create the file when 创建 was clicked and the
    /// fields are sound, and whether 浏览… was clicked.
    pub fn ui(&mut self, ui: &mut egui::Ui, create_text: &str) -> (Option<Command>, bool) {
        let presets = Scheme::presets().unwrap_or_default();
        let mut browse = false;
        egui::Grid::new("new_unit").num_columns(2).spacing([8.0, 6.0]).show(ui, |ui| {
            let label = ui.label("单位名称：");
            let name = ui.text_edit_singleline(&mut self.unit).labelled_by(label.id);
            if name.changed() && !self.path_edited {
                let file = format!("{}.db", crate::fsutil::safe_file_name(self.unit.trim()));
                self.path = self.dir.join(file).display().to_string();
            }
            ui.end_row();
            let label = ui.label("单位类型：");
            ui.add(egui::TextEdit::singleline(&mut self.kind).hint_text("高校、中小学、机关、群团 …"))
                .labelled_by(label.id);
            ui.end_row();
            let label = ui.label("工作年度：");
            ui.horizontal(|ui| {
                ui.add(egui::TextEdit::singleline(&mut self.year).desired_width(60.0)).labelled_by(label.id);
                ui.weak("各阶段的起止日期按方案模板排在这一年");
            });
            ui.end_row();
            ui.label("方案模板：");
            ui.vertical(|ui| {
                for s in &presets {
                    ui.radio_value(&mut self.scheme_id, s.id.clone(), &s.name);
                    ui.weak(format!("　　{}", s.summary()));
                }
            });
            ui.end_row();
            let label = ui.label("文件位置：");
            ui.horizontal(|ui| {
                let path =
                    ui.add(egui::TextEdit::singleline(&mut self.path).desired_width(360.0)).labelled_by(label.id);
                self.path_edited |= path.changed();
                browse = ui.button("浏览…").clicked();
            });
            ui.end_row();
        });
        if !self.error.is_empty() {
            ui.colored_label(super::widgets::WARN, &self.error);
        }
        let command = if ui.button(create_text).clicked() { self.command() } else { None };
        (command, browse)
    }

    fn command(&mut self) -> Option<Command> {
        let path = crate::fsutil::ensure_extension(&PathBuf::from(self.path.trim()), "db");
        let year = self.year.trim().parse::<i32>().ok().filter(|y| (2000..=2100).contains(y));
        self.error = if self.unit.trim().is_empty() {
            "请填写单位名称".into()
        } else if year.is_none() {
            format!("工作年度“{}”不是有效的年份（如 2027）", self.year.trim())
        } else if self.path.trim().is_empty() {
            "请选择文件位置".into()
        } else if path.exists() {
            format!("{} 已存在，请换一个文件名", path.display())
        } else {
            String::new()
        };
        if !self.error.is_empty() {
            return None;
        }
        Some(Command::Create {
            path,
            unit: self.unit.trim().to_owned(),
            kind: self.kind.trim().to_owned(),
            scheme_id: self.scheme_id.clone(),
            year: year?,
        })
    }
}

/// The page shown when no file is open.
pub fn start_page_ui(ui: &mut egui::Ui, form: &mut NewUnitForm, recent: &[PathBuf]) -> Vec<Command> {
    let mut out = Vec::new();
    egui::ScrollArea::vertical().auto_shrink(false).show(ui, |ui| {
        ui.add_space(12.0);
        ui.heading("欢迎使用廉政风险防控管理系统");
        ui.label("全部数据保存在一个数据文件中。第一次使用请新建本单位的文件；已有文件请打开；想先看看程序能做什么，可打开示例数据。");
        ui.add_space(8.0);
        ui.columns(2, |cols| {
            let [left, right] = cols else { return };
            super::widgets::section_ui(left, "新建本单位文件");
            let (create, browse) = form.ui(left, "新建本单位文件");
            out.extend(create);
            if browse {
                out.push(Command::Pick(FilePurpose::NewFileLocation));
            }
            super::widgets::section_ui(right, "打开已有文件");
            if right.button("打开文件…").clicked() {
                out.push(Command::Pick(FilePurpose::Open));
            }
            right.add_space(6.0);
            right.strong("最近打开");
            if recent.is_empty() {
                right.weak("（无）");
            }
            for p in recent {
                if right.button(p.display().to_string()).clicked() {
                    out.push(Command::Open(p.clone()));
                }
            }
            super::widgets::section_ui(right, "打开示例数据");
            right.weak("示例数据按各实施方案生成（部分姓名为虚构），可随意修改，不影响本单位的文件。");
            for s in Scheme::presets().unwrap_or_default() {
                if right.button(format!("示例：{}", s.name)).clicked() {
                    out.push(Command::OpenDemo(s.id.clone()));
                }
            }
        });
    });
    out
}
