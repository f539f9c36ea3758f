//! A PDF file written object by object as the objects come: streams straight to the output,
//! small objects (page dictionaries, fonts' dictionaries) packed a hundred at a time into
//! compressed object streams, and a cross-reference stream at the end. Only the offsets stay
//! in memory (lopdf's `Document::save` needs the whole document in memory first: at 100,000
//! risk points, 60 MB of page streams and a copy of every page dictionary).
//!
//! lopdf serialises every object: its `ObjectStream` writes the packed ones and one object on
//! its own (`serialized`); its `xref` module encodes the cross-reference entries.

use std::io::Write;

use lopdf::xref::{Xref, XrefEntry, XrefStreamBuilder, XrefType};
use lopdf::{Dictionary, Object, ObjectStream};

use super::super::ReportError;
use super::Deflater;

/// Objects per object stream (lopdf's default).
const PACKED: usize = 100;

pub(super) struct PdfFile<'w> {
    out: &'w mut dyn Write,
    /// Bytes written so far: the offset of the next object.
    written: u64,
    xref: Xref,
    /// The next object number not yet given out.
    next: u32,
    /// Small objects waiting to be packed into the next object stream.
    pending: Vec<(u32, Object)>,
}

impl<'w> PdfFile<'w> {
    /// Starts the file: the header, with the binary mark that tells readers it is not text.
    pub fn new(out: &'w mut dyn Write) -> Result<Self, ReportError> {
        let mut file =
            Self { out, written: 0, xref: Xref::new(1, XrefType::CrossReferenceStream), next: 1, pending: Vec::new() };
        file.xref.insert(0, XrefEntry::UnusableFree);
        file.put(b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n")?;
        Ok(file)
    }

    /// A new object number.
    pub fn reserve(&mut self) -> u32 {
        let id = self.next;
        self.next += 1;
        id
    }

    /// Numbers below `next` are taken (by objects numbered elsewhere, written later).
    pub fn reserve_below(&mut self, next: u32) {
        self.next = self.next.max(next);
    }

    /// Writes the stream `id` now: `dict` (its `Length` set here) and `content` as they are.
    pub fn stream(&mut self, id: u32, mut dict: Dictionary, content: &[u8]) -> Result<(), ReportError> {
        dict.set("Length", i64::try_from(content.len()).unwrap_or(i64::MAX));
        let dict = serialized(Object::Dictionary(dict))?;
        self.begin(id)?;
        self.put(&dict)?;
        self.put(b"\nstream\n")?;
        self.put(content)?;
        self.put(b"\nendstream\nendobj\n")
    }

    /// Notes the small object `id` (not a stream) for the next object stream.
    pub fn small(&mut self, id: u32, object: Object) -> Result<(), ReportError> {
        self.pending.push((id, object));
        if self.pending.len() >= PACKED { self.pack() } else { Ok(()) }
    }

    /// Writes the cross-reference stream, with `trailer` (Root, Info, ID) in its dictionary,
    /// and the end of the file.
    pub fn finish(mut self, mut trailer: Dictionary, deflater: &mut Deflater) -> Result<(), ReportError> {
        self.pack()?;
        let id = self.reserve();
        let start = self.offset()?;
        self.xref.insert(id, XrefEntry::Normal { offset: start, generation: 0 });
        let mut entries = XrefStreamBuilder::new(&self.xref);
        let widths = entries.calculate_optimal_widths();
        let content = entries.build_stream_content().map_err(lopdf_failed)?;
        let index = entries.build_index_array();
        trailer.set("Type", "XRef");
        trailer.set("Size", i64::from(self.xref.size));
        trailer.set("W", widths.iter().map(|&w| Object::Integer(i64::try_from(w).unwrap_or(0))).collect::<Vec<_>>());
        trailer.set("Index", index);
        trailer.set("Filter", "FlateDecode");
        let content = deflater.deflate(&content).map_err(ReportError::Pdf)?;
        self.stream(id, trailer, &content)?;
        self.put(format!("startxref\n{start}\n%%EOF\n").as_bytes())?;
        self.out.flush().map_err(write_failed)
    }

    /// Packs the waiting small objects into one object stream and writes it.
    fn pack(&mut self) -> Result<(), ReportError> {
        if self.pending.is_empty() {
            return Ok(());
        }
        let container = self.reserve();
        let mut packed = ObjectStream::builder().max_objects(PACKED).compression_level(1).build();
        let mut pending = std::mem::take(&mut self.pending);
        // The stream orders its objects by number.
        pending.sort_unstable_by_key(|&(id, _)| id);
        for (index, (id, object)) in pending.into_iter().enumerate() {
            let index = u16::try_from(index).map_err(|_| ReportError::Pdf(TOO_LARGE.to_owned()))?;
            self.xref.insert(id, XrefEntry::Compressed { container, index });
            packed.add_object((id, 0), object).map_err(lopdf_failed)?;
        }
        let stream = packed.to_stream_object().map_err(lopdf_failed)?;
        self.stream(container, stream.dict, &stream.content)
    }

    /// Starts the object `id` here, noting where.
    fn begin(&mut self, id: u32) -> Result<(), ReportError> {
        let offset = self.offset()?;
        self.xref.insert(id, XrefEntry::Normal { offset, generation: 0 });
        self.put(format!("{id} 0 obj\n").as_bytes())
    }

    fn offset(&self) -> Result<u32, ReportError> {
        u32::try_from(self.written).map_err(|_| ReportError::Pdf(TOO_LARGE.to_owned()))
    }

    fn put(&mut self, bytes: &[u8]) -> Result<(), ReportError> {
        self.out.write_all(bytes).map_err(write_failed)?;
        self.written += bytes.len() as u64;
        Ok(())
    }
}

const TOO_LARGE: &str = "PDF 文件超过 4 GB，无法写出；请分部门或分岗位打印";

fn write_failed(e: std::io::Error) -> ReportError {
    ReportError::Write(format!("无法写出 PDF：{}", crate::fsutil::io_reason(&e)))
}

fn lopdf_failed(e: lopdf::Error) -> ReportError {
    ReportError::Pdf(format!("无法生成 PDF：{e}"))
}

/// One object as PDF text, by lopdf: an object stream of that object alone is its number,
/// its offset (`1 0 `), the object and a space.
fn serialized(object: Object) -> Result<Vec<u8>, ReportError> {
    let mut one = ObjectStream::builder().build();
    one.add_object((1, 0), object).map_err(lopdf_failed)?;
    let mut bytes = one.build_stream_content().map_err(lopdf_failed)?;
    match (bytes.strip_prefix(b"1 0 "), bytes.last()) {
        (Some(_), Some(b' ')) => {
            bytes.pop();
            bytes.drain(..4);
            Ok(bytes)
        }
        _ => Err(ReportError::Pdf("无法生成 PDF：对象的写法与预期不符".to_owned())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_object_is_serialized_alone() {
        let dict = lopdf::dictionary! { "Type" => "Page", "Kids" => vec![Object::Reference((3, 0))], "N" => 2 };
        assert_eq!(serialized(Object::Dictionary(dict)).unwrap(), b"<</Type/Page/Kids[3 0 R]/N 2>>");
        assert_eq!(serialized(Object::string_literal("（）\\")).unwrap(), b"(\xEF\xBC\x88\xEF\xBC\x89\\\\)");
    }

    /// A file of streams and packed objects written this way reads back whole: every object
    /// at its number, the trailer's entries kept.
    #[test]
    fn what_is_written_reads_back() {
        let mut out = Vec::new();
        let mut file = PdfFile::new(&mut out).unwrap();
        let mut deflater = Deflater::new();
        let catalog = file.reserve();
        let mut streams = Vec::new();
        for i in 0..250_i64 {
            let id = file.reserve();
            let content = format!("stream {i}").repeat(3);
            file.stream(id, lopdf::dictionary! { "Number" => i }, content.as_bytes()).unwrap();
            let small = file.reserve();
            file.small(small, Object::Dictionary(lopdf::dictionary! { "Stream" => Object::Reference((id, 0)) }))
                .unwrap();
            streams.push((small, content));
        }
        file.small(catalog, Object::Dictionary(lopdf::dictionary! { "Type" => "Catalog" })).unwrap();
        file.finish(lopdf::dictionary! { "Root" => Object::Reference((catalog, 0)) }, &mut deflater).unwrap();
        assert!(out.ends_with(b"%%EOF\n"));
        let doc = lopdf::Document::load_mem(&out).unwrap();
        assert_eq!(doc.trailer.get(b"Root").unwrap().as_reference().unwrap(), (catalog, 0));
        assert_eq!(doc.get_dictionary((catalog, 0)).unwrap().get(b"Type").unwrap().as_name().unwrap(), b"Catalog");
        for (small, content) in streams {
            let dict = doc.get_dictionary((small, 0)).unwrap();
            let id = dict.get(b"Stream").unwrap().as_reference().unwrap();
            assert_eq!(doc.get_object(id).unwrap().as_stream().unwrap().content, content.as_bytes());
        }
        assert_cross_references_point_at_their_objects(&out, &doc);
    }

    /// Every entry of the cross-reference stream finds its object where it says: at its offset,
    /// or at its index in its object stream (lopdf reads object streams by their own headers
    /// and would not notice a wrong index; a strict reader would not find the object).
    fn assert_cross_references_point_at_their_objects(out: &[u8], doc: &lopdf::Document) {
        let mut compressed = 0;
        for (&id, entry) in &doc.reference_table.entries {
            match *entry {
                XrefEntry::Normal { offset, .. } => {
                    assert!(out[offset as usize..].starts_with(format!("{id} 0 obj").as_bytes()), "object {id}");
                }
                XrefEntry::Compressed { container, index } => {
                    let stream = doc.get_object((container, 0)).unwrap().as_stream().unwrap();
                    let header = String::from_utf8(stream.decompressed_content().unwrap()).unwrap();
                    let numbers: Vec<&str> = header.split_whitespace().collect();
                    assert_eq!(numbers[2 * usize::from(index)], id.to_string(), "object {id} in {container}");
                    compressed += 1;
                }
                _ => {}
            }
        }
        assert_eq!(compressed, 251, "the small objects and the catalog, packed");
    }
}
