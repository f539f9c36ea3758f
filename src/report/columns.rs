//! Column widths from the content, as a word processor's automatic table layout does, then
//! adjusted to make the table as short as it can be.
//!
//! Each column has a minimum (its widest piece that must not break: a header of four characters
//! or fewer, a number, a date) and a preferred width (its longest paragraph on one line). The
//! space above the minimums goes to the columns in proportion to what they still want (the CSS
//! 2.1 automatic table layout, which LibreOffice Writer follows); then width moves, a step at a
//! time, from the column where it costs the fewest lines to the one where it saves the most,
//! while the table gets shorter. A column with no text at all (filled in by hand) keeps its
//! declared share, so the weights of a form are its hints, not its widths.

use super::layout::Column;
use super::metrics::Metrics;
use super::wrap::{extents, widest_piece};

/// No unbreakable piece widens its column beyond this many characters of text (a long Latin
/// word or number breaks rather than starve the other columns).
const LONGEST_UNBROKEN: usize = 16;
/// Rows measured for the preferred widths and the height estimate: every row of a table this
/// long, evenly spread ones of a longer table.
const SAMPLE: usize = 1500;

/// How the text of a table is laid out: the font sizes and the cell padding.
pub(super) struct Text<'m> {
    pub song: &'m Metrics,
    pub hei: &'m Metrics,
    pub size: f32,
    pub pad: f32,
}

/// The widths of `columns` sharing `total` points.
pub(super) fn widths(total: f32, columns: &[Column], rows: &[Vec<String>], t: &Text<'_>) -> Vec<f32> {
    let (pieces, paragraphs) = measure(columns.len(), rows, t);
    let minimums = minimums(columns, &pieces, t);
    let needed: f32 = minimums.iter().sum();
    if needed >= total || columns.is_empty() {
        // Too many columns for the page: every one gets its share of what there is.
        return minimums.iter().map(|m| m * total / needed.max(f32::EPSILON)).collect();
    }
    // A column with no text is filled in by hand: it keeps its share; the others share the rest.
    let blank: Vec<bool> = paragraphs.iter().map(|cells| cells.iter().all(Vec::is_empty)).collect();
    if blank.iter().all(|b| *b) {
        return shares(total, &weights(columns), &minimums);
    }
    let preferred = preferred(total, columns, &minimums, &paragraphs, t);
    let pick = |v: &[f32]| -> Vec<f32> { v.iter().zip(&blank).filter(|(_, b)| !**b).map(|(x, _)| *x).collect() };
    let wanted: f32 = preferred.iter().zip(&blank).filter(|(_, b)| **b).map(|(p, _)| p).sum();
    // What the columns with text need at least comes first; the blank ones shrink if they must.
    let kept = wanted.min(total - pick(&minimums).iter().sum::<f32>());
    let scale = kept / wanted.max(f32::EPSILON);
    let mut shared = automatic(total - kept, &pick(&minimums), &pick(&preferred)).into_iter();
    let start = preferred
        .iter()
        .zip(&blank)
        .zip(&minimums)
        .map(|((p, b), m)| if *b { (p * scale).max(*m) } else { shared.next().unwrap_or(0.0) })
        .collect();
    shortest(start, &minimums, (&paragraphs, &blank), t)
}

fn weights(columns: &[Column]) -> Vec<f32> {
    columns.iter().map(|col| col.weight.max(0.1)).collect()
}

/// Each column's narrowest width: its widest unbreakable piece (`pieces`, from `measure`) or its
/// header's, plus padding.
fn minimums(columns: &[Column], pieces: &[f32], t: &Text<'_>) -> Vec<f32> {
    columns
        .iter()
        .zip(pieces)
        .map(|(col, cells)| {
            let header = if col.header.chars().count() <= 4 {
                t.hei.width(&col.header, t.size)
            } else {
                widest_piece(t.hei, &col.header, t.size).min(longest_unbroken(t))
            };
            header.max(*cells) + 2.0 * t.pad + 0.5
        })
        .collect()
}

/// A Latin word wider than this may break, in a cell or in a header the unit typed.
fn longest_unbroken(t: &Text<'_>) -> f32 {
    t.size * LONGEST_UNBROKEN as f32
}

/// Every cell measured in one walk: for each column, its widest piece that must not break over
/// all rows (a date or number in a long cell too: 白杰红\n2011年11月19日前), and for each sampled
/// row the widths of the cell's paragraphs on one line (an empty cell has none). A long table
/// is sampled by evenly spread rows.
fn measure(columns: usize, rows: &[Vec<String>], t: &Text<'_>) -> (Vec<f32>, Vec<Vec<Vec<f32>>>) {
    let step = rows.len().div_ceil(SAMPLE).max(1);
    let mut pieces = vec![0.0_f32; columns];
    let mut paragraphs: Vec<Vec<Vec<f32>>> = vec![Vec::new(); columns];
    for (r, row) in rows.iter().enumerate() {
        let sampled = r % step == 0;
        for (i, (widest, widths)) in pieces.iter_mut().zip(&mut paragraphs).enumerate() {
            let cell = row.get(i).map_or("", String::as_str);
            let piece = if sampled {
                let (lines, piece) = extents(t.song, cell, t.size);
                widths.push(if cell.is_empty() { Vec::new() } else { lines });
                piece
            } else {
                widest_piece(t.song, cell, t.size)
            };
            *widest = widest.max(piece.min(longest_unbroken(t)));
        }
    }
    (pieces, paragraphs)
}

/// Each column's preferred width: its longest paragraph (or header) on one line; a column with
/// no text its declared share of the page.
fn preferred(total: f32, columns: &[Column], minimums: &[f32], paragraphs: &[Vec<Vec<f32>>], t: &Text<'_>) -> Vec<f32> {
    let weights = weights(columns);
    let weight: f32 = weights.iter().sum();
    columns
        .iter()
        .zip(paragraphs)
        .zip(minimums.iter().zip(&weights))
        .map(|((col, cells), (min, w))| {
            let longest = cells.iter().flatten().copied().fold(0.0, f32::max);
            let wanted = if longest > 0.0 {
                longest.max(t.hei.width(&col.header, t.size)) + 2.0 * t.pad + 0.5
            } else {
                total * w / weight.max(f32::EPSILON)
            };
            wanted.max(*min)
        })
        .collect()
}

/// The automatic table layout: preferred widths when they fit (widened in proportion to fill
/// the page), otherwise the minimums plus the rest in proportion to what each still wants.
fn automatic(total: f32, minimums: &[f32], preferred: &[f32]) -> Vec<f32> {
    let (min_sum, max_sum): (f32, f32) = (minimums.iter().sum(), preferred.iter().sum());
    if max_sum <= total {
        return preferred.iter().map(|p| p * total / max_sum.max(f32::EPSILON)).collect();
    }
    let share = (total - min_sum) / (max_sum - min_sum).max(f32::EPSILON);
    minimums.iter().zip(preferred).map(|(m, p)| m + (p - m) * share).collect()
}

/// How many lines paragraphs of these widths take in a column `width` wide (at least one).
fn lines(paragraphs: &[f32], width: f32, t: &Text<'_>) -> u32 {
    // A line ends where the next character does not fit: on average half a character is lost.
    let inner = (width - 2.0 * t.pad - 0.5 * t.size).max(t.size);
    let n: f32 = paragraphs.iter().map(|p| (p / inner).ceil().max(1.0)).sum();
    // A cell's line count is small and positive.
    #[expect(clippy::cast_possible_truncation, clippy::cast_sign_loss, reason = "finite, positive, small")]
    let n = n.max(1.0) as u32;
    n
}

/// The three tallest cells of a row, as (lines, column), tallest first.
fn top3(heights: impl Iterator<Item = u32>) -> [(u32, usize); 3] {
    let mut top = [(0, usize::MAX); 3];
    for (col, h) in heights.enumerate() {
        if let Some(k) = top.iter().position(|(t, _)| h > *t) {
            top[k..].rotate_right(1);
            top[k] = (h, col);
        }
    }
    top
}

/// Moves width between columns while the rows (as sampled) get fewer lines in all: each round
/// takes the single move of `step` points from one column to another that saves the most, and
/// halves the step when no move saves anything. Width is never taken from a column with no text.
fn shortest(
    mut widths: Vec<f32>,
    minimums: &[f32],
    (paragraphs, blank): (&[Vec<Vec<f32>>], &[bool]),
    t: &Text<'_>,
) -> Vec<f32> {
    let total: f32 = widths.iter().sum();
    let rows = paragraphs.first().map_or(0, Vec::len);
    let height = |col: usize, width: f32| -> Vec<u32> {
        paragraphs.get(col).map_or_else(Vec::new, |cells| cells.iter().map(|p| lines(p, width, t)).collect())
    };
    let mut current: Vec<Vec<u32>> = (0..widths.len()).map(|c| height(c, widths[c])).collect();
    let mut step = total / 40.0;
    for _ in 0..400 {
        if step < total / 800.0 {
            break;
        }
        let tops: Vec<[(u32, usize); 3]> =
            (0..rows).map(|r| top3(current.iter().map(|col| col.get(r).copied().unwrap_or(1)))).collect();
        let narrower: Vec<Vec<u32>> = (0..widths.len()).map(|c| height(c, widths[c] - step)).collect();
        let wider: Vec<Vec<u32>> = (0..widths.len()).map(|c| height(c, widths[c] + step)).collect();
        let now: u64 = tops.iter().map(|t| u64::from(t[0].0)).sum();
        let mut best: Option<(u64, usize, usize)> = None;
        // Widening a column shortens only rows it alone makes tallest: other moves cannot save.
        let helps: Vec<bool> = (0..widths.len())
            .map(|c| tops.iter().zip(&wider[c]).any(|(top, w)| top[0].1 == c && top[0].0 > top[1].0 && *w < top[0].0))
            .collect();
        for from in (0..widths.len()).filter(|&c| widths[c] - step >= minimums[c] && !blank[c]) {
            for to in (0..widths.len()).filter(|&c| c != from && helps[c]) {
                let after: u64 = tops
                    .iter()
                    .enumerate()
                    .map(|(r, top)| {
                        let others = top.iter().find(|(_, c)| *c != from && *c != to).map_or(0, |(h, _)| *h);
                        u64::from(others.max(narrower[from][r]).max(wider[to][r]))
                    })
                    .sum();
                if after < now && best.is_none_or(|(b, _, _)| after < b) {
                    best = Some((after, from, to));
                }
            }
        }
        match best {
            Some((_, from, to)) => {
                widths[from] -= step;
                widths[to] += step;
                current[from] = height(from, widths[from]);
                current[to] = height(to, widths[to]);
            }
            None => step /= 2.0,
        }
    }
    widths
}

/// `total` shared by `weights`, each share at least its `minimum`: columns below their minimum
/// get it, the rest share what is left by weight.
fn shares(total: f32, weights: &[f32], minimums: &[f32]) -> Vec<f32> {
    let mut fixed = vec![false; weights.len()];
    loop {
        let left = total - minimums.iter().zip(&fixed).filter(|(_, f)| **f).map(|(m, _)| m).sum::<f32>();
        let weight: f32 = weights.iter().zip(&fixed).filter(|(_, f)| !**f).map(|(w, _)| w).sum();
        let widths: Vec<f32> = weights
            .iter()
            .zip(minimums)
            .zip(&fixed)
            .map(|((w, m), f)| if *f { *m } else { left * w / weight.max(f32::EPSILON) })
            .collect();
        let mut changed = false;
        for ((w, m), f) in widths.iter().zip(minimums).zip(fixed.iter_mut()) {
            if !*f && w < m {
                *f = true;
                changed = true;
            }
        }
        if !changed {
            return widths;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fonts::Face;

    fn text_with<'m>(song: &'m Metrics, hei: &'m Metrics) -> Text<'m> {
        Text { song, hei, size: 10.5, pad: 3.0 }
    }

    fn minimums_of(columns: &[Column], rows: &[Vec<String>], t: &Text<'_>) -> Vec<f32> {
        minimums(columns, &measure(columns.len(), rows, t).0, t)
    }

    fn column(header: &str, weight: f32) -> Column {
        Column { header: header.into(), weight }
    }

    /// Lines the rows take at these widths, as the estimate counts them.
    fn table_lines(widths: &[f32], rows: &[Vec<String>], t: &Text<'_>) -> u32 {
        rows.iter()
            .map(|r| {
                r.iter().zip(widths).map(|(cell, w)| lines(&[t.song.width(cell, t.size)], *w, t)).max().unwrap_or(1)
            })
            .sum()
    }

    #[test]
    fn the_long_text_gets_the_room_and_the_table_gets_shorter_than_by_weight() {
        let (song, hei) = (Metrics::new(Face::Serif).unwrap(), Metrics::new(Face::Sans).unwrap());
        let t = text_with(&song, &hei);
        // Declared weights that starve the long column (as 表现形式 was).
        let columns = [column("序号", 0.6), column("风险点", 3.0), column("表现形式", 1.0), column("风险等级", 1.5)];
        let long = "在组织人事工作中，对干部选拔任用的动议、民主推荐、考察、讨论决定等环节把关不严，".repeat(3);
        let rows: Vec<Vec<String>> =
            (1..=40).map(|i| vec![i.to_string(), "干部选拔任用".into(), long.clone(), "二级".into()]).collect();
        let total = 700.0;
        let ours = widths(total, &columns, &rows, &t);
        assert!((ours.iter().sum::<f32>() - total).abs() < 0.5, "the page width is shared out: {ours:?}");
        let minimums = minimums_of(&columns, &rows, &t);
        assert!(ours.iter().zip(&minimums).all(|(w, m)| w >= m), "no column below its minimum: {ours:?}");
        assert!(ours[2] > ours[1] && ours[2] > total / 2.0, "表现形式 gets the room: {ours:?}");
        let by_weight = shares(total, &weights(&columns), &minimums);
        assert!(
            table_lines(&ours, &rows, &t) * 2 < table_lines(&by_weight, &rows, &t),
            "less than half the lines of the weighted widths"
        );
    }

    #[test]
    fn an_empty_column_keeps_its_share_and_an_empty_table_follows_the_weights() {
        let (song, hei) = (Metrics::new(Face::Serif).unwrap(), Metrics::new(Face::Sans).unwrap());
        let t = text_with(&song, &hei);
        let columns = [column("序号", 1.0), column("检查情况", 4.0), column("签字", 2.0)];
        let long = "对照整改清单逐项检查，发现问题的督促限期整改并跟踪复查，".repeat(4);
        let rows: Vec<Vec<String>> = (1..=5).map(|i| vec![i.to_string(), long.clone(), String::new()]).collect();
        let w = widths(600.0, &columns, &rows, &t);
        assert!(w[2] >= 600.0 * 2.0 / 7.0 * 0.9, "the column filled in by hand keeps room to sign: {w:?}");
        let blank = widths(600.0, &columns, &[], &t);
        assert!((blank[1] / blank[0] - 4.0).abs() < 0.01, "no text: the weights decide: {blank:?}");
    }

    #[test]
    fn a_long_latin_word_in_a_header_or_cell_does_not_starve_the_other_columns() {
        let (song, hei) = (Metrics::new(Face::Serif).unwrap(), Metrics::new(Face::Sans).unwrap());
        let t = text_with(&song, &hei);
        let word = "ABCDEFGHIJKLMNOPQRSTUVWXYZ".repeat(4);
        let columns = [column(&format!("备注{word}"), 1.0), column("表现形式", 3.0)];
        let cap = 10.5 * LONGEST_UNBROKEN as f32 + 2.0 * 3.0 + 0.5;
        for rows in [vec![vec![word.clone(), "把关不严".into()]], vec![vec!["无".into(), "把关不严".into()]]] {
            let minimums = minimums_of(&columns, &rows, &t);
            assert!(minimums[0] <= cap + 0.01, "the word's minimum is capped: {minimums:?}");
            // Uncapped, the word (about 700 pt) alone would take more than the page and every
            // column would be squeezed below its minimum.
            let w = widths(300.0, &columns, &rows, &t);
            assert!(w.iter().zip(&minimums).all(|(w, m)| w + 0.01 >= *m), "{w:?} {minimums:?}");
            assert!((w.iter().sum::<f32>() - 300.0).abs() < 0.5);
        }
    }

    #[test]
    fn too_many_columns_share_the_page_by_their_minimums() {
        let (song, hei) = (Metrics::new(Face::Serif).unwrap(), Metrics::new(Face::Sans).unwrap());
        let t = text_with(&song, &hei);
        let columns: Vec<Column> = (0..30).map(|_| column("风险等级", 1.0)).collect();
        let w = widths(300.0, &columns, &[vec!["一级".into(); 30]], &t);
        assert_eq!(w.len(), 30);
        assert!((w.iter().sum::<f32>() - 300.0).abs() < 0.5 && w.iter().all(|x| *x > 0.0));
    }
}
