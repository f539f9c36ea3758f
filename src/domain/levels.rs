//! Risk levels: the one place that defines their colours, and the derived levels of posts and
//! departments (the highest of what they contain; never typed by hand).

use std::collections::HashMap;

use super::{Content, Id, RiskScope};

/// An sRGB colour, so that the UI and the PDF forms share one definition.
pub type Rgb = [u8; 3];

/// Colour of a level (1 = highest): 一级 red, 二级 orange, 三级 yellow; grey when ungraded.
pub fn level_color(grade: Option<u8>) -> Rgb {
    match grade {
        Some(1) => [0xC6, 0x28, 0x28],
        Some(2) => [0xEF, 0x6C, 0x00],
        Some(3) => [0xF9, 0xA8, 0x25],
        _ => [0x9E, 0x9E, 0x9E],
    }
}

/// Black or white, whichever reads better on `background` (the higher WCAG contrast ratio).
/// On any colour one of them reaches at least 4.58 : 1, above the 4.5 : 1 that WCAG asks of
/// normal text: the level on a sign or a band is always legible.
pub fn ink_on(background: Rgb) -> Rgb {
    const BLACK: Rgb = [0, 0, 0];
    const WHITE: Rgb = [0xFF, 0xFF, 0xFF];
    if contrast(BLACK, background) >= contrast(WHITE, background) { BLACK } else { WHITE }
}

/// The WCAG 2 contrast ratio of two sRGB colours (1 to 21).
pub fn contrast(a: Rgb, b: Rgb) -> f32 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// WCAG 2 relative luminance.
fn luminance(rgb: Rgb) -> f32 {
    let channel = |c: u8| {
        let c = f32::from(c) / 255.0;
        if c <= 0.039_28 { c / 12.92 } else { ((c + 0.055) / 1.055).powf(2.4) }
    };
    let [r, g, b] = rgb.map(channel);
    0.2126 * r + 0.7152 * g + 0.0722 * b
}

/// Where a level is counted in `[一级, 二级, 三级, 未评定]`.
pub fn level_slot(grade: Option<u8>) -> usize {
    grade.map_or(3, |g| usize::from(g.clamp(1, 3)) - 1)
}

/// The higher of two levels (1 is higher than 3); `None` counts as lowest.
pub fn higher(a: Option<u8>, b: Option<u8>) -> Option<u8> {
    match (a, b) {
        (Some(x), Some(y)) => Some(x.min(y)),
        (x, None) => x,
        (None, y) => y,
    }
}

/// Derived levels of every post and department.
#[derive(Debug, Default, PartialEq)]
pub struct DerivedLevels {
    pub posts: HashMap<Id, u8>,
    pub departments: HashMap<Id, u8>,
}

impl DerivedLevels {
    /// A post's level is the highest of its risk points; a department's the highest of its
    /// posts and of its own department-level risk points.
    pub fn compute(content: &Content) -> Self {
        let mut out = Self::default();
        for rp in &content.risk_points {
            let Some(grade) = rp.grade else { continue };
            match rp.scope {
                RiskScope::Post => {
                    if let Some(post) = rp.post_id {
                        raise(&mut out.posts, post, grade);
                    }
                }
                RiskScope::Department => {
                    if let Some(dept) = rp.dept_id {
                        raise(&mut out.departments, dept, grade);
                    }
                }
                RiskScope::Unit | RiskScope::Person => {}
            }
        }
        for post in &content.posts {
            if let Some(&grade) = out.posts.get(&post.id) {
                raise(&mut out.departments, post.dept_id, grade);
            }
        }
        out
    }

    pub fn post(&self, id: Id) -> Option<u8> {
        self.posts.get(&id).copied()
    }

    pub fn department(&self, id: Id) -> Option<u8> {
        self.departments.get(&id).copied()
    }
}

fn raise(map: &mut HashMap<Id, u8>, id: Id, grade: u8) {
    let entry = map.entry(id).or_insert(grade);
    *entry = (*entry).min(grade);
}

#[cfg(test)]
mod contrast_tests {
    use super::*;

    #[test]
    fn the_ink_on_every_colour_reads_at_four_and_a_half_to_one() {
        for grade in [Some(1), Some(2), Some(3), None] {
            let fill = level_color(grade);
            assert!(contrast(ink_on(fill), fill) >= 4.5, "{grade:?}: {:?} on {fill:?}", ink_on(fill));
        }
        // Every grey from black to white, and the saturated primaries.
        for v in 0..=255_u8 {
            for fill in [[v, v, v], [v, 0, 0], [0, v, 0], [0, 0, v], [v, v, 0], [0xFF, v, 0]] {
                assert!(contrast(ink_on(fill), fill) >= 4.5, "{fill:?}");
            }
        }
        assert_eq!(ink_on(level_color(Some(3))), [0, 0, 0], "black on amber (white was 2 : 1)");
        assert!((contrast([0, 0, 0], [0xFF, 0xFF, 0xFF]) - 21.0).abs() < 0.01);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn posts_and_departments_take_the_highest_level_below_them() {
        let mut c = crate::demo::build("imut2011").unwrap();
        let post = c.posts[0].id;
        let dept = c.posts[0].dept_id;
        for rp in &mut c.risk_points {
            rp.grade = Some(3);
        }
        let levels = DerivedLevels::compute(&c);
        assert_eq!(levels.post(post), Some(3));
        assert_eq!(levels.department(dept), Some(3));
        let i = c.risk_points.iter().position(|r| r.post_id == Some(post)).unwrap();
        c.risk_points[i].grade = Some(1);
        let levels = DerivedLevels::compute(&c);
        assert_eq!(levels.post(post), Some(1), "a post is as high as its highest risk point");
        assert_eq!(levels.department(dept), Some(1), "a department is as high as its highest post");
        let other = c.posts.iter().find(|p| p.dept_id == dept && p.id != post).unwrap().id;
        assert_eq!(levels.post(other), Some(3), "other posts keep their own level");
        for rp in &mut c.risk_points {
            rp.grade = None;
        }
        assert_eq!(DerivedLevels::compute(&c).department(dept), None, "ungraded everywhere: no level");
    }

    #[test]
    fn higher_prefers_level_one() {
        assert_eq!(higher(Some(2), Some(1)), Some(1));
        assert_eq!(higher(None, Some(3)), Some(3));
        assert_eq!(higher(Some(3), None), Some(3));
        assert_eq!(higher(None, None), None);
        assert_ne!(level_color(Some(1)), level_color(Some(2)));
        assert_eq!(level_color(None), level_color(Some(7)));
    }
}
