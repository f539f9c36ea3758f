//! The preview: the same laid-out pages the PDF is made from, drawn page by page. Positions,
//! wrapping, page breaks and colours are the PDF's; the glyphs are the window's font (黑体),
//! so 宋体 text looks a little different on screen than on paper.

use crate::report::forms::Subject;
use crate::report::layout::{Draw, Laid};
use crate::ui::document::Document;
use crate::ui::form::error_ui;
use crate::ui::widgets::WARN;

/// The preview lays out a form's first copies up to this many table rows (the demo units'
/// whole-unit forms have at most about 3,100, shown whole; at 100,000 risk points it is
/// about 1,300 of 23,000 pages); a larger form is printed, not previewed whole.
const PREVIEW_ROWS: usize = 5_000;

#[derive(Default)]
pub struct Preview {
    /// What the pages were laid out for: form, subject, document revision.
    key: Option<(crate::domain::forms::FormId, Subject, u64)>,
    laid: Option<Result<crate::report::Previewed, crate::report::ReportError>>,
    page: usize,
}

impl Preview {
    pub fn ui(&mut self, ui: &mut egui::Ui, doc: &Document, form: crate::domain::forms::FormId, subject: &Subject) {
        let key = (form, *subject, doc.revision);
        if self.key != Some(key) {
            let lookups = (&doc.index, &doc.levels);
            let laid = crate::report::forms::build_start_with(&doc.content, lookups, form, subject, PREVIEW_ROWS)
                .and_then(|started| crate::report::lay_out_preview(started, PREVIEW_ROWS));
            self.laid = Some(laid);
            self.key = Some(key);
            self.page = 0;
        }
        match &self.laid {
            Some(Ok(crate::report::Previewed { laid, rows, copies })) => {
                self.page = self.page.min(laid.pages.len().saturating_sub(1));
                nav_ui(ui, laid, &mut self.page);
                if rows.0 < rows.1 || copies.0 < copies.1 {
                    ui.colored_label(
                        WARN,
                        format!(
                            "表格较大，预览只排了前 {} 行（共 {} 行、{} 份）；“保存为 PDF”打印全部",
                            rows.0, rows.1, copies.1
                        ),
                    );
                }
                if let Some(note) = crate::report::missing_note(&laid.missing.iter().copied().collect::<Vec<_>>()) {
                    ui.colored_label(WARN, note);
                }
                page_ui(ui, laid, self.page);
            }
            Some(Err(e)) => error_ui(ui, &e.to_string()),
            None => {}
        }
    }
}

fn nav_ui(ui: &mut egui::Ui, laid: &Laid, page: &mut usize) {
    let last = laid.pages.len().saturating_sub(1);
    ui.horizontal(|ui| {
        if ui.add_enabled(*page > 0, egui::Button::new("首页")).clicked() {
            *page = 0;
        }
        if ui.add_enabled(*page > 0, egui::Button::new("上一页")).clicked() {
            *page -= 1;
        }
        ui.label(format!("预览：第 {} / {} 页", *page + 1, laid.pages.len()));
        if ui.add_enabled(*page < last, egui::Button::new("下一页")).clicked() {
            *page += 1;
        }
        if ui.add_enabled(*page < last, egui::Button::new("末页")).clicked() {
            *page = last;
        }
        let landscape = laid.size.0 > laid.size.1;
        ui.weak(if landscape { "A4 横向" } else { "A4 纵向" });
    });
}

fn color([r, g, b]: crate::domain::levels::Rgb) -> egui::Color32 {
    egui::Color32::from_rgb(r, g, b)
}

/// Draws page `n` of `laid` scaled to the available width (at most 1,000 points).
fn page_ui(ui: &mut egui::Ui, laid: &Laid, n: usize) {
    let Some(page) = laid.pages.get(n) else { return };
    let (w, h) = laid.size;
    let width = ui.available_width().clamp(200.0, 1000.0);
    let scale = width / w;
    let (rect, _) = ui.allocate_exact_size(egui::vec2(width, h * scale), egui::Sense::hover());
    let painter = ui.painter_at(rect);
    painter.rect_filled(rect, 0.0, egui::Color32::WHITE);
    painter.rect_stroke(rect, 0.0, egui::Stroke::new(1.0, egui::Color32::GRAY), egui::StrokeKind::Inside);
    let at = |x: f32, y: f32| rect.min + egui::vec2(x * scale, y * scale);
    let ink = egui::Stroke::new((0.6 * scale).max(0.5), egui::Color32::BLACK);
    for d in &page.draws {
        match d {
            Draw::Line { x1, y1, x2, y2 } => {
                painter.line_segment([at(*x1, *y1), at(*x2, *y2)], ink);
            }
            Draw::Fill { x, y, w, h, rgb } => {
                painter.rect_filled(egui::Rect::from_min_max(at(*x, *y), at(x + w, y + h)), 0.0, color(*rgb));
            }
            Draw::Text { x, y, size, text, rgb, turned: false, .. } => {
                let font = egui::FontId::proportional(size * scale);
                painter.text(at(*x, *y), egui::Align2::LEFT_TOP, text, font, color(*rgb));
            }
            Draw::Text { x, y, size, text, rgb, turned: true, .. } => {
                // Upside down about its top-left corner, placed where the turned page puts it.
                let font = egui::FontId::proportional(size * scale);
                let galley = painter.layout_no_wrap(text.to_string(), font, color(*rgb));
                let shape = egui::epaint::TextShape::new(at(w - x, h - y), galley, color(*rgb))
                    .with_angle(std::f32::consts::PI);
                painter.add(shape);
            }
        }
    }
}
