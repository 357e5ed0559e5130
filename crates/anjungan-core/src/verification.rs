//! "Cek Keaslian Izin": the verdict for a QR's text from the signed lists held here
//! ([`crate::trust`]), or for a plain-URL QR from the hub's register when it answers within
//! a few seconds. Every check is counted for the office as a `verification` item, without
//! the holder's name or the permit's number. The camera bridge calls [`check`] with the
//! kiosk's [`Context`]; the screens and the CLI call it through [`Kiosk::check_permit`].

use crate::context::Context;
use crate::error::CoreError;
use crate::hub_client::Timeouts;
use crate::outbox::{self, NewItem};
use crate::store::Store;
use crate::trust::{age_s, current};
use crate::Kiosk;
use anjungan_permit::verify::verify;
use anjungan_wire::api::PermitLookup;
use anjungan_wire::ipc::{CheckSource, PermitCheck, PermitFields, Verdict};
use anjungan_wire::item::{Item, Verification};
use rand::RngCore;
use time::OffsetDateTime;

/// Checks a QR's text: the lists held here, then (a plain URL) the hub's register; offline,
/// the verdict says so. Counted for the office.
pub async fn check(
    ctx: &Context,
    text: &str,
    rng: &mut (impl RngCore + Send),
) -> Result<PermitCheck, CoreError> {
    let mut result = evaluate(ctx.store(), text, ctx.now())?;
    if let Some(url) = lookup_url(text) {
        match ctx.client(Timeouts::quick()) {
            Ok(client) => match client.lookup_permit(url).await {
                Ok(found) => result = with_lookup(result, found),
                Err(e) => tracing::info!(error = %e, "permit lookup: the hub did not answer"),
            },
            Err(CoreError::NotEnrolled) => {}
            Err(e) => return Err(e),
        }
    }
    record(ctx.store(), &result, ctx.now(), rng)?;
    Ok(result)
}

impl Kiosk {
    /// "Cek Keaslian Izin" for a QR's text (see [`check`]).
    pub async fn check_permit(
        &self,
        text: &str,
        rng: &mut (impl RngCore + Send),
    ) -> Result<PermitCheck, CoreError> {
        check(self.context(), text, rng).await
    }

    /// Cek Keaslian Izin from a photo or scan (PNG or JPEG bytes, sniffed and bounded).
    pub async fn check_permit_image(
        &self,
        bytes: Vec<u8>,
        rng: &mut (impl RngCore + Send),
    ) -> Result<PermitCheck, CoreError> {
        // Decoding a large photo takes a while: not on the async workers.
        let found = tokio::task::spawn_blocking(move || {
            let image = anjungan_qr::gray_from_bytes(&bytes)
                .map_err(|e| CoreError::InvalidInput(e.to_string()))?;
            anjungan_qr::decode(&image, anjungan_qr::Pipeline::Full).ok_or(CoreError::NoQrFound)
        })
        .await
        .map_err(|e| CoreError::InvalidInput(format!("the image could not be read: {e}")))??;
        self.check_permit(&found.text, rng).await
    }
}

/// The verdict for a QR's text from the lists held here, without asking anyone.
pub fn evaluate(store: &Store, text: &str, now: OffsetDateTime) -> Result<PermitCheck, CoreError> {
    let held = current(store)?;
    let today = anjungan_permit::office_date(now);
    let outcome = verify(text, held.as_ref().map(|(l, _)| l), &today);
    let max_age_days = held.as_ref().map(|(l, _)| {
        l.max_age_days
            .unwrap_or(anjungan_permit::trust::DEFAULT_MAX_AGE_DAYS)
    });
    let fetched_at = held.map(|(_, f)| f);
    let age = fetched_at.as_deref().and_then(|f| age_s(f, now));
    // Past the office's limit, the lists may miss a revocation: no "authentic" from them.
    let too_old = matches!((age, max_age_days), (Some(a), Some(d)) if a > i64::from(d) * 86_400);
    let verdict = match outcome.verdict {
        Verdict::Asli if too_old => Verdict::DaftarTerlaluLama,
        v => v,
    };
    let claims = outcome.claims;
    Ok(PermitCheck {
        verdict,
        // A plain URL is decided without the hub only when the lists name its service.
        source: if outcome.url.is_some() && outcome.points_to.is_none() {
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
        lists_max_age_days: max_age_days,
        points_to: outcome.points_to,
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
        other_office: !found.this_office && found.points_to.is_none(),
        points_to: found.points_to,
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
    store.write(|tx| {
        outbox::enqueue(
            tx,
            &NewItem::new(
                Item::Verification(Verification {
                    v: anjungan_wire::item::VERSION,
                    date: today,
                    verdict: check.verdict,
                    source: check.source,
                    lists_age_s: check.lists_age_s,
                }),
                Vec::new(),
            ),
            now,
            rng,
        )?;
        Ok::<_, CoreError>(())
    })
}
