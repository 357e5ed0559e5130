//! The evaluation as the PDF the office sends to the Mayor: a cover with the year's key
//! figures, then one section per part of the evaluation, with tables and bar charts, in
//! Indonesian (an official document, like the SKM report whose page layout it shares).

use super::Evaluation;
use crate::error::HubError;
use anjungan_calendar::MONTHS;
use anjungan_skm::pdf::{id_num, Fonts, Writer, BLACK, BLUE, GREY_TEXT, MARGIN, PAGE_H, TEXT_W};
use anjungan_wire::complaint::ComplaintCategory;
use printpdf::{PdfDocument, PdfSaveOptions};

fn count(v: f64) -> String {
    format!("{v:.0}")
}

fn percent(part: u64, whole: u64) -> String {
    if whole == 0 {
        "-".into()
    } else {
        format!("{} %", id_num(part as f64 * 100.0 / whole as f64, 1))
    }
}

fn verdict_words(code: &str) -> String {
    match code {
        "ASLI" => "Asli".into(),
        "KEDALUWARSA" => "Kedaluwarsa".into(),
        "DICABUT" => "Dicabut".into(),
        "TIDAK_DIKENAL" => "Tidak dikenal".into(),
        "PERLU_ONLINE" => "Perlu pemeriksaan daring".into(),
        "BELUM_BISA_OFFLINE" => "Daftar belum diterima".into(),
        "DAFTAR_TERLALU_LAMA" => "Daftar terlalu lama".into(),
        "PERIKSA_DI_PENERBIT" => "Periksa di penerbit".into(),
        other => other.replace('_', " ").to_lowercase(),
    }
}

/// The kiosk's outage cause in words (the codes are the kiosk's `FailureCause`).
fn cause_words(code: &str) -> String {
    match code {
        "dns" => "nama server tidak ditemukan (DNS)".into(),
        "refused" => "server menolak sambungan".into(),
        "timeout" => "jaringan tidak menjawab".into(),
        "tls" => "sambungan aman gagal (TLS)".into(),
        "http_5xx" => "server hub bermasalah".into(),
        "throttled" => "hub sedang sibuk".into(),
        "other" => "lain-lain".into(),
        other => other.to_owned(),
    }
}

pub fn render(e: &Evaluation, office: &anjungan_skm::report::Office) -> Result<Vec<u8>, HubError> {
    let failed = |err: anjungan_skm::pdf::FontError| HubError::Internal(err.to_string());
    let mut doc = PdfDocument::new(&format!(
        "Laporan Evaluasi Penyelenggaraan Pelayanan {}",
        e.year
    ));
    doc.metadata.info.author = format!("{} {}", office.name, office.city);
    doc.metadata.info.creator = "Anjungan".into();
    let mut w = Writer::new(
        Fonts::embed(&mut doc).map_err(failed)?,
        &format!("Evaluasi {}", e.year),
    );
    let a = &e.applications;
    let finished = a.completed + a.rejected;

    // Cover.
    w.y = PAGE_H - 70.0;
    w.text_at("LAPORAN EVALUASI", 22.0, true, MARGIN, BLUE);
    w.y -= 11.0;
    w.text_at(
        &format!("PENYELENGGARAAN PELAYANAN TAHUN {}", e.year),
        18.0,
        true,
        MARGIN,
        BLUE,
    );
    w.y -= 12.0;
    w.para(&format!("{} {}", office.name, office.city), 13.0, false);
    w.para(
        "Disampaikan kepada Wali Kota Metro sesuai Peraturan Wali Kota Metro Nomor 27 Tahun 2020 Pasal 24.",
        11.0,
        false,
    );
    w.y -= 10.0;
    w.rect(MARGIN, w.y - 44.0, TEXT_W, 46.0, (0.93, 0.95, 0.98));
    let key = [
        ("Permohonan diterima", a.received.to_string()),
        ("Selesai tepat waktu", percent(a.within_sla, finished)),
        (
            "Indeks Kepuasan Masyarakat tahunan",
            e.ikm_year.ikm.map_or("-".into(), |v| id_num(v, 2)),
        ),
        ("Pengaduan diterima", e.complaints.received.to_string()),
        (
            "Cek keaslian izin",
            e.permit_checks.values().sum::<u64>().to_string(),
        ),
    ];
    for (label, value) in key {
        w.y -= 8.0;
        w.text_at(label, 11.0, false, MARGIN + 6.0, BLACK);
        w.text_at(&value, 11.0, true, MARGIN + 100.0, BLUE);
    }
    w.y = 40.0;
    w.text_at(
        &format!("Data per {}; disusun dengan aplikasi Anjungan", e.as_of),
        10.0,
        false,
        MARGIN,
        GREY_TEXT,
    );
    w.new_page();

    w.heading("1. Pemanfaatan layanan");
    w.para("Permohonan per bulan, semua layanan:", 10.5, true);
    let per_month: Vec<(String, f64)> = (0..12)
        .map(|m| {
            (
                MONTHS[m].to_owned(),
                e.services.iter().map(|s| s.by_month[m]).sum::<u64>() as f64,
            )
        })
        .collect();
    w.bars(&per_month, &count);
    w.para("Permohonan per layanan dan triwulan:", 10.5, true);
    let rows: Vec<Vec<String>> = e
        .services
        .iter()
        .map(|s| {
            let q = |i: usize| s.by_month[i * 3..i * 3 + 3].iter().sum::<u64>().to_string();
            let mut name: String = s.name.chars().take(48).collect();
            if name.len() < s.name.len() {
                name.push('…');
            }
            vec![name, q(0), q(1), q(2), q(3), s.total.to_string()]
        })
        .collect();
    w.table(
        &[0.0, 100.0, 114.0, 128.0, 142.0, 156.0],
        &["Layanan", "TW I", "TW II", "TW III", "TW IV", "Jumlah"],
        &rows,
    );
    w.para(
        "Pemanfaatan per anjungan (semua transaksi yang dikirim):",
        10.5,
        true,
    );
    let rows: Vec<Vec<String>> = e
        .kiosks
        .iter()
        .map(|k| {
            vec![
                k.kiosk.clone(),
                k.applications.to_string(),
                k.surveys.to_string(),
                k.permit_checks.to_string(),
                k.total.to_string(),
            ]
        })
        .collect();
    w.table(
        &[0.0, 60.0, 90.0, 115.0, 145.0],
        &["Anjungan", "Permohonan", "Survei", "Cek izin", "Jumlah"],
        &rows,
    );

    w.heading("2. Permohonan dan waktu penyelesaian");
    w.para(
        "Waktu penyelesaian dihitung dalam hari kerja sejak berkas lengkap, tanpa hari libur dan tanpa hari force majeure yang ditetapkan kantor (Pasal 29), sama seperti pada Cek Status.",
        10.0,
        false,
    );
    let rows = vec![
        vec![
            "Permohonan diterima".into(),
            a.received.to_string(),
            String::new(),
        ],
        vec![
            "Selesai (izin terbit)".into(),
            a.completed.to_string(),
            percent(a.completed, a.received),
        ],
        vec![
            "Ditolak".into(),
            a.rejected.to_string(),
            percent(a.rejected, a.received),
        ],
        vec![
            "Masih dalam proses".into(),
            a.open.to_string(),
            percent(a.open, a.received),
        ],
        vec![
            "Selesai dalam batas waktu".into(),
            a.within_sla.to_string(),
            percent(a.within_sla, finished),
        ],
        vec![
            "Selesai melewati batas waktu".into(),
            a.past_sla.to_string(),
            percent(a.past_sla, finished),
        ],
        vec![
            "Dalam proses, sudah melewati batas".into(),
            a.open_past_sla.to_string(),
            String::new(),
        ],
        vec![
            "Tanpa batas waktu (berkas belum lengkap)".into(),
            a.without_due_date.to_string(),
            String::new(),
        ],
        vec![
            "Hari kerja force majeure yang dikecualikan".into(),
            a.force_majeure_days_excluded.to_string(),
            String::new(),
        ],
    ];
    w.table(&[0.0, 110.0, 140.0], &["Uraian", "Jumlah", "Persen"], &rows);

    // The heading, the table and its note together.
    w.ensure(60.0);
    w.heading("3. Indeks Kepuasan Masyarakat per triwulan");
    let rows: Vec<Vec<String>> = e
        .ikm
        .iter()
        .chain(std::iter::once(&e.ikm_year))
        .map(|q| {
            vec![
                if q.quarter == 0 {
                    "Setahun".to_owned()
                } else {
                    format!("Triwulan {}", q.quarter)
                },
                q.respondents.to_string(),
                q.ikm.map_or("-".into(), |v| id_num(v, 2)),
                q.linked.ikm.map_or("-".into(), |v| id_num(v, 2)),
                format!("{} / {}", q.linked.respondents, q.unlinked.respondents),
            ]
        })
        .collect();
    w.table(
        &[0.0, 35.0, 65.0, 90.0, 125.0],
        &[
            "Periode",
            "Responden",
            "IKM",
            "IKM bernomor",
            "Bernomor / tidak",
        ],
        &rows,
    );
    w.para(
        "Responden bernomor mengisi survei dengan kode pada tanda terima permohonannya; yang lain mengisi tanpa kode.",
        9.5,
        false,
    );
    let bars: Vec<(String, f64)> = e
        .ikm
        .iter()
        .map(|q| (format!("Triwulan {}", q.quarter), q.ikm.unwrap_or(0.0)))
        .collect();
    w.bars(&bars, &|v| if v > 0.0 { id_num(v, 2) } else { "-".into() });

    w.heading("4. Pengaduan");
    if !e.complaints.categories_readable {
        w.para(
            "Kunci pengaduan kantor tidak tersedia saat laporan disusun: kategori tidak dapat dibaca dan semua pengaduan dihitung tanpa kategori.",
            10.0,
            false,
        );
    }
    let rows: Vec<Vec<String>> = e
        .complaints
        .by_category
        .iter()
        .map(|c| {
            vec![
                ComplaintCategory::from_code(&c.category).map_or_else(
                    || c.category.clone(),
                    |k| format!("{}. {}", k.code(), k.words()),
                ),
                c.received.to_string(),
                c.answered.to_string(),
                c.first_response_median_days
                    .map_or("-".into(), |d| d.to_string()),
                c.first_response_max_days
                    .map_or("-".into(), |d| d.to_string()),
            ]
        })
        .collect();
    w.table(
        &[0.0, 60.0, 85.0, 110.0, 140.0],
        &["Kategori", "Diterima", "Dijawab", "Median hari", "Terlama"],
        &rows,
    );
    w.para(
        "Hari: hari kerja dari pengaduan diterima sampai jawaban pertama.",
        9.5,
        false,
    );

    w.heading("5. Cek keaslian izin");
    let bars: Vec<(String, f64)> = e
        .permit_checks
        .iter()
        .map(|(v, n)| (verdict_words(v), *n as f64))
        .collect();
    if bars.is_empty() {
        w.para("Tidak ada pemeriksaan pada tahun ini.", 10.0, false);
    } else {
        w.bars(&bars, &count);
    }

    w.heading("6. Gangguan layanan anjungan");
    if e.outages.is_empty() {
        w.para("Tidak ada gangguan yang tercatat.", 10.0, false);
    } else {
        let rows: Vec<Vec<String>> = e
            .outages
            .iter()
            .map(|o| {
                vec![
                    o.kiosk.clone(),
                    cause_words(&o.cause),
                    o.outages.to_string(),
                    id_num(o.hours, 1),
                ]
            })
            .collect();
        w.table(
            &[0.0, 60.0, 120.0, 145.0],
            &["Anjungan", "Penyebab", "Kejadian", "Jam"],
            &rows,
        );
    }
    w.heading("7. Hari force majeure (Pasal 29)");
    if e.force_majeure.is_empty() {
        w.para(
            "Kantor tidak menetapkan hari force majeure pada tahun ini.",
            10.0,
            false,
        );
    } else {
        let rows: Vec<Vec<String>> = e
            .force_majeure
            .iter()
            .map(|d| {
                vec![
                    d.date.clone(),
                    d.cause.clone().unwrap_or_else(|| "-".into()),
                ]
            })
            .collect();
        w.table(&[0.0, 35.0], &["Tanggal", "Penyebab"], &rows);
    }
    let pages = w.finish();
    doc.with_pages(pages);
    Ok(doc.save(&PdfSaveOptions::default(), &mut Vec::new()))
}
