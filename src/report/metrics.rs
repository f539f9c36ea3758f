//! Text measurement with the shipped fonts' real glyph advances, and the characters they lack.

use std::collections::BTreeSet;

use crate::fonts::{CJK_SC_FACE, Face, SANS, SERIF};

/// Advances of one face, in font units, with its units per em.
pub struct Metrics {
    face: ttf_parser::Face<'static>,
    units_per_em: f32,
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
        Some(Self { face, units_per_em })
    }

    /// Whether the face draws `c` (whitespace needs no glyph).
    pub fn has(&self, c: char) -> bool {
        c.is_whitespace() || self.face.glyph_index(c).is_some()
    }

    /// The advance of `c` at `size` points; a character the face lacks is measured as one em,
    /// the width of the substitute mark drawn for it.
    pub fn advance(&self, c: char, size: f32) -> f32 {
        let units =
            self.face.glyph_index(c).and_then(|g| self.face.glyph_hor_advance(g)).map_or(self.units_per_em, f32::from);
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
