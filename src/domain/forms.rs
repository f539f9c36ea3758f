//! The catalogue of printable forms named in the seeds: id, Chinese title, where it comes from
//! and what its rows are. The layout of each form is declared in `report` (forms issue).

/// What one row of a form is about, which decides the subject the user picks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FormSubject {
    Unit,
    Department,
    Post,
    Person,
}

impl FormSubject {
    pub fn label(self) -> &'static str {
        match self {
            Self::Unit => "全单位",
            Self::Department => "按部门",
            Self::Post => "按岗位",
            Self::Person => "按个人",
        }
    }
}

/// A printable form. `as_str` is the id the command line, the scheme presets and the units'
/// wording use (`post_risk_analysis` …); code matches on the variants, so a form added here
/// is handled everywhere or the build says where not.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FormId {
    PostRiskSearch,
    DeptRiskSearch,
    PersonSelfCheck,
    UnitSelfCheck,
    DeptRiskRegister,
    PowerRiskRegister,
    PowerCatalogue,
    DeptRiskOverview,
    DeptStatistics,
    TaskBreakdown,
    PostDuties,
    PostRiskAnalysis,
    DeptIdentify,
    PersonIdentify,
    PostLevelCatalogue,
    Commitment,
    ResponsibilityLetter,
    WarningCard,
    DeskCard,
    GroupRoster,
}

impl FormId {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::PostRiskSearch => "post_risk_search",
            Self::DeptRiskSearch => "dept_risk_search",
            Self::PersonSelfCheck => "person_self_check",
            Self::UnitSelfCheck => "unit_self_check",
            Self::DeptRiskRegister => "dept_risk_register",
            Self::PowerRiskRegister => "power_risk_register",
            Self::PowerCatalogue => "power_catalogue",
            Self::DeptRiskOverview => "dept_risk_overview",
            Self::DeptStatistics => "dept_statistics",
            Self::TaskBreakdown => "task_breakdown",
            Self::PostDuties => "post_duties",
            Self::PostRiskAnalysis => "post_risk_analysis",
            Self::DeptIdentify => "dept_identify",
            Self::PersonIdentify => "person_identify",
            Self::PostLevelCatalogue => "post_level_catalogue",
            Self::Commitment => "commitment",
            Self::ResponsibilityLetter => "responsibility_letter",
            Self::WarningCard => "warning_card",
            Self::DeskCard => "desk_card",
            Self::GroupRoster => "group_roster",
        }
    }

    /// Every form, in catalogue order.
    pub const ALL: [Self; 20] = [
        Self::PostRiskSearch,
        Self::DeptRiskSearch,
        Self::PersonSelfCheck,
        Self::UnitSelfCheck,
        Self::DeptRiskRegister,
        Self::PowerRiskRegister,
        Self::PowerCatalogue,
        Self::DeptRiskOverview,
        Self::DeptStatistics,
        Self::TaskBreakdown,
        Self::PostDuties,
        Self::PostRiskAnalysis,
        Self::DeptIdentify,
        Self::PersonIdentify,
        Self::PostLevelCatalogue,
        Self::Commitment,
        Self::ResponsibilityLetter,
        Self::WarningCard,
        Self::DeskCard,
        Self::GroupRoster,
    ];

    /// The catalogue entry of this form.
    pub fn info(self) -> &'static FormInfo {
        CATALOGUE.iter().find(|f| f.id == self).unwrap_or(&CATALOGUE[0])
    }
}

impl std::fmt::Display for FormId {
    /// The id, padded as asked (`{:<24}` lines up `lianfang forms`).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.pad(self.as_str())
    }
}

impl std::str::FromStr for FormId {
    type Err = String;

    /// The form with this id, or a Chinese message listing the ids there are.
    fn from_str(id: &str) -> Result<Self, String> {
        CATALOGUE.iter().map(|f| f.id).find(|f| f.as_str() == id).ok_or_else(|| {
            let known: Vec<&str> = CATALOGUE.iter().map(|f| f.id.as_str()).collect();
            format!("没有编号为“{id}”的表格；可用的编号：{}（lianfang forms 列出名称）", known.join("、"))
        })
    }
}

/// One form of the catalogue.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FormInfo {
    pub id: FormId,
    pub title: &'static str,
    pub seeds: &'static str,
    pub rows: &'static str,
    pub subject: FormSubject,
}

/// The seed documents by their number in `FormInfo::seeds`.
const SEED_NAMES: [(&str, &str); 5] = [
    ("000", "天津滨海职业学院方案"),
    ("001", "福州实验小学方案"),
    ("002", "内蒙古工业大学方案"),
    ("003", "历下区妇联方案"),
    ("004", "江西农业大学方案"),
];

impl FormInfo {
    /// Where the form comes from, with the seed documents named (福州实验小学方案 附件5).
    pub fn source_text(&self) -> String {
        SEED_NAMES.iter().fold(self.seeds.to_owned(), |text, (no, name)| text.replace(no, name))
    }
}

const fn form(
    id: FormId,
    title: &'static str,
    seeds: &'static str,
    rows: &'static str,
    subject: FormSubject,
) -> FormInfo {
    FormInfo { id, title, seeds, rows, subject }
}

/// Every form, in the order of DOMAIN.md.
pub const CATALOGUE: [FormInfo; 20] = [
    form(FormId::PostRiskSearch, "岗位廉政风险查找表", "000 附1", "一个岗位的风险点", FormSubject::Post),
    form(FormId::DeptRiskSearch, "部门廉政风险查找表", "000 附2", "一个部门的风险点", FormSubject::Department),
    form(
        FormId::PersonSelfCheck,
        "个人廉政风险自查表",
        "001 附件2、003",
        "一个人的风险点（含思想道德）",
        FormSubject::Person,
    ),
    form(FormId::UnitSelfCheck, "单位廉政风险自查表", "003", "单位的风险点", FormSubject::Unit),
    form(
        FormId::DeptRiskRegister,
        "处室（单位）廉政风险排查登记表",
        "001 附件5",
        "一个处室的风险点",
        FormSubject::Department,
    ),
    form(
        FormId::PowerRiskRegister,
        "处室（单位）职权运行风险排查登记表",
        "001 附件6",
        "按职权和环节的风险点",
        FormSubject::Department,
    ),
    form(
        FormId::PowerCatalogue,
        "科室廉政风险防控职权目录表",
        "001 附件7",
        "职权：名称、内容、行使主体、行使依据",
        FormSubject::Department,
    ),
    form(
        FormId::DeptRiskOverview,
        "处室（单位）廉政风险识别一览表",
        "001 附件8",
        "岗位及其等级和措施",
        FormSubject::Department,
    ),
    form(FormId::DeptStatistics, "处室廉政风险防控统计表", "001 附件11", "按等级、类别、措施统计", FormSubject::Unit),
    form(
        FormId::TaskBreakdown,
        "廉政风险防控工作主要流程及任务分解表",
        "001 附件一",
        "阶段、任务、责任部门、时限",
        FormSubject::Unit,
    ),
    form(FormId::PostDuties, "岗位职责", "001 附件二", "每个岗位的职责、履职依据、在岗人员", FormSubject::Department),
    form(
        FormId::PostRiskAnalysis,
        "岗位风险分析和防控措施表",
        "002 附件",
        "每个岗位的风险分析和措施",
        FormSubject::Department,
    ),
    form(
        FormId::DeptIdentify,
        "部门廉政风险识别防控表",
        "004 附表1",
        "一个部门的风险、等级、措施",
        FormSubject::Department,
    ),
    form(
        FormId::PersonIdentify,
        "个人廉政风险识别防控表",
        "004 附表2",
        "一个人的风险、等级、措施",
        FormSubject::Person,
    ),
    form(FormId::PostLevelCatalogue, "岗位廉政风险和等级目录", "003", "全部岗位及其等级", FormSubject::Unit),
    form(FormId::Commitment, "廉政承诺书", "003、004", "每人一份，本人签字", FormSubject::Person),
    form(
        FormId::ResponsibilityLetter,
        "廉政风险分级管理责任书",
        "001",
        "每位领导、部门负责人一份",
        FormSubject::Person,
    ),
    form(FormId::WarningCard, "廉政风险警示牌", "001", "墙牌：每个岗位或部门一张 A4，显示最高等级", FormSubject::Post),
    form(FormId::DeskCard, "廉政风险警示桌牌", "001", "桌牌：A4 对折立于桌面，两面都可读", FormSubject::Post),
    form(FormId::GroupRoster, "廉政风险防控工作领导小组名单", "全部", "组长、副组长、成员、办公室", FormSubject::Unit),
];

/// The form with this id text (from a scheme file or a unit's wording), if there is one.
pub fn by_id(id: &str) -> Option<&'static FormInfo> {
    CATALOGUE.iter().find(|f| f.id.as_str() == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sources_name_the_seed_documents() {
        let stats = FormId::DeptStatistics.info();
        assert_eq!(stats.source_text(), "福州实验小学方案 附件11");
        assert!(CATALOGUE.iter().all(|f| !f.source_text().contains("00")), "every seed number is named");
    }

    #[test]
    fn ids_are_unique_and_found() {
        for f in &CATALOGUE {
            assert_eq!(by_id(f.id.as_str()), Some(f));
            assert_eq!(f.id.info(), f);
            assert_eq!(f.id.as_str().parse::<FormId>(), Ok(f.id));
            assert_eq!(CATALOGUE.iter().filter(|g| g.id == f.id).count(), 1);
        }
        assert!(by_id("nope").is_none());
        assert_eq!(CATALOGUE.map(|f| f.id), FormId::ALL, "every form has its entry, in order");
        assert_eq!(format!("{:<12}|", FormId::Commitment), "commitment  |", "padding is honoured");
        let refused = "nope".parse::<FormId>().unwrap_err();
        assert!(refused.contains("没有编号为“nope”的表格") && refused.contains("post_risk_analysis"), "{refused}");
    }
}
