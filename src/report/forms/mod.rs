//! The printable forms. Each is a small declaration — title, columns, which rows, one copy per
//! what (unit, department, post, person) — in the file of its kind: `lists` (risk-point tables),
//! `overview` (posts, powers, statistics), `plan` (任务分解表, 领导小组名单), `letters` (承诺书,
//! 责任书), `card` (警示牌), `handup` (报送单 and the area's 统计表, built from what export and
//! consolidation hand in). Forms take the content handed to them; no SQL here.
//!
//! A unit's own wording (title, column headers, letter text; `Scheme::form_wording`) is applied
//! here, after the declaration, so that every form honours it the same way.

mod card;
mod handup;
mod letters;
mod lists;
mod overview;
mod plan;

pub use handup::{area_statistics, submission_slip};

use super::ReportError;
use super::layout::{Block, Column, Form};
use crate::domain::content::ContentIndex;
use crate::domain::forms::{FormId, FormInfo};
use crate::domain::levels::DerivedLevels;
use crate::domain::{Content, Department, Id, MeasurePhase, Person, Post, RiskPoint};

/// The signature block of the forms that have 填表人 and 审核人.
pub(super) const SIGNATURE: &str = "填表人（签字）：　　　　　　　　　　审核人/负责人（签字）：";
/// The date line, left blank to be written by hand.
pub(super) const DATE_LINE: &str = "填表日期：　　　　年　　月　　日";

/// Which copies: the whole unit, or one department, post or person.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Subject {
    pub dept: Option<Id>,
    pub post: Option<Id>,
    pub person: Option<Id>,
}

/// The default text of a letter form (承诺书, 责任书); `None` for tables.
pub fn letter_template(id: FormId) -> Option<&'static str> {
    match id {
        FormId::Commitment => Some(letters::COMMITMENT_TEMPLATE),
        FormId::ResponsibilityLetter => Some(letters::RESPONSIBILITY_TEMPLATE),
        _ => None,
    }
}

impl Subject {
    pub fn dept(id: Id) -> Self {
        Self { dept: Some(id), ..Self::default() }
    }

    /// The subject named on the command line. A post is `岗位` or `部门/岗位`; a name that
    /// fits several posts or people is refused with the choices.
    pub fn by_names(
        c: &Content,
        dept: Option<&str>,
        post: Option<&str>,
        person: Option<&str>,
    ) -> Result<Self, ReportError> {
        let index = ContentIndex::build(c);
        let dept = match dept {
            Some(name) => Some(
                c.departments
                    .iter()
                    .find(|d| d.name == name)
                    .map(|d| d.id)
                    .ok_or_else(|| ReportError::Subject(format!("没有名为“{name}”的部门")))?,
            ),
            None => None,
        };
        let post = match post {
            Some(name) => Some(find_post(c, &index, dept, name).map_err(ReportError::Subject)?),
            None => None,
        };
        let person = match person {
            Some(name) => {
                let found: Vec<&Person> =
                    c.people.iter().filter(|p| p.name == name && (dept.is_none() || p.dept_id == dept)).collect();
                match found.as_slice() {
                    [one] => Some(one.id),
                    [] => return Err(ReportError::Subject(format!("没有名为“{name}”的人员"))),
                    many => {
                        let list: Vec<String> =
                            many.iter().map(|p| format!("{}（{}）", p.name, index.dept_name(c, p.dept_id))).collect();
                        return Err(ReportError::Subject(format!(
                            "有 {} 人名为“{name}”：{}；请用 --dept 指明部门",
                            many.len(),
                            list.join("、")
                        )));
                    }
                }
            }
            None => None,
        };
        Ok(Self { dept, post, person })
    }

    /// 全单位, 财务处, 财务处 会计岗, 张三 — for messages and file names.
    pub fn describe(&self, c: &Content, index: &ContentIndex) -> String {
        if let Some(p) = index.person(c, self.person) {
            return p.name.clone();
        }
        if let Some(p) = index.post(c, self.post) {
            return format!("{} {}", index.dept_name(c, Some(p.dept_id)), p.name);
        }
        if self.dept.is_some() {
            return index.dept_name(c, self.dept).to_owned();
        }
        "全单位".to_owned()
    }
}

fn find_post(c: &Content, index: &ContentIndex, dept: Option<Id>, name: &str) -> Result<Id, String> {
    let (dept_name, post_name) = name.split_once('/').map_or((None, name), |(d, p)| (Some(d), p));
    let found: Vec<&Post> = c
        .posts
        .iter()
        .filter(|p| p.name == post_name)
        .filter(|p| dept.is_none_or(|d| p.dept_id == d))
        .filter(|p| dept_name.is_none_or(|d| index.dept_name(c, Some(p.dept_id)) == d))
        .collect();
    match found.as_slice() {
        [one] => Ok(one.id),
        [] => Err(format!("没有名为“{name}”的岗位")),
        many => {
            let list: Vec<String> =
                many.iter().take(8).map(|p| format!("{}/{}", index.dept_name(c, Some(p.dept_id)), p.name)).collect();
            Err(format!("有 {} 个岗位名为“{post_name}”，请写成“部门/岗位”，例如：{}", many.len(), list.join("、")))
        }
    }
}

/// The title of the form `id` as `c`'s unit words it, with the unit's name first
/// (天津滨海职业学院岗位廉政风险查找表).
pub fn title(c: &Content, id: FormId) -> String {
    format!("{}{}", c.unit.name, c.scheme().form_title(id))
}

/// What a form declaration works from: the content, its lookups and the chosen subject.
pub(super) struct Ctx<'c> {
    pub c: &'c Content,
    pub index: &'c ContentIndex,
    pub levels: &'c DerivedLevels,
    pub subject: Subject,
    pub info: &'static FormInfo,
}

/// The index and levels of a content (the window has them; a print derives them).
pub type Lookups<'c> = (&'c ContentIndex, &'c DerivedLevels);

impl<'c> Ctx<'c> {
    fn new(c: &'c Content, (index, levels): Lookups<'c>, info: &'static FormInfo, subject: Subject) -> Self {
        Self { c, index, levels, subject, info }
    }

    /// The form's title as the unit words it, without the unit's name.
    pub fn plain_title(&self) -> String {
        self.c.scheme().form_title(self.info.id).to_owned()
    }

    /// 天津滨海职业学院岗位廉政风险查找表
    pub fn title(&self) -> String {
        title(self.c, self.info.id)
    }

    fn wording(&self) -> Option<&'c crate::domain::scheme::FormWording> {
        self.c.scheme().form_wording.get(self.info.id.as_str())
    }

    /// The letter text the unit wrote for this form, or `default`.
    pub fn letter_text(&self, default: &str) -> String {
        self.wording().map(|w| w.text.trim()).filter(|t| !t.is_empty()).unwrap_or(default).to_owned()
    }

    /// A blank form of this kind: title, 单位（公章） and 填表日期, the standard signature.
    pub fn form(&self, subtitle: String) -> Form {
        Form {
            title: self.title(),
            subtitle,
            particulars: (format!("单位（公章）：{}", self.c.unit.name), DATE_LINE.to_owned()),
            blocks: Vec::new(),
            landscape: false,
            signature: vec![SIGNATURE.to_owned()],
        }
    }

    /// The departments the subject covers, in order.
    pub fn departments(&self) -> Vec<&'c Department> {
        let dept = self
            .subject
            .dept
            .or_else(|| self.index.post(self.c, self.subject.post).map(|p| p.dept_id))
            .or_else(|| self.index.person(self.c, self.subject.person).and_then(|p| p.dept_id));
        self.c.departments.iter().filter(|d| dept.is_none_or(|x| d.id == x)).collect()
    }

    /// The posts the subject covers, in order.
    pub fn posts(&self) -> Vec<&'c Post> {
        let s = self.subject;
        let held: Vec<Id> = self.held_posts(s.person);
        let mut posts: Vec<&'c Post> = self
            .c
            .posts
            .iter()
            .filter(|p| s.post.is_none_or(|x| p.id == x))
            .filter(|p| s.dept.is_none_or(|x| p.dept_id == x))
            .filter(|p| s.person.is_none() || held.contains(&p.id))
            .collect();
        // Posts are numbered within their department: keep each department's posts together,
        // departments in their own order.
        posts.sort_by_key(|p| self.dept_rank(p.dept_id));
        posts
    }

    /// Where department `id` stands in the unit's list of departments (unknown ones last).
    pub fn dept_rank(&self, id: Id) -> usize {
        self.index.department_position(id).unwrap_or(usize::MAX)
    }

    /// The people the subject covers, in order: one person, those of a department (by their
    /// department or a post they hold there), those holding a post, or everyone.
    pub fn people(&self) -> Vec<&'c Person> {
        let s = self.subject;
        let posts: Vec<Id> =
            if s.dept.is_some() || s.post.is_some() { self.posts().iter().map(|p| p.id).collect() } else { Vec::new() };
        self.c
            .people
            .iter()
            .filter(|p| s.person.is_none_or(|x| p.id == x))
            .filter(|p| {
                (s.dept.is_none() && s.post.is_none())
                    || (s.post.is_none() && s.dept.is_some() && p.dept_id == s.dept)
                    || self.held_posts(Some(p.id)).iter().any(|h| posts.contains(h))
            })
            .collect()
    }

    pub fn held_posts(&self, person: Option<Id>) -> Vec<Id> {
        person.map_or_else(Vec::new, |id| {
            self.c.post_holders.iter().filter(|h| h.person_id == id).map(|h| h.post_id).collect()
        })
    }

    /// 张三、李四
    pub fn holders(&self, post: Id) -> String {
        let names: Vec<&str> = self
            .c
            .post_holders
            .iter()
            .filter(|h| h.post_id == post)
            .map(|h| self.index.person_name(self.c, Some(h.person_id)))
            .collect();
        names.join("、")
    }

    pub fn level(&self, grade: Option<u8>) -> String {
        self.c.scheme().level_name(grade).to_owned()
    }

    pub fn post_name(&self, rp: &RiskPoint) -> String {
        self.index.post(self.c, rp.post_id).map_or_else(String::new, |p| p.name.clone())
    }

    /// The measures of a risk point in one phase, joined.
    pub fn measures_in(&self, rp: &RiskPoint, phase: MeasurePhase) -> String {
        self.measures(rp).filter(|m| m.phase == phase).map(|m| m.content.as_str()).collect::<Vec<_>>().join("；")
    }

    /// Every measure of a risk point, one per line, named by its phase.
    pub fn measures_text(&self, rp: &RiskPoint) -> String {
        let s = self.c.scheme();
        self.measures(rp)
            .map(|m| format!("{}：{}", s.measure_phase_name(m.phase), m.content))
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// Who carries out the measures of a risk point and by when (张三 2026年6月30日前).
    pub fn owners_text(&self, rp: &RiskPoint) -> String {
        let mut out: Vec<String> = Vec::new();
        for m in self.measures(rp) {
            let who = match (m.owner_text.is_empty(), self.index.person_name(self.c, m.owner_person_id)) {
                (false, _) => m.owner_text.to_string(),
                (true, "") => "（未指定）".to_owned(),
                (true, name) => name.to_owned(),
            };
            let due = m.due_on.map(|d| format!("{}前", crate::domain::dates::format_date(d))).unwrap_or_default();
            let line = format!("{who} {due}").trim().to_owned();
            if !line.is_empty() && !out.contains(&line) {
                out.push(line);
            }
        }
        out.join("\n")
    }

    fn measures(&self, rp: &RiskPoint) -> impl Iterator<Item = &'c crate::domain::Measure> + use<'c, '_> {
        let c = self.c;
        self.index.measures_of.get(&rp.id).into_iter().flatten().filter_map(move |i| c.measures.get(*i))
    }
}

/// Columns from (header, weight) pairs.
pub(super) fn columns(spec: &[(&str, f32)]) -> Vec<Column> {
    spec.iter().map(|(h, w)| Column { header: (*h).to_owned(), weight: *w }).collect()
}

/// Where each copy of a form goes once built.
type Each<'e> = &'e mut dyn FnMut(Form) -> Result<(), ReportError>;

/// Builds the copies of the form in order, each to `each`; returns the table rows and copies
/// of the whole form (a risk-point list builds rows only up to `rows`, see `lists::build`).
fn declare(ctx: &Ctx<'_>, rows: usize, each: Each<'_>) -> Result<(usize, usize), ReportError> {
    use FormId as F;
    let whole = |forms: Vec<Form>, each: Each<'_>| {
        let totals = (forms.iter().map(Form::rows).sum(), forms.len());
        forms.into_iter().try_for_each(each)?;
        Ok(totals)
    };
    match ctx.info.id {
        F::TaskBreakdown | F::GroupRoster => whole(plan::build(ctx), each),
        F::PowerCatalogue | F::DeptRiskOverview | F::DeptStatistics | F::PostLevelCatalogue | F::PostDuties => {
            whole(overview::build(ctx), each)
        }
        F::Commitment | F::ResponsibilityLetter => whole(letters::build(ctx), each),
        F::WarningCard | F::DeskCard => whole(card::build(ctx), each),
        F::PostRiskSearch
        | F::DeptRiskSearch
        | F::PersonSelfCheck
        | F::UnitSelfCheck
        | F::DeptRiskRegister
        | F::PowerRiskRegister
        | F::PostRiskAnalysis
        | F::DeptIdentify
        | F::PersonIdentify => lists::build(ctx, rows, each),
    }
}

/// The form `id` for `subject`: one form per copy (department, post, person …), in order; at
/// least one (blank, to fill by hand, when the subject has nothing to print).
pub fn build(c: &Content, id: FormId, subject: &Subject) -> Result<Vec<Form>, ReportError> {
    Ok(build_start(c, id, subject, usize::MAX)?.forms)
}

/// The start of a form, for the preview, and the size of the whole.
pub struct Started {
    /// The first copies, in order, with at least `rows` table rows in all where the form has
    /// that many (a risk-point list stops building rows there; other forms are built whole).
    pub forms: Vec<Form>,
    /// Table rows of the whole form.
    pub rows: usize,
    /// Copies of the whole form.
    pub copies: usize,
}

/// As `build`, the rows of a risk-point list built only up to `rows` (at 100,000 risk points
/// the whole form's rows hold about 0.1 GB and take a second to build; the preview shows
/// the first 5,000).
pub fn build_start(c: &Content, id: FormId, subject: &Subject, rows: usize) -> Result<Started, ReportError> {
    build_start_with(c, (&ContentIndex::build(c), &DerivedLevels::compute(c)), id, subject, rows)
}

/// As `build_start`, with the content's index and levels already at hand (the window's
/// preview: deriving them again took a third of its time at 100,000 risk points).
pub fn build_start_with(
    c: &Content,
    lookups: Lookups<'_>,
    id: FormId,
    subject: &Subject,
    rows: usize,
) -> Result<Started, ReportError> {
    let mut forms = Vec::new();
    let (rows, copies) = build_each_with(c, lookups, id, subject, rows, &mut |form| {
        forms.push(form);
        Ok(())
    })?;
    Ok(Started { forms, rows, copies })
}

/// Builds the copies of the form `id` for `subject` one by one, each handed to `each` before
/// the next is built (rows of a risk-point list only up to `rows`); returns the table rows and
/// copies of the whole form. A print writes each copy and lets it go: at 100,000 risk points
/// it never holds the whole form's rows (about 0.1 GB).
pub fn build_each(
    c: &Content,
    id: FormId,
    subject: &Subject,
    rows: usize,
    each: &mut dyn FnMut(Form) -> Result<(), ReportError>,
) -> Result<(usize, usize), ReportError> {
    build_each_with(c, (&ContentIndex::build(c), &DerivedLevels::compute(c)), id, subject, rows, each)
}

/// As `build_each`, with the content's index and levels already at hand.
pub fn build_each_with(
    c: &Content,
    lookups: Lookups<'_>,
    id: FormId,
    subject: &Subject,
    rows: usize,
    each: &mut dyn FnMut(Form) -> Result<(), ReportError>,
) -> Result<(usize, usize), ReportError> {
    let ctx = Ctx::new(c, lookups, id.info(), *subject);
    match ctx.wording() {
        Some(wording) => declare(&ctx, rows, &mut |mut form| {
            rename_headers(&mut form, &wording.headers);
            each(form)
        }),
        None => declare(&ctx, rows, each),
    }
}

fn rename_headers(form: &mut Form, headers: &std::collections::BTreeMap<String, String>) {
    for block in &mut form.blocks {
        if let Block::Table { columns, .. } = block {
            for col in columns {
                if let Some(new) = headers.get(&col.header).map(|h| h.trim()).filter(|h| !h.is_empty()) {
                    col.header = new.to_owned();
                }
            }
        }
    }
}

/// The default title and column headers of a form under this unit's scheme, for the wording
/// editor (declared on an empty unit, so it costs nothing).
pub fn default_headers(c: &Content, id: FormId) -> Vec<String> {
    let info = id.info();
    let mut scheme = c.scheme().clone();
    scheme.form_wording.clear();
    let empty = Content::empty(&c.unit.name, &c.unit.kind, scheme);
    let lookups = (&ContentIndex::build(&empty), &DerivedLevels::compute(&empty));
    let ctx = Ctx::new(&empty, lookups, info, Subject::default());
    let mut out: Vec<String> = Vec::new();
    let mut declared = Vec::new();
    let _ = declare(&ctx, 0, &mut |form| {
        declared.push(form);
        Ok(())
    }); // an empty unit: nothing that can fail
    for block in declared.iter().take(1).flat_map(|f| &f.blocks) {
        if let Block::Table { columns, .. } = block {
            for col in columns {
                if !out.contains(&col.header) {
                    out.push(col.header.clone());
                }
            }
        }
    }
    out
}
