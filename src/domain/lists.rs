//! The unit's lists as plain tables — a name, column titles, rows of cells — in the words the
//! user reads: what 导出 Excel writes one sheet each, and what 从 Excel 导入 reads back (the
//! import knows the same column titles, `import::Field`).

use chrono::NaiveDate;

use super::content::ContentIndex;
use super::model::*;
use super::{Content, Id};

/// One cell: text, a date, a count, or a level (written with the level's colour).
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Text(String),
    Date(NaiveDate),
    Count(i64),
    Level { grade: u8, name: String },
}

impl Cell {
    /// The cell as the user reads it (dates 2026年3月31日).
    pub fn text(&self) -> String {
        match self {
            Self::Text(t) => t.clone(),
            Self::Date(d) => super::dates::format_date(*d),
            Self::Count(n) => n.to_string(),
            Self::Level { name, .. } => name.clone(),
        }
    }
}

impl From<&str> for Cell {
    fn from(t: &str) -> Self {
        Self::Text(t.to_owned())
    }
}

impl From<String> for Cell {
    fn from(t: String) -> Self {
        Self::Text(t)
    }
}

impl From<Option<NaiveDate>> for Cell {
    fn from(d: Option<NaiveDate>) -> Self {
        d.map_or_else(|| Self::Text(String::new()), Self::Date)
    }
}

/// A list as a table.
#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    /// The sheet's name (领导小组, 部门 …).
    pub name: String,
    pub columns: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

impl Table {
    fn new(name: &str, columns: &[&str]) -> Self {
        Self { name: name.to_owned(), columns: columns.iter().map(|c| (*c).to_owned()).collect(), rows: Vec::new() }
    }
}

/// Sheet names, in the order they are written and imported (each refers only to earlier ones).
pub const GROUP: &str = "领导小组";
pub const DEPARTMENTS: &str = "部门";
pub const POSTS: &str = "岗位";
pub const PEOPLE: &str = "人员";
pub const POWERS: &str = "职权目录";
pub const RISKS: &str = "风险点";
pub const MEASURES: &str = "防控措施";
pub const WARNINGS: &str = "预警";
pub const INSPECTIONS: &str = "检查考核";

/// 是/否 as the lists write a yes-or-no.
pub fn yes_no(b: bool) -> &'static str {
    if b { "是" } else { "否" }
}

/// 落实 state of a measure in words.
pub fn measure_state(m: &Measure) -> &'static str {
    if m.not_applicable {
        "不再适用"
    } else if m.done {
        "已落实"
    } else {
        "未落实"
    }
}

/// Every list of the unit, one table each.
pub fn unit_tables(c: &Content) -> Vec<Table> {
    tables(c, &ContentIndex::build(c), None)
}

/// The lists called `names` (all when `None`), in the order of `TABLES`, each table built only
/// when asked for.
pub fn tables(c: &Content, ix: &ContentIndex, names: Option<&[&str]>) -> Vec<Table> {
    TABLES.iter().filter(|(name, _)| names.is_none_or(|n| n.contains(name))).map(|(_, build)| build(c, ix)).collect()
}

/// How a list's table is made.
type Build = fn(&Content, &ContentIndex) -> Table;

/// Each list's sheet name and how its table is made, in the order they are written.
const TABLES: [(&str, Build); 9] = [
    (DEPARTMENTS, departments),
    (PEOPLE, people),
    (POSTS, posts),
    (GROUP, group),
    (POWERS, powers),
    (RISKS, risks),
    (MEASURES, measures),
    (WARNINGS, warnings),
    (INSPECTIONS, inspections),
];

/// Sheets of the lists each tab shows (its 导出 Excel writes these).
pub const ORGANISATION_SHEETS: &[&str] = &[DEPARTMENTS, PEOPLE, POSTS, GROUP];
pub const INVENTORY_SHEETS: &[&str] = &[RISKS, MEASURES];
pub const MEASURE_SHEETS: &[&str] = &[MEASURES];
pub const POWER_SHEETS: &[&str] = &[POWERS];
pub const WARNING_SHEETS: &[&str] = &[WARNINGS, INSPECTIONS];

/// 上级汇总: one row per unit with its figures, and a 合计 row.
pub fn area_table(figures: &[super::exchange::UnitFigures]) -> Table {
    let mut t = Table::new(
        "各单位情况",
        &[
            "单位",
            "部门",
            "岗位",
            "一级",
            "二级",
            "三级",
            "未评定",
            "措施",
            "逾期措施",
            "阶段数",
            "逾期阶段",
            "各类别风险点",
            "各类部门风险点",
            "报送时间",
            "核验码",
        ],
    );
    let mut total = [0_i64; 10];
    for u in figures {
        let counts = [
            u.departments,
            u.posts,
            u.by_level[0],
            u.by_level[1],
            u.by_level[2],
            u.by_level[3],
            u.measures,
            u.overdue_measures,
            u.phases,
            u.overdue_phases,
        ];
        let mut row = vec![Cell::Text(u.display_name(figures))];
        for (sum, n) in total.iter_mut().zip(counts) {
            *sum += n;
            row.push(Cell::Count(n));
        }
        let pairs = |v: &[(String, i64)]| v.iter().map(|(k, n)| format!("{k} {n}")).collect::<Vec<_>>().join("、");
        row.extend([
            pairs(&u.by_class).into(),
            pairs(&u.by_dept_kind).into(),
            super::dates::format_stamp(&u.submission.imported_at).into(),
            super::exchange::verification_code(&u.submission.sha256).into(),
        ]);
        t.rows.push(row);
    }
    let mut row = vec![Cell::Text("合计".into())];
    row.extend(total.into_iter().map(Cell::Count));
    row.extend(std::iter::repeat_n(Cell::Text(String::new()), 4));
    t.rows.push(row);
    t
}

fn group(c: &Content, ix: &ContentIndex) -> Table {
    let mut t = Table::new(GROUP, &["小组职务", "姓名", "职务", "部门", "备注"]);
    let mut members: Vec<&GroupMember> = c.group_members.iter().collect();
    members.sort_by_key(|m| (m.role, m.seq));
    for m in members {
        let person = ix.person(c, Some(m.person_id));
        let note = if m.executive {
            "常务"
        } else if m.concurrent {
            "兼"
        } else {
            ""
        };
        t.rows.push(vec![
            m.role.label().into(),
            person.map_or("", |p| p.name.as_str()).into(),
            person.map(Person::titles_text).unwrap_or_default().into(),
            ix.dept_name(c, person.and_then(|p| p.dept_id)).into(),
            note.into(),
        ]);
    }
    t
}

fn departments(c: &Content, ix: &ContentIndex) -> Table {
    let mut t = Table::new(DEPARTMENTS, &["部门名称", "类型", "上级部门", "负责人", "分管领导"]);
    for d in &c.departments {
        let leaders: Vec<&str> = ix
            .supervisors_of
            .get(&d.id)
            .into_iter()
            .flatten()
            .filter_map(|i| c.people.get(*i))
            .map(|p| p.name.as_str())
            .collect();
        t.rows.push(vec![
            d.name.as_str().into(),
            d.kind.as_str().into(),
            ix.dept_name(c, d.parent_id).into(),
            ix.person_name(c, d.head_person_id).into(),
            leaders.join("、").into(),
        ]);
    }
    t
}

fn people(c: &Content, ix: &ContentIndex) -> Table {
    let mut t = Table::new(PEOPLE, &["姓名", "职务", "部门", "备注"]);
    let mut rows: Vec<[String; 4]> = c
        .people
        .iter()
        .map(|p| [p.name.clone(), p.titles_text(), ix.dept_name(c, p.dept_id).to_owned(), p.note.clone()])
        .collect();
    // By name as the file keeps them; people of one name by what tells them apart.
    rows.sort();
    t.rows = rows.into_iter().map(|r| r.into_iter().map(Cell::Text).collect()).collect();
    t
}

fn posts(c: &Content, ix: &ContentIndex) -> Table {
    let mut t = Table::new(POSTS, &["部门", "岗位名称", "岗位层次", "重点岗位", "岗位职责", "履职依据", "在岗人员"]);
    let tiers = &c.unit.scheme.tier_names;
    for p in by_department(c, ix, &c.posts, |p| Some(p.dept_id)) {
        let holders: Vec<&str> = ix
            .holders_of
            .get(&p.id)
            .into_iter()
            .flatten()
            .filter_map(|i| c.people.get(*i))
            .map(|h| h.name.as_str())
            .collect();
        t.rows.push(vec![
            ix.dept_name(c, Some(p.dept_id)).into(),
            p.name.as_str().into(),
            tiers.get(p.tier.index()).map_or("", String::as_str).into(),
            yes_no(p.key_post).into(),
            p.duties.as_str().into(),
            p.basis.as_str().into(),
            holders.join("、").into(),
        ]);
    }
    t
}

/// `rows` in the order of their departments (as the window and the forms list them), each
/// department's rows in their own order.
fn by_department<'c, T>(c: &Content, ix: &ContentIndex, rows: &'c [T], dept: impl Fn(&T) -> Option<Id>) -> Vec<&'c T> {
    let mut out: Vec<(usize, usize, &T)> = rows
        .iter()
        .enumerate()
        .map(|(i, r)| (dept(r).and_then(|d| ix.department_position(d)).unwrap_or(c.departments.len()), i, r))
        .collect();
    out.sort_by_key(|(d, i, _)| (*d, *i));
    out.into_iter().map(|(_, _, r)| r).collect()
}

fn powers(c: &Content, ix: &ContentIndex) -> Table {
    let mut t = Table::new(
        POWERS,
        &["部门", "职权名称", "职权内容", "行使主体", "行使依据", "运行程序", "办理时限", "相应责任", "运行环节"],
    );
    for p in by_department(c, ix, &c.powers, |p| Some(p.dept_id)) {
        let steps: Vec<&str> = c.power_steps.iter().filter(|s| s.power_id == p.id).map(|s| s.name.as_str()).collect();
        t.rows.push(vec![
            ix.dept_name(c, Some(p.dept_id)).into(),
            p.name.as_str().into(),
            p.content.as_str().into(),
            p.subject.as_str().into(),
            p.basis.as_str().into(),
            p.procedure.as_str().into(),
            p.time_limit.as_str().into(),
            p.responsibility.as_str().into(),
            steps.join(STEP_SEPARATOR).into(),
        ]);
    }
    t
}

/// Between the steps of a power in one cell.
pub const STEP_SEPARATOR: &str = "→";

/// Where a risk point sits, as three cells: 部门, 岗位, 人员.
fn place(c: &Content, ix: &ContentIndex, rp: &RiskPoint) -> [Cell; 3] {
    let post = ix.post(c, rp.post_id);
    let dept = rp.dept_id.or(post.map(|p| p.dept_id));
    [ix.dept_name(c, dept).into(), post.map_or("", |p| p.name.as_str()).into(), ix.person_name(c, rp.person_id).into()]
}

/// The three measure-phase columns of the 风险点 sheet: the scheme's names (前期预防措施 …).
pub fn phase_columns(c: &Content) -> Vec<String> {
    MeasurePhase::ALL.iter().map(|p| format!("{}措施", c.unit.scheme.measure_phase_name(*p))).collect()
}

fn risks(c: &Content, ix: &ContentIndex) -> Table {
    let mut t = Table::new(
        RISKS,
        &[
            "编号",
            "范围",
            "部门",
            "岗位",
            "人员",
            "风险类别",
            "风险点",
            "表现形式",
            "职权",
            "运行环节",
            "查找方式",
            "等级",
            "审核状态",
        ],
    );
    t.columns.extend(phase_columns(c));
    t.columns.extend(MEASURE_SUMMARY.map(str::to_owned));
    let scheme = &c.unit.scheme;
    for rp in &c.risk_points {
        let mut row = vec![Cell::Count(rp.number()), scheme.scope_name(rp.scope).into()];
        row.extend(place(c, ix, rp));
        let level = rp.grade.map_or_else(
            || Cell::Text(String::new()),
            |g| Cell::Level { grade: g, name: scheme.level_name(Some(g)).to_owned() },
        );
        row.extend([
            rp.class.as_str().into(),
            rp.description.as_str().into(),
            rp.manifestation.as_str().into(),
            ix.power(c, rp.power_id).map_or("", |p| p.name.as_str()).into(),
            ix.power_step(c, rp.power_step_id).map_or("", |s| s.name.as_str()).into(),
            rp.found_by.as_str().into(),
            level,
            rp.status.label().into(),
        ]);
        for phase in MeasurePhase::ALL {
            let lines: Vec<&str> =
                measures_of(c, ix, rp.id).filter(|m| m.phase == phase).map(|m| m.content.as_str()).collect();
            row.push(lines.join("\n").into());
        }
        row.extend(measure_summary(c, ix, rp.id));
        t.rows.push(row);
    }
    t
}

/// The 风险点 sheet's summary of a risk point's measures (each measure in full is a row of the
/// 防控措施 sheet): 措施责任人, 最迟完成时限, 措施落实 (已落实 2/3 …).
pub const MEASURE_SUMMARY: [&str; 3] = ["措施责任人", "最迟完成时限", "措施落实"];

fn measure_summary(c: &Content, ix: &ContentIndex, rp: Id) -> [Cell; 3] {
    let ms: Vec<&Measure> = measures_of(c, ix, rp).collect();
    let mut owners: Vec<&str> = Vec::new();
    for m in &ms {
        let owner = ix.person(c, m.owner_person_id).map_or(&*m.owner_text, |p| p.name.as_str());
        if !owner.is_empty() && !owners.contains(&owner) {
            owners.push(owner);
        }
    }
    let open = ms.iter().filter(|m| !m.not_applicable).count();
    let done = ms.iter().filter(|m| m.done && !m.not_applicable).count();
    let state = match (open, done) {
        (0, _) => String::new(),
        (n, d) if n == d => format!("全部落实 {d}/{n}"),
        (n, d) => format!("已落实 {d}/{n}"),
    };
    [owners.join("、").into(), ms.iter().filter_map(|m| m.due_on).max().into(), state.into()]
}

fn measures_of<'c>(c: &'c Content, ix: &ContentIndex, rp: Id) -> impl Iterator<Item = &'c Measure> {
    ix.measures_of.get(&rp).into_iter().flatten().filter_map(|i| c.measures.get(*i))
}

fn measures(c: &Content, ix: &ContentIndex) -> Table {
    let mut t = Table::new(
        MEASURES,
        &[
            "风险点编号",
            "部门",
            "岗位",
            "人员",
            "风险点",
            "阶段",
            "措施内容",
            "责任人",
            "完成时限",
            "落实情况",
            "落实日期",
            "确认人",
            "落实依据",
            "不再适用理由",
        ],
    );
    let scheme = &c.unit.scheme;
    for rp in &c.risk_points {
        let mut ms: Vec<&Measure> = measures_of(c, ix, rp.id).collect();
        ms.sort_by_key(|m| (m.phase, m.seq));
        for m in ms {
            let owner = ix.person(c, m.owner_person_id).map_or(&*m.owner_text, |p| p.name.as_str());
            let mut row = vec![Cell::Count(rp.number())];
            row.extend(place(c, ix, rp));
            row.extend([
                rp.description.as_str().into(),
                scheme.measure_phase_name(m.phase).into(),
                m.content.as_str().into(),
                owner.into(),
                m.due_on.into(),
                measure_state(m).into(),
                m.done_on.into(),
                (&*m.confirmed_by).into(),
                (&*m.evidence).into(),
                (&*m.not_applicable_reason).into(),
            ]);
            t.rows.push(row);
        }
    }
    t
}

fn warnings(c: &Content, ix: &ContentIndex) -> Table {
    let mut t = Table::new(WARNINGS, &["来源", "收到日期", "对象", "内容", "是否查实", "处置情况", "预警处置"]);
    for w in &c.warnings {
        let responses: Vec<String> = c
            .warning_responses
            .iter()
            .filter(|r| r.warning_id == w.id)
            .map(|r| {
                let on = r.responded_on.map(super::dates::format_date).unwrap_or_default();
                [r.kind.as_str(), on.as_str(), r.content.as_str()]
                    .iter()
                    .filter(|s| !s.is_empty())
                    .copied()
                    .collect::<Vec<_>>()
                    .join("　")
            })
            .collect();
        t.rows.push(vec![
            w.source.as_str().into(),
            w.received_on.into(),
            super::ops::warnings::warning_target(c, ix, w).into(),
            w.content.as_str().into(),
            yes_no(w.verified).into(),
            w.follow_up.as_str().into(),
            responses.join("\n").into(),
        ]);
    }
    t
}

fn inspections(c: &Content, ix: &ContentIndex) -> Table {
    let mut t = Table::new(
        INSPECTIONS,
        &["检查考核", "年度", "开始日期", "结束日期", "部门", "自查情况", "考核意见", "评定等次"],
    );
    for round in &c.inspection_rounds {
        let results: Vec<&InspectionResult> = c.inspection_results.iter().filter(|r| r.round_id == round.id).collect();
        let results = by_department(c, ix, &results, |r| Some(r.dept_id));
        for r in results {
            t.rows.push(vec![
                round.name.as_str().into(),
                Cell::Count(round.year),
                round.starts_on.into(),
                round.ends_on.into(),
                ix.dept_name(c, Some(r.dept_id)).into(),
                r.self_check.as_str().into(),
                r.assessment.as_str().into(),
                r.rating.as_str().into(),
            ]);
        }
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_list_of_the_demo_unit_has_its_rows() {
        let c = crate::demo::build("tjbh2012").unwrap();
        let tables = unit_tables(&c);
        let names: Vec<&str> = tables.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(names, [DEPARTMENTS, PEOPLE, POSTS, GROUP, POWERS, RISKS, MEASURES, WARNINGS, INSPECTIONS]);
        let rows = |n: &str| tables.iter().find(|t| t.name == n).unwrap().rows.len();
        assert_eq!(rows(DEPARTMENTS), c.departments.len());
        assert_eq!(rows(POSTS), c.posts.len());
        assert_eq!(rows(RISKS), c.risk_points.len());
        assert_eq!(rows(MEASURES), c.measures.len());
        assert_eq!(rows(GROUP), c.group_members.len());
        for t in &tables {
            assert!(t.rows.iter().all(|r| r.len() == t.columns.len()), "{}", t.name);
        }
        let risks = tables.iter().find(|t| t.name == RISKS).unwrap();
        assert!(risks.columns.contains(&"前期预防措施".to_owned()));
        let graded = risks.rows.iter().filter(|r| matches!(r[11], Cell::Level { .. })).count();
        assert_eq!(graded, c.risk_points.iter().filter(|r| r.grade.is_some()).count());
    }
}
