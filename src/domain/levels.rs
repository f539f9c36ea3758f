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
