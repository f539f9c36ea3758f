//! Laid-out pages to PDF: A4, 宋体 body and 黑体 headings embedded and subset (printpdf's
//! `text_layout` feature subsets; without it the whole 20 MB font would be embedded).

use printpdf::{
    Color, Line, LinePoint, Op, ParsedFont, PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions, Point, Polygon,
    PolygonRing, Pt, Rgb, TextItem, WindingOrder,
};

use super::layout::{Draw, Font, Laid};
use crate::fonts::{CJK_SC_FACE, SANS, SERIF};

/// How far below the top of a line its baseline sits, as a share of the size.
const ASCENT: f32 = 0.88;

fn point(x: f32, y: f32, height: f32) -> LinePoint {
    LinePoint { p: Point { x: Pt(x), y: Pt(height - y) }, bezier: false }
}

/// The PDF bytes of `laid`.
pub fn render(laid: &Laid, title: &str) -> Result<Vec<u8>, String> {
    let mut doc = PdfDocument::new(title);
    let face = usize::try_from(CJK_SC_FACE).unwrap_or(0);
    let song = ParsedFont::from_bytes(SERIF, face, &mut Vec::new()).ok_or("无法读取宋体字体（fonts/NotoSerifCJK）")?;
    let hei = ParsedFont::from_bytes(SANS, face, &mut Vec::new()).ok_or("无法读取黑体字体（fonts/NotoSansCJK）")?;
    let song = doc.add_font(&song);
    let hei = doc.add_font(&hei);
    let (w, h) = laid.size;
    let black = Color::Rgb(Rgb { r: 0.0, g: 0.0, b: 0.0, icc_profile: None });
    let pages = laid
        .pages
        .iter()
        .map(|page| {
            let mut ops = vec![Op::SetOutlineThickness { pt: Pt(0.6) }, Op::SetOutlineColor { col: black.clone() }];
            for d in &page.draws {
                match d {
                    Draw::Text { x, y, size, font, text } => {
                        let handle = if *font == Font::Hei { hei.clone() } else { song.clone() };
                        ops.extend([
                            Op::SetFillColor { col: black.clone() },
                            Op::StartTextSection,
                            Op::SetFont { font: PdfFontHandle::External(handle), size: Pt(*size) },
                            Op::SetTextCursor { pos: Point { x: Pt(*x), y: Pt(h - y - size * ASCENT) } },
                            Op::ShowText { items: vec![TextItem::Text(text.clone())] },
                            Op::EndTextSection,
                        ]);
                    }
                    Draw::Line { x1, y1, x2, y2 } => ops.push(Op::DrawLine {
                        line: Line { points: vec![point(*x1, *y1, h), point(*x2, *y2, h)], is_closed: false },
                    }),
                    Draw::Fill { x, y, w: fw, h: fh, rgb } => {
                        let [r, g, b] = rgb.map(|v| f32::from(v) / 255.0);
                        ops.push(Op::SetFillColor { col: Color::Rgb(Rgb { r, g, b, icc_profile: None }) });
                        let ring = vec![
                            point(*x, *y, h),
                            point(x + fw, *y, h),
                            point(x + fw, y + fh, h),
                            point(*x, y + fh, h),
                        ];
                        ops.push(Op::DrawPolygon {
                            polygon: Polygon {
                                rings: vec![PolygonRing { points: ring }],
                                mode: printpdf::PaintMode::Fill,
                                winding_order: WindingOrder::NonZero,
                            },
                        });
                    }
                }
            }
            PdfPage::new(Pt(w).into(), Pt(h).into(), ops)
        })
        .collect();
    let options = PdfSaveOptions { subset_fonts: true, ..PdfSaveOptions::default() };
    Ok(doc.with_pages(pages).save(&options, &mut Vec::new()))
}
