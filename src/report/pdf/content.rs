//! A page's content stream, written directly as PDF operators: the rules, the fills, then all
//! text in one text section with the font and colour set only when they change, positions as
//! short relative moves (`Td`) and each run of text as one string of Identity-H codes.
//!
//! Going through printpdf's operators instead (an `Op` per item, a `String` per glyph, then
//! lopdf's generic writer) took most of the printing time of a 12,000-page print and held the
//! whole document's operators in memory at once.

use super::super::layout::{Draw, Font, Page};
use super::super::metrics::Metrics;
use crate::domain::levels::Rgb;

/// One embedded face: its name in the page resources, and the code the subset font gives each
/// glyph of the original face (index: original glyph id).
pub struct FaceCodes<'m> {
    pub name: Vec<u8>,
    pub codes: &'m [u16],
    pub metrics: &'m Metrics,
}

/// The faces a page may use, 宋体 then 黑体 (`Font::slot`); `None` for a face no text of the
/// document uses.
pub struct Faces<'m>(pub [Option<FaceCodes<'m>>; 2]);

impl Faces<'_> {
    fn get(&self, font: Font) -> Option<&FaceCodes<'_>> {
        self.0.get(font.slot())?.as_ref()
    }
}

/// How far below the top of a line its baseline sits, as a share of the size.
const ASCENT: f32 = 0.88;

/// `n / 10^digits` in the shortest decimal form (`12`, `12.5`, `-0.25`).
fn decimal(out: &mut Vec<u8>, n: i64, digits: u32) {
    if n < 0 {
        out.push(b'-');
    }
    let n = n.unsigned_abs();
    let scale = 10_u64.pow(digits);
    out.extend_from_slice(itoa::Buffer::new().format(n / scale).as_bytes());
    let (mut frac, mut width) = (n % scale, digits);
    if frac == 0 {
        return;
    }
    while frac % 10 == 0 {
        frac /= 10;
        width -= 1;
    }
    out.push(b'.');
    let mut buffer = itoa::Buffer::new();
    let digits = buffer.format(frac).as_bytes();
    out.extend(std::iter::repeat_n(b'0', (width as usize).saturating_sub(digits.len())));
    out.extend_from_slice(digits);
}

/// A length in points, to a hundredth: no visible change, shorter numbers.
#[expect(clippy::cast_possible_truncation, reason = "page coordinates are far inside i64; `as` saturates")]
fn points(out: &mut Vec<u8>, v: f32) {
    decimal(out, (v * 100.0).round() as i64, 2);
    out.push(b' ');
}

fn colour(out: &mut Vec<u8>, rgb: Rgb, operator: &[u8]) {
    for c in rgb {
        decimal(out, (i64::from(c) * 1000 + 127) / 255, 3);
        out.push(b' ');
    }
    out.extend_from_slice(operator);
}

/// A run of text as one literal string of two-byte codes (half the bytes of a hex string, so
/// half the work for deflate); the bytes PDF reads specially in a literal string are escaped.
fn text(out: &mut Vec<u8>, face: &FaceCodes<'_>, text: &str) {
    out.push(b'(');
    for c in text.chars() {
        let glyph = face.metrics.glyph(c).unwrap_or(0);
        let code = face.codes.get(usize::from(glyph)).copied().unwrap_or(0);
        for byte in code.to_be_bytes() {
            match byte {
                b'(' | b')' | b'\\' => out.extend_from_slice(&[b'\\', byte]),
                b'\r' => out.extend_from_slice(b"\\r"),
                b'\n' => out.extend_from_slice(b"\\n"),
                _ => out.push(byte),
            }
        }
    }
    out.extend_from_slice(b")Tj\n");
}

/// The content stream of `page` (`width`, `height`: the page's size; PDF's y grows upwards).
/// Fails only if a text uses a face the document did not embed — a bug, reported not hidden.
pub fn page_content(
    page: &Page,
    (width, height): (f32, f32),
    faces: &Faces<'_>,
    out: &mut Vec<u8>,
) -> Result<(), String> {
    out.extend_from_slice(b"0.6 w\n"); // rules in the default black
    for d in &page.draws {
        if let Draw::Fill { x, y, w, h, rgb } = d {
            colour(out, *rgb, b"rg ");
            for v in [*x, height - y - h, *w, *h] {
                points(out, v);
            }
            out.extend_from_slice(b"re f\n");
        }
    }
    for d in &page.draws {
        if let Draw::Line { x1, y1, x2, y2 } = d {
            for v in [*x1, height - y1] {
                points(out, v);
            }
            out.extend_from_slice(b"m ");
            for v in [*x2, height - y2] {
                points(out, v);
            }
            out.extend_from_slice(b"l S\n");
        }
    }
    out.extend_from_slice(b"BT\n");
    let mut at = (0.0_f32, 0.0_f32);
    let mut current_font: Option<(Font, u32)> = None;
    let mut current_rgb = None;
    for d in &page.draws {
        let Draw::Text { x, y, size, font, text: shown, rgb, turned } = d else { continue };
        let face = faces.get(*font).ok_or("内部错误：页面用到了未嵌入的字体")?;
        if current_rgb != Some(*rgb) {
            colour(out, *rgb, b"rg\n");
            current_rgb = Some(*rgb);
        }
        if current_font != Some((*font, size.to_bits())) {
            out.push(b'/');
            out.extend_from_slice(&face.name);
            out.push(b' ');
            points(out, *size);
            out.extend_from_slice(b"Tf\n");
            current_font = Some((*font, size.to_bits()));
        }
        if *turned {
            // Upside down where the turned page puts it: its baseline starts at the image of
            // (x, y + ascent) under a half turn about the page's centre; then back to the
            // upright text line where the relative moves continue.
            out.extend_from_slice(b"-1 0 0 -1 ");
            points(out, round(width - x));
            points(out, round(y + size * ASCENT));
            out.extend_from_slice(b"Tm ");
            text(out, face, shown);
            out.extend_from_slice(b"1 0 0 1 ");
            points(out, at.0);
            points(out, at.1);
            out.extend_from_slice(b"Tm\n");
            continue;
        }
        let to = (round(*x), round(height - y - size * ASCENT));
        points(out, to.0 - at.0);
        points(out, to.1 - at.1);
        out.extend_from_slice(b"Td ");
        at = to;
        text(out, face, shown);
    }
    out.extend_from_slice(b"ET\n");
    Ok(())
}

/// To a hundredth of a point, as written: relative moves then add up exactly.
fn round(v: f32) -> f32 {
    (v * 100.0).round() / 100.0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written(f: impl Fn(&mut Vec<u8>)) -> String {
        let mut out = Vec::new();
        f(&mut out);
        String::from_utf8(out).unwrap_or_default()
    }

    #[test]
    fn numbers_are_short_and_exact() {
        assert_eq!(written(|o| decimal(o, 1250, 2)), "12.5");
        assert_eq!(written(|o| decimal(o, 1200, 2)), "12");
        assert_eq!(written(|o| decimal(o, -25, 2)), "-0.25");
        assert_eq!(written(|o| decimal(o, 5, 2)), "0.05");
        assert_eq!(written(|o| decimal(o, 0, 2)), "0");
        assert_eq!(written(|o| decimal(o, 1000, 3)), "1");
        assert_eq!(written(|o| points(o, 595.28)), "595.28 ");
        assert_eq!(written(|o| colour(o, [255, 0, 128], b"rg")), "1 0 0.502 rg");
    }

    #[test]
    fn codes_that_read_as_delimiters_are_escaped() {
        let metrics = Metrics::new(crate::fonts::Face::Serif).unwrap();
        let glyph = |c| usize::from(metrics.glyph(c).unwrap());
        let mut codes = vec![0; 0x1_0000];
        codes[glyph('廉')] = u16::from_be_bytes(*b"(\\");
        codes[glyph('政')] = u16::from_be_bytes(*b"\r)");
        codes[glyph('风')] = u16::from_be_bytes(*b"\nA");
        let face = FaceCodes { name: b"F0".to_vec(), codes: &codes, metrics: &metrics };
        assert_eq!(written(|o| text(o, &face, "廉政风")), r"(\(\\\r\)\nA)Tj".to_owned() + "\n");
    }
}
