//! The SKM report (Pasal 19) as a PDF: cover, latar belakang, tujuan, metode, jadwal
//! pelaksanaan, analisis data (per-element table, chart, IKM, grade, respondent profile,
//! suggestions) and rencana tindak lanjut for the three lowest elements. Absolute layout on
//! A4 with an embedded Noto Sans (SIL OFL 1.1, `fonts/`), so it prints the same everywhere.

use crate::pdf::{
    id_num, FontError, Fonts, Writer, AMBER, BLACK, BLUE, GREY, GREY_TEXT, MARGIN, PAGE_H, TEXT_W,
};
use crate::questionnaire::short_name;
use crate::sample;
use anjungan_wire::ipc::{CountRow, Grade, SkmSummary};
use printpdf::{PdfDocument, PdfSaveOptions};
use time::OffsetDateTime;

#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    #[error(transparent)]
    Font(#[from] FontError),
}

/// Who the report is for.
#[derive(Debug, Clone)]
pub struct Office {
    pub name: String,
    pub city: String,
}

impl Default for Office {
    fn default() -> Self {
        Self {
            name: "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu".into(),
            city: "Kota Metro".into(),
        }
    }
}

fn grade_words(g: Grade) -> &'static str {
    match g {
        Grade::A => "A (Sangat Baik)",
        Grade::B => "B (Baik)",
        Grade::C => "C (Kurang Baik)",
        Grade::D => "D (Tidak Baik)",
    }
}

/// Decimal comma, as Indonesian documents write numbers.
fn period(s: &SkmSummary) -> String {
    match (&s.from, &s.to) {
        (Some(f), Some(t)) => format!("{f} s.d. {t}"),
        (Some(f), None) => format!("sejak {f}"),
        (None, Some(t)) => format!("sampai {t}"),
        (None, None) => "seluruh data".into(),
    }
}

/// What the office plans for a low element.
fn follow_up(code: &str) -> &'static str {
    match code {
        "U1" => "Meninjau ulang daftar persyaratan per jenis izin dan menyederhanakan yang tidak diperlukan; menampilkan persyaratan di anjungan dan laman resmi.",
        "U2" => "Memetakan ulang alur prosedur, mengurangi tahapan, dan memasang alur pelayanan yang mudah dipahami di ruang pelayanan.",
        "U3" => "Memantau waktu penyelesaian per izin terhadap standar pelayanan dan menindaklanjuti berkas yang melewati batas waktu.",
        "U4" => "Mengumumkan secara terbuka biaya/tarif yang sah (termasuk layanan gratis) dan menegaskan larangan pungutan di luar ketentuan.",
        "U5" => "Mencocokkan produk yang diterbitkan dengan standar pelayanan dan memperbaiki ketidaksesuaian yang dilaporkan.",
        "U6" => "Menyelenggarakan pelatihan teknis dan pemahaman regulasi bagi petugas pelayanan.",
        "U7" => "Menyelenggarakan pelatihan pelayanan prima (sopan santun dan keramahan) serta pemantauan oleh atasan langsung.",
        "U8" => "Mempercepat tanggapan pengaduan, mengumumkan kanal pengaduan, dan melaporkan tindak lanjutnya secara berkala.",
        "U9" => "Memperbaiki dan melengkapi sarana pelayanan (perangkat, anjungan, formulir).",
        "U10" => "Memperbaiki prasarana pelayanan (ruang tunggu, toilet, parkir, akses bagi penyandang disabilitas).",
        _ => "Memperbaiki sarana dan prasarana pelayanan (perangkat, ruang tunggu, toilet, parkir, akses bagi penyandang disabilitas).",
    }
}

fn profile_rows(rows: &[CountRow], total: u64) -> Vec<Vec<String>> {
    rows.iter()
        .map(|r| {
            let pct = if total > 0 {
                r.count as f64 * 100.0 / total as f64
            } else {
                0.0
            };
            let value = if r.value.is_empty() {
                "Tidak diisi".to_owned()
            } else {
                r.value.replace('_', " ").to_uppercase()
            };
            vec![value, r.count.to_string(), format!("{} %", id_num(pct, 1))]
        })
        .collect()
}

/// The report as PDF bytes. `now` dates the document (passed in, so tests can pin it).
pub fn render(
    summary: &SkmSummary,
    office: &Office,
    now: OffsetDateTime,
) -> Result<Vec<u8>, ReportError> {
    let mut doc = PdfDocument::new("Laporan Survei Kepuasan Masyarakat");
    let stamp = printpdf::DateTime::from_unix_timestamp(now.unix_timestamp())
        .unwrap_or_else(|_| printpdf::DateTime::epoch());
    doc.metadata.info.creation_date = stamp;
    doc.metadata.info.modification_date = stamp;
    doc.metadata.info.metadata_date = stamp;
    doc.metadata.info.author = format!("{} {}", office.name, office.city);
    doc.metadata.info.creator = "Anjungan".into();
    let mut w = Writer::new(Fonts::embed(&mut doc)?, "Laporan SKM");
    let today = now
        .format(time::macros::format_description!("[day]-[month]-[year]"))
        .unwrap_or_default();
    let ikm_text = summary.ikm.map_or("-".to_owned(), |v| id_num(v, 2));
    let grade_text = summary.grade.map_or("-", grade_words);

    // Cover.
    w.y = PAGE_H - 70.0;
    w.text_at("LAPORAN", 22.0, true, MARGIN, BLUE);
    w.y -= 11.0;
    w.text_at("SURVEI KEPUASAN MASYARAKAT (SKM)", 22.0, true, MARGIN, BLUE);
    w.y -= 14.0;
    w.para(&format!("{} {}", office.name, office.city), 14.0, false);
    w.para(&format!("Periode: {}", period(summary)), 12.0, false);
    w.y -= 20.0;
    w.rect(MARGIN, w.y - 38.0, TEXT_W, 40.0, (0.93, 0.95, 0.98));
    w.y -= 12.0;
    w.text_at(
        "Indeks Kepuasan Masyarakat (IKM)",
        12.0,
        false,
        MARGIN + 6.0,
        BLACK,
    );
    w.y -= 16.0;
    w.text_at(&ikm_text, 30.0, true, MARGIN + 6.0, BLUE);
    w.text_at(
        &format!("Mutu pelayanan: {grade_text}"),
        12.0,
        true,
        MARGIN + 60.0,
        BLACK,
    );
    w.y -= 8.0;
    w.text_at(
        &format!("{} responden", summary.respondents),
        11.0,
        false,
        MARGIN + 6.0,
        BLACK,
    );
    w.y = 40.0;
    w.text_at(
        &format!("Disusun {today} dengan aplikasi Anjungan"),
        10.0,
        false,
        MARGIN,
        GREY_TEXT,
    );
    w.new_page();

    w.heading("1. Latar Belakang");
    w.para("Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik mewajibkan penyelenggara pelayanan publik melakukan penilaian kinerja pelayanan secara berkala. Peraturan Menteri PANRB Nomor 14 Tahun 2017 menetapkan pedoman penyusunan Survei Kepuasan Masyarakat (SKM), dan Peraturan Wali Kota Metro Nomor 27 Tahun 2020 Pasal 11, 18 dan 19 mewajibkan survei kepuasan atas penyelenggaraan pelayanan perizinan dan nonperizinan, dengan unsur penilaian Pasal 18 huruf a sampai j.", 10.5, false);
    w.heading("2. Tujuan");
    w.para("Survei ini bertujuan mengetahui tingkat kepuasan masyarakat atas pelayanan, menemukan unsur pelayanan yang perlu diperbaiki, dan menjadi dasar rencana tindak lanjut serta evaluasi kinerja pelayanan.", 10.5, false);
    w.heading("3. Metode");
    w.para("Responden mengisi kuesioner elektronik (e-SKM) di anjungan pelayanan mandiri setelah menerima layanan; kuesioner kertas dari periode sebelumnya dapat dimasukkan. Setiap unsur dinilai dengan skala 1 sampai 4 (tidak baik, kurang baik, baik, sangat baik). Sarana (huruf i) dan prasarana (huruf j) ditanyakan terpisah dan untuk indeks resmi digabung menjadi satu unsur (rata-rata keduanya per responden), sehingga indeks terdiri atas 9 unsur.", 10.5, false);
    w.para("Nilai rata-rata (NRR) per unsur = jumlah nilai unsur / jumlah responden yang menjawab unsur itu. IKM = Σ (NRR × 1/9) × 25, dibulatkan dua desimal pada akhir perhitungan. Mutu pelayanan: A (Sangat Baik) 88,31–100,00; B (Baik) 76,61–88,30; C (Kurang Baik) 65,00–76,60; D (Tidak Baik) 25,00–64,99.", 10.5, false);
    let sample_text = match (summary.sample.population, summary.sample.required) {
        (Some(pop), Some(req)) => format!(
            "Ukuran sampel menurut Krejcie dan Morgan (χ² = 3,841; P = 0,5; d = 0,05) untuk {pop} penerima layanan adalah {req} responden. Responden yang terkumpul: {}, sehingga sampel {}.",
            summary.respondents,
            if summary.respondents >= req { "memadai" } else { "belum memadai" }
        ),
        _ => format!(
            "Jumlah penerima layanan pada periode ini tidak diisikan, sehingga kecukupan sampel (Krejcie dan Morgan) tidak dinilai. Sebagai acuan, untuk 1.000 penerima layanan dibutuhkan {} responden. Responden yang terkumpul: {}.",
            sample::required(1000),
            summary.respondents
        ),
    };
    w.para(&sample_text, 10.5, false);
    let part = |p: &anjungan_wire::ipc::PartScore| match p.ikm {
        Some(v) => format!("{} responden (IKM {})", p.respondents, id_num(v, 2)),
        None => format!("{} responden", p.respondents),
    };
    w.para(
        &format!(
            "Satu survei per layanan: responden dengan kode sekali pakai dari bukti pendaftaran {}; responden tanpa kode {}. Jawaban dengan kode yang sudah pernah dipakai disimpan tetapi tidak dihitung: {}.",
            part(&summary.linked),
            part(&summary.unlinked),
            summary.duplicates
        ),
        10.5,
        false,
    );
    w.heading("4. Jadwal Pelaksanaan");
    w.para(
        &format!(
            "Pengumpulan data: {}. Pengolahan data dan penyusunan laporan: {today}.",
            period(summary)
        ),
        10.5,
        false,
    );

    w.heading("5. Analisis Data");
    w.para("Tabel 1. Nilai per unsur pelayanan", 10.5, true);
    let mut rows: Vec<Vec<String>> = summary
        .elements
        .iter()
        .map(|e| {
            let low = if summary.lowest.contains(&e.code) {
                " (terendah)"
            } else {
                ""
            };
            vec![
                e.code.clone(),
                format!("{}{low}", short_name(&e.code)),
                e.answered.to_string(),
                e.nrr.map_or("-".into(), |v| id_num(v, 3)),
                e.nrr.map_or("-".into(), |v| id_num(v / 9.0, 3)),
            ]
        })
        .collect();
    rows.push(vec![
        String::new(),
        "IKM (Σ NRR tertimbang × 25)".into(),
        summary.respondents.to_string(),
        String::new(),
        ikm_text.clone(),
    ]);
    w.table(
        &[0.0, 18.0, 95.0, 120.0, 145.0],
        &["Unsur", "Uraian", "Menjawab", "NRR", "NRR × 1/9"],
        &rows,
    );
    let separate: Vec<Vec<String>> = summary
        .elements_separate
        .iter()
        .filter(|e| e.code == "U9" || e.code == "U10")
        .map(|e| {
            vec![
                e.code.clone(),
                short_name(&e.code).to_owned(),
                e.answered.to_string(),
                e.nrr.map_or("-".into(), |v| id_num(v, 3)),
            ]
        })
        .collect();
    w.para(
        "Sarana dan prasarana dilaporkan juga terpisah:",
        10.0,
        false,
    );
    w.table(
        &[0.0, 18.0, 95.0, 120.0],
        &["Unsur", "Uraian", "Menjawab", "NRR"],
        &separate,
    );

    // Bar chart of the 9 NRR values, scale 1–4.
    w.para("Grafik 1. NRR per unsur (skala 1–4)", 10.5, true);
    let chart_h = 60.0;
    w.ensure(chart_h + 20.0);
    let base = w.y - chart_h - 8.0;
    let bar_w = TEXT_W / 9.0;
    for tick in 1..=4 {
        let y = base + chart_h * (tick as f32 - 1.0) / 3.0;
        w.rect(MARGIN, y, TEXT_W, 0.2, GREY);
    }
    for (i, e) in summary.elements.iter().enumerate() {
        let v = e.nrr.unwrap_or(1.0).clamp(1.0, 4.0) as f32;
        let h = chart_h * (v - 1.0) / 3.0;
        let color = if summary.lowest.contains(&e.code) {
            AMBER
        } else {
            BLUE
        };
        let x = MARGIN + i as f32 * bar_w + 2.0;
        w.rect(x, base, bar_w - 4.0, h.max(0.4), color);
        let y = w.y;
        w.y = base + h + 1.5;
        w.text_at(
            &e.nrr.map_or("-".into(), |v| id_num(v, 2)),
            8.0,
            false,
            x,
            BLACK,
        );
        w.y = base - 4.5;
        w.text_at(&e.code, 8.0, true, x, BLACK);
        w.y = y;
    }
    w.y = base - 10.0;
    w.para(&format!("IKM periode ini {ikm_text}, mutu pelayanan {grade_text}. Batang berwarna jingga menandai tiga unsur dengan nilai terendah."), 10.5, false);

    w.para("Tabel 2. Profil responden", 10.5, true);
    for (title, rows) in [
        ("Jenis kelamin", &summary.profile.sex),
        ("Usia", &summary.profile.age_band),
        ("Pendidikan", &summary.profile.education),
        ("Pekerjaan", &summary.profile.occupation),
        ("Layanan yang diterima", &summary.profile.service),
    ] {
        w.table(
            &[0.0, 95.0, 130.0],
            &[title, "Jumlah", "Persentase"],
            &profile_rows(rows, summary.respondents),
        );
    }
    w.para("Saran yang diterima", 10.5, true);
    if summary.suggestions.is_empty() {
        w.para("Tidak ada saran tertulis pada periode ini.", 10.0, false);
    }
    for s in summary.suggestions.iter().take(20) {
        w.para(&format!("• {s}"), 10.0, false);
    }

    w.heading("6. Rencana Tindak Lanjut");
    w.para(
        "Tiga unsur dengan nilai terendah dan rencana perbaikannya:",
        10.5,
        false,
    );
    for code in &summary.lowest {
        let nrr = summary
            .elements
            .iter()
            .find(|e| &e.code == code)
            .and_then(|e| e.nrr);
        w.para(
            &format!(
                "{code} {} — NRR {}",
                short_name(code),
                nrr.map_or("-".into(), |v| id_num(v, 3))
            ),
            10.5,
            true,
        );
        w.para(
            &format!(
                "Rencana: {} Penanggung jawab: kepala bidang terkait. Waktu: triwulan berikutnya.",
                follow_up(code)
            ),
            10.0,
            false,
        );
    }

    let pages = w.finish();
    doc.with_pages(pages);
    Ok(doc.save(&PdfSaveOptions::default(), &mut Vec::new()))
}
