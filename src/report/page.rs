//! What a laid-out page is made of: texts in a face, lines, filled boxes, on A4. The layout
//! engine (`layout`) and the signs (`sign`) produce them; the PDF writer and the preview draw
//! them.

use crate::domain::levels::Rgb;

/// A4 in points.
pub const A4: (f32, f32) = (595.28, 841.89);

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
    /// Text whose box starts at (x, y) top left; `turned`: as if the page were turned upside
    /// down after drawing it there (the far face of a folded desk sign).
    Text {
        x: f32,
        y: f32,
        size: f32,
        font: Font,
        /// Boxed: a large print holds millions of these (a `String`'s capacity word is 8 bytes
        /// of each).
        text: Box<str>,
        rgb: Rgb,
        turned: bool,
    },
    Line {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
    },
    Fill {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        rgb: Rgb,
    },
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Page {
    pub draws: Vec<Draw>,
}
