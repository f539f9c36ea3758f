//! Dates and times as the user sees them (2026年11月21日) and as they are stored (ISO 8601).

use chrono::{Datelike as _, NaiveDate};

/// `2026年11月21日`
pub fn format_date(date: NaiveDate) -> String {
    format!("{}年{}月{}日", date.year(), date.month(), date.day())
}

/// `11月21日`, for phases inside one year.
pub fn format_month_day(date: NaiveDate) -> String {
    format!("{}月{}日", date.month(), date.day())
}

/// Shows an optional date, or 未定 when there is none.
pub fn format_opt_date(date: Option<NaiveDate>) -> String {
    date.map_or_else(|| "未定".to_owned(), format_date)
}

/// Reads a date as people type it: `2013-05-16`, `2013/5/16`, `2013.5.16`, `2013年5月16日`,
/// or `5月16日` / `5-16` in `default_year`. Empty text is no date. The error is a Chinese hint.
pub fn parse_date(text: &str, default_year: i32) -> Result<Option<NaiveDate>, String> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    let numbers: Vec<&str> = t.split(|c: char| !c.is_ascii_digit()).filter(|s| !s.is_empty()).collect();
    let parsed: Option<Vec<u32>> = numbers.iter().map(|n| n.parse().ok()).collect();
    let date = match parsed.as_deref() {
        Some([y, m, d]) => i32::try_from(*y).ok().and_then(|y| NaiveDate::from_ymd_opt(y, *m, *d)),
        Some([m, d]) => NaiveDate::from_ymd_opt(default_year, *m, *d),
        _ => None,
    };
    date.map(Some).ok_or_else(|| format!("“{t}”不是有效日期，请写成 2013-05-16 或 2013年5月16日"))
}

/// The current local time as stored in `created_at`/`updated_at` (seconds precision, UTC offset).
pub fn now_stamp() -> String {
    chrono::Local::now().format("%Y-%m-%dT%H:%M:%S%:z").to_string()
}

/// Today's local date.
pub fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

/// A stored timestamp shown as `2026年11月21日 14:03`; unknown formats are shown as they are.
pub fn format_stamp(stamp: &str) -> String {
    match chrono::DateTime::parse_from_rfc3339(stamp) {
        Ok(t) => format!("{} {}", format_date(t.date_naive()), t.format("%H:%M")),
        Err(_) => stamp.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_dates() {
        let d = NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
        assert_eq!(format_date(d), "2026年11月21日");
        assert_eq!(format_month_day(d), "11月21日");
        assert_eq!(format_opt_date(None), "未定");
        assert_eq!(format_stamp("2026-01-02T03:04:05+08:00"), "2026年1月2日 03:04");
        assert_eq!(format_stamp("昨天"), "昨天");
    }

    #[test]
    fn dates_as_people_type_them() {
        let d = NaiveDate::from_ymd_opt(2013, 5, 16);
        for t in ["2013-05-16", "2013/5/16", "2013.5.16", "2013年5月16日", " 5月16日 ", "5-16"] {
            assert_eq!(parse_date(t, 2013), Ok(d), "{t}");
        }
        assert_eq!(parse_date("", 2013), Ok(None));
        assert!(parse_date("2013年2月30日", 2013).unwrap_err().contains("不是有效日期"));
        assert!(parse_date("明天", 2013).is_err());
    }
}
