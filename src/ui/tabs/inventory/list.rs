//! The inventory list: every risk point in a virtualised table with search and filters, the
//! selected one in full with its review loop, bulk review actions, and the 公示 export.

use std::collections::HashSet;

use crate::domain::dates::{format_opt_date, today};
use crate::domain::ops::inventory::{self, Review};
use crate::domain::review::{ReviewAction, advance};
use crate::domain::{Id, Measure, ReviewStatus, RiskPoint, RiskScope};
use crate::ui::command::{Command, outcome};
use crate::ui::dialogs::FilePurpose;
use crate::ui::document::Document;
use crate::ui::form::{choice_combo_ui, dept_combo_ui, error_ui, text_field_ui};
use crate::ui::widgets::editing_ui;
use crate::ui::widgets::{cell_ui, level_badge_ui, section_ui};

#[derive(Default)]
pub struct ListView {
    search: String,
    scope: Option<RiskScope>,
    status: Option<ReviewStatus>,
    dept: Option<Id>,
    post: Option<Id>,
    class: Option<String>,
    grade: Option<Option<u8>>,
    overdue_only: bool,
    selected: Option<Id>,
    ticked: HashSet<Id>,
    review: Review,
    error: String,
    /// The filters the table was last scrolled for: a new filter shows its first match.
    scrolled_for: String,
    /// The risk point and step the reviewer field was last filled for.
    reviewer_for: Option<(Id, i64)>,
    /// The rows the filters select (positions in `risk_points`), for the revision, filters and
    /// day they were computed for: a frame does not filter 100,000 risk points again.
    shown: Option<(String, Vec<usize>)>,
    /// The measure whose 落实 is being recorded in the detail panel.
    measure_target: Option<Id>,
    completion: crate::ui::completion::CompletionForm,
}

impl ListView {
    fn matches(&self, doc: &Document, rp: &RiskPoint, overdue: &HashSet<Id>) -> bool {
        let c = &doc.content;
        self.scope.is_none_or(|s| s == rp.scope)
            && self.status.is_none_or(|s| s == rp.status)
            && self.grade.is_none_or(|g| g == rp.grade)
            && self.class.as_ref().is_none_or(|cl| *cl == rp.class)
            && self.dept.is_none_or(|d| crate::domain::responsibility::risk_dept(c, &doc.index, rp) == Some(d))
            && self.post.is_none_or(|p| rp.post_id == Some(p))
            && (!self.overdue_only || overdue.contains(&rp.id))
            && doc.index.risk_matches(c, rp, &self.search)
    }

    /// The list, and the risk point to continue in the wizard if the user asked.
    pub fn ui(&mut self, ui: &mut egui::Ui, doc: &Document) -> (Vec<Command>, Option<Id>) {
        let c = &doc.content;
        let mut out = Vec::new();
        self.filters_ui(ui, doc);
        let rows: Vec<&RiskPoint> = self.shown_rows(doc).iter().filter_map(|&i| c.risk_points.get(i)).collect();
        ui.horizontal(|ui| {
            ui.label(format!("共 {} 个风险点，显示 {} 个", c.risk_points.len(), rows.len()));
            if ui
                .button("导出公示清单…")
                .on_hover_text("按当前审核状态筛选导出 CSV，可用 Excel/WPS 打开打印张贴")
                .clicked()
            {
                out.push(Command::Pick(FilePurpose::PublicList(self.status)));
            }
            out.extend(crate::ui::widgets::export_workbook_ui(ui, Some(crate::domain::lists::INVENTORY_SHEETS)));
            out.extend(crate::ui::widgets::import_workbook_ui(ui, doc));
        });
        let mut continue_with = None;
        egui::Panel::bottom("risk_detail").resizable(true).min_size(240.0).default_size(320.0).show(ui, |ui| {
            egui::ScrollArea::vertical().show(ui, |ui| {
                out.extend(self.bulk_ui(ui, doc, &rows));
                let (commands, cont) = editing_ui(ui, doc, |ui| self.detail_ui(ui, doc));
                out.extend(commands);
                continue_with = cont;
            });
        });
        self.table_ui(ui, doc, &rows);
        (out, continue_with)
    }

    /// Positions of the risk points the filters select, computed again only when the file,
    /// a filter or the day changed.
    fn shown_rows(&mut self, doc: &Document) -> &[usize] {
        let today = today();
        let key = format!("{}|{today}|{}", doc.revision, self.filter_text());
        if self.shown.as_ref().is_none_or(|(k, _)| *k != key) {
            let c = &doc.content;
            let overdue: HashSet<Id> =
                c.measures.iter().filter(|m| m.is_overdue(today)).map(|m| m.risk_point_id).collect();
            let rows = (0..c.risk_points.len()).filter(|&i| self.matches(doc, &c.risk_points[i], &overdue)).collect();
            self.shown = Some((key, rows));
        }
        self.shown.as_ref().map_or(&[], |(_, rows)| rows.as_slice())
    }

    /// The filters in one string, to see whether they changed.
    fn filter_text(&self) -> String {
        format!(
            "{}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{}",
            self.search, self.scope, self.status, self.dept, self.post, self.class, self.grade, self.overdue_only
        )
    }

    fn filters_ui(&mut self, ui: &mut egui::Ui, doc: &Document) {
        let s = doc.scheme();
        ui.horizontal_wrapped(|ui| {
            let label = ui.label("搜索：");
            ui.add(egui::TextEdit::singleline(&mut self.search).hint_text("风险点、表现形式、类别、部门或岗位"))
                .labelled_by(label.id);
            if dept_combo_ui(ui, "部门：", "filter_dept", doc, &mut self.dept) {
                self.post = None;
            }
            let posts: Vec<(Option<Id>, &str)> = std::iter::once((None, "全部"))
                .chain(
                    doc.content
                        .posts
                        .iter()
                        .filter(|p| Some(p.dept_id) == self.dept)
                        .map(|p| (Some(p.id), p.name.as_str())),
                )
                .collect();
            if self.dept.is_some() {
                choice_combo_ui(ui, "岗位：", "filter_post", &mut self.post, &posts);
            }
            let scopes: Vec<(Option<RiskScope>, &str)> = std::iter::once((None, "全部"))
                .chain(RiskScope::ALL.iter().map(|x| (Some(*x), s.scope_name(*x))))
                .collect();
            choice_combo_ui(ui, "层级：", "filter_scope", &mut self.scope, &scopes);
            let classes: Vec<(Option<&str>, &str)> = std::iter::once((None, "全部"))
                .chain(s.risk_classes.iter().map(|x| (Some(x.name.as_str()), x.name.as_str())))
                .collect();
            let mut class = self.class.as_deref();
            if choice_combo_ui(ui, "类别：", "filter_class", &mut class, &classes) {
                self.class = class.map(str::to_owned);
            }
            let grades: Vec<(Option<Option<u8>>, &str)> = std::iter::once((None, "全部"))
                .chain((1..=3).map(|g| (Some(Some(g)), s.level_name(Some(g)))))
                .chain(std::iter::once((Some(None), "未评定")))
                .collect();
            choice_combo_ui(ui, "等级：", "filter_grade", &mut self.grade, &grades);
            let statuses: Vec<(Option<ReviewStatus>, &str)> = std::iter::once((None, "全部"))
                .chain(ReviewStatus::ALL.iter().map(|x| (Some(*x), x.label())))
                .collect();
            choice_combo_ui(ui, "审核状态：", "filter_status", &mut self.status, &statuses);
            ui.checkbox(&mut self.overdue_only, "有逾期未落实的措施");
        });
    }

    fn table_ui(&mut self, ui: &mut egui::Ui, doc: &Document, rows: &[&RiskPoint]) {
        use egui_extras::{Column, TableBuilder};
        let scheme = doc.scheme();
        let filters = self.filter_text();
        let mut table = TableBuilder::new(ui);
        if filters != self.scrolled_for {
            self.scrolled_for = filters;
            table = table.scroll_to_row(0, Some(egui::Align::TOP));
        }
        table
            .striped(true)
            .sense(egui::Sense::click())
            .column(Column::exact(28.0))
            .column(Column::exact(56.0))
            .column(Column::exact(48.0))
            .column(Column::initial(200.0).clip(true))
            .column(Column::initial(96.0).clip(true))
            .column(Column::initial(280.0).clip(true))
            .column(Column::exact(64.0))
            .column(Column::exact(72.0))
            .column(Column::remainder().clip(true))
            .header(22.0, |mut h| {
                for title in ["选", "序号", "层级", "所属", "类别", "风险点", "等级", "状态", "表现形式"]
                {
                    h.col(|ui| {
                        ui.strong(title);
                    });
                }
            })
            .body(|body| {
                body.rows(22.0, rows.len(), |mut row| {
                    let Some(rp) = rows.get(row.index()) else { return };
                    row.set_selected(self.selected == Some(rp.id));
                    row.col(|ui| {
                        let mut on = self.ticked.contains(&rp.id);
                        let r = ui.checkbox(&mut on, "");
                        r.widget_info(|| {
                            egui::WidgetInfo::selected(
                                egui::Role::CheckBox,
                                true,
                                on,
                                format!("选择第{}项", rp.number()),
                            )
                        });
                        if on {
                            self.ticked.insert(rp.id);
                        } else {
                            self.ticked.remove(&rp.id);
                        }
                    });
                    row.col(|ui| {
                        ui.label(rp.number().to_string());
                    });
                    row.col(|ui| {
                        ui.label(scheme.scope_name(rp.scope));
                    });
                    row.col(|ui| cell_ui(ui, &doc.index.risk_subject(&doc.content, rp)));
                    row.col(|ui| cell_ui(ui, &rp.class));
                    row.col(|ui| {
                        // A selectable cell, so the row can be chosen by keyboard and screen readers too.
                        let chosen = self.selected == Some(rp.id);
                        if ui.selectable_label(chosen, &rp.description).clicked() {
                            self.selected = Some(rp.id);
                        }
                    });
                    row.col(|ui| {
                        level_badge_ui(ui, scheme, rp.grade);
                    });
                    row.col(|ui| {
                        ui.label(rp.status.label());
                    });
                    row.col(|ui| cell_ui(ui, &rp.manifestation));
                    if row.response().clicked() {
                        self.selected = Some(rp.id);
                    }
                });
            });
    }

    fn bulk_ui(&mut self, ui: &mut egui::Ui, doc: &Document, rows: &[&RiskPoint]) -> Vec<Command> {
        ui.horizontal_wrapped(|ui| {
            ui.label(format!("已选 {} 项", self.ticked.len()));
            if ui.button("全选当前显示").clicked() {
                self.ticked.extend(rows.iter().map(|r| r.id));
            }
            if ui.button("清除选择").clicked() {
                self.ticked.clear();
            }
            text_field_ui(ui, "审核人：", &mut self.review.reviewer, 100.0);
            text_field_ui(ui, "意见：", &mut self.review.opinion, 260.0);
        });
        error_ui(ui, &self.error);
        let mut chosen = None;
        ui.horizontal(|ui| {
            for action in [ReviewAction::Submit, ReviewAction::Pass, ReviewAction::Reject] {
                let enabled = !self.ticked.is_empty();
                if ui.add_enabled(enabled, egui::Button::new(format!("批量{}", action.label()))).clicked() {
                    chosen = Some(action);
                }
            }
        });
        let Some(action) = chosen else { return Vec::new() };
        let ticked = doc.content.risk_points.iter().filter(|r| self.ticked.contains(&r.id));
        match inventory::review_many(doc.scheme(), ticked, action, &self.review, today()) {
            Ok((edit, skipped)) => {
                self.error = if skipped > 0 {
                    format!("{skipped} 项当前状态不能“{}”，已跳过", action.label())
                } else {
                    String::new()
                };
                self.ticked.clear();
                edit.map(Command::Edit).into_iter().collect()
            }
            Err(rule) => {
                self.error = rule.to_string();
                Vec::new()
            }
        }
    }

    /// The risk point's measures, each with its state; one of them can be marked 落实 here.
    fn measures_ui(&mut self, ui: &mut egui::Ui, doc: &Document, rp: &RiskPoint) -> Vec<Command> {
        let c = &doc.content;
        let scheme = doc.scheme();
        let measures: Vec<&Measure> =
            doc.index.measures_of.get(&rp.id).into_iter().flatten().filter_map(|i| c.measures.get(*i)).collect();
        for m in &measures {
            ui.horizontal_wrapped(|ui| {
                let chosen = self.measure_target == Some(m.id);
                let button = ui.selectable_label(chosen, "登记落实");
                let name = format!("登记落实：{}", scheme.measure_phase_name(m.phase));
                button.widget_info(|| egui::WidgetInfo::selected(egui::Role::Button, true, chosen, &name));
                if button.clicked() {
                    self.measure_target = if chosen { None } else { Some(m.id) };
                }
                ui.label(format!(
                    "【{}】{}（责任人：{}，期限：{}，{}）",
                    scheme.measure_phase_name(m.phase),
                    m.content,
                    doc.index.person_name(c, m.owner_person_id),
                    format_opt_date(m.due_on),
                    m.state_text(today())
                ));
            });
        }
        let Some(target) = measures.iter().find(|m| Some(m.id) == self.measure_target) else { return Vec::new() };
        ui.group(|ui| {
            ui.label(crate::ui::completion::record_text(target));
            self.completion.ui(ui, &[target])
        })
        .inner
    }

    /// At each new step of a risk point: 审核人 becomes whoever last signed that step (of any
    /// risk point), and the opinion is cleared.
    fn default_reviewer(&mut self, doc: &Document, rp: &RiskPoint) {
        let key = (rp.id, rp.review_step);
        if self.reviewer_for == Some(key) {
            return;
        }
        self.reviewer_for = Some(key);
        self.review.opinion.clear();
        match doc.last_reviewer(rp.review_step) {
            Ok(last) => self.review.reviewer = last.unwrap_or_default(),
            Err(e) => {
                self.review.reviewer.clear();
                self.error = format!("读取审核记录失败：{e}");
            }
        }
    }

    fn detail_ui(&mut self, ui: &mut egui::Ui, doc: &Document) -> (Vec<Command>, Option<Id>) {
        let c = &doc.content;
        let mut out = Vec::new();
        let Some(rp) = self.selected.and_then(|id| c.risk_points.iter().find(|r| r.id == id)) else {
            ui.weak("点击表格中的一行，在此查看风险点全文、防控措施和审核记录，并进行审核。");
            return (out, None);
        };
        let scheme = doc.scheme();
        self.default_reviewer(doc, rp);
        section_ui(ui, &format!("{}　{}", doc.index.risk_subject(c, rp), rp.description));
        let mut continue_with = None;
        ui.horizontal(|ui| {
            let editable = matches!(rp.status, ReviewStatus::Draft | ReviewStatus::Returned);
            let text = if editable { "在向导中继续编辑" } else { "在向导中修改" };
            let hint = if editable {
                "打开向导继续填写"
            } else {
                "修改风险点的内容后须重新审核（保存前会提示）"
            };
            if ui.button(text).on_hover_text(hint).clicked() {
                continue_with = Some(rp.id);
            }
            let step = scheme.review_step_name(rp.review_step);
            for (action, text) in [
                (ReviewAction::Submit, "提交审核".to_owned()),
                (ReviewAction::Pass, format!("通过“{step}”")),
                (ReviewAction::Reject, "退回".to_owned()),
            ] {
                if advance(scheme, rp.status, rp.review_step, action).is_ok() && ui.button(text).clicked() {
                    out.extend(outcome(inventory::review(scheme, rp, action, &self.review, today()), &mut self.error));
                }
            }
        });
        ui.label(format!(
            "层级：{}　类别：{}　查找方式：{}　等级：{}　状态：{}（{}）",
            scheme.scope_name(rp.scope),
            rp.class,
            rp.found_by,
            scheme.level_name(rp.grade),
            rp.status.label(),
            scheme.review_step_name(rp.review_step)
        ));
        if !rp.grade_rationale.is_empty() {
            ui.label(format!("评定依据：{}", rp.grade_rationale));
        }
        if let Some(power) = doc.index.power(c, rp.power_id) {
            let step = doc.index.power_step(c, rp.power_step_id).map_or(String::new(), |s| format!(" → {}", s.name));
            ui.label(format!("所属职权：{}{step}", power.name));
        }
        ui.label(format!("表现形式：{}", rp.manifestation));
        out.extend(self.measures_ui(ui, doc, rp));
        match doc.review_history(rp.id) {
            Ok(history) => {
                for r in history.iter() {
                    ui.weak(format!(
                        "审核：{}　{}　{}　{}：{}",
                        r.step_name,
                        r.reviewer,
                        format_opt_date(r.reviewed_on),
                        if r.passed { "通过" } else { "未通过" },
                        r.opinion
                    ));
                }
            }
            Err(e) => error_ui(ui, &format!("读取审核记录失败：{e}")),
        }
        if rp.status == ReviewStatus::Returned && !scheme.review.reject_note.is_empty() {
            ui.weak(&scheme.review.reject_note);
        }
        (out, continue_with)
    }
}
