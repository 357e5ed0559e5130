//! Whatever a QR holds — 3 KB of garbage, control characters, half a token, a token with a
//! valid shape and random bytes — the verifier answers with a verdict and never panics.
//! This seeded random test runs in every test run; the coverage-guided fuzzing of the same
//! functions (`fuzz/`, `scripts/fuzz`) needs a nightly toolchain and runs apart.

use anjungan_permit::token::{key_id, open, sign, Claims};
use anjungan_permit::trust::{public_key_b64, Lists, TrustedKey};
use anjungan_permit::verify::{classify, verify, Verdict};
use ed25519_dalek::SigningKey;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

fn lists(key: &SigningKey) -> Lists {
    Lists {
        issued_at: "2026-11-29T00:00:00Z".into(),
        keys: vec![TrustedKey {
            kid: "seal-1".into(),
            public_key: public_key_b64(&key.verifying_key()),
            retired: None,
        }],
        revoked: Vec::new(),
        ..Lists::default()
    }
}

#[test]
fn random_texts_never_panic_and_never_pass() {
    let key = SigningKey::generate(&mut StdRng::seed_from_u64(1));
    let l = lists(&key);
    let good = sign(
        &Claims {
            number: "N-1".into(),
            kind: "SIP".into(),
            holder: "X".into(),
            nib: None,
            nik_hash: None,
            issued: "2026-01-01".into(),
            valid_until: None,
            pdf_sha256: "00".repeat(32),
        },
        "seal-1",
        &key,
    );
    let mut rng = StdRng::seed_from_u64(2026);
    let alphabet: Vec<char> = "ABCxyz019-_.#:/%\u{0}\u{1b}éあ ".chars().collect();
    for i in 0..20_000 {
        let len = rng.gen_range(0..if i % 100 == 0 { 5000 } else { 200 });
        let text: String = match i % 4 {
            // Random characters.
            0 => (0..len)
                .map(|_| alphabet[rng.gen_range(0..alphabet.len())])
                .collect(),
            // Random bytes read as UTF-8, lossily.
            1 => String::from_utf8_lossy(&(0..len).map(|_| rng.gen::<u8>()).collect::<Vec<u8>>())
                .into_owned(),
            // A real token with one position changed.
            2 => {
                let mut b = good.clone().into_bytes();
                let at = rng.gen_range(0..b.len());
                b[at] = alphabet[rng.gen_range(0..alphabet.len())] as u8 & 0x7f;
                format!("https://hub/p/N-1#{}", String::from_utf8_lossy(&b))
            }
            // The token's shape with random segments.
            _ => format!(
                "seal-1.{}.{}",
                (0..len)
                    .map(|_| alphabet[rng.gen_range(0..8)])
                    .collect::<String>(),
                (0..86)
                    .map(|_| alphabet[rng.gen_range(0..8)])
                    .collect::<String>()
            ),
        };
        let _ = classify(&text);
        let _ = key_id(&text);
        let _ = open(&text, &key.verifying_key());
        let v = verify(&text, Some(&l), "2026-11-29").verdict;
        if text.ends_with(good.as_str()) {
            continue;
        }
        assert_ne!(v, Verdict::Asli, "forged text passed: {text:.80}");
    }
    assert_eq!(
        verify(&format!("https://hub/p/N-1#{good}"), Some(&l), "2026-11-29").verdict,
        Verdict::Asli
    );
}
