//! Cells read as values: yes/no, roles, levels, measure phases, dates.

use chrono::{Datelike as _, NaiveDate};

use crate::domain::model::{GroupRole, MeasurePhase};

use super::{clean, clean_name};

pub fn parse_yes_no(cell: &str, title: &str) -> Result<bool, String> {
    match cell {
        "是" | "Y" | "y" | "√" | "✓" | "1" | "重点" | "重点岗位" => Ok(true),
        "否" | "N" | "n" | "×" | "0" | "一般" => Ok(false),
        _ => Err(format!("{title}“{cell}”应为 是 或 否")),
    }
}

pub fn parse_role(cell: &str) -> Result<(GroupRole, bool), String> {
    let c = clean_name(cell);
    if c == "常务副组长" {
        return Ok((GroupRole::DeputyLeader, true));
    }
    let role = GroupRole::ALL.into_iter().find(|r| r.label() == c).or(match c.as_str() {
        "主任" | "领导小组办公室主任" => Some(GroupRole::OfficeDirector),
        "组员" | "小组成员" => Some(GroupRole::Member),
        "办公室组成人员" | "工作人员" => Some(GroupRole::OfficeMember),
        _ => None,
    });
    role.map(|r| (r, false))
        .ok_or_else(|| format!("小组职务“{cell}”应为 {}", GroupRole::ALL.map(GroupRole::label).join("、")))
}

/// A level by the scheme's name (一级, 高 …), or 1/2/3.
pub fn parse_grade(cell: &str, names: &[String]) -> Result<u8, String> {
    let c = clean_name(cell);
    let by_name = names.iter().position(|n| *n == c || format!("{n}风险") == c);
    let by_number = match c.trim_end_matches('级').trim_end_matches(".0") {
        "1" | "一" | "Ⅰ" => Some(0),
        "2" | "二" | "Ⅱ" => Some(1),
        "3" | "三" | "Ⅲ" => Some(2),
        _ => None,
    };
    by_name
        .or(by_number)
        .filter(|i| *i < names.len().min(3))
        .and_then(|i| u8::try_from(i + 1).ok())
        .ok_or_else(|| format!("等级“{cell}”应为 {}", names.join("、")))
}

pub fn parse_phase(cell: &str, names: &[String]) -> Result<MeasurePhase, String> {
    let c = clean_name(cell);
    MeasurePhase::ALL
        .into_iter()
        .find(|p| names.get(p.index()).is_some_and(|n| *n == c))
        .or_else(|| {
            [("前期", MeasurePhase::Before), ("中期", MeasurePhase::During), ("后期", MeasurePhase::After)]
                .into_iter()
                .find(|(w, _)| c.starts_with(w))
                .map(|(_, p)| p)
        })
        .or(c.is_empty().then_some(MeasurePhase::Before))
        .ok_or_else(|| format!("阶段“{cell}”应为 {}", names.join("、")))
}

/// A date cell: as the reader gives dates (2026-03-31), as people type them, or an Excel
/// serial number (46112) stored without a date format.
pub fn parse_cell_date(cell: &str, title: &str) -> Result<Option<NaiveDate>, String> {
    let c: String = clean(cell).chars().map(super::half_width).collect();
    if c.is_empty() {
        return Ok(None);
    }
    if let Ok(serial) = c.trim_end_matches(".0").parse::<i64>()
        && (20_000..=2_958_465).contains(&serial)
        && c.len() <= 7
    {
        let epoch = NaiveDate::from_ymd_opt(1899, 12, 30).ok_or("日期")?;
        return Ok(epoch.checked_add_days(chrono::Days::new(serial.unsigned_abs())));
    }
    crate::domain::dates::parse_date(&c, crate::domain::dates::today().year()).map_err(|e| format!("{title}：{e}"))
}
