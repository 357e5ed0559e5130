//! Every problem with a complaint, as the screens and the CLI show them.

use crate::{MAX_CHRONOLOGY, MAX_LINE, MAX_TITLE};
use anjungan_wire::application::Problem;
use anjungan_wire::complaint::{ComplaintCategory, ComplaintDraft, Privacy};
use time::Date;

fn problem(out: &mut Vec<Problem>, field: &str, code: &str, message: impl Into<String>) {
    out.push(Problem {
        field: field.to_owned(),
        code: code.to_owned(),
        message: message.into(),
    });
}

/// Required text of at most `max` characters, without control characters (line breaks
/// allowed where `multiline`).
fn text(out: &mut Vec<Problem>, field: &str, value: &str, min: usize, max: usize, multiline: bool) {
    let n = value.trim().chars().count();
    if n == 0 {
        if min > 0 {
            problem(out, field, "required", "required");
        }
        return;
    }
    if n < min {
        problem(
            out,
            field,
            "too_short",
            format!("at least {min} characters"),
        );
    } else if value.chars().count() > max {
        problem(out, field, "too_long", format!("at most {max} characters"));
    }
    if value
        .chars()
        .any(|c| c.is_control() && !(multiline && (c == '\n' || c == '\r' || c == '\t')))
    {
        problem(out, field, "control_chars", "control characters");
    }
}

/// Every problem with `d`, empty when it can be sent. `today` is the office's day.
pub fn problems(d: &ComplaintDraft, today: Date) -> Vec<Problem> {
    let mut out = Vec::new();
    if ComplaintCategory::from_code(&d.category).is_none() {
        problem(&mut out, "category", "category", "a category a to k");
    }
    text(&mut out, "title", &d.title, 5, MAX_TITLE, false);
    text(
        &mut out,
        "chronology",
        &d.chronology,
        20,
        MAX_CHRONOLOGY,
        true,
    );
    match anjungan_calendar::parse_date(d.event_date.trim()) {
        None => problem(&mut out, "event_date", "date", "a date, YYYY-MM-DD"),
        Some(day) if day > today => {
            problem(&mut out, "event_date", "date_future", "not in the future")
        }
        Some(_) => {}
    }
    text(&mut out, "place", &d.place, 1, MAX_LINE, false);
    if let Some(unit) = &d.unit {
        text(&mut out, "unit", unit, 0, MAX_LINE, false);
    }
    if let Some(n) = d
        .related_tracking_number
        .as_deref()
        .filter(|n| !n.trim().is_empty())
    {
        if anjungan_apply::TrackingNumber::parse(n).is_err() {
            problem(
                &mut out,
                "related_tracking_number",
                "tracking_number",
                "not a tracking number",
            );
        }
    }
    let id = &d.identity;
    let named = d.privacy != Privacy::Anonim;
    if named {
        text(&mut out, "identity.name", &id.name, 1, MAX_LINE, false);
    } else if !id.name.trim().is_empty() {
        text(&mut out, "identity.name", &id.name, 0, MAX_LINE, false);
    }
    if !id.nik.trim().is_empty() {
        if let Err(e) = anjungan_apply::nik::parse(id.nik.trim()) {
            problem(&mut out, "identity.nik", e.code(), e.to_string());
        }
    }
    let phone = id.phone.trim();
    let email = id.email.trim();
    if !phone.is_empty() && anjungan_apply::contact::phone(phone).is_none() {
        problem(&mut out, "identity.phone", "phone", "a phone number, 08…");
    }
    if !email.is_empty() && !anjungan_apply::contact::email(email) {
        problem(&mut out, "identity.email", "email", "an e-mail address");
    }
    if named && phone.is_empty() && email.is_empty() {
        problem(
            &mut out,
            "identity.phone",
            "contact_required",
            "a phone number or an e-mail address",
        );
    }
    if !d.consent {
        problem(&mut out, "consent", "consent", "consent is required");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use anjungan_wire::complaint::ComplaintIdentity;

    fn draft() -> ComplaintDraft {
        ComplaintDraft {
            category: "h".into(),
            title: "Diminta uang tambahan".into(),
            chronology: "Petugas meminta uang Rp100.000 agar berkas cepat diproses.".into(),
            event_date: "2026-11-27".into(),
            place: "Loket 3 MPP Kota Metro".into(),
            unit: None,
            related_tracking_number: Some("26-000-00104-8".into()),
            privacy: Privacy::Named,
            identity: ComplaintIdentity {
                name: "Budi Santoso".into(),
                nik: String::new(),
                phone: "081298765432".into(),
                email: String::new(),
            },
            consent: true,
        }
    }

    fn today() -> Date {
        anjungan_calendar::parse_date("2026-11-30").expect("date")
    }

    fn fields(p: &[Problem]) -> Vec<(String, String)> {
        p.iter()
            .map(|p| (p.field.clone(), p.code.clone()))
            .collect()
    }

    #[test]
    fn a_complete_complaint_passes_and_every_problem_is_named() {
        assert_eq!(problems(&draft(), today()), vec![]);
        let mut d = draft();
        d.category = "z".into();
        d.title = "<script>alert(1)</script>".repeat(10);
        d.chronology = "pendek".into();
        d.event_date = "2026-12-25".into();
        d.place = String::new();
        d.related_tracking_number = Some("26-000-00104-9".into());
        d.identity.nik = "187201540890000".into();
        d.identity.phone = String::new();
        d.consent = false;
        let f = fields(&problems(&d, today()));
        for want in [
            ("category", "category"),
            ("title", "too_long"),
            ("chronology", "too_short"),
            ("event_date", "date_future"),
            ("place", "required"),
            ("related_tracking_number", "tracking_number"),
            ("identity.nik", "nik_length"),
            ("identity.phone", "contact_required"),
            ("consent", "consent"),
        ] {
            assert!(
                f.contains(&(want.0.to_owned(), want.1.to_owned())),
                "{want:?} in {f:?}"
            );
        }
    }

    #[test]
    fn an_anonymous_complaint_needs_no_name_or_contact() {
        let mut d = draft();
        d.privacy = Privacy::Anonim;
        d.identity = ComplaintIdentity::default();
        assert_eq!(problems(&d, today()), vec![]);
        d.chronology = "x".repeat(crate::MAX_CHRONOLOGY + 1);
        assert_eq!(
            fields(&problems(&d, today())),
            [("chronology".into(), "too_long".into())]
        );
        d.chronology = "Baris satu\nbaris dua yang cukup panjang\u{7}".into();
        assert_eq!(
            fields(&problems(&d, today())),
            [("chronology".into(), "control_chars".into())]
        );
    }
}
