//! What staff do at the kiosk, behind the staff PIN: set the PIN, see the kiosk's state and
//! its statistics, send waiting items now, send a dead letter again, and confirm the
//! office's root on a kiosk enrolled before codes named it.

use crate::error::CoreError;
use crate::outbox;
use crate::staff_access;
use crate::sync;
use crate::trust;
use crate::Kiosk;
use anjungan_wire::ipc::{EnrolmentInfo, StaffLoginResult};
use rand::RngCore;
use serde::Serialize;
use std::path::PathBuf;

/// What `anjungan-cli status --json` prints.
#[derive(Debug, Clone, Serialize)]
pub struct KioskStatus {
    pub data_dir: String,
    pub schema_version: String,
    pub integrity: String,
    pub staff_pin_set: bool,
    pub enrolled: bool,
    pub enrolment: Option<EnrolmentInfo>,
    pub version: String,
}

impl Kiosk {
    /// Sets the staff PIN. Returns the PIN when one was generated, so it can be shown once.
    pub fn init(
        &self,
        pin: Option<&str>,
        rng: &mut impl RngCore,
    ) -> Result<Option<String>, CoreError> {
        let generated = match pin {
            Some(_) => None,
            None if staff_access::is_set(self.store())? => return Ok(None),
            None => Some(staff_access::generate_pin(rng)),
        };
        let pin = pin.or(generated.as_deref()).unwrap_or_default();
        staff_access::set_pin(self.store(), pin, self.now(), rng)?;
        Ok(generated)
    }

    pub fn status(&self) -> Result<KioskStatus, CoreError> {
        let integrity = match self.store().integrity_check() {
            Ok(()) => "ok".to_owned(),
            Err(e) => e.to_string(),
        };
        let enrolment = crate::enrolment::load(self.store())?.map(|e| e.info());
        Ok(KioskStatus {
            data_dir: self.data_dir().display().to_string(),
            schema_version: self.store().schema_version()?,
            integrity,
            staff_pin_set: staff_access::is_set(self.store())?,
            enrolled: enrolment.is_some(),
            enrolment,
            version: env!("CARGO_PKG_VERSION").to_owned(),
        })
    }

    /// Makes the staff window's statistics database anew (no personal field) and returns
    /// its path, for the staff window to read through the SQL plugin.
    pub fn staff_stats(&self) -> Result<PathBuf, CoreError> {
        crate::stats::refresh(self.store(), self.data_dir(), self.now())
    }

    /// A staff PIN attempt. Argon2id takes tens of milliseconds on purpose: call it off the
    /// UI thread.
    pub fn staff_login(
        &self,
        pin: &str,
        rng: &mut impl RngCore,
    ) -> Result<StaffLoginResult, CoreError> {
        Ok(staff_access::attempt(self.store(), pin, self.now(), rng)?)
    }

    /// Sends a dead letter again (after staff fixed its cause at the hub).
    pub fn retry_dead(&self, id: &str) -> Result<(), CoreError> {
        outbox::retry_dead(self.store(), id, self.now()).map_err(CoreError::from)?;
        Ok(())
    }

    /// "Kirim sekarang": everything waiting goes now, held items and backoffs alike, and
    /// the worker is woken. Returns how many items were waiting.
    pub fn send_now(&self) -> Result<usize, CoreError> {
        let n = outbox::due_now(self.store(), self.now()).map_err(CoreError::from)?;
        sync::try_now(self.store())?;
        Ok(n)
    }

    /// Staff confirm the office's root fingerprint on a kiosk enrolled before enrolment
    /// codes carried it (see [`trust::confirm_root`]).
    pub fn confirm_root(&self, fingerprint: &str) -> Result<(), CoreError> {
        trust::confirm_root(self.store(), fingerprint)
    }
}
