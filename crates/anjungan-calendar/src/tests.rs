use super::*;

fn d(s: &str) -> Date {
    parse_date(s).expect("test date")
}

fn with(extra: &[(&str, DayKind)]) -> OfficeCalendar {
    let (_, mut file) = OfficeCalendar::from_json(DEFAULT_JSON).expect("shipped calendar");
    for (date, kind) in extra {
        file.days.push(CalendarDay {
            date: (*date).to_owned(),
            kind: *kind,
            note: None,
        });
    }
    OfficeCalendar::from_file(&file).expect("calendar")
}

#[test]
fn due_dates() {
    let national = OfficeCalendar::national();
    let year_end = with(&[("2027-01-01", DayKind::LiburNasional)]);
    let flood = with(&[("2026-12-02", DayKind::ForceMajeure)]);
    // (calendar, complete, SLA, due, why)
    let table: &[(&OfficeCalendar, &str, u32, &str, &str)] = &[
        (
            &national,
            "2026-11-27",
            1,
            "2026-11-30",
            "Friday + 1 skips the weekend",
        ),
        (&national, "2026-11-27", 5, "2026-12-04", "a full week"),
        (
            &national,
            "2026-11-28",
            1,
            "2026-11-30",
            "complete on a Saturday",
        ),
        (
            &national,
            "2026-11-27",
            0,
            "2026-11-27",
            "SLA 0 on a working day: the same day",
        ),
        (
            &national,
            "2026-11-28",
            0,
            "2026-11-30",
            "SLA 0 on a Saturday: the next working day",
        ),
        // Idul Fitri 2026: cuti bersama 18, 20, 23, 24 March; libur 19, 21, 22 March.
        (&national, "2026-03-17", 1, "2026-03-25", "Idul Fitri week"),
        (&national, "2026-03-17", 3, "2026-03-27", "Idul Fitri week"),
        (
            &national,
            "2026-03-17",
            5,
            "2026-03-31",
            "Idul Fitri week and a weekend",
        ),
        (
            &national,
            "2026-03-20",
            0,
            "2026-03-25",
            "SLA 0 on a cuti bersama day",
        ),
        // Christmas, cuti bersama and the new year (2027-01-01 added by the office).
        (
            &year_end,
            "2026-12-23",
            5,
            "2027-01-04",
            "across the year end",
        ),
        (
            &national,
            "2026-12-23",
            5,
            "2027-01-01",
            "2027 not yet in the calendar",
        ),
        (&national, "2026-11-30", 3, "2026-12-03", "plain week"),
        (
            &flood,
            "2026-11-30",
            3,
            "2026-12-04",
            "a force-majeure day is added back",
        ),
        (
            &national,
            "2025-08-15",
            1,
            "2025-08-19",
            "17 Aug on Sunday, cuti bersama 18 Aug",
        ),
    ];
    for (cal, complete, sla, due, why) in table {
        assert_eq!(
            format_date(cal.due_date(d(complete), *sla)),
            *due,
            "{complete} + {sla}: {why}"
        );
    }
}

#[test]
fn lateness_counts_working_days_only() {
    let cal = OfficeCalendar::national();
    let complete = d("2026-11-30");
    let on = |today| cal.deadline(complete, 3, d(today));
    assert_eq!(on("2026-12-01").working_days_left, 2);
    assert!(!on("2026-12-03").late);
    assert_eq!(on("2026-12-03").working_days_left, 0);
    // Due Thursday 3 Dec; on Monday 7 Dec it is Friday and Monday late.
    let late = on("2026-12-07");
    assert!(late.late);
    assert_eq!(late.working_days_left, -2);
    assert_eq!(
        on("2026-12-05").working_days_left,
        -1,
        "Saturday: one day late"
    );
}

#[test]
fn the_shipped_calendar_is_complete_for_2025_and_2026() {
    let cal = OfficeCalendar::national();
    assert_eq!(cal.day_off(d("2026-03-20")), Some(DayKind::CutiBersama));
    assert_eq!(cal.day_off(d("2026-08-17")), Some(DayKind::LiburNasional));
    let count = |y: i32| cal.off.keys().filter(|k| k.year() == y).count();
    assert_eq!(
        count(2026),
        17 + 8,
        "SKB 2026: 17 libur nasional + 8 cuti bersama"
    );
}

#[test]
fn a_bad_calendar_says_which_day() {
    let bad = r#"{"days":[{"date":"2026-02-30","kind":"libur_nasional"}]}"#;
    assert_eq!(
        OfficeCalendar::from_json(bad).map(|_| ()),
        Err(CalendarError::BadDate {
            index: 0,
            date: "2026-02-30".into()
        })
    );
    let twice = r#"{"days":[{"date":"2026-12-02","kind":"force_majeure"},
                             {"date":"2026-12-02","kind":"cuti_bersama"}]}"#;
    assert!(matches!(
        OfficeCalendar::from_json(twice),
        Err(CalendarError::Duplicate { index: 1, .. })
    ));
    assert!(matches!(
        OfficeCalendar::from_json(r#"{"days":[{"date":"2026-12-02","kind":"banjir"}]}"#),
        Err(CalendarError::Json(_))
    ));
}
