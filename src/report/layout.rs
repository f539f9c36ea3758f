//! One layout engine for every form: a title (and a subtitle naming the subject), a line of
//! particulars (单位（公章）、填表日期), then blocks — ruled tables whose cells wrap and whose rows
//! flow onto further pages with the header row repeated (a tall row is split, never cut),
//! letter paragraphs, or the coloured band of a warning card — the signature block kept together
//! on one page, and 第 N 页 共 M 页 on each page. Several forms (one per department, post or
//! person) lay out one after another, each from a fresh page with its own page numbers.
//! Units are points; y grows downwards.

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
const LETTER: f32 = 14.0; // 四号, for letters
const BAND: f32 = 40.0; // the level on a warning card
/// A row at most this many lines tall moves to the next page whole rather than being split.
const KEEP_WHOLE: usize = 4;
pub const BLACK: Rgb = [0, 0, 0];
const WHITE: Rgb = [0xFF, 0xFF, 0xFF];

/// Which face: 宋体 (Serif) for body text, 黑体 (Sans) for titles and headers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Font {
    Song,
    Hei,
}

impl Font {
    /// The face's place in arrays ordered 宋体, 黑体.
    pub fn slot(self) -> usize {
        match self {
            Self::Song => 0,
            Self::Hei => 1,
        }
    }
}

/// Something to draw.
#[derive(Clone, Debug, PartialEq)]
pub enum Draw {
    Text { x: f32, y: f32, size: f32, font: Font, text: String, rgb: Rgb },
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

/// A part of a form's body.
#[derive(Clone, Debug, PartialEq)]
pub enum Block {
    /// A ruled table; rows may have fewer cells than columns.
    Table { columns: Vec<Column>, rows: Vec<Vec<String>> },
    /// Paragraphs of a letter, each indented by two characters.
    Letter(Vec<String>),
    /// A band in a level's colour with large text (the 警示牌's level).
    Band { text: String, rgb: Rgb },
}

/// One form for one subject.
#[derive(Clone, Debug, PartialEq)]
pub struct Form {
    pub title: String,
    /// The subject under the title (部门：…　岗位：…); may be empty.
    pub subtitle: String,
    /// Left and right of the particulars line (单位（公章）：…, 填表日期：…).
    pub particulars: (String, String),
    pub blocks: Vec<Block>,
    pub landscape: bool,
    /// Lines of the signature block, e.g. 填表人（签字）：　　审核人（签字）：
    pub signature: Vec<String>,
}

impl Form {
    /// Every text of the form a reader must find in the print: title, subtitle, particulars,
    /// headers, cells, paragraphs, signature (tests compare it with the text read back).
    pub fn texts(&self) -> Vec<&str> {
        let mut out = vec![self.title.as_str(), self.subtitle.as_str(), &self.particulars.0, &self.particulars.1];
        for block in &self.blocks {
            match block {
                Block::Table { columns, rows } => {
                    out.extend(columns.iter().map(|c| c.header.as_str()));
                    out.extend(rows.iter().flatten().map(String::as_str));
                }
                Block::Letter(paragraphs) => out.extend(paragraphs.iter().map(String::as_str)),
                Block::Band { text, .. } => out.push(text),
            }
        }
        out.extend(self.signature.iter().map(String::as_str));
        out
    }

    /// The rows of all tables.
    pub fn rows(&self) -> usize {
        self.blocks.iter().map(|b| if let Block::Table { rows, .. } = b { rows.len() } else { 0 }).sum()
    }
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
    /// The table rows drawn on this page so far: their top and column edges. The column rules
    /// are drawn once over the whole run, not once per row (a third of the bytes of a page).
    run: Option<(f32, Vec<f32>)>,
}

impl<'m> Cursor<'m> {
    fn bottom(&self) -> f32 {
        self.size.1 - MARGIN - LINE // room for the page number
    }

    fn width(&self) -> f32 {
        self.size.0 - 2.0 * MARGIN
    }

    fn metrics(&self, font: Font) -> &'m Metrics {
        if font == Font::Hei { self.hei } else { self.song }
    }

    fn page(&mut self) -> &mut Page {
        if self.pages.is_empty() {
            self.pages.push(Page::default());
        }
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    fn new_page(&mut self) {
        self.close_run();
        self.pages.push(Page::default());
        self.y = MARGIN;
    }

    /// Draws the column rules of the rows drawn since the run began.
    fn close_run(&mut self) {
        if let Some((top, edges)) = self.run.take() {
            let bottom = self.y;
            for x in edges {
                self.line(x, top, x, bottom);
            }
        }
    }

    fn text(&mut self, x: f32, y: f32, size: f32, font: Font, text: &str) {
        self.text_rgb(x, y, size, font, text, BLACK);
    }

    fn text_rgb(&mut self, x: f32, y: f32, size: f32, font: Font, text: &str, rgb: Rgb) {
        let text = printable(self.metrics(font), text, &mut self.missing);
        self.page().draws.push(Draw::Text { x, y, size, font, text, rgb });
    }

    fn line(&mut self, x1: f32, y1: f32, x2: f32, y2: f32) {
        self.page().draws.push(Draw::Line { x1, y1, x2, y2 });
    }

    /// Wrapped lines of `text` across the page, centred or from the left margin.
    fn lines(&mut self, text: &str, size: f32, font: Font, centred: bool, leading: f32) {
        let width = self.width();
        for line in wrap(self.metrics(font), text, width, size) {
            if self.y + size * leading > self.bottom() {
                self.new_page();
            }
            let x = if centred { MARGIN + (width - self.metrics(font).width(&line, size)) / 2.0 } else { MARGIN };
            let y = self.y;
            self.text(x, y, size, font, &line);
            self.y += size * leading;
        }
    }
}

/// Lays `form` out on A4 pages.
pub fn layout(form: &Form, song: &Metrics, hei: &Metrics) -> Laid {
    layout_all(std::slice::from_ref(form), song, hei)
}

/// Lays several forms out one after another, each from a fresh page with its own numbering.
pub fn layout_all(forms: &[Form], song: &Metrics, hei: &Metrics) -> Laid {
    let landscape = forms.first().is_some_and(|f| f.landscape);
    let size = if landscape { (A4.1, A4.0) } else { A4 };
    let mut laid = Laid { pages: Vec::new(), size, missing: BTreeSet::new() };
    for form in forms {
        let mut c = Cursor { song, hei, size, pages: Vec::new(), y: MARGIN, missing: BTreeSet::new(), run: None };
        c.new_page();
        heading(&mut c, form);
        for block in &form.blocks {
            match block {
                Block::Table { columns, rows } => table(&mut c, columns, rows),
                Block::Letter(paragraphs) => letter(&mut c, paragraphs),
                Block::Band { text, rgb } => band(&mut c, text, *rgb),
            }
        }
        signature(&mut c, form);
        page_numbers(&mut c);
        laid.pages.append(&mut c.pages);
        laid.missing.append(&mut c.missing);
    }
    laid
}

fn heading(c: &mut Cursor<'_>, form: &Form) {
    c.lines(&form.title, TITLE, Font::Hei, true, 1.5);
    if !form.subtitle.is_empty() {
        c.lines(&form.subtitle, SMALL, Font::Song, true, 1.6);
        c.y += SMALL * 0.4;
    }
    let (left, right) = &form.particulars;
    let right_width = c.song.width(right, SMALL);
    let left_lines = wrap(c.song, left, (c.width() - right_width - SMALL * 2.0).max(SMALL * 4.0), SMALL);
    let y = c.y;
    let x = c.size.0 - MARGIN - right_width;
    c.text(x, y, SMALL, Font::Song, right);
    for line in left_lines {
        let y = c.y;
        c.text(MARGIN, y, SMALL, Font::Song, &line);
        c.y += SMALL * 1.5;
    }
    c.y += SMALL * 0.5;
}

/// Column x positions: left edges and the right edge of the last column.
fn column_edges(c: &Cursor<'_>, columns: &[Column]) -> Vec<f32> {
    let width = c.width();
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
fn wrap_row(c: &Cursor<'_>, cells: &[String], edges: &[f32], font: Font) -> Vec<Vec<String>> {
    let metrics = c.metrics(font);
    (0..edges.len().saturating_sub(1))
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
    if c.run.is_none() {
        c.run = Some((top, edges.to_vec()));
        c.line(left, top, right, top);
    }
    c.line(left, top + height, right, top + height);
    c.y = top + height;
}

fn header(c: &mut Cursor<'_>, columns: &[Column], edges: &[f32]) {
    let cells: Vec<String> = columns.iter().map(|col| col.header.clone()).collect();
    let wrapped = wrap_row(c, &cells, edges, Font::Hei);
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

fn table(c: &mut Cursor<'_>, columns: &[Column], rows: &[Vec<String>]) {
    if columns.is_empty() {
        return;
    }
    let edges = column_edges(c, columns);
    if lines_in(c.bottom() - c.y) < 3 {
        c.new_page();
    }
    header(c, columns, &edges);
    for row in rows {
        let wrapped = wrap_row(c, row, &edges, Font::Song);
        let total = wrapped.iter().map(Vec::len).max().unwrap_or(1).max(1);
        let mut done = 0;
        while done < total {
            let room = lines_in(c.bottom() - c.y);
            let needed = total - done;
            // A short row moves to a fresh page whole; a taller one is split where the page
            // ends (at least two of its lines on this page), its rest continuing under the
            // repeated header.
            let keep_whole = done == 0 && needed <= KEEP_WHOLE;
            if room == 0 || (room < needed && (keep_whole || room < 2)) {
                c.new_page();
                header(c, columns, &edges);
                continue;
            }
            let take = needed.min(room).max(1);
            draw_segment(c, &wrapped, &edges, Font::Song, done, done + take);
            done += take;
        }
    }
    c.close_run();
}

fn letter(c: &mut Cursor<'_>, paragraphs: &[String]) {
    c.y += LETTER * 0.5;
    for p in paragraphs {
        // Two ideographic spaces indent the first line, as in every 公文.
        c.lines(&format!("\u{3000}\u{3000}{}", p.trim_start()), LETTER, Font::Song, false, 1.8);
    }
}

fn band(c: &mut Cursor<'_>, text: &str, rgb: Rgb) {
    let height = BAND * 2.2;
    if c.y + height > c.bottom() {
        c.new_page();
    }
    let (x, w, y) = (MARGIN, c.width(), c.y + BAND * 0.3);
    c.page().draws.push(Draw::Fill { x, y, w, h: height - BAND * 0.6, rgb });
    // Dark text on light colours (yellow), white on dark ones (red).
    let [r, g, b] = rgb.map(f32::from);
    let ink = if 0.299 * r + 0.587 * g + 0.114 * b > 150.0 { BLACK } else { WHITE };
    // The text is made smaller where it would not fit the band: never cut.
    let size = BAND.min(w * 0.95 / c.hei.width(text, 1.0).max(f32::EPSILON));
    let tx = x + (w - c.hei.width(text, size)).max(0.0) / 2.0;
    c.text_rgb(tx, y + (height - BAND * 0.6 - size) / 2.0, size, Font::Hei, text, ink);
    c.y += height;
}

fn signature(c: &mut Cursor<'_>, form: &Form) {
    if form.signature.is_empty() {
        return;
    }
    let height = (form.signature.len() as f32) * SMALL * 2.4 + SMALL * 1.5;
    if c.y + height > c.bottom() {
        c.new_page();
    }
    c.y += SMALL * 1.5;
    for line in &form.signature {
        let y = c.y;
        let size = if form.blocks.iter().any(|b| matches!(b, Block::Letter(_))) { LETTER } else { SMALL };
        c.text(MARGIN, y, size, Font::Song, line);
        c.y += SMALL * 2.4;
    }
}

fn page_numbers(c: &mut Cursor<'_>) {
    let total = c.pages.len();
    let (w, h) = c.size;
    for n in 0..total {
        let text = format!("第 {} 页 共 {total} 页", n + 1);
        let x = (w - c.song.width(&text, 9.0)) / 2.0;
        if let Some(page) = c.pages.get_mut(n) {
            page.draws.push(Draw::Text { x, y: h - MARGIN + 6.0, size: 9.0, font: Font::Song, text, rgb: BLACK });
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

    fn form(rows: Vec<Vec<String>>) -> Form {
        Form {
            title: "岗位风险分析和防控措施表".into(),
            subtitle: String::new(),
            particulars: ("单位（公章）：".into(), "填表日期：　　年　月　日".into()),
            blocks: vec![Block::Table {
                columns: vec![
                    Column { header: "序号".into(), weight: 1.0 },
                    Column { header: "风险点".into(), weight: 3.0 },
                    Column { header: "表现形式".into(), weight: 6.0 },
                ],
                rows,
            }],
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

    #[test]
    fn letters_wrap_with_an_indent_and_bands_are_filled_in_the_levels_colour() {
        let (song, hei) = metrics();
        let mut f = form(Vec::new());
        f.blocks = vec![
            Block::Band { text: "一级风险".into(), rgb: [0xC6, 0x28, 0x28] },
            Block::Letter(vec!["本人郑重承诺：".repeat(40), "第二段".into()]),
        ];
        let laid = layout(&f, &song, &hei);
        let draws = &laid.pages[0].draws;
        assert!(draws.iter().any(|d| matches!(d, Draw::Fill { rgb: [0xC6, 0x28, 0x28], .. })));
        assert!(
            draws.iter().any(|d| matches!(d, Draw::Text { text, rgb: [0xFF, 0xFF, 0xFF], .. } if text == "一级风险")),
            "white on red"
        );
        let all: Vec<&str> = texts(&laid.pages[0]);
        assert!(all.iter().any(|t| t.starts_with("\u{3000}\u{3000}本人郑重承诺")), "{all:?}");
        assert!(all.contains(&"\u{3000}\u{3000}第二段"));
    }

    #[test]
    fn a_band_text_wider_than_the_page_is_made_smaller_not_cut() {
        let (song, hei) = metrics();
        let mut f = form(Vec::new());
        let text = "核验码 0949-F026-7C7C-AE6C 0949-F026";
        f.blocks = vec![Block::Band { text: text.into(), rgb: [0x26, 0x32, 0x38] }];
        let laid = layout(&f, &song, &hei);
        let (page_w, _) = laid.size;
        let drawn = laid.pages[0].draws.iter().find_map(|d| match d {
            Draw::Text { x, size, text: t, .. } if t == text => Some((*x, *size)),
            _ => None,
        });
        let (x, size) = drawn.expect("the band's text is drawn whole");
        assert!(size < BAND, "smaller than the band's usual size: {size}");
        assert!(x >= MARGIN && x + hei.width(text, size) <= page_w - MARGIN + 0.5, "inside the band");
    }

    #[test]
    fn several_forms_each_start_a_page_and_count_their_own() {
        let (song, hei) = metrics();
        let long = (1..=80).map(|i| vec![i.to_string(), format!("风险点{i}"), "表现".into()]).collect();
        let laid = layout_all(&[form(long), form(Vec::new())], &song, &hei);
        let n = laid.pages.len();
        assert!(n >= 3);
        let last = texts(&laid.pages[n - 1]);
        assert!(last.contains(&"第 1 页 共 1 页"), "the second form numbers itself: {last:?}");
        assert!(last.contains(&"岗位风险分析和防控措施表"), "and starts with its title");
        let first = texts(&laid.pages[0]);
        assert!(first.contains(&format!("第 1 页 共 {} 页", n - 1).as_str()));
    }
}
