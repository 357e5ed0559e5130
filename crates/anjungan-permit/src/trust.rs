//! The trust list (the office's seal keys) and the revocation list, in one document the hub
//! signs with the office's **root key**. The root signs lists only; seal keys sign permits.
//!
//! A kiosk never trusts whatever answers first:
//! - at enrolment it knows the root's fingerprint from the enrolment code
//!   ([`Anchor::Pinned`]); afterwards it holds the lists and their root ([`Anchor::Held`]);
//! - a list's `version` only grows, so a replayed older list is refused;
//! - the root is rotated by a handover the old root signs; the envelope carries every
//!   handover, so a kiosk that slept through several rotations walks the chain from the root
//!   it knows. A retired root signs no more lists: once a kiosk knows the handover, a list
//!   signed by the old root is refused.
//!
//! Lists from hubs made before roots existed carry no `root`: they were signed by the
//! office's first seal key, which a migrated hub keeps as its first root, so those kiosks
//! move to the new shape with their next download.

use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
use base64::Engine;
use ed25519_dalek::{Signature, Signer, SigningKey, Verifier, VerifyingKey};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// Days a kiosk may go without confirming its lists before it stops calling permits
/// authentic from them, unless the office's lists say otherwise (`max_age_days`).
pub const DEFAULT_MAX_AGE_DAYS: u32 = 30;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrustedKey {
    pub kid: String,
    /// Ed25519 public key, base64url.
    pub public_key: String,
    /// Permits issued after this date are not signed with this key (rotation); YYYY-MM-DD.
    pub retired: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Revocation {
    pub number: String,
    pub reason: String,
    /// RFC 3339.
    pub revoked_at: String,
}

/// The key that signs the lists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RootKey {
    pub kid: String,
    /// Ed25519 public key, base64url.
    pub public_key: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Lists {
    /// RFC 3339: the newest change in these lists.
    pub issued_at: String,
    /// Grows with every change; a kiosk refuses a list older than the one it holds.
    #[serde(default)]
    pub version: u64,
    /// The root that signed these lists; absent only in lists from hubs before roots.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub root: Option<RootKey>,
    pub keys: Vec<TrustedKey>,
    pub revoked: Vec<Revocation>,
    /// The office's complaint key (an `age` X25519 recipient, `age1…`): kiosks seal
    /// complaints to it. Signed with the lists, so a kiosk never seals to a stranger's key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub complaint_recipient: Option<String>,
    /// After this many days without confirming the lists with the hub, a kiosk no longer
    /// calls a permit authentic from them (a revocation may have been missed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_age_days: Option<u32>,
    /// The hub's TLS keys (SPKI pins, base64url SHA-256) besides the one in the enrolment
    /// code: how a certificate renewal with a new key reaches kiosks before it is served.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tls_pins: Vec<String>,
    /// National verification services the office names: a plain-URL QR pointing there is a
    /// permit only that service can vouch for, not a stranger's.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub verifiers: Vec<anjungan_wire::api::ExternalVerifier>,
    /// RFC 3339: when the hub signed these lists (to the hour). The lists' age counts from
    /// here, not from when a kiosk last heard "unchanged": only a signed answer vouches that
    /// nothing was revoked since. Absent from hubs before it; not part of `version`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fresh_at: Option<String>,
}

/// A root handing over to its successor, signed by the outgoing root.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Handover {
    pub from: RootKey,
    pub to: RootKey,
    /// RFC 3339.
    pub at: String,
    /// The outgoing root's signature over [`Handover::message`], base64url.
    pub signature: String,
}

/// The signed envelope kiosks download: `lists` is the exact JSON that was signed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignedLists {
    pub lists: String,
    pub kid: String,
    pub signature: String,
    /// Every root handover, oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub handovers: Vec<Handover>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TrustError {
    #[error("the lists are not well formed")]
    Malformed,
    #[error("the lists are signed by a key this kiosk does not trust")]
    Untrusted,
    #[error("the lists are signed by a root other than the one in the enrolment code")]
    WrongRoot,
    #[error("the lists are older (version {got}) than the ones this kiosk holds (version {held}): refused as a replay")]
    Older { held: u64, got: u64 },
}

/// What a kiosk trusts before it opens a new envelope.
#[derive(Debug, Clone, Copy)]
pub enum Anchor<'a> {
    /// The lists it holds (their root, and their version as the floor).
    Held(&'a Lists),
    /// Only the root's fingerprint ([`root_fingerprint`]), from the enrolment code.
    Pinned(&'a str),
    /// Nothing: a kiosk enrolled before enrolment codes carried fingerprints takes the
    /// envelope's own root (trust on first use). New enrolments never get here.
    FirstUse,
}

pub fn public_key_b64(key: &VerifyingKey) -> String {
    B64.encode(key.to_bytes())
}

fn decode_key(public_key: &str) -> Option<VerifyingKey> {
    let bytes: [u8; 32] = B64.decode(public_key).ok()?.try_into().ok()?;
    VerifyingKey::from_bytes(&bytes).ok()
}

fn decode_signature(s: &str) -> Result<Signature, TrustError> {
    let sig: [u8; 64] = B64
        .decode(s)
        .ok()
        .and_then(|b| b.try_into().ok())
        .ok_or(TrustError::Malformed)?;
    Ok(Signature::from_bytes(&sig))
}

/// The fingerprint an enrolment code carries for a root key: SHA-256 of its 32 bytes,
/// base64url. `None` when `public_key` is not a key.
pub fn root_fingerprint(public_key: &str) -> Option<String> {
    let key = decode_key(public_key)?;
    Some(B64.encode(Sha256::digest(key.as_bytes())))
}

impl RootKey {
    fn verifying_key(&self) -> Result<VerifyingKey, TrustError> {
        decode_key(&self.public_key).ok_or(TrustError::Malformed)
    }
}

impl Handover {
    /// The bytes the outgoing root signs.
    pub fn message(from: &RootKey, to: &RootKey, at: &str) -> Vec<u8> {
        format!(
            "anjungan root handover\n{}\n{}\n{}\n{}\n{at}",
            from.kid, from.public_key, to.kid, to.public_key
        )
        .into_bytes()
    }

    /// Signs a handover from `from` (whose secret is `key`) to `to`.
    pub fn sign(from: RootKey, key: &SigningKey, to: RootKey, at: &str) -> Handover {
        let signature = B64.encode(key.sign(&Self::message(&from, &to, at)).to_bytes());
        Handover {
            from,
            to,
            at: at.to_owned(),
            signature,
        }
    }

    fn check(&self) -> Result<(), TrustError> {
        let key = self.from.verifying_key()?;
        key.verify(
            &Self::message(&self.from, &self.to, &self.at),
            &decode_signature(&self.signature)?,
        )
        .map_err(|_| TrustError::Untrusted)
    }
}

impl Lists {
    pub fn key(&self, kid: &str) -> Option<VerifyingKey> {
        let k = self.keys.iter().find(|k| k.kid == kid)?;
        decode_key(&k.public_key)
    }

    pub fn revocation(&self, number: &str) -> Option<&Revocation> {
        self.revoked.iter().find(|r| r.number == number)
    }

    /// Signs these lists with the root `kid` (whose secret is `key`).
    pub fn sign(&self, kid: &str, key: &SigningKey, handovers: Vec<Handover>) -> SignedLists {
        let lists = serde_json::to_string(self).unwrap_or_default();
        let signature = B64.encode(key.sign(lists.as_bytes()).to_bytes());
        SignedLists {
            lists,
            kid: kid.to_owned(),
            signature,
            handovers,
        }
    }
}

impl SignedLists {
    /// Opens the envelope if its signer is the root `anchor` leads to, walking any handovers
    /// from the root the kiosk knows to the one that signed.
    pub fn open(&self, anchor: Anchor<'_>) -> Result<Lists, TrustError> {
        let inner: Lists = serde_json::from_str(&self.lists).map_err(|_| TrustError::Malformed)?;
        let signer = match &inner.root {
            Some(root) => {
                if root.kid != self.kid {
                    return Err(TrustError::Untrusted);
                }
                self.walk(anchor, root)?;
                root.verifying_key()?
            }
            // Lists from a hub before roots: signed by a key in the lists the kiosk holds,
            // still in service. Once a kiosk holds root-signed lists it takes no other kind:
            // a seal key, retired or not, never signs lists in place of the root.
            None => match anchor {
                Anchor::Held(held) if held.root.is_some() => return Err(TrustError::Untrusted),
                Anchor::Held(held) => {
                    if held
                        .keys
                        .iter()
                        .any(|k| k.kid == self.kid && k.retired.is_some())
                    {
                        return Err(TrustError::Untrusted);
                    }
                    held.key(&self.kid).ok_or(TrustError::Untrusted)?
                }
                Anchor::FirstUse => inner.key(&self.kid).ok_or(TrustError::Untrusted)?,
                Anchor::Pinned(_) => return Err(TrustError::WrongRoot),
            },
        };
        signer
            .verify(self.lists.as_bytes(), &decode_signature(&self.signature)?)
            .map_err(|_| TrustError::Untrusted)?;
        if let Anchor::Held(held) = anchor {
            if inner.version < held.version {
                return Err(TrustError::Older {
                    held: held.version,
                    got: inner.version,
                });
            }
        }
        Ok(inner)
    }

    /// Checks that `signer` is the root `anchor` trusts, or reached from it by handovers.
    fn walk(&self, anchor: Anchor<'_>, signer: &RootKey) -> Result<(), TrustError> {
        // Every root in order: the first outgoing one, then each incoming one; handover `i`
        // leads from `roots[i]` to `roots[i + 1]`.
        let mut roots: Vec<&RootKey> = vec![self.handovers.first().map_or(signer, |h| &h.from)];
        roots.extend(self.handovers.iter().map(|h| &h.to));
        let trusted = |r: &RootKey| match anchor {
            Anchor::Held(held) => match &held.root {
                Some(root) => root.public_key == r.public_key,
                // Held lists from before roots: their root is one of their keys.
                None => held
                    .key(&r.kid)
                    .is_some_and(|k| public_key_b64(&k) == r.public_key),
            },
            Anchor::Pinned(fingerprint) => {
                root_fingerprint(&r.public_key).as_deref() == Some(fingerprint)
            }
            Anchor::FirstUse => true,
        };
        // The newest root the kiosk already trusts: handovers before it are history.
        let start = roots.iter().rposition(|r| trusted(r)).ok_or(match anchor {
            Anchor::Pinned(_) => TrustError::WrongRoot,
            _ => TrustError::Untrusted,
        })?;
        for (i, h) in self.handovers.iter().enumerate().skip(start) {
            if h.from.public_key != roots[i].public_key {
                return Err(TrustError::Untrusted);
            }
            h.check()?;
        }
        if roots
            .last()
            .is_some_and(|r| r.public_key == signer.public_key)
        {
            Ok(())
        } else {
            Err(TrustError::Untrusted)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::rngs::StdRng;
    use rand::SeedableRng;

    fn key(seed: u64) -> SigningKey {
        SigningKey::generate(&mut StdRng::seed_from_u64(seed))
    }

    fn root(kid: &str, k: &SigningKey) -> RootKey {
        RootKey {
            kid: kid.into(),
            public_key: public_key_b64(&k.verifying_key()),
        }
    }

    fn lists(version: u64, root: &RootKey) -> Lists {
        Lists {
            issued_at: "2026-11-29T00:00:00Z".into(),
            version,
            root: Some(root.clone()),
            max_age_days: Some(30),
            ..Lists::default()
        }
    }

    fn fingerprint(k: &SigningKey) -> String {
        root_fingerprint(&public_key_b64(&k.verifying_key())).expect("a key")
    }

    #[test]
    fn the_pinned_root_opens_its_lists_and_no_other_root_does() {
        let office = key(1);
        let rogue = key(2);
        let r = root("root-1", &office);
        let good = lists(1, &r).sign("root-1", &office, Vec::new());
        assert!(good.open(Anchor::Pinned(&fingerprint(&office))).is_ok());
        // A rogue hub's lists are self-consistent but signed by another root.
        let bad = lists(9, &root("root-1", &rogue)).sign("root-1", &rogue, Vec::new());
        assert_eq!(
            bad.open(Anchor::Pinned(&fingerprint(&office))),
            Err(TrustError::WrongRoot)
        );
        let held = good
            .open(Anchor::Pinned(&fingerprint(&office)))
            .expect("held");
        assert_eq!(bad.open(Anchor::Held(&held)), Err(TrustError::Untrusted));
        // Naming the office's root while signing with another key does not help.
        let forged = lists(9, &r).sign("root-1", &rogue, Vec::new());
        assert_eq!(forged.open(Anchor::Held(&held)), Err(TrustError::Untrusted));
    }

    #[test]
    fn an_older_list_is_refused_as_a_replay() {
        let office = key(1);
        let r = root("root-1", &office);
        let v3 = lists(3, &r).sign("root-1", &office, Vec::new());
        let v5 = lists(5, &r).sign("root-1", &office, Vec::new());
        let held = v5.open(Anchor::Pinned(&fingerprint(&office))).expect("v5");
        assert_eq!(
            v3.open(Anchor::Held(&held)),
            Err(TrustError::Older { held: 5, got: 3 })
        );
        assert!(v5.open(Anchor::Held(&held)).is_ok(), "the same list again");
    }

    #[test]
    fn a_root_rotation_travels_by_handover_and_retires_the_old_root() {
        let (k1, k2, k3) = (key(1), key(2), key(3));
        let (r1, r2, r3) = (
            root("root-1", &k1),
            root("root-2", &k2),
            root("root-3", &k3),
        );
        let h12 = Handover::sign(r1.clone(), &k1, r2.clone(), "2026-12-01T00:00:00Z");
        let h23 = Handover::sign(r2.clone(), &k2, r3.clone(), "2027-06-01T00:00:00Z");
        let v1 = lists(1, &r1).sign("root-1", &k1, Vec::new());
        let held1 = v1.open(Anchor::Pinned(&fingerprint(&k1))).expect("v1");
        // A kiosk that slept through two rotations walks both handovers.
        let v7 = lists(7, &r3).sign("root-3", &k3, vec![h12.clone(), h23.clone()]);
        let held7 = v7.open(Anchor::Held(&held1)).expect("walked from root-1");
        // An enrolment code printed before the rotations still leads to the current root,
        // and so does one printed after them.
        assert!(v7.open(Anchor::Pinned(&fingerprint(&k1))).is_ok());
        assert!(v7.open(Anchor::Pinned(&fingerprint(&k3))).is_ok());
        // Without the handovers the new root is a stranger.
        let bare = lists(7, &r3).sign("root-3", &k3, Vec::new());
        assert_eq!(bare.open(Anchor::Held(&held1)), Err(TrustError::Untrusted));
        // Once retired, the old root signs no lists, however new their version.
        let by_old = lists(8, &r1).sign("root-1", &k1, vec![h12.clone(), h23.clone()]);
        assert_eq!(
            by_old.open(Anchor::Held(&held7)),
            Err(TrustError::Untrusted)
        );
        // A handover whose signature does not match is refused.
        let mut forged = h23.clone();
        forged.to = root("root-3", &key(9));
        let v8 = lists(8, &forged.to).sign("root-3", &key(9), vec![h12, forged]);
        assert_eq!(v8.open(Anchor::Held(&held1)), Err(TrustError::Untrusted));
    }

    #[test]
    fn once_root_signed_lists_are_held_no_seal_key_signs_lists() {
        let office = key(1);
        let seal = key(2);
        let r = root("root-1", &office);
        let mut with_seal = lists(3, &r);
        with_seal.keys = vec![TrustedKey {
            kid: "seal-1".into(),
            public_key: public_key_b64(&seal.verifying_key()),
            retired: Some("2026-11-01".into()),
        }];
        with_seal.revoked = vec![Revocation {
            number: "503/IZ/2026".into(),
            reason: "dicabut".into(),
            revoked_at: "2026-11-20T00:00:00Z".into(),
        }];
        let held = with_seal
            .sign("root-1", &office, Vec::new())
            .open(Anchor::Pinned(&fingerprint(&office)))
            .expect("held");
        // The seal key signs rootless lists with a huge version and no revocations.
        let forged = Lists {
            root: None,
            version: 1_000_001,
            revoked: Vec::new(),
            ..with_seal.clone()
        }
        .sign("seal-1", &seal, Vec::new());
        assert_eq!(forged.open(Anchor::Held(&held)), Err(TrustError::Untrusted));
        // The office's next lists still open.
        let next = lists(4, &r).sign("root-1", &office, Vec::new());
        assert!(next.open(Anchor::Held(&held)).is_ok());
    }

    #[test]
    fn lists_from_before_roots_lead_into_the_new_shape() {
        let seal = key(1);
        let legacy = Lists {
            root: None,
            version: 0,
            max_age_days: None,
            keys: vec![TrustedKey {
                kid: "seal-1".into(),
                public_key: public_key_b64(&seal.verifying_key()),
                retired: None,
            }],
            ..lists(0, &root("x", &seal))
        };
        let held = legacy
            .sign("seal-1", &seal, Vec::new())
            .open(Anchor::FirstUse)
            .expect("first use, as before");
        // The migrated hub's first root is that seal key.
        let next = lists(1, &root("seal-1", &seal)).sign("seal-1", &seal, Vec::new());
        assert!(next.open(Anchor::Held(&held)).is_ok());
        // Legacy lists never satisfy an enrolment code's fingerprint.
        assert_eq!(
            legacy
                .sign("seal-1", &seal, Vec::new())
                .open(Anchor::Pinned(&fingerprint(&seal))),
            Err(TrustError::WrongRoot)
        );
    }
}
