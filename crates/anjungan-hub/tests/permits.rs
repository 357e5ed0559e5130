//! Permit round trip: issue → printable PDF → rendered by poppler at 150 and 300 dpi →
//! decoded from the image → verified offline against the hub's signed lists.

use anjungan_hub::permits::{self, PermitInput};
use anjungan_hub::trust;
use anjungan_permit::trust::{Anchor, Lists, TrustError};
use anjungan_permit::verify::{verify, Verdict};
use rand::rngs::StdRng;
use rand::SeedableRng;
use std::path::Path;
use std::process::Command;

fn input(number: &str, valid_until: Option<&str>) -> PermitInput {
    PermitInput {
        number: number.into(),
        kind: "Surat Izin Praktik Dokter".into(),
        holder_name: "dr. Siti Rahmawati".into(),
        nib: None,
        nik: Some("1872015201900002".into()),
        issued: "2026-11-02".into(),
        valid_until: valid_until.map(str::to_owned),
    }
}

/// Renders the PDF's first page at `dpi` and decodes the QR on it.
fn scan(pdf: &Path, dpi: u32) -> String {
    let dir = tempfile::tempdir().expect("dir");
    let prefix = dir.path().join("page");
    let out = Command::new("pdftoppm")
        .args([
            "-png",
            "-gray",
            "-r",
            &dpi.to_string(),
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
        ])
        .arg(pdf)
        .arg(&prefix)
        .output()
        .expect("pdftoppm (poppler-utils) is needed");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    anjungan_qr::decode_file(&prefix.with_extension("png"), anjungan_qr::Pipeline::Full)
        .expect("readable")
        .unwrap_or_else(|| panic!("no QR found at {dpi} dpi"))
        .text
}

/// The hub's answer for a plain-URL QR, on the day the tests are dated.
async fn look(pool: &anjungan_hub::db::Pool, url: &str) -> anjungan_wire::api::PermitLookup {
    permits::lookup(pool, url, "2026-11-29")
        .await
        .expect("lookup")
}

/// The lists as a kiosk opens them: the first time with the root fingerprint of its
/// enrolment code, then with the lists it holds.
async fn lists(pool: &anjungan_hub::db::Pool, held: Option<&Lists>) -> Lists {
    let mut rng = StdRng::seed_from_u64(1);
    let fingerprint = trust::root_fingerprint_now(pool, &mut rng)
        .await
        .expect("root");
    trust::signed_lists(pool, &mut rng)
        .await
        .expect("lists")
        .open(held.map_or(Anchor::Pinned(&fingerprint), Anchor::Held))
        .expect("signed by a trusted key")
}

#[tokio::test]
async fn an_issued_permit_scans_as_authentic_and_every_failure_is_named() {
    let dir = tempfile::tempdir().expect("dir");
    let pool = anjungan_hub::testing::open(dir.path()).await.expect("db");
    let mut rng = StdRng::seed_from_u64(7);
    let out = dir.path().join("out");
    let issued = permits::issue(
        &pool,
        &input("503/0001/SIP/2026", Some("2031-11-02")),
        &out,
        "https://izin.metrokota.go.id",
        &mut rng,
    )
    .await
    .expect("issue");
    assert!(issued.pdf.exists() && issued.qr_png.exists());
    // The page claims no certified electronic signature: it carries none.
    let text = Command::new("pdftotext")
        .arg(&issued.pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is needed");
    let text = String::from_utf8_lossy(&text.stdout).replace('\n', " ");
    assert!(
        text.contains("bukan tanda tangan elektronik tersertifikasi"),
        "{text}"
    );
    assert!(!text.contains("ditandatangani secara elektronik"), "{text}");
    let first = lists(&pool, None).await;
    let today = "2026-11-29";
    for dpi in [150, 300] {
        let text = scan(&issued.pdf, dpi);
        assert_eq!(text, issued.url, "{dpi} dpi");
        let outcome = verify(&text, Some(&first), today);
        assert_eq!(outcome.verdict, Verdict::Asli, "{dpi} dpi");
        let claims = outcome.claims.expect("claims");
        assert_eq!(claims.holder, "dr. Siti Rahmawati");
        assert!(
            !text.contains("1872015201900002"),
            "the NIK itself is never on the QR"
        );
    }
    let png = anjungan_qr::decode_file(&issued.qr_png, anjungan_qr::Pipeline::Full)
        .expect("png")
        .expect("qr");
    assert_eq!(png.text, issued.url);

    // One byte changed anywhere in the token: not recognised.
    let (base, token) = issued.url.split_once('#').expect("fragment");
    for i in [0, token.len() / 3, token.len() / 2, token.len() - 2] {
        let mut t = token.as_bytes().to_vec();
        t[i] = if t[i] == b'x' { b'y' } else { b'x' };
        let forged = format!("{base}#{}", String::from_utf8(t).expect("ascii"));
        assert_eq!(
            verify(&forged, Some(&first), today).verdict,
            Verdict::TidakDikenal,
            "byte {i}"
        );
    }

    // Expired.
    let old = permits::issue(
        &pool,
        &input("503/0002/SIP/2020", Some("2025-01-01")),
        &out,
        "https://izin.metrokota.go.id",
        &mut rng,
    )
    .await
    .expect("issue");
    assert_eq!(
        verify(&old.url, Some(&first), today).verdict,
        Verdict::Kedaluwarsa
    );

    // Revoked, known after the next list download.
    permits::revoke(
        &pool,
        "503/0001/SIP/2026",
        "Dicabut atas permintaan pemegang izin",
    )
    .await
    .expect("revoke");
    assert_eq!(
        verify(&issued.url, Some(&first), today).verdict,
        Verdict::Asli,
        "not yet synced"
    );
    let second = lists(&pool, Some(&first)).await;
    let revoked = verify(&issued.url, Some(&second), today);
    assert_eq!(revoked.verdict, Verdict::Dicabut);
    assert!(revoked
        .revocation_reason
        .expect("reason")
        .contains("permintaan"));
    assert!(permits::revoke(&pool, "503/9999/X", "tidak ada")
        .await
        .is_err());

    // Key rotation: permits signed before stay authentic, new ones use the new key.
    let new_kid = permits::rotate(&pool, "2026-11-29", &mut rng)
        .await
        .expect("rotate");
    let fresh = permits::issue(
        &pool,
        &input("503/0003/SIP/2026", None),
        &out,
        "https://izin.metrokota.go.id",
        &mut rng,
    )
    .await
    .expect("issue");
    let third = lists(&pool, Some(&second)).await;
    assert!(fresh.url.contains(&format!("#{new_kid}.")));
    assert_eq!(
        verify(&fresh.url, Some(&third), today).verdict,
        Verdict::Asli
    );
    assert_eq!(
        verify(&old.url, Some(&third), today).verdict,
        Verdict::Kedaluwarsa
    );
    assert_eq!(
        verify(&fresh.url, Some(&first), today).verdict,
        Verdict::TidakDikenal,
        "old lists do not know the new key"
    );

    // A plain URL from another office can only be checked online; one of a national
    // service the office names says where it points, offline too.
    assert_eq!(
        verify(
            "https://perizinan.kabupaten-lain.go.id/cek/abc",
            Some(&third),
            today
        )
        .verdict,
        Verdict::PerluOnline
    );
    assert_eq!(
        verify("https://sicantik.go.id/verify/abc", Some(&third), today).verdict,
        Verdict::PeriksaDiPenerbit
    );
}

#[tokio::test]
async fn bad_permit_input_is_refused() {
    let dir = tempfile::tempdir().expect("dir");
    let pool = anjungan_hub::testing::open(dir.path()).await.expect("db");
    let mut rng = StdRng::seed_from_u64(8);
    let mut bad = input("503/1", None);
    bad.nik = Some("187201520190000".into());
    assert!(
        permits::issue(&pool, &bad, dir.path(), "https://x", &mut rng)
            .await
            .is_err(),
        "a NIK with 15 digits"
    );
    let mut bad = input("503/1", None);
    bad.issued = "02-11-2026".into();
    assert!(
        permits::issue(&pool, &bad, dir.path(), "https://x", &mut rng)
            .await
            .is_err()
    );
}

#[tokio::test]
async fn a_plain_url_is_looked_up_only_under_this_offices_addresses() {
    let dir = tempfile::tempdir().expect("dir");
    let pool = anjungan_hub::testing::open(dir.path()).await.expect("db");
    let out = dir.path().join("out");
    let mut rng = StdRng::seed_from_u64(9);
    let base = "https://izin.metrokota.go.id";
    permits::issue(
        &pool,
        &input("503/0007/SIP/2020", Some("2025-01-01")),
        &out,
        base,
        &mut rng,
    )
    .await
    .expect("issue");

    // Scheme and host without case; the number percent-encoded; query and fragment ignored.
    let found = look(
        &pool,
        "HTTPS://IZIN.METROKOTA.GO.ID/p/503%2F0007%2FSIP%2F2020?src=qr#x",
    )
    .await;
    assert_eq!(found.verdict, Verdict::Kedaluwarsa);
    assert!(found.this_office);
    assert_eq!(found.permit.holder.as_deref(), Some("dr. Siti Rahmawati"));

    // A look-alike host is not this office, whatever its path says.
    let lookalike = look(
        &pool,
        "https://izin.metrokota.go.id.evil.example/p/503%2F0007%2FSIP%2F2020",
    )
    .await;
    assert_eq!(lookalike.verdict, Verdict::TidakDikenal);
    assert!(!lookalike.this_office);
    assert_eq!(lookalike.permit.permit_number, None);

    // This office's address, an unknown number: not a guess.
    let unknown = look(&pool, "https://izin.metrokota.go.id/p/999").await;
    assert_eq!(
        (unknown.verdict, unknown.this_office),
        (Verdict::TidakDikenal, true)
    );

    permits::revoke(&pool, "503/0007/SIP/2020", "Praktik ditutup")
        .await
        .expect("revoke");
    let revoked = look(
        &pool,
        "https://izin.metrokota.go.id/p/503%2F0007%2FSIP%2F2020",
    )
    .await;
    assert_eq!(revoked.verdict, Verdict::Dicabut);
    assert_eq!(
        revoked.permit.revocation_reason.as_deref(),
        Some("Praktik ditutup")
    );

    assert!(permits::register_url(&pool, "ftp://old.example")
        .await
        .is_err());
}

#[tokio::test]
async fn the_lists_grow_in_version_and_a_root_rotation_reaches_every_kiosk() {
    let dir = tempfile::tempdir().expect("dir");
    let pool = anjungan_hub::testing::open(dir.path()).await.expect("db");
    let mut rng = StdRng::seed_from_u64(3);
    let code_before = trust::root_fingerprint_now(&pool, &mut rng)
        .await
        .expect("root");
    let first = lists(&pool, None).await;
    assert_eq!(
        lists(&pool, Some(&first)).await.version,
        first.version,
        "unchanged"
    );
    let old_envelope = trust::signed_lists(&pool, &mut rng).await.expect("lists");
    assert_eq!(first.max_age_days, Some(trust::DEFAULT_MAX_AGE_DAYS));

    trust::set_max_age_days(&pool, 7).await.expect("max age");
    assert!(trust::set_max_age_days(&pool, 0).await.is_err());
    let second = lists(&pool, Some(&first)).await;
    assert_eq!(second.version, first.version + 1);
    assert_eq!(second.max_age_days, Some(7));
    // The envelope a kiosk saw before is now a replay.
    assert_eq!(
        old_envelope.open(Anchor::Held(&second)),
        Err(TrustError::Older {
            held: second.version,
            got: first.version
        })
    );

    // A new root: kiosks holding the old lists follow the handover, and so does a kiosk
    // enrolled with a code printed before the rotation.
    let (_, new_fingerprint) = trust::rotate_root(&pool, &mut rng).await.expect("rotate");
    assert_ne!(new_fingerprint, code_before);
    let envelope = trust::signed_lists(&pool, &mut rng).await.expect("lists");
    let third = envelope.open(Anchor::Held(&first)).expect("followed");
    assert!(third.version > second.version);
    assert!(envelope.open(Anchor::Pinned(&code_before)).is_ok());
    assert!(envelope.open(Anchor::Pinned(&new_fingerprint)).is_ok());
    // The retired root's old envelope is refused by a kiosk that followed.
    assert!(old_envelope.open(Anchor::Held(&third)).is_err());
}

const REGISTER: &str = "number,type,holder,issued,valid_until,status,verification_url
503/0100/SIUP/2021,Surat Izin Usaha Perdagangan,Toko Maju Jaya,2021-05-03,,berlaku,https://sicantik.go.id/verifikasi/A1B2C3#top
503/0101/SIP/2018,Surat Izin Praktik Bidan,Bd. Ayu Lestari,2018-02-01,2023-02-01,aktif,
503/0102/IMB/2017,Izin Mendirikan Bangunan,CV Sinar,2017-07-07,,dicabut,https://oss.go.id/cek/XYZ
";

#[tokio::test]
async fn permits_this_hub_did_not_issue_are_answered_from_the_register_or_by_where_they_point() {
    let dir = tempfile::tempdir().expect("dir");
    let pool = anjungan_hub::testing::open(dir.path()).await.expect("db");
    let done = anjungan_hub::register::import(&pool, REGISTER)
        .await
        .expect("import");
    assert_eq!((done.added, done.updated), (3, 0));
    let again = anjungan_hub::register::import(&pool, REGISTER)
        .await
        .expect("again");
    assert_eq!(
        (again.added, again.updated),
        (0, 3),
        "numbers are updated, not doubled"
    );

    // A genuine Metro permit whose QR points to SiCantik: found by its verification URL.
    let sicantik = look(&pool, "https://SICANTIK.go.id/verifikasi/A1B2C3").await;
    assert_eq!(sicantik.verdict, Verdict::Asli);
    assert!(sicantik.this_office);
    assert_eq!(sicantik.permit.holder.as_deref(), Some("Toko Maju Jaya"));
    let revoked = look(&pool, "https://oss.go.id/cek/XYZ").await;
    assert_eq!(revoked.verdict, Verdict::Dicabut);
    assert!(revoked.permit.revocation_reason.is_some());

    // Another SiCantik permit the register does not hold: where it points, no stranger's
    // verdict.
    let elsewhere = look(&pool, "https://sicantik.go.id/verifikasi/ZZZ").await;
    assert_eq!(elsewhere.verdict, Verdict::PeriksaDiPenerbit);
    let to = elsewhere.points_to.expect("points to");
    assert_eq!(to.host, "sicantik.go.id");
    assert!(to.name.contains("SiCantik"));
    assert!(!elsewhere.this_office);
    let stranger = look(
        &pool,
        "https://sicantik.go.id.evil.example/verifikasi/A1B2C3",
    )
    .await;
    assert_eq!(stranger.verdict, Verdict::TidakDikenal);

    // Found by number on this office's own pages, expired by its date.
    let page = permits::page(&pool, "503/0101/SIP/2018", "2026-11-29")
        .await
        .expect("page");
    assert!(
        page.contains("KEDALUWARSA") && page.contains("Bd. Ayu Lestari"),
        "{page}"
    );
    // The page is a template: what the register holds is escaped, never markup.
    anjungan_hub::register::import(
        &pool,
        "number,type,holder,issued,valid_until,status,verification_url\nX-1,<b>SIUP</b>,\"<script>x</script>\",2020-01-01,,berlaku,\n",
    )
    .await
    .expect("import");
    let page = permits::page(&pool, "X-1", "2026-11-29")
        .await
        .expect("page");
    assert!(
        !page.contains("<script>") && page.contains("&#60;script&#62;"),
        "{page}"
    );

    // The office names its own services; the lists carry them to kiosks.
    anjungan_hub::register::set_verifiers(
        &pool,
        &[anjungan_wire::api::ExternalVerifier {
            host: "izin.lampungprov.go.id".into(),
            name: "Perizinan Provinsi Lampung".into(),
        }],
    )
    .await
    .expect("set");
    assert_eq!(
        look(&pool, "https://sicantik.go.id/verifikasi/ZZZ")
            .await
            .verdict,
        Verdict::TidakDikenal
    );
    assert_eq!(
        lists(&pool, None).await.verifiers[0].host,
        "izin.lampungprov.go.id"
    );
    assert!(anjungan_hub::register::set_verifiers(
        &pool,
        &[anjungan_wire::api::ExternalVerifier {
            host: "not a host".into(),
            name: "x".into(),
        }],
    )
    .await
    .is_err());
}

#[tokio::test]
async fn a_register_with_mistakes_is_refused_whole_with_every_line_named() {
    let dir = tempfile::tempdir().expect("dir");
    let pool = anjungan_hub::testing::open(dir.path()).await.expect("db");
    let bad = "number,type,holder,issued,valid_until,status,verification_url
503/1,SIUP,Toko A,2021-05-03,,berlaku,
503/2,SIUP,,03-05-2021,,hilang,ftp://x
503/1,SIUP,Toko B,2021-05-03,2020-13-01,berlaku,
";
    let err = anjungan_hub::register::import(&pool, bad)
        .await
        .expect_err("refused")
        .to_string();
    for expected in [
        "line 3, holder",
        "line 3, issued",
        "line 3, status",
        "line 3, verification_url",
        "line 4, number: appears twice",
        "line 4, valid_until",
    ] {
        assert!(err.contains(expected), "{expected}: {err}");
    }
    assert!(
        anjungan_hub::register::by_number(&pool, "503/1")
            .await
            .expect("read")
            .is_none(),
        "nothing imported"
    );
    let missing = anjungan_hub::register::import(&pool, "number,type\n1,x\n")
        .await
        .expect_err("refused")
        .to_string();
    assert!(
        missing.contains("missing column(s) holder, issued, valid_until, status"),
        "{missing}"
    );
}
