//! What can be imported, its fields, and the headers each field is known by.

use crate::domain::lists;

/// What a sheet holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ImportKind {
    Departments,
    People,
    Posts,
    Group,
    Powers,
    RiskPoints,
    Measures,
}

/// A field: its key (remembered in the file), our column title, and other headers it goes by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Field {
    pub key: &'static str,
    pub title: &'static str,
    pub aliases: &'static [&'static str],
}

const fn f(key: &'static str, title: &'static str, aliases: &'static [&'static str]) -> Field {
    Field { key, title, aliases }
}

const DEPT_ALIASES: &[&str] =
    &["部门名称", "处室", "科室", "所在部门", "部门（单位）", "处室（单位）", "单位", "所在单位", "系部"];

const DEPARTMENTS: &[Field] = &[
    f("name", "部门名称", &["部门", "处室", "科室", "单位名称", "部门（单位）", "处室（单位）", "名称", "系部"]),
    f("kind", "类型", &["部门类型", "机构类型"]),
    f("parent", "上级部门", &["上级", "所属部门", "上级单位"]),
    f("head", "负责人", &["部门负责人", "主要负责人"]),
    f("leaders", "分管领导", &["分管校领导", "分管院领导", "分管领导姓名"]),
];

const PEOPLE: &[Field] = &[
    f("name", "姓名", &["人员", "名字", "人员姓名"]),
    f("titles", "职务", &["职务职称", "现任职务", "职位", "行政职务"]),
    f("dept", "部门", DEPT_ALIASES),
    f("note", "备注", &[]),
];

const POSTS: &[Field] = &[
    f("dept", "部门", DEPT_ALIASES),
    f("name", "岗位名称", &["岗位", "岗位名"]),
    f("tier", "岗位层次", &["层次", "岗位类别", "岗位级别", "岗位类型"]),
    f("key_post", "重点岗位", &["是否重点岗位"]),
    f("duties", "岗位职责", &["职责", "主要职责", "工作职责"]),
    f("basis", "履职依据", &["依据", "职责依据"]),
    f("holders", "在岗人员", &["姓名", "人员", "在岗人员姓名", "岗位人员", "现任人员"]),
];

const GROUP: &[Field] = &[
    f("role", "小组职务", &["组内职务", "小组内职务", "领导小组职务", "角色"]),
    f("name", "姓名", &["人员"]),
    f("titles", "职务", &["现任职务", "行政职务"]),
    f("dept", "部门", DEPT_ALIASES),
    f("note", "备注", &[]),
];

const POWERS: &[Field] = &[
    f("dept", "部门", DEPT_ALIASES),
    f("name", "职权名称", &["职权", "权力名称", "职权事项", "权力事项"]),
    f("content", "职权内容", &["内容", "权力内容"]),
    f("subject", "行使主体", &["主体", "实施主体"]),
    f("basis", "行使依据", &["依据", "法律依据", "设定依据"]),
    f("procedure", "运行程序", &["程序", "办理程序"]),
    f("time_limit", "办理时限", &["时限"]),
    f("responsibility", "相应责任", &["责任", "责任事项"]),
    f("steps", "运行环节", &["环节", "运行流程"]),
];

const RISKS: &[Field] = &[
    f("number", "编号", &["序号"]),
    f("scope", "范围", &["层级", "风险层级", "类型"]),
    f("dept", "部门", DEPT_ALIASES),
    f("post", "岗位", &["岗位名称"]),
    f("person", "人员", &["姓名"]),
    f("class", "风险类别", &["类别", "风险类型", "风险分类"]),
    f("description", "风险点", &["风险描述", "风险点名称", "廉政风险点", "主要风险点", "风险内容", "风险点描述"]),
    f("manifestation", "表现形式", &["风险表现形式", "具体表现", "主要表现"]),
    f("power", "职权", &["职权名称"]),
    f("step", "运行环节", &["环节"]),
    f("found_by", "查找方式", &["查找方法", "查找途径"]),
    f("grade", "等级", &["风险等级", "风险级别", "级别", "等次"]),
    f("status", "审核状态", &["状态"]),
    f("before", "前期预防措施", &["防控措施", "预防措施", "措施"]),
    f("during", "中期监控措施", &["监控措施"]),
    f("after", "后期处置措施", &["处置措施"]),
];

const MEASURES: &[Field] = &[
    f("number", "风险点编号", &["编号", "序号"]),
    f("dept", "部门", DEPT_ALIASES),
    f("post", "岗位", &["岗位名称"]),
    f("person", "人员", &["姓名"]),
    f("description", "风险点", &["风险描述", "廉政风险点"]),
    f("phase", "阶段", &["措施阶段", "防控阶段"]),
    f("content", "措施内容", &["防控措施", "措施", "具体措施"]),
    f("owner", "责任人", &["责任部门", "责任人（部门）", "责任单位"]),
    f("due", "完成时限", &["时限", "完成时间", "完成期限"]),
    f("state", "落实情况", &["落实", "是否落实", "落实状态"]),
    f("done_on", "落实日期", &["落实时间"]),
    f("confirmed_by", "确认人", &[]),
    f("evidence", "落实依据", &["佐证", "佐证材料", "证明材料"]),
    f("na_reason", "不再适用理由", &[]),
];

impl ImportKind {
    /// In the order a whole workbook is imported (each refers only to earlier ones).
    pub const ALL: [Self; 7] =
        [Self::Departments, Self::People, Self::Posts, Self::Group, Self::Powers, Self::RiskPoints, Self::Measures];

    /// What the paste window offers.
    pub const PASTE: [Self; 3] = [Self::Departments, Self::Posts, Self::People];

    pub fn order(self) -> usize {
        Self::ALL.iter().position(|k| *k == self).unwrap_or(0)
    }

    pub fn label(self) -> &'static str {
        self.sheet()
    }

    /// The sheet 导出 Excel writes this list to.
    pub fn sheet(self) -> &'static str {
        match self {
            Self::Departments => lists::DEPARTMENTS,
            Self::People => lists::PEOPLE,
            Self::Posts => lists::POSTS,
            Self::Group => lists::GROUP,
            Self::Powers => lists::POWERS,
            Self::RiskPoints => lists::RISKS,
            Self::Measures => lists::MEASURES,
        }
    }

    /// The key of the remembered header choices in the file.
    pub fn key(self) -> &'static str {
        match self {
            Self::Departments => "departments",
            Self::People => "people",
            Self::Posts => "posts",
            Self::Group => "group",
            Self::Powers => "powers",
            Self::RiskPoints => "risk_points",
            Self::Measures => "measures",
        }
    }

    pub fn fields(self) -> &'static [Field] {
        match self {
            Self::Departments => DEPARTMENTS,
            Self::People => PEOPLE,
            Self::Posts => POSTS,
            Self::Group => GROUP,
            Self::Powers => POWERS,
            Self::RiskPoints => RISKS,
            Self::Measures => MEASURES,
        }
    }

    /// Fields a row cannot do without (at least one of them mapped and filled).
    pub fn required(self) -> &'static [&'static str] {
        match self {
            Self::Departments | Self::People | Self::Group => &["name"],
            Self::Posts | Self::Powers => &["dept", "name"],
            Self::RiskPoints => &["description"],
            Self::Measures => &["description", "content"],
        }
    }

    /// The fields that tell one row's subject from another's (two rows with the same are one
    /// subject given twice).
    pub fn identity(self) -> &'static [&'static str] {
        match self {
            Self::Departments => &["name"],
            Self::People => &["name", "dept"],
            Self::Posts | Self::Powers => &["dept", "name"],
            Self::Group => &["role", "name"],
            Self::RiskPoints => &["dept", "post", "person", "description"],
            Self::Measures => &["dept", "post", "person", "description", "phase", "content"],
        }
    }

    /// The columns of pasted rows without a header row, in order.
    pub fn paste_columns(self) -> &'static [&'static str] {
        match self {
            Self::Departments => &["name", "kind", "parent", "head"],
            Self::Posts => &["dept", "name", "tier", "duties", "basis", "holders"],
            Self::People => &["name", "titles", "dept"],
            _ => &[],
        }
    }

    /// The titles of `paste_columns`, as the paste window lists them.
    pub fn paste_titles(self) -> Vec<&'static str> {
        self.paste_columns()
            .iter()
            .filter_map(|key| self.fields().iter().find(|f| f.key == *key))
            .map(|f| f.title)
            .collect()
    }
}

/// The field a (normalised) header names: our title, then another name, then — for the
/// measure phases, which each scheme names its own way — the phase word.
pub fn guess(kind: ImportKind, header: &str) -> Option<usize> {
    let fields = kind.fields();
    if let Some(i) = fields.iter().position(|f| f.title == header) {
        return Some(i);
    }
    if let Some(i) = fields.iter().position(|f| f.aliases.contains(&header)) {
        return Some(i);
    }
    if kind == ImportKind::RiskPoints {
        let phase = [("前期", "before"), ("中期", "during"), ("后期", "after")]
            .iter()
            .find(|(word, _)| header.starts_with(word))
            .map(|(_, key)| *key)?;
        return fields.iter().position(|f| f.key == phase);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_unique_and_titles_recognised() {
        for kind in ImportKind::ALL {
            let fields = kind.fields();
            for (i, field) in fields.iter().enumerate() {
                assert_eq!(fields.iter().filter(|f| f.key == field.key).count(), 1, "{kind:?} {}", field.key);
                assert_eq!(guess(kind, field.title), Some(i), "{kind:?} {}", field.title);
            }
            for key in kind.required().iter().chain(kind.paste_columns()).chain(kind.identity()) {
                assert!(fields.iter().any(|f| f.key == *key), "{kind:?} {key}");
            }
        }
    }

    #[test]
    fn scheme_phase_names_map_to_their_phase() {
        let k = ImportKind::RiskPoints;
        let key = |h: &str| guess(k, h).map(|i| k.fields()[i].key);
        assert_eq!(key("中期示警措施"), Some("during"));
        assert_eq!(key("后期处置"), Some("after"));
        assert_eq!(key("防控措施"), Some("before"));
        assert_eq!(key("风险描述"), Some("description"));
        assert_eq!(key("备注"), None);
    }
}
