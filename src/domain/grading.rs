//! Grading a risk point by its scheme's method: the level and the rationale in words.

use super::GradeInputs;
use super::scheme::{GradingMethod, Scheme};

/// The level (1 = highest) the scheme's method gives for `inputs`, with the rationale, or
/// `None` when the inputs the method needs are missing or out of range.
pub fn grade(scheme: &Scheme, inputs: &GradeInputs) -> Option<(u8, String)> {
    let g = &scheme.grading;
    let (grade, why) = match g.method {
        GradingMethod::Harm => {
            let rule = g.harm_rules.get(usize::from(inputs.harm_rule?))?;
            (rule.grade, format!("按危害程度：{}", rule.text))
        }
        GradingMethod::PostType => match inputs.post_type_rule {
            Some(i) => {
                let rule = g.post_type_rules.get(usize::from(i))?;
                (rule.grade, format!("按岗位类型：{}", rule.text))
            }
            None => (g.default_grade, "按岗位类型：不属于所列岗位，定为其他岗位".to_owned()),
        },
        GradingMethod::Matrix => {
            let (l, h) = (usize::from(inputs.likelihood?), usize::from(inputs.harm?));
            let cell = *g.matrix.cells.get(l)?.get(h)?;
            let m = &g.matrix;
            (cell, format!("发生几率“{}”×危害程度“{}”", m.likelihood_labels.get(l)?, m.harm_labels.get(h)?))
        }
    };
    (1..=3).contains(&grade).then(|| (grade, format!("{why} → {}", scheme.level_name(Some(grade)))))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn preset(id: &str) -> Scheme {
        Scheme::preset(id).unwrap().unwrap()
    }

    #[test]
    fn harm_method_follows_seed_002() {
        let s = preset("imut2011");
        let crime = GradeInputs { harm_rule: Some(0), ..Default::default() };
        let (g, why) = grade(&s, &crime).unwrap();
        assert_eq!(g, 1);
        assert!(why.contains("构成犯罪") && why.ends_with("一级"), "{why}");
        assert_eq!(grade(&s, &GradeInputs { harm_rule: Some(2), ..Default::default() }).unwrap().0, 3);
        assert!(grade(&s, &GradeInputs::default()).is_none());
    }

    #[test]
    fn post_type_method_follows_seed_001() {
        let s = preset("fzsx2013");
        let finance = GradeInputs { post_type_rule: Some(3), ..Default::default() };
        let (g, why) = grade(&s, &finance).unwrap();
        assert_eq!(g, 1);
        assert!(why.contains("物资采购") && why.ends_with("高"), "{why}");
        let general = GradeInputs { post_type_rule: Some(4), ..Default::default() };
        assert_eq!(grade(&s, &general).unwrap().0, 2);
        assert_eq!(grade(&s, &GradeInputs::default()).unwrap().0, 3);
    }

    #[test]
    fn matrix_method_reads_the_cell() {
        let s = preset("tjbh2012");
        let high = GradeInputs { likelihood: Some(2), harm: Some(2), ..Default::default() };
        assert_eq!(grade(&s, &high).unwrap().0, 1);
        let low = GradeInputs { likelihood: Some(0), harm: Some(0), ..Default::default() };
        assert_eq!(grade(&s, &low).unwrap().0, 3);
        assert!(grade(&s, &GradeInputs { likelihood: Some(9), harm: Some(0), ..Default::default() }).is_none());
    }
}
