//! One layout engine for every form: a title (and a subtitle naming the subject), a line of
//! particulars (单位（公章）、填表日期), then blocks — ruled tables whose cells wrap and whose rows
//! flow onto further pages with the header row repeated (a tall row is split, never cut),
//! letter paragraphs, or the coloured band of a warning card — the signature block kept together
//! on one page, and 第N页　共M页 on each page. Several forms (one per department, post or
//! person) lay out one after another, each from a fresh page with its own page numbers.
//! Units are points; y grows downwards.

use std::collections::BTreeSet;

use super::metrics::{Metrics, printable};
use super::wrap::wrap;
use crate::domain::levels::Rgb;

pub use super::page::{A4, Draw, Font, Page};
pub use super::sign::{Sign, SignStyle};
const MARGIN: f32 = 56.7; // 2 cm
/// The margins of a page, in points.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Margins {
    top: f32,
    left: f32,
    right: f32,
    bottom: f32,
}
/// Tables: 2 cm all round, for the width they need.
const TABLE_MARGINS: Margins = Margins { top: MARGIN, left: MARGIN, right: MARGIN, bottom: MARGIN };
/// Letters as a 公文 (GB/T 9704): 37 mm top, 28 mm left, a 156 × 225 mm text area.
const LETTER_MARGINS: Margins = Margins { top: 104.9, left: 79.4, right: 73.7, bottom: 99.2 };
const BODY: f32 = 10.5; // 五号
const LINE: f32 = BODY * 1.45;
const PAD: f32 = 3.0;
const TITLE: f32 = 18.0; // 二号 is 22; the tables are dense, so 小二 close
const SMALL: f32 = 10.5;
const LETTER: f32 = 16.0; // 三号, for letters: 27 characters a line in a 公文 text area
const BAND: f32 = 40.0; // the level on a warning card
/// A row at most this many lines tall moves to the next page whole rather than being split.
const KEEP_WHOLE: usize = 4;
pub const BLACK: Rgb = [0, 0, 0];

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
    /// Lines of a document as written, not indented (a 名单 as the plan prints it); set as a
    /// letter is, a long line wrapping under itself.
    Lines(Vec<String>),
    /// A band in a level's colour with large text (the 报送单's code).
    Band { text: String, rgb: Rgb },
    /// A warning sign, laid out as a card of its own (`report::sign`); a form holding one is
    /// that sign only.
    Sign(Sign),
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
        // A sign prints only itself (its title is the file's).
        let mut out = match self.blocks.first() {
            Some(Block::Sign(_)) => Vec::new(),
            _ => vec![self.title.as_str(), self.subtitle.as_str(), &self.particulars.0, &self.particulars.1],
        };
        for block in &self.blocks {
            match block {
                Block::Table { columns, rows } => {
                    out.extend(columns.iter().map(|c| c.header.as_str()));
                    out.extend(rows.iter().flatten().map(String::as_str));
                }
                Block::Letter(paragraphs) | Block::Lines(paragraphs) => {
                    out.extend(paragraphs.iter().map(String::as_str))
                }
                Block::Band { text, .. } => out.push(text),
                Block::Sign(sign) => {
                    out.extend([&sign.heading, &sign.name, &sign.detail, &sign.level].map(String::as_str));
                    for (label, items) in &sign.sections {
                        out.push(label);
                        out.extend(items.iter().map(String::as_str));
                    }
                    out.push(&sign.footer);
                }
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
    m: Margins,
    pages: Vec<Page>,
    y: f32,
    missing: BTreeSet<char>,
    /// The table rows drawn on this page so far: their top and column edges. The column rules
    /// are drawn once over the whole run, not once per row (a third of the bytes of a page).
    run: Option<(f32, Vec<f32>)>,
    /// Where finished pages go before their form is done (a print), and how many went.
    early: Option<Early<'m>>,
}

/// Pages handed on before their form is laid out whole: a print of one long form (100,000
/// rows: 23,000 pages, about 0.2 GB laid out) need not hold its layout until the end. They
/// go without their page numbers, which need the form's page count (`Chunk`).
struct Early<'s> {
    hand: &'s mut dyn FnMut(Vec<Page>),
    handed: usize,
}

/// Pages laid out before a form's end are handed on in batches of this many.
const EARLY_BATCH: usize = 200;

/// What layout hands on, in order: a form's pages whole, or, for a form long enough to be
/// handed on before its end, its pages without their page numbers, then the page numbers of
/// all its pages (one page of draws each, to draw over them).
#[derive(Debug, PartialEq)]
pub enum Chunk {
    Whole(Vec<Page>),
    Unnumbered(Vec<Page>),
    Numbers(Vec<Page>),
}

impl<'m> Cursor<'m> {
    fn bottom(&self) -> f32 {
        self.size.1 - self.m.bottom - LINE // room for the page number
    }

    fn width(&self) -> f32 {
        self.size.0 - self.m.left - self.m.right
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
        // A finished page lets go of the room its list grew into (a third of a large print's
        // layout), keeping room for the page number drawn once the form's pages are counted.
        if let Some(done) = self.pages.last_mut() {
            done.draws.shrink_to(done.draws.len() + 1);
        }
        if let Some(early) = self.early.as_mut().filter(|_| self.pages.len() >= EARLY_BATCH) {
            early.handed += self.pages.len();
            (early.hand)(std::mem::take(&mut self.pages));
        }
        self.pages.push(Page::default());
        self.y = self.m.top;
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
        self.page().draws.push(Draw::Text { x, y, size, font, text: text.into(), rgb, turned: false });
    }

    fn line(&mut self, x1: f32, y1: f32, x2: f32, y2: f32) {
        self.page().draws.push(Draw::Line { x1, y1, x2, y2 });
    }

    /// Wrapped lines of `text` across the page, centred or from the left margin.
    fn lines(&mut self, text: &str, size: f32, font: Font, centred: bool, leading: f32) {
        self.lines_keeping(text, size, font, centred, leading, 0.0);
    }

    /// As `lines`; its last two lines keep company with `keep` points of what follows (the
    /// signature block): where they would not fit together, those lines start a new page.
    fn lines_keeping(&mut self, text: &str, size: f32, font: Font, centred: bool, leading: f32, keep: f32) {
        let width = self.width();
        let lines = wrap(self.metrics(font), text, width, size);
        let count = lines.len();
        let last_two = count.saturating_sub(2);
        for (i, line) in lines.into_iter().enumerate() {
            let fresh = (self.y - self.m.top).abs() < f32::EPSILON;
            let rest = (count - i) as f32 * size * leading;
            let parted = keep > 0.0 && i == last_two && !fresh && self.y + rest + keep > self.bottom();
            if parted || self.y + size * leading > self.bottom() {
                self.new_page();
            }
            let left = self.m.left;
            let x = if centred { left + (width - self.metrics(font).width(&line, size)) / 2.0 } else { left };
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
    lay_out_in(forms.iter().map(FormIn::Kept), page_size(forms), song, hei)
}

/// The page size of `forms` (the first one's orientation: one document, one size).
pub fn page_size(forms: &[Form]) -> (f32, f32) {
    if forms.first().is_some_and(|f| f.landscape) { (A4.1, A4.0) } else { A4 }
}

/// As `layout_all` on pages of `size`, letting each table row go once it is laid out (the
/// forms are left with their tables' rows empty) and handing the pages to `out` as they are
/// done: a form's pages once it is laid out (each form numbers its own pages), a long form's
/// also on the way, a batch at a time, with their numbers after (`Chunk`). A print holds no
/// more than a batch of pages laid out; returns the characters no font has. Stops at the
/// first error of `out`.
pub fn layout_spending_each<E>(
    forms: &mut [Form],
    size: (f32, f32),
    song: &Metrics,
    hei: &Metrics,
    out: impl FnMut(Chunk) -> Result<(), E>,
) -> Result<BTreeSet<char>, E> {
    let mut missing = BTreeSet::new();
    lay_out_forms(forms.iter_mut().map(FormIn::Spent), size, song, hei, &mut missing, true, out)?;
    Ok(missing)
}

/// A form as layout reads it: borrowed (the preview keeps its forms), or owned by the caller
/// and its table rows emptied as they are laid out.
enum FormIn<'f> {
    Kept(&'f Form),
    Spent(&'f mut Form),
}

impl FormIn<'_> {
    fn form(&self) -> &Form {
        match self {
            Self::Kept(f) => f,
            Self::Spent(f) => f,
        }
    }

    /// The table that is block `b`, if it is one.
    fn table(&mut self, b: usize) -> Option<(&[Column], Rows<'_>)> {
        match self {
            Self::Kept(f) => match f.blocks.get(b) {
                Some(Block::Table { columns, rows }) => Some((columns, Rows::Kept(rows))),
                _ => None,
            },
            Self::Spent(f) => match f.blocks.get_mut(b) {
                Some(Block::Table { columns, rows }) => Some((columns, Rows::Spent(rows))),
                _ => None,
            },
        }
    }
}

/// A table's rows as `FormIn` gives them.
enum Rows<'r> {
    Kept(&'r [Vec<String>]),
    Spent(&'r mut [Vec<String>]),
}

impl Rows<'_> {
    fn all(&self) -> &[Vec<String>] {
        match self {
            Self::Kept(rows) => rows,
            Self::Spent(rows) => rows,
        }
    }

    /// Row `r` is laid out: an owned one is let go.
    fn spend(&mut self, r: usize) {
        if let Self::Spent(rows) = self
            && let Some(row) = rows.get_mut(r)
        {
            *row = Vec::new();
        }
    }
}

fn lay_out_in<'f>(forms: impl Iterator<Item = FormIn<'f>>, size: (f32, f32), song: &Metrics, hei: &Metrics) -> Laid {
    let (mut pages, mut missing) = (Vec::new(), BTreeSet::new());
    let Ok(()) = lay_out_forms(forms, size, song, hei, &mut missing, false, |chunk| {
        if let Chunk::Whole(mut more) = chunk {
            pages.append(&mut more);
        }
        Ok::<(), std::convert::Infallible>(())
    });
    Laid { pages, size, missing }
}

/// Lays out each form from a fresh page and hands its pages to `out`.
/// `early`: hand on the pages of a long form before its end (`Chunk`); else only whole forms.
fn lay_out_forms<'f, E>(
    forms: impl Iterator<Item = FormIn<'f>>,
    size: (f32, f32),
    song: &Metrics,
    hei: &Metrics,
    missing: &mut BTreeSet<char>,
    early: bool,
    mut out: impl FnMut(Chunk) -> Result<(), E>,
) -> Result<(), E> {
    for mut form in forms {
        if let Some(Block::Sign(sign)) = form.form().blocks.first() {
            out(Chunk::Whole(super::sign::lay_out(sign, song, hei, missing)))?;
            continue;
        }
        // The first error of `out` on the way stops handing on; it is returned after the form.
        let mut failed = None;
        let mut hand = |pages: Vec<Page>| {
            if failed.is_none() {
                failed = out(Chunk::Unnumbered(pages)).err();
            }
        };
        let early = early.then_some(Early { hand: &mut hand, handed: 0 });
        let m = if is_document(form.form()) { LETTER_MARGINS } else { TABLE_MARGINS };
        let mut c =
            Cursor { song, hei, size, m, pages: Vec::new(), y: m.top, missing: BTreeSet::new(), run: None, early };
        c.new_page();
        heading(&mut c, form.form());
        let blocks = form.form().blocks.len();
        let signature_tail = signature_height(form.form());
        for b in 0..blocks {
            let tail = if b + 1 == blocks { signature_tail } else { 0.0 };
            if let Some((columns, rows)) = form.table(b) {
                table(&mut c, columns, rows, tail);
                continue;
            }
            match form.form().blocks.get(b) {
                Some(Block::Letter(paragraphs)) => letter(&mut c, paragraphs, tail),
                Some(Block::Lines(lines)) => written_lines(&mut c, lines, tail),
                Some(Block::Band { text, rgb }) => band(&mut c, text, *rgb),
                // Tables above; a signature page is laid out on its own above.
                Some(Block::Table { .. } | Block::Sign(_)) | None => {}
            }
        }
        signature(&mut c, form.form());
        missing.append(&mut c.missing);
        let handed = c.early.take().map_or(0, |e| e.handed);
        let mut rest = std::mem::take(&mut c.pages);
        drop(c);
        if let Some(e) = failed {
            return Err(e);
        }
        if handed == 0 {
            number_pages(&mut rest, size, song, m);
            out(Chunk::Whole(rest))?;
        } else {
            let total = handed + rest.len();
            out(Chunk::Unnumbered(rest))?;
            let mut numbers: Vec<Page> = (0..total).map(|_| Page::default()).collect();
            number_pages(&mut numbers, size, song, m);
            out(Chunk::Numbers(numbers))?;
        }
    }
    Ok(())
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
    let x = c.size.0 - c.m.right - right_width;
    c.text(x, y, SMALL, Font::Song, right);
    for line in left_lines {
        let y = c.y;
        c.text(c.m.left, y, SMALL, Font::Song, &line);
        c.y += SMALL * 1.5;
    }
    c.y += SMALL * 0.5;
}

/// Column x positions: left edges and the right edge of the last column, the widths shared
/// out by the content (`columns::widths`).
fn column_edges(c: &Cursor<'_>, columns: &[Column], rows: &[Vec<String>]) -> Vec<f32> {
    let text = super::columns::Text { song: c.song, hei: c.hei, size: BODY, pad: PAD };
    let mut x = c.m.left;
    let mut edges = vec![x];
    for w in super::columns::widths(c.width(), columns, rows, &text) {
        x += w;
        edges.push(x);
    }
    edges
}

/// Where a column's text sits in its cell.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Align {
    Left,
    Centre,
    Right,
}

/// A table being laid out: its columns' edges and alignments.
struct Grid<'a> {
    columns: &'a [Column],
    edges: Vec<f32>,
    aligns: Vec<Align>,
    /// The first column numbers the rows (序号): a row continued on the next page repeats its
    /// number there, marked （续）.
    numbered: bool,
}

impl<'a> Grid<'a> {
    fn new(c: &Cursor<'_>, columns: &'a [Column], rows: &[Vec<String>]) -> Self {
        let numbered = columns.first().is_some_and(|col| col.header == "序号");
        let aligns = (0..columns.len())
            .map(|i| {
                let mut cells = rows.iter().filter_map(|r| r.get(i)).filter(|t| !t.is_empty()).peekable();
                let numeric = cells.peek().is_some() && cells.all(|t| t.chars().all(|ch| ch.is_ascii_digit()));
                match (i, numeric) {
                    (0, _) if numbered => Align::Centre,
                    (_, true) => Align::Right,
                    _ => Align::Left,
                }
            })
            .collect();
        Self { columns, edges: column_edges(c, columns, rows), aligns, numbered }
    }

    /// Every cell of a row wrapped to its column.
    fn wrap_row(&self, c: &Cursor<'_>, cells: &[String], font: Font) -> Vec<Vec<String>> {
        let metrics = c.metrics(font);
        (0..self.edges.len().saturating_sub(1))
            .map(|i| {
                let w = self.width(i) - 2.0 * PAD;
                wrap(metrics, cells.get(i).map_or("", String::as_str), w.max(BODY), BODY)
            })
            .collect()
    }

    fn width(&self, i: usize) -> f32 {
        self.edges.get(i + 1).copied().unwrap_or(MARGIN) - self.edges.get(i).copied().unwrap_or(MARGIN)
    }

    /// Where a line of `width` points starts in column `i` aligned as `align`.
    fn x(&self, i: usize, align: Align, width: f32) -> f32 {
        let left = self.edges.get(i).copied().unwrap_or(MARGIN);
        match align {
            Align::Left => left + PAD,
            Align::Centre => left + (self.width(i) - width).max(0.0) / 2.0,
            Align::Right => left + (self.width(i) - PAD - width).max(PAD),
        }
    }

    /// Draws `lines[from..to]` of each cell as one row segment at the cursor, ruled. A segment
    /// that continues a row (`from > 0`) shows the row's number and （续） in a 序号 column.
    fn draw_segment(&self, c: &mut Cursor<'_>, cells: &[Vec<String>], font: Font, from: usize, to: usize) {
        let top = c.y;
        let height = (to - from) as f32 * LINE + 2.0 * PAD;
        let header = font == Font::Hei;
        for (i, lines) in cells.iter().enumerate() {
            let align = if header { Align::Centre } else { self.aligns.get(i).copied().unwrap_or(Align::Left) };
            let continued = from > 0 && i == 0 && self.numbered;
            let shown: Vec<&str> = if continued {
                let mark =
                    if c.song.width("（续）", BODY) + 2.0 * PAD <= self.width(0) { "（续）" } else { "续" };
                lines.first().map(String::as_str).into_iter().chain([mark]).collect()
            } else {
                lines.iter().skip(from).take(to - from).map(String::as_str).collect()
            };
            for (k, line) in shown.into_iter().enumerate() {
                let x = self.x(i, align, c.metrics(font).width(line, BODY));
                c.text(x, top + PAD + k as f32 * LINE, BODY, font, line);
            }
        }
        let (left, right) =
            (self.edges.first().copied().unwrap_or(MARGIN), self.edges.last().copied().unwrap_or(MARGIN));
        if c.run.is_none() {
            c.run = Some((top, self.edges.clone()));
            c.line(left, top, right, top);
        }
        c.line(left, top + height, right, top + height);
        c.y = top + height;
    }

    fn header(&self, c: &mut Cursor<'_>) {
        let cells: Vec<String> = self.columns.iter().map(|col| col.header.clone()).collect();
        let wrapped = self.wrap_row(c, &cells, Font::Hei);
        let n = wrapped.iter().map(Vec::len).max().unwrap_or(1);
        self.draw_segment(c, &wrapped, Font::Hei, 0, n);
    }
}

/// How many text lines fit in `height` points (none when there is no room).
fn lines_in(height: f32) -> usize {
    let n = ((height - 2.0 * PAD) / LINE).floor();
    // A page holds a few dozen lines: the conversion cannot truncate; negative means none.
    #[expect(clippy::cast_possible_truncation, clippy::cast_sign_loss, reason = "checked finite and positive; small")]
    if n.is_finite() && n > 0.0 { n as usize } else { 0 }
}

/// Lays out a table. `tail`: the height of what must follow the last row on its page (the
/// signature block), so that it never stands alone on a page.
fn table(c: &mut Cursor<'_>, columns: &[Column], mut rows: Rows<'_>, tail: f32) {
    if columns.is_empty() {
        return;
    }
    let grid = Grid::new(c, columns, rows.all());
    if lines_in(c.bottom() - c.y) < 3 {
        c.new_page();
    }
    grid.header(c);
    let count = rows.all().len();
    for r in 0..count {
        let wrapped = grid.wrap_row(c, rows.all().get(r).map_or(&[][..], Vec::as_slice), Font::Song);
        rows.spend(r);
        let total = wrapped.iter().map(Vec::len).max().unwrap_or(1).max(1);
        let last_row = r + 1 == count;
        let (mut done, mut fresh) = (0, false);
        while done < total {
            let room = lines_in(c.bottom() - c.y);
            let mut take = segment(room, done, total, last_row.then(|| lines_in(c.bottom() - c.y - tail)));
            if take == 0 && fresh {
                // A fresh page that cannot keep the rules (a header nearly a page tall): print
                // what fits rather than turn pages for ever.
                take = (total - done).min(room.max(1));
            }
            fresh = take == 0;
            if take == 0 {
                c.new_page();
                grid.header(c);
                continue;
            }
            grid.draw_segment(c, &wrapped, Font::Song, done, done + take);
            done += take;
        }
    }
    c.close_run();
}

/// How many of a row's lines `done..total` go on this page, which has `room` lines (and
/// `with_tail` lines, for the last row, if what follows the table must fit too); 0 means: start
/// a new page. A short row is never split; a split leaves at least two lines on each side (no
/// single line left behind or carried over); the last row keeps the signature company.
fn segment(room: usize, done: usize, total: usize, with_tail: Option<usize>) -> usize {
    let needed = total - done;
    let fits_with_tail = with_tail.is_none_or(|t| needed <= t);
    if needed <= room && fits_with_tail {
        return needed;
    }
    let keep_whole = done == 0 && needed <= KEEP_WHOLE;
    // What may go here: all but two lines (they go over, with the signature if the row is last).
    let most = if needed <= room { needed.saturating_sub(2) } else { room.min(needed.saturating_sub(2)) };
    if keep_whole || most < 2 { 0 } else { most }
}

/// Paragraphs of a letter; `tail`: the height of the signature block when it follows, which
/// the last two lines of the last paragraph keep company with.
fn letter(c: &mut Cursor<'_>, paragraphs: &[String], tail: f32) {
    // Two ideographic spaces indent the first line, as in every 公文.
    let indented: Vec<String> = paragraphs.iter().map(|p| format!("\u{3000}\u{3000}{}", p.trim_start())).collect();
    written_lines(c, &indented, tail);
}

/// Lines as written, in a letter's type; the last keeps company with the signature.
fn written_lines(c: &mut Cursor<'_>, lines: &[String], tail: f32) {
    c.y += LETTER * 0.5;
    let n = lines.len();
    for (i, line) in lines.iter().enumerate() {
        let keep = if i + 1 == n { tail } else { 0.0 };
        c.lines_keeping(line, LETTER, Font::Song, false, 1.8, keep);
    }
}

/// A letter or a written document (not a table): 公文 margins and a letter's signature block.
fn is_document(form: &Form) -> bool {
    form.blocks.iter().any(|b| matches!(b, Block::Letter(_) | Block::Lines(_)))
}

fn band(c: &mut Cursor<'_>, text: &str, rgb: Rgb) {
    let height = BAND * 2.2;
    if c.y + height > c.bottom() {
        c.new_page();
    }
    let (x, w, y) = (c.m.left, c.width(), c.y + BAND * 0.3);
    c.page().draws.push(Draw::Fill { x, y, w, h: height - BAND * 0.6, rgb });
    // Black or white, whichever contrasts more (at least 4.5 : 1 on any colour).
    let ink = crate::domain::levels::ink_on(rgb);
    // The text is made smaller where it would not fit the band: never cut.
    let size = BAND.min(w * 0.95 / c.hei.width(text, 1.0).max(f32::EPSILON));
    let tx = x + (w - c.hei.width(text, size)).max(0.0) / 2.0;
    c.text_rgb(tx, y + (height - BAND * 0.6 - size) / 2.0, size, Font::Hei, text, ink);
    c.y += height;
}

/// The signature block's type size and the distance between its lines: a table's block in
/// 五号 at the left; a letter's in 三号 on the right half, with room to sign on each line.
fn signature_style(form: &Form) -> (f32, f32) {
    if is_document(form) { (LETTER, LETTER * 2.6) } else { (SMALL, SMALL * 2.4) }
}

/// The height of the signature block (none without one).
fn signature_height(form: &Form) -> f32 {
    let (size, step) = signature_style(form);
    if form.signature.is_empty() { 0.0 } else { (form.signature.len() as f32) * step + size * 1.5 }
}

fn signature(c: &mut Cursor<'_>, form: &Form) {
    if form.signature.is_empty() {
        return;
    }
    let height = signature_height(form);
    if c.y + height > c.bottom() {
        c.new_page();
    }
    let (size, step) = signature_style(form);
    let letter = size > SMALL;
    c.y += size * 1.5;
    for line in &form.signature {
        let (left, width) = (c.m.left, c.width());
        let x =
            if letter { (left + width * 0.45).min(left + width - c.song.width(line, size)).max(left) } else { left };
        let y = c.y;
        c.text(x, y, size, Font::Song, line);
        c.y += step;
    }
}

/// 第N页　共M页 at the foot of each of a form's `pages`.
fn number_pages(pages: &mut [Page], (w, h): (f32, f32), song: &Metrics, m: Margins) {
    let total = pages.len();
    for n in 0..total {
        let text = format!("第{}页\u{3000}共{total}页", n + 1);
        let x = (w - song.width(&text, 9.0)) / 2.0;
        if let Some(page) = pages.get_mut(n) {
            let y = h - m.bottom + 6.0;
            page.draws.push(Draw::Text {
                x,
                y,
                size: 9.0,
                font: Font::Song,
                text: text.into(),
                rgb: BLACK,
                turned: false,
            });
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
        page.draws.iter().filter_map(|d| if let Draw::Text { text, .. } = d { Some(&**text) } else { None }).collect()
    }

    /// A form longer than a batch is handed on as it goes, without page numbers, then its
    /// numbers: drawn over those pages, they are the pages laid out whole.
    #[test]
    fn a_long_form_is_handed_on_before_its_end_and_numbered_after() {
        let (song, hei) = metrics();
        let rows: Vec<Vec<String>> =
            (1..=6_000).map(|i| vec![i.to_string(), format!("风险点{i}"), "表现形式较长".repeat(i % 9 + 8)]).collect();
        let forms = vec![form(rows.clone()), form(rows.iter().take(20).cloned().collect()), form(rows)];
        let kept = layout_all(&forms, &song, &hei);
        let mut spent = forms.clone();
        let (mut laid, mut unnumbered, mut batches) = (Vec::new(), 0, 0);
        let missing = layout_spending_each(&mut spent, page_size(&forms), &song, &hei, |chunk| {
            match chunk {
                Chunk::Whole(mut pages) => laid.append(&mut pages),
                Chunk::Unnumbered(mut pages) => {
                    assert!(pages.len() <= EARLY_BATCH + 1);
                    (unnumbered, batches) = (unnumbered + pages.len(), batches + 1);
                    laid.append(&mut pages);
                }
                Chunk::Numbers(numbers) => {
                    assert_eq!(numbers.len(), unnumbered, "a number for each page handed on");
                    let first = laid.len() - unnumbered;
                    for (page, number) in laid[first..].iter_mut().zip(numbers) {
                        page.draws.extend(number.draws);
                    }
                    unnumbered = 0;
                }
            }
            Ok::<(), ()>(())
        });
        assert_eq!(missing, Ok(kept.missing.clone()));
        assert!(batches >= 4 && kept.pages.len() > 2 * EARLY_BATCH, "{batches} batches, {} pages", kept.pages.len());
        assert!(kept.pages == laid, "{} vs {} pages", kept.pages.len(), laid.len());
    }

    /// A print that lets its rows go as they are laid out gives the same pages as the preview.
    #[test]
    fn spending_the_rows_lays_out_the_same_pages() {
        let (song, hei) = metrics();
        let rows: Vec<Vec<String>> =
            (1..=150).map(|i| vec![i.to_string(), format!("风险点{i}"), "表现形式较长".repeat(i % 9)]).collect();
        let forms = vec![form(rows.clone()), form(rows)];
        let kept = layout_all(&forms, &song, &hei);
        let mut spent = forms.clone();
        let mut laid = Vec::new();
        let missing = layout_spending_each(&mut spent, page_size(&forms), &song, &hei, |chunk| match chunk {
            Chunk::Whole(mut pages) => {
                laid.append(&mut pages);
                Ok(())
            }
            other => Err(other),
        });
        assert_eq!(missing, Ok(kept.missing.clone()), "short forms are handed on whole");
        assert!(kept.pages.len() > 4 && kept.pages == laid, "{} vs {} pages", kept.pages.len(), laid.len());
        let left: usize = spent
            .iter()
            .flat_map(|f| &f.blocks)
            .map(|b| if let Block::Table { rows, .. } = b { rows.iter().map(Vec::len).sum() } else { 0 })
            .sum();
        assert_eq!(left, 0, "every row was let go");
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
            assert!(t.contains(&format!("第{}页\u{3000}共{}页", n + 1, laid.pages.len()).as_str()));
        }
        let all: Vec<&str> = laid.pages.iter().flat_map(texts).collect();
        for i in 1..=120 {
            assert!(all.contains(&format!("风险点{i}").as_str()), "row {i} printed");
        }
        assert!(all.iter().any(|t| t.starts_with("填表人（签字）")), "signature block printed");
    }

    /// The body texts drawn in the column that starts at `x0` (up to `x1`).
    fn column_texts(page: &Page, x0: f32, x1: f32) -> Vec<&str> {
        page.draws
            .iter()
            .filter_map(|d| match d {
                Draw::Text { x, text, size, .. } if *x >= x0 && *x < x1 && (*size - BODY).abs() < 0.01 => Some(&**text),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn four_digit_numbers_and_short_headers_are_never_broken() {
        let (song, hei) = metrics();
        let mut f = form((995..=1012).map(|i| vec![i.to_string(), format!("风险点{i}"), "表现".into()]).collect());
        if let Block::Table { columns, .. } = &mut f.blocks[0] {
            columns[0].weight = 0.1; // far too narrow by weight
            columns.push(Column { header: "风险等级".into(), weight: 0.1 });
        }
        let laid = layout(&f, &song, &hei);
        let edges = column_edges(
            &Cursor {
                song: &song,
                hei: &hei,
                size: A4,
                m: TABLE_MARGINS,
                pages: Vec::new(),
                y: 0.0,
                missing: BTreeSet::new(),
                run: None,
                early: None,
            },
            match &f.blocks[0] {
                Block::Table { columns, .. } => columns,
                _ => unreachable!(),
            },
            match &f.blocks[0] {
                Block::Table { rows, .. } => rows,
                _ => unreachable!(),
            },
        );
        let numbers = column_texts(&laid.pages[0], edges[0], edges[1]);
        for i in 995..=1012 {
            assert!(numbers.contains(&i.to_string().as_str()), "{i} whole: {numbers:?}");
        }
        let all = texts(&laid.pages[0]);
        assert!(all.contains(&"风险等级") && all.contains(&"序号"), "{all:?}");
    }

    #[test]
    fn numbers_are_right_aligned_and_the_serial_number_centred() {
        let (song, hei) = metrics();
        let mut f = form(vec![vec!["1".into(), "7".into(), "甲".into()], vec!["2".into(), "1234".into(), "乙".into()]]);
        if let Block::Table { columns, .. } = &mut f.blocks[0] {
            columns[1].header = "风险点数".into();
        }
        let laid = layout(&f, &song, &hei);
        let right_edge = |t: &str| {
            laid.pages[0].draws.iter().find_map(|d| match d {
                Draw::Text { x, text, size, .. } if **text == *t && (*size - BODY).abs() < 0.01 => {
                    Some(x + song.width(t, BODY))
                }
                _ => None,
            })
        };
        let (a, b) = (right_edge("7").unwrap(), right_edge("1234").unwrap());
        assert!((a - b).abs() < 0.01, "numbers end at the same x: {a} {b}");
        let (one, two) = (right_edge("1").unwrap(), right_edge("2").unwrap());
        assert!(one > MARGIN + PAD + song.width("1", BODY) + 1.0 && (one - two).abs() < 0.5, "序号 centred");
    }

    #[test]
    fn a_split_row_leaves_and_carries_at_least_two_lines() {
        for total in 1..40 {
            for done in 0..total {
                for room in 0_usize..30 {
                    for tail in [None, Some(room.saturating_sub(3))] {
                        let take = segment(room, done, total, tail);
                        let needed = total - done;
                        assert!(take <= needed && take <= room, "{room} {done} {total}: {take}");
                        if take > 0 && take < needed {
                            assert!(take >= 2 && needed - take >= 2, "{room} {done} {total} {tail:?}: {take}");
                        }
                        if done == 0 && needed <= KEEP_WHOLE {
                            assert!(take == 0 || take == needed, "a short row is never split");
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn a_continued_row_repeats_its_number_with_a_mark() {
        let (song, hei) = metrics();
        let mut rows: Vec<Vec<String>> =
            (1..=30).map(|i| vec![i.to_string(), format!("风险点{i}"), "表现".into()]).collect();
        rows.push(vec!["31".into(), "长风险点".into(), "对不合规票据审核不严，人情放行。".repeat(150)]);
        let laid = layout(&form(rows), &song, &hei);
        let continued = laid.pages.iter().skip(1).any(|p| {
            let t = texts(p);
            t.windows(2).any(|w| w == ["31", "（续）"] || w == ["31", "续"])
        });
        assert!(continued, "{:?}", laid.pages.iter().map(texts).collect::<Vec<_>>());
    }

    #[test]
    fn the_signature_never_stands_alone_on_a_page() {
        let (song, hei) = metrics();
        for n in 20..=80 {
            let rows = (1..=n).map(|i| vec![i.to_string(), format!("风险点{i}"), "表现形式".repeat(5)]).collect();
            let laid = layout(&form(rows), &song, &hei);
            let last = texts(laid.pages.last().unwrap());
            assert!(last.iter().any(|t| t.starts_with("填表人（签字）")), "{n}: signature on the last page");
            assert!(last.contains(&format!("风险点{n}").as_str()), "{n} rows: the last row keeps it company: {last:?}");
        }
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
                Draw::Text { text, size, .. } if (*size - BODY).abs() < 0.01 => Some(&**text),
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
            draws
                .iter()
                .any(|d| matches!(d, Draw::Text { text, rgb: [0xFF, 0xFF, 0xFF], .. } if &**text == "一级风险")),
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
            Draw::Text { x, size, text: t, .. } if **t == *text => Some((*x, *size)),
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
        assert!(last.contains(&"第1页\u{3000}共1页"), "the second form numbers itself: {last:?}");
        assert!(last.contains(&"岗位风险分析和防控措施表"), "and starts with its title");
        let first = texts(&laid.pages[0]);
        assert!(first.contains(&format!("第1页\u{3000}共{}页", n - 1).as_str()));
    }
}
