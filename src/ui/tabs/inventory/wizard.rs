//! The risk-inventory wizard: one risk point, step by step, in the unit's own scheme. Back and
//! forward keep what was typed; a half-finished risk point can be saved as a draft at any step.

use crate::domain::coverage::scopes;
use crate::domain::dates::today;
use crate::domain::grading::grade;
use crate::domain::ops::Rule;
use crate::domain::ops::inventory::{RiskDraft, save_risk_point};
use crate::domain::plan::working_year;
use crate::domain::{Id, MeasurePhase, PostTier, ReviewStatus, RiskPoint, RiskScope};
use crate::ui::command::Command;
use crate::ui::document::Document;
use crate::ui::form::{choice_combo_ui, dept_combo_ui, error_ui, person_combo_ui};
use crate::ui::widgets::{level_badge_ui, section_ui};

/// The wizard's steps, in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Step {
    Object,
    Class,
    Text,
    Power,
    FoundBy,
    Measures,
    Grading,
    Confirm,
}

impl Step {
    const ALL: [Self; 8] = [
        Self::Object,
        Self::Class,
        Self::Text,
        Self::Power,
        Self::FoundBy,
        Self::Measures,
        Self::Grading,
        Self::Confirm,
    ];

    fn title(self) -> &'static str {
        match self {
            Self::Object => "层级与对象",
            Self::Class => "风险类别",
            Self::Text => "风险点与表现形式",
            Self::Power => "职权与环节",
            Self::FoundBy => "查找方式",
            Self::Measures => "防控措施",
            Self::Grading => "等级评定依据",
            Self::Confirm => "确认",
        }
    }

    /// Its number as the user sees it (第1步 …).
    fn number(self) -> usize {
        Self::ALL.iter().position(|s| *s == self).map_or(1, |i| i + 1)
    }

    fn next(self) -> Option<Self> {
        Self::ALL.get(self.number()).copied()
    }

    fn previous(self) -> Option<Self> {
        self.number().checked_sub(2).and_then(|i| Self::ALL.get(i).copied())
    }
}

/// Everything typed so far: the draft (as the domain reads it), the step and the last refusal.
#[derive(Clone, Debug)]
pub struct Wizard {
    step: Step,
    draft: RiskDraft,
    error: String,
}

impl Default for Wizard {
    fn default() -> Self {
        Self { step: Step::Object, draft: RiskDraft::default(), error: String::new() }
    }
}

impl Wizard {
    /// A wizard continuing `rp` (with its measures).
    pub fn continuing(doc: &Document, rp: &RiskPoint) -> Self {
        Self { draft: RiskDraft::of(&doc.content, rp), ..Self::default() }
    }

    /// A new risk point on a power's step (from the 职权目录 flow).
    pub fn on_step(dept: Id, power: Id, step: Id) -> Self {
        let draft = RiskDraft {
            scope: RiskScope::Department,
            dept: Some(dept),
            power: Some(power),
            power_step: Some(step),
            ..RiskDraft::default()
        };
        Self { draft, ..Self::default() }
    }

    pub fn ui(&mut self, ui: &mut egui::Ui, doc: &Document) -> Vec<Command> {
        self.progress_ui(ui);
        self.returned_opinion_ui(ui, doc);
        ui.separator();
        egui::ScrollArea::vertical().auto_shrink(false).max_height(ui.available_height() - 48.0).show(ui, |ui| {
            section_ui(ui, &format!("第{}步：{}", self.step.number(), self.step.title()));
            match self.step {
                Step::Object => self.object_ui(ui, doc),
                Step::Class => self.class_ui(ui, doc),
                Step::Text => self.text_ui(ui, doc),
                Step::Power => self.power_ui(ui, doc),
                Step::FoundBy => self.found_by_ui(ui, doc),
                Step::Measures => self.measures_ui(ui, doc),
                Step::Grading => self.grading_ui(ui, doc),
                Step::Confirm => self.summary_ui(ui, doc),
            }
            error_ui(ui, &self.error);
        });
        self.buttons_ui(ui, doc)
    }

    /// A returned risk point shows why it came back, above every step of its re-editing.
    fn returned_opinion_ui(&self, ui: &mut egui::Ui, doc: &Document) {
        let c = &doc.content;
        let Some(rp) = self.draft.editing.and_then(|id| doc.index.risk_point(c, id)) else { return };
        if rp.status != ReviewStatus::Returned {
            return;
        }
        let history = match doc.review_history(rp.id) {
            Ok(history) => history,
            Err(e) => return error_ui(ui, &format!("读取退回意见失败：{e}")),
        };
        let last = history
            .iter()
            .filter(|r| !r.passed)
            .max_by(|a, b| (a.reviewed_on, &a.stamp.created_at).cmp(&(b.reviewed_on, &b.stamp.created_at)));
        if let Some(r) = last {
            ui.colored_label(
                crate::ui::widgets::WARN,
                format!("退回意见（{}，{}）：{}", r.step_name, r.reviewer, r.opinion),
            );
        }
    }

    fn progress_ui(&self, ui: &mut egui::Ui) {
        ui.horizontal_wrapped(|ui| {
            if self.draft.editing.is_some() {
                ui.strong("继续编辑：");
            }
            for step in Step::ALL {
                let text = format!("{}. {}", step.number(), step.title());
                if step == self.step {
                    ui.strong(text)
                } else {
                    ui.weak(text)
                };
                if step.next().is_some() {
                    ui.weak("→");
                }
            }
        });
    }

    fn object_ui(&mut self, ui: &mut egui::Ui, doc: &Document) {
        let c = &doc.content;
        let s = doc.scheme();
        ui.label("这个风险点属于哪一层级？");
        ui.horizontal(|ui| {
            for scope in scopes(c) {
                ui.radio_value(&mut self.draft.scope, scope, s.scope_name(scope));
            }
        });
        match self.draft.scope {
            RiskScope::Unit => {
                ui.label(format!("单位：{}", c.unit.name));
            }
            RiskScope::Department => {
                dept_combo_ui(ui, "部门：", "wizard_dept", doc, &mut self.draft.dept);
            }
            RiskScope::Post => {
                dept_combo_ui(ui, "部门：", "wizard_dept", doc, &mut self.draft.dept);
                let posts: Vec<(Option<Id>, &str)> = std::iter::once((None, "（请选择）"))
                    .chain(
                        c.posts
                            .iter()
                            .filter(|p| Some(p.dept_id) == self.draft.dept)
                            .map(|p| (Some(p.id), p.name.as_str())),
                    )
                    .collect();
                if self.draft.post.is_some_and(|p| !posts.iter().any(|(id, _)| *id == Some(p))) {
                    self.draft.post = None;
                }
                choice_combo_ui(ui, "岗位：", "wizard_post", &mut self.draft.post, &posts);
            }
            RiskScope::Person => {
                let people: Vec<Id> = c.people.iter().map(|p| p.id).collect();
                person_combo_ui(ui, "个人：", "wizard_person", doc, &mut self.draft.person, &people);
            }
        }
    }

    fn class_ui(&mut self, ui: &mut egui::Ui, doc: &Document) {
        ui.label("按本方案的风险类别选择一项（下面是方案原文的说明）：");
        for class in
            doc.scheme().risk_classes.iter().filter(|c| c.scopes.is_empty() || c.scopes.contains(&self.draft.scope))
        {
            ui.radio_value(&mut self.draft.class, class.name.clone(), &class.name);
            ui.weak(format!("　　{}", class.explanation));
        }
    }

    fn tier(&self, doc: &Document) -> Option<PostTier> {
        match self.draft.scope {
            RiskScope::Post => doc.index.post(&doc.content, self.draft.post).map(|p| p.tier),
            RiskScope::Unit => Some(PostTier::Leader),
            RiskScope::Department => Some(PostTier::Middle),
            RiskScope::Person => None,
        }
    }

    fn text_ui(&mut self, ui: &mut egui::Ui, doc: &Document) {
        let focus = &doc.scheme().focus;
        let hints = match self.tier(doc) {
            Some(PostTier::Leader) => &focus.leader,
            Some(PostTier::Middle) => &focus.middle,
            Some(PostTier::General) | None => &focus.general,
        };
        if !hints.is_empty() {
            ui.label("本方案提示的查找重点（点击填入，可再修改）：");
            ui.horizontal_wrapped(|ui| {
                for h in hints {
                    if ui.button(h).clicked() {
                        if !self.draft.description.is_empty() {
                            self.draft.description.push('：');
                        }
                        self.draft.description.push_str(h);
                    }
                }
            });
        }
        let label = ui.label("风险点：");
        ui.add(
            egui::TextEdit::singleline(&mut self.draft.description)
                .desired_width(f32::INFINITY)
                .hint_text("如：报销审核把关不严"),
        )
        .labelled_by(label.id);
        let label = ui.label("表现形式：");
        ui.add(
            egui::TextEdit::multiline(&mut self.draft.manifestation)
                .desired_rows(5)
                .desired_width(f32::INFINITY)
                .hint_text("具体写明可能出现的行为，如：对不合规票据审核不严，人情放行……"),
        )
        .labelled_by(label.id);
    }

    fn power_ui(&mut self, ui: &mut egui::Ui, doc: &Document) {
        let c = &doc.content;
        let dept = self.draft.dept.or_else(|| doc.index.post(c, self.draft.post).map(|p| p.dept_id));
        ui.label("这个风险点出现在哪项职权的哪个环节？（没有对应职权可不选）");
        let powers: Vec<(Option<Id>, &str)> = std::iter::once((None, "（不对应具体职权）"))
            .chain(
                c.powers
                    .iter()
                    .filter(|p| dept.is_none() || Some(p.dept_id) == dept)
                    .map(|p| (Some(p.id), p.name.as_str())),
            )
            .collect();
        if choice_combo_ui(ui, "职权：", "wizard_power", &mut self.draft.power, &powers) {
            self.draft.power_step = None;
        }
        let steps: Vec<(Option<Id>, &str)> = std::iter::once((None, "（不指定环节）"))
            .chain(
                c.power_steps
                    .iter()
                    .filter(|s| Some(s.power_id) == self.draft.power)
                    .map(|s| (Some(s.id), s.name.as_str())),
            )
            .collect();
        choice_combo_ui(ui, "环节：", "wizard_step", &mut self.draft.power_step, &steps);
    }

    fn found_by_ui(&mut self, ui: &mut egui::Ui, doc: &Document) {
        let s = doc.scheme();
        ui.label("查找方法：");
        ui.horizontal_wrapped(|ui| {
            for m in &s.found_by_methods {
                ui.radio_value(&mut self.draft.found_by, m.clone(), m);
            }
        });
        if !s.found_by_channels.is_empty() {
            ui.label("或监督检查渠道：");
            ui.horizontal_wrapped(|ui| {
                for m in &s.found_by_channels {
                    ui.radio_value(&mut self.draft.found_by, m.clone(), m);
                }
            });
        }
    }

    fn measures_ui(&mut self, ui: &mut egui::Ui, doc: &Document) {
        let people: Vec<Id> = doc.content.people.iter().map(|p| p.id).collect();
        let year = working_year(&doc.content, today());
        for phase in MeasurePhase::ALL {
            let name = doc.scheme().measure_phase_name(phase).to_owned();
            let Some(m) = self.draft.measures.get_mut(phase.index()) else { continue };
            ui.strong(&name);
            let label = ui.label(format!("{name}措施："));
            ui.add(egui::TextEdit::multiline(&mut m.content).desired_rows(2).desired_width(f32::INFINITY))
                .labelled_by(label.id);
            ui.horizontal(|ui| {
                person_combo_ui(ui, &format!("{name}责任人："), ("owner", phase.index()), doc, &mut m.owner, &people);
                let label = format!("{name}完成时限：");
                let shown = ui.label(&label);
                ui.add(egui::TextEdit::singleline(&mut m.due).desired_width(130.0)).labelled_by(shown.id);
                crate::ui::form::calendar_for_ui(ui, &label, &mut m.due, year);
            });
        }
    }

    fn grading_ui(&mut self, ui: &mut egui::Ui, doc: &Document) {
        crate::ui::form::grade_inputs_ui(ui, doc, &mut self.draft.inputs);
        ui.horizontal(|ui| {
            ui.label("按规则：");
            match grade(doc.scheme(), &self.draft.inputs) {
                Some((g, why)) => {
                    level_badge_ui(ui, doc.scheme(), Some(g));
                    ui.label(why);
                }
                None => {
                    ui.label("暂不评定（可稍后在“风险等级评定”中评定）");
                }
            }
        });
    }

    fn summary_ui(&self, ui: &mut egui::Ui, doc: &Document) {
        let c = &doc.content;
        if let Some(old) = self.draft.editing.and_then(|id| doc.index.risk_point(c, id))
            && matches!(old.status, ReviewStatus::InReview | ReviewStatus::Approved)
        {
            let text = if self.draft.changes_substance(old, c) {
                format!("此风险点{}，本次修改了风险点的内容，保存后须从头重新审核。", old.status.label())
            } else {
                format!("此风险点{}，本次未修改风险点的内容，保存后审核状态不变。", old.status.label())
            };
            ui.colored_label(crate::ui::widgets::WARN, text);
        }
        let s = doc.scheme();
        let subject = match self.draft.scope {
            RiskScope::Unit => c.unit.name.clone(),
            RiskScope::Department => doc.index.dept_name(c, self.draft.dept).to_owned(),
            RiskScope::Post => format!(
                "{} / {}",
                doc.index.dept_name(c, self.draft.dept),
                doc.index.post(c, self.draft.post).map_or("", |p| p.name.as_str())
            ),
            RiskScope::Person => doc.index.person_name(c, self.draft.person).to_owned(),
        };
        for (k, v) in [
            ("层级", s.scope_name(self.draft.scope).to_owned()),
            ("所属", subject),
            ("类别", self.draft.class.clone()),
            ("风险点", self.draft.description.clone()),
            ("表现形式", self.draft.manifestation.clone()),
            ("查找方式", self.draft.found_by.clone()),
            (
                "等级",
                grade(s, &self.draft.inputs)
                    .map_or_else(|| "未评定".to_owned(), |(g, _)| s.level_name(Some(g)).to_owned()),
            ),
        ] {
            ui.label(format!("{k}：{v}"));
        }
        for phase in MeasurePhase::ALL {
            if let Some(m) = self.draft.measures.get(phase.index()) {
                ui.label(format!(
                    "{}：{}",
                    s.measure_phase_name(phase),
                    if m.content.is_empty() { "（未填写）" } else { &m.content }
                ));
            }
        }
        ui.weak(format!(
            "提交后进入审核：{}",
            s.review.steps.iter().map(|x| x.name.as_str()).collect::<Vec<_>>().join(" → ")
        ));
    }

    /// What must be filled before leaving `step` (the rules are the draft's).
    fn check(&self, doc: &Document, step: Step) -> Result<(), Rule> {
        let d = &self.draft;
        match step {
            Step::Object => d.check_object(),
            Step::Class => d.check_class(),
            Step::Text => d.check_text(),
            Step::FoundBy => d.check_found_by(),
            Step::Measures => d.due_dates(working_year(&doc.content, today())).map(|_| ()),
            Step::Power | Step::Grading | Step::Confirm => Ok(()),
        }
    }

    fn buttons_ui(&mut self, ui: &mut egui::Ui, doc: &Document) -> Vec<Command> {
        let mut out = Vec::new();
        ui.separator();
        ui.horizontal(|ui| {
            if ui.add_enabled(self.step.previous().is_some(), egui::Button::new("上一步")).clicked()
                && let Some(previous) = self.step.previous()
            {
                self.step = previous;
                self.error.clear();
            }
            if let Some(next) = self.step.next() {
                if ui.button("下一步").clicked() {
                    match self.check(doc, self.step) {
                        Ok(()) => {
                            self.step = next;
                            self.error.clear();
                        }
                        Err(rule) => self.error = rule.to_string(),
                    }
                }
            } else if ui.button("保存并提交审核").clicked() {
                out = self.finish(doc, true);
            }
            if ui.button("保存草稿").on_hover_text("未完成的风险点保存为草稿，以后在清单中继续").clicked()
            {
                out = self.finish(doc, false);
            }
            if ui.button("重新开始").clicked() {
                *self = Self::default();
            }
        });
        out
    }

    /// Saves the risk point (a draft, or submitted for review) with its measures.
    fn finish(&mut self, doc: &Document, submit: bool) -> Vec<Command> {
        // A draft needs its object, and dates that read as dates (none is dropped silently).
        let steps: &[Step] = if submit { &Step::ALL } else { &[Step::Object, Step::Measures] };
        for &step in steps {
            if let Err(rule) = self.check(doc, step) {
                self.step = step;
                self.error = rule.to_string();
                return Vec::new();
            }
        }
        if !submit && let Err(rule) = self.draft.check_draft() {
            self.error = rule.to_string();
            self.step = Step::Text;
            return Vec::new();
        }
        let year = working_year(&doc.content, today());
        match save_risk_point(&doc.content, &self.draft, submit, year) {
            Ok(edit) => {
                *self = Self::default();
                vec![Command::Edit(edit)]
            }
            Err(rule) => {
                self.error = rule.to_string();
                Vec::new()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Step;

    #[test]
    fn steps_walk_forward_and_back_through_all_eight() {
        let mut forward = vec![Step::Object];
        while let Some(next) = forward.last().and_then(|s| s.next()) {
            forward.push(next);
        }
        assert_eq!(forward, Step::ALL);
        assert_eq!(Step::Confirm.number(), 8);
        assert_eq!(Step::Object.previous(), None);
        assert_eq!(Step::Measures.previous(), Some(Step::FoundBy));
        assert!(Step::ALL.iter().all(|s| !s.title().is_empty()));
    }
}
