//! 上级汇总 (the higher office): an area file, units' files imported on a worker thread with a
//! progress bar, figures per unit and in total, and a read-only look into any unit. The one
//! view that needs no unit's document open (`Views::ui`); the area's files are the store's
//! business (`store::consolidate::Area`).

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, TryRecvError};

use crate::store::StoreError;
use crate::store::consolidate::{Area, UnitFigures};
use crate::ui::command::{Command, FilePurpose};
use crate::ui::widgets::{WARN, section_ui};

/// What the import thread reports.
pub enum JobMessage {
    Progress { done: usize, total: usize },
    Done { area: Area, lines: Vec<String> },
}

/// The area file and what is shown of it.
#[derive(Default)]
pub struct ConsolidationView {
    area: Option<Area>,
    figures: Vec<UnitFigures>,
    log: Vec<String>,
    job: Option<(Receiver<JobMessage>, usize, usize)>,
    error: String,
    /// The 核验码 typed from the paper slip; files whose code differs are refused.
    code: String,
}

impl ConsolidationView {
    pub fn open(&mut self, path: &std::path::Path) -> Result<(), StoreError> {
        let area = Area::open_or_create(path)?;
        self.figures = area.figures()?;
        self.area = Some(area);
        self.log.clear();
        Ok(())
    }

    /// Starts importing `files` on a worker thread (the area moves there and comes back).
    pub fn import(&mut self, files: Vec<PathBuf>, ctx: &egui::Context) {
        let Some(mut area) = self.area.take() else {
            self.error = "请先打开或新建汇总文件".into();
            return;
        };
        let (tx, rx) = std::sync::mpsc::channel();
        let total = files.len();
        let code = self.code.trim().to_owned();
        let expected: Vec<Option<String>> = files.iter().map(|_| (!code.is_empty()).then(|| code.clone())).collect();
        let ctx = ctx.clone();
        std::thread::spawn(move || {
            let progress_tx = tx.clone();
            let progress_ctx = ctx.clone();
            let results = area.import_many(&files, &expected, |done, total| {
                let _ = progress_tx.send(JobMessage::Progress { done, total }); // the window may be gone
                progress_ctx.request_repaint();
            });
            let lines = files
                .iter()
                .zip(results)
                .map(|(f, r)| match r {
                    Ok(outcome) => format!("成功　{}　{outcome}", f.display()),
                    Err(e) => format!("拒绝　{}　{e}", f.display()),
                })
                .collect();
            let _ = tx.send(JobMessage::Done { area, lines }); // the window may be gone
            ctx.request_repaint();
        });
        self.job = Some((rx, 0, total));
    }

    fn poll(&mut self) {
        let Some((rx, done, total)) = &mut self.job else { return };
        loop {
            match rx.try_recv() {
                Ok(JobMessage::Progress { done: d, total: t }) => (*done, *total) = (d, t),
                Ok(JobMessage::Done { area, lines }) => {
                    self.log = lines;
                    match area.figures() {
                        Ok(f) => self.figures = f,
                        Err(e) => self.error = e.to_string(),
                    }
                    self.area = Some(area);
                    self.job = None;
                    return;
                }
                Err(TryRecvError::Empty) => return,
                Err(TryRecvError::Disconnected) => {
                    self.error = "导入线程意外结束，汇总文件需要重新打开".into();
                    self.job = None;
                    return;
                }
            }
        }
    }

    pub fn ui(&mut self, ui: &mut egui::Ui) -> Vec<Command> {
        self.poll();
        let mut out = Vec::new();
        section_ui(ui, "上级汇总");
        ui.label("打开或新建一个汇总文件，再导入各单位报送的 .db 文件。每个文件都先检查；有问题的文件会说明原因并跳过，其余照常导入。同一单位再次报送时替换旧的报送（旧的保留为历史）。");
        ui.horizontal(|ui| {
            if ui.button("打开或新建汇总文件…").clicked() {
                out.push(Command::Pick(FilePurpose::AreaFile));
            }
            let can_import = self.area.is_some() && self.job.is_none();
            let label = ui.label("报送单上的核验码（选填）：");
            ui.add(egui::TextEdit::singleline(&mut self.code).desired_width(170.0).hint_text("如 1A2B-3C4D-5E6F-7A8B"))
                .labelled_by(label.id)
                .on_hover_text("填写后，只导入核验码与报送单一致的文件");
            if ui.add_enabled(can_import, egui::Button::new("导入单位报送文件…")).clicked() {
                out.push(Command::Pick(FilePurpose::UnitFiles));
            }
            if ui
                .add_enabled(can_import, egui::Button::new("导出 Excel…"))
                .on_hover_text("各单位情况（各单位一行，含合计）另存为 Excel 工作簿")
                .clicked()
            {
                out.push(Command::Pick(FilePurpose::AreaWorkbook));
            }
            if ui
                .add_enabled(can_import, egui::Button::new("打印统计表…"))
                .on_hover_text("处室廉政风险防控统计表（各单位一行，含合计），保存为 PDF")
                .clicked()
            {
                out.push(Command::Pick(FilePurpose::AreaStatistics));
            }
            if let Some(area) = &self.area {
                ui.label(format!("汇总文件：{}", area.path().display()));
            }
        });
        if !self.error.is_empty() {
            ui.colored_label(WARN, &self.error);
        }
        if let Some((_, done, total)) = &self.job {
            let fraction = if *total == 0 { 1.0 } else { *done as f32 / *total as f32 };
            ui.add(egui::ProgressBar::new(fraction).text(format!("正在导入 {done}/{total}")));
        }
        for line in &self.log {
            if line.starts_with("拒绝") {
                ui.colored_label(WARN, line)
            } else {
                ui.label(line)
            };
        }
        out.extend(self.figures_ui(ui));
        out
    }

    fn figures_ui(&self, ui: &mut egui::Ui) -> Vec<Command> {
        if self.area.is_none() {
            return Vec::new();
        }
        section_ui(ui, &format!("各单位情况（{} 个单位）", self.figures.len()));
        let mut out = Vec::new();
        let mut total = [0_i64; 7];
        egui::ScrollArea::both().auto_shrink(false).show(ui, |ui| {
            egui::Grid::new("area_figures").striped(true).show(ui, |ui| {
                for h in [
                    "单位",
                    "",
                    "部门",
                    "岗位",
                    "一级",
                    "二级",
                    "三级",
                    "未评定",
                    "逾期措施",
                    "阶段数",
                    "逾期阶段",
                    "各类别风险点",
                    "各类部门风险点",
                    "报送时间",
                    "核验码",
                ] {
                    ui.strong(h);
                }
                ui.end_row();
                for u in &self.figures {
                    let name = u.display_name(&self.figures);
                    ui.label(name);
                    if ui.button("只读查看").clicked() {
                        out.push(Command::DrillDown(u.submission.id.clone()));
                    }
                    ui.label(u.departments.to_string());
                    ui.label(u.posts.to_string());
                    let row = [
                        u.by_level[0],
                        u.by_level[1],
                        u.by_level[2],
                        u.by_level[3],
                        u.overdue_measures,
                        u.phases,
                        u.overdue_phases,
                    ];
                    for (i, v) in row.iter().enumerate() {
                        total[i] += v;
                        let gap = (i == 4 || i == 6) && *v > 0 || i == 5 && *v == 0;
                        if gap {
                            ui.colored_label(WARN, v.to_string())
                        } else {
                            ui.label(v.to_string())
                        };
                    }
                    let classes: Vec<String> = u.by_class.iter().map(|(c, n)| format!("{c} {n}")).collect();
                    ui.label(classes.join("、"));
                    let kinds: Vec<String> = u.by_dept_kind.iter().map(|(k, n)| format!("{k} {n}")).collect();
                    ui.label(kinds.join("、"));
                    ui.label(crate::domain::dates::format_stamp(&u.submission.imported_at));
                    ui.label(crate::store::verification_code(&u.submission.sha256))
                        .on_hover_text(format!("SHA-256：{}", u.submission.sha256));
                    ui.end_row();
                }
                ui.strong("合计");
                ui.label("");
                ui.strong(self.figures.iter().map(|u| u.departments).sum::<i64>().to_string());
                ui.strong(self.figures.iter().map(|u| u.posts).sum::<i64>().to_string());
                for v in total {
                    ui.strong(v.to_string());
                }
                ui.end_row();
            });
        });
        out
    }

    /// The per-unit figures as an Excel workbook.
    pub fn area_workbook(&self) -> Result<Vec<u8>, String> {
        if self.area.is_none() {
            return Err("汇总文件未打开".to_owned());
        }
        let table = crate::domain::lists::area_table(&self.figures);
        crate::workbook::tables_workbook(
            &[table],
            "各单位廉政风险防控情况",
            "上级汇总",
            &crate::domain::Scheme::default(),
        )
    }

    /// Prints the area's 统计表 to `path` (as .pdf); returns the file and its page count.
    pub fn print_statistics(&self, path: &std::path::Path) -> Result<(PathBuf, usize), String> {
        let area = self.area.as_ref().ok_or_else(|| "汇总文件未打开".to_owned())?;
        let path = crate::fsutil::ensure_extension(path, "pdf");
        let pages =
            crate::report::write_area_statistics(area.path(), &self.figures, &path).map_err(|e| e.to_string())?;
        Ok((path, pages))
    }

    /// Writes one submission into a file of its own (for a read-only look with every tab).
    pub fn extract(&self, submission_id: &str, dir: &std::path::Path) -> Result<PathBuf, String> {
        let area = self.area.as_ref().ok_or_else(|| "汇总文件未打开".to_owned())?;
        area.extract(submission_id, dir).map_err(|e| e.to_string())
    }
}
