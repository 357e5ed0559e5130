//! The service catalogue as offices write it: [`parse`] reads a catalogue file and checks
//! it, reporting every problem with its line and the field's path, so the person editing
//! the file can go straight to it. The hub runs it on import; kiosks run it on what they
//! download, and keep the previous copy when a download does not pass.

use anjungan_wire::catalogue::{Catalogue, Channel, FieldKind, Service, CATALOGUE_SCHEMA};
use std::collections::HashSet;
use std::fmt;

/// One problem in a catalogue file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct CatalogueError {
    /// 1-based line in the file (the line of the entry the field belongs to when the
    /// field itself cannot be pointed at).
    pub line: usize,
    /// JSON path of the field, `services[3].requirements[0].code`.
    pub field: String,
    pub message: String,
}

impl fmt::Display for CatalogueError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}: {}", self.line, self.field, self.message)
    }
}

/// Formats accepted for requirement documents.
pub const FORMATS: [&str; 3] = ["pdf", "jpg", "png"];

/// Reads and checks a catalogue. On failure returns every problem found (a syntax or type
/// error stops reading, so it comes alone).
pub fn parse(text: &str) -> Result<Catalogue, Vec<CatalogueError>> {
    let de = &mut serde_json::Deserializer::from_str(text);
    let catalogue: Catalogue = serde_path_to_error::deserialize(de).map_err(|e| {
        let field = match e.path().to_string() {
            p if p == "." => "(file)".to_owned(),
            p => p,
        };
        let inner = e.inner();
        vec![CatalogueError {
            line: inner.line(),
            field,
            message: clean_serde_message(&inner.to_string()),
        }]
    })?;
    let errors = check(&catalogue, text);
    if errors.is_empty() {
        Ok(catalogue)
    } else {
        Err(errors)
    }
}

/// serde_json appends " at line L column C"; the line is reported on its own.
fn clean_serde_message(m: &str) -> String {
    match m.rfind(" at line ") {
        Some(i) => m[..i].to_owned(),
        None => m.to_owned(),
    }
}

fn valid_code(code: &str) -> bool {
    !code.is_empty()
        && code.len() <= 64
        && code
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
}

fn valid_date(d: &str) -> bool {
    time::Date::parse(d, time::macros::format_description!("[year]-[month]-[day]")).is_ok()
}

/// Locates entries by their code in the text, for errors found after parsing.
struct Lines<'a> {
    text: &'a str,
}

impl Lines<'_> {
    /// The line of the first `"code": "<code>"` at or after byte `from`, with its offset.
    fn code(&self, code: &str, from: usize) -> (usize, usize) {
        let needle = format!("\"{code}\"");
        let at = self.text[from.min(self.text.len())..]
            .find(&needle)
            .map_or(from, |i| from + i);
        (self.text[..at].matches('\n').count() + 1, at)
    }
}

fn check(c: &Catalogue, text: &str) -> Vec<CatalogueError> {
    let lines = Lines { text };
    let mut errors = Vec::new();
    let mut push = |line: usize, field: String, message: &str| {
        errors.push(CatalogueError {
            line,
            field,
            message: message.to_owned(),
        })
    };
    if c.schema != CATALOGUE_SCHEMA {
        push(
            lines.code("schema", 0).0,
            "schema".into(),
            "this build reads catalogue schema 2",
        );
    }
    for (name, d) in [
        ("effective_from", &c.effective_from),
        ("updated_on", &c.updated_on),
    ] {
        if !valid_date(d) {
            push(lines.code(name, 0).0, name.into(), "a date is YYYY-MM-DD");
        }
    }
    if c.services.is_empty() {
        push(
            1,
            "services".into(),
            "a catalogue lists at least one service",
        );
    }
    let mut codes = HashSet::new();
    let mut cursor = 0;
    for (i, s) in c.services.iter().enumerate() {
        let (line, at) = lines.code(&s.code, cursor);
        cursor = at;
        let f = |name: &str| format!("services[{i}].{name}");
        if !valid_code(&s.code) {
            push(line, f("code"), "lower-case letters, digits, - and _ only");
        }
        if !codes.insert(s.code.as_str()) {
            push(line, f("code"), "another service has this code");
        }
        for (name, v) in [
            ("name", &s.name),
            ("sector", &s.sector),
            ("fee", &s.fee),
            ("output", &s.output),
        ] {
            if v.trim().is_empty() {
                push(line, f(name), "must not be empty");
            }
        }
        if s.procedure.is_empty() {
            push(line, f("procedure"), "list at least one step");
        }
        if s.sla_working_days > 365 {
            push(
                line,
                f("sla_working_days"),
                "more than a year of working days",
            );
        }
        if s.channel != Channel::Sicantik && s.portal_url.as_deref().is_none_or(str::is_empty) {
            push(
                line,
                f("portal_url"),
                "OSS and SIMBG services name their portal",
            );
        }
        check_requirements(s, i, line, &mut push);
        check_fields(s, i, line, &mut push);
    }
    errors
}

fn check_requirements(
    s: &Service,
    i: usize,
    line: usize,
    push: &mut impl FnMut(usize, String, &str),
) {
    let mut seen = HashSet::new();
    for (j, r) in s.requirements.iter().enumerate() {
        let f = |name: &str| format!("services[{i}].requirements[{j}].{name}");
        if !valid_code(&r.code) {
            push(line, f("code"), "lower-case letters, digits, - and _ only");
        }
        if !seen.insert(r.code.as_str()) {
            push(
                line,
                f("code"),
                "another requirement of this service has this code",
            );
        }
        if r.name.trim().is_empty() {
            push(line, f("name"), "must not be empty");
        }
        // Portal services' documents are uploaded on the portal: no formats needed here.
        let needs_formats = s.channel == Channel::Sicantik;
        if (needs_formats && r.formats.is_empty())
            || r.formats.iter().any(|x| !FORMATS.contains(&x.as_str()))
        {
            push(line, f("formats"), "formats are pdf, jpg and png");
        }
        if r.mandatory && r.condition.is_some() {
            push(
                line,
                f("condition"),
                "a mandatory requirement has no condition; make it not mandatory",
            );
        }
    }
}

fn check_fields(s: &Service, i: usize, line: usize, push: &mut impl FnMut(usize, String, &str)) {
    let mut seen = HashSet::new();
    for (j, field) in s.fields.iter().enumerate() {
        let f = |name: &str| format!("services[{i}].fields[{j}].{name}");
        if !valid_code(&field.code) {
            push(line, f("code"), "lower-case letters, digits, - and _ only");
        }
        if !seen.insert(field.code.as_str()) {
            push(
                line,
                f("code"),
                "another field of this service has this code",
            );
        }
        if field.label.trim().is_empty() {
            push(line, f("label"), "must not be empty");
        }
        match field.kind {
            FieldKind::Choice if field.options.len() < 2 => {
                push(line, f("options"), "a choice offers at least two options")
            }
            FieldKind::Number => {
                if let (Some(min), Some(max)) = (field.min, field.max) {
                    if min > max {
                        push(line, f("min"), "min is above max");
                    }
                }
            }
            _ => {}
        }
    }
}

/// What `catalogue export` writes and the hub serves: pretty JSON, stable order.
pub fn to_json(c: &Catalogue) -> String {
    serde_json::to_string_pretty(c).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    const DEMO: &str = include_str!("../../anjungan-hub/demo/catalogue.json");

    #[test]
    fn the_demo_catalogue_passes() {
        let c = parse(DEMO).expect("demo catalogue");
        assert_eq!(c.schema, 2);
        assert!(c.services.len() >= 10);
        assert!(
            c.services.iter().all(|s| !s.published),
            "demo entries are examples"
        );
    }

    #[test]
    fn a_missing_field_is_named_with_its_line() {
        let broken = DEMO.replacen("\"sector\": \"Kesehatan\",", "", 1);
        let errors = parse(&broken).expect_err("missing sector");
        assert_eq!(errors.len(), 1);
        let e = &errors[0];
        assert_eq!(e.field, "services[0]");
        assert!(e.message.contains("missing field `sector`"), "{e}");
        let line_of_first_service_end =
            broken.lines().position(|l| l == "    },").expect("end") + 1;
        assert!(e.line <= line_of_first_service_end && e.line > 5, "{e}");
    }

    #[test]
    fn a_wrong_type_points_at_the_field() {
        let broken = DEMO.replacen("\"sla_working_days\": 9", "\"sla_working_days\": \"9\"", 1);
        let errors = parse(&broken).expect_err("string sla");
        assert_eq!(errors[0].field, "services[0].sla_working_days");
        let line = broken
            .lines()
            .position(|l| l.contains("\"sla_working_days\": \"9\""))
            .expect("line")
            + 1;
        assert_eq!(errors[0].line, line);
    }

    #[test]
    fn semantic_problems_are_all_reported_with_lines() {
        let mut c = parse(DEMO).expect("demo");
        c.services[1].code = c.services[0].code.clone();
        c.services[2].requirements[0].formats = vec!["docx".into()];
        c.effective_from = "2026-02-31".into();
        let text = to_json(&c);
        let errors = parse(&text).expect_err("three problems");
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(
            fields,
            [
                "effective_from",
                "services[1].code",
                "services[2].requirements[0].formats"
            ]
        );
        assert!(errors.iter().all(|e| e.line > 1));
        assert!(errors[1].line > errors[0].line);
    }

    #[test]
    fn not_json_at_all_says_where() {
        let errors = parse("{\n  \"schema\": 2,\n  oops\n}").expect_err("syntax");
        assert_eq!(errors[0].line, 3);
    }
}
