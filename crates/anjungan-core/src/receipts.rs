//! Receipts at the kiosk: issued inside the application's own transaction (so a power cut
//! between "Kirim" and the printer leaves a receipt that can still be printed), printed on
//! the configured printer, every attempt logged for staff, reprinted at the counter.

use crate::error::CoreError;
use crate::printing;
use crate::store::{Store, StoreError};
use crate::Kiosk;
use anjungan_calendar::OfficeCalendar;
use anjungan_receipt::printer::{self, Patience};
use anjungan_wire::application::ApplicationDraft;
use anjungan_wire::catalogue::Service;
use anjungan_wire::receipt::{PrintOutcome, PrintState, PrinterConfig, Receipt, ReceiptRow};
use rusqlite::{params, OptionalExtension};
use time::OffsetDateTime;

/// Receipts older than this leave the kiosk (the hub keeps the application).
pub const KEEP_DAYS: i64 = 14;

/// The office's name as receipts print it.
pub const OFFICE_NAME: &str = "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu Kota Metro";

/// What a receipt needs besides the draft.
pub struct Issue<'a> {
    pub tracking_number: &'a str,
    pub service: &'a Service,
    pub draft: &'a ApplicationDraft,
    pub hub_url: Option<&'a str>,
    pub kiosk_name: &'a str,
    pub skm_code: String,
    /// The key the public status page asks for (see [`status_url`]).
    pub status_key: &'a str,
    pub calendar: &'a OfficeCalendar,
    pub now: OffsetDateTime,
}

/// The hub's public status page of `number` (the status QR's text), or the bare number.
/// `key` is the application's status key: the page shows the status only with it, so that
/// nobody learns of other people's applications (or complaints) by counting numbers.
pub fn status_url(hub_url: Option<&str>, number: &str, key: Option<&str>) -> String {
    hub_url
        .and_then(|h| url::Url::parse(h).ok())
        .and_then(|mut u| {
            u.path_segments_mut()
                .ok()?
                .pop_if_empty()
                .extend(["t", number]);
            if let Some(key) = key {
                u.query_pairs_mut().clear().append_pair("k", key);
            }
            Some(u.to_string())
        })
        .unwrap_or_else(|| number.to_owned())
}

/// A new status key: ten letters and digits a phone never has to type (they travel in the
/// receipt's QR), about 50 bits.
pub fn new_status_key(rng: &mut impl rand::RngCore) -> String {
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
    (0..10)
        .map(|_| ALPHABET[(rng.next_u32() as usize) % ALPHABET.len()] as char)
        .collect()
}

pub fn build(i: &Issue<'_>) -> Receipt {
    let s = i.service;
    let name = |code: &str| {
        s.requirements
            .iter()
            .find(|r| r.code == code)
            .map_or_else(|| code.to_owned(), |r| r.name.clone())
    };
    let received: Vec<String> = s
        .requirements
        .iter()
        .filter(|r| i.draft.documents.contains_key(&r.code))
        .map(|r| name(&r.code))
        .collect();
    let to_bring: Vec<String> = s
        .requirements
        .iter()
        .filter(|r| {
            anjungan_apply::validate::needed(s, &r.code, i.draft)
                && !i.draft.documents.contains_key(&r.code)
        })
        .map(|r| name(&r.code))
        .collect();
    let today = anjungan_permit::office_day(i.now);
    Receipt {
        tracking_number: i.tracking_number.to_owned(),
        office_name: OFFICE_NAME.to_owned(),
        service_code: s.code.clone(),
        service_name: s.name.clone(),
        kind: anjungan_wire::codes::of(&i.draft.kind).unwrap_or_default(),
        issued_at: crate::clock::rfc3339(i.now),
        applicant_masked: anjungan_receipt::mask_name(&i.draft.applicant.name),
        documents_received: received,
        documents_to_bring: to_bring,
        sla_working_days: Some(s.sla_working_days),
        estimated_due: Some(anjungan_calendar::format_date(
            i.calendar.due_date(today, s.sla_working_days),
        )),
        status_url: status_url(i.hub_url, i.tracking_number, Some(i.status_key)),
        skm_qr: format!("{}{}", anjungan_skm::code::QR_PREFIX, i.skm_code),
        skm_code: i.skm_code.clone(),
        kiosk_name: i.kiosk_name.to_owned(),
    }
}

/// Stores `receipt` inside the application's transaction, and lets old ones go.
pub fn save(
    tx: &rusqlite::Transaction<'_>,
    receipt: &Receipt,
    item_id: &str,
    now: OffsetDateTime,
) -> Result<(), CoreError> {
    let body =
        serde_json::to_string(receipt).map_err(|e| CoreError::InvalidInput(e.to_string()))?;
    tx.execute(
        "INSERT INTO receipts (tracking_number, item_id, body, issued_at) VALUES (?1, ?2, ?3, ?4)",
        params![receipt.tracking_number, item_id, body, receipt.issued_at],
    )
    .map_err(StoreError::from)?;
    let cutoff = crate::clock::rfc3339(now - time::Duration::days(KEEP_DAYS));
    tx.execute("DELETE FROM receipts WHERE issued_at < ?1", [&cutoff])
        .map_err(StoreError::from)?;
    tx.execute("DELETE FROM print_log WHERE at < ?1", [&cutoff])
        .map_err(StoreError::from)?;
    Ok(())
}

pub fn load(store: &Store, number: &str) -> Result<Option<Receipt>, CoreError> {
    let body: Option<String> = store
        .conn()
        .query_row(
            "SELECT body FROM receipts WHERE tracking_number = ?1",
            [number],
            |r| r.get(0),
        )
        .optional()
        .map_err(StoreError::from)?;
    Ok(body.and_then(|b| serde_json::from_str(&b).ok()))
}

fn state_code(s: PrintState) -> String {
    anjungan_wire::codes::of(&s).unwrap_or_default()
}

pub fn record(store: &Store, number: Option<&str>, o: &PrintOutcome) -> Result<(), CoreError> {
    store
        .conn()
        .execute(
            "INSERT INTO print_log (tracking_number, at, printer, state, detail)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![number, o.at, o.printer, state_code(o.state), o.detail],
        )
        .map_err(StoreError::from)?;
    Ok(())
}

/// The printer's last answer (state code and when), for the heartbeat.
pub fn last_state(store: &Store) -> Result<Option<(String, String)>, CoreError> {
    store
        .conn()
        .query_row(
            "SELECT state, at FROM print_log WHERE state <> 'no_printer' ORDER BY at DESC, rowid DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()
        .map_err(|e| StoreError::from(e).into())
}

fn outcome_of(
    printer: String,
    at: String,
    state: String,
    detail: Option<String>,
) -> Option<PrintOutcome> {
    Some(PrintOutcome {
        state: serde_json::from_value(serde_json::Value::String(state)).ok()?,
        detail,
        printer,
        at,
    })
}

/// The last print of `number` (or of any receipt, for `None`).
pub fn last_print(store: &Store, number: Option<&str>) -> Result<Option<PrintOutcome>, CoreError> {
    let row: Option<(String, String, String, Option<String>)> = store
        .conn()
        .query_row(
            "SELECT printer, at, state, detail FROM print_log
              WHERE ?1 IS NULL OR tracking_number = ?1 ORDER BY id DESC LIMIT 1",
            [number],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .optional()
        .map_err(StoreError::from)?;
    Ok(row.and_then(|(p, a, s, d)| outcome_of(p, a, s, d)))
}

/// Receipts for the counter: today's (office day), or those whose number or masked name
/// matches `query`, newest first. Names are searched as printed (masked): the full name
/// of a citizen is never searchable from a kiosk.
pub fn list(
    store: &Store,
    query: Option<&str>,
    now: OffsetDateTime,
) -> Result<Vec<ReceiptRow>, CoreError> {
    let today = anjungan_permit::office_date(now);
    let rows: Vec<(String, String, Option<String>)> = {
        let conn = store.conn();
        let mut stmt = conn
            .prepare(
                "SELECT r.body, r.issued_at, o.state FROM receipts r
                   LEFT JOIN outbox o ON o.id = r.item_id
                  ORDER BY r.issued_at DESC LIMIT 500",
            )
            .map_err(StoreError::from)?;
        let mapped = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .map_err(StoreError::from)?;
        mapped.collect::<Result<_, _>>().map_err(StoreError::from)?
    };
    let needle = query
        .map(|q| q.trim().to_lowercase())
        .filter(|q| !q.is_empty());
    let mut out = Vec::new();
    for (body, issued_at, state) in rows {
        let Ok(r) = serde_json::from_str::<Receipt>(&body) else {
            continue;
        };
        let keep = match &needle {
            Some(q) => {
                r.tracking_number.contains(q.as_str())
                    || r.tracking_number
                        .replace('-', "")
                        .contains(&q.replace('-', ""))
                    || r.applicant_masked.to_lowercase().starts_with(q.as_str())
            }
            None => anjungan_permit::office_date_of(&issued_at).is_some_and(|d| d == today),
        };
        if keep {
            out.push(ReceiptRow {
                last_print: last_print(store, Some(&r.tracking_number))?,
                tracking_number: r.tracking_number,
                service_name: r.service_name,
                applicant_masked: r.applicant_masked,
                issued_at,
                // Delivered: the hub confirmed it (a purged row counts as delivered).
                sent: state.is_none() || state.as_deref() == Some("delivered"),
            });
        }
    }
    Ok(out)
}

/// Renders and prints `receipt` on `config`'s printer, and logs the outcome.
pub async fn print(
    store: &Store,
    config: &PrinterConfig,
    receipt: &Receipt,
    now: OffsetDateTime,
) -> Result<PrintOutcome, CoreError> {
    let outcome = match printer::bytes_for(config, receipt, now) {
        Ok(Some(bytes)) => {
            printer::print(
                config,
                bytes,
                &receipt.tracking_number,
                Patience::default(),
                now,
            )
            .await
        }
        Ok(None) => printer::print(config, Vec::new(), "", Patience::default(), now).await,
        Err(e) => PrintOutcome {
            state: PrintState::JobFailed,
            detail: Some(e.to_string()),
            printer: printer::printer_name(config).to_owned(),
            at: crate::clock::rfc3339(now),
        },
    };
    if outcome.state != PrintState::Printed && outcome.state != PrintState::NoPrinter {
        tracing::warn!(printer = %outcome.printer, state = ?outcome.state, "a receipt was not printed");
    }
    record(store, Some(&receipt.tracking_number), &outcome)?;
    Ok(outcome)
}

impl Kiosk {
    /// A receipt issued here (`None`: unknown or already purged).
    pub fn receipt(&self, tracking_number: &str) -> Result<Option<Receipt>, CoreError> {
        load(self.store(), tracking_number)
    }

    /// Prints a receipt on this kiosk's printer. From the citizen's screen (`recent_only`)
    /// only a receipt issued in the last 30 minutes: the kiosk window cannot reprint other
    /// people's receipts; staff can.
    pub async fn print_receipt(
        &self,
        tracking_number: &str,
        recent_only: bool,
    ) -> Result<PrintOutcome, CoreError> {
        let receipt = self
            .receipt(tracking_number)?
            .ok_or_else(|| CoreError::InvalidInput("no receipt with that number here".into()))?;
        let now = self.now();
        if recent_only {
            let issued = OffsetDateTime::parse(
                &receipt.issued_at,
                &time::format_description::well_known::Rfc3339,
            )
            .map_err(|e| CoreError::InvalidInput(e.to_string()))?;
            if now - issued > time::Duration::minutes(30) {
                return Err(CoreError::StaffLocked);
            }
        }
        let config = printing::load(self.store())?;
        print(self.store(), &config, &receipt, now).await
    }

    /// The counter's receipts: today's, or those matching a number or masked name.
    pub fn receipts(&self, query: Option<&str>) -> Result<Vec<ReceiptRow>, CoreError> {
        list(self.store(), query, self.now())
    }

    /// Asks the configured printer how it is, printing nothing; logged like a print.
    pub async fn printer_check(&self) -> Result<PrintOutcome, CoreError> {
        let config = printing::load(self.store())?;
        let outcome = anjungan_receipt::printer::probe(
            &config,
            anjungan_receipt::printer::Patience::default(),
            self.now(),
        )
        .await;
        record(self.store(), None, &outcome)?;
        Ok(outcome)
    }

    /// The printer setting in effect (`none` without one).
    pub fn printer(&self) -> Result<PrinterConfig, CoreError> {
        printing::load(self.store())
    }

    pub fn set_printer(&self, spec: &str) -> Result<String, CoreError> {
        printing::set(self.store(), spec)
    }
}
