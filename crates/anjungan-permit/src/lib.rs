//! Permit QR codes (Pasal 16–17): a compact token signed with the office's Ed25519 seal key,
//! carried in the fragment of the verification URL, checked offline against a trust list of
//! seal keys and a revocation list.
//!
//! - [`token`]: `kid.payload.signature`; the signature covers `kid.payload`, and nothing in
//!   the payload is read before it is verified.
//! - [`trust`]: the lists the hub signs and kiosks sync.
//! - [`verify`]: QR text → verdict (ASLI, KEDALUWARSA, DICABUT, TIDAK_DIKENAL, PERLU_ONLINE).

pub mod token;
pub mod trust;
pub mod verify;

/// The office's calendar day at `t` (WIB), as a date.
pub fn office_day(t: time::OffsetDateTime) -> time::Date {
    let wib = time::UtcOffset::from_hms(7, 0, 0).unwrap_or(time::UtcOffset::UTC);
    t.to_offset(wib).date()
}

/// The office's calendar day of a stored RFC 3339 time (`created_at`, `changed_at`, …);
/// `None` when it does not parse.
pub fn office_day_of(rfc3339: &str) -> Option<time::Date> {
    time::OffsetDateTime::parse(rfc3339, &time::format_description::well_known::Rfc3339)
        .ok()
        .map(office_day)
}

/// [`office_date`] of a stored RFC 3339 time; `None` when it does not parse.
pub fn office_date_of(rfc3339: &str) -> Option<String> {
    time::OffsetDateTime::parse(rfc3339, &time::format_description::well_known::Rfc3339)
        .ok()
        .map(office_date)
}

/// The office's calendar date (YYYY-MM-DD) at `t`. Kota Metro keeps WIB (UTC+7): permit dates,
/// expiry and key retirement are days of that calendar, wherever they are checked (kiosk or
/// hub), and survey responses belong to the local day they were given.
pub fn office_date(t: time::OffsetDateTime) -> String {
    let d = office_day(t);
    format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_office_day_starts_at_midnight_wib() {
        let at = |s| {
            time::OffsetDateTime::parse(s, &time::format_description::well_known::Rfc3339)
                .expect("time")
        };
        assert_eq!(super::office_date(at("2026-11-29T16:59:59Z")), "2026-11-29");
        assert_eq!(super::office_date(at("2026-11-29T17:00:00Z")), "2026-11-30");
    }
}
