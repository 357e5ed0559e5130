//! One application against its service: every problem at once, each naming its field, so
//! the screen can mark them all and the CLI can print them one per line.

use crate::{contact, nik, regions};
use anjungan_wire::application::{ApplicantType, ApplicationDraft, ApplicationKind, Problem};
use anjungan_wire::catalogue::{Channel, FieldKind, Service};
use time::Date;

/// Longest free text an applicant types (names, addresses, field answers).
pub const MAX_TEXT: usize = 200;

/// What the validator needs to know about a document already in the kiosk's inbox.
pub trait Documents {
    /// `pdf`, `jpeg` or `png` for a document held by its SHA-256, else `None`.
    fn kind(&self, sha256: &str) -> Option<String>;
}

impl<F: Fn(&str) -> Option<String>> Documents for F {
    fn kind(&self, sha256: &str) -> Option<String> {
        self(sha256)
    }
}

struct Out(Vec<Problem>);

impl Out {
    fn push(&mut self, field: impl Into<String>, code: &str, message: impl Into<String>) {
        self.0.push(Problem {
            field: field.into(),
            code: code.to_owned(),
            message: message.into(),
        });
    }

    /// A required text: present, not too long, no control characters.
    fn text(&mut self, field: &str, value: &str, max: usize) -> bool {
        let v = value.trim();
        if v.is_empty() {
            self.push(field, "required", format!("{field} is required"));
            false
        } else if v.chars().count() > max {
            self.push(
                field,
                "too_long",
                format!("{field} is longer than {max} characters"),
            );
            false
        } else if v.chars().any(char::is_control) {
            self.push(
                field,
                "control_chars",
                format!("{field} holds control characters"),
            );
            false
        } else {
            true
        }
    }
}

fn iso_date(s: &str) -> Option<Date> {
    Date::parse(s, time::macros::format_description!("[year]-[month]-[day]")).ok()
}

/// Whether a conditional requirement is needed, given the applicant's answers.
pub fn needed(service: &Service, code: &str, draft: &ApplicationDraft) -> bool {
    service.requirements.iter().any(|r| {
        r.code == code
            && (r.mandatory
                || (r.condition.is_some() && draft.conditions.get(code).copied() == Some(true)))
    })
}

/// Every problem with `draft`, empty when it can be submitted. `service` is the catalogue
/// entry named by `draft.service` (`None` when the catalogue has no such service).
pub fn validate(
    draft: &ApplicationDraft,
    service: Option<&Service>,
    documents: &dyn Documents,
    today: Date,
) -> Vec<Problem> {
    let mut out = Out(Vec::new());
    let Some(service) = service else {
        out.push(
            "service",
            "service_unknown",
            format!("no service {:?} in the catalogue", draft.service),
        );
        return out.0;
    };
    if service.channel != Channel::Sicantik {
        out.push(
            "service",
            "service_portal",
            "this service is applied for on its national portal (OSS or SIMBG), not here",
        );
        return out.0;
    }
    if draft.kind != ApplicationKind::Baru {
        out.text(
            "previous_permit",
            draft.previous_permit.as_deref().unwrap_or(""),
            60,
        );
    }
    applicant(&mut out, draft, today);
    if draft.applicant_type == ApplicantType::Perusahaan {
        let c = draft.company.clone().unwrap_or_default();
        out.text("company.name", &c.name, MAX_TEXT);
        if !contact::nib(c.nib.trim()) {
            out.push("company.nib", "nib", "a NIB has 13 digits");
        }
        if !contact::npwp(c.npwp.trim()) {
            out.push("company.npwp", "npwp", "an NPWP has 15 or 16 digits");
        }
    }
    fields(&mut out, draft, service);
    requirements(&mut out, draft, service, documents);
    if !draft.consent {
        out.push(
            "consent",
            "consent",
            "the applicant has not agreed to the use of their data",
        );
    }
    out.0
}

fn applicant(out: &mut Out, draft: &ApplicationDraft, today: Date) {
    let a = &draft.applicant;
    out.text("applicant.name", &a.name, 100);
    let sex = match a.sex.as_str() {
        "L" | "P" => Some(a.sex.as_str()),
        _ => {
            out.push("applicant.sex", "required", "sex is L or P");
            None
        }
    };
    out.text("applicant.birth_place", &a.birth_place, 60);
    let birth = match iso_date(&a.birth_date) {
        Some(d) if d > today => {
            out.push(
                "applicant.birth_date",
                "birth_date_future",
                "the birth date is in the future",
            );
            None
        }
        Some(d) => Some(d),
        None => {
            out.push(
                "applicant.birth_date",
                "date",
                "the birth date is YYYY-MM-DD",
            );
            None
        }
    };
    if let Err(e) = nik::check(a.nik.trim(), birth, sex) {
        out.push("applicant.nik", e.code(), e.to_string());
    }
    out.text("applicant.address", &a.address, MAX_TEXT);
    if !a.kelurahan_code.is_empty()
        && !regions::metro_kelurahan()
            .iter()
            .any(|k| k.code == a.kelurahan_code)
    {
        out.push(
            "applicant.kelurahan_code",
            "kelurahan",
            "not a kelurahan of Kota Metro",
        );
    }
    if contact::phone(&a.phone).is_none() {
        out.push(
            "applicant.phone",
            "phone",
            "a phone number starts with 08 or +62 and has 10 to 13 digits",
        );
    }
    if !a.email.trim().is_empty() && !contact::email(a.email.trim()) {
        out.push(
            "applicant.email",
            "email",
            "an e-mail address looks like nama@contoh.id",
        );
    }
}

fn fields(out: &mut Out, draft: &ApplicationDraft, service: &Service) {
    for key in draft.fields.keys() {
        if !service.fields.iter().any(|f| &f.code == key) {
            out.push(
                format!("fields.{key}"),
                "field_unknown",
                "the service has no such field",
            );
        }
    }
    for f in &service.fields {
        let name = format!("fields.{}", f.code);
        let value = draft.fields.get(&f.code).map(|v| v.trim()).unwrap_or("");
        if value.is_empty() {
            if f.required {
                out.push(&name, "required", format!("{} is required", f.label));
            }
            continue;
        }
        match f.kind {
            FieldKind::Text => {
                out.text(&name, value, f.max_length.map_or(MAX_TEXT, |m| m as usize));
            }
            FieldKind::Number => match value.replace(',', ".").parse::<f64>() {
                Ok(n) if n.is_finite() => {
                    if f.min.is_some_and(|m| n < m) || f.max.is_some_and(|m| n > m) {
                        out.push(&name, "field_range", format!("{} is out of range", f.label));
                    }
                }
                _ => out.push(&name, "field_number", format!("{} is a number", f.label)),
            },
            FieldKind::Date => {
                if iso_date(value).is_none() {
                    out.push(&name, "date", format!("{} is a date, YYYY-MM-DD", f.label));
                }
            }
            FieldKind::Choice => {
                if !f.options.iter().any(|o| o == value) {
                    out.push(
                        &name,
                        "field_choice",
                        format!("{} must be one of the options", f.label),
                    );
                }
            }
        }
    }
}

fn requirements(out: &mut Out, draft: &ApplicationDraft, service: &Service, docs: &dyn Documents) {
    for code in draft.documents.keys() {
        if !service.requirements.iter().any(|r| &r.code == code) {
            out.push(
                format!("documents.{code}"),
                "document_unknown_requirement",
                "the service has no such requirement",
            );
        }
    }
    for r in &service.requirements {
        if r.condition.is_some() && !r.mandatory && !draft.conditions.contains_key(&r.code) {
            out.push(
                format!("conditions.{}", r.code),
                "condition_unanswered",
                format!(
                    "answer whether this applies: {}",
                    r.condition.as_deref().unwrap_or_default()
                ),
            );
        }
        let field = format!("documents.{}", r.code);
        match draft.documents.get(&r.code) {
            None if needed(service, &r.code, draft) => {
                out.push(
                    field,
                    "document_missing",
                    format!("document missing: {}", r.name),
                );
            }
            None => {}
            Some(sha) => match docs.kind(sha) {
                None => out.push(
                    field,
                    "document_unknown",
                    "the document is not in the kiosk's inbox",
                ),
                Some(kind) => {
                    let format = if kind == "jpeg" { "jpg" } else { kind.as_str() };
                    if !r.formats.iter().any(|f| f == format) {
                        out.push(
                            field,
                            "document_format",
                            format!("{} takes {}", r.name, r.formats.join(", ")),
                        );
                    }
                }
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use anjungan_wire::application::{Applicant, Company};
    use anjungan_wire::catalogue::{FormField, Requirement, ServiceKind};
    use std::collections::BTreeMap;
    use time::macros::date;

    fn service() -> Service {
        let req =
            |code: &str, mandatory: bool, condition: Option<&str>, formats: &[&str]| Requirement {
                code: code.into(),
                name: code.to_uppercase(),
                mandatory,
                condition: condition.map(Into::into),
                formats: formats.iter().map(|s| (*s).into()).collect(),
                note: None,
            };
        Service {
            code: "iptr-reklame".into(),
            name: "IPTR".into(),
            kind: ServiceKind::Izin,
            sector: "Reklame".into(),
            channel: Channel::Sicantik,
            published: false,
            sla_working_days: 7,
            sla_basis: None,
            fee: "Gratis".into(),
            fee_free: true,
            fee_basis: None,
            output: "IPTR".into(),
            legal_basis: vec![],
            procedure: vec!["Ajukan".into()],
            requirements: vec![
                req("ktp", true, None, &["pdf", "jpg", "png"]),
                req("pas-foto", true, None, &["jpg", "png"]),
                req("sewa", false, Some("reklame di lahan pemerintah"), &["pdf"]),
            ],
            fields: vec![FormField {
                code: "luas_m2".into(),
                label: "Luas".into(),
                kind: FieldKind::Number,
                required: true,
                options: vec![],
                min: Some(0.5),
                max: Some(200.0),
                max_length: None,
                hint: None,
            }],
            portal_url: None,
            complaint: None,
        }
    }

    fn draft() -> ApplicationDraft {
        ApplicationDraft {
            service: "iptr-reklame".into(),
            kind: ApplicationKind::Baru,
            applicant_type: ApplicantType::Perorangan,
            previous_permit: None,
            applicant: Applicant {
                nik: "1872015408900002".into(),
                name: "Siti Aminah".into(),
                sex: "P".into(),
                birth_place: "Metro".into(),
                birth_date: "1990-08-14".into(),
                address: "Jl. Jend. Sudirman No. 12-A, RT 01/RW 02".into(),
                kelurahan_code: "18.72.01.1001".into(),
                phone: "+62 812 3456 7890".into(),
                email: String::new(),
            },
            company: None,
            fields: BTreeMap::from([("luas_m2".into(), "12,5".into())]),
            conditions: BTreeMap::from([("sewa".into(), false)]),
            documents: BTreeMap::from([
                ("ktp".into(), "a".into()),
                ("pas-foto".into(), "b".into()),
            ]),
            consent: true,
        }
    }

    fn inbox(sha: &str) -> Option<String> {
        match sha {
            "a" => Some("pdf".into()),
            "b" => Some("jpeg".into()),
            _ => None,
        }
    }

    fn fields_of(d: &ApplicationDraft) -> Vec<(String, String)> {
        validate(d, Some(&service()), &inbox, date!(2026 - 11 - 29))
            .into_iter()
            .map(|p| (p.field, p.code))
            .collect()
    }

    /// A change to a good draft, and the one problem it must cause.
    type Case = (fn(&mut ApplicationDraft), &'static str, &'static str);

    fn one(field: &str, code: &str) -> Vec<(String, String)> {
        vec![(field.into(), code.into())]
    }

    #[test]
    fn a_complete_draft_passes() {
        assert_eq!(fields_of(&draft()), vec![]);
    }

    #[test]
    fn a_yes_to_a_condition_asks_for_its_document() {
        let mut d = draft();
        d.conditions.insert("sewa".into(), true);
        assert_eq!(fields_of(&d), one("documents.sewa", "document_missing"));
        d.conditions.clear();
        assert_eq!(
            fields_of(&d),
            one("conditions.sewa", "condition_unanswered")
        );
    }

    #[test]
    fn each_applicant_problem_names_its_field() {
        let cases: [Case; 8] = [
            (
                |d| d.applicant.nik = "187201540890000".into(),
                "applicant.nik",
                "nik_length",
            ),
            (
                |d| d.applicant.nik = "18720154089000021".into(),
                "applicant.nik",
                "nik_length",
            ),
            (
                |d| d.applicant.nik = "1872997108900002".into(),
                "applicant.nik",
                "nik_region",
            ),
            (
                |d| d.applicant.nik = "1872017102900002".into(),
                "applicant.nik",
                "nik_date",
            ),
            (
                |d| d.applicant.email = "siti.example.com".into(),
                "applicant.email",
                "email",
            ),
            (
                |d| d.applicant.phone = "0212345".into(),
                "applicant.phone",
                "phone",
            ),
            (
                |d| d.applicant.kelurahan_code = "18.71.01.1001".into(),
                "applicant.kelurahan_code",
                "kelurahan",
            ),
            (
                |d| d.applicant.birth_date = "1990-08-15".into(),
                "applicant.nik",
                "nik_birth_date",
            ),
        ];
        for (change, field, code) in cases {
            let mut d = draft();
            change(&mut d);
            assert_eq!(fields_of(&d), one(field, code), "{field} {code}");
        }
    }

    #[test]
    fn company_kind_documents_and_fields_are_checked() {
        let mut d = draft();
        d.applicant_type = ApplicantType::Perusahaan;
        d.company = Some(Company {
            name: "CV Maju".into(),
            nib: "123".into(),
            npwp: "01.234.567.8-901.000".into(),
        });
        d.kind = ApplicationKind::Perpanjangan;
        d.fields.insert("luas_m2".into(), "500".into());
        d.documents.insert("pas-foto".into(), "a".into());
        d.documents.remove("ktp");
        d.consent = false;
        assert_eq!(
            fields_of(&d),
            vec![
                ("previous_permit".into(), "required".into()),
                ("company.nib".into(), "nib".into()),
                ("fields.luas_m2".into(), "field_range".into()),
                ("documents.ktp".into(), "document_missing".into()),
                ("documents.pas-foto".into(), "document_format".into()),
                ("consent".into(), "consent".into()),
            ]
        );
    }

    #[test]
    fn portal_services_are_not_applied_for_here() {
        let mut s = service();
        s.channel = Channel::Oss;
        let p = validate(&draft(), Some(&s), &inbox, date!(2026 - 11 - 29));
        assert_eq!(p[0].code, "service_portal");
    }
}
