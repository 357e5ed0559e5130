//! `/s/{service_code}`: a service's information for the citizen's phone ("Simpan ke HP"),
//! the same content as the kiosk screen. Static HTML from a template, no script, and a CSP
//! that forbids everything but its own inline style.

use anjungan_wire::catalogue::{Catalogue, Channel, Service};
use askama::Template;

#[derive(Template)]
#[template(path = "service.html")]
struct Page<'a> {
    s: &'a Service,
    time: String,
    channel: &'static str,
    mandatory: Vec<&'a anjungan_wire::catalogue::Requirement>,
    conditional: Vec<&'a anjungan_wire::catalogue::Requirement>,
    updated_on: &'a str,
    version: u32,
}

/// Working days in words: SLA 0 is done on the spot, never "0 hari kerja".
pub fn time_words(sla: u32) -> String {
    if sla == 0 {
        "Selesai di tempat".to_owned()
    } else {
        format!("{sla} hari kerja sejak berkas dinyatakan lengkap")
    }
}

pub fn render(catalogue: &Catalogue, code: &str) -> Option<String> {
    let s = catalogue.service(code)?;
    let (mandatory, conditional) = s.requirements.iter().partition(|r| r.mandatory);
    let page = Page {
        s,
        time: time_words(s.sla_working_days),
        channel: match s.channel {
            Channel::Sicantik => "Diajukan di DPMPTSP Kota Metro (anjungan atau loket)",
            Channel::Oss => "Diajukan melalui OSS (oss.go.id)",
            Channel::Simbg => "Diajukan melalui SIMBG (simbg.pu.go.id)",
        },
        mandatory,
        conditional,
        updated_on: &catalogue.updated_on,
        version: catalogue.version,
    };
    page.render().ok()
}

/// The page's Content-Security-Policy: no script, no connections, no frames.
pub const CSP: &str = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
