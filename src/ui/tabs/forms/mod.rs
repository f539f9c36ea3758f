//! 表格打印: pick a form and its subject (部门、岗位、人员), see it as it will print, save it as
//! PDF, print every form into a folder, and word titles, headers and letters the unit's way.

mod preview;
mod wording;

use super::View;
use crate::domain::forms::{CATALOGUE, FormId, FormInfo, FormSubject};
use crate::domain::{GroupRole, Id, RiskScope};
use crate::report::forms::Subject;
use crate::ui::command::Command;
use crate::ui::dialogs::FilePurpose;
use crate::ui::document::Document;
use crate::ui::form::{choice_combo_ui, dept_combo_ui};
use crate::ui::widgets::editing_ui;
use crate::ui::widgets::section_ui;

pub struct FormsView {
    form: Option<FormId>,
    subject: Subject,
    /// 全部打印 prints only the forms the unit's scheme uses.
    scheme_only: bool,
    preview: preview::Preview,
    wording: wording::WordingEditor,
}

impl Default for FormsView {
    fn default() -> Self {
        Self {
            form: None,
            subject: Subject::default(),
            scheme_only: true,
            preview: preview::Preview::default(),
            wording: wording::WordingEditor::default(),
        }
    }
}

/// How many subjects (copies) and rows the form has on this file's data.
fn extent(doc: &Document, f: &FormInfo) -> String {
    let c = &doc.content;
    let risks = |scope: RiskScope| c.risk_points.iter().filter(|r| r.scope == scope).count();
    match f.id {
        FormId::PowerCatalogue => format!("{} 个部门，{} 项职权", c.departments.len(), c.powers.len()),
        FormId::TaskBreakdown => format!("{} 个阶段，{} 项任务", c.phases.len(), c.tasks.len()),
        FormId::GroupRoster => format!("{} 人", c.group_members.len()),
        FormId::Commitment => format!("{} 份", c.commitments.len()),
        FormId::ResponsibilityLetter => format!("{} 份已签", c.responsibility_letters.len()),
        FormId::DeptStatistics => format!("{} 个部门", c.departments.len()),
        FormId::PostLevelCatalogue | FormId::PostDuties => format!("{} 个岗位", c.posts.len()),
        FormId::WarningCard | FormId::DeskCard => format!("{} 个部门，{} 个岗位", c.departments.len(), c.posts.len()),
        _ => match f.subject {
            FormSubject::Unit => format!("{} 行", risks(RiskScope::Unit)),
            FormSubject::Department => {
                format!("{} 个部门，{} 行", c.departments.len(), risks(RiskScope::Post) + risks(RiskScope::Department))
            }
            FormSubject::Post => format!("{} 个岗位，{} 行", c.posts.len(), risks(RiskScope::Post)),
            FormSubject::Person => {
                let leaders = c.group_members.iter().filter(|m| !matches!(m.role, GroupRole::OfficeMember)).count();
                format!("{} 人（含领导小组 {leaders} 人），{} 行", c.people.len(), risks(RiskScope::Person))
            }
        },
    }
}

fn forms_grid_ui(ui: &mut egui::Ui, doc: &Document, id: &str, forms: &[&FormInfo]) {
    egui::Grid::new(id).striped(true).num_columns(5).show(ui, |ui| {
        for h in ["表格", "出处", "每份内容", "打印对象", "本文件数据"] {
            ui.strong(h);
        }
        ui.end_row();
        for f in forms {
            ui.label(f.title);
            ui.label(f.source_text());
            ui.label(f.rows);
            ui.label(f.subject.label());
            ui.label(extent(doc, f));
            ui.end_row();
        }
    });
}

/// The forms of the unit's scheme first, then the others.
fn ordered(doc: &Document) -> Vec<&'static FormInfo> {
    let used = |f: &&FormInfo| doc.scheme().uses_form(f.id);
    CATALOGUE.iter().filter(used).chain(CATALOGUE.iter().filter(|f| !used(f))).collect()
}

impl FormsView {
    /// Department, post and person combos; a narrower choice clears what no longer fits.
    fn subject_ui(&mut self, ui: &mut egui::Ui, doc: &Document) {
        let c = &doc.content;
        let s = &mut self.subject;
        ui.horizontal_wrapped(|ui| {
            if dept_combo_ui(ui, "部门：", "print_dept", doc, &mut s.dept) {
                s.post = None;
                s.person = None;
            }
            let posts: Vec<(Option<Id>, String)> = std::iter::once((None, "（全部岗位）".to_owned()))
                .chain(
                    c.posts
                        .iter()
                        .filter(|p| s.dept.is_none_or(|d| p.dept_id == d))
                        .map(|p| (Some(p.id), format!("{} {}", doc.index.dept_name(c, Some(p.dept_id)), p.name))),
                )
                .collect();
            let refs: Vec<(Option<Id>, &str)> = posts.iter().map(|(id, t)| (*id, t.as_str())).collect();
            if choice_combo_ui(ui, "岗位：", "print_post", &mut s.post, &refs) {
                s.person = None;
            }
            let people: Vec<(Option<Id>, String)> = std::iter::once((None, "（全部人员）".to_owned()))
                .chain(
                    c.people
                        .iter()
                        .filter(|p| s.dept.is_none_or(|d| p.dept_id == Some(d)))
                        .map(|p| (Some(p.id), format!("{}　{}", p.name, p.titles_text()))),
                )
                .collect();
            let refs: Vec<(Option<Id>, &str)> = people.iter().map(|(id, t)| (*id, t.as_str())).collect();
            choice_combo_ui(ui, "人员：", "print_person", &mut s.person, &refs);
        });
    }

    fn print_ui(&mut self, ui: &mut egui::Ui, doc: &Document, out: &mut Vec<Command>) {
        section_ui(ui, "打印为 PDF");
        let forms = ordered(doc);
        let mut choices: Vec<(Option<FormId>, &str)> = vec![(None, "（请选择表格）")];
        choices.extend(forms.iter().map(|f| (Some(f.id), f.title)));
        ui.horizontal(|ui| {
            choice_combo_ui(ui, "表格：", "print_form", &mut self.form, &choices);
            if let Some(info) = self.form.map(FormId::info) {
                ui.weak(format!("每份：{}（{}）", info.rows, info.subject.label()));
            }
        });
        self.subject_ui(ui, doc);
        ui.horizontal(|ui| {
            if ui.add_enabled(self.form.is_some(), egui::Button::new("保存为 PDF…")).clicked()
                && let Some(form) = self.form
            {
                out.push(Command::Pick(FilePurpose::Print { form, subject: self.subject }));
            }
            if ui.button("全部打印…").on_hover_text("每种表格一个 PDF，存入所选位置下新建的文件夹").clicked()
            {
                out.push(Command::Pick(FilePurpose::PrintAll { subject: self.subject, scheme_only: self.scheme_only }));
            }
            ui.checkbox(&mut self.scheme_only, "全部打印时只打印本方案使用的表格");
        });
        ui.weak(format!("{}未选部门、岗位或人员时打印全单位（每个部门、岗位或人员一份）。", layout_note(self.form)));
    }
}

/// How the chosen form is laid out, in a sentence.
fn layout_note(form: Option<FormId>) -> &'static str {
    match form {
        Some(FormId::WarningCard) => {
            "墙牌：A4 纵向，每个部门或岗位一张；名称不小于 28 磅、等级不小于 60 磅，其余文字取牌面放得下的最大字号。"
        }
        Some(FormId::DeskCard) => {
            "桌牌：A4 沿中间虚线对折成三角立牌，两面各为 A5 横向（远侧一面倒印），立起后两面都正读。"
        }
        Some(FormId::Commitment | FormId::ResponsibilityLetter) => {
            "按公文格式：上边距 37 毫米、左边距 28 毫米，正文三号；签字栏在右半边，有公章行，日期留空手写。"
        }
        _ => "A4，宋体正文、黑体标题，字体已嵌入；单元格自动换行、跨页时重复表头，末尾有签字栏。",
    }
}

impl View for FormsView {
    fn ui(&mut self, ui: &mut egui::Ui, doc: &Document) -> Vec<Command> {
        let scheme = doc.scheme();
        let mut out = Vec::new();
        egui::ScrollArea::vertical().auto_shrink(false).show(ui, |ui| {
            self.print_ui(ui, doc, &mut out);
            if let Some(form) = self.form {
                section_ui(ui, "预览");
                self.preview.ui(ui, doc, form, &self.subject);
                section_ui(ui, "本单位的表格用语");
                out.extend(editing_ui(ui, doc, |ui| self.wording.ui(ui, doc, form)));
            }
            section_ui(ui, &format!("本方案使用的表格（{}）", scheme.name));
            let used: Vec<&FormInfo> = CATALOGUE.iter().filter(|f| scheme.uses_form(f.id)).collect();
            forms_grid_ui(ui, doc, "used_forms", &used);
            section_ui(ui, "其他方案的表格");
            let others: Vec<&FormInfo> =
                CATALOGUE.iter().filter(|f| !scheme.uses_form(f.id)).collect();
            forms_grid_ui(ui, doc, "other_forms", &others);
            ui.add_space(8.0);
            ui.weak("命令行：lianfang forms 列出全部表格；lianfang print 表格编号 --db 文件 --out 输出.pdf [--dept 部门 | --post 岗位 | --person 姓名]；lianfang print --all --db 文件 --out 文件夹");
        });
        out
    }
}
