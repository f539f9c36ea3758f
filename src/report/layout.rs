//! One layout engine for every form: a title, a line of particulars (单位（公章）、填表日期),
//! a ruled table whose cells wrap and whose rows flow onto further pages with the header row
//! repeated (a row taller than a page is split, never cut), the signature block kept together
//! on one page, and 第 N 页 共 M 页 on each page. Units are points; y grows downwards.

use std::collections::BTreeSet;

use super::metrics::{Metrics, printable};
use super::wrap::wrap;
use crate::domain::levels::Rgb;

/// A4 in points.
pub const A4: (f32, f32) = (595.28, 841.89);
const MARGIN: f32 = 56.7; // 2 cm
const BODY: f32 = 10.5; // 五号
const LINE: f32 = BODY * 1.45;
const PAD: f32 = 3.0;
const TITLE: f32 = 18.0; // 二号 is 22; the tables are dense, so 小二 close
const SMALL: f32 = 10.5;

/// Which face: 宋体 (Serif) for body text, 黑体 (Sans) for titles and headers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Font {
    Song,
    Hei,
}

/// Something to draw.
#[derive(Clone, Debug, PartialEq)]
pub enum Draw {
    Text { x: f32, y: f32, size: f32, font: Font, text: String },
    Line { x1: f32, y1: f32, x2: f32, y2: f32 },
    Fill { x: f32, y: f32, w: f32, h: f32, rgb: Rgb },
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Page {
    pub draws: Vec<Draw>,
}

/// A column: its header and its share of the table's width.
#[derive(Clone, Debug, PartialEq)]
pub struct Column {
    pub header: String,
    pub weight: f32,
}

/// A form that is one table.
#[derive(Clone, Debug, PartialEq)]
pub struct TableForm {
    pub title: String,
    /// Left and right of the particulars line (单位（公章）：…, 填表日期：…).
    pub particulars: (String, String),
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<String>>,
    pub landscape: bool,
    /// Lines of the signature block, e.g. 填表人（签字）：　　审核人（签字）：
    pub signature: Vec<String>,
}

/// The laid-out pages and the characters no shipped font could draw.
#[derive(Debug, Default)]
pub struct Laid {
    pub pages: Vec<Page>,
    pub size: (f32, f32),
    pub missing: BTreeSet<char>,
}

struct Cursor<'m> {
    song: &'m Metrics,
    hei: &'m Metrics,
    size: (f32, f32),
    pages: Vec<Page>,
    y: f32,
    missing: BTreeSet<char>,
}

impl Cursor<'_> {
    fn bottom(&self) -> f32 {
        self.size.1 - MARGIN - LINE // room for the page number
    }

    fn page(&mut self) -> &mut Page {
        if self.pages.is_empty() {
            self.pages.push(Page::default());
        }
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    fn new_page(&mut self) {
        self.pages.push(Page::default());
        self.y = MARGIN;
    }

    fn text(&mut self, x: f32, y: f32, size: f32, font: Font, text: &str) {
        let metrics = if font == Font::Hei { self.hei } else { self.song };
        let text = printable(metrics, text, &mut self.missing);
        self.page().draws.push(Draw::Text { x, y, size, font, text });
    }

    fn line(&mut self, x1: f32, y1: f32, x2: f32, y2: f32) {
        self.page().draws.push(Draw::Line { x1, y1, x2, y2 });
    }
}

/// Lays `form` out on A4 pages.
pub fn layout(form: &TableForm, song: &Metrics, hei: &Metrics) -> Laid {
    let size = if form.landscape { (A4.1, A4.0) } else { A4 };
    let mut c = Cursor { song, hei, size, pages: Vec::new(), y: MARGIN, missing: BTreeSet::new() };
    c.new_page();
    title(&mut c, form);
    table(&mut c, form);
    signature(&mut c, form);
    page_numbers(&mut c);
    Laid { pages: c.pages, size, missing: c.missing }
}

fn title(c: &mut Cursor<'_>, form: &TableForm) {
    let width = c.size.0 - 2.0 * MARGIN;
    for line in wrap(c.hei, &form.title, width, TITLE) {
        let x = MARGIN + (width - c.hei.width(&line, TITLE)) / 2.0;
        let y = c.y;
        c.text(x, y, TITLE, Font::Hei, &line);
        c.y += TITLE * 1.5;
    }
    let (left, right) = &form.particulars;
    let y = c.y;
    c.text(MARGIN, y, SMALL, Font::Song, left);
    let x = c.size.0 - MARGIN - c.song.width(right, SMALL);
    c.text(x, y, SMALL, Font::Song, right);
    c.y += SMALL * 2.0;
}

/// Column x positions: left edges and the right edge of the last column.
fn column_edges(c: &Cursor<'_>, columns: &[Column]) -> Vec<f32> {
    let width = c.size.0 - 2.0 * MARGIN;
    let total: f32 = columns.iter().map(|col| col.weight.max(0.1)).sum();
    let mut x = MARGIN;
    let mut edges = vec![x];
    for col in columns {
        x += width * col.weight.max(0.1) / total;
        edges.push(x);
    }
    edges
}

/// Wraps every cell of a row to its column.
fn wrap_row(c: &Cursor<'_>, cells: &[String], edges: &[f32], font: Font, ncols: usize) -> Vec<Vec<String>> {
    let metrics = if font == Font::Hei { c.hei } else { c.song };
    (0..ncols)
        .map(|i| {
            let w = edges.get(i + 1).copied().unwrap_or(MARGIN) - edges.get(i).copied().unwrap_or(MARGIN) - 2.0 * PAD;
            wrap(metrics, cells.get(i).map_or("", String::as_str), w.max(BODY), BODY)
        })
        .collect()
}

/// Draws `lines[from..to]` of each cell as one row segment at the cursor, ruled.
fn draw_segment(c: &mut Cursor<'_>, cells: &[Vec<String>], edges: &[f32], font: Font, from: usize, to: usize) {
    let top = c.y;
    let height = (to - from) as f32 * LINE + 2.0 * PAD;
    for (i, lines) in cells.iter().enumerate() {
        let x = edges.get(i).copied().unwrap_or(MARGIN) + PAD;
        for (k, line) in lines.iter().enumerate().skip(from).take(to - from) {
            let y = top + PAD + (k - from) as f32 * LINE;
            c.text(x, y, BODY, font, line);
        }
    }
    let (left, right) = (edges.first().copied().unwrap_or(MARGIN), edges.last().copied().unwrap_or(MARGIN));
    c.line(left, top, right, top);
    c.line(left, top + height, right, top + height);
    for x in edges {
        c.line(*x, top, *x, top + height);
    }
    c.y = top + height;
}

fn header(c: &mut Cursor<'_>, form: &TableForm, edges: &[f32]) {
    let cells: Vec<String> = form.columns.iter().map(|col| col.header.clone()).collect();
    let wrapped = wrap_row(c, &cells, edges, Font::Hei, form.columns.len());
    let n = wrapped.iter().map(Vec::len).max().unwrap_or(1);
    draw_segment(c, &wrapped, edges, Font::Hei, 0, n);
}

/// How many text lines fit in `height` points (none when there is no room).
fn lines_in(height: f32) -> usize {
    let n = ((height - 2.0 * PAD) / LINE).floor();
    // A page holds a few dozen lines: the conversion cannot truncate; negative means none.
    #[expect(clippy::cast_possible_truncation, clippy::cast_sign_loss, reason = "checked finite and positive; small")]
    if n.is_finite() && n > 0.0 { n as usize } else { 0 }
}

fn table(c: &mut Cursor<'_>, form: &TableForm) {
    let edges = column_edges(c, &form.columns);
    header(c, form, &edges);
    for row in &form.rows {
        let wrapped = wrap_row(c, row, &edges, Font::Song, form.columns.len());
        let total = wrapped.iter().map(Vec::len).max().unwrap_or(1).max(1);
        let mut done = 0;
        while done < total {
            let room = lines_in(c.bottom() - c.y);
            // A row that fits on a fresh page moves there whole; a taller one is split.
            let fresh_room = lines_in(c.bottom() - MARGIN).max(1);
            let needed = total - done;
            if room == 0 || (room < needed && needed <= fresh_room && done == 0) {
                c.new_page();
                header(c, form, &edges);
                continue;
            }
            let take = needed.min(room).max(1);
            draw_segment(c, &wrapped, &edges, Font::Song, done, done + take);
            done += take;
        }
    }
}

fn signature(c: &mut Cursor<'_>, form: &TableForm) {
    if form.signature.is_empty() {
        return;
    }
    let height = (form.signature.len() as f32) * SMALL * 2.2 + SMALL;
    if c.y + height > c.bottom() {
        c.new_page();
    }
    c.y += SMALL * 1.5;
    for line in &form.signature {
        let y = c.y;
        c.text(MARGIN, y, SMALL, Font::Song, line);
        c.y += SMALL * 2.2;
    }
}

fn page_numbers(c: &mut Cursor<'_>) {
    let total = c.pages.len();
    let (w, h) = c.size;
    for n in 0..total {
        let text = format!("第 {} 页 共 {total} 页", n + 1);
        let x = (w - c.song.width(&text, 9.0)) / 2.0;
        if let Some(page) = c.pages.get_mut(n) {
            page.draws.push(Draw::Text { x, y: h - MARGIN + 6.0, size: 9.0, font: Font::Song, text });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fonts::Face;

    fn metrics() -> (Metrics, Metrics) {
        (Metrics::new(Face::Serif).unwrap(), Metrics::new(Face::Sans).unwrap())
    }

    fn form(rows: Vec<Vec<String>>) -> TableForm {
        TableForm {
            title: "岗位风险分析和防控措施表".into(),
            particulars: ("单位（公章）：".into(), "填表日期：　　年　月　日".into()),
            columns: vec![
                Column { header: "序号".into(), weight: 1.0 },
                Column { header: "风险点".into(), weight: 3.0 },
                Column { header: "表现形式".into(), weight: 6.0 },
            ],
            rows,
            landscape: false,
            signature: vec!["填表人（签字）：　　　　审核人（签字）：".into()],
        }
    }

    fn texts(page: &Page) -> Vec<&str> {
        page.draws
            .iter()
            .filter_map(|d| if let Draw::Text { text, .. } = d { Some(text.as_str()) } else { None })
            .collect()
    }

    #[test]
    fn rows_flow_onto_new_pages_with_the_header_repeated() {
        let (song, hei) = metrics();
        let rows = (1..=120).map(|i| vec![i.to_string(), format!("风险点{i}"), "表现形式".repeat(3)]).collect();
        let laid = layout(&form(rows), &song, &hei);
        assert!(laid.pages.len() > 2);
        for (n, page) in laid.pages.iter().enumerate() {
            let t = texts(page);
            assert!(t.contains(&"表现形式") || n + 1 == laid.pages.len(), "page {} repeats the header", n + 1);
            assert!(t.contains(&format!("第 {} 页 共 {} 页", n + 1, laid.pages.len()).as_str()));
        }
        let all: Vec<&str> = laid.pages.iter().flat_map(texts).collect();
        for i in 1..=120 {
            assert!(all.contains(&format!("风险点{i}").as_str()), "row {i} printed");
        }
        assert!(all.iter().any(|t| t.starts_with("填表人（签字）")), "signature block printed");
    }

    #[test]
    fn a_five_thousand_character_cell_is_split_over_pages_without_loss() {
        let (song, hei) = metrics();
        let long = "对不合规票据审核不严，人情放行。".repeat(320); // 5,120 characters
        let laid = layout(&form(vec![vec!["1".into(), "报销审核".into(), long.clone()]]), &song, &hei);
        assert!(laid.pages.len() >= 3, "{} pages", laid.pages.len());
        let printed: String = laid
            .pages
            .iter()
            .flat_map(|p| p.draws.iter())
            .filter_map(|d| match d {
                Draw::Text { text, size, .. } if (*size - BODY).abs() < 0.01 => Some(text.as_str()),
                _ => None,
            })
            .filter(|t| t.contains("票据") || t.contains("人情") || t.contains('。') || t.contains('审'))
            .collect();
        let strip = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
        assert!(strip(&printed).contains(&strip(&long)), "every character of the cell is printed, in order");
        assert!(laid.missing.is_empty());
    }

    #[test]
    fn odd_input_neither_panics_nor_vanishes() {
        let (song, hei) = metrics();
        let rows = vec![
            vec![String::new(), String::new(), String::new()],
            vec!["1".into(), "吉𠮷😀".into(), "a\u{0}b".into()],
            vec!["2".into()], // fewer cells than columns
        ];
        let laid = layout(&form(rows), &song, &hei);
        let all: Vec<&str> = laid.pages.iter().flat_map(texts).collect();
        assert!(all.contains(&"吉𠮷□"), "{all:?}");
        assert!(all.contains(&"a□b"));
        assert_eq!(laid.missing.iter().copied().collect::<Vec<_>>(), ['\u{0}', '😀']);
    }
}
