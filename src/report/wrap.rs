//! Line breaking for Chinese forms: break between hanzi; keep Latin words and numbers whole
//! (unless one alone is wider than the line); no line starts with closing punctuation and none
//! ends with opening punctuation (禁则); explicit line breaks are kept. Nothing is dropped:
//! the lines joined give back the text (less the breaking newlines and trailing spaces).

use super::metrics::Metrics;

/// Must not start a line.
const NO_START: &str = "，。、；：？！）》」』】〕〉”’…—·%,.;:?!)]}";
/// Must not end a line.
const NO_END: &str = "（《「『【〔〈“‘([{";

/// An unbreakable piece: a hanzi or symbol, or a run of Latin letters/digits, or a space.
fn pieces(line: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut word = String::new();
    for c in line.chars() {
        if c.is_ascii_alphanumeric() || (!word.is_empty() && matches!(c, '.' | '-' | '_' | '/') && c != ' ') {
            word.push(c);
            continue;
        }
        if !word.is_empty() {
            out.push(std::mem::take(&mut word));
        }
        out.push(c.to_string());
    }
    if !word.is_empty() {
        out.push(word);
    }
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

fn wrap_paragraph(metrics: &Metrics, paragraph: &str, width: f32, size: f32, lines: &mut Vec<String>) {
    let mut current: Vec<String> = Vec::new();
    let mut used = 0.0_f32;
    let mut pending = pieces(paragraph).into_iter();
    let mut queue: std::collections::VecDeque<String> = std::collections::VecDeque::new();
    while let Some(piece) = queue.pop_front().or_else(|| pending.next()) {
        let w = metrics.width(&piece, size);
        if used + w <= width || current.is_empty() && w <= width {
            used += w;
            current.push(piece);
            continue;
        }
        if current.is_empty() {
            // A single word wider than the line: break it by character.
            let mut chars = piece.chars();
            let mut part = String::new();
            for c in chars.by_ref() {
                if !part.is_empty() && metrics.width(&part, size) + metrics.advance(c, size) > width {
                    queue.push_front(std::iter::once(c).chain(chars).collect());
                    break;
                }
                part.push(c);
            }
            lines.push(part);
            continue;
        }
        // 禁则: closing punctuation may not start the next line — take the last piece down too.
        let starts_badly = piece.chars().next().is_some_and(|c| NO_START.contains(c));
        let ends_badly = |v: &Vec<String>| v.last().and_then(|p| p.chars().last()).is_some_and(|c| NO_END.contains(c));
        queue.push_front(piece);
        if starts_badly
            && current.len() > 1
            && let Some(last) = current.pop()
        {
            queue.push_front(last);
        }
        while ends_badly(&current) && current.len() > 1 {
            if let Some(last) = current.pop() {
                queue.push_front(last);
            }
        }
        lines.push(current.concat().trim_end().to_owned());
        current.clear();
        used = 0.0;
        // Spaces at the start of a continued line are not printed.
        while queue.front().is_some_and(|p| p == " ") {
            queue.pop_front();
        }
    }
    lines.push(current.concat().trim_end().to_owned());
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
