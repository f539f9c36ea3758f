//! The command line as a script would use it: exit codes, Chinese messages, no panics.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, reason = "tests: a failing unwrap is a failing test")]

mod common;

use std::process::{Command, Output};

fn lianfang(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_lianfang")).args(args).output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn help_is_chinese_and_english() {
    let out = lianfang(&["--help"]);
    assert!(out.status.success());
    let help = text(&out.stdout);
    for word in ["demo", "check", "dump", "load", "schemes", "生成示例数据文件", "write a realistic demo file"]
    {
        assert!(help.contains(word), "{word} missing from:\n{help}");
    }
}

#[test]
fn the_version_names_the_file_versions_and_the_build_date() {
    let out = lianfang(&["--version"]);
    assert!(out.status.success());
    let line = text(&out.stdout);
    let expected = format!("lianfang {}（单位数据文件版本 3，汇总文件版本 2，构建日期 ", env!("CARGO_PKG_VERSION"));
    assert!(line.starts_with(&expected) && line.trim_end().ends_with("日）"), "{line}");
}

#[test]
fn schemes_and_forms_are_listed() {
    let out = lianfang(&["schemes"]);
    assert!(out.status.success());
    let list = text(&out.stdout);
    for id in ["tjbh2012", "fzsx2013", "imut2011", "lxfl2012", "jxau2010"] {
        assert!(list.contains(id), "{list}");
    }
    let forms = text(&lianfang(&["forms"]).stdout);
    assert!(forms.contains("岗位风险分析和防控措施表") && forms.contains("廉政风险警示牌"), "{forms}");
    // One form a line: its id, then whitespace, then its title (scripts read the first column).
    let ids: Vec<&str> = forms.lines().filter_map(|l| l.split_whitespace().next()).collect();
    assert_eq!(ids.len(), lianfang::domain::forms::CATALOGUE.len(), "{forms}");
    for (id, info) in ids.iter().zip(&lianfang::domain::forms::CATALOGUE) {
        assert_eq!(*id, info.id.as_str(), "{forms}");
    }
}

#[test]
fn demo_check_dump_load_dump_is_identical() {
    let dir = tempfile::tempdir().unwrap();
    let p = |name: &str| dir.path().join(name).to_string_lossy().into_owned();
    let out = lianfang(&["demo", "--out", &p("a.db"), "--scheme", "fzsx2013"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("福州实验小学"));
    let out = lianfang(&["check", &p("a.db")]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("文件完好"));
    assert!(lianfang(&["dump", &p("a.db"), "--out", &p("a.json")]).status.success());
    assert!(lianfang(&["load", &p("a.json"), "--out", &p("b.db")]).status.success());
    assert!(lianfang(&["dump", &p("b.db"), "--out", &p("b.json")]).status.success());
    let (a, b) = (std::fs::read(p("a.json")).unwrap(), std::fs::read(p("b.json")).unwrap());
    assert!(a.len() > 1_000_000, "the dump holds the whole demo");
    assert!(a == b, "dump → load → dump must be identical");
    let doc: serde_json::Value = serde_json::from_slice(&a).unwrap();
    assert_eq!(doc["format"], "lianfang-dump");
    assert!(doc["content"]["risk_points"].as_array().unwrap().len() >= 2500);
}

/// A failing command exits non-zero with a Chinese message and no Rust panic or backtrace.
fn assert_fails_in_chinese(out: &Output) {
    assert!(!out.status.success());
    let err = text(&out.stderr);
    assert!(err.starts_with("错误：") || err.starts_with("命令行参数有误"), "{err}");
    assert!(!err.contains("panicked") && !err.contains("RUST_BACKTRACE"), "{err}");
}

#[test]
fn bad_input_gives_a_chinese_error() {
    let dir = tempfile::tempdir().unwrap();
    let p = |name: &str| dir.path().join(name).to_string_lossy().into_owned();
    std::fs::write(p("bad.db"), "not a database at all".repeat(100)).unwrap();
    std::fs::write(p("bad.json"), "{\"format\": \"something else\"}").unwrap();
    assert_fails_in_chinese(&lianfang(&["check", &p("bad.db")]));
    assert_fails_in_chinese(&lianfang(&["check", &p("missing.db")]));
    assert_fails_in_chinese(&lianfang(&["dump", &p("bad.db"), "--out", &p("x.json")]));
    assert_fails_in_chinese(&lianfang(&["load", &p("bad.json"), "--out", &p("x.db")]));
    assert_fails_in_chinese(&lianfang(&["load", &p("bad.db"), "--out", &p("x.db")]));
    assert_fails_in_chinese(&lianfang(&["demo", "--out", &p("y.db"), "--scheme", "nope"]));
    assert_fails_in_chinese(&lianfang(&["demo"]));
    assert_fails_in_chinese(&lianfang(&["no-such-file.db"]));
    // A mistyped form id is refused before the file is read, naming the ids there are.
    let out = lianfang(&["print", "post_risk_analysys", "--db", &p("missing.db"), "--out", &p("x.pdf")]);
    assert_fails_in_chinese(&out);
    let said = text(&out.stderr);
    assert!(said.contains("没有编号为“post_risk_analysys”的表格") && said.contains("post_risk_analysis"), "{said}");
    assert!(!std::path::Path::new(&p("x.db")).exists() && !std::path::Path::new(&p("y.db")).exists());
}

#[test]
fn demo_refuses_to_overwrite() {
    let dir = tempfile::tempdir().unwrap();
    let path = common::demo_file(dir.path(), "lxfl2012");
    let before = std::fs::read(&path).unwrap();
    assert_fails_in_chinese(&lianfang(&["demo", "--out", &path.to_string_lossy()]));
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn xlsx_export_then_import_with_a_dry_run_first() {
    let dir = tempfile::tempdir().unwrap();
    let demo = common::demo_file(dir.path(), "lxfl2012");
    let xlsx = dir.path().join("名单.xlsx");
    let out = lianfang(&["xlsx-export", demo.to_str().unwrap(), "--out", xlsx.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("已导出 Excel"));
    // Into an empty unit of the same scheme: the dry run says what would happen and writes nothing.
    let db = dir.path().join("空.db");
    let scheme = lianfang::domain::Scheme::preset("lxfl2012").unwrap().unwrap();
    let empty = lianfang::domain::Content::new_unit("历下区妇联", "群团机关", scheme);
    lianfang::store::Store::create(&db, &empty).unwrap().close().unwrap();
    let before = common::bytes(&db);
    let args = ["xlsx-import", xlsx.to_str().unwrap(), "--db", db.to_str().unwrap(), "--sheet", "岗位", "--dry-run"];
    let out = lianfang(&args);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let said = text(&out.stdout);
    assert!(said.contains("工作表“岗位”作为“岗位”导入，表头在第 1 行"), "{said}");
    assert!(said.contains("工作表“风险点”：不导入"), "only the sheet asked for: {said}");
    assert!(said.contains("第 2 行：新增") && said.contains("（试导入：未写入文件）"), "{said}");
    assert_eq!(common::bytes(&db), before, "a dry run leaves the file as it was");
    let out = lianfang(&args[..6]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("已导入并保存"));
    let c = lianfang::store::Store::open_read_only(&db).unwrap().load().unwrap();
    assert!(c.posts.len() > 100, "{}", c.posts.len());
    // Mistakes are said in Chinese, with a failing exit code, and change nothing.
    let after = common::bytes(&db);
    for (args, expected) in [
        (
            vec!["xlsx-import", xlsx.to_str().unwrap(), "--db", db.to_str().unwrap(), "--sheet", "没有这张表"],
            "没有工作表“没有这张表”",
        ),
        (vec!["xlsx-import", db.to_str().unwrap(), "--db", db.to_str().unwrap()], "不是 Excel 或 WPS 表格"),
    ] {
        let out = lianfang(&args);
        assert!(!out.status.success());
        assert!(text(&out.stderr).contains(expected), "{}", text(&out.stderr));
    }
    assert_eq!(common::bytes(&db), after);
}
