//! The printable forms: one layout engine (text measured with the fonts' real advances, CJK
//! line breaking, ruled tables flowing over pages, signature block, page numbers) rendered to
//! PDF with embedded subset fonts; one declaration per form in `forms`.

pub mod forms;
pub mod layout;
pub mod metrics;
pub mod pdf;
pub mod wrap;

/// A form printed: the PDF bytes and the characters no shipped font could draw (printed as □).
pub struct Printed {
    pub pdf: Vec<u8>,
    pub pages: usize,
    pub missing: Vec<char>,
}

/// Lays out and renders the form `id` of `content` for `subject`.
pub fn print(content: &crate::domain::Content, id: &str, subject: &forms::Subject) -> Result<Printed, String> {
    let form = forms::build(content, id, subject)?;
    let song = metrics::Metrics::new(crate::fonts::Face::Serif).ok_or("无法读取宋体字体")?;
    let hei = metrics::Metrics::new(crate::fonts::Face::Sans).ok_or("无法读取黑体字体")?;
    let laid = layout::layout(&form, &song, &hei);
    let pdf = pdf::render(&laid, &form.title)?;
    Ok(Printed { pdf, pages: laid.pages.len(), missing: laid.missing.into_iter().collect() })
}
