//! Text measurement with the shipped fonts' real glyph advances, and the characters they lack.

use std::collections::BTreeSet;

use crate::fonts::{CJK_SC_FACE, Face, SANS, SERIF};

/// Advances of one face, in font units, with its units per em. The Basic Multilingual Plane
/// is looked up once into a table (a cmap lookup per character was a tenth of printing time).
pub struct Metrics {
    face: ttf_parser::Face<'static>,
    units_per_em: f32,
    /// Glyph and advance (font units) of every BMP character; glyph 0 = the face lacks it.
    bmp: Vec<(u16, u16)>,
    /// `cids`, worked out once (the charset is searched range by range for every glyph).
    cids: std::sync::OnceLock<Option<Vec<u16>>>,
}

impl Metrics {
    /// The metrics of a shipped face; `None` only if the shipped file were broken (tested).
    pub fn new(face: Face) -> Option<Self> {
        let data = match face {
            Face::Sans => SANS,
            Face::Serif => SERIF,
        };
        let face = ttf_parser::Face::parse(data, CJK_SC_FACE).ok()?;
        let units_per_em = f32::from(face.units_per_em());
        let mut bmp = vec![(0, face.units_per_em()); 0x1_0000];
        face.tables().cmap?.subtables.into_iter().filter(|t| t.is_unicode()).for_each(|t| {
            t.codepoints(|cp| {
                if let (Some(slot), Some(g)) = (bmp.get_mut(cp as usize), t.glyph_index(cp))
                    && slot.0 == 0
                {
                    *slot = (g.0, face.glyph_hor_advance(g).unwrap_or(0));
                }
            });
        });
        Some(Self { face, units_per_em, bmp, cids: std::sync::OnceLock::new() })
    }

    /// The glyph of `c` and its advance in font units.
    fn lookup(&self, c: char) -> Option<(u16, u16)> {
        match self.bmp.get(c as usize) {
            Some(&(0, _)) => None,
            Some(&found) => Some(found),
            None => self.face.glyph_index(c).map(|g| (g.0, self.face.glyph_hor_advance(g).unwrap_or(0))),
        }
    }

    /// The CID of every glyph (index = glyph id) of a CID-keyed CFF face — the code an
    /// embedded subset of it shows the glyph by; `None` for a face that is not CID-keyed.
    pub fn cids(&self) -> Option<&[u16]> {
        self.cids
            .get_or_init(|| {
                let cff = self.face.tables().cff?;
                (0..=u16::MAX)
                    .map(
                        |g| {
                            if g < self.face.number_of_glyphs() {
                                cff.glyph_cid(ttf_parser::GlyphId(g))
                            } else {
                                Some(0)
                            }
                        },
                    )
                    .collect()
            })
            .as_deref()
    }

    /// The glyph of `c` in the face.
    pub fn glyph(&self, c: char) -> Option<u16> {
        self.lookup(c).map(|(g, _)| g)
    }

    /// Whether the face draws `c` (whitespace needs no glyph).
    pub fn has(&self, c: char) -> bool {
        c.is_whitespace() || self.lookup(c).is_some()
    }

    /// The advance of `c` at `size` points; a character the face lacks is measured as one em,
    /// the width of the substitute mark drawn for it.
    pub fn advance(&self, c: char, size: f32) -> f32 {
        let units = self.lookup(c).map_or(self.units_per_em, |(_, a)| f32::from(a));
        units / self.units_per_em * size
    }

    /// The width of `text` at `size` points.
    pub fn width(&self, text: &str, size: f32) -> f32 {
        text.chars().map(|c| self.advance(c, size)).sum()
    }
}

/// The mark printed for a character no shipped font has, so that nothing vanishes silently.
pub const SUBSTITUTE: char = '□';

/// Text made printable: control characters (other than line breaks) and characters the face
/// lacks become `SUBSTITUTE`, and each is recorded in `missing` to be reported to the user.
pub fn printable(metrics: &Metrics, text: &str, missing: &mut BTreeSet<char>) -> String {
    if text.chars().all(|c| !c.is_control() && metrics.has(c)) {
        return text.to_owned(); // nearly always: one copy instead of re-encoding every character
    }
    text.chars()
        .map(|c| match c {
            '\n' => '\n',
            '\t' => ' ',
            c if c.is_control() || !metrics.has(c) => {
                missing.insert(c);
                SUBSTITUTE
            }
            c => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cjk_is_full_width_and_latin_narrower() {
        let m = Metrics::new(Face::Serif).unwrap();
        assert!((m.advance('廉', 10.0) - 10.0).abs() < 0.01, "a hanzi is one em");
        assert!(m.advance('i', 10.0) < 5.0 && m.advance('W', 10.0) > m.advance('i', 10.0));
        assert!((m.width("廉政风险", 12.0) - 48.0).abs() < 0.1);
    }

    #[test]
    fn missing_and_control_characters_are_marked_and_reported() {
        let m = Metrics::new(Face::Serif).unwrap();
        let mut missing = BTreeSet::new();
        let out = printable(&m, "风险😀点\u{7}吉𠮷\n第二行", &mut missing);
        assert_eq!(out, "风险□点□吉𠮷\n第二行");
        assert_eq!(missing.into_iter().collect::<Vec<_>>(), ['\u{7}', '😀']);
    }
}
