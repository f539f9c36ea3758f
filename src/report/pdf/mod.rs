//! Laid-out pages to PDF: A4, 宋体 body and 黑体 headings embedded and subset.
//!
//! printpdf embeds the fonts: it subsets each face to the glyphs used (its `text_layout`
//! feature; without it the whole 20 MB font would be embedded) and writes their widths and the
//! ToUnicode map that keeps the text extractable. For that it is handed one page showing every
//! glyph the document uses, once, in glyph order. For these CID-keyed fonts the code of a glyph
//! in the subset is its CID in the original font (read from the font's CFF charset), so the
//! pages are written directly (`content`) with the CIDs before the fonts are embedded, deflated
//! and written to the file as they come (`file`); the codes printpdf wrote on the registration
//! page are then checked against them (a difference is an error, never a wrong PDF), and
//! printpdf's objects but that page and its page tree follow them into the file, with our
//! page tree last.
//!
//! Why not printpdf's operators for every page: building an `Op` per item and a `String` per
//! glyph, then serialising them through lopdf's generic writer, took most of the time of a
//! 12,000-page print and held all of its operators in memory at once (README, 性能).

mod content;
mod file;

use std::sync::{Arc, Mutex, Weak};

use printpdf::{Codepoint, Op, ParsedFont, PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions, Pt, TextItem};

use super::ReportError;
use super::layout::{Chunk, Draw, Laid};
use super::metrics::Metrics;
use crate::fonts::{CJK_SC_FACE, SANS, SERIF};
use content::{FaceCodes, Faces};
use file::PdfFile;

/// The two faces parsed for printpdf (宋体, 黑体).
pub(super) type Parsed = Arc<(ParsedFont, ParsedFont)>;

/// The two faces parsed for printpdf, shared by the prints running at once and let go when
/// the last of them ends: parsed, they hold copies of both font files (≈ 47 MB), which an
/// idle window had better not keep; parsing takes a tenth of a second per print.
pub(super) fn fonts() -> Result<Parsed, String> {
    static FONTS: Mutex<Weak<(ParsedFont, ParsedFont)>> = Mutex::new(Weak::new());
    // Held while parsing: a print starting meanwhile waits for these rather than parse its own.
    let mut shared = FONTS.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    if let Some(parsed) = shared.upgrade() {
        return Ok(parsed);
    }
    let parsed = parse(SERIF)
        .zip(parse(SANS))
        .map(Arc::new)
        .ok_or_else(|| "无法读取宋体或黑体字体（fonts/NotoSerifCJK、fonts/NotoSansCJK）".to_owned())?;
    *shared = Arc::downgrade(&parsed);
    Ok(parsed)
}

/// The face `CJK_SC_FACE` of a shipped collection, keeping one copy of its bytes for
/// embedding (printpdf's `from_bytes` makes a second on the way: 26 MB more at the peak).
fn parse(collection: &'static [u8]) -> Option<ParsedFont> {
    let bytes = Arc::new(rust_fontconfig::FontBytes::Owned(Arc::from(collection)));
    let face = usize::try_from(CJK_SC_FACE).ok()?;
    printpdf::AzulParsedFont::from_bytes_shared(bytes, face, &mut Vec::new()).map(ParsedFont::from_azul)
}

/// The PDF bytes of `laid`; `title` and `author` (the unit) go into the document information,
/// with the time of printing and this program as producer.
pub fn render(laid: Laid, title: &str, author: &str) -> Result<Vec<u8>, ReportError> {
    let mut out = Vec::new();
    let mut pages = Pages::new(&mut out)?;
    let size = laid.size;
    pages.add(Chunk::Whole(laid.pages), size)?;
    pages.finish(size, (title, author))?;
    Ok(out)
}

/// A PDF written to its file as its pages come: each batch of laid-out pages is turned into
/// compressed content streams written at once, noting the glyphs they show; the fonts are
/// subset and embedded at the end, then the page tree. A print holds neither more than a
/// batch of pages laid out (`layout::Chunk`) nor the pages written (at 100,000 risk points
/// the whole layout was about 0.2 GB, the compressed pages 60 MB).
///
/// The codes a subset of these CID-keyed faces shows its glyphs by are the faces' CIDs, known
/// before embedding (and checked against what printpdf wrote after), and each face is named
/// in the pages by a name of ours that the page tree's resources map to printpdf's font.
pub struct Pages<'w> {
    /// 宋体 and 黑体, in the order of `Font::slot`.
    metrics: [&'static Metrics; 2],
    faces: Faces<'static>,
    /// A slot per glyph id of each face: the character it shows, once shown.
    seen: [Vec<Option<char>>; 2],
    deflater: Deflater,
    file: PdfFile<'w>,
    /// The page tree's number: every page names it as its parent; it is written last.
    tree: u32,
    /// Each page's number, in order.
    kids: Vec<u32>,
    /// The objects to hold the page numbers of the pages written without them, in order.
    unnumbered: Vec<u32>,
    /// A page's content before it is compressed (one buffer for all).
    raw: Vec<u8>,
}

impl<'w> Pages<'w> {
    /// Starts the PDF in `out`.
    pub fn new(out: &'w mut dyn std::io::Write) -> Result<Self, ReportError> {
        let (song, hei) = super::metrics()?;
        let metrics = [song, hei];
        let faces = predicted_faces(metrics).map_err(ReportError::Font)?;
        let seen = [vec![None; 0x1_0000], vec![None; 0x1_0000]];
        let mut file = PdfFile::new(out)?;
        let tree = file.reserve();
        let deflater = Deflater::new();
        Ok(Self {
            metrics,
            faces,
            seen,
            deflater,
            file,
            tree,
            kids: Vec::new(),
            unnumbered: Vec::new(),
            raw: Vec::new(),
        })
    }

    /// Writes what layout handed on (`Chunk`, of the document's page size `size`) after the
    /// pages added before.
    pub fn add(&mut self, chunk: Chunk, size: (f32, f32)) -> Result<(), ReportError> {
        match chunk {
            Chunk::Whole(pages) => self.add_pages(pages, size, false),
            Chunk::Unnumbered(pages) => self.add_pages(pages, size, true),
            Chunk::Numbers(numbers) => self.add_numbers(numbers, size),
        }
    }

    /// Writes `pages`; `numbered_later`: each with a second content stream to come, its page
    /// number (`add_numbers`).
    fn add_pages(
        &mut self,
        pages: Vec<super::layout::Page>,
        size: (f32, f32),
        numbered_later: bool,
    ) -> Result<(), ReportError> {
        use lopdf::Object::{Array, Dictionary, Reference};
        note_glyphs(&pages, self.metrics, &mut self.seen);
        for page in pages {
            let contents = self.file.reserve();
            self.write_content(contents, &page, size)?;
            let contents = if numbered_later {
                let number = self.file.reserve();
                self.unnumbered.push(number);
                Array(vec![Reference((contents, 0)), Reference((number, 0))])
            } else {
                Reference((contents, 0))
            };
            let id = self.file.reserve();
            let dict =
                lopdf::dictionary! { "Type" => "Page", "Parent" => Reference((self.tree, 0)), "Contents" => contents };
            self.file.small(id, Dictionary(dict))?;
            self.kids.push(id);
        }
        Ok(())
    }

    /// Writes the page numbers of the pages written without them, in order, one each.
    fn add_numbers(&mut self, numbers: Vec<super::layout::Page>, size: (f32, f32)) -> Result<(), ReportError> {
        if numbers.len() != self.unnumbered.len() {
            return Err(ReportError::Pdf("无法生成 PDF：页码与页数不符".to_owned()));
        }
        note_glyphs(&numbers, self.metrics, &mut self.seen);
        for (id, page) in std::mem::take(&mut self.unnumbered).into_iter().zip(numbers) {
            self.write_content(id, &page, size)?;
        }
        Ok(())
    }

    /// Writes `page`'s compressed content stream as object `id`.
    fn write_content(&mut self, id: u32, page: &super::layout::Page, size: (f32, f32)) -> Result<(), ReportError> {
        self.raw.clear();
        content::page_content(page, size, &self.faces, &mut self.raw).map_err(ReportError::Pdf)?;
        let deflated = self.deflater.deflate(&self.raw).map_err(ReportError::Pdf)?;
        self.file.stream(id, lopdf::dictionary! { "Filter" => "FlateDecode" }, &deflated)
    }

    pub fn count(&self) -> usize {
        self.kids.len()
    }

    /// Ends the PDF: the fonts the pages show, subset and embedded, the document information
    /// (title, author), the page tree and the cross-reference stream.
    pub fn finish(mut self, size: (f32, f32), about: (&str, &str)) -> Result<(), ReportError> {
        use lopdf::Object::{Array, Dictionary, Integer, Real, Reference};
        if !self.unnumbered.is_empty() {
            return Err(ReportError::Pdf("无法生成 PDF：有的页没有页码".to_owned()));
        }
        let used = self.seen.map(|slots| (0..=u16::MAX).zip(slots).filter_map(|(gid, c)| Some((gid, c?))).collect());
        let (mut doc, fonts) = embed_fonts(about, &used, size, &self.faces).map_err(ReportError::Font)?;
        // Their objects numbered after ours, their page tree and page left out.
        doc.renumber_objects_with(self.file.reserve());
        let resources = page_resources(&mut doc, &fonts).map_err(ReportError::Pdf)?;
        let catalog = doc.trailer.get(b"Root").and_then(lopdf::Object::as_reference).map_err(broken_pdf)?;
        doc.get_dictionary_mut(catalog).map_err(broken_pdf)?.set("Pages", Reference((self.tree, 0)));
        self.file.reserve_below(doc.max_id + 1);
        for ((id, _), object) in std::mem::take(&mut doc.objects) {
            match object {
                lopdf::Object::Stream(stream) => {
                    let (dict, content) = compressed(stream, &mut self.deflater)?;
                    self.file.stream(id, dict, &content)?;
                }
                object => self.file.small(id, object)?,
            }
        }
        let count = i64::try_from(self.kids.len()).unwrap_or(i64::MAX);
        let kids = self.kids.iter().map(|&id| Reference((id, 0))).collect::<Vec<_>>();
        let tree = lopdf::dictionary! {
            "Type" => "Pages", "Count" => Integer(count), "Kids" => Array(kids),
            "MediaBox" => Array(vec![Integer(0), Integer(0), Real(size.0), Real(size.1)]),
            "Resources" => resources
        };
        self.file.small(self.tree, Dictionary(tree))?;
        let mut trailer = lopdf::Dictionary::new();
        for key in [b"Root".as_slice(), b"Info", b"ID"] {
            if let Ok(value) = doc.trailer.get(key) {
                trailer.set(key, value.clone());
            }
        }
        self.file.finish(trailer, &mut self.deflater)
    }
}

/// Our name of a face in the pages, and printpdf's name of its font.
type Renamed = (Vec<u8>, Vec<u8>);

/// Our resource names of the faces in the pages, 宋体 then 黑体 (`Font::slot`).
const FACE_NAMES: [&[u8]; 2] = [b"FS", b"FH"];

/// Each face with our name for it and its glyphs' CIDs as their codes.
fn predicted_faces(metrics: [&Metrics; 2]) -> Result<Faces<'_>, String> {
    let face = |slot: usize| -> Result<FaceCodes<'_>, String> {
        let metrics = *metrics.get(slot).ok_or(EMBED_FAILED)?;
        let codes = metrics.cids().ok_or("无法嵌入字体：字体不是 CID 字体")?;
        Ok(FaceCodes { name: FACE_NAMES.get(slot).copied().unwrap_or_default().to_vec(), codes, metrics })
    };
    Ok(Faces([Some(face(0)?), Some(face(1)?)]))
}

/// Notes the glyphs `pages` show in each face, each with the character it shows (for the
/// ToUnicode map): 宋体 then 黑体 (`Font::slot`). A slot per glyph id: a map lookup per printed
/// character was a tenth of the printing time.
fn note_glyphs(pages: &[super::layout::Page], metrics: [&Metrics; 2], seen: &mut [Vec<Option<char>>; 2]) {
    for page in pages {
        for d in &page.draws {
            if let Draw::Text { font, text, .. } = d {
                let (Some(slots), Some(metrics)) = (seen.get_mut(font.slot()), metrics.get(font.slot())) else {
                    continue;
                };
                for c in text.chars() {
                    if let Some(slot) = slots.get_mut(usize::from(metrics.glyph(c).unwrap_or(0))) {
                        slot.get_or_insert(c);
                    }
                }
            }
        }
    }
}

const EMBED_FAILED: &str = "无法嵌入字体：字体子集的字形编码与预期不符";

/// A printpdf document holding the subset fonts and one page that shows every used glyph once,
/// and for each face shown, our name for it and printpdf's. The codes printpdf wrote for the
/// glyphs on that page must be the ones the pages were written with (`faces`).
fn embed_fonts(
    (title, author): (&str, &str),
    used: &[Vec<(u16, char)>; 2],
    size: (f32, f32),
    faces: &Faces<'_>,
) -> Result<(lopdf::Document, Vec<Renamed>), String> {
    let parsed = fonts()?;
    let (song, hei) = (&parsed.0, &parsed.1);
    let mut doc = PdfDocument::new(title);
    describe(&mut doc.metadata.info, author, chrono::Local::now().fixed_offset());
    let mut ops = vec![Op::StartTextSection];
    let mut shown = Vec::new();
    for (slot, (glyphs, font)) in used.iter().zip([song, hei]).enumerate() {
        if glyphs.is_empty() {
            continue;
        }
        let id = doc.add_font(font);
        ops.push(Op::SetFont { font: PdfFontHandle::External(id), size: Pt(10.0) });
        let codepoints =
            glyphs.iter().map(|&(gid, c)| Codepoint { gid, offset: 0.0, cid: Some(c.to_string()) }).collect();
        ops.push(Op::ShowText { items: vec![TextItem::GlyphIds(codepoints)] });
        shown.push(slot);
    }
    ops.push(Op::EndTextSection);
    doc.with_pages(vec![PdfPage::new(Pt(size.0).into(), Pt(size.1).into(), ops)]);
    // Subset fonts, no compression here: `finish` compresses.
    let options = PdfSaveOptions { subset_fonts: true, optimize: false, ..PdfSaveOptions::default() };
    let serialized = printpdf::serialize::to_lopdf_doc(&doc, &options, &mut Vec::new());
    let learned = learned_codes(&serialized)?;
    if learned.len() != shown.len() {
        return Err(EMBED_FAILED.to_owned());
    }
    let mut names = Vec::new();
    for (slot, (theirs, codes)) in shown.into_iter().zip(learned) {
        let (Some(glyphs), Some(Some(face))) = (used.get(slot), faces.0.get(slot)) else {
            return Err(EMBED_FAILED.to_owned());
        };
        let expected = glyphs.iter().map(|&(gid, _)| face.codes.get(usize::from(gid)).copied());
        if codes.len() != glyphs.len() || !expected.zip(&codes).all(|(e, c)| e == Some(*c)) {
            return Err(EMBED_FAILED.to_owned());
        }
        names.push((face.name.clone(), theirs));
    }
    Ok((serialized, names))
}

/// Who made the document and when: 廉防 and its version as producer, the unit as author.
fn describe(info: &mut printpdf::PdfDocumentInfo, author: &str, now: chrono::DateTime<chrono::FixedOffset>) {
    use chrono::{Datelike as _, Timelike as _};
    let clamp = |n: u32| u8::try_from(n).unwrap_or(0);
    let offset = now.offset().local_minus_utc();
    let when = printpdf::DateTime {
        date: printpdf::Date { year: now.year(), month: clamp(now.month()), day: clamp(now.day()) },
        time: printpdf::Time {
            hour: clamp(now.hour()),
            minute: clamp(now.minute()),
            second: clamp(now.second()),
            millisecond: 0,
        },
        offset: printpdf::Offset {
            hours: i8::try_from(offset / 3600).unwrap_or(0),
            minutes: i8::try_from(offset % 3600 / 60).unwrap_or(0),
            seconds: 0,
            milliseconds: 0,
        },
    };
    info.author = author.to_owned();
    info.creator = crate::about::PROGRAM_NAME.to_owned();
    info.producer = crate::about::producer();
    info.creation_date = when;
    info.modification_date = when;
    info.metadata_date = when;
}

/// A font's resource name and the codes of the glyphs shown with it.
type Shown = (Vec<u8>, Vec<u16>);

/// The font name and the glyph codes of each text shown on the registration page, in order.
fn learned_codes(doc: &lopdf::Document) -> Result<Vec<Shown>, String> {
    let page = doc.get_pages().get(&1).copied().ok_or(EMBED_FAILED)?;
    let content = doc.get_and_decode_page_content(page).map_err(|e| format!("{EMBED_FAILED}（{e}）"))?;
    let code = |item: &lopdf::Object| match item {
        lopdf::Object::String(bytes, _) => match bytes.as_slice() {
            &[hi, lo] => Ok(u16::from_be_bytes([hi, lo])),
            _ => Err(EMBED_FAILED.to_owned()),
        },
        _ => Err(EMBED_FAILED.to_owned()),
    };
    let mut name = Vec::new();
    let mut learned = Vec::new();
    for op in content.operations {
        match (op.operator.as_str(), op.operands.first()) {
            ("Tf", Some(lopdf::Object::Name(n))) => name.clone_from(n),
            ("TJ", Some(lopdf::Object::Array(items))) => {
                learned.push((name.clone(), items.iter().map(code).collect::<Result<_, _>>()?));
            }
            _ => {}
        }
    }
    Ok(learned)
}

/// Deflate (zlib format, as PDF's FlateDecode reads it) with libdeflate at level 1.
/// Measured on the demo unit's 12,700 pages (README, 性能): a fifth of the time of all forms
/// saved against zlib-rs at level 6, for 2 % more bytes — still 12 % fewer than LibreOffice
/// for the same table. One compressor is reused: a fresh one per page would allocate and clear
/// its tables thousands of times; one serves a whole document.
struct Deflater(libdeflater::Compressor);

impl Deflater {
    fn new() -> Self {
        // Level 1 (`CompressionLvl::fastest` is 0: stored, not compressed).
        Self(libdeflater::Compressor::new(libdeflater::CompressionLvl::new(1).unwrap_or_default()))
    }

    fn deflate(&mut self, raw: &[u8]) -> Result<Vec<u8>, String> {
        let mut out = vec![0; self.0.zlib_compress_bound(raw.len())];
        let n = self.0.zlib_compress(raw, &mut out).map_err(|e| format!("无法压缩 PDF：{e}"))?;
        out.truncate(n);
        // The bound is about the size of the page's raw content, ten times what it takes.
        out.shrink_to_fit();
        Ok(out)
    }
}

/// The resources every page inherits from the page tree: printpdf's, with its fonts under our
/// names (`fonts`: our name of each face and printpdf's), by reference as printpdf had them
/// (some readers, lopdf among them, look for inherited resources only as a reference). Takes
/// printpdf's registration page, its content and its page tree out of `doc`.
fn page_resources(doc: &mut lopdf::Document, fonts: &[Renamed]) -> Result<lopdf::Object, String> {
    use lopdf::Object::{Dictionary, Reference};
    let registration = doc.get_pages().get(&1).copied().ok_or(EMBED_FAILED)?;
    let page = doc.get_dictionary(registration).map_err(broken)?;
    let parent = page.get(b"Parent").and_then(lopdf::Object::as_reference).map_err(broken)?;
    let their_resources = page.get(b"Resources").map_err(broken)?.clone();
    let mut resources = resolved(doc, &their_resources)?;
    let theirs = resolved(doc, resources.get(b"Font").map_err(broken)?)?;
    let mut ours = lopdf::Dictionary::new();
    for (name, their_name) in fonts {
        ours.set(name.clone(), theirs.get(their_name).map_err(broken)?.clone());
    }
    resources.set("Font", Dictionary(ours));
    for id in doc.get_page_contents(registration) {
        doc.objects.remove(&id);
    }
    doc.objects.remove(&registration);
    doc.objects.remove(&parent);
    Ok(match their_resources {
        Reference(id) => {
            doc.objects.insert(id, Dictionary(resources));
            Reference(id)
        }
        _ => Reference(doc.add_object(Dictionary(resources))),
    })
}

/// A dictionary, given inline or by reference.
fn resolved(doc: &lopdf::Document, object: &lopdf::Object) -> Result<lopdf::Dictionary, String> {
    let object = match object {
        lopdf::Object::Reference(id) => doc.get_object(*id).map_err(broken)?,
        other => other,
    };
    object.as_dict().cloned().map_err(broken)
}

/// A page tree printpdf wrote that is not as expected, in words.
fn broken(e: lopdf::Error) -> String {
    format!("无法生成 PDF 页面：{e}")
}

fn broken_pdf(e: lopdf::Error) -> ReportError {
    ReportError::Pdf(broken(e))
}

/// A stream's dictionary and content, deflated if it was not yet and that makes it smaller
/// (the fonts, their ToUnicode maps).
fn compressed(stream: lopdf::Stream, deflater: &mut Deflater) -> Result<(lopdf::Dictionary, Vec<u8>), ReportError> {
    let lopdf::Stream { mut dict, content, allows_compression, .. } = stream;
    if allows_compression && dict.get(b"Filter").is_err() {
        let deflated = deflater.deflate(&content).map_err(ReportError::Pdf)?;
        if deflated.len() + 19 < content.len() {
            dict.set("Filter", "FlateDecode");
            return Ok((dict, deflated));
        }
    }
    Ok((dict, content))
}

#[cfg(test)]
mod tests {
    use crate::report::layout::{Block, Column, Form};

    fn rows(n: usize) -> Form {
        let columns = ["序号", "风险点", "防控措施"].map(|h| Column { header: h.to_owned(), weight: 1.0 }).to_vec();
        let rows = (1..=n)
            .map(|i| vec![i.to_string(), format!("风险点（第{i}项）"), "前期预防：建立制度，全程公开。".repeat(3)])
            .collect();
        Form {
            title: "测试表".to_owned(),
            subtitle: String::new(),
            particulars: ("单位（公章）：".to_owned(), String::new()),
            blocks: vec![Block::Table { columns, rows }],
            landscape: false,
            signature: vec!["填表人（签字）：".to_owned()],
        }
    }

    #[test]
    fn every_page_has_its_own_deflated_content_and_inherits_size_and_fonts() {
        let printed = crate::report::print_forms(&[rows(200)], "测试单位").unwrap();
        assert!(printed.pages > 3);
        let doc = lopdf::Document::load_mem(&printed.pdf).unwrap();
        let pages = doc.get_pages();
        assert_eq!(pages.len(), printed.pages);
        let (mut raw, mut deflated) = (0, 0);
        for page in pages.values() {
            let contents = doc.get_page_contents(*page);
            assert_eq!(contents.len(), 1, "one content stream per page");
            let contents = contents[0];
            let stream = doc.get_object(contents).and_then(lopdf::Object::as_stream).unwrap();
            assert_eq!(stream.dict.get(b"Filter").unwrap().as_name().unwrap(), b"FlateDecode");
            let content = stream.decompressed_content().unwrap();
            assert!(content.windows(2).any(|w| w == b"Tj"), "text on every page");
            (raw, deflated) = (raw + content.len(), deflated + stream.content.len());
            assert_eq!(doc.get_page_fonts(*page).unwrap().len(), 2, "宋体 and 黑体, inherited from the page tree");
        }
        assert!(deflated * 3 < raw, "compressed: {deflated} of {raw} bytes");
    }
}
