//! `/t/{tracking_number}`: what a phone shows after scanning a receipt's QR — the same
//! status, timeline and due date as the kiosk's Cek Status, and no personal data.

use anjungan_wire::api::ApplicationStatusBody;
use anjungan_wire::ipc::ApplicationStatus;
use askama::Template;

#[derive(Template)]
#[template(path = "status.html")]
struct Page<'a> {
    b: &'a ApplicationStatusBody,
    now: &'static str,
    due: Option<String>,
    late: String,
    steps: Vec<(&'static str, String, Option<String>)>,
}

/// A status in the words the kiosk uses.
pub fn words(status: ApplicationStatus) -> &'static str {
    match status {
        ApplicationStatus::BelumTerkirim => "Belum terkirim ke kantor",
        ApplicationStatus::Diterima => "Diterima, menunggu pemeriksaan berkas",
        ApplicationStatus::VerifikasiBerkas => "Berkas sedang diperiksa",
        ApplicationStatus::PerluPerbaikan => "Perlu perbaikan: bawa berkas yang diminta ke loket",
        ApplicationStatus::Diproses => "Sedang diproses",
        ApplicationStatus::Selesai => "Selesai: izin dapat diambil di loket atau diunduh",
        ApplicationStatus::Ditolak => "Ditolak: alasannya disampaikan petugas di loket",
    }
}

#[derive(Template)]
#[template(path = "status_hidden.html")]
struct Hidden;

/// What the page says for a number it does not show: one page, whether the number is
/// unknown, a complaint's, or the key is wrong.
pub fn hidden() -> Option<String> {
    Hidden.render().ok()
}

pub fn render(b: &ApplicationStatusBody) -> Option<String> {
    let page = Page {
        b,
        now: words(b.status),
        due: b.due_date.clone(),
        late: format!(
            "terlambat {} hari kerja",
            b.working_days_left.unwrap_or(0).unsigned_abs()
        ),
        steps: b
            .history
            .iter()
            .map(|h| {
                (
                    words(h.status),
                    h.at.chars().take(10).collect(),
                    h.note.clone(),
                )
            })
            .collect(),
    };
    page.render().ok()
}
