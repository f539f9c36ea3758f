//! 导出报送文件: a clean single-file copy for handing up, named by unit and date, with the
//! facts of its 报送单 (counts by level, SHA-256) so the higher office can tell whether the file
//! it received is the one that was signed and stamped.

use std::path::Path;

use sha2::{Digest as _, Sha256};

use super::{Store, StoreError};
use crate::domain::dates;
pub use crate::domain::exchange::{ExportReport, code_matches, grouped_sha256, verification_code};

/// SHA-256 of a file, as lowercase hex.
pub fn sha256_file(path: &Path) -> Result<String, StoreError> {
    let io = |source| StoreError::Io { path: path.to_owned(), source };
    let mut file = std::fs::File::open(path).map_err(io)?;
    let mut hasher = Sha256::new();
    std::io::copy(&mut file, &mut hasher).map_err(io)?;
    Ok(hasher.finalize().iter().map(|b| format!("{b:02x}")).collect())
}

/// `福州实验小学_报送_20261121.db`, with characters that are unsafe in file names replaced.
pub fn export_file_name(unit: &str, date: chrono::NaiveDate) -> String {
    format!("{}_报送_{}.db", crate::fsutil::safe_file_name(unit), date.format("%Y%m%d"))
}

/// Risk points per level (the scheme's names, then 未评定), from their grades.
fn by_level(scheme: &crate::domain::Scheme, grades: &[Option<u8>]) -> Vec<(String, usize)> {
    let mut counts = [0_usize; 4];
    for grade in grades {
        counts[crate::domain::levels::level_slot(*grade)] += 1;
    }
    let s = scheme;
    (1..=3_u8)
        .map(|g| (s.level_name(Some(g)).to_owned(), counts[usize::from(g) - 1]))
        .chain(std::iter::once(("未评定".to_owned(), counts[3])))
        .collect()
}

impl Store {
    /// Writes the hand-up copy into `dir` (a verified `VACUUM INTO` copy; deleted content is
    /// purged) and its 报送单 beside it, and returns the slip's facts. An earlier export of the
    /// same day is replaced.
    pub fn export(&self, dir: &Path) -> Result<ExportReport, StoreError> {
        // The slip needs the unit and a few counts, not the whole content (a large file takes
        // seconds to read in full, and the copy is checked row by row anyway).
        let unit = super::table::select_all::<crate::domain::Unit>(&self.conn)?
            .pop()
            .ok_or_else(|| StoreError::Internal("文件中没有单位".to_owned()))?;
        let grades: Vec<Option<u8>> = self
            .conn
            .prepare("SELECT grade FROM risk_point")?
            .query_map([], |r| r.get::<_, Option<i64>>(0))?
            .map(|g| g.map(|g| g.and_then(|g| u8::try_from(g).ok())))
            .collect::<Result<_, _>>()?;
        let count = |table: &str| -> Result<usize, StoreError> {
            let n: i64 = self.conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))?;
            Ok(usize::try_from(n).unwrap_or(0))
        };
        let today = dates::today();
        let path = dir.join(export_file_name(&unit.name, today));
        let (report, sha256) = self.copy_verified(&path, sha256_file)?;
        let out = ExportReport {
            sha256,
            size_bytes: report.size_bytes,
            unit_name: unit.name.clone(),
            date_text: dates::format_date(today),
            by_level: by_level(&unit.scheme, &grades),
            departments: count("department")?,
            posts: count("post")?,
            risk_points: grades.len(),
            measures: count("measure")?,
            slip: path.with_extension("报送单.txt"),
            path,
        };
        let text = format!("\u{feff}{}", out.slip_text());
        crate::fsutil::write_atomically(&out.slip, text.as_bytes()).map_err(StoreError::Internal)?;
        Ok(out)
    }
}
