//! bunq's timestamps: "YYYY-MM-DD HH:MM:SS.ffffff" in UTC.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// The current time as bunq writes it in "created" and "updated".
pub(crate) fn now_stamp() -> String {
    let since_epoch = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or(Duration::ZERO);
    stamp(since_epoch)
}

/// Format a time given as the duration since the Unix epoch.
pub(crate) fn stamp(since_epoch: Duration) -> String {
    let seconds = since_epoch.as_secs();
    let (year, month, day) = civil_from_days(seconds / 86_400);
    let of_day = seconds % 86_400;
    format!(
        "{year:04}-{month:02}-{day:02} {:02}:{:02}:{:02}.{:06}",
        of_day / 3600,
        of_day % 3600 / 60,
        of_day % 60,
        since_epoch.subsec_micros()
    )
}

/// Year, month and day of the day `days` after 1970-01-01 (Howard Hinnant's algorithm,
/// restricted to dates after the epoch, which is all a running server sees).
fn civil_from_days(days: u64) -> (u64, u64, u64) {
    let shifted = days + 719_468;
    let era = shifted / 146_097;
    let day_of_era = shifted % 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_index + 2) / 5 + 1;
    let month = if month_index < 10 {
        month_index + 3
    } else {
        month_index - 9
    };
    let year = year_of_era + era * 400 + u64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_known_instants() {
        assert_eq!(stamp(Duration::ZERO), "1970-01-01 00:00:00.000000");
        assert_eq!(
            stamp(Duration::new(1_767_225_600, 123_456_000)),
            "2026-01-01 00:00:00.123456"
        );
        // 2024-02-29 23:59:59: a leap day, to check the month arithmetic.
        assert_eq!(
            stamp(Duration::from_secs(1_709_251_199)),
            "2024-02-29 23:59:59.000000"
        );
    }
}
