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

impl Printed {
    /// The warning for characters no shipped font has, listed by code point; `None` when all printed.
    pub fn missing_note(&self) -> Option<String> {
        (!self.missing.is_empty()).then(|| {
            let list: Vec<String> = self.missing.iter().map(|c| format!("U+{:04X}", u32::from(*c))).collect();
            format!("注意：以下字符没有字体可以显示，已印为“□”：{}", list.join("、"))
        })
    }
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
