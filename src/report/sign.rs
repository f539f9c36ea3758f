//! The 廉政风险警示牌 as signs: a wall sign (A4 portrait) and a desk sign (an A4 sheet folded
//! into a tent: two A5-landscape faces, the far one upside down so that both read upright on
//! the desk). The name and the level are large enough to read across a room (name ≥ 28 pt,
//! level ≥ 60 pt); the level's colour carries black or white ink, whichever contrasts more
//! (≥ 4.5 : 1); the rest is set as large as the card allows. Nothing is cut: what does not fit
//! at the smallest size flows onto a further page.

use std::collections::BTreeSet;

use super::metrics::{Metrics, printable};
use super::page::{A4, Draw, Font, Page};
use super::wrap::wrap;
use crate::domain::levels::{Rgb, ink_on};

const BLACK: Rgb = [0, 0, 0];
const GREY: Rgb = [0x75, 0x75, 0x75];

/// A 廉政风险警示牌: read from across a room, on a wall or folded on a desk.
#[derive(Clone, Debug, PartialEq)]
pub struct Sign {
    pub style: SignStyle,
    /// 廉政风险警示牌
    pub heading: String,
    /// The department or post, in large type.
    pub name: String,
    /// The department of a post, who holds it.
    pub detail: String,
    /// 一级风险, in the level's colour.
    pub level: String,
    pub rgb: Rgb,
    /// Labelled lists: 主要风险点, 防控措施, 分级管理, 监督举报.
    pub sections: Vec<(String, Vec<String>)>,
    /// 制牌单位 and 制牌日期.
    pub footer: String,
}

/// Where a sign stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SignStyle {
    /// 墙牌: an A4 portrait sheet.
    Wall,
    /// 桌牌: an A4 sheet folded into a tent, an A5-landscape face on each side.
    Desk,
}

/// The sizes of one kind of sign, in points.
struct Sheet {
    /// The face: the whole sheet (wall) or half of it (desk).
    face: (f32, f32),
    margin: f32,
    heading: f32,
    name: f32,
    detail: f32,
    level: f32,
    /// The body sizes tried, largest first.
    body: &'static [f32],
    footer: f32,
}

const WALL: Sheet = Sheet {
    face: A4,
    margin: 42.0,
    heading: 28.0,
    name: 36.0,
    detail: 15.0,
    level: 80.0,
    body: &[20.0, 18.0, 16.0, 14.0, 12.0],
    footer: 11.0,
};

const DESK: Sheet = Sheet {
    face: (A4.0, A4.1 / 2.0),
    margin: 28.0,
    heading: 14.0,
    name: 32.0,
    detail: 13.0,
    level: 66.0,
    body: &[15.0, 14.0, 13.0, 12.0, 11.0],
    footer: 9.0,
};

/// The smallest name and level sizes: below these a sign is not read from across a room.
const MIN_NAME: f32 = 28.0;
const MIN_LEVEL: f32 = 60.0;

/// The sign's pages: one sheet, and more only if its text cannot fit at the smallest size.
pub fn lay_out(sign: &Sign, song: &Metrics, hei: &Metrics, missing: &mut BTreeSet<char>) -> Vec<Page> {
    let measure = match sign.style {
        SignStyle::Wall => &WALL,
        SignStyle::Desk => &DESK,
    };
    let mut pen = Pen { song, hei, measure, faces: vec![Vec::new()], y: measure.margin, missing };
    pen.face(sign);
    let mut faces = pen.faces.into_iter();
    let first = faces.next().unwrap_or_default();
    let mut pages = vec![match sign.style {
        SignStyle::Wall => Page { draws: first },
        SignStyle::Desk => Page { draws: folded(first) },
    }];
    pages.extend(faces.map(|draws| Page { draws }));
    pages
}

/// A desk sign's sheet: the face on the lower half, the same face upside down on the upper
/// half, and the fold between them.
fn folded(face: Vec<Draw>) -> Vec<Draw> {
    let (w, h) = A4;
    let half = h / 2.0;
    let lower: Vec<Draw> = face.into_iter().map(|d| shifted(d, half)).collect();
    let mut out: Vec<Draw> = lower.iter().cloned().map(|d| turned(d, (w, h))).collect();
    out.extend(lower);
    // The fold: a light dashed line across the middle.
    let mut x = 0.0;
    while x < w {
        out.push(Draw::Line { x1: x, y1: half, x2: (x + 6.0).min(w), y2: half });
        x += 12.0;
    }
    out
}

fn shifted(d: Draw, dy: f32) -> Draw {
    match d {
        Draw::Text { x, y, size, font, text, rgb, turned } => {
            Draw::Text { x, y: y + dy, size, font, text, rgb, turned }
        }
        Draw::Line { x1, y1, x2, y2 } => Draw::Line { x1, y1: y1 + dy, x2, y2: y2 + dy },
        Draw::Fill { x, y, w, h, rgb } => Draw::Fill { x, y: y + dy, w, h, rgb },
    }
}

/// `d` as it lands when the page is turned upside down.
fn turned(d: Draw, (pw, ph): (f32, f32)) -> Draw {
    match d {
        Draw::Text { x, y, size, font, text, rgb, turned } => {
            Draw::Text { x, y, size, font, text, rgb, turned: !turned }
        }
        Draw::Line { x1, y1, x2, y2 } => Draw::Line { x1: pw - x1, y1: ph - y1, x2: pw - x2, y2: ph - y2 },
        Draw::Fill { x, y, w, h, rgb } => Draw::Fill { x: pw - x - w, y: ph - y - h, w, h, rgb },
    }
}

/// Draws a face from the top down; a face that is full continues on a fresh one.
struct Pen<'a> {
    song: &'a Metrics,
    hei: &'a Metrics,
    measure: &'a Sheet,
    faces: Vec<Vec<Draw>>,
    y: f32,
    missing: &'a mut BTreeSet<char>,
}

impl<'a> Pen<'a> {
    fn metrics(&self, font: Font) -> &'a Metrics {
        if font == Font::Hei { self.hei } else { self.song }
    }

    fn width(&self) -> f32 {
        self.measure.face.0 - 2.0 * self.measure.margin
    }

    fn bottom(&self) -> f32 {
        self.measure.face.1 - self.measure.margin
    }

    fn draws(&mut self) -> &mut Vec<Draw> {
        if self.faces.is_empty() {
            self.faces.push(Vec::new());
        }
        let last = self.faces.len() - 1;
        &mut self.faces[last]
    }

    fn put(&mut self, x: f32, size: f32, font: Font, text: &str, rgb: Rgb) {
        let text = printable(self.metrics(font), text, self.missing);
        let y = self.y;
        self.draws().push(Draw::Text { x, y, size, font, text: text.into(), rgb, turned: false });
    }

    /// `text` wrapped to the face, centred or from the left (indented by `indent`), each line
    /// `leading` × size below the last; past the bottom it goes on on a fresh face (an A4 page).
    fn lines(&mut self, text: &str, size: f32, font: Font, centred: bool, indent: f32, leading: f32) {
        let width = self.width() - indent;
        for line in wrap(self.metrics(font), text, width, size) {
            if self.y + size > self.bottom() {
                self.faces.push(Vec::new());
                self.measure = &WALL; // a continuation is a plain A4 page
                self.y = self.measure.margin;
            }
            let left = self.measure.margin + indent;
            let x = if centred { left + (width - self.metrics(font).width(&line, size)).max(0.0) / 2.0 } else { left };
            self.put(x, size, font, &line, BLACK);
            self.y += size * leading;
        }
    }

    /// How tall `text` is wrapped at `size` across the face less `indent`.
    fn height(&self, text: &str, size: f32, font: Font, indent: f32, leading: f32) -> f32 {
        wrap(self.metrics(font), text, self.width() - indent, size).len() as f32 * size * leading
    }

    /// The largest size from `size` down to `least` at which `text` takes at most `lines` lines.
    fn fitted(&self, text: &str, font: Font, size: f32, least: f32, lines: usize) -> f32 {
        let mut s = size;
        while s > least && wrap(self.metrics(font), text, self.width(), s).len() > lines {
            s -= 2.0;
        }
        s.max(least)
    }

    fn face(&mut self, sign: &Sign) {
        let m = self.measure;
        self.lines(&sign.heading, m.heading, Font::Hei, true, 0.0, 1.5);
        let name = self.fitted(&sign.name, Font::Hei, m.name, MIN_NAME, 1);
        self.lines(&sign.name, name, Font::Hei, true, 0.0, 1.3);
        if !sign.detail.is_empty() {
            self.lines(&sign.detail, m.detail, Font::Song, true, 0.0, 1.5);
        }
        self.band(&sign.level, sign.rgb);
        let footer = m.footer * 2.0;
        let room = self.bottom() - self.y - footer;
        let body = m.body.iter().copied().find(|s| self.body_height(sign, *s) <= room);
        self.body(sign, body.unwrap_or_else(|| m.body.last().copied().unwrap_or(12.0)));
        // The footer at the foot of the face (or under the text that flowed on).
        self.y = self.y.max(self.bottom() - m.footer * 1.2);
        let size = m.footer;
        let text = printable(self.song, &sign.footer, self.missing);
        let y = self.y;
        let x = self.measure.margin;
        self.draws().push(Draw::Text { x, y, size, font: Font::Song, text: text.into(), rgb: GREY, turned: false });
    }

    /// The level in its colour across the face, never smaller than `MIN_LEVEL` while it fits.
    fn band(&mut self, level: &str, rgb: Rgb) {
        let width = self.width();
        let wide = self.hei.width(level, 1.0).max(f32::EPSILON);
        let size = self.measure.level.min(width * 0.92 / wide).max(MIN_LEVEL.min(width * 0.92 / wide));
        let height = size * 1.45;
        self.y += size * 0.15;
        let (x, y) = (self.measure.margin, self.y);
        self.draws().push(Draw::Fill { x, y, w: width, h: height, rgb });
        let tx = x + (width - self.hei.width(level, size)).max(0.0) / 2.0;
        self.y = y + (height - size) / 2.0;
        self.put(tx, size, Font::Hei, level, ink_on(rgb));
        self.y = y + height + size * 0.2;
    }

    fn body_height(&self, sign: &Sign, size: f32) -> f32 {
        sign.sections
            .iter()
            .map(|(_, items)| {
                let items: f32 = items.iter().map(|t| self.height(t, size, Font::Song, size, 1.4)).sum();
                size * 1.6 + items + size * 0.4
            })
            .sum()
    }

    fn body(&mut self, sign: &Sign, size: f32) {
        for (label, items) in &sign.sections {
            self.lines(label, size, Font::Hei, false, 0.0, 1.6);
            for item in items {
                self.lines(item, size, Font::Song, false, size, 1.4);
            }
            self.y += size * 0.4;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::levels::contrast;
    use crate::fonts::Face;

    fn sign(style: SignStyle, items: usize, long: usize) -> Sign {
        Sign {
            style,
            heading: "廉政风险警示牌".into(),
            name: "财务处会计岗".into(),
            detail: "部门：财务处　任职人员：张三".into(),
            level: "三级风险".into(),
            rgb: crate::domain::levels::level_color(Some(3)),
            sections: vec![
                (
                    "主要风险点".into(),
                    (1..=items).map(|i| format!("{i}. 报销审核把关不严。{}", "人情放行。".repeat(long))).collect(),
                ),
                ("分级管理".into(), vec!["管理：科室负责人（张三）；负责：分管副校长（李四）".into()]),
            ],
            footer: "制牌单位：福州实验小学　　制牌日期：2026年12月2日".into(),
        }
    }

    fn texts(pages: &[Page]) -> Vec<(&str, f32, Rgb, bool)> {
        pages
            .iter()
            .flat_map(|p| &p.draws)
            .filter_map(|d| match d {
                Draw::Text { text, size, rgb, turned, .. } => Some((&**text, *size, *rgb, *turned)),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn the_name_and_level_read_across_a_room_in_legible_colours() {
        let (song, hei) = (Metrics::new(Face::Serif).unwrap(), Metrics::new(Face::Sans).unwrap());
        for style in [SignStyle::Wall, SignStyle::Desk] {
            let s = sign(style, 3, 1);
            let pages = lay_out(&s, &song, &hei, &mut BTreeSet::new());
            assert_eq!(pages.len(), 1, "{style:?} fits one sheet");
            let t = texts(&pages);
            let (_, name, ..) = t.iter().find(|(x, ..)| *x == "财务处会计岗").unwrap();
            let (_, level, ink, _) = t.iter().find(|(x, ..)| *x == "三级风险").unwrap();
            assert!(*name >= MIN_NAME && *level >= MIN_LEVEL, "{style:?}: name {name} pt, level {level} pt");
            assert!(contrast(*ink, s.rgb) >= 4.5, "{style:?}: {ink:?} on {:?}", s.rgb);
            for d in &pages[0].draws {
                if let Draw::Text { x, y, size, .. } = d {
                    assert!(*x >= 0.0 && *y >= 0.0 && y + size <= A4.1 && *x <= A4.0, "{style:?}: on the sheet");
                }
            }
        }
    }

    #[test]
    fn the_desk_sign_shows_the_same_face_upside_down_across_the_fold() {
        let (song, hei) = (Metrics::new(Face::Serif).unwrap(), Metrics::new(Face::Sans).unwrap());
        let pages = lay_out(&sign(SignStyle::Desk, 3, 1), &song, &hei, &mut BTreeSet::new());
        let t = texts(&pages);
        let upright: Vec<&str> = t.iter().filter(|x| !x.3).map(|x| x.0).collect();
        let turned: Vec<&str> = t.iter().filter(|x| x.3).map(|x| x.0).collect();
        assert_eq!(upright, turned, "both faces say the same");
        assert!(upright.contains(&"财务处会计岗"));
        let fold =
            pages[0].draws.iter().filter(|d| matches!(d, Draw::Line { y1, .. } if (*y1 - A4.1 / 2.0).abs() < 0.1));
        assert!(fold.count() > 20, "a dashed fold across the middle");
    }

    #[test]
    fn text_too_long_for_the_card_flows_on_and_is_never_cut() {
        let (song, hei) = (Metrics::new(Face::Serif).unwrap(), Metrics::new(Face::Sans).unwrap());
        let s = sign(SignStyle::Wall, 12, 40);
        let pages = lay_out(&s, &song, &hei, &mut BTreeSet::new());
        assert!(pages.len() > 1);
        let printed: String = texts(&pages).iter().map(|x| x.0).collect();
        for item in &s.sections[0].1 {
            let strip = |t: &str| t.chars().filter(|c| !c.is_whitespace()).collect::<String>();
            assert!(strip(&printed).contains(&strip(item)), "{item}");
        }
    }
}
