use super::*;
use crate::domain::{PostTier, Scheme};

fn unit() -> Content {
    Content::new_unit("福州实验小学", "小学", Scheme::preset("fzsx2013").unwrap().unwrap())
}

fn outcomes(plan: &ImportPlan) -> Vec<String> {
    plan.sheets.iter().flat_map(|s| &s.rows).map(|r| r.outcome.text()).collect()
}

/// The rows of one kind an import saves.
macro_rules! saved {
    ($plan:expr, $kind:ident) => {
        $plan
            .changes()
            .iter()
            .filter_map(|c| match c {
                crate::domain::change::Change::Save(crate::domain::change::Row::$kind(x)) => Some(x.clone()),
                _ => None,
            })
            .collect::<Vec<_>>()
    };
}

#[test]
fn posts_pasted_from_excel_create_departments_and_people() {
    let text = "部门\t岗位名称\t岗位层次\t岗位职责\t履职依据\t在岗人员\n\
                教务处\t教务主任\t中层\t主持教务处全面工作\t《教育法》\t林剑峰\n\
                教务处\t教材管理员\t一般\t负责教材征订\t\t薛莲、肖　群\n\
                \n\
                教务处\t教材管理员\t一般\t重复\t\t\n\
                总务处\t\t一般\t\t\t\n\
                总务处\t采购员\t科员\t\t\t";
    let plan = plan_paste(&unit(), ImportKind::Posts, text);
    let o = outcomes(&plan);
    assert_eq!(o.len(), 5, "header and blank line skipped: {o:?}");
    assert_eq!(plan.accepted(), 2);
    assert_eq!(plan.sheets[0].rows[0].line, 2);
    assert!(o[0].contains("新建部门“教务处”"), "{o:?}");
    assert!(o[2].contains("与第 3 行重复"), "{o:?}");
    assert!(o[3].contains("为空"), "{o:?}");
    assert!(o[4].contains("岗位层次"), "{o:?}");
    let depts = saved!(plan, Department);
    assert_eq!(depts.len(), 1, "failed rows create nothing (no 总务处)");
    let posts = saved!(plan, Post);
    assert_eq!(posts.len(), 2);
    assert_eq!(posts[0].tier, PostTier::Middle);
    let people = saved!(plan, Person);
    assert_eq!(
        people.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(),
        ["林剑峰", "薛莲", "肖群"],
        "padding spaces go"
    );
    assert_eq!(saved!(plan, PostHolder).len(), 3);
}

#[test]
fn departments_and_people() {
    let c = unit();
    let plan = plan_paste(&c, ImportKind::Departments, "党总支办公室\t处室\t\t王小梅\n党总支办公室\t\t\t");
    assert_eq!(plan.accepted(), 1);
    assert!(outcomes(&plan)[1].contains("重复"));
    let depts = saved!(plan, Department);
    let people = saved!(plan, Person);
    assert_eq!(depts[0].head_person_id, Some(people[0].id));
    let plan = plan_paste(&c, ImportKind::People, "姓名\t职务\t部门\n马连华\t党委副书记、院长\t校长办公室");
    let people = saved!(plan, Person);
    assert_eq!(people[0].titles, ["党委副书记", "院长"]);
    assert_eq!(saved!(plan, Department)[0].name, "校长办公室");
}

#[test]
fn a_header_row_lets_columns_come_in_any_order() {
    let plan = plan_paste(&unit(), ImportKind::People, "部门\t备注\t姓名\n财务室\t兼出纳\t陈　红");
    let people = saved!(plan, Person);
    assert_eq!((people[0].name.as_str(), people[0].note.as_str()), ("陈红", "兼出纳"));
}

#[test]
fn rows_the_file_has_are_updated_or_left() {
    let c = crate::demo::build("fzsx2013").unwrap();
    let post = &c.posts[3];
    let dept = c.departments.iter().find(|d| d.id == post.dept_id).unwrap();
    let text = format!(
        "部门\t岗位名称\t岗位职责\n{}\t{}\t新的职责\n{}\t{}\t{}",
        dept.name, post.name, dept.name, c.posts[4].name, c.posts[4].duties
    );
    let plan = plan_paste(&c, ImportKind::Posts, &text);
    let o = outcomes(&plan);
    assert_eq!(o[0], "更新：岗位职责");
    assert!(o[1].starts_with("无变化") || c.posts[4].dept_id != dept.id, "{o:?}");
    let posts = saved!(plan, Post);
    assert_eq!(posts.len(), 1);
    assert_eq!((posts[0].id, posts[0].duties.as_str()), (post.id, "新的职责"));
}

#[test]
fn tiers_by_scheme_names() {
    let names = vec!["学校领导班子".to_owned(), "部门、单位".to_owned(), "重要岗位专职人员".to_owned()];
    assert_eq!(parse_tier("部门、单位", &names), Some(PostTier::Middle));
    assert_eq!(parse_tier("领导", &names), Some(PostTier::Leader));
    assert_eq!(parse_tier("", &names), Some(PostTier::General));
    assert_eq!(parse_tier("科员", &names), None);
}

#[test]
fn header_row_below_a_title_and_remembered_choices() {
    let mut c = unit();
    let rows: Vec<Vec<String>> = vec![
        vec!["福州实验小学岗位一览表".into(); 3],
        vec![String::new(); 3],
        vec!["处室".into(), "岗位".into(), "岗位说明".into()],
    ];
    assert_eq!(header_row(ImportKind::Posts, &rows), Some(2));
    assert_eq!(guess_kind("Sheet1", &rows), Some(ImportKind::Posts));
    let mapping = guess_mapping(&c, ImportKind::Posts, &rows[2]);
    assert_eq!(mapping.0, [Some(0), Some(1), None], "岗位说明 is not known");
    let mut corrected = mapping.clone();
    corrected.set(2, ImportKind::Posts.fields().iter().position(|f| f.key == "duties"));
    let remembered = remembered_with(&c.unit.scheme, ImportKind::Posts, &rows[2], &corrected).unwrap();
    c.unit.scheme.import_columns.insert("posts".into(), remembered);
    assert_eq!(guess_mapping(&c, ImportKind::Posts, &rows[2]), corrected);
    assert_eq!(
        remembered_with(&c.unit.scheme, ImportKind::Posts, &rows[2], &corrected),
        None,
        "nothing new to remember"
    );
}

#[test]
fn cell_dates_serials_and_text() {
    let d = |y, m, dd| Some(chrono::NaiveDate::from_ymd_opt(y, m, dd).unwrap());
    assert_eq!(parse_cell_date("46112", "时限").unwrap(), d(2026, 3, 31));
    assert_eq!(parse_cell_date("46112.0", "时限").unwrap(), d(2026, 3, 31));
    assert_eq!(parse_cell_date("２０２６年３月３１日", "时限").unwrap(), d(2026, 3, 31));
    assert_eq!(parse_cell_date("2026/3/31", "时限").unwrap(), d(2026, 3, 31));
    assert!(parse_cell_date("下月底", "时限").unwrap_err().contains("时限"));
}

#[test]
fn departments_cannot_become_each_others_parents() {
    let mut c = unit();
    let made =
        plan_paste(&c, ImportKind::Departments, "部门名称\t类型\t上级部门\n教务处\t处室\t\n教材科\t科室\t教务处");
    c.departments = saved!(made, Department);
    let plan = plan_paste(&c, ImportKind::Departments, "部门名称\t类型\t上级部门\n教务处\t处室\t教材科");
    let o = outcomes(&plan);
    assert!(o[0].contains("“教材科”是“教务处”的下级部门"), "{o:?}");
    assert!(plan.changes().is_empty());
}
