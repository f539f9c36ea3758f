//! Ordering people by name: 拼音 (pinyin) or 姓氏笔画 (the surname's stroke count, from Unihan).

use std::collections::HashMap;
use std::sync::OnceLock;

use pinyin::ToPinyin as _;

use super::model::MemberOrder;

static STROKES: &str = include_str!("../../assets/unihan/strokes.txt");

fn stroke_table() -> &'static HashMap<char, u8> {
    static TABLE: OnceLock<HashMap<char, u8>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut map = HashMap::new();
        for line in STROKES.lines().filter(|l| !l.starts_with('#')) {
            let Some((count, chars)) = line.split_once('\t') else { continue };
            let Ok(count) = count.parse::<u8>() else { continue };
            map.extend(chars.chars().map(|c| (c, count)));
        }
        map
    })
}

/// A typed or pasted list split into its items: 党委副书记、院长 or 张三，李四 or 张三 李四
/// (顿号, commas, semicolons and spaces of either width separate; empty items are dropped).
pub fn split_list(text: &str) -> Vec<String> {
    text.split(['、', '，', ',', '；', ';', ' ', '　'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Total strokes of a character, if Unihan knows it.
pub fn strokes(c: char) -> Option<u8> {
    stroke_table().get(&c).copied()
}

/// Strokes of the surname (the first character); names without known strokes sort last.
pub fn surname_strokes(name: &str) -> u8 {
    name.trim().chars().next().and_then(strokes).unwrap_or(u8::MAX)
}

/// The name in toneless pinyin (`liu zhi xiong`); characters without a reading are kept.
pub fn pinyin_key(name: &str) -> String {
    name.trim()
        .chars()
        .zip(name.trim().to_pinyin())
        .map(|(c, p)| p.map_or_else(|| c.to_string(), |p| p.plain().to_owned()))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Sorts `items` (given in manual order) by `order`. Both sorts are stable: equal keys keep
/// the manual order, as rosters written 以姓氏笔画为序 do for surnames of equal strokes.
pub fn sort_by_name<'a, T>(items: &mut [T], order: MemberOrder, name: impl Fn(&T) -> &'a str) {
    match order {
        MemberOrder::Manual => {}
        MemberOrder::Pinyin => items.sort_by_cached_key(|t| pinyin_key(name(t))),
        MemberOrder::Strokes => items.sort_by_key(|t| surname_strokes(name(t))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stroke_counts_come_from_unihan() {
        assert_eq!(strokes('王'), Some(4));
        assert_eq!(strokes('刘'), Some(6));
        assert_eq!(strokes('峻'), Some(10));
        assert_eq!(strokes('𠮷'), Some(6));
        assert_eq!(strokes('A'), None);
        assert!(stroke_table().len() > 90_000);
    }

    #[test]
    fn seed_002_members_are_in_surname_stroke_order() {
        // 成员：（以姓氏笔画为序）王世勤 王永明 刘进荣 孙志强 成涛 峻峰
        let seed = ["王世勤", "王永明", "刘进荣", "孙志强", "成涛", "峻峰"];
        let mut shuffled = ["峻峰", "王世勤", "成涛", "刘进荣", "王永明", "孙志强"];
        sort_by_name(&mut shuffled, MemberOrder::Strokes, |n| *n);
        let strokes: Vec<u8> = shuffled.iter().map(|n| surname_strokes(n)).collect();
        assert!(strokes.windows(2).all(|w| w[0] <= w[1]), "{shuffled:?}");
        let mut in_order = seed;
        sort_by_name(&mut in_order, MemberOrder::Strokes, |n| *n);
        assert_eq!(in_order, seed, "the seed's list is already in stroke order");
    }

    #[test]
    fn pinyin_order() {
        let mut names = ["王强", "夏青", "杨承军", "王国光"];
        sort_by_name(&mut names, MemberOrder::Pinyin, |n| *n);
        assert_eq!(names, ["王国光", "王强", "夏青", "杨承军"]);
        assert_eq!(pinyin_key("刘志雄"), "liu zhi xiong");
        let mut manual = ["乙", "甲"];
        sort_by_name(&mut manual, MemberOrder::Manual, |n| *n);
        assert_eq!(manual, ["乙", "甲"]);
    }
}
