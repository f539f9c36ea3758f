//! Laid-out pages to PDF: A4, 宋体 body and 黑体 headings embedded and subset.
//!
//! printpdf embeds the fonts: it subsets each face to the glyphs used (its `text_layout`
//! feature; without it the whole 20 MB font would be embedded) and writes their widths and the
//! ToUnicode map that keeps the text extractable. For that it is handed one page showing every
//! glyph the document uses, once, in glyph order. For these CID-keyed fonts the code of a glyph
//! in the subset is its CID in the original font (read from the font's CFF charset), so the
//! pages are written directly (`content`) with the CIDs before the fonts are embedded, deflated
//! as they are written; the codes printpdf wrote on the registration page are then checked
//! against them (a difference is an error, never a wrong PDF), and the pages replace that page.
//!
//! Why not printpdf's operators for every page: building an `Op` per item and a `String` per
//! glyph, then serialising them through lopdf's generic writer, took most of the time of a
//! 12,000-page print and held all of its operators in memory at once (README, 性能).

mod content;

use std::sync::OnceLock;

use printpdf::{Codepoint, Op, ParsedFont, PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions, Pt, TextItem};

use super::ReportError;
use super::layout::{Draw, Laid};
use super::metrics::Metrics;
use crate::fonts::{CJK_SC_FACE, SANS, SERIF};
use content::{FaceCodes, Faces};

/// The two faces parsed for printpdf (宋体, 黑体), once per process: parsing takes a tenth of
/// a second.
pub(super) fn fonts() -> Result<&'static (ParsedFont, ParsedFont), String> {
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

/// The PDF bytes of `laid`; `title` and `author` (the unit) go into the document information,
/// with the time of printing and this program as producer.
///
/// The pages are written first, each let go once written, and the fonts embedded after: the
/// codes a subset of these CID-keyed faces shows its glyphs by are the faces' CIDs, known
/// before embedding (and checked against what printpdf wrote after), and each face is named
/// in the pages by a name of ours that the page tree's resources map to printpdf's font. So a
/// large print never holds its whole layout and the parsed faces (≈ 140 MB) at once.
pub fn render(laid: Laid, title: &str, author: &str) -> Result<Vec<u8>, ReportError> {
    let mut pages = Pages::new()?;
    let size = laid.size;
    pages.add(laid.pages, size)?;
    pages.finish(size, title, author)
}

/// A PDF written as its pages come: each batch of laid-out pages is turned into compressed
/// content streams and let go, noting the glyphs it shows; the fonts are subset and embedded
/// at the end. A print that lays out one copy at a time never holds more than that copy's
/// layout (at 100,000 risk points the whole layout was about 0.2 GB).
pub struct Pages {
    /// 宋体 and 黑体, in the order of `Font::slot`.
    metrics: [&'static Metrics; 2],
    faces: Faces<'static>,
    /// A slot per glyph id of each face: the character it shows, once shown.
    seen: [Vec<Option<char>>; 2],
    deflater: Deflater,
    contents: Vec<Vec<u8>>,
}

impl Pages {
    pub fn new() -> Result<Self, ReportError> {
        let (song, hei) = super::metrics()?;
        let metrics = [song, hei];
        let faces = predicted_faces(metrics).map_err(ReportError::Font)?;
        let seen = [vec![None; 0x1_0000], vec![None; 0x1_0000]];
        Ok(Self { metrics, faces, seen, deflater: Deflater::new(), contents: Vec::new() })
    }

    /// Writes `pages` (of the document's page size `size`) after those added before.
    pub fn add(&mut self, pages: Vec<super::layout::Page>, size: (f32, f32)) -> Result<(), ReportError> {
        note_glyphs(&pages, self.metrics, &mut self.seen);
        let streams = page_streams(pages, size, &self.faces, &mut self.deflater).map_err(ReportError::Pdf)?;
        self.contents.extend(streams);
        Ok(())
    }

    pub fn count(&self) -> usize {
        self.contents.len()
    }

    /// The PDF: the pages added, with the fonts they show subset and embedded.
    pub fn finish(self, size: (f32, f32), title: &str, author: &str) -> Result<Vec<u8>, ReportError> {
        let mut out = Vec::new();
        self.finish_to(size, (title, author), &mut out)?;
        Ok(out)
    }

    /// As `finish`, written to `out` (title, author).
    pub fn finish_to(
        mut self,
        size: (f32, f32),
        about: (&str, &str),
        out: &mut dyn std::io::Write,
    ) -> Result<(), ReportError> {
        let used = self.seen.map(|slots| (0..=u16::MAX).zip(slots).filter_map(|(gid, c)| Some((gid, c?))).collect());
        let (mut doc, fonts) = embed_fonts(about, &used, size, &self.faces).map_err(ReportError::Font)?;
        set_pages(&mut doc, size, self.contents, &fonts).map_err(ReportError::Pdf)?;
        finish(doc, &mut self.deflater, out)
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
    let (song, hei) = fonts()?;
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

/// Every page's content stream, deflated as it is written.
/// Each page's compressed content stream; a page's layout is let go once it is written (a
/// 20,000-page table holds only its compressed pages, not their layout too, by the end).
fn page_streams(
    pages: Vec<super::layout::Page>,
    size: (f32, f32),
    faces: &Faces<'_>,
    deflater: &mut Deflater,
) -> Result<Vec<Vec<u8>>, String> {
    let mut raw = Vec::new();
    pages
        .into_iter()
        .map(|page| {
            raw.clear();
            content::page_content(&page, size, faces, &mut raw)?;
            deflater.deflate(&raw)
        })
        .collect()
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

/// Puts the pages (their deflated content streams) in place of the registration page. Their
/// size and resources are set once on the page tree, which every page inherits.
/// `fonts`: our name of each face and printpdf's, whose font the resources map ours to.
fn set_pages(
    doc: &mut lopdf::Document,
    size: (f32, f32),
    contents: Vec<Vec<u8>>,
    fonts: &[Renamed],
) -> Result<(), String> {
    use lopdf::Object::{Array, Dictionary, Integer, Real, Reference};
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
    // By reference, as printpdf had it: some readers (lopdf) look for inherited resources only
    // as a reference on the page tree.
    let resources = match their_resources {
        Reference(id) => {
            doc.objects.insert(id, Dictionary(resources));
            Reference(id)
        }
        _ => Reference(doc.add_object(Dictionary(resources))),
    };
    for id in doc.get_page_contents(registration) {
        doc.objects.remove(&id);
    }
    doc.objects.remove(&registration);
    let kids: Vec<lopdf::Object> = contents
        .into_iter()
        .map(|deflated| {
            let stream = lopdf::Stream::new(lopdf::dictionary! { "Filter" => "FlateDecode" }, deflated);
            let contents = doc.add_object(stream.with_compression(false));
            Reference(doc.add_object(lopdf::dictionary! {
                "Type" => "Page", "Parent" => parent, "Contents" => contents
            }))
        })
        .collect();
    let tree = doc.get_dictionary_mut(parent).map_err(broken)?;
    tree.set("Count", Integer(i64::try_from(kids.len()).unwrap_or(i64::MAX)));
    tree.set("Kids", Array(kids));
    tree.set("MediaBox", Array(vec![Integer(0), Integer(0), Real(size.0), Real(size.1)]));
    tree.set("Resources", resources);
    Ok(())
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

/// Deflates the streams not yet deflated (the fonts, their ToUnicode maps) and writes the
/// document with its small objects (pages, fonts' dictionaries) packed into compressed object
/// streams.
fn finish(mut doc: lopdf::Document, deflater: &mut Deflater, out: &mut dyn std::io::Write) -> Result<(), ReportError> {
    for object in doc.objects.values_mut() {
        if let lopdf::Object::Stream(stream) = object
            && stream.allows_compression
            && stream.dict.get(b"Filter").is_err()
        {
            let compressed = deflater.deflate(&stream.content).map_err(ReportError::Pdf)?;
            if compressed.len() + 19 < stream.content.len() {
                stream.dict.set("Filter", "FlateDecode");
                stream.set_content(compressed);
            }
        }
    }
    let options = lopdf::SaveOptions::builder().use_object_streams(true).use_xref_streams(true).build();
    doc.save_with_options(&mut &mut *out, options)
        .map_err(|e| ReportError::Write(format!("无法写出 PDF：{}", crate::fsutil::io_reason(&e))))
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
