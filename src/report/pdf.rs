//! Laid-out pages to PDF: A4, 宋体 body and 黑体 headings embedded and subset (printpdf's
//! `text_layout` feature subsets; without it the whole 20 MB font would be embedded).
//!
//! Text goes in as glyph ids looked up with ttf-parser (binary search), each carrying its
//! character for the ToUnicode map so the text stays extractable. Handing printpdf plain
//! strings instead made it look every character up in allsorts' format-12 cmap by a linear
//! scan: 80 % of the time of a 1,700-page form went there.

use std::sync::OnceLock;

use printpdf::{
    Codepoint, Color, Line, LinePoint, Op, ParsedFont, PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions, Point,
    Polygon, PolygonRing, Pt, Rgb, TextItem, WindingOrder,
};

use super::layout::{Draw, Font, Laid};
use super::metrics::Metrics;
use crate::fonts::{CJK_SC_FACE, SANS, SERIF};

/// The two faces parsed for printpdf (宋体, 黑体), once per process: parsing takes a tenth of
/// a second.
fn fonts() -> Result<&'static (ParsedFont, ParsedFont), String> {
    static FONTS: OnceLock<Option<(ParsedFont, ParsedFont)>> = OnceLock::new();
    FONTS
        .get_or_init(|| {
            let face = usize::try_from(CJK_SC_FACE).unwrap_or(0);
            Some((
                ParsedFont::from_bytes(SERIF, face, &mut Vec::new())?,
                ParsedFont::from_bytes(SANS, face, &mut Vec::new())?,
            ))
        })
        .as_ref()
        .ok_or_else(|| "无法读取宋体或黑体字体（fonts/NotoSerifCJK、fonts/NotoSansCJK）".to_owned())
}

fn glyphs(metrics: &Metrics, text: &str) -> Vec<Codepoint> {
    text.chars()
        .map(|c| Codepoint { gid: metrics.glyph(c).unwrap_or(0), offset: 0.0, cid: Some(c.to_string()) })
        .collect()
}

fn color([r, g, b]: crate::domain::levels::Rgb) -> Color {
    Color::Rgb(Rgb { r: f32::from(r) / 255.0, g: f32::from(g) / 255.0, b: f32::from(b) / 255.0, icc_profile: None })
}

/// How far below the top of a line its baseline sits, as a share of the size.
const ASCENT: f32 = 0.88;

/// Positions to a hundredth of a point: shorter numbers in every operator, no visible change.
fn round(v: f32) -> f32 {
    (v * 100.0).round() / 100.0
}

fn point(x: f32, y: f32, height: f32) -> LinePoint {
    LinePoint { p: Point { x: Pt(round(x)), y: Pt(round(height - y)) }, bezier: false }
}

struct Faces<'m> {
    song: printpdf::FontId,
    hei: printpdf::FontId,
    song_metrics: &'m Metrics,
    hei_metrics: &'m Metrics,
}

/// One page: fills first (a card's band), then the rules, then all text in one text section
/// with the font and colour set only when they change — a fraction of the operators (and
/// bytes) of one section per piece of text.
fn page_ops(page: &super::layout::Page, h: f32, faces: &Faces<'_>) -> Vec<Op> {
    let mut ops =
        vec![Op::SetOutlineThickness { pt: Pt(0.6) }, Op::SetOutlineColor { col: color(super::layout::BLACK) }];
    for d in &page.draws {
        if let Draw::Fill { x, y, w: fw, h: fh, rgb } = d {
            ops.push(Op::SetFillColor { col: color(*rgb) });
            let ring = vec![point(*x, *y, h), point(x + fw, *y, h), point(x + fw, y + fh, h), point(*x, y + fh, h)];
            ops.push(Op::DrawPolygon {
                polygon: Polygon {
                    rings: vec![PolygonRing { points: ring }],
                    mode: printpdf::PaintMode::Fill,
                    winding_order: WindingOrder::NonZero,
                },
            });
        }
    }
    for d in &page.draws {
        if let Draw::Line { x1, y1, x2, y2 } = d {
            ops.push(Op::DrawLine {
                line: Line { points: vec![point(*x1, *y1, h), point(*x2, *y2, h)], is_closed: false },
            });
        }
    }
    ops.push(Op::StartTextSection);
    // Positions as relative moves (Td) from the previous line's start: printpdf's glyph-run
    // merger, which looks up every glyph's width again, only acts on absolute matrices (Tm).
    let mut at = (0.0_f32, 0.0_f32);
    let mut current_font: Option<(Font, u32)> = None;
    let mut current_rgb = None;
    for d in &page.draws {
        let Draw::Text { x, y, size, font, text, rgb } = d else { continue };
        if current_rgb != Some(*rgb) {
            ops.push(Op::SetFillColor { col: color(*rgb) });
            current_rgb = Some(*rgb);
        }
        let (id, metrics) =
            if *font == Font::Hei { (&faces.hei, faces.hei_metrics) } else { (&faces.song, faces.song_metrics) };
        if current_font != Some((*font, size.to_bits())) {
            ops.push(Op::SetFont { font: PdfFontHandle::External(id.clone()), size: Pt(*size) });
            current_font = Some((*font, size.to_bits()));
        }
        let to = (round(*x), round(h - y - size * ASCENT));
        ops.push(Op::SetTextCursor { pos: Point { x: Pt(round(to.0 - at.0)), y: Pt(round(to.1 - at.1)) } });
        at = to;
        ops.push(Op::ShowText { items: vec![TextItem::GlyphIds(glyphs(metrics, text))] });
    }
    ops.push(Op::EndTextSection);
    ops
}

/// The PDF bytes of `laid`.
pub fn render(laid: &Laid, title: &str) -> Result<Vec<u8>, String> {
    let mut doc = PdfDocument::new(title);
    let (song_font, hei_font) = fonts()?;
    let (song_metrics, hei_metrics) = super::metrics()?;
    let song = doc.add_font(song_font);
    let hei = doc.add_font(hei_font);
    let (w, h) = laid.size;
    let faces = Faces { song, hei, song_metrics, hei_metrics };
    let pages =
        laid.pages.iter().map(|page| PdfPage::new(Pt(w).into(), Pt(h).into(), page_ops(page, h, &faces))).collect();
    // Subset fonts, no compression here: `finish` compresses.
    let options = PdfSaveOptions { subset_fonts: true, optimize: false, ..PdfSaveOptions::default() };
    doc.with_pages(pages);
    let serialized = printpdf::serialize::to_lopdf_doc(&doc, &options, &mut Vec::new());
    drop(doc); // the operators are in `serialized` now; a 1,500-page form holds hundreds of MB
    finish(serialized)
}

/// printpdf writes each glyph of a `TJ` as its own hex string (`[<9F28><A805>] TJ`); one string
/// per run (`[<9F28A805>] TJ`) shows the same glyphs in 2 bytes less per character. Our page
/// streams hold only numbers, operators and these hex strings (no dictionaries, no inline
/// images), so every `><` is the seam between two glyph strings.
fn join_glyph_strings(content: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(content.len());
    let mut i = 0;
    while i < content.len() {
        if content.get(i..i + 2) == Some(b"><") {
            i += 2;
            continue;
        }
        if let Some(&b) = content.get(i) {
            out.push(b);
        }
        i += 1;
    }
    out
}

/// Deflates every stream at level 6 and writes the document with its small objects (pages,
/// fonts' dictionaries) packed into compressed object streams.
fn finish(mut doc: lopdf::Document) -> Result<Vec<u8>, String> {
    use std::io::Write as _;
    let contents: Vec<lopdf::ObjectId> =
        doc.get_pages().values().flat_map(|page| doc.get_page_contents(*page)).collect();
    for id in contents {
        if let Ok(lopdf::Object::Stream(stream)) = doc.get_object_mut(id) {
            stream.content = join_glyph_strings(&stream.content);
        }
    }
    for object in doc.objects.values_mut() {
        if let lopdf::Object::Stream(stream) = object
            && stream.allows_compression
            && stream.dict.get(b"Filter").is_err()
        {
            let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::new(6));
            encoder.write_all(&stream.content).map_err(|e| format!("无法压缩 PDF：{e}"))?;
            let compressed = encoder.finish().map_err(|e| format!("无法压缩 PDF：{e}"))?;
            if compressed.len() + 19 < stream.content.len() {
                stream.dict.set("Filter", "FlateDecode");
                stream.set_content(compressed);
            }
        }
    }
    let mut out = Vec::new();
    let options = lopdf::SaveOptions::builder().use_object_streams(true).use_xref_streams(true).build();
    doc.save_with_options(&mut out, options).map_err(|e| format!("无法写出 PDF：{e}"))?;
    Ok(out)
}
