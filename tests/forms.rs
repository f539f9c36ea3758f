//! Printed forms read back from the PDF: every value that went in comes out (long texts across
//! page breaks included), fonts are embedded and subset, and odd characters are reported.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, reason = "tests: a failing unwrap is a failing test")]

mod common;

use std::process::Command;

use lianfang::report::forms::PRINTABLE;
use lianfang::store::{Change, Store};

fn run(cmd: &str, args: &[&str]) -> String {
    let out = Command::new(cmd).args(args).output().unwrap_or_else(|e| panic!("{cmd} is needed (poppler-utils): {e}"));
    assert!(out.status.success(), "{cmd} failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn strip(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn every_value_of_every_printable_form_is_in_the_pdf() {
    let dir = tempfile::tempdir().unwrap();
    let db = common::demo_file(dir.path(), "imut2011");
    let content = Store::open_read_only(&db).unwrap().load().unwrap();
    for form in PRINTABLE {
        let pdf = dir.path().join(format!("{form}.pdf"));
        let out = Command::new(env!("CARGO_BIN_EXE_lianfang"))
            .args(["print", form, "--db", &db.to_string_lossy(), "--out", &pdf.to_string_lossy(), "--dept", "财务处"])
            .output()
            .unwrap();
        assert!(out.status.success(), "{form}: {}", String::from_utf8_lossy(&out.stderr));
        let fonts = run("pdffonts", &[&pdf.to_string_lossy()]);
        let embedded: Vec<&str> = fonts.lines().skip(2).collect();
        assert!(!embedded.is_empty() && embedded.iter().all(|l| l.contains("yes yes yes")), "{form}: {fonts}");
        let text = strip(&run("pdftotext", &["-raw", &pdf.to_string_lossy(), "-"]));
        let f = lianfang::report::forms::build(
            &content,
            form,
            &lianfang::report::forms::Subject { dept: Some("财务处".into()) },
        )
        .unwrap();
        assert!(text.contains(&strip(&f.title)), "{form}: title");
        for row in &f.rows {
            for cell in row {
                assert!(text.contains(&strip(cell)), "{form}: “{cell}” is missing from the PDF");
            }
        }
    }
}

#[test]
fn long_texts_cross_page_breaks_and_odd_characters_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    let db = common::demo_file(dir.path(), "lxfl2012");
    let mut store = Store::open(&db).unwrap();
    let c = store.load().unwrap();
    let mut rp = c.risk_points.iter().find(|r| r.post_id.is_some()).unwrap().clone();
    let dept = c.departments.iter().find(|d| Some(d.id) == rp.dept_id).unwrap().name.clone();
    // The row's other cells end on the first page, between the first and the next part.
    let mut interrupters: Vec<String> =
        c.measures.iter().filter(|m| m.risk_point_id == rp.id).map(|m| strip(&m.content)).collect();
    interrupters.push(c.unit.scheme.level_name(rp.grade).to_owned());
    let long = "不按标准确定救助对象，优亲厚友或截留挪用救助资金。".repeat(200); // 5,000 characters
    rp.manifestation = format!("{long}吉𠮷😀\u{7}");
    store.apply(&[Change::save(rp)]).unwrap();
    store.close().unwrap();
    let pdf = dir.path().join("long.pdf");
    let out = Command::new(env!("CARGO_BIN_EXE_lianfang"))
        .args([
            "print",
            "post_risk_analysis",
            "--db",
            &db.to_string_lossy(),
            "--out",
            &pdf.to_string_lossy(),
            "--dept",
            &dept,
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains("U+1F600") && said.contains("U+0007") && said.contains("□"), "{said}");
    // Between the parts of a cell split over pages stand the page number and the repeated header.
    let header = "序号部门岗位风险点表现形式风险等级前期预防中期监控后期处置";
    let mut text =
        without_page_numbers(&strip(&run("pdftotext", &["-raw", &pdf.to_string_lossy(), "-"]))).replace(header, "");
    for i in &interrupters {
        text = text.replacen(i.as_str(), "", 1);
    }
    assert!(text.contains(&strip(&format!("{long}吉𠮷□□"))), "the 5,000-character cell is printed whole, in order");
}

/// Removes every 第N页共M页.
fn without_page_numbers(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(i) = rest.find('第') {
        out.push_str(&rest[..i]);
        let tail = &rest[i + '第'.len_utf8()..];
        let digits = |s: &str| s.chars().take_while(char::is_ascii_digit).count();
        let n = digits(tail);
        let after = &tail[n..];
        if n > 0 && after.starts_with("页共") {
            let after = &after["页共".len()..];
            let m = digits(after);
            if m > 0 && after[m..].starts_with('页') {
                rest = &after[m + '页'.len_utf8()..];
                continue;
            }
        }
        out.push('第');
        rest = tail;
    }
    out.push_str(rest);
    out
}

#[test]
fn forms_not_printable_yet_say_so_in_chinese() {
    let dir = tempfile::tempdir().unwrap();
    let db = common::demo_file(dir.path(), "fzsx2013");
    let out = Command::new(env!("CARGO_BIN_EXE_lianfang"))
        .args([
            "print",
            "warning_card",
            "--db",
            &db.to_string_lossy(),
            "--out",
            &dir.path().join("x.pdf").to_string_lossy(),
        ])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("尚未实现") && err.contains("post_risk_analysis"), "{err}");
    assert!(!dir.path().join("x.pdf").exists());
}

#[test]
fn a_form_is_saved_as_pdf_from_the_window() {
    use common::ui::{click, click_button, harness, pick, type_into};
    let dir = tempfile::tempdir().unwrap();
    let db = common::demo_file(dir.path(), "jxau2010");
    let mut h = harness(&db);
    h.run();
    click(&mut h, "表格打印");
    pick(&mut h, "表格：", "岗位风险分析和防控措施表");
    pick(&mut h, "只打印部门：", "财务处");
    click_button(&mut h, "保存为 PDF…");
    type_into(&mut h, "文件夹：", &dir.path().to_string_lossy());
    click_button(&mut h, "确定");
    let pdf = dir.path().join("岗位风险分析和防控措施表.pdf");
    assert!(pdf.is_file(), "{:?}", h.state().notices());
    let note = h.state().notices().into_iter().find(|n| n.contains("已保存 PDF")).unwrap();
    let pages: usize = note.rsplit('（').next().unwrap().trim_end_matches("页）").trim().parse().unwrap();
    assert!((10..200).contains(&pages), "only 财务处 is printed: {note}");
    let text = strip(&run("pdftotext", &["-raw", &pdf.to_string_lossy(), "-"]));
    assert!(text.contains("江西农业大学岗位风险分析和防控措施表"));
}
