//! Field helpers for editors: a label, a field, and a "commit" signal when the user leaves the
//! field (Enter moves on to the next field, as in a spreadsheet).

use chrono::NaiveDate;

use super::document::Document;
use super::widgets::level_badge_ui;
use crate::domain::GradeInputs;
use crate::domain::dates::{format_date, parse_date};
use crate::domain::scheme::GradingMethod;

/// A field and a button that adds what was typed: `add` is the domain operation. Added, the
/// field is emptied; refused, the reason goes to `error` (shown by the caller).
pub fn add_row_ui(
    ui: &mut egui::Ui,
    (label, button): (&str, &str),
    text: &mut String,
    error: &mut String,
    add: impl FnOnce(&str) -> Result<crate::domain::change::Edit, crate::domain::ops::Rule>,
) -> Vec<super::command::Command> {
    let mut out = Vec::new();
    ui.horizontal(|ui| {
        text_field_ui(ui, label, text, 240.0);
        if ui.button(button).clicked() {
            out = super::command::outcome(add(text), error);
            if !out.is_empty() {
                text.clear();
            }
        }
    });
    out
}

/// A labelled one-line field. Returns true when the user leaves it (Enter, Tab or click away).
pub fn text_field_ui(ui: &mut egui::Ui, label: &str, value: &mut String, width: f32) -> bool {
    let label = ui.label(label);
    let response = ui.add(egui::TextEdit::singleline(value).desired_width(width)).labelled_by(label.id);
    left_field(ui, &response)
}

/// A labelled multi-line field. Returns true when the user leaves it.
pub fn multiline_field_ui(ui: &mut egui::Ui, label: &str, value: &mut String, rows: usize) -> bool {
    let label = ui.label(label);
    let response =
        ui.add(egui::TextEdit::multiline(value).desired_rows(rows).desired_width(f32::INFINITY)).labelled_by(label.id);
    response.lost_focus()
}

/// Commit on leaving a one-line field; Enter also moves the focus to the next field.
fn left_field(ui: &egui::Ui, response: &egui::Response) -> bool {
    if response.lost_focus() {
        if ui.input(|i| i.key_pressed(egui::Key::Enter)) {
            ui.memory_mut(|m| m.move_focus(egui::FocusDirection::Next));
        }
        return true;
    }
    false
}

/// The text shown in a date field.
pub fn date_text(date: Option<NaiveDate>) -> String {
    date.map(format_date).unwrap_or_default()
}

/// A labelled date field over `text`, with a calendar button beside it. Typed dates may be
/// 2026-3-31, 2026年3月31日 or 3/31 (in `default_year`). On leaving the field or picking a day
/// it returns the parsed date, or the Chinese error to show beside it.
pub fn date_field_ui(
    ui: &mut egui::Ui,
    label: &str,
    text: &mut String,
    default_year: i32,
) -> Option<Result<Option<NaiveDate>, String>> {
    let shown = ui.label(label);
    // Field and calendar button stay together (in a grid they share one cell).
    let (left, picked) = ui
        .horizontal(|ui| {
            let response = ui.add(egui::TextEdit::singleline(text).desired_width(130.0)).labelled_by(shown.id);
            let left = left_field(ui, &response);
            (left, calendar_for_ui(ui, label, text, default_year))
        })
        .inner;
    (left || picked).then(|| parse_date(text, default_year))
}

/// A 选日期 button beside the date field `text` (labelled `label`): a picked day replaces the
/// text. Returns whether a day was picked.
pub fn calendar_for_ui(ui: &mut egui::Ui, label: &str, text: &mut String, default_year: i32) -> bool {
    let shown = parse_date(text, default_year).ok().flatten();
    let picked = calendar_button_ui(ui, label, shown);
    if let Some(day) = picked {
        *text = format_date(day);
    }
    picked.is_some()
}

/// A 选日期 button opening a month calendar (Chinese week days, 上月/下月). Returns the day
/// clicked. egui_extras' date picker is not used: its popup speaks English (Cancel, Save, Week).
pub fn calendar_button_ui(ui: &mut egui::Ui, label: &str, shown: Option<NaiveDate>) -> Option<NaiveDate> {
    use chrono::Datelike as _;
    let name = format!("{}选日期", label.trim_end_matches('：'));
    let button = ui.button("选日期").on_hover_text("在日历中选择日期");
    button.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &name));
    let month_id = button.id.with("month");
    if button.clicked() {
        let start = shown.unwrap_or_else(crate::domain::dates::today);
        ui.data_mut(|d| d.insert_temp(month_id, (start.year(), start.month())));
    }
    let mut picked = None;
    egui::Popup::from_toggle_button_response(&button)
        .close_behavior(egui::PopupCloseBehavior::CloseOnClickOutside)
        .show(|ui| {
            let (mut year, mut month) = ui.data(|d| d.get_temp(month_id)).unwrap_or((2026, 1));
            ui.horizontal(|ui| {
                if ui.button("上月").clicked() {
                    (year, month) = if month == 1 { (year - 1, 12) } else { (year, month - 1) };
                }
                ui.strong(format!("{year}年{month}月"));
                if ui.button("下月").clicked() {
                    (year, month) = if month == 12 { (year + 1, 1) } else { (year, month + 1) };
                }
            });
            ui.data_mut(|d| d.insert_temp(month_id, (year, month)));
            picked = month_grid_ui(ui, year, month, shown);
            if picked.is_some() {
                ui.close();
            }
        });
    picked
}

/// The days of one month under 日 一 二 … 六; returns the day clicked.
fn month_grid_ui(ui: &mut egui::Ui, year: i32, month: u32, shown: Option<NaiveDate>) -> Option<NaiveDate> {
    use chrono::Datelike as _;
    let first = NaiveDate::from_ymd_opt(year, month, 1)?;
    let lead = first.weekday().num_days_from_sunday();
    let mut picked = None;
    egui::Grid::new(("month_grid", year, month)).show(ui, |ui| {
        for d in ["日", "一", "二", "三", "四", "五", "六"] {
            ui.weak(d);
        }
        ui.end_row();
        for _ in 0..lead {
            ui.label("");
        }
        let mut column = lead;
        for day in first.iter_days().take_while(|d| d.month() == month) {
            let text = day.day().to_string();
            let button = ui.selectable_label(shown == Some(day), text);
            button.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, format_date(day)));
            if button.clicked() {
                picked = Some(day);
            }
            column += 1;
            if column % 7 == 0 {
                ui.end_row();
            }
        }
    });
    picked
}

/// An error in red beside a field; nothing when there is none.
pub fn error_ui(ui: &mut egui::Ui, error: &str) {
    if !error.is_empty() {
        ui.colored_label(super::widgets::WARN, error);
    }
}

/// A labelled combo box over fixed choices. Returns true when the choice changed.
pub fn choice_combo_ui<T: PartialEq + Copy>(
    ui: &mut egui::Ui,
    label: &str,
    id_salt: impl egui::AsIdSalt,
    value: &mut T,
    choices: &[(T, &str)],
) -> bool {
    let before = *value;
    let label = ui.label(label);
    let current = choices.iter().find(|(c, _)| c == value).map_or("", |(_, t)| *t);
    egui::ComboBox::from_id_salt(id_salt)
        .selected_text(current)
        .show_ui(ui, |ui| {
            for (c, text) in choices {
                ui.selectable_value(value, *c, *text);
            }
        })
        .response
        .labelled_by(label.id);
    *value != before
}

/// A labelled combo box choosing a department or none. Returns true when the choice changed.
pub fn dept_combo_ui(
    ui: &mut egui::Ui,
    label: &str,
    id_salt: impl egui::AsIdSalt,
    doc: &Document,
    value: &mut Option<crate::domain::Id>,
) -> bool {
    let mut choices: Vec<(Option<crate::domain::Id>, &str)> = vec![(None, "（未指定）")];
    choices.extend(doc.content.departments.iter().map(|d| (Some(d.id), d.name.as_str())));
    choice_combo_ui(ui, label, id_salt, value, &choices)
}

/// A labelled combo box over a phase's or task's status. Returns true when it changed.
pub fn status_combo_ui(
    ui: &mut egui::Ui,
    label: &str,
    id_salt: impl egui::AsIdSalt,
    value: &mut crate::domain::WorkStatus,
) -> bool {
    use crate::domain::WorkStatus;
    let choices: Vec<(WorkStatus, &str)> =
        [WorkStatus::NotStarted, WorkStatus::InProgress, WorkStatus::Done].iter().map(|s| (*s, s.label())).collect();
    choice_combo_ui(ui, label, id_salt, value, &choices)
}

/// A labelled combo box choosing one of `candidates` (people) or none.
pub fn person_combo_ui(
    ui: &mut egui::Ui,
    label: &str,
    id_salt: impl egui::AsIdSalt,
    doc: &Document,
    value: &mut Option<crate::domain::Id>,
    candidates: &[crate::domain::Id],
) -> bool {
    let c = &doc.content;
    let names: Vec<(Option<crate::domain::Id>, String)> = candidates
        .iter()
        .filter_map(|id| doc.index.person(c, Some(*id)))
        .map(|p| (Some(p.id), format!("{}　{}", p.name, p.titles_text())))
        .collect();
    let mut choices: Vec<(Option<crate::domain::Id>, &str)> = vec![(None, "（未指定）")];
    choices.extend(names.iter().map(|(id, text)| (*id, text.as_str())));
    // The selected person may not be a candidate (e.g. the current head); show their name.
    if value.is_some() && !choices.iter().any(|(id, _)| id == value) {
        choices.push((*value, doc.index.person_name(c, *value)));
    }
    choice_combo_ui(ui, label, id_salt, value, &choices)
}

/// The grading inputs of the scheme's method (评定风险点 and the wizard's 等级评定依据 step).
pub fn grade_inputs_ui(ui: &mut egui::Ui, doc: &Document, inputs: &mut GradeInputs) {
    let scheme = doc.scheme();
    let g = &scheme.grading;
    match g.method {
        GradingMethod::Harm => {
            for (rule, i) in g.harm_rules.iter().zip(0..) {
                ui.horizontal(|ui| {
                    ui.radio_value(&mut inputs.harm_rule, Some(i), &rule.text);
                    level_badge_ui(ui, scheme, Some(rule.grade));
                });
            }
        }
        GradingMethod::PostType => {
            for (rule, i) in g.post_type_rules.iter().zip(0..) {
                ui.horizontal(|ui| {
                    ui.radio_value(&mut inputs.post_type_rule, Some(i), &rule.text);
                    level_badge_ui(ui, scheme, Some(rule.grade));
                });
            }
            ui.horizontal(|ui| {
                ui.radio_value(&mut inputs.post_type_rule, None, "不属于以上岗位（其他岗位）");
                level_badge_ui(ui, scheme, Some(g.default_grade));
            });
        }
        GradingMethod::Matrix => {
            let m = &g.matrix;
            let mut rows: Vec<(Option<u16>, &str)> = vec![(None, "（请选择）")];
            rows.extend(m.likelihood_labels.iter().zip(0..).map(|(l, i)| (Some(i), l.as_str())));
            let mut cols: Vec<(Option<u16>, &str)> = vec![(None, "（请选择）")];
            cols.extend(m.harm_labels.iter().zip(0..).map(|(l, i)| (Some(i), l.as_str())));
            ui.horizontal(|ui| {
                choice_combo_ui(ui, "发生几率：", "likelihood", &mut inputs.likelihood, &rows);
                choice_combo_ui(ui, "危害程度：", "harm", &mut inputs.harm, &cols);
            });
        }
    }
}
