//! 数据报送: what file is open, whether it is sound, what it holds, its recent history, and a
//! clean verified copy for handing up.

use super::View;
use crate::domain::dates::format_stamp;
use crate::store::schema;
use crate::ui::command::Command;
use crate::ui::dialogs::FilePurpose;
use crate::ui::document::Document;
use crate::ui::widgets::{WARN, section_ui};

#[derive(Default)]
pub struct ExchangeView;

impl View for ExchangeView {
    fn ui(&mut self, ui: &mut egui::Ui, doc: &Document) -> Vec<Command> {
        let mut out = Vec::new();
        let c = &doc.content;
        egui::ScrollArea::vertical().auto_shrink(false).show(ui, |ui| {
            out.extend(hand_up_ui(ui, doc));
            section_ui(ui, "当前数据文件");
            let size = doc.file_size;
            egui::Grid::new("file_info").num_columns(2).striped(true).show(ui, |ui| {
                for (k, v) in [
                    ("单位", c.unit.name.clone()),
                    ("文件", doc.store.path().display().to_string()),
                    ("大小", format!("{:.1} MB（{size} 字节）", size as f64 / 1_048_576.0)),
                    ("数据版本", schema::SCHEMA_VERSION.to_string()),
                    ("方案模板", c.unit.scheme.name.clone()),
                    ("建立时间", format_stamp(&c.unit.stamp.created_at.to_string())),
                ] {
                    ui.strong(k);
                    ui.label(v);
                    ui.end_row();
                }
            });
            if let Some(reason) = doc.store.read_only() {
                ui.colored_label(WARN, reason.message());
            }
            if ui.button("另存为干净副本…").on_hover_text("压缩整理后另存为一个独立文件，并校验副本").clicked()
            {
                out.push(Command::Pick(FilePurpose::SaveCopy));
            }
            section_ui(ui, "备份与恢复");
            ui.label("打开文件时和编辑期间（每 10 分钟）自动备份到文件旁的“备份”文件夹，保留最近 10 份。");
            ui.horizontal(|ui| {
                if ui.button("立即备份").clicked() {
                    out.push(Command::Backup);
                }
                if ui.button("查看备份…").clicked() {
                    out.push(Command::ListBackups);
                }
                if doc.backing_up() {
                    ui.label("正在备份……（可以继续工作）");
                }
            });
            if let Some(backups) = &doc.backups {
                if backups.is_empty() {
                    ui.weak("（尚无备份）");
                }
                for b in backups {
                    ui.horizontal(|ui| {
                        match &b.report {
                            Ok(r) => ui.label(format!("{}　{}　{} 个风险点", b.taken, r.unit_name, r.risk_points)),
                            Err(e) => ui.colored_label(WARN, format!("{}　不可用：{e}", b.taken)),
                        };
                        if b.report.is_ok()
                            && ui.button("恢复此备份").on_hover_text("当前文件会先保存到备份文件夹").clicked()
                        {
                            out.push(Command::Restore { working: doc.store.path().to_owned(), backup: b.path.clone() });
                        }
                    });
                }
            }
            section_ui(ui, "数据统计");
            match doc.counts() {
                Ok(counts) => {
                    egui::Grid::new("counts").num_columns(2).striped(true).show(ui, |ui| {
                        for (k, n) in counts {
                            ui.label(k);
                            ui.label(n.to_string());
                            ui.end_row();
                        }
                    });
                }
                Err(e) => {
                    ui.colored_label(WARN, format!("统计失败：{e}"));
                }
            }
            section_ui(ui, "最近的修改记录");
            if doc.recent_audit.is_empty() {
                ui.weak("（尚无修改记录）");
            }
            for e in &doc.recent_audit {
                ui.label(format!("{}　{}　{}", format_stamp(&e.at), e.actor, describe_audit(e, c)));
            }
        });
        out
    }
}

/// 报送上级: export the verified copy with its 报送单, and what the last export wrote.
fn hand_up_ui(ui: &mut egui::Ui, doc: &Document) -> Vec<Command> {
    let mut out = Vec::new();
    section_ui(ui, "报送上级");
    ui.label("导出经过校验的报送文件（单位_报送_日期.db）和报送单（文本和 PDF，含文件的 SHA-256 校验码），报送单打印后签字盖章，与文件一起交上级。");
    ui.horizontal(|ui| {
        if ui.button("导出报送文件…").on_hover_text("选择存放的文件夹").clicked() {
            out.push(Command::Pick(FilePurpose::Export));
        }
        out.extend(crate::ui::widgets::export_workbook_ui(ui, None));
        ui.weak("（上级要 Excel 表格时：全部名单各一个工作表）");
    });
    let Some(done) = &doc.last_export else { return out };
    let r = &done.report;
    egui::Grid::new("last_export").num_columns(2).striped(true).show(ui, |ui| {
        for (k, v) in [
            ("报送文件", r.path.display().to_string()),
            ("SHA-256", r.sha256.clone()),
            ("报送单", format!("{}；{}", r.slip.display(), done.slip_pdf.display())),
            (
                "内容",
                format!(
                    "部门 {} 个，岗位 {} 个，风险点 {} 个，防控措施 {} 条",
                    r.departments, r.posts, r.risk_points, r.measures
                ),
            ),
        ] {
            ui.strong(k);
            ui.add(egui::Label::new(v).selectable(true));
            ui.end_row();
        }
    });
    ui.horizontal(|ui| {
        if ui.button("打开所在文件夹").clicked()
            && let Some(dir) = r.path.parent()
        {
            out.push(Command::OpenExternally(dir.to_owned()));
        }
        if ui.button("打开报送单").clicked() {
            out.push(Command::OpenExternally(done.slip_pdf.clone()));
        }
    });
    out
}

/// One line of the history in words: the edit as the user named it, or what a row-level line
/// of an older file did to which record.
fn describe_audit(e: &crate::domain::AuditEntry, c: &crate::domain::Content) -> String {
    let table = crate::store::table::table_label(&e.table_name);
    match e.action.as_str() {
        "edit" => e.detail.clone(),
        "migrate" => format!("升级数据文件（{}）", e.detail),
        "override" => format!("手动调整风险点等级：{}", e.detail),
        verb => {
            let verb = match verb {
                "insert" => "新增",
                "update" => "修改",
                "delete" => "删除",
                _ => "处理",
            };
            let name = e
                .row_id
                .parse()
                .ok()
                .and_then(|id| crate::store::current_row(c, &e.table_name, id))
                .map(|row| row.title())
                .filter(|t| !t.is_empty())
                .map_or_else(String::new, |t| format!("“{t}”"));
            format!("{verb}{table}{name}")
        }
    }
}
