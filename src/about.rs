//! What the program is and which build it is: `lianfang --version`, 帮助 → 关于 and the
//! producer line of every printed PDF say the same.

use std::sync::LazyLock;

/// The program's name as the user sees it (window title, menu entry, PDF creator).
pub const PROGRAM_NAME: &str = "廉政风险防控管理系统";
/// The short name, with the version in a PDF's producer.
pub const SHORT_NAME: &str = "廉防";
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
/// The day the binary was built, `YYYY-MM-DD` (build.rs).
const BUILD_DATE: &str = env!("LIANFANG_BUILD_DATE");

/// 廉防 and the version, as a PDF's producer.
pub fn producer() -> String {
    format!("{SHORT_NAME} {VERSION}")
}

/// The build date in Chinese (2026年12月2日), or as recorded if it does not read as a date.
pub fn build_date() -> String {
    chrono::NaiveDate::parse_from_str(BUILD_DATE, "%Y-%m-%d")
        .map_or_else(|_| BUILD_DATE.to_owned(), crate::domain::dates::format_date)
}

/// The facts of this build, one per line: version, the file versions it reads and writes, the
/// build date.
pub fn facts() -> Vec<(&'static str, String)> {
    vec![
        ("版本", VERSION.to_owned()),
        ("单位数据文件版本", crate::store::schema::SCHEMA_VERSION.to_string()),
        ("汇总文件版本", crate::store::consolidate::AREA_VERSION.to_string()),
        ("构建日期", build_date()),
    ]
}

/// What `lianfang --version` prints after the program's name.
pub fn version_text() -> &'static str {
    static TEXT: LazyLock<String> = LazyLock::new(|| {
        let facts: Vec<String> = facts().into_iter().skip(1).map(|(k, v)| format!("{k} {v}")).collect();
        format!("{VERSION}（{}）", facts.join("，"))
    });
    &TEXT
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_version_names_the_file_versions_and_the_build_date() {
        let text = super::version_text();
        assert!(text.starts_with(env!("CARGO_PKG_VERSION")), "{text}");
        assert!(
            text.contains("单位数据文件版本 3") && text.contains("构建日期 20") && text.ends_with("日）"),
            "{text}"
        );
        assert_eq!(super::producer(), format!("廉防 {}", env!("CARGO_PKG_VERSION")));
    }
}
