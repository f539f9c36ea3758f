//! 责任矩阵: per department, who manages and who answers for its risks at each level (derived
//! from levels and 分管), with gaps flagged.

use super::View;
use crate::domain::responsibility::{Role, duty};
use crate::domain::{Department, Id, LetterKind};
use crate::ui::app::Command;
use crate::ui::document::Document;
use crate::ui::widgets::{WARN, level_badge_ui, section_ui};

#[derive(Default)]
pub struct MatrixView;

fn name_of(doc: &Document, role: Role, dept: &Department, principal: Option<Id>) -> String {
    let c = &doc.content;
    let id = match role {
        Role::Principal => principal,
        Role::Supervising => {
            doc.index.supervisors_of.get(&dept.id).and_then(|v| v.first()).and_then(|&i| c.people.get(i)).map(|p| p.id)
        }
        Role::DeptHead => dept.head_person_id,
    };
    let name = doc.index.person_name(c, id);
    format!("{}：{}", role.name(&doc.scheme().responsibility), if name.is_empty() { "（缺）" } else { name })
}

impl View for MatrixView {
    fn ui(&mut self, ui: &mut egui::Ui, doc: &Document) -> Vec<Command> {
        let c = &doc.content;
        let principal =
            c.group_members.iter().find(|m| m.role == crate::domain::GroupRole::Leader).map(|m| m.person_id);
        section_ui(ui, "分级管理责任矩阵");
        ui.label("一级：部门负责人和分管领导直接管理，主要领导负责；二级：部门负责人直接管理，分管领导负责；三级：部门负责人直接管理和负责。");
        egui::ScrollArea::vertical().auto_shrink(false).show(ui, |ui| {
            egui::Grid::new("matrix").striped(true).show(ui, |ui| {
                for h in ["部门", "部门等级", "风险点数（一/二/三级）", "管理人", "责任领导", "责任书", "缺口"]
                {
                    ui.strong(h);
                }
                ui.end_row();
                for d in &c.departments {
                    dept_row_ui(ui, doc, d, principal);
                }
            });
        });
        Vec::new()
    }
}

fn dept_row_ui(ui: &mut egui::Ui, doc: &Document, d: &Department, principal: Option<Id>) {
    let c = &doc.content;
    let grade = doc.levels.department(d.id);
    let posts: Vec<Id> = c.posts.iter().filter(|p| p.dept_id == d.id).map(|p| p.id).collect();
    let mut counts = [0_usize; 3];
    for rp in c.risk_points.iter().filter(|r| r.dept_id == Some(d.id) || r.post_id.is_some_and(|p| posts.contains(&p)))
    {
        if let Some(g) = rp.grade {
            counts[usize::from(g.clamp(1, 3)) - 1] += 1;
        }
    }
    let (managers, answers) = duty(grade);
    let head_letter = d.head_person_id.is_some_and(|h| {
        c.responsibility_letters.iter().any(|l| l.kind == LetterKind::GradedRisk && l.signer_person_id == h)
    });
    let mut gaps = Vec::new();
    if d.head_person_id.is_none() {
        gaps.push("无部门负责人");
    }
    if !doc.index.supervisors_of.contains_key(&d.id) {
        gaps.push("无分管领导");
    }
    if grade.is_some() && !head_letter {
        gaps.push("负责人未签分级管理责任书");
    }
    ui.label(&d.name);
    level_badge_ui(ui, doc.scheme().level_name(grade), grade);
    ui.label(format!("{} / {} / {}", counts[0], counts[1], counts[2]));
    ui.label(managers.iter().map(|r| name_of(doc, *r, d, principal)).collect::<Vec<_>>().join("；"));
    ui.label(name_of(doc, answers, d, principal));
    ui.label(if head_letter { "已签" } else { "未签" });
    if gaps.is_empty() {
        ui.label("—")
    } else {
        ui.colored_label(WARN, gaps.join("；"))
    };
    ui.end_row();
}
