//! The receipt's content in order, independent of paper: both printers draw these blocks.

use crate::when;
use anjungan_wire::receipt::Receipt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// Centred, bold: the office and the slip's title.
    Title(String),
    /// Centred, small: under the title.
    Subtitle(String),
    /// The tracking number, large.
    Number(String),
    /// A label and its value.
    Field(&'static str, String),
    /// A heading for a list.
    Heading(String),
    /// One list entry.
    Item(String),
    /// Running text.
    Note(String),
    /// A QR code with a caption under it.
    Qr {
        text: String,
        caption: String,
    },
    Rule,
}

/// The tracking number grouped for reading aloud: `26 - 000 - 00101 - 2`.
pub fn spaced_number(n: &str) -> String {
    n.split('-').collect::<Vec<_>>().join(" - ")
}

/// The e-SKM code grouped as `4821-5530-97`.
pub fn grouped_code(code: &str) -> String {
    let c: Vec<char> = code.chars().collect();
    c.chunks(4)
        .map(|g| g.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join("-")
}

fn kind_word(kind: &str) -> String {
    match kind {
        "baru" => "Baru".into(),
        "perpanjangan" => "Perpanjangan".into(),
        "perubahan" => "Perubahan".into(),
        other => other.to_owned(),
    }
}

pub fn blocks(r: &Receipt) -> Vec<Block> {
    let mut b = vec![
        Block::Title("DPMPTSP KOTA METRO".into()),
        Block::Subtitle(r.office_name.clone()),
        Block::Rule,
        Block::Title("BUKTI PENDAFTARAN PERMOHONAN".into()),
        Block::Subtitle("Nomor pendaftaran".into()),
        Block::Number(spaced_number(&r.tracking_number)),
        Block::Rule,
        Block::Field("Layanan", r.service_name.clone()),
        Block::Field("Jenis", kind_word(&r.kind)),
    ];
    if !r.applicant_masked.is_empty() {
        b.push(Block::Field("Pemohon", r.applicant_masked.clone()));
    }
    b.push(Block::Field("Waktu", when::stamp(&r.issued_at)));
    b.push(Block::Heading("Berkas diterima:".into()));
    if r.documents_received.is_empty() {
        b.push(Block::Item("(belum ada)".into()));
    }
    b.extend(r.documents_received.iter().map(|d| Block::Item(d.clone())));
    if !r.documents_to_bring.is_empty() {
        b.push(Block::Heading("Berkas yang masih harus dibawa:".into()));
        b.extend(r.documents_to_bring.iter().map(|d| Block::Item(d.clone())));
    }
    b.push(Block::Rule);
    if let Some(sla) = r.sla_working_days {
        b.push(Block::Note(format!(
            "Selesai dalam {sla} hari kerja sejak berkas dinyatakan lengkap."
        )));
        if let Some(due) = &r.estimated_due {
            b.push(Block::Field("Perkiraan", when::long_ymd(due)));
        }
    }
    b.push(Block::Qr {
        text: r.status_url.clone(),
        caption: "Cek status: pindai QR ini atau ketik nomor di anjungan".into(),
    });
    b.push(Block::Rule);
    b.push(Block::Title("Survei Kepuasan (e-SKM)".into()));
    b.push(Block::Qr {
        text: r.skm_qr.clone(),
        caption: format!(
            "Kode sekali pakai: {}. Pindai di menu Survei Kepuasan.",
            grouped_code(&r.skm_code)
        ),
    });
    b.push(Block::Rule);
    b.push(Block::Subtitle(format!("Anjungan: {}", r.kiosk_name)));
    b.push(Block::Subtitle(
        "Simpan bukti ini sampai izin Anda terbit.".into(),
    ));
    b
}
