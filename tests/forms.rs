//! Printed forms read back from the PDF: every value that went in comes out (long texts across
//! page breaks included), fonts are embedded and subset, and odd characters are reported.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, reason = "tests: a failing unwrap is a failing test")]

mod common;

use std::process::Command;

use lianfang::domain::change::Change;
use lianfang::domain::forms::CATALOGUE;
use lianfang::report::forms::{Subject, build};
use lianfang::store::Store;

fn lianfang(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_lianfang")).args(args).output().unwrap()
}

/// `lianfang print FORM --db DB --out PDF` and the subject arguments (`--dept 财务处` …).
fn print(db: &std::path::Path, form: &str, pdf: &std::path::Path, subject: &[&str]) -> std::process::Output {
    let (db, pdf) = (db.to_string_lossy(), pdf.to_string_lossy());
    lianfang(&[&["print", form, "--db", &db, "--out", &pdf][..], subject].concat())
}

fn strip(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Where `value` starts in `text` (at or after `from`) and in how many pieces it occurs, in
/// order: one when whole. A cell split over pages is interrupted by the row's other cells, the
/// page number and the repeated header, so it comes back in a few pieces; each piece is taken
/// at the nearest place after the previous one where its next four characters occur (fewer at
/// a page break), as far as it matches there. Nearest, not longest: rows of one post begin
/// alike, and the whole first line of a split cell stands again in a later row. `None` when
/// some part of the value is not in the text.
fn pieces(text: &str, value: &str, from: usize) -> Option<(usize, usize)> {
    let (mut at, mut rest, mut n, mut start) = (from, value, 0, None);
    while !rest.is_empty() {
        // Four characters, fewer where a page break falls within them.
        let ends: Vec<usize> = rest.char_indices().map(|(i, c)| i + c.len_utf8()).take(4).collect();
        let found = at + ends.iter().rev().find_map(|e| text.get(at..)?.find(&rest[..*e]))?;
        let matched: usize =
            text[found..].chars().zip(rest.chars()).take_while(|(a, b)| a == b).map(|(c, _)| c.len_utf8()).sum();
        start.get_or_insert(found);
        at = found + matched;
        rest = &rest[matched..];
        n += 1;
    }
    Some((start.unwrap_or(from), n))
}

/// Every text of `forms` is in `text`; cells and paragraphs in the order they were laid out.
fn assert_printed(id: &str, text: &str, forms: &[lianfang::report::layout::Form]) -> usize {
    use lianfang::report::layout::Block;
    let mut values = 0;
    let mut check = |value: &str, from: usize| -> usize {
        let value = strip(value);
        if value.is_empty() {
            return from;
        }
        values += 1;
        match pieces(text, &value, from) {
            Some((start, n)) if n <= 4 => start,
            found => {
                let _ = std::fs::write("/tmp/pdftext.txt", text);
                panic!("{id}: “{value}” is not in the PDF after position {from} ({found:?})")
            }
        }
    };
    let mut at = 0;
    for form in forms {
        if let Some(Block::Sign(_)) = form.blocks.first() {
            for t in form.texts() {
                at = check(t, at);
            }
            continue;
        }
        let top = check(&form.title, at);
        for t in [&form.subtitle, &form.particulars.0, &form.particulars.1] {
            check(t, top);
        }
        let mut cursor = top;
        for block in &form.blocks {
            match block {
                Block::Table { columns, rows } => {
                    for c in columns {
                        check(&c.header, top);
                    }
                    for cell in rows.iter().flatten() {
                        cursor = check(cell, cursor);
                    }
                }
                Block::Letter(paragraphs) | Block::Lines(paragraphs) => {
                    for p in paragraphs {
                        cursor = check(p, cursor);
                    }
                }
                Block::Band { text: band, .. } => cursor = check(band, cursor),
                Block::Sign(_) => {}
            }
        }
        for line in &form.signature {
            check(line, cursor);
        }
        at = cursor;
    }
    values
}

use common::pdf::{assert_fonts_embedded_and_subset, text as pdf_text};

#[test]
fn every_value_of_every_form_is_in_the_pdf() {
    let dir = tempfile::tempdir().unwrap();
    let db = common::demo_file(dir.path(), "imut2011");
    let content = Store::open_read_only(&db).unwrap().load().unwrap();
    let subject = Subject::by_names(&content, Some("财务处"), None, None).unwrap();
    for info in &CATALOGUE {
        let pdf = dir.path().join(format!("{}.pdf", info.id));
        let out = print(&db, info.id.as_str(), &pdf, &["--dept", "财务处"]);
        assert!(out.status.success(), "{}: {}", info.id, String::from_utf8_lossy(&out.stderr));
        assert_fonts_embedded_and_subset(&pdf);
        let text = without_page_numbers(&pdf_text(&pdf));
        let forms = build(&content, info.id, &subject).unwrap();
        let values = assert_printed(info.id.as_str(), &text, &forms);
        assert!(values > 5, "{}: {values} values", info.id);
        assert_described(&pdf, &forms[0].title, &content.unit.name);
    }
}

#[test]
fn a_value_missing_from_the_print_is_caught() {
    let text = strip("天津滨海职业学院岗位风险分析和防控措施表 审核不严，人情放行 第二段");
    assert_eq!(pieces(&text, "审核不严，人情放行", 0).map(|p| p.1), Some(1));
    assert_eq!(pieces(&text, "审核不严第二段", 0).map(|p| p.1), Some(2));
    assert_eq!(pieces(&text, "虚开发票套取资金", 0), None);
    assert_eq!(pieces(&text, "第二段审核不严", 0), None, "pieces come in order");
}

#[test]
fn long_texts_cross_page_breaks_and_odd_characters_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    let db = common::demo_file(dir.path(), "lxfl2012");
    let mut store = Store::open(&db).unwrap();
    let c = store.load().unwrap();
    let mut rp = c.risk_points.iter().find(|r| r.post_id.is_some()).unwrap().clone();
    let dept = c.departments.iter().find(|d| Some(d.id) == rp.dept_id).unwrap().name.clone();
    let long = "不按标准确定救助对象，优亲厚友或截留挪用救助资金。".repeat(200); // 5,000 characters
    rp.manifestation = format!("{long}吉𠮷😀\u{7}");
    store.apply(&[Change::save(rp)]).unwrap();
    store.close().unwrap();
    let pdf = dir.path().join("long.pdf");
    let out = print(&db, "post_risk_analysis", &pdf, &["--dept", &dept]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let said = String::from_utf8_lossy(&out.stdout);
    let noted = String::from_utf8_lossy(&out.stderr);
    assert!(
        noted.contains("U+1F600") && noted.contains("U+0007") && noted.contains("□"),
        "notes go to stderr: {noted}"
    );
    // Between the parts of a cell split over pages stand the row's other cells, the page number
    // and the repeated header: the cell comes back in one piece per page, in order.
    let text = without_page_numbers(&pdf_text(&pdf));
    let pages =
        said.split("（").nth(1).and_then(|t| t.split(' ').next()).and_then(|n| n.parse::<usize>().ok()).unwrap();
    let (_, n) = pieces(&text, &strip(&format!("{long}吉𠮷□□")), 0).expect("the 5,000-character cell is printed");
    assert!((2..=pages).contains(&n), "in {n} pieces over {pages} pages");
}

/// Removes every 第N页共M页.
/// The PDF's document information names the form, the unit, this program and today.
fn assert_described(pdf: &std::path::Path, title: &str, unit: &str) {
    use common::pdf::info;
    assert_eq!(info(pdf, "Title").as_deref(), Some(title));
    assert_eq!(info(pdf, "Author").as_deref(), Some(unit));
    assert_eq!(info(pdf, "Producer"), Some(format!("廉防 {}", env!("CARGO_PKG_VERSION"))));
    assert_eq!(info(pdf, "Creator").as_deref(), Some("廉政风险防控管理系统"));
    let today = chrono::Local::now().format("D:%Y%m%d").to_string();
    let created = info(pdf, "CreationDate").unwrap_or_default();
    // Printed a moment ago (a print at midnight may carry yesterday's date).
    let yesterday = (chrono::Local::now() - chrono::Duration::days(1)).format("D:%Y%m%d").to_string();
    assert!(created.starts_with(&today) || created.starts_with(&yesterday), "{created}");
}

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
fn print_all_writes_every_form_of_a_department_and_names_are_checked() {
    let dir = tempfile::tempdir().unwrap();
    let db = common::demo_file(dir.path(), "fzsx2013");
    let out_dir = dir.path().join("全部表格");
    let out = print(&db, "--all", &out_dir, &["--dept", "财务室"]);
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{}{said}", String::from_utf8_lossy(&out.stderr));
    let files = common::files_in(&out_dir);
    assert_eq!(files.len(), CATALOGUE.len(), "{files:?}");
    for (info, name) in CATALOGUE.iter().zip(&files) {
        assert!(name.contains(info.title) && name.ends_with("（财务室）.pdf"), "{name}");
        let text = pdf_text(&out_dir.join(name));
        if name.contains("警示") {
            // A sign on a wall or a desk carries no page numbers: its maker and date instead.
            assert!(text.contains("制牌单位") && !text.contains("第1页"), "{name}: {text}");
        } else {
            assert!(text.contains("第1页共"), "{name} has pages");
        }
    }
    assert!(said.contains("共 20 个文件"), "{said}");
    // A post name many departments share must be told apart; an unknown person is refused.
    let pdf = dir.path().join("x.pdf");
    let out = print(&db, "warning_card", &pdf, &["--post", "负责人"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success() && err.contains("部门/岗位"), "{err}");
    let out = print(&db, "commitment", &pdf, &["--person", "查无此人"]);
    assert!(!out.status.success() && String::from_utf8_lossy(&out.stderr).contains("没有名为“查无此人”的人员"));
    assert!(!pdf.exists(), "nothing written on an error");
    let out = print(&db, "warning_card", &pdf, &["--post", "财务室/负责人"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = pdf_text(&pdf);
    assert!(text.contains("警示牌") && text.contains("财务室") && text.contains("负责人"), "{text}");
    assert_eq!(common::pdf::pages(&pdf), 1, "one post, one sign");
    // The desk sign: one sheet, both faces saying the same.
    let out = print(&db, "desk_card", &pdf, &["--post", "财务室/负责人"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = pdf_text(&pdf);
    assert_eq!(common::pdf::pages(&pdf), 1);
    assert_eq!(text.matches("廉政风险警示桌牌").count(), 2, "{text}");
}

#[test]
fn letters_and_cards_carry_the_person_and_the_level() {
    let dir = tempfile::tempdir().unwrap();
    let db = common::demo_file(dir.path(), "lxfl2012");
    let content = Store::open_read_only(&db).unwrap().load().unwrap();
    let signer = content.commitments.first().unwrap();
    let person = content.people.iter().find(|p| p.id == signer.person_id).unwrap();
    let pdf = dir.path().join("c.pdf");
    let out = print(&db, "commitment", &pdf, &["--person", &person.name]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = pdf_text(&pdf);
    assert!(
        text.contains(&strip(&signer.text)) && text.contains(&person.name) && text.contains("承诺人（签字）"),
        "{text}"
    );
    // 003: the promise follows the person's own risks — each of them, with its measures, is
    // listed; the unit's seal line and a date left for the hand; 职务 and 科室 are filled in.
    let held: Vec<_> = content.post_holders.iter().filter(|h| h.person_id == person.id).map(|h| h.post_id).collect();
    let own: Vec<_> = content
        .risk_points
        .iter()
        .filter(|r| r.person_id == Some(person.id) || r.post_id.is_some_and(|p| held.contains(&p)))
        .collect();
    assert!(!own.is_empty() && text.contains(&format!("廉政风险点共{}个", own.len())), "{text}");
    for r in own {
        assert!(text.contains(&strip(&r.description)), "{}", r.description);
    }
    assert!(text.contains("历下区妇联（公章）") && text.contains("年月日") && !text.contains("承诺日期"), "{text}");
    assert!(!text.contains("职务：科室") && !text.ends_with("科室："), "{text}");
    // The principal leader's letter names the graded rule in the scheme's words (主席).
    let principal = lianfang::domain::responsibility::principal(&content).unwrap();
    let name = &content.people.iter().find(|p| p.id == principal).unwrap().name;
    let out = print(&db, "responsibility_letter", &pdf, &["--person", name]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = pdf_text(&pdf);
    assert!(text.contains("廉政风险分级管理责任书") && text.contains("主席负责") && text.contains(name), "{text}");
}

#[test]
fn a_form_is_saved_as_pdf_from_the_window() {
    use common::ui::{click, click_button, harness, pick, shows, type_into, wait_until};
    let dir = tempfile::tempdir().unwrap();
    let db = common::demo_file(dir.path(), "jxau2010");
    let mut h = harness(&db);
    h.run();
    click(&mut h, "表格打印");
    pick(&mut h, "表格：", "岗位风险分析和防控措施表");
    pick(&mut h, "部门：", "财务处");
    click_button(&mut h, "保存为 PDF…");
    type_into(&mut h, "文件夹：", &dir.path().to_string_lossy());
    click_button(&mut h, "确定");
    // Laid out and written on a worker thread: the window says so meanwhile, then where it went.
    let saved =
        |h: &egui_kittest::Harness<'_, lianfang::ui::App>| h.state().notices().iter().any(|n| n.contains("已保存 PDF"));
    assert!(saved(&h) || shows(&h, "正在打印“江西农业大学岗位风险分析和防控措施表”"), "{:?}", h.state().notices());
    assert!(wait_until(&mut h, saved), "{:?}", h.state().notices());
    // The dialog offers a name of unit, form and scope.
    let pdf = dir.path().join("江西农业大学_岗位风险分析和防控措施表_财务处.pdf");
    assert!(pdf.is_file(), "{:?} {:?}", h.state().notices(), common::files_in(dir.path()));
    let note = h.state().notices().into_iter().find(|n| n.contains("已保存 PDF")).unwrap();
    let pages: usize = note.rsplit('（').next().unwrap().trim_end_matches("页）").trim().parse().unwrap();
    assert!((10..200).contains(&pages), "only 财务处 is printed: {note}");
    let text = pdf_text(&pdf);
    assert!(text.contains("江西农业大学岗位风险分析和防控措施表"));
}

#[test]
fn the_desk_sign_is_previewed_and_explained_in_the_window() {
    use common::ui::{click, harness, pick, shows};
    let dir = tempfile::tempdir().unwrap();
    let db = common::demo_file(dir.path(), "fzsx2013");
    let mut h = harness(&db);
    h.run();
    click(&mut h, "表格打印");
    pick(&mut h, "表格：", "廉政风险警示桌牌");
    pick(&mut h, "部门：", "财务室");
    assert!(shows(&h, "沿中间虚线对折成三角立牌"), "the sheet is explained");
    assert!(shows(&h, "预览：第 1 / "), "and previewed, the far face upside down");
    pick(&mut h, "表格：", "廉政承诺书");
    assert!(shows(&h, "按公文格式"));
}

#[test]
fn the_post_duties_of_001_are_chosen_by_their_label_and_previewed() {
    use common::ui::{click, harness, pick, shows};
    let dir = tempfile::tempdir().unwrap();
    let db = common::demo_file(dir.path(), "fzsx2013");
    let mut h = harness(&db);
    h.run();
    click(&mut h, "表格打印");
    pick(&mut h, "表格：", "岗位职责");
    pick(&mut h, "部门：", "财务室");
    assert!(shows(&h, "预览：第 1 / "), "001 附件二 is previewed: {:?}", h.state().notices());
}

#[test]
fn the_preview_pages_and_the_units_wording_reaches_the_pdf() {
    use common::ui::{click, click_button, harness, pick, shows, type_into};
    let dir = tempfile::tempdir().unwrap();
    let db = common::demo_file(dir.path(), "tjbh2012");
    let mut h = harness(&db);
    h.run();
    click(&mut h, "表格打印");
    pick(&mut h, "表格：", "部门廉政风险查找表");
    pick(&mut h, "部门：", "财务处");
    assert!(shows(&h, "预览：第 1 / "), "the preview shows its pages");
    click_button(&mut h, "下一页");
    assert!(shows(&h, "预览：第 2 / "));
    // The unit renames a column and the title; the file keeps it, the print shows it.
    type_into(&mut h, "风险点：", "廉政风险点（具体表现）");
    type_into(&mut h, "标题：", "部门廉政风险排查表");
    click_button(&mut h, "保存用语");
    assert!(h.state().notices().iter().any(|n| n.contains("已保存：修改表格用语")), "{:?}", h.state().notices());
    drop(h);
    let content = Store::open_read_only(&db).unwrap().load().unwrap();
    let wording = &content.unit.scheme.form_wording["dept_risk_search"];
    assert_eq!(wording.headers["风险点"], "廉政风险点（具体表现）");
    let pdf = dir.path().join("w.pdf");
    let out = print(&db, "dept_risk_search", &pdf, &["--dept", "财务处"]);
    assert!(out.status.success());
    let text = pdf_text(&pdf);
    assert!(text.contains("天津滨海职业学院部门廉政风险排查表") && text.contains("廉政风险点（具体表现）"), "{text}");
}

#[test]
fn print_all_from_the_window_shows_progress_and_fills_a_new_folder() {
    use common::ui::{click, click_button, harness, pick, type_into};
    let dir = tempfile::tempdir().unwrap();
    let db = common::demo_file(dir.path(), "fzsx2013");
    let mut h = harness(&db);
    h.run();
    click(&mut h, "表格打印");
    pick(&mut h, "部门：", "财务室");
    click_button(&mut h, "全部打印…");
    type_into(&mut h, "文件夹：", &dir.path().to_string_lossy());
    click_button(&mut h, "确定");
    let mut done = None;
    for _ in 0..6000 {
        h.step(); // one frame at a time while printing runs (see `common::ui::wait_until`)
        if let Some(n) = h.state().notices().into_iter().find(|n| n.contains("全部打印")) {
            done = Some(n);
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let note = done.expect("全部打印 finishes");
    assert!(note.starts_with("已全部打印"), "{note}");
    let folder = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().path()).find(|p| p.is_dir()).unwrap();
    let name = folder.file_name().unwrap().to_string_lossy().into_owned();
    assert!(name.starts_with("福州实验小学_表格_财务室_"), "{name}");
    let scheme = Store::open_read_only(&db).unwrap().load().unwrap().unit.scheme;
    assert_eq!(common::files_in(&folder).len(), scheme.forms.len(), "only the scheme's forms by default");
}

#[test]
fn a_new_unit_with_nothing_in_it_prints_every_form_blank() {
    use lianfang::domain::{Content, Scheme};
    let content = Content::new_unit("新建单位", "机关", Scheme::preset("lxfl2012").unwrap().unwrap());
    for info in &CATALOGUE {
        let printed = lianfang::report::print(&content, info.id, &Subject::default()).unwrap();
        assert!(printed.pages >= 1 && printed.missing.is_empty(), "{}", info.id);
        let forms = build(&content, info.id, &Subject::default()).unwrap();
        assert_eq!(forms.len(), 1, "{}: one blank copy to fill in by hand", info.id);
    }
}

/// Dates (2013年7月11日) and ordinals (第12项) in `text`, as a reader takes them in at once.
fn units_in(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let digits = |from: usize| chars[from..].iter().take_while(|c| c.is_ascii_digit()).count();
    let mut out = Vec::new();
    for i in 0..chars.len() {
        if chars[i] == '第' && i + 1 < chars.len() {
            let n = digits(i + 1);
            if n > 0 && chars.get(i + 1 + n) == Some(&'项') {
                out.push(chars[i..=i + 1 + n].iter().collect());
            }
        }
        let starts = i == 0 || !chars[i - 1].is_ascii_digit();
        if starts && digits(i) == 4 && chars.get(i + 4) == Some(&'年') {
            let m = digits(i + 5);
            let d = if m > 0 && chars.get(i + 5 + m) == Some(&'月') { digits(i + 6 + m) } else { 0 };
            if d > 0 && chars.get(i + 6 + m + d) == Some(&'日') {
                out.push(chars[i..=i + 6 + m + d].iter().collect());
            }
        }
    }
    out
}

/// Issue 20, read back from the PDFs of the demo units of all five schemes as a clerk would
/// read them before signing: every 序号 whole and in sequence (a continued row repeats its
/// number), no page holding only a signature block or the page's furniture, no date, ordinal
/// or header of four characters or fewer broken, the statistics adding up across and down.
#[test]
fn five_schemes_read_back_as_a_careful_clerk_would() {
    use common::pdf::{Show, shows};
    use lianfang::report::layout::Block;
    let serif = lianfang::report::metrics::Metrics::new(lianfang::fonts::Face::Serif).unwrap();
    let hei = lianfang::report::metrics::Metrics::new(lianfang::fonts::Face::Sans).unwrap();
    let centre = |s: &Show, m: &lianfang::report::metrics::Metrics| s.x + m.width(&s.text, s.size) / 2.0;
    let dir = tempfile::tempdir().unwrap();
    for scheme in ["tjbh2012", "fzsx2013", "imut2011", "lxfl2012", "jxau2010"] {
        let db = common::demo_file(dir.path(), scheme);
        let content = Store::open_read_only(&db).unwrap().load().unwrap();
        let forms = ["post_risk_analysis", "responsibility_letter", "dept_statistics", "commitment", "warning_card"];
        for form in forms {
            let pdf = dir.path().join(format!("{scheme}_{form}.pdf"));
            let out = print(&db, form, &pdf, &[]);
            assert!(out.status.success(), "{scheme} {form}: {}", String::from_utf8_lossy(&out.stderr));
            let pages = shows(&pdf);
            let built = build(&content, form.parse().unwrap(), &Subject::default()).unwrap();
            let label = format!("{scheme} {form}");
            // 序号: the column under the header's centre, read page by page. Each row's lines are
            // the baselines of the other columns from its number down to the next number.
            let mut last = 0_u64;
            let mut ends: Vec<Option<(u64, usize)>> = Vec::new(); // the last row of each page
            for (n, page) in pages.iter().enumerate() {
                let Some(head) = page.iter().find(|s| s.text == "序号") else {
                    ends.push(None);
                    continue;
                };
                let middle = centre(head, &hei);
                let in_column = |s: &&Show| s.y < head.y - 1.0 && (centre(s, &serif) - middle).abs() < 1.5;
                let mut rows: Vec<(u64, f32, bool)> = Vec::new(); // number, baseline, continued
                for s in page.iter().filter(in_column) {
                    if s.text == "续" || s.text == "（续）" {
                        if let Some(row) = rows.last_mut() {
                            row.2 = true;
                        }
                        continue;
                    }
                    let k: u64 = s.text.parse().unwrap_or_else(|_| panic!("{label} p{}: 序号 “{}”", n + 1, s.text));
                    assert!(k == last + 1 || k == 1 || k == last, "{label} p{}: 序号 {k} after {last}", n + 1);
                    last = k;
                    rows.push((k, s.y, false));
                }
                let lines = |i: usize| {
                    let (top, below) = (rows[i].1 + 1.0, rows.get(i + 1).map_or(f32::MIN, |r| r.1 + 1.0));
                    let mut ys: Vec<i64> = page
                        .iter()
                        .filter(|s| !in_column(s) && s.y <= top && s.y > below && !s.text.starts_with('第'))
                        .filter(|s| !built.iter().any(|f| f.signature.contains(&s.text)))
                        .map(|s| tenths(s.y))
                        .collect();
                    ys.dedup();
                    ys.len()
                };
                // A row carried over keeps at least two lines here, and so does one left behind.
                if let Some((k, _, true)) = rows.first() {
                    assert!(lines(0) >= 2, "{label} p{}: row {k} carried over with one line", n + 1);
                    if let Some(Some((before, left))) = ends.last() {
                        assert!(*before != *k || *left >= 2, "{label} p{}: row {k} left one line behind", n);
                    }
                }
                ends.push(rows.last().map(|r| (r.0, lines(rows.len() - 1))));
            }
            if form == "post_risk_analysis" {
                assert_eq!(
                    usize::try_from(last).unwrap(),
                    content.risk_points.iter().filter(|r| r.scope == lianfang::domain::RiskScope::Post).count(),
                    "{label}: every row numbered"
                );
            }
            // No page with nothing but furniture: page number, repeated header, signature.
            let mut furniture: std::collections::HashSet<&str> = std::collections::HashSet::new();
            for f in &built {
                furniture.extend(f.signature.iter().map(String::as_str));
                for b in &f.blocks {
                    if let Block::Table { columns, .. } = b {
                        furniture.extend(columns.iter().map(|c| c.header.as_str()));
                    }
                }
            }
            for (n, page) in pages.iter().enumerate() {
                let body =
                    page.iter().filter(|s| !furniture.contains(s.text.as_str()) && !s.text.starts_with('第')).count();
                assert!(body > 0, "{label} p{}: only {:?}", n + 1, page.iter().map(|s| &s.text).collect::<Vec<_>>());
            }
            // Units and short headers whole: each is one text shown.
            let shown: std::collections::HashSet<String> =
                pages.iter().flatten().flat_map(|s| units_in(&s.text)).collect();
            let texts: std::collections::HashSet<&str> = pages.iter().flatten().map(|s| s.text.as_str()).collect();
            for f in &built {
                for b in &f.blocks {
                    let Block::Table { columns, rows } = b else { continue };
                    for c in columns.iter().filter(|c| c.header.chars().count() <= 4) {
                        assert!(texts.contains(c.header.as_str()), "{label}: header “{}” broken", c.header);
                    }
                    for unit in rows.iter().flatten().flat_map(|cell| units_in(cell)) {
                        assert!(shown.contains(&unit), "{label}: “{unit}” broken across lines");
                    }
                }
            }
            if form == "dept_statistics" {
                assert_statistics_add_up(&label, &pages);
            }
        }
        // The warning signs' ink on every level colour of the scheme.
        let s = content.scheme();
        for grade in [Some(1), Some(2), Some(3), None] {
            let fill = s.level_rgb(grade);
            let ink = lianfang::domain::levels::ink_on(fill);
            assert!(lianfang::domain::levels::contrast(ink, fill) >= 4.5, "{scheme} {grade:?}: {ink:?} on {fill:?}");
        }
    }
}

/// A baseline in tenths of a point, to compare (a page is under a thousand points tall).
#[expect(clippy::cast_possible_truncation, reason = "page coordinates, far within i64")]
fn tenths(y: f32) -> i64 {
    (y * 10.0).round() as i64
}

/// The 统计表 read back: in every row the levels (未评定 included) add up to the risk points,
/// and the 合计 row is the sum of the rows above it.
fn assert_statistics_add_up(label: &str, pages: &[Vec<common::pdf::Show>]) {
    let mut rows: Vec<(String, Vec<u64>)> = Vec::new();
    for page in pages {
        let mut lines: std::collections::BTreeMap<i64, Vec<&common::pdf::Show>> = std::collections::BTreeMap::new();
        for s in page {
            // Rows by baseline, top first.
            lines.entry(-(tenths(s.y) / 10)).or_default().push(s);
        }
        for (_, mut line) in lines {
            line.sort_by(|a, b| a.x.total_cmp(&b.x));
            let numbers: Vec<u64> = line.iter().skip(1).filter_map(|s| s.text.parse().ok()).collect();
            if numbers.len() >= 8 && numbers.len() + 1 == line.len() {
                rows.push((line[0].text.clone(), numbers));
            }
        }
    }
    assert!(rows.len() > 3, "{label}: {rows:?}");
    for (name, n) in &rows {
        assert_eq!(n[2..6].iter().sum::<u64>(), n[1], "{label}: {name} {n:?}");
    }
    let (total, body) = rows.split_last().unwrap();
    assert_eq!(total.0, "合计", "{label}");
    for i in 0..total.1.len() {
        assert_eq!(body.iter().map(|(_, n)| n[i]).sum::<u64>(), total.1[i], "{label}: column {i}");
    }
}

/// The preview builds and lays out only the start of a large form — whole copies while they
/// fit, the copy that crosses the limit cut after its rows — exactly as the print lays them
/// out, and counts the whole.
#[test]
fn the_preview_is_the_start_of_the_print() {
    use lianfang::domain::forms::FormId;
    use lianfang::report::forms::build_start;
    use lianfang::report::{lay_out, lay_out_preview};
    let content = lianfang::demo::build("jxau2010").unwrap();
    let start = |id, rows| build_start(&content, id, &Subject::default(), rows).unwrap();
    // One copy per department: the first two fit, the third is left out.
    let forms = build(&content, FormId::DeptRiskSearch, &Subject::default()).unwrap();
    assert!(forms.len() > 3, "one copy per department: {}", forms.len());
    let two = forms[0].rows() + forms[1].rows();
    let built = start(FormId::DeptRiskSearch, two);
    assert_eq!(built.forms.iter().map(|f| f.rows()).sum::<usize>(), two, "rows beyond the limit are not built");
    let shown = lay_out_preview(built, two).unwrap();
    assert_eq!((shown.rows, shown.copies), ((two, forms.iter().map(|f| f.rows()).sum()), (2, forms.len())));
    assert!(shown.laid.pages == lay_out(&forms[..2]).unwrap().pages);
    // One copy for the whole unit, cut after 100 rows.
    let whole = build(&content, FormId::PostRiskAnalysis, &Subject::default()).unwrap();
    assert_eq!(whole.len(), 1);
    let mut cut = whole.clone();
    for block in &mut cut[0].blocks {
        if let lianfang::report::layout::Block::Table { rows, .. } = block {
            rows.truncate(100);
        }
    }
    let first = lay_out_preview(start(FormId::PostRiskAnalysis, 100), 100).unwrap();
    assert_eq!((first.rows.0, first.copies), (100, (1, 1)));
    assert!(first.rows.1 > 1_000 && first.laid.pages == lay_out(&cut).unwrap().pages);
    // A form within the limit is previewed whole.
    let all = lay_out_preview(start(FormId::PostRiskAnalysis, usize::MAX), usize::MAX).unwrap();
    assert!(all.rows.0 == all.rows.1 && all.laid.pages == lay_out(&whole).unwrap().pages);
}
