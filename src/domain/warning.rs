//! Early warning rules: seed 004's yellow card as a scheme rule.

use std::collections::HashMap;

use super::{Content, Id};

/// Posts that earn the scheme's yellow card, with their number of verified reports, in post
/// order. Empty when the scheme has no such rule.
pub fn yellow_cards(content: &Content) -> Vec<(Id, u32)> {
    let Some(rule) = &content.unit.scheme.yellow_card else { return Vec::new() };
    let mut verified: HashMap<Id, u32> = HashMap::new();
    for w in content.warnings.iter().filter(|w| w.verified) {
        if let Some(post) = w.post_id {
            *verified.entry(post).or_default() += 1;
        }
    }
    content
        .posts
        .iter()
        .filter(|p| !rule.key_posts_only || p.key_post)
        .filter_map(|p| verified.get(&p.id).map(|n| (p.id, *n)))
        .filter(|(_, n)| *n >= rule.min_verified_reports)
        .collect()
}

/// Departments with a yellow-carded post.
pub fn carded_departments(content: &Content) -> std::collections::HashSet<Id> {
    let cards = yellow_cards(content);
    content.posts.iter().filter(|p| cards.iter().any(|(id, _)| *id == p.id)).map(|p| p.dept_id).collect()
}

/// The top 检查考核 rating (好).
pub const TOP_RATING: &str = "好";

/// Whether `dept` may be rated `rating`: under seed 004's rule a unit with a yellow card cannot
/// be rated 好. The refusal says why, in the scheme's words.
pub fn check_rating(content: &Content, dept: Id, rating: &str) -> Result<(), String> {
    let Some(rule) = &content.unit.scheme.yellow_card else { return Ok(()) };
    if rating != TOP_RATING || !carded_departments(content).contains(&dept) {
        return Ok(());
    }
    Err(format!("该部门有岗位受到“{}”，不能评为“{TOP_RATING}”等次（{}）", rule.label, rule.consequence))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::*;

    fn warning(post: Id, verified: bool) -> Warning {
        Warning {
            id: new_id(),
            post_id: Some(post),
            person_id: None,
            source: "信访举报".into(),
            received_on: None,
            content: String::new(),
            verified,
            follow_up: String::new(),
            stamp: Stamp::default(),
        }
    }

    #[test]
    fn two_verified_reports_on_a_key_post() {
        let mut c = Content::new_unit("江西农业大学", "高校", Scheme::preset("jxau2010").unwrap().unwrap());
        let dept = new_id();
        let post = |key_post| Post {
            id: new_id(),
            dept_id: dept,
            seq: 0,
            name: "会计".into(),
            tier: PostTier::General,
            duties: String::new(),
            basis: String::new(),
            key_post,
            stamp: Stamp::default(),
        };
        let (key, plain) = (post(true), post(false));
        c.warnings = vec![warning(key.id, true), warning(plain.id, true), warning(plain.id, true)];
        c.posts = vec![key.clone(), plain];
        assert!(yellow_cards(&c).is_empty(), "one verified report is not enough; plain posts do not count");
        c.warnings.push(warning(key.id, false));
        assert!(yellow_cards(&c).is_empty(), "unverified reports do not count");
        c.warnings.push(warning(key.id, true));
        assert_eq!(yellow_cards(&c), vec![(key.id, 2)]);
        assert!(check_rating(&c, dept, "好").unwrap_err().contains("不能评为“好”"));
        assert!(check_rating(&c, dept, "较好").is_ok());
        assert!(check_rating(&c, new_id(), "好").is_ok(), "other departments may be rated 好");
        c.unit.scheme.yellow_card = None;
        assert!(check_rating(&c, dept, "好").is_ok());
        assert!(yellow_cards(&c).is_empty(), "schemes without the rule give no card");
    }
}
