//! Warning records: the yellow card where the scheme has the rule, the list, and an editor for
//! a new or chosen warning with its responses.

use crate::domain::dates::{format_opt_date, today};
use crate::domain::ops::warnings::{self as ops, WarningDraft};
use crate::domain::warning::yellow_cards;
use crate::domain::{Id, Warning};
use crate::ui::command::{Command, outcome};
use crate::ui::document::Document;
use crate::ui::form::{
    calendar_for_ui, choice_combo_ui, date_text, error_ui, multiline_field_ui, person_combo_ui, text_field_ui,
};
use crate::ui::widgets::{WARN, cell_ui, section_ui};

/// What the editor shows: a new warning, or an existing one.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum Target {
    #[default]
    New,
    Existing(Id),
}

#[derive(Default)]
struct Draft {
    warning: WarningDraft,
    response_kind: String,
    response_date: String,
    response_text: String,
    error: String,
}

#[derive(Default)]
pub struct RecordsEditor {
    target: Target,
    draft: Option<(Target, Draft)>,
}

impl RecordsEditor {
    pub fn reset(&mut self) {
        self.draft = None;
    }

    pub fn ui(&mut self, ui: &mut egui::Ui, doc: &Document) -> Vec<Command> {
        let mut out = Vec::new();
        yellow_card_ui(ui, doc);
        ui.columns(2, |cols| {
            self.list_ui(&mut cols[0], doc);
            out.extend(self.editor_ui(&mut cols[1], doc));
        });
        out
    }

    fn list_ui(&mut self, ui: &mut egui::Ui, doc: &Document) {
        let c = &doc.content;
        section_ui(ui, &format!("预警记录（{} 条）", c.warnings.len()));
        if ui.button("新增预警").clicked() {
            self.target = Target::New;
        }
        egui::ScrollArea::vertical().id_salt("warning_list").max_height(520.0).show(ui, |ui| {
            for w in &c.warnings {
                let text = format!(
                    "{}　{}　{}　{}",
                    format_opt_date(w.received_on),
                    ops::warning_target(&doc.content, &doc.index, w),
                    w.source,
                    if w.verified { "已查实" } else { "未查实" }
                );
                if ui.selectable_label(self.target == Target::Existing(w.id), text).clicked() {
                    self.target = Target::Existing(w.id);
                }
            }
        });
    }

    fn editor_ui(&mut self, ui: &mut egui::Ui, doc: &Document) -> Vec<Command> {
        let c = &doc.content;
        let existing = match self.target {
            Target::Existing(id) => c.warnings.iter().find(|w| w.id == id),
            Target::New => None,
        };
        if self.draft.as_ref().is_none_or(|(t, _)| *t != self.target) {
            self.draft = Some((self.target, draft_of(doc, existing)));
        }
        let Some((_, d)) = self.draft.as_mut() else { return Vec::new() };
        section_ui(ui, if existing.is_some() { "预警详情" } else { "新增预警" });
        fields_ui(ui, doc, d);
        let mut out = Vec::new();
        ui.horizontal(|ui| {
            if ui.button(if existing.is_some() { "保存修改" } else { "保存预警" }).clicked() {
                out.extend(save(doc, d, existing));
            }
            if let Some(w) = existing
                && ui.button("删除此预警").clicked()
            {
                out.push(Command::Edit(ops::remove_warning(c, &doc.index, w)));
            }
        });
        if let Some(w) = existing {
            out.extend(responses_ui(ui, doc, w, d));
        }
        out
    }
}

fn draft_of(doc: &Document, w: Option<&Warning>) -> Draft {
    let scheme = doc.scheme();
    match w {
        Some(w) => Draft {
            warning: WarningDraft {
                on_post: w.post_id.is_some() || w.person_id.is_none(),
                post: w.post_id,
                person: w.person_id,
                source: w.source.clone(),
                date: date_text(w.received_on),
                content: w.content.clone(),
                verified: w.verified,
                follow_up: w.follow_up.clone(),
            },
            response_kind: scheme.warning_responses.first().cloned().unwrap_or_default(),
            ..Draft::default()
        },
        None => Draft {
            warning: WarningDraft {
                on_post: true,
                source: scheme.warning_sources.first().cloned().unwrap_or_default(),
                date: date_text(Some(today())),
                ..WarningDraft::default()
            },
            response_kind: scheme.warning_responses.first().cloned().unwrap_or_default(),
            ..Draft::default()
        },
    }
}

fn fields_ui(ui: &mut egui::Ui, doc: &Document, d: &mut Draft) {
    let c = &doc.content;
    ui.horizontal(|ui| {
        ui.label("对象：");
        ui.radio_value(&mut d.warning.on_post, true, "岗位");
        ui.radio_value(&mut d.warning.on_post, false, "个人");
    });
    if d.warning.on_post {
        let posts: Vec<(Option<Id>, String)> = std::iter::once((None, "（请选择）".to_owned()))
            .chain(
                c.posts.iter().map(|p| (Some(p.id), format!("{}·{}", doc.index.dept_name(c, Some(p.dept_id)), p.name))),
            )
            .collect();
        let refs: Vec<(Option<Id>, &str)> = posts.iter().map(|(id, t)| (*id, t.as_str())).collect();
        choice_combo_ui(ui, "岗位：", "warning_post", &mut d.warning.post, &refs);
    } else {
        let people: Vec<Id> = c.people.iter().map(|p| p.id).collect();
        person_combo_ui(ui, "个人：", "warning_person", doc, &mut d.warning.person, &people);
    }
    let sources: Vec<(&str, &str)> = doc.scheme().warning_sources.iter().map(|s| (s.as_str(), s.as_str())).collect();
    let mut source = d.warning.source.as_str();
    if choice_combo_ui(ui, "来源：", "warning_source", &mut source, &sources) {
        d.warning.source = source.to_owned();
    }
    ui.horizontal(|ui| {
        text_field_ui(ui, "日期：", &mut d.warning.date, 140.0);
        calendar_for_ui(ui, "日期：", &mut d.warning.date, chrono::Datelike::year(&today()));
    });
    multiline_field_ui(ui, "反映内容：", &mut d.warning.content, 3);
    ui.checkbox(&mut d.warning.verified, "经核查属实（查实）");
    multiline_field_ui(ui, "后续跟踪：", &mut d.warning.follow_up, 2);
    error_ui(ui, &d.error);
}

fn save(doc: &Document, d: &mut Draft, existing: Option<&Warning>) -> Vec<Command> {
    let year = chrono::Datelike::year(&today());
    outcome(ops::save_warning(&doc.content, &doc.index, &d.warning, existing, year), &mut d.error)
}

fn responses_ui(ui: &mut egui::Ui, doc: &Document, w: &Warning, d: &mut Draft) -> Vec<Command> {
    let c = &doc.content;
    let mut out = Vec::new();
    section_ui(ui, "处置措施");
    for r in c.warning_responses.iter().filter(|r| r.warning_id == w.id) {
        ui.horizontal(|ui| {
            ui.label(format!("{}　{}", format_opt_date(r.responded_on), r.kind));
            ui.scope(|ui| {
                ui.set_max_width(360.0);
                cell_ui(ui, &r.content);
            });
            if ui.small_button("删除").clicked() {
                out.push(Command::Edit(ops::remove_response(r)));
            }
        });
    }
    let kinds: Vec<(&str, &str)> = doc.scheme().warning_responses.iter().map(|s| (s.as_str(), s.as_str())).collect();
    let mut kind = d.response_kind.as_str();
    if choice_combo_ui(ui, "处置方式：", "response_kind", &mut kind, &kinds) {
        d.response_kind = kind.to_owned();
    }
    ui.horizontal(|ui| {
        text_field_ui(ui, "处置日期：", &mut d.response_date, 140.0);
        calendar_for_ui(ui, "处置日期：", &mut d.response_date, chrono::Datelike::year(&today()));
    });
    text_field_ui(ui, "处置情况：", &mut d.response_text, 360.0);
    if ui.button("添加处置").clicked() {
        let year = chrono::Datelike::year(&today());
        match ops::add_response(w, &d.response_kind, &d.response_date, &d.response_text, year) {
            Ok(edit) => out.push(Command::Edit(edit)),
            Err(rule) => d.error = rule.to_string(),
        }
    }
    out
}

fn yellow_card_ui(ui: &mut egui::Ui, doc: &Document) {
    let Some(rule) = &doc.scheme().yellow_card else { return };
    let c = &doc.content;
    section_ui(ui, &rule.label);
    ui.label(format!(
        "规则：{}群众举报 {} 次以上且查实的，给予{}。{}",
        if rule.key_posts_only { "重点岗位" } else { "岗位" },
        rule.min_verified_reports,
        rule.label,
        rule.consequence
    ));
    let cards = yellow_cards(c);
    if cards.is_empty() {
        ui.label("目前没有岗位达到黄牌警告条件。");
    }
    for (post_id, n) in cards {
        let post = doc.index.post(c, Some(post_id));
        let dept = doc.index.dept_name(c, post.map(|p| p.dept_id));
        let name = post.map_or("", |p| p.name.as_str());
        ui.colored_label(WARN, format!("{dept}·{name}：查实举报 {n} 次 —— {}，对该岗位负责人实行重点监管", rule.label));
    }
}
