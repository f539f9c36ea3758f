//! A scheme (方案模板): everything in which the seeds differ, as data. Presets live in
//! `assets/schemes/`; a unit keeps its own, editable copy inside its file.

use serde::{Deserialize, Serialize};

use super::model::{MeasurePhase, PostTier, RiskScope};

/// A risk class and the scheme's own explanation of it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct RiskClass {
    pub name: String,
    pub explanation: String,
    /// Scopes the class applies to; empty means all.
    pub scopes: Vec<RiskScope>,
}

/// A step of the review loop.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ReviewStep {
    pub name: String,
    pub explanation: String,
}

/// The review loop: steps in order, and where a rejection sends a risk point back to.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ReviewLoop {
    pub steps: Vec<ReviewStep>,
    /// Index of the step a rejected risk point restarts at.
    pub reject_to: usize,
    /// What a rejection means, in the scheme's words.
    pub reject_note: String,
}

/// How risk points are graded.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GradingMethod {
    /// By harm: crime / discipline / bad influence (seeds 002, 004).
    Harm,
    /// By post type (seeds 001, 003).
    PostType,
    /// Likelihood × harm on a matrix.
    #[default]
    Matrix,
}

impl GradingMethod {
    pub fn label(self) -> &'static str {
        match self {
            Self::Harm => "按危害程度评定",
            Self::PostType => "按岗位类型评定",
            Self::Matrix => "按发生几率×危害程度矩阵评定",
        }
    }
}

/// A rule that yields a level: its level (1 = highest) and its words.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct GradeRule {
    pub grade: u8,
    pub text: String,
}

/// The likelihood × harm matrix.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct RiskMatrix {
    /// Row labels, lowest likelihood first.
    pub likelihood_labels: Vec<String>,
    /// Column labels, lowest harm first.
    pub harm_labels: Vec<String>,
    /// `cells[likelihood][harm]` = grade (1 = highest).
    pub cells: Vec<Vec<u8>>,
}

impl Default for RiskMatrix {
    fn default() -> Self {
        Self {
            likelihood_labels: vec!["低".into(), "中".into(), "高".into()],
            harm_labels: vec!["轻".into(), "较重".into(), "严重".into()],
            cells: vec![vec![3, 3, 2], vec![3, 2, 1], vec![2, 1, 1]],
        }
    }
}

/// Grading settings.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Grading {
    pub method: GradingMethod,
    /// Names of the three levels, highest first (一级/二级/三级 or 高/中/低).
    pub level_names: Vec<String>,
    /// Harm rules (method `harm`).
    pub harm_rules: Vec<GradeRule>,
    /// Post-type rules (method `post_type`); a post matching none gets `default_grade`.
    pub post_type_rules: Vec<GradeRule>,
    pub default_grade: u8,
    pub matrix: RiskMatrix,
    /// Colours of the three levels (sRGB), highest first; empty = the default palette.
    pub level_colors: Vec<[u8; 3]>,
    /// Where the scheme says how to grade, quoted.
    pub source_text: String,
}

impl Default for Grading {
    fn default() -> Self {
        Self {
            method: GradingMethod::default(),
            level_names: vec!["一级".into(), "二级".into(), "三级".into()],
            harm_rules: Vec::new(),
            post_type_rules: Vec::new(),
            default_grade: 3,
            matrix: RiskMatrix::default(),
            level_colors: Vec::new(),
            source_text: String::new(),
        }
    }
}

/// Names of the roles in graded responsibility (seed 003: 主席 / 分管副主席 / 科室负责人).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ResponsibilityRoles {
    pub principal: String,
    pub supervising: String,
    pub dept_head: String,
    /// 一级 risks are managed directly by the supervising leader alone (003: “在分管副主席直接
    /// 管理的基础上，由主席负责”); otherwise by the department head and the supervising leader
    /// together (001).
    pub first_level_by_supervising_alone: bool,
    /// How many 组长 are principal leaders, answering for the highest level together (001:
    /// “校党总支书记、校长对全校廉政风险防控管理工作负总责” — both 组长).
    pub principals: usize,
}

impl Default for ResponsibilityRoles {
    fn default() -> Self {
        Self {
            principal: "主要领导".into(),
            supervising: "分管领导".into(),
            dept_head: "部门负责人".into(),
            first_level_by_supervising_alone: false,
            principals: 1,
        }
    }
}

/// Seed 004's yellow card, as a rule.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct YellowCardRule {
    pub min_verified_reports: u32,
    pub key_posts_only: bool,
    pub label: String,
    pub consequence: String,
}

impl Default for YellowCardRule {
    fn default() -> Self {
        Self {
            min_verified_reports: 2,
            key_posts_only: true,
            label: "廉政风险黄牌警告".into(),
            consequence: String::new(),
        }
    }
}

/// A phase the scheme pre-fills, with month-day bounds (`"05-16"`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PhasePreset {
    pub name: String,
    pub start: String,
    pub end: String,
    pub description: String,
    pub tasks: Vec<String>,
}

/// Suggestions (重点) the wizard offers per post tier.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct FocusHints {
    pub leader: Vec<String>,
    pub middle: Vec<String>,
    pub general: Vec<String>,
}

/// A unit's own wording of a form: its title, renamed column headers (default header → the
/// unit's), and for letters (承诺书, 责任书) the text. Empty means the default.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct FormWording {
    pub title: String,
    pub headers: std::collections::BTreeMap<String, String>,
    pub text: String,
}

impl FormWording {
    pub fn is_default(&self) -> bool {
        self.title.trim().is_empty()
            && self.headers.values().all(|h| h.trim().is_empty())
            && self.text.trim().is_empty()
    }
}

/// A scheme.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Scheme {
    pub id: String,
    pub name: String,
    /// The seed document this preset follows.
    pub source: String,
    pub scopes: Vec<RiskScope>,
    /// 领导岗位 / 中层岗位 / 一般岗位, in `PostTier` order.
    pub tier_names: Vec<String>,
    /// 单位 / 部门 / 岗位 / 个人 as the scheme says them (科室 instead of 部门 …), in `RiskScope` order.
    pub scope_names: Vec<String>,
    pub risk_classes: Vec<RiskClass>,
    pub found_by_methods: Vec<String>,
    pub found_by_channels: Vec<String>,
    pub review: ReviewLoop,
    pub grading: Grading,
    /// 前期预防 / 中期监控 / 后期处置 in `MeasurePhase` order.
    pub measure_phases: Vec<String>,
    pub responsibility: ResponsibilityRoles,
    pub warning_sources: Vec<String>,
    pub warning_responses: Vec<String>,
    pub yellow_card: Option<YellowCardRule>,
    pub phases: Vec<PhasePreset>,
    /// Form ids from `domain::forms::CATALOGUE`.
    pub forms: Vec<String>,
    pub focus: FocusHints,
    /// The unit's wording of forms, by form id.
    pub form_wording: std::collections::BTreeMap<String, FormWording>,
    /// Each 廉政承诺书 lists the signer's own risk points and their measures (003: “每人根据个人
    /// 风险写出廉政承诺书”).
    pub commitment_names_risks: bool,
    /// How the plan prints its 领导小组名单.
    pub roster: RosterWording,
    /// The unit's own column headers in the workbooks it imports, remembered once chosen: by
    /// kind (`ImportKind::key`), header → field key ("" for a column not imported). Kept with
    /// the unit's other settings (its copy of the scheme), so the file needs no new table and
    /// the previous build still opens it (it ignores the key).
    #[serde(skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub import_columns: std::collections::BTreeMap<String, std::collections::BTreeMap<String, String>>,
}

/// The words of a printed 领导小组名单 as the seed writes them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RosterWording {
    /// 成员, or 主要成员 (000).
    pub member_label: String,
    /// Between names on one line: 、 (001), or a space (002).
    pub name_separator: String,
    /// The office's lines, with {办公室} (where it sits), {办公室主任} and {办公室成员} filled
    /// in; a line whose blank has nothing to fill is left out.
    pub office_lines: Vec<String>,
}

impl Default for RosterWording {
    fn default() -> Self {
        Self {
            member_label: "成员".into(),
            name_separator: "、".into(),
            office_lines: vec![
                "领导小组下设办公室，办公室设在{办公室}".into(),
                "办公室主任：{办公室主任}".into(),
                "办公室成员：{办公室成员}".into(),
            ],
        }
    }
}

impl Default for Scheme {
    fn default() -> Self {
        Self {
            id: String::new(),
            name: String::new(),
            source: String::new(),
            scopes: RiskScope::ALL.to_vec(),
            tier_names: vec!["领导岗位".into(), "中层岗位".into(), "一般岗位".into()],
            scope_names: vec!["单位".into(), "部门".into(), "岗位".into(), "个人".into()],
            risk_classes: Vec::new(),
            found_by_methods: Vec::new(),
            found_by_channels: Vec::new(),
            review: ReviewLoop::default(),
            grading: Grading::default(),
            measure_phases: vec!["前期预防".into(), "中期监控".into(), "后期处置".into()],
            responsibility: ResponsibilityRoles::default(),
            warning_sources: Vec::new(),
            warning_responses: Vec::new(),
            yellow_card: None,
            phases: Vec::new(),
            forms: Vec::new(),
            focus: FocusHints::default(),
            form_wording: std::collections::BTreeMap::new(),
            import_columns: std::collections::BTreeMap::new(),
            commitment_names_risks: false,
            roster: RosterWording::default(),
        }
    }
}

/// The embedded presets, one per seed.
const PRESETS: [&str; 5] = [
    include_str!("../../assets/schemes/tjbh2012.json"),
    include_str!("../../assets/schemes/fzsx2013.json"),
    include_str!("../../assets/schemes/imut2011.json"),
    include_str!("../../assets/schemes/lxfl2012.json"),
    include_str!("../../assets/schemes/jxau2010.json"),
];

/// A preset that does not parse is a build defect; tests parse every preset.
#[derive(Debug, thiserror::Error)]
#[error("方案模板 {index} 无法解析：{source}")]
pub struct PresetError {
    index: usize,
    source: serde_json::Error,
}

impl Scheme {
    /// One line on what the scheme prescribes, for choosing one (五类风险，按危害程度评级，六步审核).
    pub fn summary(&self) -> String {
        let classes: Vec<&str> = self.risk_classes.iter().map(|c| c.name.as_str()).collect();
        let card = if self.yellow_card.is_some() { "，有黄牌警告" } else { "" };
        format!(
            "{} 类风险（{}）；{}；{} 步审核；措施分{}{card}",
            classes.len(),
            classes.join("、"),
            self.grading.method.label(),
            self.review.steps.len(),
            self.measure_phases.join("、"),
        )
    }

    /// Every preset, in seed order.
    pub fn presets() -> Result<Vec<Self>, PresetError> {
        PRESETS
            .iter()
            .enumerate()
            .map(|(index, text)| serde_json::from_str(text).map_err(|source| PresetError { index, source }))
            .collect()
    }

    /// The preset with this id.
    pub fn preset(id: &str) -> Result<Option<Self>, PresetError> {
        Ok(Self::presets()?.into_iter().find(|s| s.id == id))
    }

    /// Name of a level (1 = highest); `未评定` when absent or out of range.
    pub fn level_name(&self, grade: Option<u8>) -> &str {
        grade
            .and_then(|g| self.grading.level_names.get(usize::from(g).wrapping_sub(1)))
            .map_or("未评定", String::as_str)
    }

    /// The colour of a level: the scheme's own, else the default palette.
    pub fn level_rgb(&self, grade: Option<u8>) -> super::levels::Rgb {
        grade
            .and_then(|g| self.grading.level_colors.get(usize::from(g).wrapping_sub(1)))
            .copied()
            .unwrap_or_else(|| super::levels::level_color(grade))
    }

    pub fn tier_name(&self, tier: PostTier) -> &str {
        self.tier_names.get(tier.index()).map_or("", String::as_str)
    }

    pub fn scope_name(&self, scope: RiskScope) -> &str {
        let index = RiskScope::ALL.iter().position(|s| *s == scope).unwrap_or(0);
        self.scope_names.get(index).map_or(scope.label(), String::as_str)
    }

    /// Whether the scheme's seed names this form among its appendices.
    pub fn uses_form(&self, id: super::forms::FormId) -> bool {
        self.forms.iter().any(|f| f == id.as_str())
    }

    /// The title the unit prints `form` under: its own wording, or the catalogue's.
    pub fn form_title(&self, form: super::forms::FormId) -> &str {
        self.form_wording
            .get(form.as_str())
            .map(|w| w.title.trim())
            .filter(|t| !t.is_empty())
            .unwrap_or(form.info().title)
    }

    pub fn measure_phase_name(&self, phase: MeasurePhase) -> &str {
        self.measure_phases.get(phase.index()).map_or("", String::as_str)
    }

    /// The name of review step `index`, or 第N步 when the scheme has no such step.
    pub fn review_step_name(&self, index: i64) -> String {
        usize::try_from(index)
            .ok()
            .and_then(|i| self.review.steps.get(i))
            .map_or_else(|| format!("第{}步", index + 1), |s| s.name.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::forms;

    #[test]
    fn every_preset_parses_and_is_complete() {
        let presets = Scheme::presets().unwrap();
        assert_eq!(presets.len(), 5);
        let mut ids = std::collections::HashSet::new();
        for s in &presets {
            assert!(ids.insert(s.id.clone()), "duplicate id {}", s.id);
            assert!(!s.name.is_empty());
            assert!(s.risk_classes.len() >= 4, "{}", s.id);
            assert!(s.review.steps.len() >= 2, "{}", s.id);
            assert!(s.review.reject_to < s.review.steps.len(), "{}", s.id);
            assert_eq!(s.grading.level_names.len(), 3, "{}", s.id);
            assert_eq!(s.measure_phases.len(), 3, "{}", s.id);
            assert_eq!(s.tier_names.len(), 3, "{}", s.id);
            assert_eq!(s.scope_names.len(), 4, "{}", s.id);
            assert!(!s.phases.is_empty(), "{}", s.id);
            assert!(!s.forms.is_empty(), "{}", s.id);
            for f in &s.forms {
                assert!(forms::by_id(f).is_some(), "{}: unknown form {f}", s.id);
            }
            let m = &s.grading.matrix;
            assert_eq!(m.cells.len(), m.likelihood_labels.len(), "{}", s.id);
            assert!(m.cells.iter().all(|r| r.len() == m.harm_labels.len()), "{}", s.id);
        }
    }

    #[test]
    fn presets_keep_the_seeds_differences() {
        let p = |id: &str| Scheme::preset(id).unwrap().unwrap();
        let tj = p("tjbh2012");
        assert_eq!(tj.risk_classes.len(), 5);
        assert_eq!(tj.review.steps.len(), 6);
        assert_eq!(tj.review.steps[0].name, "部门内部互评");
        assert_eq!(tj.review.steps[5].name, "返回本人确认");
        let lx = p("lxfl2012");
        assert_eq!(
            lx.review.steps.iter().map(|s| s.name.as_str()).collect::<Vec<_>>(),
            ["自己找", "单位查", "民主评", "组织评"]
        );
        assert_eq!(lx.responsibility.principal, "主席");
        assert_eq!(p("imut2011").measure_phases[1], "中期示警");
        assert_eq!(p("imut2011").grading.method, GradingMethod::Harm);
        assert_eq!(p("fzsx2013").grading.method, GradingMethod::PostType);
        assert_eq!(p("fzsx2013").grading.level_names, ["高", "中", "低"]);
        let jx = p("jxau2010");
        assert_eq!(jx.yellow_card.as_ref().unwrap().min_verified_reports, 2);
        assert!(tj.yellow_card.is_none());
        assert_eq!(tj.level_name(Some(1)), "一级");
        assert_eq!(tj.level_name(None), "未评定");
        assert_eq!(tj.level_name(Some(9)), "未评定");
    }
}
