//! The shipped fonts draw every GB2312 and GBK hanzi and Ext-B name characters, and code can
//! tell which characters they cannot draw.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, reason = "tests: a failing unwrap is a failing test")]

use lianfang::fonts::{Coverage, Face};

/// All hanzi of GBK (GB2312's 6,763 among them), decoded from their code points.
fn gbk_hanzi(gb2312_only: bool) -> Vec<char> {
    let mut out = Vec::new();
    let (leads, trails) = if gb2312_only { (0xB0..=0xF7_u8, 0xA1..=0xFE_u8) } else { (0x81..=0xFE_u8, 0x40..=0xFE_u8) };
    for lead in leads {
        for trail in trails.clone() {
            if trail == 0x7F {
                continue;
            }
            let pair = [lead, trail];
            let (text, _, had_errors) = encoding_rs::GBK.decode(&pair);
            if had_errors {
                continue;
            }
            if let Some(c) = text.chars().next()
                && (('\u{4E00}'..='\u{9FFF}').contains(&c) || ('\u{3400}'..='\u{4DBF}').contains(&c))
            {
                out.push(c);
            }
        }
    }
    out
}

#[test]
fn gb2312_has_6763_hanzi_and_both_faces_draw_them() {
    let hanzi = gbk_hanzi(true);
    assert_eq!(hanzi.len(), 6763);
    for face in [Face::Sans, Face::Serif] {
        let cov = Coverage::new(face).unwrap();
        let missing: Vec<char> = hanzi.iter().copied().filter(|c| !cov.has(*c)).collect();
        assert!(missing.is_empty(), "{face:?} misses {missing:?}");
    }
}

#[test]
fn every_gbk_hanzi_is_drawn() {
    let hanzi = gbk_hanzi(false);
    assert!(hanzi.len() > 20_000, "GBK has 21,003 hanzi, got {}", hanzi.len());
    for face in [Face::Sans, Face::Serif] {
        let cov = Coverage::new(face).unwrap();
        let missing: String = hanzi.iter().copied().filter(|c| !cov.has(*c)).collect();
        assert!(missing.is_empty(), "{face:?} misses {missing}");
    }
}

#[test]
fn ext_b_names_and_punctuation_are_drawn_and_gaps_are_reported() {
    let cov = Coverage::new(Face::Serif).unwrap();
    assert!(cov.missing("吉𠮷 刘志雄（常务）、“三重一大”——2026年11月21日 ABC abc 123").is_empty());
    assert_eq!(cov.missing("风险😀点\u{E000}😀"), vec!['😀', '\u{E000}']);
    assert!(cov.missing("换行\n制表\t").is_empty(), "control characters need no glyph");
}
