//! Which hub this kiosk belongs to. The token is a secret: it is read only by the hub
//! client and never returned to the UI or written to logs.

use crate::store::{Store, StoreError};
use anjungan_wire::ipc::EnrolmentInfo;
use rusqlite::{params, OptionalExtension};

/// A stored enrolment, with its secret.
#[derive(Clone, PartialEq, Eq)]
pub struct Enrolment {
    pub hub_url: String,
    pub kiosk_id: String,
    pub kiosk_name: String,
    pub token: String,
    pub enrolled_at: String,
    /// Given by the hub (1–999); `None` until a hub that gives numbers has answered.
    pub kiosk_number: Option<u16>,
    /// The office's root key fingerprint from the enrolment code; `None` for a kiosk
    /// enrolled before codes (it took the first lists it was given).
    pub root_fingerprint: Option<String>,
    /// The hub's TLS key pin from the enrolment code; `None`: no pin (public CA or loopback).
    pub tls_pin: Option<String>,
}

impl std::fmt::Debug for Enrolment {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Enrolment")
            .field("hub_url", &self.hub_url)
            .field("kiosk_id", &self.kiosk_id)
            .field("kiosk_name", &self.kiosk_name)
            .field("token", &"<redacted>")
            .field("enrolled_at", &self.enrolled_at)
            .field("kiosk_number", &self.kiosk_number)
            .field("root_fingerprint", &self.root_fingerprint)
            .field("tls_pin", &self.tls_pin)
            .finish()
    }
}

impl Enrolment {
    /// The part that may be shown.
    pub fn info(&self) -> EnrolmentInfo {
        EnrolmentInfo {
            hub_url: self.hub_url.clone(),
            kiosk_name: self.kiosk_name.clone(),
            enrolled_at: self.enrolled_at.clone(),
            pinned: self.root_fingerprint.is_some(),
        }
    }
}

pub fn load(store: &Store) -> Result<Option<Enrolment>, StoreError> {
    Ok(store
        .conn()
        .query_row(
            "SELECT hub_url, kiosk_id, kiosk_name, token, enrolled_at, kiosk_number, root_fingerprint, tls_pin
               FROM enrolment WHERE id = 1",
            [],
            |r| {
                Ok(Enrolment {
                    hub_url: r.get(0)?,
                    kiosk_id: r.get(1)?,
                    kiosk_name: r.get(2)?,
                    token: r.get(3)?,
                    enrolled_at: r.get(4)?,
                    kiosk_number: r.get(5)?,
                    root_fingerprint: r.get(6)?,
                    tls_pin: r.get(7)?,
                })
            },
        )
        .optional()?)
}

/// Replaces any previous enrolment: a kiosk belongs to one hub at a time.
pub fn save(store: &Store, e: &Enrolment) -> Result<(), StoreError> {
    store.conn().execute(
        "INSERT INTO enrolment (id, hub_url, kiosk_id, kiosk_name, token, enrolled_at, kiosk_number,
                                root_fingerprint, tls_pin)
         VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
         ON CONFLICT (id) DO UPDATE SET hub_url = excluded.hub_url, kiosk_id = excluded.kiosk_id,
             kiosk_name = excluded.kiosk_name, token = excluded.token, enrolled_at = excluded.enrolled_at,
             kiosk_number = excluded.kiosk_number, root_fingerprint = excluded.root_fingerprint,
             tls_pin = excluded.tls_pin",
        params![
            e.hub_url,
            e.kiosk_id,
            e.kiosk_name,
            e.token,
            e.enrolled_at,
            e.kiosk_number,
            e.root_fingerprint,
            e.tls_pin
        ],
    )?;
    Ok(())
}

/// Records the number the hub gave this kiosk (an enrolment made before hubs gave numbers
/// learns it at the next connection check).
pub fn set_kiosk_number(store: &Store, number: u16) -> Result<(), StoreError> {
    store.conn().execute(
        "UPDATE enrolment SET kiosk_number = ?1 WHERE id = 1 AND kiosk_number IS NOT ?1",
        [number],
    )?;
    Ok(())
}

/// Records the office's root fingerprint, confirmed by staff on a kiosk enrolled before
/// enrolment codes carried it.
pub fn set_root_fingerprint(store: &Store, fingerprint: &str) -> Result<(), StoreError> {
    store.conn().execute(
        "UPDATE enrolment SET root_fingerprint = ?1 WHERE id = 1",
        [fingerprint],
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_token_never_shows_in_debug_output_or_info() {
        let e = Enrolment {
            hub_url: "http://127.0.0.1:1".into(),
            kiosk_id: "k1".into(),
            kiosk_name: "lobby".into(),
            token: "s3cr3t-token".into(),
            enrolled_at: "2026-11-29T00:00:00Z".into(),
            kiosk_number: Some(7),
            root_fingerprint: Some("f".repeat(43)),
            tls_pin: None,
        };
        assert!(!format!("{e:?}").contains("s3cr3t"));
        assert!(!format!("{:?}", e.info()).contains("s3cr3t"));
        let store = Store::open_in_memory().expect("store");
        save(&store, &e).expect("save");
        assert_eq!(load(&store).expect("load"), Some(e));
    }
}
