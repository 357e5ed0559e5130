//! This kiosk and its hub: enrolment from the code `anjungan-hub enrol` printed, and the
//! connection check the app runs every minute, which also refreshes what the kiosk keeps
//! from the hub (catalogue, trust lists, office calendar), moves the tracking sequence past
//! what the hub holds, closes or opens an outage, and sends the heartbeat.

use crate::catalogue;
use crate::clock::rfc3339;
use crate::context::{client_for, Context};
use crate::enrolment::{self, Enrolment};
use crate::error::CoreError;
use crate::heartbeat;
use crate::hub_client::{HubClient, HubError, Timeouts};
use crate::office;
use crate::outbox;
use crate::sync;
use crate::tracking;
use crate::trust;
use crate::Kiosk;
use anjungan_wire::enrolment::EnrolmentCode;
use anjungan_wire::ipc::{ConnectionReport, ConnectionState, EnrolmentInfo};
use time::OffsetDateTime;

/// What an enrolment changed, for the person who ran it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Enrolled {
    pub info: EnrolmentInfo,
    /// The kiosk belonged to another office's hub before: that hub's lists and pinned keys
    /// were cleared, and documents it had taken will be uploaded to the new one.
    pub switched_hub: bool,
}

/// Enrols with a hub from the enrolment code `anjungan-hub enrol` printed. Nothing is
/// stored until the hub has proved itself: its TLS key matches the code's pin (when it
/// serves HTTPS itself), it accepts the token, and its lists are signed by the root the
/// code names. So a mistyped code never replaces a working enrolment, and nobody else
/// can stand in for the hub.
pub async fn enrol(ctx: &Context, hub_url: &str, code: &str) -> Result<Enrolled, CoreError> {
    let code = EnrolmentCode::parse(code).map_err(|e| CoreError::InvalidInput(e.to_string()))?;
    let client = HubClient::pinned(
        hub_url,
        Some(code.token.clone()),
        Timeouts::default(),
        code.tls_pin.iter().cloned().collect(),
    )?;
    let me = client.whoami().await?;
    let (etag, lists) = trust::fetch_pinned(&client, &code.root_fingerprint).await?;
    let previous = enrolment::load(ctx.store())?;
    // The same office if the lists held here lead to the new ones (a hub that moved, or
    // rotated its root since); without lists, if the address is the same.
    let standing = trust::standing(ctx.store(), &lists)?;
    let same_office = match standing {
        trust::Standing::SameOffice { .. } => true,
        trust::Standing::Foreign => false,
        trust::Standing::NoneHeld => previous
            .as_ref()
            .is_some_and(|p| p.hub_url == client.base()),
    };
    let switched_hub = previous.is_some() && !same_office;
    if switched_hub {
        // First, so a power cut before the new enrolment is saved leaves the old one
        // whole: the old hub's lists go, and with them the root they pinned.
        trust::forget(ctx.store())?;
    }
    let e = Enrolment {
        hub_url: client.base().to_owned(),
        kiosk_id: me.kiosk_id,
        kiosk_name: me.kiosk_name,
        token: code.token,
        enrolled_at: rfc3339(ctx.now()),
        kiosk_number: me.kiosk_number,
        root_fingerprint: Some(code.root_fingerprint),
        tls_pin: code.tls_pin,
    };
    enrolment::save(ctx.store(), &e)?;
    // Another hub's lists replace the old ones (forgotten above); the same office's only
    // if they are not older than those held.
    if switched_hub || standing.replaces() {
        trust::keep(ctx.store(), etag.as_deref(), &lists, &rfc3339(ctx.now()))?;
    }
    // What waited for the old token or hub goes now. Another hub has none of the
    // documents the old one took: they are uploaded again.
    outbox::after_enrolment(ctx.store(), switched_hub, ctx.now()).map_err(CoreError::from)?;
    if switched_hub {
        tracing::info!("enrolled with another hub: the old hub's lists were cleared");
    }
    sync::try_now(ctx.store())?;
    Ok(Enrolled {
        info: e.info(),
        switched_hub,
    })
}

/// Asks the hub who we are: proves network, hub and token in one call.
pub async fn check(ctx: &Context) -> ConnectionReport {
    let checked_at = ctx.now();
    let enrolled = enrolment::load(ctx.store()).map_err(CoreError::from);
    let insecure = matches!(&enrolled, Ok(Some(e))
        if crate::hub_client::Transport::of_base(&e.hub_url) == crate::hub_client::Transport::Plain);
    let report = |state, clock_skew_s, detail| ConnectionReport {
        state,
        checked_at: rfc3339(checked_at),
        clock_skew_s,
        detail,
        insecure,
    };
    let client = match enrolled.and_then(|e| {
        client_for(
            ctx.store(),
            &e.ok_or(CoreError::NotEnrolled)?,
            Timeouts::default(),
        )
    }) {
        Ok(c) => c,
        Err(CoreError::NotEnrolled) => return report(ConnectionState::NotEnrolled, None, None),
        Err(e) => return report(ConnectionState::Offline, None, Some(e.to_string())),
    };
    let result = client.whoami().await;
    let mut rng = rand::rngs::OsRng;
    if let Some(n) = result.as_ref().ok().and_then(|me| me.kiosk_number) {
        if let Err(e) = enrolment::set_kiosk_number(ctx.store(), n) {
            tracing::error!(error = %e, "cannot record the kiosk number");
        }
    }
    if let Ok(me) = &result {
        let year = OffsetDateTime::parse(
            &me.server_time,
            &time::format_description::well_known::Rfc3339,
        )
        .map(|t| anjungan_permit::office_day(t).year());
        if let (Some(last), Ok(year)) = (me.last_sequence, year) {
            if let Err(e) = tracking::continue_after(ctx.store(), year, last) {
                tracing::error!(error = %e, "cannot move the tracking sequence on");
            }
        }
    }
    let recorded = match &result {
        Ok(_) => {
            // The hub answers: whatever waits for it may go now. But an outage ends when
            // delivery works again: with items waiting, the worker's next delivery
            // decides (a hub that answers this and refuses every batch is still out).
            let recorded = match outbox::has_undelivered(ctx.store()) {
                // The paused worker may try now, at the monitor's pace, instead of
                // waiting out a long pause; its delivery decides the rest.
                Ok(true) => sync::try_now(ctx.store()),
                Ok(false) => sync::record_success(ctx.store(), checked_at, &mut rng),
                Err(e) => Err(CoreError::from(e)),
            };
            recorded
        }
        Err(HubError::Unreachable { cause, .. }) => sync::record_failure(
            ctx.store(),
            Some(*cause),
            &result_error(&result),
            None,
            checked_at,
            &mut rng,
        )
        .map(|_| ()),
        Err(_) => Ok(()),
    };
    if let Err(e) = recorded {
        tracing::error!(error = %e, "cannot record the connection check");
    }
    // What staff must act on though the hub answers (a kiosk enrolled before codes).
    let mut attention = None;
    if result.is_ok() {
        if let Err(e) = catalogue::refresh(ctx.store(), &client, &rfc3339(checked_at)).await {
            tracing::warn!(error = %e, "catalogue not refreshed");
        }
        if let Err(e) = trust::refresh(ctx.store(), &client, &rfc3339(checked_at)).await {
            tracing::warn!(error = %e, "trust lists not refreshed");
            if e.to_string().contains(trust::ROOT_UNCONFIRMED) {
                attention = Some(trust::ROOT_UNCONFIRMED.to_owned());
            }
        }
        if let Err(e) = office::refresh(ctx.store(), &client, &rfc3339(checked_at)).await {
            tracing::warn!(error = %e, "office calendar not refreshed");
        }
        heartbeat::send(ctx, &client, checked_at).await;
    }
    match result {
        Ok(me) => {
            let skew = OffsetDateTime::parse(
                &me.server_time,
                &time::format_description::well_known::Rfc3339,
            )
            .ok()
            .map(|hub| (hub - checked_at).whole_seconds());
            report(ConnectionState::Online, skew, attention)
        }
        Err(HubError::Unauthorized) => report(
            ConnectionState::Unauthorized,
            None,
            Some(HubError::Unauthorized.to_string()),
        ),
        Err(e) => report(ConnectionState::Offline, None, Some(e.to_string())),
    }
}

fn result_error<T>(r: &Result<T, HubError>) -> String {
    r.as_ref()
        .err()
        .map(ToString::to_string)
        .unwrap_or_default()
}

impl Kiosk {
    /// See [`enrol`].
    pub async fn enrol(&self, hub_url: &str, code: &str) -> Result<Enrolled, CoreError> {
        enrol(self.context(), hub_url, code).await
    }

    /// See [`check`].
    pub async fn check_connection(&self) -> ConnectionReport {
        check(self.context()).await
    }
}
