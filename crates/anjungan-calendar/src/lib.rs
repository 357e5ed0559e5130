//! The office calendar and the due date of an application.
//!
//! A service's SLA is a number of office working days counted from the day the file was
//! declared complete (the phrase every Standar Pelayanan uses). Saturdays, Sundays, national
//! holidays and cuti bersama (SKB 3 Menteri) are not working days, and neither is a day the
//! office recorded as force majeure (Perwali 27/2020 Pasal 29): time lost to it is added back
//! by not counting it. The rule, with examples, is in `docs/calendar.md`.
//!
//! The completion day itself is day 0: SLA 1 means the next working day, SLA 0 the same day
//! (or, when the file was completed on a day off, the first working day after it).

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use time::{Date, Weekday};

/// Why a weekday is not a working day.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, ts_rs::TS,
)]
#[serde(rename_all = "snake_case")]
pub enum DayKind {
    LiburNasional,
    CutiBersama,
    /// Pasal 29: the office could not serve (flood, power cut, disaster).
    ForceMajeure,
}

/// One day off in the office's calendar.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct CalendarDay {
    /// YYYY-MM-DD.
    pub date: String,
    pub kind: DayKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// The calendar as the hub keeps it, sends it to kiosks and takes it from
/// `anjungan-hub calendar set --json FILE`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct CalendarFile {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    pub days: Vec<CalendarDay>,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum CalendarError {
    #[error("the calendar is not valid JSON: {0}")]
    Json(String),
    #[error("day {index}: {date:?} is not a date (YYYY-MM-DD)")]
    BadDate { index: usize, date: String },
    #[error("day {index}: {date} is listed twice")]
    Duplicate { index: usize, date: String },
    #[error("day {index}: the note is longer than 200 characters")]
    LongNote { index: usize },
}

const FORMAT: &[time::format_description::BorrowedFormatItem<'static>] =
    time::macros::format_description!("[year]-[month]-[day]");

/// Parses `YYYY-MM-DD`.
/// Month names as the office writes them, January first.
pub const MONTHS: [&str; 12] = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
];

pub fn parse_date(s: &str) -> Option<Date> {
    Date::parse(s, FORMAT).ok()
}

/// Formats as `YYYY-MM-DD`.
pub fn format_date(d: Date) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
}

/// The office's days off, checked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OfficeCalendar {
    off: BTreeMap<Date, DayKind>,
}

/// The national calendar of 2025 and 2026 this build ships, until the hub sends the office's.
pub const DEFAULT_JSON: &str = include_str!("../data/office-calendar.json");

impl OfficeCalendar {
    /// Checks a calendar file: every date real, none twice.
    pub fn from_file(file: &CalendarFile) -> Result<Self, CalendarError> {
        let mut off = BTreeMap::new();
        for (index, day) in file.days.iter().enumerate() {
            let date = parse_date(&day.date).ok_or_else(|| CalendarError::BadDate {
                index,
                date: day.date.clone(),
            })?;
            if day.note.as_ref().is_some_and(|n| n.chars().count() > 200) {
                return Err(CalendarError::LongNote { index });
            }
            if off.insert(date, day.kind).is_some() {
                return Err(CalendarError::Duplicate {
                    index,
                    date: day.date.clone(),
                });
            }
        }
        Ok(Self { off })
    }

    pub fn from_json(json: &str) -> Result<(Self, CalendarFile), CalendarError> {
        let file: CalendarFile =
            serde_json::from_str(json).map_err(|e| CalendarError::Json(e.to_string()))?;
        Ok((Self::from_file(&file)?, file))
    }

    /// The calendar this build ships with.
    pub fn national() -> Self {
        Self::from_json(DEFAULT_JSON)
            .map(|(c, _)| c)
            .unwrap_or_default()
    }

    /// Why `date` is off, when it is a listed day (weekends are not listed).
    pub fn day_off(&self, date: Date) -> Option<DayKind> {
        self.off.get(&date).copied()
    }

    pub fn is_working_day(&self, date: Date) -> bool {
        !matches!(date.weekday(), Weekday::Saturday | Weekday::Sunday)
            && !self.off.contains_key(&date)
    }

    /// The day an SLA of `sla` working days ends, for a file complete on `complete`.
    pub fn due_date(&self, complete: Date, sla: u32) -> Date {
        let mut day = complete;
        if sla == 0 {
            while !self.is_working_day(day) {
                day = next(day);
            }
            return day;
        }
        let mut left = sla;
        while left > 0 {
            day = next(day);
            if self.is_working_day(day) {
                left -= 1;
            }
        }
        day
    }

    /// Working days in `(from, to]` — positive when `to` is later, negative when earlier.
    pub fn working_days_between(&self, from: Date, to: Date) -> i64 {
        let (lo, hi, sign) = if from <= to {
            (from, to, 1)
        } else {
            (to, from, -1)
        };
        let mut n = 0;
        let mut day = lo;
        while day < hi {
            day = next(day);
            if self.is_working_day(day) {
                n += 1;
            }
        }
        sign * n
    }

    /// Where an application stands against its due date on `today`.
    pub fn deadline(&self, complete: Date, sla: u32, today: Date) -> Deadline {
        self.standing(self.due_date(complete, sla), today)
    }

    /// Where something due on `due` stands on `today` (a due date already known, say one
    /// the hub computed).
    pub fn standing(&self, due: Date, today: Date) -> Deadline {
        Deadline {
            due_date: due,
            working_days_left: self.working_days_between(today, due),
            late: today > due,
        }
    }
}

fn next(d: Date) -> Date {
    d.next_day().unwrap_or(d)
}

/// An application's due date as of one day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Deadline {
    pub due_date: Date,
    /// Working days from the day asked to the due date; negative when late ("terlambat N hari
    /// kerja" is its absolute value).
    pub working_days_left: i64,
    pub late: bool,
}

#[cfg(test)]
mod tests;
