//! The published deadlines (as SP4N-LAPOR! publishes them): a complaint is verified within
//! 3 working days of its arrival, and answered within 5 working days after that, both in
//! the office calendar.

use anjungan_calendar::OfficeCalendar;
use time::Date;

pub const VERIFY_DAYS: u32 = 3;
pub const ANSWER_DAYS: u32 = 5;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Deadlines {
    pub verify_due: Date,
    pub answer_due: Date,
}

pub fn deadlines(calendar: &OfficeCalendar, received: Date) -> Deadlines {
    let verify_due = calendar.due_date(received, VERIFY_DAYS);
    Deadlines {
        verify_due,
        answer_due: calendar.due_date(verify_due, ANSWER_DAYS),
    }
}

/// Whether a complaint with `status` is past its deadline on `today`.
pub fn overdue(d: &Deadlines, status: &str, today: Date) -> bool {
    match status {
        "diterima" => today > d.verify_due,
        "diverifikasi" | "diteruskan" => today > d.answer_due,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn three_then_five_working_days() {
        let cal = anjungan_calendar::OfficeCalendar::national();
        let d = |s| anjungan_calendar::parse_date(s).expect("date");
        let due = super::deadlines(&cal, d("2026-11-27"));
        assert_eq!(due.verify_due, d("2026-12-02"));
        assert_eq!(due.answer_due, d("2026-12-09"));
        assert!(super::overdue(&due, "diterima", d("2026-12-03")));
        assert!(!super::overdue(&due, "ditanggapi", d("2027-01-01")));
    }
}
