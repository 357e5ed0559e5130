//! "Cek Keaslian Izin" at the kiosk: the hub's signed lists, kept locally (refreshed whenever
//! the hub answers), and the verdict for a QR's text. Every check is counted for the office
//! as a `verification` item, without the holder's name or number.

use crate::error::CoreError;
use crate::hub_client::HubClient;
use crate::hub_documents;
use crate::outbox::{self, NewItem};
use crate::store::{Store, StoreError};
use crate::sync::outbox_error;
use anjungan_permit::trust::{Lists, SignedLists};
use anjungan_permit::verify::verify;
use anjungan_wire::api::{ItemKind, PermitLookup};
use anjungan_wire::ipc::{CheckSource, PermitCheck, PermitFields};
use rand::RngCore;
use time::OffsetDateTime;

const NAME: &str = "trust_lists";

fn invalid(e: impl std::fmt::Display) -> CoreError {
    CoreError::InvalidInput(format!("the hub's trust lists: {e}"))
}

/// The lists this kiosk holds, with when they were downloaded.
pub fn current(store: &Store) -> Result<Option<(Lists, String)>, CoreError> {
    let Some((envelope, fetched_at)) = hub_documents::load(store, NAME)? else {
        return Ok(None);
    };
    // The stored envelope was checked when it arrived; its JSON is read again here.
    let signed: SignedLists = serde_json::from_str(&envelope).map_err(invalid)?;
    let lists: Lists = serde_json::from_str(&signed.lists).map_err(invalid)?;
    Ok(Some((lists, fetched_at)))
}

/// Downloads the lists if they changed and keeps them only if they are signed by a key this
/// kiosk already trusts (or, the first time, by the key they name). Returns whether they
/// changed.
pub async fn refresh(store: &Store, client: &HubClient, now: &str) -> Result<bool, CoreError> {
    let trusted = current(store)?.map(|(l, _)| l);
    hub_documents::refresh(
        store,
        NAME,
        now,
        |etag| async move { client.trust_lists(etag.as_deref()).await },
        |body| {
            let signed: SignedLists = serde_json::from_str(body).map_err(invalid)?;
            signed.open(trusted.as_ref()).map(|_| ()).map_err(invalid)
        },
    )
    .await
}

/// The verdict for a QR's text from the lists held here, without asking anyone.
pub fn evaluate(store: &Store, text: &str, now: OffsetDateTime) -> Result<PermitCheck, CoreError> {
    let held = current(store)?;
    let today = anjungan_permit::office_date(now);
    let outcome = verify(text, held.as_ref().map(|(l, _)| l), &today);
    let fetched_at = held.map(|(_, f)| f);
    let age = fetched_at
        .as_deref()
        .and_then(|f| OffsetDateTime::parse(f, &time::format_description::well_known::Rfc3339).ok())
        .map(|f| (now - f).whole_seconds());
    let claims = outcome.claims;
    Ok(PermitCheck {
        verdict: outcome.verdict,
        source: if outcome.url.is_some() {
            CheckSource::Offline
        } else {
            CheckSource::Lists
        },
        permit: PermitFields {
            permit_number: claims.as_ref().map(|c| c.number.clone()),
            permit_type: claims.as_ref().map(|c| c.kind.clone()),
            holder: claims.as_ref().map(|c| c.holder.clone()),
            issued: claims.as_ref().map(|c| c.issued.clone()),
            valid_until: claims.as_ref().and_then(|c| c.valid_until.clone()),
            revocation_reason: outcome.revocation_reason,
        },
        other_office: false,
        lists_fetched_at: fetched_at,
        lists_age_s: age,
    })
}

/// The URL to look up through the hub, for a `PERLU_ONLINE` verdict.
pub fn lookup_url(text: &str) -> Option<&str> {
    match anjungan_permit::verify::classify(text) {
        anjungan_permit::verify::QrText::PlainUrl(url) => Some(url),
        _ => None,
    }
}

/// Takes the hub register's answer into a `PERLU_ONLINE` check.
pub fn with_lookup(check: PermitCheck, found: PermitLookup) -> PermitCheck {
    PermitCheck {
        verdict: found.verdict,
        source: CheckSource::Online,
        permit: found.permit,
        other_office: !found.this_office,
        ..check
    }
}

/// Counts a check for the office, without the holder's name or the permit's number.
pub fn record(
    store: &Store,
    check: &PermitCheck,
    now: OffsetDateTime,
    rng: &mut impl RngCore,
) -> Result<(), CoreError> {
    let today = anjungan_permit::office_date(now);
    let mut conn = store.conn();
    let tx = conn
        .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
        .map_err(StoreError::from)?;
    outbox::enqueue(
        &tx,
        &NewItem {
            kind: ItemKind::Verification,
            payload: serde_json::json!({
                "date": today,
                "verdict": check.verdict,
                "source": check.source,
                "lists_age_s": check.lists_age_s,
            }),
            personal: None,
            documents: Vec::new(),
        },
        now,
        rng,
    )
    .map_err(outbox_error)?;
    tx.commit().map_err(StoreError::from)?;
    Ok(())
}
