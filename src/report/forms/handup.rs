//! The two forms of handing up: the 报送单 printed with an export (unit, date, counts by level,
//! the file's SHA-256, signatures and seal), and the higher office's 处室廉政风险防控统计表 for
//! the whole area (001 附件11, one row per unit). They print what export and consolidation hand
//! in; nothing is read here.

use super::{DATE_LINE, SIGNATURE, columns};
use crate::domain::exchange::{ExportReport, UnitFigures, grouped_sha256, verification_code};
use crate::report::layout::{Block, Form};

/// 廉政风险防控数据报送单 for an exported file.
pub fn submission_slip(report: &ExportReport) -> Form {
    let file = report.path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let levels: Vec<String> = report.by_level.iter().map(|(n, c)| format!("{n}{c}个")).collect();
    let rows = vec![
        vec!["报送单位".to_owned(), report.unit_name.clone()],
        vec!["报送日期".to_owned(), report.date_text.clone()],
        vec!["数据文件".to_owned(), file],
        vec!["文件大小".to_owned(), format!("{}字节", report.size_bytes)],
        vec!["核验码".to_owned(), verification_code(&report.sha256)],
        vec!["SHA-256 校验值".to_owned(), grouped_sha256(&report.sha256)],
        vec!["部门、岗位".to_owned(), format!("部门{}个，岗位{}个", report.departments, report.posts)],
        vec!["风险点".to_owned(), format!("共{}个：{}", report.risk_points, levels.join("，"))],
        vec!["防控措施".to_owned(), format!("{}条", report.measures)],
    ];
    Form {
        title: "廉政风险防控数据报送单".to_owned(),
        subtitle: String::new(),
        particulars: (format!("单位（公章）：{}", report.unit_name), DATE_LINE.to_owned()),
        blocks: vec![
            Block::Band { text: format!("核验码 {}", verification_code(&report.sha256)), rgb: [0x26, 0x32, 0x38] },
            Block::Table { columns: columns(&[("项目", 1.2), ("内容", 4.0)]), rows },
            Block::Letter(vec![
                "上级收到文件后，在“上级汇总”中导入时填写本单的核验码，或用 lianfang consolidate --expect 核验码 导入：收到的文件与本单不符时拒绝导入。也可用 lianfang check 或 sha256sum 计算文件的 SHA-256 校验值，与本单所列一致，即为本单位签字盖章报送的文件。"
                    .to_owned(),
            ]),
        ],
        landscape: false,
        signature: vec![SIGNATURE.to_owned()],
    }
}

/// 处室廉政风险防控统计表 of an area: one row per unit's current submission, and the totals.
pub fn area_statistics(area_name: &str, figures: &[UnitFigures]) -> Form {
    let mut classes: Vec<&str> = Vec::new();
    for f in figures {
        for (class, _) in &f.by_class {
            if !classes.contains(&class.as_str()) {
                classes.push(class);
            }
        }
    }
    let width = 9 + classes.len();
    let mut totals = vec![0_i64; width];
    let mut rows: Vec<Vec<String>> = figures
        .iter()
        .map(|f| {
            let class = |k: &str| f.by_class.iter().find(|(c, _)| c == k).map_or(0, |(_, n)| *n);
            let mut values = vec![f.departments, f.posts, f.submission.risk_points];
            values.extend(f.by_level);
            values.extend(classes.iter().map(|k| class(k)));
            values.push(f.measures);
            values.push(f.overdue_measures);
            for (t, v) in totals.iter_mut().zip(&values) {
                *t += v;
            }
            let mut row = vec![f.display_name(figures)];
            row.extend(values.iter().map(ToString::to_string));
            row
        })
        .collect();
    let mut total = vec![format!("合计（{}个单位）", figures.len())];
    total.extend(totals.iter().map(ToString::to_string));
    rows.push(total);
    let mut heads: Vec<(String, f32)> =
        vec![("单位".into(), 2.2), ("部门".into(), 0.7), ("岗位".into(), 0.7), ("风险点".into(), 0.8)];
    heads.extend(["一级", "二级", "三级", "未评定"].iter().map(|h| ((*h).to_owned(), 0.7)));
    heads.extend(classes.iter().map(|k| ((*k).to_owned(), 0.9)));
    heads.push(("防控措施".into(), 0.8));
    heads.push(("逾期未落实措施".into(), 0.9));
    let refs: Vec<(&str, f32)> = heads.iter().map(|(h, w)| (h.as_str(), *w)).collect();
    Form {
        title: format!("{area_name}处室廉政风险防控统计表"),
        subtitle: "（按各单位最新一次报送汇总；一级为最高等级，各单位的等级名称以其方案为准）".to_owned(),
        particulars: (
            "填报单位（公章）：".to_owned(),
            format!("统计日期：{}", crate::domain::dates::format_date(crate::domain::dates::today())),
        ),
        blocks: vec![Block::Table { columns: columns(&refs), rows }],
        landscape: true,
        signature: vec![SIGNATURE.to_owned()],
    }
}
