//! Each seed's leadership group and office, entered as its text gives them, comes back from the
//! file exactly as the seed writes it (order rules included).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, reason = "tests: a failing unwrap is a failing test")]

use lianfang::demo::{RosterEntry, seed_roster};
use lianfang::domain::roster::roster_lines;
use lianfang::domain::*;
use lianfang::store::Store;

/// A unit whose group is `roster` entered in the order given.
fn enter(scheme: &str, unit: &str, roster: &[RosterEntry], order: MemberOrder, office: &str, note: &str) -> Content {
    let mut c = Content::new_unit(unit, "", Scheme::preset(scheme).unwrap().unwrap());
    c.leading_group.member_order = order;
    c.leading_group.office_location = office.into();
    c.leading_group.members_note = note.into();
    for (seq, seat) in roster.iter().enumerate() {
        let person_id = match c.people.iter().find(|p| p.name == seat.name) {
            Some(p) => p.id,
            None => {
                let p = Person {
                    id: new_id(),
                    name: seat.name.clone(),
                    titles: seat.titles.clone(),
                    dept_id: None,
                    note: String::new(),
                    stamp: Stamp::now(),
                };
                c.people.push(p.clone());
                p.id
            }
        };
        c.group_members.push(GroupMember {
            id: new_id(),
            person_id,
            role: seat.role,
            executive: seat.executive,
            concurrent: seat.concurrent,
            seq: i64::try_from(seq).unwrap(),
            stamp: Stamp::now(),
        });
    }
    c
}

/// Saves, reopens and returns the roster as printed.
fn reopened_lines(c: &Content) -> (Vec<String>, LeadingGroup) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("unit.db");
    Store::create(&path, c).unwrap().close().unwrap();
    let back = Store::open(&path).unwrap().load().unwrap();
    (roster_lines(&back).iter().map(|l| l.text()).collect(), back.leading_group)
}

#[test]
fn seed_000_tianjin_binhai() {
    // 组长：刘春友 党委书记 / 副组长：马连华 党委副书记、院长 / 王建枝 党委副书记、纪委书记 /
    // 主要成员：杜学森 副院长 / 王洪军 副院长 / 刘一波 副院长、纪委委员 / 办公室（设在组织处）
    let roster = seed_roster("tjbh2012").unwrap();
    let (lines, group) =
        reopened_lines(&enter("tjbh2012", "天津滨海职业学院", &roster, MemberOrder::Manual, "组织处", ""));
    assert_eq!(
        lines,
        [
            "组长：刘春友　党委书记",
            "副组长：马连华　党委副书记、院长",
            "副组长：王建枝　党委副书记、纪委书记",
            "成员：杜学森　副院长",
            "成员：王洪军　副院长",
            "成员：刘一波　副院长、纪委委员",
        ]
    );
    assert_eq!(group.office_location, "组织处");
}

#[test]
fn seed_001_fuzhou_two_leaders_and_an_office() {
    // 组长：夏青、王国光 / 副组长：杨承军、王强 / 成员：学校各处室主任、副主任 /
    // 办公室设在学校党总支办公室 / 办公室主任：王小梅（兼） / 成员：薛莲、肖群、范美芳、郑蓝华、林剑峰
    let roster = seed_roster("fzsx2013").unwrap();
    let c =
        enter("fzsx2013", "福州实验小学", &roster, MemberOrder::Manual, "学校党总支办公室", "学校各处室主任、副主任");
    let (lines, group) = reopened_lines(&c);
    assert_eq!(
        lines,
        [
            "组长：夏青",
            "组长：王国光",
            "副组长：杨承军",
            "副组长：王强",
            "办公室主任：王小梅（兼）",
            "办公室成员：薛莲",
            "办公室成员：肖群",
            "办公室成员：范美芳",
            "办公室成员：郑蓝华",
            "办公室成员：林剑峰",
        ]
    );
    assert_eq!(group.members_note, "学校各处室主任、副主任");
}

#[test]
fn seed_002_imut_members_by_surname_strokes() {
    // 组长：刘振洪 / 副组长：邢永明 刘志雄（常务） / 成员（以姓氏笔画为序）：
    // 王世勤 王永明 刘进荣 孙志强 成涛 峻峰 / 办公室设在纪委、监察处，办公室主任：王世勤（兼）
    let roster = seed_roster("imut2011").unwrap();
    // Enter the members in another order; ties (刘 孙 成: 6 strokes) keep their relative order.
    let order = ["刘振洪", "邢永明", "刘志雄", "峻峰", "刘进荣", "孙志强", "王世勤", "成涛", "王永明"];
    let mut shuffled: Vec<RosterEntry> = Vec::new();
    for name in order {
        shuffled.extend(roster.iter().filter(|s| s.name == name && s.role != GroupRole::OfficeDirector).cloned());
    }
    shuffled.extend(roster.iter().filter(|s| s.role == GroupRole::OfficeDirector).cloned());
    let c = enter("imut2011", "内蒙古工业大学", &shuffled, MemberOrder::Strokes, "纪委、监察处", "");
    let (lines, _) = reopened_lines(&c);
    assert_eq!(
        lines,
        [
            "组长：刘振洪",
            "副组长：邢永明",
            "副组长（常务）：刘志雄",
            "成员：王世勤",
            "成员：王永明",
            "成员：刘进荣",
            "成员：孙志强",
            "成员：成涛",
            "成员：峻峰",
            "办公室主任：王世勤（兼）",
        ]
    );
    assert_eq!(c.people.iter().filter(|p| p.name == "王世勤").count(), 1, "one person, two seats");
}

#[test]
fn seeds_003_and_004_name_nobody_and_the_demo_says_its_names_are_invented() {
    for id in ["lxfl2012", "jxau2010"] {
        assert!(seed_roster(id).unwrap().is_empty(), "{id} names no members");
        let demo = lianfang::demo::build(id).unwrap();
        for m in &demo.group_members {
            let p = demo.people.iter().find(|p| p.id == m.person_id).unwrap();
            assert_eq!(p.note, "示例数据（虚构）", "{id}: {}", p.name);
        }
    }
    let jx = lianfang::demo::build("jxau2010").unwrap();
    assert_eq!(jx.leading_group.office_location, "校纪委监察室", "办公室挂靠校纪委监察室");
}

/// The printed 名单 of a demo unit, white space left out (the seeds align with spaces).
fn printed(id: &str) -> Vec<String> {
    let c = lianfang::demo::build(id).unwrap();
    let index = content::ContentIndex::build(&c);
    roster::printed_roster(&c, &index).iter().map(|l| l.chars().filter(|ch| !ch.is_whitespace()).collect()).collect()
}

#[test]
fn the_printed_rosters_read_as_the_seeds_write_them() {
    // The seeds' lines, white space left out; the office lines in each seed's own words.
    let seeds: [(&str, &[&str]); 3] = [
        (
            "tjbh2012",
            &[
                "组长：刘春友党委书记",
                "副组长：马连华党委副书记、院长",
                "王建枝党委副书记、纪委书记",
                "主要成员：杜学森副院长",
                "王洪军副院长",
                "刘一波副院长、纪委委员",
                "下设廉政风险防控办公室（设在组织处）",
            ],
        ),
        (
            "fzsx2013",
            &[
                "组长：夏青、王国光",
                "副组长：杨承军、王强",
                "成员：学校各处室主任、副主任",
                "领导小组下设防控办公室，办公室设在学校党总支办公室",
                "办公室主任：王小梅（兼）",
                "成员：薛莲、肖群、范美芳、郑蓝华、林剑峰",
            ],
        ),
        (
            "imut2011",
            &[
                "组长：刘振洪",
                "副组长：邢永明刘志雄（常务）",
                "成员：（以姓氏笔画为序）",
                "王世勤王永明刘进荣孙志强成涛峻峰",
                "领导小组办公室设在纪委、监察处，办公室主任：王世勤（兼）。",
            ],
        ),
    ];
    for (id, lines) in seeds {
        assert_eq!(printed(id), lines, "{id}");
    }
    // 003 and 004 name nobody: the demo's invented members are listed, and no note stands as a
    // 成员 line (004's 成员 line is the seed's own words).
    let jx = printed("jxau2010");
    assert!(jx.contains(&"成员：由学校落实党风廉政建设责任制领导小组成员组成".to_owned()), "{jx:?}");
    assert!(jx.iter().chain(&printed("lxfl2012")).all(|l| !l.contains("示例")), "{jx:?}");
}
