//! The entities of one unit's file. Field names are also the JSON keys of `lianfang dump`
//! and the column names of the SQLite tables.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::Id;
pub use super::stamp::{Moment, Stamp};
pub use super::text::{Note, Shared};

/// The place after the last of `rows`: where a new row goes (0 for the first). The one rule
/// for adding at the end of any hand-ordered list.
pub fn next_seq<'a, T: Sequenced + 'a>(rows: impl IntoIterator<Item = &'a T>) -> i64 {
    rows.into_iter().map(|r| r.seq() + 1).max().unwrap_or(0)
}

/// A row that records when it was created and last changed (every entity: `domain::change`
/// implements it with the entity list).
pub trait Stamped {
    fn stamp_mut(&mut self) -> &mut Stamp;
}

/// Rows the user puts in order by hand (阶段, 部门, 岗位, 环节, 领导小组成员 …).
pub trait Sequenced: Stamped {
    fn seq(&self) -> i64;
    fn set_seq(&mut self, seq: i64);
}

macro_rules! sequenced {
    ($($t:ty),*) => {$(
        impl Sequenced for $t {
            fn seq(&self) -> i64 { self.seq }
            fn set_seq(&mut self, seq: i64) { self.seq = seq; }
        }
    )*};
}

/// The unit (学校、机关) that owns the file. Exactly one per file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Unit {
    pub id: Id,
    /// 天津滨海职业学院
    pub name: String,
    /// 高校、中小学、机关、群团 …
    pub kind: String,
    /// The unit's own copy of the scheme it chose; it may edit it.
    pub scheme: super::Scheme,
    #[serde(flatten)]
    pub stamp: Stamp,
}

/// 实施方案: the plan document.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Plan {
    pub id: Id,
    /// 文号, e.g. 闽实小党[2013]4号
    pub doc_no: String,
    pub title: String,
    /// 发文机关
    pub issuer: String,
    /// 签发人
    pub signer: String,
    pub signed_on: Option<NaiveDate>,
    pub issued_on: Option<NaiveDate>,
    /// 指导思想 and goals, kept as the unit wrote them.
    pub guiding_text: String,
    #[serde(flatten)]
    pub stamp: Stamp,
}

/// Status of a phase or a task.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WorkStatus {
    #[default]
    NotStarted,
    InProgress,
    Done,
}

impl WorkStatus {
    pub fn label(self) -> &'static str {
        match self {
            Self::NotStarted => "未开始",
            Self::InProgress => "进行中",
            Self::Done => "已完成",
        }
    }
}

/// A phase of the plan (动员部署阶段 3月—4月 …).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Phase {
    pub id: Id,
    pub plan_id: Id,
    pub seq: i64,
    pub name: String,
    pub starts_on: Option<NaiveDate>,
    pub ends_on: Option<NaiveDate>,
    pub description: String,
    pub dept_id: Option<Id>,
    pub status: WorkStatus,
    #[serde(flatten)]
    pub stamp: Stamp,
}

impl Phase {
    /// Overdue: not done, and its end date has passed. The one definition (the area figures
    /// count the same in SQL: `store::consolidate::OVERDUE_PHASE`).
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        self.status != WorkStatus::Done && self.ends_on.is_some_and(|e| e < today)
    }
}

/// A task inside a phase (任务分解).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Task {
    pub id: Id,
    pub phase_id: Id,
    pub seq: i64,
    pub content: String,
    pub dept_id: Option<Id>,
    pub due_on: Option<NaiveDate>,
    pub status: WorkStatus,
    #[serde(flatten)]
    pub stamp: Stamp,
}

impl Task {
    /// Overdue: not done, and its time limit has passed (as for a phase).
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        self.status != WorkStatus::Done && self.due_on.is_some_and(|d| d < today)
    }
}

/// A batch of departments that start together (seed 004: 第一批 试点单位).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PilotBatch {
    pub id: Id,
    pub plan_id: Id,
    pub seq: i64,
    pub name: String,
    pub starts_on: Option<NaiveDate>,
    pub note: String,
    #[serde(flatten)]
    pub stamp: Stamp,
}

/// A department taking part in a pilot batch.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PilotBatchDept {
    pub id: Id,
    pub batch_id: Id,
    pub dept_id: Id,
    #[serde(flatten)]
    pub stamp: Stamp,
}

/// 处室/科室/系部/部门. Departments form a tree through `parent_id`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Department {
    pub id: Id,
    pub parent_id: Option<Id>,
    pub seq: i64,
    pub name: String,
    /// 处室、科室、系部、部门、直属单位 …
    pub kind: String,
    /// 部门负责人
    pub head_person_id: Option<Id>,
    #[serde(flatten)]
    pub stamp: Stamp,
}

/// A person; `titles` keeps every title in order (党委副书记、院长).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Person {
    pub id: Id,
    pub name: String,
    pub titles: Vec<String>,
    pub dept_id: Option<Id>,
    pub note: String,
    #[serde(flatten)]
    pub stamp: Stamp,
}

impl Person {
    /// 党委副书记、院长
    pub fn titles_text(&self) -> String {
        self.titles.join("、")
    }
}

/// Roles inside the leadership group and its office.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GroupRole {
    /// 组长
    Leader,
    /// 副组长 (常务 when `executive`)
    DeputyLeader,
    /// 成员
    Member,
    /// 办公室主任
    OfficeDirector,
    /// 办公室成员
    OfficeMember,
}

impl GroupRole {
    pub const ALL: [Self; 5] =
        [Self::Leader, Self::DeputyLeader, Self::Member, Self::OfficeDirector, Self::OfficeMember];

    pub fn label(self) -> &'static str {
        match self {
            Self::Leader => "组长",
            Self::DeputyLeader => "副组长",
            Self::Member => "成员",
            Self::OfficeDirector => "办公室主任",
            Self::OfficeMember => "办公室成员",
        }
    }

    pub fn is_office(self) -> bool {
        matches!(self, Self::OfficeDirector | Self::OfficeMember)
    }
}

/// How the members of the group are listed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MemberOrder {
    #[default]
    Manual,
    Pinyin,
    /// 以姓氏笔画为序
    Strokes,
}

/// The leadership group (领导小组) itself: one per file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LeadingGroup {
    pub id: Id,
    /// 廉政风险防控工作领导小组
    pub name: String,
    /// The department the office sits in, when it is one of ours.
    pub office_dept_id: Option<Id>,
    /// Where the office sits, as written (纪委、监察处).
    pub office_location: String,
    /// Members other than named people, as written (学校各处室主任、副主任).
    pub members_note: String,
    pub member_order: MemberOrder,
    #[serde(flatten)]
    pub stamp: Stamp,
}

/// A seat in the leadership group or its office.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GroupMember {
    pub id: Id,
    pub person_id: Id,
    pub role: GroupRole,
    /// 常务 (for 副组长)
    pub executive: bool,
    /// 兼 (for 办公室主任)
    pub concurrent: bool,
    pub seq: i64,
    #[serde(flatten)]
    pub stamp: Stamp,
}

/// 分管: a leader supervises a department.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Supervision {
    pub id: Id,
    pub leader_person_id: Id,
    pub dept_id: Id,
    #[serde(flatten)]
    pub stamp: Stamp,
}

/// 岗位层次.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PostTier {
    /// 领导岗位
    Leader,
    /// 中层岗位
    Middle,
    /// 一般（重要）岗位
    General,
}

impl PostTier {
    pub const ALL: [Self; 3] = [Self::Leader, Self::Middle, Self::General];

    pub fn index(self) -> usize {
        match self {
            Self::Leader => 0,
            Self::Middle => 1,
            Self::General => 2,
        }
    }
}

/// A post (岗位) in a department.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Post {
    pub id: Id,
    pub dept_id: Id,
    pub seq: i64,
    pub name: String,
    pub tier: PostTier,
    /// 岗位职责
    pub duties: String,
    /// 履职依据
    pub basis: String,
    /// 重点岗位 (seed 004's yellow card applies to these)
    pub key_post: bool,
    #[serde(flatten)]
    pub stamp: Stamp,
}

impl Post {
    /// A new post called `name` in `dept_id` at `seq`: nothing but its tier yet; a post above
    /// the general tier is a 重点岗位.
    pub fn new(dept_id: Id, seq: i64, name: String, tier: PostTier) -> Self {
        Self {
            id: super::new_id(),
            dept_id,
            seq,
            name,
            tier,
            duties: String::new(),
            basis: String::new(),
            key_post: tier != PostTier::General,
            stamp: Stamp::now(),
        }
    }
}

/// A person filling a post; a person may fill several posts and a post hold several people.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PostHolder {
    pub id: Id,
    pub post_id: Id,
    pub person_id: Id,
    #[serde(flatten)]
    pub stamp: Stamp,
}

/// 职权 of a department (职权目录).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Power {
    pub id: Id,
    pub dept_id: Id,
    pub seq: i64,
    pub name: String,
    pub content: String,
    /// 行使主体
    pub subject: String,
    /// 行使依据
    pub basis: String,
    /// 程序
    pub procedure: String,
    /// 时限
    pub time_limit: String,
    /// 相应责任
    pub responsibility: String,
    #[serde(flatten)]
    pub stamp: Stamp,
}

impl Power {
    /// A new 职权 called `name` of `dept_id` at `seq`, every other field empty.
    pub fn new(dept_id: Id, seq: i64, name: String) -> Self {
        Self {
            id: super::new_id(),
            dept_id,
            seq,
            name,
            content: String::new(),
            subject: String::new(),
            basis: String::new(),
            procedure: String::new(),
            time_limit: String::new(),
            responsibility: String::new(),
            stamp: Stamp::now(),
        }
    }
}

/// One step in the flow of a power.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PowerStep {
    pub id: Id,
    pub power_id: Id,
    pub seq: i64,
    pub name: String,
    pub description: String,
    #[serde(flatten)]
    pub stamp: Stamp,
}

/// Where a risk point sits.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RiskScope {
    Unit,
    Department,
    Post,
    Person,
}

impl RiskScope {
    pub const ALL: [Self; 4] = [Self::Unit, Self::Department, Self::Post, Self::Person];

    pub fn label(self) -> &'static str {
        match self {
            Self::Unit => "单位",
            Self::Department => "部门",
            Self::Post => "岗位",
            Self::Person => "个人",
        }
    }
}

/// Where a risk point is in its review loop.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReviewStatus {
    /// 草稿: not yet submitted.
    #[default]
    Draft,
    /// 审核中: at review step `review_step` of the scheme.
    InReview,
    /// 退回修改: rejected, back to an earlier step.
    Returned,
    /// 已确认: passed every step.
    Approved,
}

impl ReviewStatus {
    pub const ALL: [Self; 4] = [Self::Draft, Self::InReview, Self::Returned, Self::Approved];

    pub fn label(self) -> &'static str {
        match self {
            Self::Draft => "草稿",
            Self::InReview => "审核中",
            Self::Returned => "退回修改",
            Self::Approved => "已确认",
        }
    }
}

/// The inputs a grading method used; kept so the rationale can be shown and re-checked.
/// Indexes into the scheme's short lists: `u16` keeps a risk point 48 bytes smaller than
/// `usize` (a file with a larger index is refused as malformed).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct GradeInputs {
    /// By harm: index of the scheme's harm rule that applies (0 = 一级).
    pub harm_rule: Option<u16>,
    /// By post type: index of the scheme's post-type rule that applies.
    pub post_type_rule: Option<u16>,
    /// Matrix: likelihood row (0-based, 0 = lowest).
    pub likelihood: Option<u16>,
    /// Matrix: harm column (0-based, 0 = lowest).
    pub harm: Option<u16>,
}

/// A risk point (廉政风险点).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RiskPoint {
    pub id: Id,
    pub scope: RiskScope,
    pub dept_id: Option<Id>,
    pub post_id: Option<Id>,
    pub person_id: Option<Id>,
    pub seq: i64,
    /// One of the scheme's risk classes.
    pub class: Shared,
    /// 风险点
    pub description: String,
    /// 表现形式
    pub manifestation: String,
    pub power_id: Option<Id>,
    pub power_step_id: Option<Id>,
    /// One of the scheme's found-by methods or channels.
    pub found_by: Shared,
    pub status: ReviewStatus,
    /// Index into the scheme's review steps (the step now due, or last passed when approved).
    pub review_step: i64,
    /// 1 = highest level (一级); `None` = not yet graded.
    pub grade: Option<u8>,
    pub grade_inputs: GradeInputs,
    /// Which rule gave the grade, in words.
    pub grade_rationale: Shared,
    /// Reason for a manual override; empty when the grade follows the rule.
    pub grade_override_reason: Note,
    #[serde(flatten)]
    pub stamp: Stamp,
}

impl RiskPoint {
    /// Its number in the unit's inventory as the user reads it (第1项 is the first).
    pub fn number(&self) -> i64 {
        self.seq.saturating_add(1)
    }
}

/// One dated step of the review loop, signed off by someone.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReviewRecord {
    pub id: Id,
    pub risk_point_id: Id,
    pub step_index: i64,
    /// The step's name at the time (schemes may be edited later).
    pub step_name: String,
    pub reviewer: String,
    pub reviewed_on: Option<NaiveDate>,
    pub opinion: String,
    pub passed: bool,
    #[serde(flatten)]
    pub stamp: Stamp,
}

/// The three phases of measures.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MeasurePhase {
    /// 前期预防
    Before,
    /// 中期监控 / 中期示警
    During,
    /// 后期处置
    After,
}

impl MeasurePhase {
    pub const ALL: [Self; 3] = [Self::Before, Self::During, Self::After];

    pub fn index(self) -> usize {
        match self {
            Self::Before => 0,
            Self::During => 1,
            Self::After => 2,
        }
    }
}

/// A measure (防控措施) against a risk point.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Measure {
    pub id: Id,
    pub risk_point_id: Id,
    pub phase: MeasurePhase,
    pub seq: i64,
    pub content: String,
    /// 责任人 when the owner is one of our people.
    pub owner_person_id: Option<Id>,
    /// 责任人/责任部门 as written, when no person is linked. This and the other texts below are
    /// mostly empty: a `Note` (8 bytes, no allocation while empty; 300,000 measures in a
    /// large unit).
    pub owner_text: Note,
    pub due_on: Option<NaiveDate>,
    /// 已落实.
    pub done: bool,
    pub done_on: Option<NaiveDate>,
    /// Who confirmed the 落实 (a name as written).
    #[serde(default)]
    pub confirmed_by: Note,
    /// What shows it was done (制度文件 X 号 …).
    #[serde(default)]
    pub evidence: Note,
    /// 不再适用: kept on record, never overdue.
    #[serde(default)]
    pub not_applicable: bool,
    #[serde(default)]
    pub not_applicable_reason: Note,
    #[serde(flatten)]
    pub stamp: Stamp,
}

/// 预警: a signal against a post or a person.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Warning {
    pub id: Id,
    pub post_id: Option<Id>,
    pub person_id: Option<Id>,
    /// One of the scheme's warning sources (信访举报 …).
    pub source: String,
    pub received_on: Option<NaiveDate>,
    pub content: String,
    /// 查实
    pub verified: bool,
    pub follow_up: String,
    #[serde(flatten)]
    pub stamp: Stamp,
}

/// A response to a warning (谈话提醒 …).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WarningResponse {
    pub id: Id,
    pub warning_id: Id,
    /// One of the scheme's responses.
    pub kind: String,
    pub responded_on: Option<NaiveDate>,
    pub content: String,
    #[serde(flatten)]
    pub stamp: Stamp,
}

/// 检查考核: one round of inspection.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InspectionRound {
    pub id: Id,
    pub name: String,
    pub year: i64,
    pub starts_on: Option<NaiveDate>,
    pub ends_on: Option<NaiveDate>,
    #[serde(flatten)]
    pub stamp: Stamp,
}

/// A department's self-check and the office's assessment in one round.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InspectionResult {
    pub id: Id,
    pub round_id: Id,
    pub dept_id: Id,
    pub self_check: String,
    pub assessment: String,
    /// 好/较好/一般/差, or a score, as the unit grades.
    pub rating: String,
    #[serde(flatten)]
    pub stamp: Stamp,
}

/// 廉政承诺书 of one person for one year.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Commitment {
    pub id: Id,
    pub person_id: Id,
    pub year: i64,
    pub text: String,
    pub signed_on: Option<NaiveDate>,
    #[serde(flatten)]
    pub stamp: Stamp,
}

/// Which kind of responsibility letter.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LetterKind {
    /// 廉政风险分级管理责任书
    #[default]
    GradedRisk,
    /// 党风廉政建设责任书
    PartyConduct,
}

impl LetterKind {
    pub fn label(self) -> &'static str {
        match self {
            Self::GradedRisk => "廉政风险分级管理责任书",
            Self::PartyConduct => "党风廉政建设责任书",
        }
    }
}

/// A signed responsibility letter (责任书).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ResponsibilityLetter {
    pub id: Id,
    pub kind: LetterKind,
    pub year: i64,
    /// Who signs and answers (a leader or a department head).
    pub signer_person_id: Id,
    /// Who the letter is signed with (usually the principal leader).
    pub counterpart_person_id: Option<Id>,
    pub dept_id: Option<Id>,
    pub signed_on: Option<NaiveDate>,
    #[serde(flatten)]
    pub stamp: Stamp,
}

/// One append-only line of the audit log.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub seq: i64,
    pub at: String,
    /// The operating-system user who made the change.
    pub actor: String,
    /// insert / update / delete / override / migrate …
    pub action: String,
    pub table_name: String,
    pub row_id: String,
    /// What changed, in words or JSON.
    pub detail: String,
}

sequenced!(Phase, Task, PilotBatch, Department, GroupMember, Post, Power, PowerStep, RiskPoint);
