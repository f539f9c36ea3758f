//! Line breaking for Chinese forms: break between hanzi; keep Latin words and numbers whole,
//! and with them the units a reader takes as one — a number and its unit (12项, 3个, 30%), a
//! date (2013年7月11日), an ordinal (第12项) — unless one alone is wider than the line; no line
//! starts with closing punctuation and none ends with opening punctuation (禁则); explicit line
//! breaks are kept. Nothing is dropped: the lines joined give back the text (less the breaking
//! newlines and trailing spaces).

use super::metrics::Metrics;

/// Must not start a line.
const NO_START: &str = "，。、；：？！）》」』】〕〉”’…—·%,.;:?!)]}";
/// Must not end a line.
const NO_END: &str = "（《「『【〔〈“‘([{";

/// Whether `c` is one of `set` (NO_START or NO_END); hanzi, most of every text, are told apart
/// without looking through the set.
fn is_one_of(set: &str, c: char) -> bool {
    !('\u{4E00}'..='\u{9FFF}').contains(&c) && set.contains(c)
}

/// An unbreakable piece of a paragraph: a hanzi or symbol, a run of Latin letters/digits, or a
/// space — as a byte range, with its width. Consecutive pieces touch, so a run is one slice.
#[derive(Clone, Copy)]
struct Piece {
    start: usize,
    end: usize,
    width: f32,
}

/// A character that belongs to the number before it (2013年, 12项, 30%).
const UNIT_AFTER: &str = "年月日时分秒号项条款个名人次份页元岁级%％";

/// Whether the piece `next` joins `prev` into one unbreakable unit: a number and its unit, 第
/// and its number, and the parts of a date (2013年 + 7月 + 11日).
fn joins(prev: &str, next: &str) -> bool {
    let (Some(last), Some(first)) = (prev.chars().last(), next.chars().next()) else { return false };
    let starts_number = |s: &str| s.chars().next().is_some_and(|c| c.is_ascii_digit());
    (last.is_ascii_digit() && next.chars().count() == 1 && UNIT_AFTER.contains(first))
        || (prev == "第" && first.is_ascii_digit())
        || (matches!(last, '年' | '月') && starts_number(prev) && first.is_ascii_digit())
}

fn pieces(metrics: &Metrics, line: &str, size: f32) -> Vec<Piece> {
    let text = |p: &Piece| line.get(p.start..p.end).unwrap_or("");
    let mut out: Vec<Piece> = Vec::with_capacity(line.len() / 3 + 1);
    for piece in raw_pieces(metrics, line, size) {
        match out.last_mut() {
            Some(last) if joins(text(last), text(&piece)) => {
                last.end = piece.end;
                last.width += piece.width;
            }
            _ => out.push(piece),
        }
    }
    out
}

/// The width of the widest piece of `text` that a line should not break (a number, a date, a
/// Latin word, with the punctuation 禁则 binds to it: （第5项）), at `size` points.
pub fn widest_piece(metrics: &Metrics, text: &str, size: f32) -> f32 {
    text.split('\n').map(|p| paragraph_extent(metrics, p, size).1).fold(0.0, f32::max)
}

/// `text` measured in one walk: the width of each paragraph on one line, and its widest piece
/// that must not break (`widest_piece`).
pub fn extents(metrics: &Metrics, text: &str, size: f32) -> (Vec<f32>, f32) {
    let mut widest = 0.0_f32;
    let widths = text
        .split('\n')
        .map(|p| {
            let (width, piece) = paragraph_extent(metrics, p, size);
            widest = widest.max(piece);
            width
        })
        .collect();
    (widths, widest)
}

/// A paragraph on one line: its width and its widest piece that must not break.
fn paragraph_extent(metrics: &Metrics, paragraph: &str, size: f32) -> (f32, f32) {
    if paragraph.bytes().any(|b| b.is_ascii_alphanumeric()) {
        let text = |p: &Piece| paragraph.get(p.start..p.end).unwrap_or_default();
        let widest = widest_bound(pieces(metrics, paragraph, size).iter().map(|p| {
            let t = text(p);
            (t.chars().next(), t.chars().last(), p.width)
        }));
        (metrics.width(paragraph, size), widest)
    } else {
        // No Latin word or number: every character is a piece of its own (what `pieces` gives,
        // without building them; the long cells of every row come here).
        let mut width = 0.0_f32;
        let widest = widest_bound(paragraph.chars().map(|c| {
            let advance = metrics.advance(c, size);
            width += advance;
            (Some(c), Some(c), advance)
        }));
        (width, widest)
    }
}

/// The widest run of pieces (first character, last character, width) that 禁则 binds together:
/// one that must not end a line with the next, one that must not start a line with the last.
fn widest_bound(pieces: impl Iterator<Item = (Option<char>, Option<char>, f32)>) -> f32 {
    let (mut widest, mut run, mut binds_next) = (0.0_f32, 0.0_f32, false);
    for (first, last, width) in pieces {
        let binds_previous = first.is_some_and(|c| is_one_of(NO_START, c));
        run = if binds_next || binds_previous { run + width } else { width };
        binds_next = last.is_some_and(|c| is_one_of(NO_END, c));
        widest = widest.max(run);
    }
    widest
}

/// The pieces of `line` before units are joined: hanzi and symbols one by one, Latin words
/// and numbers whole.
fn raw_pieces(metrics: &Metrics, line: &str, size: f32) -> Vec<Piece> {
    let mut out = Vec::with_capacity(line.len() / 3 + 1);
    let mut word: Option<Piece> = None;
    for (i, c) in line.char_indices() {
        let advance = metrics.advance(c, size);
        let end = i + c.len_utf8();
        if c.is_ascii_alphanumeric() || (word.is_some() && matches!(c, '.' | '-' | '_' | '/')) {
            let w = word.get_or_insert(Piece { start: i, end, width: 0.0 });
            w.end = end;
            w.width += advance;
            continue;
        }
        out.extend(word.take());
        out.push(Piece { start: i, end, width: advance });
    }
    out.extend(word);
    out
}

/// Wraps `text` into lines no wider than `width` points at `size` points.
pub fn wrap(metrics: &Metrics, text: &str, width: f32, size: f32) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        wrap_paragraph(metrics, paragraph, width, size, &mut lines);
    }
    lines
}

/// The characters of an overlong word that fit on one line (at least one), as a byte length.
fn fitting(metrics: &Metrics, word: &str, width: f32, size: f32) -> usize {
    let mut used = 0.0;
    for (i, c) in word.char_indices() {
        used += metrics.advance(c, size);
        if i > 0 && used > width {
            return i;
        }
    }
    word.len()
}

/// Greedy filling: pieces `start..i` are on the current line; a piece that does not fit ends
/// it, moving back over pieces that would break a 禁则 rule.
fn wrap_paragraph(metrics: &Metrics, paragraph: &str, width: f32, size: f32, lines: &mut Vec<String>) {
    let text = |start: usize, end: usize| paragraph.get(start..end).unwrap_or_default();
    let mut pieces = pieces(metrics, paragraph, size);
    let piece_text = |p: &Piece| text(p.start, p.end);
    let line = |run: &[Piece]| match (run.first(), run.last()) {
        (Some(first), Some(last)) => text(first.start, last.end).trim_end().to_owned(),
        _ => String::new(),
    };
    let (mut start, mut i, mut used) = (0, 0, 0.0_f32);
    while let Some(&piece) = pieces.get(i) {
        if used + piece.width <= width || i == start && piece.width <= width {
            used += piece.width;
            i += 1;
            continue;
        }
        if i == start {
            // A single word wider than the line: break it by character.
            let cut = piece.start + fitting(metrics, piece_text(&piece), width, size);
            lines.push(text(piece.start, cut).to_owned());
            if cut < piece.end {
                let rest = Piece { start: cut, end: piece.end, width: metrics.width(text(cut, piece.end), size) };
                if let Some(slot) = pieces.get_mut(i) {
                    *slot = rest;
                }
            } else {
                i += 1;
            }
            (start, used) = (i, 0.0);
            continue;
        }
        // 禁则: closing punctuation may not start the next line — take the last piece down too;
        // opening punctuation may not end a line.
        let first_char = |p: Option<&Piece>| p.and_then(|p| piece_text(p).chars().next());
        let last_char = |p: Option<&Piece>| p.and_then(|p| piece_text(p).chars().last());
        let mut end = i;
        if first_char(pieces.get(i)).is_some_and(|c| is_one_of(NO_START, c)) && end - start > 1 {
            end -= 1;
        }
        while end - start > 1 && last_char(pieces.get(end - 1)).is_some_and(|c| is_one_of(NO_END, c)) {
            end -= 1;
        }
        lines.push(line(pieces.get(start..end).unwrap_or_default()));
        (i, used) = (end, 0.0);
        // Spaces at the start of a continued line are not printed.
        while pieces.get(i).is_some_and(|p| piece_text(p) == " ") {
            i += 1;
        }
        start = i;
    }
    lines.push(line(pieces.get(start..).unwrap_or_default()));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fonts::Face;

    fn m() -> Metrics {
        Metrics::new(Face::Serif).unwrap()
    }

    fn no_loss(text: &str, lines: &[String]) {
        let strip = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
        assert_eq!(strip(&lines.concat()), strip(text), "nothing is lost");
    }

    #[test]
    fn hanzi_break_anywhere_within_the_width() {
        let text = "对不合规票据、超标准开支审核不严，人情放行，甚至虚开发票套取资金。";
        let lines = wrap(&m(), text, 100.0, 10.0);
        assert!(lines.iter().all(|l| m().width(l, 10.0) <= 100.01), "{lines:?}");
        assert!(lines.len() >= 3);
        no_loss(text, &lines);
    }

    #[test]
    fn closing_punctuation_never_starts_and_opening_never_ends_a_line() {
        // Ten hanzi fill a 100 pt line at 10 pt; the comma would land first on line two.
        let text = "一二三四五六七八九十，《十一》（十二）";
        let lines = wrap(&m(), text, 100.0, 10.0);
        for l in &lines {
            let first = l.chars().next().unwrap();
            let last = l.chars().last().unwrap();
            assert!(!NO_START.contains(first), "line starts with {first}: {lines:?}");
            assert!(!NO_END.contains(last), "line ends with {last}: {lines:?}");
        }
        no_loss(text, &lines);
    }

    #[test]
    fn latin_words_and_numbers_stay_whole_and_newlines_are_kept() {
        let text = "依据《政府采购法》第12345条，见 procurement 规定\n第二段";
        // 90 pt holds the longest word (procurement, about 62 pt) but not the whole text.
        let lines = wrap(&m(), text, 90.0, 10.0);
        assert!(lines.len() > 2, "{lines:?}");
        assert!(lines.iter().any(|l| l.contains("12345")), "{lines:?}");
        assert!(lines.iter().any(|l| l.contains("procurement")), "{lines:?}");
        assert_eq!(lines.last().map(String::as_str), Some("第二段"));
        no_loss(text, &lines);
    }

    #[test]
    fn dates_ordinals_and_numbers_with_their_units_stay_on_one_line() {
        // Each unit fits a line of 90 pt at 10 pt but the text does not.
        let text = "须于2013年7月11日前完成第1553项整改，涉及30%的岗位共261个";
        for width in [90.0, 100.0, 120.0, 150.0] {
            let lines = wrap(&m(), text, width, 10.0);
            for unit in ["2013年7月11日", "第1553项", "30%", "261个"] {
                assert!(lines.iter().any(|l| l.contains(unit)), "{unit} broken at {width} pt: {lines:?}");
            }
            no_loss(text, &lines);
        }
        assert!((widest_piece(&m(), "截至2013年7月11日", 10.0) - m().width("2013年7月11日", 10.0)).abs() < 0.01);
        let bound = widest_piece(&m(), "公务接待（第12项）", 10.0);
        assert!((bound - m().width("（第12项）", 10.0)).abs() < 0.01, "禁则 binds the brackets to 第12项");
        let plain = widest_piece(&m(), "经办岗（一）“审核”环节", 10.0);
        assert!((plain - m().width("（一）", 10.0)).abs() < 0.01, "without a number as well: {plain}");
    }

    #[test]
    fn a_word_wider_than_the_line_is_broken_not_cut() {
        let text = "x".repeat(200);
        let lines = wrap(&m(), &text, 50.0, 10.0);
        assert!(lines.len() > 1);
        assert!(lines.iter().all(|l| m().width(l, 10.0) <= 50.01));
        assert_eq!(lines.concat(), text);
    }

    #[test]
    fn five_thousand_characters_flow_without_loss() {
        let text = "廉政风险防控，".repeat(715);
        let lines = wrap(&m(), &text, 400.0, 10.5);
        no_loss(&text, &lines);
        assert!(lines.len() > 100);
        assert!(wrap(&m(), "", 100.0, 10.0) == [""], "an empty cell is one empty line");
    }
}
