//! What this kiosk trusts: the office's root-signed lists (revocations, the services a plain
//! URL may name, the TLS keys of the hub, the complaint key), kept locally and refreshed
//! whenever the hub answers, accepted only when signed by the root the enrolment code named
//! or by its successor. The permit check ([`crate::verification`]) reads them; so do the
//! hub client (its pinned keys) and the complaint slice (its recipient).

use crate::error::CoreError;
use crate::hub_client::HubClient;
use crate::hub_documents;
use crate::store::Store;
use anjungan_permit::trust::{Anchor, Lists, SignedLists};
use time::OffsetDateTime;

const NAME: &str = "trust_lists";

fn invalid(e: impl std::fmt::Display) -> CoreError {
    CoreError::InvalidInput(format!("the hub's trust lists: {e}"))
}

/// The lists this kiosk holds, with when the hub last vouched for them: the time signed into
/// them, or (lists from a hub before that) when the hub last answered for them.
pub fn current(store: &Store) -> Result<Option<(Lists, String)>, CoreError> {
    let Some((envelope, fetched_at)) = hub_documents::load(store, NAME)? else {
        return Ok(None);
    };
    // The stored envelope was checked when it arrived; its JSON is read again here.
    let signed: SignedLists = serde_json::from_str(&envelope).map_err(invalid)?;
    let lists: Lists = serde_json::from_str(&signed.lists).map_err(invalid)?;
    let confirmed = lists.fresh_at.clone().unwrap_or(fetched_at);
    Ok(Some((lists, confirmed)))
}

/// What a new envelope must be signed by: the root of the lists held, or (before any) the
/// root the enrolment code named. A kiosk enrolled before codes carried the root's
/// fingerprint trusts nothing on first use any more: until it is enrolled again or staff
/// confirm the office's fingerprint ([`confirm_root`]), it takes no lists.
fn anchor<'a>(held: Option<&'a Lists>, root_pin: Option<&'a str>) -> Result<Anchor<'a>, CoreError> {
    match (held, root_pin) {
        (Some(lists), Some(_)) => Ok(Anchor::Held(lists)),
        (None, Some(pin)) => Ok(Anchor::Pinned(pin)),
        (_, None) => Err(CoreError::InvalidInput(ROOT_UNCONFIRMED.into())),
    }
}

/// Why a kiosk enrolled before enrolment codes takes no lists.
pub const ROOT_UNCONFIRMED: &str = "this kiosk was enrolled before enrolment codes named the office's root key: enrol it again with a code, or confirm the root's fingerprint (anjungan-cli trust confirm-root FINGERPRINT)";

/// Staff confirm the office's root fingerprint (as `anjungan-hub enrol` or the hub's
/// `keys` commands print it) on a kiosk enrolled before codes carried it. The lists it
/// holds, if any, must be signed by that root (or lead to it by handovers).
pub fn confirm_root(store: &Store, fingerprint: &str) -> Result<(), CoreError> {
    let fingerprint = fingerprint.trim();
    crate::enrolment::load(store)?.ok_or(CoreError::NotEnrolled)?;
    if let Some((held, _)) = current(store)? {
        let held_root = held
            .root
            .as_ref()
            .and_then(|r| anjungan_permit::trust::root_fingerprint(&r.public_key));
        if held_root.as_deref() != Some(fingerprint) {
            return Err(CoreError::InvalidInput(
                "the lists this kiosk holds are not signed by that root: enrol it again with a code"
                    .into(),
            ));
        }
    }
    crate::enrolment::set_root_fingerprint(store, fingerprint).map_err(CoreError::from)
}

/// Downloads the lists if they changed and keeps them only if their root is the one this
/// kiosk trusts (see [`anchor`]) and they are not older than those held. Returns whether
/// they changed; an unchanged answer confirms the held lists (their age restarts).
pub async fn refresh(store: &Store, client: &HubClient, now: &str) -> Result<bool, CoreError> {
    let held = current(store)?.map(|(l, _)| l);
    let root_pin = crate::enrolment::load(store)?.and_then(|e| e.root_fingerprint);
    hub_documents::refresh(
        store,
        NAME,
        now,
        |etag| async move { client.trust_lists(etag.as_deref()).await },
        |body| {
            let signed: SignedLists = serde_json::from_str(body).map_err(invalid)?;
            signed
                .open(anchor(held.as_ref(), root_pin.as_deref())?)
                .map(|_| ())
                .map_err(invalid)
        },
    )
    .await
}

/// At enrolment: the hub's lists, which must be signed by the root the enrolment code
/// names. Returns the envelope (with its ETag) to keep once the enrolment is saved.
pub async fn fetch_pinned(
    client: &HubClient,
    root_fingerprint: &str,
) -> Result<(Option<String>, String), CoreError> {
    let (etag, body) = client
        .trust_lists(None)
        .await?
        .ok_or_else(|| invalid("the hub sent no lists"))?;
    let signed: SignedLists = serde_json::from_str(&body).map_err(invalid)?;
    signed.open(Anchor::Pinned(root_fingerprint)).map_err(|e| {
        CoreError::InvalidInput(format!("this is not the hub of the enrolment code: {e}"))
    })?;
    Ok((etag, body))
}

/// How lists a hub sent stand to those held here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    /// No lists are held.
    NoneHeld,
    /// The same office's root (or its successor by handover); `older` than those held or not.
    SameOffice { older: bool },
    /// Signed by another root: another office's hub.
    Foreign,
}

impl Standing {
    /// Whether these lists may replace the held ones.
    pub fn replaces(self) -> bool {
        matches!(
            self,
            Standing::NoneHeld | Standing::SameOffice { older: false }
        )
    }
}

/// How the envelope in `body` stands to the lists held here.
pub fn standing(store: &Store, body: &str) -> Result<Standing, CoreError> {
    let Some((held, _)) = current(store)? else {
        return Ok(Standing::NoneHeld);
    };
    let signed: SignedLists = serde_json::from_str(body).map_err(invalid)?;
    Ok(match signed.open(Anchor::Held(&held)) {
        Ok(_) => Standing::SameOffice { older: false },
        Err(anjungan_permit::trust::TrustError::Older { .. }) => {
            Standing::SameOffice { older: true }
        }
        Err(_) => Standing::Foreign,
    })
}

/// Keeps lists the caller checked ([`fetch_pinned`]).
pub fn keep(store: &Store, etag: Option<&str>, body: &str, now: &str) -> Result<(), CoreError> {
    hub_documents::save(store, NAME, etag, body, now)
}

/// Keeps lists [`fetch_pinned`] checked, unless those held are newer or another root's.
pub fn keep_if_newer(
    store: &Store,
    etag: Option<&str>,
    body: &str,
    now: &str,
) -> Result<(), CoreError> {
    if standing(store, body)?.replaces() {
        keep(store, etag, body, now)?;
    }
    Ok(())
}

/// Seconds since `fetched_at` (RFC 3339), if it parses: the lists' age.
pub fn age_s(fetched_at: &str, now: OffsetDateTime) -> Option<i64> {
    OffsetDateTime::parse(fetched_at, &time::format_description::well_known::Rfc3339)
        .ok()
        .map(|f| (now - f).whole_seconds())
}

/// Forgets the lists (and so the root they pinned): the kiosk now belongs to another hub.
pub fn forget(store: &Store) -> Result<(), CoreError> {
    hub_documents::forget(store, NAME)
}

/// The TLS keys the held lists name, when they are the office's root-signed lists (lists
/// from a hub before roots carry no say over TLS).
pub fn signed_tls_pins(store: &Store) -> Result<Option<Vec<String>>, CoreError> {
    Ok(current(store)?
        .filter(|(l, _)| l.root.is_some())
        .map(|(l, _)| l.tls_pins))
}

#[cfg(test)]
mod tests {
    use super::*;
    use anjungan_permit::trust::{public_key_b64, RootKey};
    use ed25519_dalek::SigningKey;

    fn lists_signed_at(fresh_at: Option<&str>) -> String {
        let key = SigningKey::from_bytes(&[5; 32]);
        let root = RootKey {
            kid: "root-1".into(),
            public_key: public_key_b64(&key.verifying_key()),
        };
        let lists = Lists {
            issued_at: "2026-11-01T00:00:00Z".into(),
            version: 1,
            root: Some(root),
            fresh_at: fresh_at.map(str::to_owned),
            ..Lists::default()
        };
        serde_json::to_string(&lists.sign("root-1", &key, Vec::new())).expect("json")
    }

    #[tokio::test]
    async fn only_a_signed_answer_confirms_the_lists_not_a_bare_304() {
        let dir = tempfile::tempdir().expect("dir");
        let store = Store::open(dir.path()).expect("store");
        keep(
            &store,
            Some("\"e1\""),
            &lists_signed_at(Some("2026-11-01T00:00:00Z")),
            "2026-11-01T00:00:00Z",
        )
        .expect("keep");
        // Someone on the path answers "unchanged" a month later.
        let unchanged = || async {
            hub_documents::refresh(
                &store,
                NAME,
                "2026-12-02T00:00:00Z",
                |_etag| async { Ok(None) },
                |_body| Ok(()),
            )
            .await
            .expect("refresh");
            current(&store).expect("current").expect("held").1
        };
        assert_eq!(unchanged().await, "2026-11-01T00:00:00Z", "the age runs on");
        // Lists from a hub before signed freshness keep the old rule.
        keep(&store, None, &lists_signed_at(None), "2026-11-01T00:00:00Z").expect("keep");
        assert_eq!(unchanged().await, "2026-12-02T00:00:00Z");
    }
}
