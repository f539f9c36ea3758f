//! The printable forms: one layout engine (text measured with the fonts' real advances, CJK
//! line breaking, ruled tables flowing over pages, letters, coloured bands, signature block,
//! page numbers) rendered to PDF with embedded subset fonts; one declaration per form in
//! `forms`; `all` prints every form into a folder.

pub mod all;
mod columns;
pub mod forms;
pub mod layout;
pub mod metrics;
mod page;
pub mod pdf;
mod sign;
pub mod wrap;

use std::sync::OnceLock;

/// Why a form could not be printed, by kind; every message is the user's Chinese.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ReportError {
    /// A shipped font could not be read or embedded.
    #[error("{0}")]
    Font(String),
    /// The PDF could not be assembled.
    #[error("{0}")]
    Pdf(String),
    /// What was asked for (a department, post or person by name) is not in the file.
    #[error("{0}")]
    Subject(String),
    /// Writing the file or making its folder failed.
    #[error("{0}")]
    Write(String),
    /// A fault of the program itself (a form handed to the wrong builder).
    #[error("内部错误：{0}")]
    Internal(String),
    /// One form of several failed: its title, and why.
    #[error("{title}：{reason}")]
    Form { title: &'static str, reason: Box<ReportError> },
}

use crate::domain::content::ContentIndex;
use crate::domain::levels::DerivedLevels;
use layout::{Form, Laid};
use metrics::Metrics;

/// A form printed: the PDF bytes and the characters no shipped font could draw (printed as □).
pub struct Printed {
    pub pdf: Vec<u8>,
    pub pages: usize,
    pub missing: Vec<char>,
    /// Copies printed (one per department, post or person …).
    pub copies: usize,
}

/// The warning for characters no shipped font has, listed by code point; `None` when all printed.
pub fn missing_note(missing: &[char]) -> Option<String> {
    (!missing.is_empty()).then(|| {
        let list: Vec<String> = missing.iter().map(|c| format!("U+{:04X}", u32::from(*c))).collect();
        format!("注意：以下字符没有字体可以显示，已印为“□”：{}", list.join("、"))
    })
}

impl Printed {
    pub fn missing_note(&self) -> Option<String> {
        missing_note(&self.missing)
    }
}

/// 宋体 and 黑体 metrics, read once per process.
fn metrics() -> Result<&'static (Metrics, Metrics), ReportError> {
    static METRICS: OnceLock<Option<(Metrics, Metrics)>> = OnceLock::new();
    METRICS
        .get_or_init(|| Some((Metrics::new(crate::fonts::Face::Serif)?, Metrics::new(crate::fonts::Face::Sans)?)))
        .as_ref()
        .ok_or_else(|| ReportError::Font("无法读取宋体或黑体字体".to_owned()))
}

/// Reads the fonts on another thread while the caller reads its data: parsing them takes a
/// tenth of a second. A font that cannot be read is reported by the print that needs it.
/// `embedding`: also the faces printpdf embeds (≈ 47 MB while held), kept for the prints made
/// while the returned `Warm` is held. A large single form had better parse them only once its
/// data is let go (see `pdf::fonts`).
pub fn warm_up(embedding: bool) -> Warm {
    let reading = std::thread::Builder::new().name("fonts".to_owned()).spawn(move || {
        let _ = metrics();
        embedding.then(pdf::fonts).and_then(Result::ok)
    });
    Warm(reading.ok())
}

/// Fonts being read, or read: the parsed faces stay in memory while this is held.
#[must_use = "the faces read are let go with this"]
pub struct Warm(
    #[expect(dead_code, reason = "held, never read: the faces live as long as the thread's result")]
    Option<std::thread::JoinHandle<Option<pdf::Parsed>>>,
);

/// Lays out forms (one after another, each from a fresh page).
pub fn lay_out(forms: &[Form]) -> Result<Laid, ReportError> {
    let (song, hei) = metrics()?;
    Ok(layout::layout_all(forms, song, hei))
}

/// What the preview shows of a form, and how much of the whole that is.
pub struct Previewed {
    pub laid: Laid,
    /// Table rows shown, of all.
    pub rows: (usize, usize),
    /// Copies (one per department, post or person) shown, of all.
    pub copies: (usize, usize),
}

/// Lays out the start of a form for the preview (`forms::build_start`), as the PDF lays it
/// out: whole copies while their table rows fit in `rows`, the copy that crosses it cut after
/// the rows that fit, the rest left out. A large unit's whole form (23,000 pages at 100,000 risk points, about
/// 0.4 GB laid out) is for printing, not for holding in the window to look at.
pub fn lay_out_preview(started: forms::Started, rows: usize) -> Result<Previewed, ReportError> {
    let forms::Started { mut forms, rows: all_rows, copies: all_copies } = started;
    let all = (all_rows, all_copies);
    let mut budget = rows;
    let mut keep = 0;
    for form in &mut forms {
        let n = form.rows();
        if n > budget && budget == 0 {
            break;
        }
        keep += 1;
        if n <= budget {
            budget -= n;
            continue;
        }
        for block in &mut form.blocks {
            if let layout::Block::Table { rows, .. } = block {
                rows.truncate(budget);
                budget -= rows.len();
            }
        }
        break;
    }
    forms.truncate(keep);
    let shown = forms.iter().map(Form::rows).sum();
    let (song, hei) = metrics()?;
    Ok(Previewed { laid: layout::layout_all(&forms, song, hei), rows: (shown, all.0), copies: (keep, all.1) })
}

/// Lays out and renders forms to one PDF; `author` (the unit, or the area) goes into its
/// document information.
pub fn print_forms(forms: &[Form], author: &str) -> Result<Printed, ReportError> {
    let mut laid = lay_out(forms)?;
    let title = forms.first().map_or("", |f| f.title.as_str());
    let (pages, missing) = (laid.pages.len(), std::mem::take(&mut laid.missing));
    let pdf = pdf::render(laid, title, author)?;
    Ok(Printed { pdf, pages, missing: missing.into_iter().collect(), copies: forms.len() })
}

/// Builds, lays out and renders the form `id` of `content` for `subject` (see `print_to`).
pub fn print(
    content: &crate::domain::Content,
    id: crate::domain::forms::FormId,
    subject: &forms::Subject,
) -> Result<Printed, ReportError> {
    let mut pdf = Vec::new();
    let Written { pages, missing, copies } = print_to(content, id, subject, &mut pdf)?;
    Ok(Printed { pdf, pages, missing, copies })
}

/// What a print wrote: as `Printed`, the PDF gone to its file.
pub struct Written {
    pub pages: usize,
    pub missing: Vec<char>,
    pub copies: usize,
}

impl Written {
    pub fn missing_note(&self) -> Option<String> {
        missing_note(&self.missing)
    }
}

/// Prints the form `id` of `content` for `subject` to the PDF file `path` (replaced whole
/// once written).
pub fn print_file(
    content: &crate::domain::Content,
    id: crate::domain::forms::FormId,
    subject: &forms::Subject,
    path: &std::path::Path,
) -> Result<Written, ReportError> {
    print_file_with(content, (&ContentIndex::build(content), &DerivedLevels::compute(content)), id, subject, path)
}

/// As `print_file`, with the content's index and levels already at hand (全部打印 derives them
/// once for all its forms: 12 MB and 50 ms at 100,000 risk points, per form printed at once).
pub fn print_file_with(
    content: &crate::domain::Content,
    lookups: forms::Lookups<'_>,
    id: crate::domain::forms::FormId,
    subject: &forms::Subject,
    path: &std::path::Path,
) -> Result<Written, ReportError> {
    let print = |out: &mut dyn std::io::Write| print_to_with(content, lookups, id, subject, out);
    crate::fsutil::write_atomically_with(path, print, ReportError::Write)
}

/// Builds, lays out and renders the form `id` of `content` for `subject` into `out`, one copy
/// at a time: each copy is built, laid out (its rows let go as they are), turned into
/// compressed pages and let go before the next; the PDF is written to `out` as it is put
/// together. A large print holds neither the whole form's rows and layout nor the PDF's bytes
/// (at 100,000 risk points, about 0.1, 0.2 and 0.06 GB).
pub fn print_to(
    content: &crate::domain::Content,
    id: crate::domain::forms::FormId,
    subject: &forms::Subject,
    out: &mut dyn std::io::Write,
) -> Result<Written, ReportError> {
    print_to_with(content, (&ContentIndex::build(content), &DerivedLevels::compute(content)), id, subject, out)
}

fn print_to_with(
    content: &crate::domain::Content,
    lookups: forms::Lookups<'_>,
    id: crate::domain::forms::FormId,
    subject: &forms::Subject,
    out: &mut dyn std::io::Write,
) -> Result<Written, ReportError> {
    let mut printer = Printer::new(out)?;
    forms::build_each_with(content, lookups, id, subject, usize::MAX, &mut |form| printer.add(form))?;
    printer.finish(&content.unit.name)
}

/// As `print_to`, of forms already built (each let go once written): the command line builds
/// the forms, lets the file's content go, then prints.
pub fn print_forms_to(forms: Vec<Form>, author: &str, out: &mut dyn std::io::Write) -> Result<Written, ReportError> {
    let mut printer = Printer::new(out)?;
    forms.into_iter().try_for_each(|form| printer.add(form))?;
    printer.finish(author)
}

/// A PDF taking forms one at a time: each is laid out (its rows let go as they are), its pages
/// written to the output and its layout let go.
struct Printer<'w> {
    /// 宋体 and 黑体, as laid out.
    metrics: &'static (Metrics, Metrics),
    pages: pdf::Pages<'w>,
    /// The first form's title and page size: the document's.
    first: Option<(String, (f32, f32))>,
    missing: std::collections::BTreeSet<char>,
    copies: usize,
}

impl<'w> Printer<'w> {
    fn new(out: &'w mut dyn std::io::Write) -> Result<Self, ReportError> {
        Ok(Self {
            metrics: metrics()?,
            pages: pdf::Pages::new(out)?,
            first: None,
            missing: Default::default(),
            copies: 0,
        })
    }

    fn add(&mut self, mut form: Form) -> Result<(), ReportError> {
        let (song, hei) = self.metrics;
        let (_, size) =
            *self.first.get_or_insert_with(|| (form.title.clone(), layout::page_size(std::slice::from_ref(&form))));
        let pages = &mut self.pages;
        let one = std::slice::from_mut(&mut form);
        self.missing.append(&mut layout::layout_spending_each(one, size, song, hei, |chunk| pages.add(chunk, size))?);
        self.copies += 1;
        Ok(())
    }

    fn finish(self, author: &str) -> Result<Written, ReportError> {
        let (title, size) = self.first.unwrap_or_else(|| (String::new(), layout::page_size(&[])));
        let count = self.pages.count();
        self.pages.finish(size, (&title, author))?;
        Ok(Written { pages: count, missing: self.missing.into_iter().collect(), copies: self.copies })
    }
}

/// Prints the 报送单 of an export beside it (`….报送单.pdf`) and returns its path.
pub fn write_slip(report: &crate::domain::exchange::ExportReport) -> Result<std::path::PathBuf, ReportError> {
    let path = report.path.with_extension("报送单.pdf");
    let printed = print_forms(&[forms::submission_slip(report)], &report.unit_name)?;
    crate::fsutil::write_atomically(&path, &printed.pdf).map_err(ReportError::Write)?;
    Ok(path)
}

/// Prints the area's 统计表 (named after the area file) to `out`; returns the page count.
pub fn write_area_statistics(
    area: &std::path::Path,
    figures: &[crate::domain::exchange::UnitFigures],
    out: &std::path::Path,
) -> Result<usize, ReportError> {
    let name = area.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let printed = print_forms(&[forms::area_statistics(&name, figures)], &name)?;
    crate::fsutil::write_atomically(out, &printed.pdf).map_err(ReportError::Write)?;
    Ok(printed.pages)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each page's content (decoded), and the mappings of the fonts' ToUnicode maps, sorted:
    /// what the pages show and which character each glyph is. (The font subsets and their
    /// names differ from run to run.)
    fn shown(pdf: &[u8]) -> (Vec<Vec<u8>>, Vec<String>) {
        let doc = lopdf::Document::load_mem(pdf).unwrap();
        let pages = doc.get_pages().values().map(|id| doc.get_page_content(*id)).collect();
        let mut cmap: Vec<String> = doc
            .objects
            .values()
            .filter_map(|o| o.as_stream().ok())
            .map(|s| {
                String::from_utf8_lossy(&s.decompressed_content().unwrap_or_else(|_| s.content.clone())).into_owned()
            })
            .filter(|text| text.contains("begincmap"))
            .flat_map(|text| text.lines().filter(|l| l.starts_with('<')).map(str::to_owned).collect::<Vec<_>>())
            .collect();
        cmap.sort();
        (pages, cmap)
    }

    /// Writing each copy's pages as soon as it is laid out gives the PDF that laying out the
    /// whole form first gave: the same pages, glyphs and characters.
    #[test]
    fn a_print_written_copy_by_copy_equals_one_laid_out_whole() {
        let c = crate::demo::build("jxau2010").unwrap();
        let built = forms::build(&c, crate::domain::forms::FormId::DeptRiskSearch, &forms::Subject::default()).unwrap();
        assert!(built.len() > 3, "one copy per department");
        let whole = print_forms(&built, "江西农业大学").unwrap();
        let streamed = print(&c, crate::domain::forms::FormId::DeptRiskSearch, &forms::Subject::default()).unwrap();
        assert_eq!((whole.pages, &whole.missing, whole.copies), (streamed.pages, &streamed.missing, streamed.copies));
        let (a, b) = (shown(&whole.pdf), shown(&streamed.pdf));
        assert!(
            whole.pages > 20 && a.0.len() == whole.pages && a.1.len() > 100,
            "{} pages, {} mappings",
            whole.pages,
            a.1.len()
        );
        assert!(a == b, "the same pages and glyphs");
    }

    /// One copy longer than a layout batch (the whole unit's 岗位风险分析和防控措施表 at 100,000
    /// risk points is one copy of 23,000 pages) is written as it is laid out, each page with
    /// its page number in a second content stream written at the copy's end: the pages show
    /// what the copy laid out whole shows, page by page.
    #[test]
    fn a_long_copy_written_as_it_is_laid_out_reads_as_one_laid_out_whole() {
        let columns = ["序号", "风险点", "表现形式"].map(|h| layout::Column { header: h.to_owned(), weight: 1.0 });
        let rows = (1..=6_000).map(|i| vec![i.to_string(), format!("风险点{i}"), "表现形式较长，".repeat(i % 7 + 8)]);
        let form = Form {
            title: "岗位风险分析和防控措施表".to_owned(),
            subtitle: String::new(),
            particulars: ("单位（公章）：测试单位".to_owned(), String::new()),
            blocks: vec![layout::Block::Table { columns: columns.to_vec(), rows: rows.collect() }],
            landscape: true,
            signature: vec!["填表人（签字）：".to_owned()],
        };
        let whole = print_forms(std::slice::from_ref(&form), "测试单位").unwrap();
        let mut streamed = Vec::new();
        let written = print_forms_to(vec![form], "测试单位", &mut streamed).unwrap();
        assert_eq!((written.pages, written.copies), (whole.pages, 1));
        let texts = |pdf: &[u8]| {
            let doc = lopdf::Document::load_mem(pdf).unwrap();
            let pages: Vec<(u32, lopdf::ObjectId)> = doc.get_pages().into_iter().collect();
            let streams: Vec<usize> = pages.iter().map(|(_, id)| doc.get_page_contents(*id).len()).collect();
            // Without white space: a second stream starts a new line of the extracted text.
            let text = |n: u32| doc.extract_text(&[n]).unwrap().split_whitespace().collect::<String>();
            let texts: Vec<String> = pages.iter().map(|(n, _)| text(*n)).collect();
            (texts, streams)
        };
        let ((a, one), (b, two)) = (texts(&whole.pdf), texts(&streamed));
        assert!(whole.pages > 400 && a.len() == whole.pages, "{} pages", whole.pages);
        assert!(one.iter().all(|&n| n == 1) && two.iter().all(|&n| n == 2), "numbers in their own streams");
        assert!(b.last().is_some_and(|t| t.contains(&format!("共{}页", whole.pages))));
        let first = a.iter().zip(&b).position(|(x, y)| x != y);
        assert!(first.is_none(), "page {first:?} differs: {:?} vs {:?}", first.map(|i| &a[i]), first.map(|i| &b[i]));
    }
}
