//! Past paper surveys from a CSV file. A header row names the columns: `u1` … `u10`
//! (Pasal 18 a–j in order, values 1–4, empty = not answered) and, optionally, `service`,
//! `sex`, `age`, `education`, `occupation`, `date` (YYYY-MM-DD). Every bad row is reported
//! with its line number, and nothing is imported from a file that has any.

use crate::questionnaire::ELEMENTS;
use std::io::Read;

/// Bounds: a file larger than this is not a survey export.
pub const MAX_BYTES: u64 = 20 * 1024 * 1024;
pub const MAX_ROWS: usize = 200_000;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedRow {
    /// 1-based line in the file.
    pub line: usize,
    pub answers: [Option<u8>; ELEMENTS],
    pub service: Option<String>,
    pub sex: Option<String>,
    pub age_band: Option<String>,
    pub education: Option<String>,
    pub occupation: Option<String>,
    pub date: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {message}")]
pub struct RowError {
    pub line: usize,
    pub message: String,
}

/// Every bad row, one line each, as the kiosk's and the hub's import commands say them.
pub fn describe(errors: &[RowError]) -> String {
    errors
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n")
}

const SEX: &[(&str, &str)] = &[
    ("laki_laki", "laki_laki"),
    ("l", "laki_laki"),
    ("laki-laki", "laki_laki"),
    ("perempuan", "perempuan"),
    ("p", "perempuan"),
];
const AGE: &[&str] = &["under_20", "20_29", "30_39", "40_49", "50_59", "60_plus"];
const EDUCATION: &[(&str, &str)] = &[
    ("sd", "sd"),
    ("smp", "smp"),
    ("sma", "sma"),
    ("d1_d3", "d1_d3"),
    ("d1-d3", "d1_d3"),
    ("s1", "s1"),
    ("s2", "s2"),
    ("s3", "s3"),
];
const OCCUPATION: &[&str] = &["pns", "tni", "polri", "swasta", "wirausaha", "lainnya"];

fn one_of(value: &str, allowed: &[&str], what: &str) -> Result<String, String> {
    let v = value.trim().to_lowercase();
    if allowed.contains(&v.as_str()) {
        Ok(v)
    } else {
        Err(format!("{what} must be one of {}", allowed.join(", ")))
    }
}

fn mapped(value: &str, table: &[(&str, &str)], what: &str) -> Result<String, String> {
    let v = value.trim().to_lowercase();
    table
        .iter()
        .find(|(k, _)| *k == v)
        .map(|(_, code)| (*code).to_owned())
        .ok_or_else(|| {
            let mut codes: Vec<&str> = table.iter().map(|(_, c)| *c).collect();
            codes.dedup();
            format!("{what} must be one of {}", codes.join(", "))
        })
}

fn valid_date(v: &str) -> bool {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    time::Date::parse(v, format).is_ok()
}

/// Reads and checks the whole file. `Err` lists every problem (header or rows).
pub fn parse(reader: impl Read) -> Result<Vec<ImportedRow>, Vec<RowError>> {
    let mut rdr = csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(reader.take(MAX_BYTES + 1));
    let header: Vec<String> = match rdr.headers() {
        Ok(h) => h.iter().map(|c| c.trim().to_lowercase()).collect(),
        Err(e) => {
            return Err(vec![RowError {
                line: 1,
                message: format!("unreadable header: {e}"),
            }])
        }
    };
    let col = |name: &str| header.iter().position(|h| h == name);
    let answer_cols: Vec<Option<usize>> = (1..=ELEMENTS).map(|i| col(&format!("u{i}"))).collect();
    let missing: Vec<String> = answer_cols
        .iter()
        .enumerate()
        .filter(|(_, c)| c.is_none())
        .map(|(i, _)| format!("u{}", i + 1))
        .collect();
    if !missing.is_empty() {
        return Err(vec![RowError {
            line: 1,
            message: format!("the header lacks {}", missing.join(", ")),
        }]);
    }
    let known = ["service", "sex", "age", "education", "occupation", "date"];
    if let Some(unknown) = header
        .iter()
        .find(|h| !h.starts_with('u') && !known.contains(&h.as_str()))
    {
        return Err(vec![RowError {
            line: 1,
            message: format!("unknown column {unknown:?}"),
        }]);
    }

    let mut rows = Vec::new();
    let mut errors = Vec::new();
    for (index, record) in rdr.records().enumerate() {
        let line = index + 2;
        if rows.len() + errors.len() >= MAX_ROWS {
            errors.push(RowError {
                line,
                message: format!("more than {MAX_ROWS} rows"),
            });
            break;
        }
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                errors.push(RowError {
                    line,
                    message: format!("unreadable row: {e}"),
                });
                continue;
            }
        };
        let field = |c: Option<usize>| {
            c.and_then(|c| record.get(c))
                .map(str::trim)
                .filter(|v| !v.is_empty())
        };
        let mut problems = Vec::new();
        let mut answers = [None; ELEMENTS];
        for (i, c) in answer_cols.iter().enumerate() {
            if let Some(v) = field(*c) {
                match v.parse::<u8>() {
                    Ok(n) if (1..=4).contains(&n) => answers[i] = Some(n),
                    _ => problems.push(format!("u{} is {v:?}; answers are 1–4 or empty", i + 1)),
                }
            }
        }
        if answers.iter().all(Option::is_none) {
            problems.push("no answer at all".into());
        }
        let mut optional = |name: &str, check: &dyn Fn(&str) -> Result<String, String>| {
            field(col(name)).and_then(|v| match check(v) {
                Ok(v) => Some(v),
                Err(e) => {
                    problems.push(e);
                    None
                }
            })
        };
        let sex = optional("sex", &|v| mapped(v, SEX, "sex"));
        let age_band = optional("age", &|v| one_of(v, AGE, "age"));
        let education = optional("education", &|v| mapped(v, EDUCATION, "education"));
        let occupation = optional("occupation", &|v| one_of(v, OCCUPATION, "occupation"));
        let date = optional("date", &|v| {
            if valid_date(v) {
                Ok(v.to_owned())
            } else {
                Err(format!("date {v:?} is not YYYY-MM-DD"))
            }
        });
        let service = optional("service", &|v| {
            if v.chars().count() <= 100 {
                Ok(v.to_owned())
            } else {
                Err("service is longer than 100 characters".into())
            }
        });
        if problems.is_empty() {
            rows.push(ImportedRow {
                line,
                answers,
                service,
                sex,
                age_band,
                education,
                occupation,
                date,
            });
        } else {
            errors.push(RowError {
                line,
                message: problems.join("; "),
            });
        }
    }
    if errors.is_empty() {
        Ok(rows)
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_good_file_is_read_whole() {
        let csv = "u1,u2,u3,u4,u5,u6,u7,u8,u9,u10,service,sex,date\n\
                   4,3,3,4,3,4,4,2,3,4,sip-dokter,P,2026-10-01\n\
                   3,3,,4,3,3,4,2,2,,,L,\n";
        let rows = parse(csv.as_bytes()).expect("valid");
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[1].answers[2], None);
        assert_eq!(rows[0].sex.as_deref(), Some("perempuan"));
        assert_eq!(rows[0].date.as_deref(), Some("2026-10-01"));
        assert_eq!(rows[1].line, 3);
    }

    #[test]
    fn every_bad_row_is_reported_by_line_and_nothing_is_returned() {
        let csv = "U1,U2,U3,U4,U5,U6,U7,U8,U9,U10,education\n\
                   4,3,3,4,3,4,4,2,3,4,S1\n\
                   5,3,3,4,3,4,4,2,3,4,\n\
                   ,,,,,,,,,,\n\
                   4,3,3,4,3,4,4,2,3,4,kuliah\n";
        let errors = parse(csv.as_bytes()).expect_err("invalid");
        let lines: Vec<usize> = errors.iter().map(|e| e.line).collect();
        assert_eq!(lines, [3, 4, 5]);
        assert!(errors[0].message.contains("u1 is \"5\""));
        assert!(errors[2].message.contains("education"));
    }

    #[test]
    fn a_header_without_all_ten_answers_is_refused() {
        let errors = parse("u1,u2,u3\n1,2,3\n".as_bytes()).expect_err("invalid");
        assert_eq!(errors[0].line, 1);
        assert!(errors[0].message.contains("u4"));
        let errors = parse("u1,u2,u3,u4,u5,u6,u7,u8,u9,u10,nik\n".as_bytes()).expect_err("invalid");
        assert!(
            errors[0].message.contains("nik"),
            "no unknown (possibly personal) columns"
        );
    }

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        let garbage: Vec<u8> = (0..3000u32).map(|i| (i * 7919 % 251) as u8).collect();
        assert!(parse(garbage.as_slice()).is_err());
    }
}
