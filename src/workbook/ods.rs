//! The merged ranges of an .ods workbook, which calamine does not report: a cell of
//! content.xml with `table:number-rows-spanned` or `table:number-columns-spanned` covers the
//! cells after and below it. Positions count repeated rows and columns as ODF writes them.

use std::collections::HashMap;
use std::io::{BufReader, Cursor};

use calamine::Dimensions;
use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, XmlVersion};

/// Merged ranges by sheet name (empty when the file cannot be read: calamine then says why).
pub fn merged_ranges(bytes: &[u8]) -> HashMap<String, Vec<Dimensions>> {
    let mut out = HashMap::new();
    let Ok(mut archive) = zip::ZipArchive::new(Cursor::new(bytes)) else { return out };
    let Ok(content) = archive.by_name("content.xml") else { return out };
    let mut reader = Reader::from_reader(BufReader::new(content));
    let mut buf = Vec::new();
    let (mut sheet, mut row, mut col, mut rows_repeated) = (String::new(), 0_u32, 0_u32, 1_u32);
    loop {
        let (event, empty) = match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e)) => (e, false),
            Ok(Event::Empty(e)) => (e, true),
            Ok(Event::End(e)) => {
                if e.name().as_ref() == "table:table-row" {
                    row = row.saturating_add(rows_repeated);
                }
                buf.clear();
                continue;
            }
            Ok(Event::Eof) | Err(_) => break,
            Ok(_) => {
                buf.clear();
                continue;
            }
        };
        match event.name().as_ref() {
            "table:table" => {
                sheet = attribute(&event, "table:name").unwrap_or_default();
                row = 0;
            }
            "table:table-row" => {
                col = 0;
                rows_repeated = number(&event, "table:number-rows-repeated").max(1);
                if empty {
                    row = row.saturating_add(rows_repeated);
                }
            }
            "table:table-cell" | "table:covered-table-cell" => {
                let (down, across) =
                    (number(&event, "table:number-rows-spanned"), number(&event, "table:number-columns-spanned"));
                if down.max(1).saturating_mul(across.max(1)) > 1 {
                    let end = (row.saturating_add(down.max(1) - 1), col.saturating_add(across.max(1) - 1));
                    out.entry(sheet.clone()).or_insert_with(Vec::new).push(Dimensions { start: (row, col), end });
                }
                col = col.saturating_add(number(&event, "table:number-columns-repeated").max(1));
            }
            _ => {}
        }
        buf.clear();
    }
    out
}

fn attribute(e: &BytesStart<'_>, name: &str) -> Option<String> {
    e.try_get_attribute(name)
        .ok()
        .flatten()
        .and_then(|a| a.normalized_value(XmlVersion::Implicit1_0).ok().map(|v| v.into_owned()))
}

fn number(e: &BytesStart<'_>, name: &str) -> u32 {
    attribute(e, name).and_then(|v| v.parse().ok()).unwrap_or(0)
}
