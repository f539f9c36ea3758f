//! The fonts shipped in `fonts/`: Noto Sans CJK SC (黑体, UI and headings) and Noto Serif CJK SC
//! (宋体, printed body text), and the question whether a character can be drawn.

use std::sync::Arc;

/// Noto Sans CJK (TTC); face `CJK_SC_FACE` is Simplified Chinese.
pub static SANS: &[u8] = include_bytes!("../fonts/NotoSansCJK-Regular.ttc");
/// Noto Serif CJK (TTC); face `CJK_SC_FACE` is Simplified Chinese.
pub static SERIF: &[u8] = include_bytes!("../fonts/NotoSerifCJK-Regular.ttc");
/// Index of the SC face in both collections (JP, KR, SC, TC, HK, …).
pub const CJK_SC_FACE: u32 = 2;

/// Installs the CJK fonts into egui: Sans first for proportional and monospace text.
pub fn install_egui_fonts(ctx: &egui::Context) {
    ctx.set_fonts(egui_font_definitions());
}

/// egui's defaults with Noto Sans CJK SC put first, so every CJK character has a glyph.
pub fn egui_font_definitions() -> egui::FontDefinitions {
    let mut fonts = egui::FontDefinitions::default();
    let sans = egui::FontData { index: CJK_SC_FACE, ..egui::FontData::from_static(SANS) };
    fonts.font_data.insert("noto_sans_cjk_sc".to_owned(), Arc::new(sans));
    for family in [egui::FontFamily::Proportional, egui::FontFamily::Monospace] {
        fonts.families.entry(family).or_default().insert(0, "noto_sans_cjk_sc".to_owned());
    }
    fonts
}

/// Which shipped face.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Face {
    Sans,
    Serif,
}

/// Answers whether characters can be drawn by a shipped face.
pub struct Coverage {
    face: ttf_parser::Face<'static>,
}

impl Coverage {
    /// Parses the face; `None` only if the shipped file were broken (a test guards it).
    pub fn new(face: Face) -> Option<Self> {
        let data = match face {
            Face::Sans => SANS,
            Face::Serif => SERIF,
        };
        ttf_parser::Face::parse(data, CJK_SC_FACE).ok().map(|face| Self { face })
    }

    /// Whether the face has a glyph for `c`. Whitespace and control characters need none.
    pub fn has(&self, c: char) -> bool {
        c.is_control() || c.is_whitespace() || self.face.glyph_index(c).is_some()
    }

    /// The distinct characters of `text` the face cannot draw, in order of appearance.
    pub fn missing(&self, text: &str) -> Vec<char> {
        let mut out: Vec<char> = Vec::new();
        for c in text.chars() {
            if !self.has(c) && !out.contains(&c) {
                out.push(c);
            }
        }
        out
    }
}
