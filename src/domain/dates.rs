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
}
