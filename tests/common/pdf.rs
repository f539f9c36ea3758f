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
            eprintln!("{}: text read by lopdf, checked against poppler's pdftotext", pdf.display());
        }
        Ok(out) => panic!("{}: pdftotext failed: {}", pdf.display(), String::from_utf8_lossy(&out.stderr)),
        Err(_) => eprintln!(
            "{}: text read by lopdf; pdftotext (poppler-utils) is not installed, the independent check did not run",
            pdf.display()
        ),
    }
}

/// Every font of every page is embedded (a font file in its descriptor) and subset (a
/// six-letter tag before its name), as `pdffonts` would say "emb yes, sub yes".
pub fn assert_fonts_embedded_and_subset(pdf: &Path) {
    let doc = Document::load(pdf).unwrap();
    let mut seen = 0;
    for (page, _) in doc.get_pages() {
        for (name, font) in doc.get_page_fonts(doc.get_pages()[&page]).unwrap() {
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
    let bytes = info.get(key.as_bytes()).ok()?.as_str().ok()?;
    Some(match bytes {
        [0xFE, 0xFF, rest @ ..] => {
            let units = rest.chunks_exact(2).map(|p| u16::from_be_bytes([p[0], p[1]]));
            char::decode_utf16(units).map(|c| c.unwrap_or('\u{FFFD}')).collect()
        }
        _ => String::from_utf8_lossy(bytes).into_owned(),
    })
}
