//! Reading printed PDFs back in the tests, with lopdf (a dependency of the program already),
//! so that `cargo test` needs nothing installed. Where poppler-utils' `pdftotext` is on the
//! machine, its reading is compared with ours as an independent check, and the test output
//! says whether that check ran.

use std::path::Path;
use std::process::Command;

use lopdf::{Dictionary, Document, Object};

/// The text of every page of `pdf`, whitespace removed (cells wrap, so lines break anywhere).
pub fn text(pdf: &Path) -> String {
    let doc = Document::load(pdf).unwrap_or_else(|e| panic!("{}: not a readable PDF: {e}", pdf.display()));
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    let text = strip(&doc.extract_text(&pages).unwrap_or_else(|e| panic!("{}: {e}", pdf.display())));
    compare_with_poppler(pdf, &text);
    check_with_qpdf(pdf);
    text
}

/// How many pages `pdf` has.
pub fn pages(pdf: &Path) -> usize {
    Document::load(pdf).unwrap().get_pages().len()
}

fn strip(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// poppler's `pdftotext -raw` reads the same text, where it is installed.
fn compare_with_poppler(pdf: &Path, ours: &str) {
    match Command::new("pdftotext").args(["-raw", &pdf.to_string_lossy(), "-"]).output() {
        Ok(out) if out.status.success() => {
            let theirs = strip(&String::from_utf8_lossy(&out.stdout));
            assert_eq!(theirs, ours, "{}: poppler and lopdf read different text", pdf.display());
            say_once(&POPPLER, "PDFs read back with lopdf and checked against poppler's pdftotext");
        }
        Ok(out) => panic!("{}: pdftotext failed: {}", pdf.display(), String::from_utf8_lossy(&out.stderr)),
        Err(_) => say_once(
            &POPPLER,
            "PDFs read back with lopdf; pdftotext (poppler-utils) is not installed, so the independent check did not run",
        ),
    }
}

static POPPLER: std::sync::Once = std::sync::Once::new();
static QPDF: std::sync::Once = std::sync::Once::new();

/// qpdf's check of the file's structure, where it is installed: the cross-reference stream's
/// offsets, the object streams, every stream's length and filter. A reader that repairs a
/// broken file quietly (poppler does) would not tell; qpdf warns and exits non-zero.
fn check_with_qpdf(pdf: &Path) {
    match Command::new("qpdf").args(["--check", &pdf.to_string_lossy()]).output() {
        Ok(out) => {
            let said = String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
            assert!(out.status.success(), "{}: qpdf --check failed:\n{said}", pdf.display());
            say_once(&QPDF, "PDFs' structure checked with qpdf --check");
        }
        Err(_) => say_once(&QPDF, "qpdf is not installed, so the PDFs' structure was not checked by it"),
    }
}

/// Tells once per test binary, on the process's own stderr (which the test harness does not
/// capture, so the line shows in a passing run too).
fn say_once(said: &std::sync::Once, what: &str) {
    use std::io::Write as _;
    said.call_once(|| {
        let _ = writeln!(std::io::stderr(), "note: {what}");
    });
}

/// Every font of every page is embedded (a font file in its descriptor) and subset (a
/// six-letter tag before its name), as `pdffonts` would say "emb yes, sub yes".
pub fn assert_fonts_embedded_and_subset(pdf: &Path) {
    let doc = Document::load(pdf).unwrap();
    let mut seen = 0;
    for (page, id) in doc.get_pages() {
        for (name, font) in doc.get_page_fonts(id).unwrap() {
            let label = format!("{}: font {} on page {page}", pdf.display(), String::from_utf8_lossy(&name));
            let base =
                font.get(b"BaseFont").and_then(Object::as_name).unwrap_or_else(|_| panic!("{label}: no BaseFont"));
            let base = String::from_utf8_lossy(base);
            let tag = base.split('+').next().unwrap_or("");
            assert!(
                base.contains('+') && tag.len() == 6 && tag.chars().all(|c| c.is_ascii_uppercase()),
                "{label}: {base} is not subset"
            );
            let descriptor = descriptor(&doc, font).unwrap_or_else(|| panic!("{label}: no font descriptor"));
            assert!(
                ["FontFile", "FontFile2", "FontFile3"].iter().any(|k| descriptor.has(k.as_bytes())),
                "{label}: {base} is not embedded"
            );
            seen += 1;
        }
    }
    assert!(seen > 0, "{}: no fonts", pdf.display());
}

/// The descriptor of a simple font, or of a composite font's descendant.
fn descriptor<'a>(doc: &'a Document, font: &'a Dictionary) -> Option<&'a Dictionary> {
    let resolve = |o: &'a Object| doc.dereference(o).ok().map(|(_, o)| o);
    if let Ok(d) = font.get(b"FontDescriptor") {
        return resolve(d)?.as_dict().ok();
    }
    let descendants = resolve(font.get(b"DescendantFonts").ok()?)?.as_array().ok()?;
    let first = resolve(descendants.first()?)?.as_dict().ok()?;
    resolve(first.get(b"FontDescriptor").ok()?)?.as_dict().ok()
}

/// The document information entry `key` (Title, Author, Producer, CreationDate …) as text.
pub fn info(pdf: &Path, key: &str) -> Option<String> {
    let doc = Document::load(pdf).unwrap();
    let info = doc.trailer.get(b"Info").ok()?;
    let info = doc.dereference(info).ok()?.1.as_dict().ok()?;
    lopdf::decode_text_string(info.get(key.as_bytes()).ok()?).ok()
}

/// One text shown on a page, as the PDF places it: x from the left, y from the bottom (the
/// baseline), the type size, and whether it is upside down.
#[derive(Clone, Debug)]
pub struct Show {
    pub x: f32,
    pub y: f32,
    pub size: f32,
    pub text: String,
    pub turned: bool,
}

/// Every text shown on every page of `pdf`, in the order drawn: the content streams read back
/// operator by operator (`Tf`, `Td`, `Tm`, `TJ`/`Tj`), each string decoded through its font's
/// ToUnicode map.
pub fn shows(pdf: &Path) -> Vec<Vec<Show>> {
    let doc = Document::load(pdf).unwrap();
    let number = |o: &Object| o.as_float().or_else(|_| o.as_i64().map(|i| i as f32)).unwrap();
    let mut pages = Vec::new();
    for (_, page) in doc.get_pages() {
        let fonts = doc.get_page_fonts(page).unwrap();
        let encodings: std::collections::BTreeMap<Vec<u8>, lopdf::Encoding> =
            fonts.into_iter().map(|(name, font)| (name, font.get_font_encoding(&doc).unwrap())).collect();
        let content = lopdf::content::Content::decode(&doc.get_page_content(page)).unwrap();
        let (mut font, mut size, mut at, mut turned) = (Vec::new(), 0.0, (0.0, 0.0), false);
        let mut out = Vec::new();
        for op in &content.operations {
            match op.operator.as_str() {
                "BT" => (at, turned) = ((0.0, 0.0), false),
                "Tf" => {
                    font = op.operands[0].as_name().unwrap().to_vec();
                    size = number(&op.operands[1]);
                }
                "Td" => at = (at.0 + number(&op.operands[0]), at.1 + number(&op.operands[1])),
                "Tm" => {
                    turned = number(&op.operands[0]) < 0.0;
                    at = (number(&op.operands[4]), number(&op.operands[5]));
                }
                "TJ" | "Tj" => {
                    let mut bytes = Vec::new();
                    let mut collect = |o: &Object| {
                        if let Object::String(b, _) = o {
                            bytes.extend_from_slice(b);
                        }
                    };
                    match &op.operands[0] {
                        Object::Array(items) => items.iter().for_each(&mut collect),
                        other => collect(other),
                    }
                    let text = Document::decode_text(&encodings[&font], &bytes).unwrap();
                    out.push(Show { x: at.0, y: at.1, size, text, turned });
                }
                _ => {}
            }
        }
        pages.push(out);
    }
    pages
}
