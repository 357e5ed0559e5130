//! Dates as the office writes them: WIB, Indonesian day and month names.

use anjungan_calendar::MONTHS;
use time::{Date, OffsetDateTime, UtcOffset};

const DAYS: [&str; 7] = [
    "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu",
];

fn wib() -> UtcOffset {
    UtcOffset::from_hms(7, 0, 0).unwrap_or(UtcOffset::UTC)
}

/// "Senin, 30 November 2026".
pub fn long_date(d: Date) -> String {
    format!(
        "{}, {} {} {}",
        DAYS[usize::from(d.weekday().number_days_from_monday())],
        d.day(),
        MONTHS[usize::from(u8::from(d.month())) - 1],
        d.year()
    )
}

/// "30 November 2026 09.15 WIB" for an RFC 3339 instant (the text itself when unparsable).
pub fn stamp(rfc3339: &str) -> String {
    match OffsetDateTime::parse(rfc3339, &time::format_description::well_known::Rfc3339) {
        Ok(t) => {
            let t = t.to_offset(wib());
            format!(
                "{} {} {} {:02}.{:02} WIB",
                t.day(),
                MONTHS[usize::from(u8::from(t.month())) - 1],
                t.year(),
                t.hour(),
                t.minute()
            )
        }
        Err(_) => rfc3339.to_owned(),
    }
}

/// "Senin, 30 November 2026" for YYYY-MM-DD (the text itself when unparsable).
pub fn long_ymd(ymd: &str) -> String {
    Date::parse(
        ymd,
        time::macros::format_description!("[year]-[month]-[day]"),
    )
    .map(long_date)
    .unwrap_or_else(|_| ymd.to_owned())
}

#[cfg(test)]
mod tests {
    #[test]
    fn wib_and_indonesian_names() {
        assert_eq!(
            super::stamp("2026-11-30T02:15:00Z"),
            "30 November 2026 09.15 WIB"
        );
        assert_eq!(
            super::stamp("2026-11-30T17:05:00Z"),
            "1 Desember 2026 00.05 WIB"
        );
        assert_eq!(super::long_ymd("2026-12-04"), "Jumat, 4 Desember 2026");
    }
}
