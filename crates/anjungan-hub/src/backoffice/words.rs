//! The back office's words: Indonesian first, English second (the `office_lang=en` cookie).
//! Every text a page shows comes from [`WORDS`].

/// `(key, Indonesian, English)`.
const WORDS: &[(&str, &str, &str)] = &[
    (
        "app",
        "Back Office DPMPTSP Kota Metro",
        "DPMPTSP Kota Metro back office",
    ),
    ("nav", "Menu", "Menu"),
    ("lang.other", "English", "Bahasa Indonesia"),
    ("lang.other.code", "en", "id"),
    ("nav.applications", "Permohonan", "Applications"),
    ("nav.audit", "Log audit", "Audit log"),
    ("nav.staff", "Petugas", "Officers"),
    ("logout", "Keluar", "Sign out"),
    ("login.title", "Masuk petugas", "Officer sign-in"),
    ("login.name", "Nama akun", "Account name"),
    ("login.password", "Kata sandi", "Password"),
    (
        "login.code",
        "Kode autentikator (6 angka, bila ada)",
        "Authenticator code (6 digits, if any)",
    ),
    ("login.submit", "Masuk", "Sign in"),
    (
        "login.wrong",
        "Nama akun, kata sandi atau kode salah.",
        "Account name, password or code is wrong.",
    ),
    (
        "login.code_needed",
        "Masukkan kode dari aplikasi autentikator.",
        "Enter the code from the authenticator app.",
    ),
    (
        "login.locked",
        "Terlalu banyak percobaan dari komputer ini. Coba lagi 15 menit lagi.",
        "Too many attempts from this computer. Try again in 15 minutes.",
    ),
    (
        "login.expired",
        "Sesi berakhir. Silakan masuk lagi.",
        "The session ended. Please sign in again.",
    ),
    ("inbox.title", "Permohonan masuk", "Applications"),
    ("inbox.all", "Semua", "All"),
    (
        "inbox.search",
        "Cari nomor, nama atau no. registrasi",
        "Find a number, name or registration number",
    ),
    ("inbox.find", "Cari", "Find"),
    (
        "inbox.caption",
        "Yang terlambat di atas, lalu menurut tenggat dan tanggal masuk.",
        "Late ones first, then by due date and date received.",
    ),
    ("inbox.empty", "Tidak ada permohonan.", "No applications."),
    ("col.number", "Nomor", "Number"),
    ("col.service", "Layanan", "Service"),
    ("col.status", "Status", "Status"),
    ("col.submitted", "Masuk", "Received"),
    ("col.due", "Tenggat", "Due"),
    ("col.reference", "No. registrasi", "Registration no."),
    ("late", "TERLAMBAT", "LATE"),
    ("days_left", "hari kerja lagi", "working days left"),
    ("col.kiosk", "Anjungan", "Kiosk"),
    ("prev", "‹ Sebelumnya", "‹ Previous"),
    ("next", "Berikutnya ›", "Next ›"),
    ("app.applicant", "Pemohon", "Applicant"),
    ("app.documents", "Berkas persyaratan", "Documents"),
    ("app.open", "Buka berkas", "Open the document"),
    ("app.nodocs", "Tidak ada berkas.", "No documents."),
    (
        "app.reference",
        "Nomor registrasi kantor",
        "The office's registration number",
    ),
    (
        "app.reference.label",
        "Nomor pendaftaran SiCantik atau OSS",
        "SiCantik or OSS registration number",
    ),
    ("app.actions", "Tindakan", "Actions"),
    ("app.action", "Ubah status menjadi", "Change the status to"),
    (
        "app.missing",
        "Persyaratan yang kurang atau tidak sesuai (untuk perbaikan)",
        "Missing or unacceptable requirements (for corrections)",
    ),
    (
        "app.step",
        "Tahap proses (untuk diproses)",
        "Processing step (for in progress)",
    ),
    ("app.note", "Catatan atau alasan", "Note or reason"),
    ("app.apply", "Simpan tindakan", "Save the action"),
    ("app.history", "Riwayat", "History"),
    ("app.permit", "Izin terbit:", "Permit issued:"),
    (
        "app.permit.download",
        "Unduh PDF izin",
        "Download the permit (PDF)",
    ),
    (
        "app.permit_number",
        "Nomor izin (untuk selesai: izin diterbitkan)",
        "Permit number (for done: the permit is issued)",
    ),
    (
        "app.valid_until",
        "Berlaku sampai (bila ada)",
        "Valid until (if any)",
    ),
    ("save", "Simpan", "Save"),
    ("audit.title", "Log audit", "Audit log"),
    ("audit.at", "Waktu", "When"),
    ("audit.who", "Petugas", "Officer"),
    ("audit.from", "Dari", "From"),
    ("audit.action", "Tindakan", "Action"),
    ("audit.subject", "Objek", "Subject"),
    (
        "audit.intact",
        "Rantai hash utuh",
        "The hash chain is intact",
    ),
    (
        "audit.broken",
        "RANTAI HASH RUSAK pada entri",
        "HASH CHAIN BROKEN at entry",
    ),
    ("staff.title", "Petugas", "Officers"),
    ("staff.role", "Peran", "Role"),
    ("staff.state", "Keadaan", "State"),
    ("staff.active", "aktif", "active"),
    ("staff.disabled", "nonaktif", "disabled"),
    ("staff.add", "Tambah petugas", "Add an officer"),
    (
        "staff.totp",
        "Wajib kode autentikator",
        "Requires an authenticator code",
    ),
    ("staff.added", "Akun dibuat.", "Account made."),
    ("field.personal", "Data pribadi", "Personal data"),
    (
        "field.purged",
        "sudah dihapus (masa simpan berakhir)",
        "removed (its retention period ended)",
    ),
    ("field.nik", "NIK", "NIK"),
    ("field.name", "Nama", "Name"),
    ("field.sex", "Jenis kelamin", "Sex"),
    (
        "field.birth",
        "Tempat, tanggal lahir",
        "Place and date of birth",
    ),
    ("field.address", "Alamat", "Address"),
    ("field.kelurahan", "Kelurahan", "Kelurahan"),
    ("field.phone", "Telepon", "Phone"),
    ("field.email", "E-mail", "E-mail"),
    ("field.company", "Badan usaha", "Company"),
    ("field.nib", "NIB", "NIB"),
    ("field.npwp", "NPWP", "NPWP"),
    ("field.service", "Isian layanan", "Service field"),
    (
        "error.title",
        "Tidak dapat dilanjutkan",
        "This cannot go on",
    ),
    (
        "error.back",
        "Kembali ke halaman awal",
        "Back to the start page",
    ),
    ("status.belum_terkirim", "Belum terkirim", "Not sent yet"),
    ("status.diterima", "Diterima", "Received"),
    (
        "status.verifikasi_berkas",
        "Pemeriksaan berkas",
        "Checking documents",
    ),
    (
        "status.perlu_perbaikan",
        "Perlu perbaikan",
        "Needs corrections",
    ),
    ("status.diproses", "Diproses", "In progress"),
    ("status.selesai", "Selesai", "Done"),
    ("status.ditolak", "Ditolak", "Refused"),
    (
        "forbidden",
        "Peran Anda tidak mengizinkan tindakan ini.",
        "Your role does not allow this.",
    ),
    (
        "csrf",
        "Formulir kedaluwarsa. Muat ulang halaman dan coba lagi.",
        "The form expired. Reload the page and try again.",
    ),
];

/// The key of a status's words for officers (shorter than what the citizen reads).
pub fn status_key(s: anjungan_wire::ipc::ApplicationStatus) -> &'static str {
    use anjungan_wire::ipc::ApplicationStatus as S;
    match s {
        S::BelumTerkirim => "status.belum_terkirim",
        S::Diterima => "status.diterima",
        S::VerifikasiBerkas => "status.verifikasi_berkas",
        S::PerluPerbaikan => "status.perlu_perbaikan",
        S::Diproses => "status.diproses",
        S::Selesai => "status.selesai",
        S::Ditolak => "status.ditolak",
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Words {
    pub lang: &'static str,
}

impl Words {
    pub const ID: Words = Words { lang: "id" };
    pub const EN: Words = Words { lang: "en" };

    /// The word for `key`; the key itself where it is missing (a test catches that).
    pub fn t(&self, key: &str) -> &'static str {
        WORDS
            .iter()
            .find(|(k, _, _)| *k == key)
            .map_or("?", |(_, id, en)| if self.lang == "en" { en } else { id })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_is_unique_and_said_in_both_languages() {
        let mut keys: Vec<&str> = WORDS.iter().map(|w| w.0).collect();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), WORDS.len());
        assert!(WORDS
            .iter()
            .all(|(_, id, en)| !id.is_empty() && !en.is_empty()));
    }

    #[test]
    fn every_status_has_words() {
        for s in anjungan_wire::ipc::ApplicationStatus::ALL {
            assert_ne!(Words::EN.t(status_key(s)), "?", "{s:?}");
        }
    }

    #[test]
    fn every_key_a_template_uses_is_here() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/templates/office");
        for file in std::fs::read_dir(dir).expect("templates") {
            let text = std::fs::read_to_string(file.expect("file").path()).expect("read");
            for part in text.split("w.t(\"").skip(1) {
                let key = part.split('"').next().unwrap_or_default();
                assert_ne!(Words::ID.t(key), "?", "{key} has no words");
            }
        }
    }
}
