//! The SKM report as a reader sees it: rendered with poppler (`pdftoppm`) and read back as
//! text (`pdftotext`), it must carry the computed IKM, the grade and every section.

use anjungan_skm::ikm::Tally;
use anjungan_skm::report::{render, Office};
use anjungan_skm::summary::{summarize, Aggregates};
use anjungan_wire::ipc::{CountRow, ProfileTables};
use std::process::Command;
use time::macros::datetime;

fn sample_summary() -> anjungan_wire::ipc::SkmSummary {
    let mut tally = Tally::default();
    let rows: [[Option<u8>; 10]; 4] = [
        [
            Some(4),
            Some(3),
            Some(3),
            Some(4),
            Some(3),
            Some(4),
            Some(4),
            Some(2),
            Some(3),
            Some(4),
        ],
        [
            Some(3),
            Some(3),
            Some(2),
            Some(4),
            Some(3),
            Some(3),
            Some(4),
            Some(2),
            Some(2),
            None,
        ],
        [
            Some(4),
            Some(4),
            Some(3),
            Some(4),
            Some(4),
            Some(4),
            Some(4),
            Some(3),
            Some(3),
            Some(3),
        ],
        [
            Some(3),
            Some(2),
            Some(2),
            Some(4),
            Some(3),
            Some(3),
            Some(3),
            Some(2),
            Some(3),
            Some(2),
        ],
    ];
    for r in &rows {
        tally.add(r);
    }
    let agg = Aggregates {
        linked: tally,
        unlinked: Default::default(),
        duplicates: 1,
        tally,
        monthly: vec![("2026-11".into(), tally)],
        profile: ProfileTables {
            sex: vec![
                CountRow {
                    value: "perempuan".into(),
                    count: 3,
                },
                CountRow {
                    value: "laki_laki".into(),
                    count: 1,
                },
            ],
            education: vec![CountRow {
                value: "s1".into(),
                count: 4,
            }],
            ..ProfileTables::default()
        },
        suggestions: vec!["Ruang tunggu mohon ditambah kipas angin.".into()],
    };
    summarize(
        Some("2026-11-01".into()),
        Some("2026-11-30".into()),
        Some(10),
        agg,
    )
}

fn poppler(tool: &str, args: &[&str]) -> std::process::Output {
    Command::new(tool)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{tool} (poppler-utils) is needed: {e}"))
}

#[test]
fn the_report_prints_the_computed_ikm_grade_and_sections() {
    let summary = sample_summary();
    let ikm = summary.ikm.expect("ikm");
    let bytes = render(
        &summary,
        &Office::default(),
        datetime!(2026-11-29 09:00 UTC),
    )
    .expect("render");
    assert!(bytes.starts_with(b"%PDF-"));
    let dir = tempfile::tempdir().expect("dir");
    let pdf = dir.path().join("skm.pdf");
    std::fs::write(&pdf, &bytes).expect("write");

    let out = poppler("pdftotext", &["-layout", pdf.to_str().expect("utf8"), "-"]);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    let ikm_id = format!("{ikm:.2}").replace('.', ",");
    assert!(text.contains(&ikm_id), "IKM {ikm_id} missing from:\n{text}");
    assert!(
        text.contains("Mutu pelayanan: B (Baik)")
            || text.contains("Mutu pelayanan: C (Kurang Baik)"),
        "{text}"
    );
    for section in [
        "1. Latar Belakang",
        "2. Tujuan",
        "3. Metode",
        "4. Jadwal Pelaksanaan",
        "5. Analisis Data",
        "6. Rencana Tindak Lanjut",
        "Krejcie",
        "Ruang tunggu mohon ditambah",
    ] {
        assert!(text.contains(section), "{section} missing");
    }
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for linked in [
        "dengan kode sekali pakai dari bukti pendaftaran 4 responden",
        "tidak dihitung: 1",
    ] {
        assert!(
            flat.contains(linked),
            "{linked} missing from the method section"
        );
    }
    for low in &summary.lowest {
        assert!(
            text.contains(&format!("{low} ")),
            "lowest element {low} has no follow-up"
        );
    }

    let png = dir.path().join("page");
    let out = poppler(
        "pdftoppm",
        &[
            "-png",
            "-r",
            "60",
            "-f",
            "1",
            "-l",
            "3",
            pdf.to_str().expect("utf8"),
            png.to_str().expect("utf8"),
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let rendered = std::fs::read_dir(dir.path())
        .expect("dir")
        .filter(|e| {
            e.as_ref()
                .is_ok_and(|e| e.path().extension().is_some_and(|x| x == "png"))
        })
        .count();
    assert!(rendered >= 3, "pages render");
    if let Some(keep) = std::env::var_os("ANJUNGAN_KEEP_REPORT") {
        std::fs::copy(&pdf, keep).expect("keep");
    }
}

#[test]
fn an_empty_period_still_makes_a_readable_report() {
    let summary = summarize(None, None, None, Aggregates::default());
    let bytes = render(
        &summary,
        &Office::default(),
        datetime!(2026-11-29 09:00 UTC),
    )
    .expect("render");
    assert!(bytes.starts_with(b"%PDF-"));
}
