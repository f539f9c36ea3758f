//! What crosses offices, as plain data: the hand-up export's facts and its 报送单 text, the
//! 核验码, and the figures of a unit's submission in the higher office's area file. The store
//! fills them; the forms print them.

use std::path::PathBuf;

/// What was exported: the file, its checksum, and the figures of the slip.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExportReport {
    pub path: PathBuf,
    /// The 报送单 written beside the copy (UTF-8 text with a BOM, for Notepad and WPS).
    pub slip: PathBuf,
    pub sha256: String,
    pub size_bytes: u64,
    pub unit_name: String,
    /// 2026年11月21日
    pub date_text: String,
    /// Level name and count, highest first, then 未评定.
    pub by_level: Vec<(String, usize)>,
    pub departments: usize,
    pub posts: usize,
    pub risk_points: usize,
    pub measures: usize,
}

impl ExportReport {
    /// The 报送单 as text (the printable form comes with the forms engine).
    pub fn slip_text(&self) -> String {
        let levels: Vec<String> = self.by_level.iter().map(|(n, c)| format!("{n} {c} 个")).collect();
        format!(
            "廉政风险防控数据报送单\n\n报送单位：{}\n报送日期：{}\n数据文件：{}\n文件大小：{} 字节\n核验码：{}\nSHA-256：{}\n\n部门 {} 个，岗位 {} 个，风险点 {} 个（{}），防控措施 {} 条。\n\n\
             填表人（签字）：              审核人/负责人（签字）：\n\n单位（公章）                  填表日期：    年  月  日\n",
            self.unit_name,
            self.date_text,
            self.path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
            self.size_bytes,
            verification_code(&self.sha256),
            self.sha256,
            self.departments,
            self.posts,
            self.risk_points,
            levels.join("，"),
            self.measures
        )
    }
}

/// The 核验码 of a file: the first 16 hex digits of its SHA-256 in groups of four
/// (1A2B-3C4D-5E6F-7A8B), short enough to print large on the slip and type in at the office.
pub fn verification_code(sha256: &str) -> String {
    let digits: Vec<char> = sha256.chars().filter(char::is_ascii_hexdigit).take(16).collect();
    digits.chunks(4).map(|c| c.iter().collect::<String>().to_uppercase()).collect::<Vec<_>>().join("-")
}

/// Whether a 核验码 typed from the slip (any case, with or without dashes or spaces) is the
/// code of `sha256`.
pub fn code_matches(typed: &str, sha256: &str) -> bool {
    let typed: String = typed.chars().filter(char::is_ascii_hexdigit).collect::<String>().to_lowercase();
    typed.len() == 16 && sha256.to_lowercase().starts_with(&typed)
}

/// A SHA-256 in groups of eight, easier to compare by eye.
pub fn grouped_sha256(sha256: &str) -> String {
    let chars: Vec<char> = sha256.chars().collect();
    chars.chunks(8).map(|c| c.iter().collect::<String>()).collect::<Vec<_>>().join(" ")
}

/// One submission of one unit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Submission {
    pub id: String,
    pub unit_id: String,
    pub unit_name: String,
    pub source_file: String,
    pub sha256: String,
    pub imported_at: String,
    /// When a later submission of the same unit replaced it.
    pub superseded_at: Option<String>,
    pub risk_points: i64,
}

/// Figures of one unit's current submission.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnitFigures {
    pub submission: Submission,
    /// 一级, 二级, 三级, 未评定.
    pub by_level: [i64; 4],
    pub overdue_measures: i64,
    pub phases: i64,
    pub overdue_phases: i64,
    /// Risk points per class, in the unit's order of first use.
    pub by_class: Vec<(String, i64)>,
    /// Risk points per kind of department (处室、系部、直属单位 …; through the post when the
    /// risk point names only its post); unit-level and personal ones without a department are
    /// not counted here.
    pub by_dept_kind: Vec<(String, i64)>,
    pub departments: i64,
    pub posts: i64,
    pub measures: i64,
}

impl UnitFigures {
    /// The unit's name, with the start of its id when another unit in `all` has the same name.
    pub fn display_name(&self, all: &[Self]) -> String {
        let name = &self.submission.unit_name;
        if all.iter().filter(|x| x.submission.unit_name == *name).count() > 1 {
            format!("{name}（{}）", self.submission.unit_id.get(..8).unwrap_or_default())
        } else {
            name.clone()
        }
    }
}
