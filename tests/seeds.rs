//! Each scheme walked against its seed document (tests/fixtures/seeds, the five 实施方案 as
//! published): every name the program shows as the seed's — the plan's issuer and dates, the
//! phases, risk classes, tiers, review steps, level names and grading rules, measure phases,
//! responsibility roles, warning sources and yellow-card rule, the appendix forms' titles — is
//! found in the seed's own text, and the demo unit built from the scheme keeps to it.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, reason = "tests")]

use lianfang::domain::forms::FormId;
use lianfang::domain::{Scheme, grading};

/// The seed document each scheme follows.
const SEEDS: [(&str, &str); 5] =
    [("tjbh2012", "000"), ("fzsx2013", "001"), ("imut2011", "002"), ("lxfl2012", "003"), ("jxau2010", "004")];

/// A text as compared: no white space, full-width punctuation, no quotation marks, one kind
/// of bracket (the seeds mix 〔〕 and [], ASCII and full-width commas).
fn plain(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && !"“”\"‘’《》<>".contains(*c))
        .map(|c| match c {
            ',' => '，',
            '(' => '（',
            ')' => '）',
            ':' => '：',
            ';' => '；',
            '〔' | '［' => '[',
            '〕' | '］' => ']',
            other => other,
        })
        .collect()
}

fn seed(no: &str) -> String {
    let path = format!("{}/tests/fixtures/seeds/{no}.txt", env!("CARGO_MANIFEST_DIR"));
    plain(&std::fs::read_to_string(path).unwrap())
}

/// What the scheme names as its seed's, with where it shows in the program.
fn names(s: &Scheme) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    let mut add = |what: &str, items: &mut dyn Iterator<Item = &String>| {
        out.extend(items.filter(|t| !t.is_empty()).map(|t| (what.to_owned(), t.clone())));
    };
    add("实施阶段", &mut s.phases.iter().map(|p| &p.name));
    add("风险类别", &mut s.risk_classes.iter().map(|c| &c.name));
    add("审核步骤", &mut s.review.steps.iter().map(|r| &r.name));
    add("等级名称", &mut s.grading.level_names.iter());
    add("评级规则", &mut s.grading.post_type_rules.iter().chain(&s.grading.harm_rules).map(|r| &r.text));
    add("评级依据", &mut std::iter::once(&s.grading.source_text));
    add("措施阶段", &mut s.measure_phases.iter());
    let r = &s.responsibility;
    add("分级责任", &mut [&r.principal, &r.supervising, &r.dept_head].into_iter());
    add("预警来源", &mut s.warning_sources.iter());
    add("查找方法", &mut s.found_by_methods.iter());
    out
}

/// The appendix forms the scheme lists, by the title it prints them with.
fn form_titles(s: &Scheme) -> Vec<String> {
    s.forms.iter().map(|id| s.form_title(id.parse::<FormId>().unwrap()).to_owned()).collect()
}

/// Where a seed says nothing and the scheme offers the program's default (README, 方案模板,
/// says so per scheme): 000 prescribes no grading, measure phases or responsibility roles;
/// warning sources are the program's list wherever a seed does not name its own.
const SILENT: [(&str, &str); 9] = [
    ("tjbh2012", "等级名称"),
    ("tjbh2012", "评级依据"),
    ("tjbh2012", "措施阶段"),
    ("tjbh2012", "分级责任"),
    ("tjbh2012", "预警来源"),
    ("fzsx2013", "预警来源"),
    ("imut2011", "预警来源"),
    ("imut2011", "分级责任"),
    ("lxfl2012", "预警来源"),
];

/// A name the program shortens from the seed's sentence, and the words of the seed it stands
/// for (which must be there).
const PARAPHRASES: [(&str, &str, &str); 12] = [
    ("fzsx2013", "本人自查", "由本人对照与岗位职责"),
    ("fzsx2013", "科室联查和综合评议", "科室全体人员联查和综合评议"),
    ("fzsx2013", "校领导小组审核", "领导小组审核"),
    ("fzsx2013", "具有执法权、投资决策权的岗位", "具有执法权、投资决策权、以及从事"),
    ("imut2011", "部门自行排查", "自行排查阶段"),
    ("lxfl2012", "外部环境风险", "外部环境的风险"),
    ("jxau2010", "专题会议评估", "召开专题会议，对查找出来的风险点进行评估"),
    ("jxau2010", "一级", "分一、二、三级风险"),
    ("jxau2010", "二级", "分一、二、三级风险"),
    ("jxau2010", "有可能受纪律处分", "是否有可能构成犯罪、受纪律处分、造成不良影响"),
    ("jxau2010", "有可能造成不良影响", "是否有可能构成犯罪、受纪律处分、造成不良影响"),
    // 004's 单位 are the university's departments and units, each with its 主要负责人.
    ("jxau2010", "单位负责人", "主要负责人"),
];

#[test]
fn every_name_a_scheme_gives_as_its_seeds_is_in_the_seed() {
    let mut missing = Vec::new();
    for (id, no) in SEEDS {
        let s = Scheme::preset(id).unwrap().unwrap();
        let text = seed(no);
        for (what, name) in names(&s) {
            if SILENT.contains(&(id, what.as_str())) {
                continue;
            }
            let words = PARAPHRASES.iter().find(|(s, n, _)| *s == id && *n == name).map_or(name.as_str(), |p| p.2);
            if !text.contains(&plain(words)) {
                missing.push(format!("{id} {what}：{name}"));
            }
        }
    }
    assert!(missing.is_empty(), "not in the seed:\n{}", missing.join("\n"));
}

/// The forms each seed asks for by title (its 附件 and the tables its text names).
const APPENDICES: [(&str, &[&str]); 5] = [
    ("tjbh2012", &["天津滨海职业学院岗位廉政风险查找表", "天津滨海职业学院部门廉政风险查找表"]),
    (
        "fzsx2013",
        &[
            "个人廉政风险自查表",
            "处室（单位）廉政风险排查登记表",
            "处室（单位）职权运行风险排查登记表",
            "科室廉政风险防控职权目录表",
            "处室（单位）廉政风险识别一览表",
            "处室廉政风险防控统计表",
            "廉政风险防控工作主要流程及任务分解",
            "福州实验小学岗位职责",
        ],
    ),
    ("imut2011", &["岗位风险分析和防控措施表"]),
    ("lxfl2012", &["个人廉政风险自查表", "单位廉政风险自查表", "岗位廉政风险和等级目录"]),
    ("jxau2010", &["部门廉政风险识别防控表", "个人廉政风险识别防控表"]),
];

#[test]
fn every_form_a_seed_asks_for_is_in_its_scheme_under_the_seeds_title() {
    let mut missing = Vec::new();
    for ((id, no), (app_id, titles)) in SEEDS.into_iter().zip(APPENDICES) {
        assert_eq!(id, app_id);
        let s = Scheme::preset(id).unwrap().unwrap();
        let (text, ours) = (seed(no), form_titles(&s));
        for title in titles {
            assert!(text.contains(&plain(title)), "{id}: the seed has “{title}”");
            if !ours.iter().any(|t| title.contains(t.as_str()) || t.contains(title)) {
                missing.push(format!("{id}：{title}（本方案的表格：{}）", ours.join("、")));
            }
        }
    }
    assert!(missing.is_empty(), "forms the seed asks for that the scheme lacks:\n{}", missing.join("\n"));
}

#[test]
fn each_demo_plan_is_the_seeds_plan_and_its_grades_its_schemes_rule() {
    for (id, no) in SEEDS {
        let text = seed(no);
        let c = lianfang::demo::build(id).unwrap();
        let plan = &c.plans[0];
        for (what, value) in [("文号", &plan.doc_no), ("发文机关", &plan.issuer), ("标题", &plan.title)] {
            let v = plain(value);
            assert!(v.is_empty() || text.contains(&v), "{id} {what}“{value}” is not in the seed");
        }
        for date in [plan.signed_on, plan.issued_on].into_iter().flatten() {
            let written = lianfang::domain::dates::format_date(date);
            assert!(text.contains(&written), "{id}: {written} is not a date of the seed");
        }
        let phases: Vec<&str> = c.phases.iter().map(|p| p.name.as_str()).collect();
        let preset: Vec<&str> = c.unit.scheme.phases.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(phases, preset, "{id}: the demo's phases are the seed's");
        for r in c.risk_points.iter().filter(|r| r.grade.is_some() && r.grade_override_reason.is_empty()) {
            let by_rule = grading::grade(&c.unit.scheme, &r.grade_inputs).map(|g| g.0);
            assert_eq!(r.grade, by_rule, "{id}: {} is graded by its scheme's rule", r.description);
        }
    }
}
