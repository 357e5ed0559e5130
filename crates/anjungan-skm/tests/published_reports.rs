//! Published SKM figures of Indonesian offices, re-computed from their per-element values.
//! Each case cites where its numbers were printed. In all of them the printed IKM is the
//! exact-1/9 value; a literal 0.111 weight would miss (87.19 for Bantul, 99.90 for Tubaba).

use anjungan_skm::ikm::{grade, ikm, Tally};
use anjungan_wire::ipc::Grade;

/// A tally whose 9 official elements have these (sum, answered) pairs; the ninth, sarana dan
/// prasarana, is given as U9 and U10 with the same values so the merge keeps it unchanged.
fn tally(parts: [(u64, u64); 9]) -> Tally {
    let mut t = Tally::default();
    for (i, (s, n)) in parts.iter().take(8).enumerate() {
        t.sum[i] = *s;
        t.answered[i] = *n;
    }
    let (s, n) = parts[8];
    t.sum[8] = s;
    t.answered[8] = n;
    t.sum[9] = s;
    t.answered[9] = n;
    t.merged_sum_x2 = 2 * s;
    t.merged_answered = n;
    t.respondents = parts.iter().map(|p| p.1).max().unwrap_or(0);
    t
}

#[test]
fn dinas_pertanahan_dan_tata_ruang_kabupaten_bantul_2023() {
    // skm.bantulkab.go.id/skpd-45c48cce2e2d7fbdea1afc51c7c6ad26, "Nilai IKM Dinas Pertanahan
    // dan Tata Ruang 2023": NRR per element printed to 2 decimals (Persyaratan 3.31,
    // Prosedur 3.35, Waktu 3.49, Biaya 3.93, Produk 3.45, Kompetensi 3.39, Perilaku 3.39,
    // Penanganan pengaduan 3.76, Sarana dan prasarana 3.35); printed IKM 87.28.
    // The NRRs are entered as hundredths over 100, i.e. exactly the printed values.
    let t = tally([
        (331, 100),
        (335, 100),
        (349, 100),
        (393, 100),
        (345, 100),
        (339, 100),
        (339, 100),
        (376, 100),
        (335, 100),
    ]);
    let i = ikm(&t).expect("ikm");
    assert_eq!((i.hundredths, i.grade), (8728, Grade::B));
}

#[test]
fn disdukcapil_kabupaten_tulang_bawang_barat_2023_semester_1() {
    // e-smile.tubaba.go.id/main/skm/laporan/online, "Pengolahan data survei kepuasan
    // masyarakat per responden dan per unsur pelayanan tahun 2023 semester 1": one respondent,
    // Σ nilai per unsur 4 for U1–U9; printed "IKM unit pelayanan 100 (Sangat Baik)".
    let t = tally([(4, 1); 9]);
    let i = ikm(&t).expect("ikm");
    assert_eq!((i.hundredths, i.grade), (10000, Grade::A));
}

#[test]
fn gaspul_skm_application_worked_example_triwulan_iii() {
    // github.com/rennn9/GASPUL_BACKEND, rumus_perhitungan_ikm_lengkap.md (commit 157a1a61),
    // "Tabel perhitungan lengkap triwulan III": 29 respondents, total nilai per unsur
    // 105, 101, 100, 116, 102, 105, 106, 105, 115; printed IKM 91.48, Sangat Baik.
    // (An office application's documentation, not an office report.)
    let t = tally([
        (105, 29),
        (101, 29),
        (100, 29),
        (116, 29),
        (102, 29),
        (105, 29),
        (106, 29),
        (105, 29),
        (115, 29),
    ]);
    let i = ikm(&t).expect("ikm");
    assert_eq!((i.hundredths, i.grade), (9148, Grade::A));
}

#[test]
fn bantul_per_service_grades() {
    // Same Bantul page, per-service results with their printed grades.
    assert_eq!(grade(7556), Grade::C, "Layanan Informasi 75.56 Kurang Baik");
    assert_eq!(grade(8629), Grade::B, "Layanan Konsultasi 86.29 Baik");
    assert_eq!(
        grade(9461),
        Grade::A,
        "Layanan Rekomendasi Tata Ruang 94.61 Sangat Baik"
    );
}
