//! "Cek Status Permohonan": the hub's answer when it can be asked, this kiosk's own queue
//! for an application not yet sent ("belum terkirim"), and the last answer kept here, with
//! its age, when the hub is away. A status answer carries no personal data, so keeping it
//! is safe.

use crate::enrolment;
use crate::error::CoreError;
use crate::hub_client::{HubClient, HubError, Timeouts};
use crate::office;
use crate::store::{Store, StoreError};
use crate::Kiosk;
use anjungan_apply::TrackingNumber;
use anjungan_calendar::OfficeCalendar;
use anjungan_wire::api::ApplicationStatusBody;
use anjungan_wire::application::StatusChange;
use anjungan_wire::ipc::{ApplicationStatus, StatusLookup, StatusSource};
use rusqlite::{params, OptionalExtension};
use std::time::Duration;
use time::OffsetDateTime;

/// The tracking number in what was typed or scanned: the number itself, or a receipt's
/// status address — which must be this office's (`hub_url`), not another's.
pub fn number_in(input: &str, hub_url: Option<&str>) -> Result<TrackingNumber, CoreError> {
    let input = input.trim();
    if input.len() > 200 {
        return Err(CoreError::InvalidInput("not a tracking number".into()));
    }
    let text = if input.contains("://") {
        let ours = hub_url.map(|h| format!("{}/t/", h.trim_end_matches('/')));
        match ours.as_deref().and_then(|p| input.strip_prefix(p)) {
            // The status key after the number is for the public page, not for the kiosk.
            Some(rest) => rest.split(['?', '#']).next().unwrap_or_default(),
            None => {
                return Err(CoreError::InvalidInput(
                    "this receipt is not from this office".into(),
                ))
            }
        }
    } else {
        input
    };
    TrackingNumber::parse(text).map_err(|e| CoreError::InvalidInput(e.to_string()))
}

/// An application still in this kiosk's queue.
fn local(
    store: &Store,
    number: &str,
    now: OffsetDateTime,
) -> Result<Option<StatusLookup>, CoreError> {
    let row: Option<(String, String, Option<String>)> = store
        .conn()
        .query_row(
            "SELECT a.service_code, a.created_at, r.body FROM applications a
               JOIN outbox o ON o.id = a.item_id
               LEFT JOIN receipts r ON r.tracking_number = a.tracking_number
              WHERE a.tracking_number = ?1 AND o.state != 'delivered'",
            [number],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()
        .map_err(StoreError::from)?;
    let Some((service_code, created_at, receipt)) = row else {
        return Ok(None);
    };
    let receipt: Option<anjungan_wire::receipt::Receipt> =
        receipt.and_then(|b| serde_json::from_str(&b).ok());
    let day = anjungan_permit::office_date_of(&created_at).unwrap_or_default();
    Ok(Some(StatusLookup {
        tracking_number: number.to_owned(),
        service_name: receipt
            .as_ref()
            .map_or(service_code, |r| r.service_name.clone()),
        status: ApplicationStatus::BelumTerkirim,
        submitted_on: day.clone(),
        updated_on: day,
        sla_working_days: receipt.as_ref().and_then(|r| r.sla_working_days),
        note: None,
        missing: Vec::new(),
        step: None,
        history: vec![StatusChange {
            status: ApplicationStatus::BelumTerkirim,
            at: created_at,
            note: None,
            missing: Vec::new(),
            step: None,
        }],
        received_complete_at: None,
        due_date: None,
        working_days_left: None,
        late: false,
        source: StatusSource::Local,
        as_of: crate::clock::rfc3339(now),
    }))
}

/// The hub's body as the screen shows it; days left counted again for today (a cached
/// answer's due date stands, its "days left" does not).
fn from_body(
    body: ApplicationStatusBody,
    source: StatusSource,
    as_of: String,
    calendar: &OfficeCalendar,
    now: OffsetDateTime,
) -> Result<StatusLookup, CoreError> {
    let status = body.status;
    let open = !status.is_final();
    let standing = body
        .due_date
        .as_deref()
        .and_then(anjungan_calendar::parse_date)
        .filter(|_| open)
        .map(|due| calendar.standing(due, anjungan_permit::office_day(now)));
    Ok(StatusLookup {
        tracking_number: body.tracking_number,
        service_name: body.service_name,
        status,
        submitted_on: body.submitted_on,
        updated_on: body.updated_on,
        sla_working_days: body.sla_working_days,
        note: body.note,
        missing: body.missing,
        step: body.step,
        history: body.history,
        received_complete_at: body.received_complete_at,
        due_date: body.due_date,
        working_days_left: standing
            .map(|d| d.working_days_left)
            .or(body.working_days_left.filter(|_| open)),
        late: standing.is_some_and(|d| d.late),
        source,
        as_of,
    })
}

/// The answer for `input` (a number or a receipt's status address).
pub async fn check(
    store: &Store,
    client: Result<HubClient, CoreError>,
    hub_url: Option<&str>,
    calendar: &OfficeCalendar,
    input: &str,
    now: OffsetDateTime,
) -> Result<StatusLookup, CoreError> {
    let number = number_in(input, hub_url)?.to_string();
    if let Some(found) = local(store, &number, now)? {
        return Ok(found);
    }
    let asked = match client {
        Ok(c) => c.application_status(&number).await.map_err(CoreError::Hub),
        Err(e) => Err(e),
    };
    match asked {
        Ok(body) => {
            let at = crate::clock::rfc3339(now);
            store
                .conn()
                .execute(
                    "INSERT INTO status_cache (tracking_number, body, fetched_at) VALUES (?1, ?2, ?3)
                     ON CONFLICT (tracking_number) DO UPDATE SET body = excluded.body,
                                                                 fetched_at = excluded.fetched_at",
                    params![number, serde_json::to_string(&body).unwrap_or_default(), at],
                )
                .map_err(StoreError::from)?;
            from_body(body, StatusSource::Hub, at, calendar, now)
        }
        Err(CoreError::Hub(e @ HubError::Unreachable { .. })) => {
            let cached: Option<(String, String)> = store
                .conn()
                .query_row(
                    "SELECT body, fetched_at FROM status_cache WHERE tracking_number = ?1",
                    [&number],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()
                .map_err(StoreError::from)?;
            match cached.and_then(|(b, at)| Some((serde_json::from_str(&b).ok()?, at))) {
                Some((body, at)) => from_body(body, StatusSource::Cached, at, calendar, now),
                None => Err(CoreError::Hub(e)),
            }
        }
        Err(e) => Err(e),
    }
}

impl Kiosk {
    /// "Cek Status Permohonan" for a typed number or a scanned receipt QR: this kiosk's
    /// queue, the hub, or the hub's last answer with its age. A mistyped number (wrong check
    /// digit) or another office's receipt is refused before the hub is asked.
    pub async fn check_status(&self, input: &str) -> Result<StatusLookup, CoreError> {
        let hub_url = enrolment::load(self.store())?.map(|e| e.hub_url);
        let (calendar, _) = office::load(self.store())?;
        // A status answer may carry a long history: a second more than a quick question.
        let quick = Timeouts {
            request: Duration::from_secs(5),
            ..Timeouts::quick()
        };
        check(
            self.store(),
            self.context().client(quick),
            hub_url.as_deref(),
            &calendar,
            input,
            self.now(),
        )
        .await
    }
}

#[cfg(test)]
mod tests {
    use super::number_in;
    use crate::receipts::status_url;

    #[test]
    fn a_receipt_qr_gives_its_number_only_from_this_office() {
        let hub = Some("http://127.0.0.1:8730");
        let url = status_url(hub, "26-000-00104-8", Some("k3y9abcdef"));
        assert_eq!(url, "http://127.0.0.1:8730/t/26-000-00104-8?k=k3y9abcdef");
        assert_eq!(
            number_in(&url, hub).map(|n| n.to_string()).ok().as_deref(),
            Some("26-000-00104-8")
        );
        let old = status_url(hub, "26-000-00104-8", None);
        assert_eq!(old, "http://127.0.0.1:8730/t/26-000-00104-8");
        assert!(number_in(&old, hub).is_ok(), "receipts printed before keys");
        assert_eq!(
            number_in("26 000 00104 8", hub)
                .map(|n| n.to_string())
                .ok()
                .as_deref(),
            Some("26-000-00104-8")
        );
        let foreign = "https://dpmptsp.example.go.id/t/26-000-00104-8";
        assert!(number_in(foreign, hub).is_err(), "another office's receipt");
        assert!(number_in(&"7".repeat(3000), hub).is_err(), "garbage");
        assert!(
            number_in(&url, None).is_err(),
            "an unenrolled kiosk has no office address"
        );
        assert_eq!(
            status_url(None, "26-000-00104-8", Some("k")),
            "26-000-00104-8"
        );
    }
}
