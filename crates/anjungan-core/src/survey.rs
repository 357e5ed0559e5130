//! e-SKM at the kiosk: a completed survey is saved with its outbox row in one transaction
//! (one response per visit), past paper surveys come in from CSV, and the kiosk's own
//! figures are aggregated in SQL.

use crate::catalogue;
use crate::error::CoreError;
use crate::hub_client::{HubClient, Timeouts};
use crate::office;
use crate::outbox::{self, NewItem};
use crate::store::{Store, StoreError, Write};
use crate::Kiosk;
use anjungan_skm::ikm::Tally;
use anjungan_skm::questionnaire::ELEMENTS;
use anjungan_skm::store as sql;
use anjungan_skm::summary::Aggregates;
use anjungan_wire::codes;
use anjungan_wire::ipc::{
    CountRow, ProfileTables, Questionnaire, RespondentProfile, SkmCodeCheck, SkmRules, SkmSummary,
    SurveySubmission,
};
use anjungan_wire::item::{Item, SurveyResponse, SurveySource};
use rand::RngCore;
use rusqlite::params;
use std::path::Path;
use time::OffsetDateTime;

pub const MAX_SUGGESTION_CHARS: usize = 500;

fn enum_code<T: serde::Serialize>(v: &Option<T>) -> Option<String> {
    v.as_ref().and_then(codes::of)
}

/// A checked response, ready to store.
struct Response {
    answers: [Option<u8>; ELEMENTS],
    suggestion: Option<String>,
    profile: RespondentProfile,
    skm_code: Option<String>,
}

/// A questionnaire code read back as its type (paper surveys' codes were checked on import).
fn from_code<T: serde::de::DeserializeOwned>(code: &Option<String>) -> Option<T> {
    code.as_deref().and_then(codes::parse)
}

fn check(s: &SurveySubmission) -> Result<Response, CoreError> {
    let bad = |m: &str| Err(CoreError::InvalidInput(m.to_owned()));
    if s.visit_id.is_empty() || s.visit_id.len() > 64 {
        return bad("visit_id is 1–64 characters");
    }
    if s.answers.len() != ELEMENTS {
        return bad("a survey has ten answers (null for skipped)");
    }
    let mut answers = [None; ELEMENTS];
    for (slot, a) in answers.iter_mut().zip(&s.answers) {
        match a {
            Some(v) if (1..=4).contains(v) => *slot = Some(*v),
            Some(_) => return bad("answers are 1–4"),
            None => {}
        }
    }
    if answers.iter().all(Option::is_none) {
        return bad("a survey without any answer is not a response");
    }
    let suggestion = s
        .suggestion
        .as_deref()
        .map(|t| {
            t.chars()
                .filter(|c| !c.is_control() || *c == '\n')
                .collect::<String>()
        })
        .map(|t| t.trim().to_owned())
        .filter(|t| !t.is_empty());
    if suggestion
        .as_ref()
        .is_some_and(|t| t.chars().count() > MAX_SUGGESTION_CHARS)
    {
        return bad("a suggestion is at most 500 characters");
    }
    let service_code = s.profile.service_code.clone().filter(|c| !c.is_empty());
    if service_code.as_ref().is_some_and(|c| c.len() > 100) {
        return bad("unknown service");
    }
    Ok(Response {
        answers,
        suggestion,
        profile: RespondentProfile {
            service_code,
            ..s.profile.clone()
        },
        skm_code: match s
            .skm_code
            .as_deref()
            .map(str::trim)
            .filter(|c| !c.is_empty())
        {
            None => None,
            Some(c) => Some(
                anjungan_skm::code::parse(c)
                    .map_err(|_| CoreError::Survey(SurveyRefusal::CodeInvalid))?,
            ),
        },
    })
}

pub use crate::error::SurveyRefusal;

/// Whether this kiosk has a response with `code` already.
pub fn code_used_here(store: &Store, code: &str) -> Result<bool, CoreError> {
    let n: i64 = store
        .conn()
        .query_row(
            "SELECT count(*) FROM survey_responses WHERE skm_code = ?1",
            [code],
            |r| r.get(0),
        )
        .map_err(StoreError::from)?;
    Ok(n > 0)
}

/// A receipt's e-SKM code, checked: its digits, whether this kiosk already took a survey
/// with it, then the hub (the judge) through `client`. A kiosk that cannot ask (offline, not
/// enrolled) accepts a well-formed code; the hub settles duplicates when the responses
/// arrive.
pub async fn check_code(
    store: &Store,
    client: Result<HubClient, CoreError>,
    input: &str,
) -> Result<SkmCodeCheck, CoreError> {
    let code = anjungan_skm::code::parse(input)
        .map_err(|_| CoreError::Survey(SurveyRefusal::CodeInvalid))?;
    if code_used_here(store, &code)? {
        return Err(CoreError::Survey(SurveyRefusal::CodeUsed));
    }
    let offline = SkmCodeCheck {
        code: code.clone(),
        service_code: None,
        confirmed: false,
    };
    let client = match client {
        Ok(c) => c,
        Err(CoreError::NotEnrolled) => return Ok(offline),
        Err(e) => return Err(e),
    };
    match client.skm_code(&code).await {
        Ok(Some(b)) if b.used => Err(CoreError::Survey(SurveyRefusal::CodeUsed)),
        Ok(Some(b)) => Ok(SkmCodeCheck {
            code,
            service_code: Some(b.service_code),
            confirmed: true,
        }),
        Ok(None) => Err(CoreError::Survey(SurveyRefusal::CodeInvalid)),
        Err(e) => {
            tracing::info!(error = %e, "e-SKM code: the hub did not answer; accepted offline");
            Ok(offline)
        }
    }
}

/// The office's rules for a survey given with `code` (or without one) at `now`.
fn admit(
    tx: &rusqlite::Transaction<'_>,
    code: Option<&str>,
    rules: &SkmRules,
    now: OffsetDateTime,
) -> Result<(), CoreError> {
    let q = |e: rusqlite::Error| CoreError::from(StoreError::from(e));
    match code {
        Some(code) => {
            let used: i64 = tx
                .query_row(
                    "SELECT count(*) FROM survey_responses WHERE skm_code = ?1",
                    [code],
                    |r| r.get(0),
                )
                .map_err(q)?;
            if used > 0 {
                return Err(CoreError::Survey(SurveyRefusal::CodeUsed));
            }
        }
        None if !rules.allow_unlinked => return Err(CoreError::Survey(SurveyRefusal::NeedsCode)),
        None => {
            let since = crate::clock::rfc3339(
                now - time::Duration::seconds(
                    i64::try_from(rules.unlinked_cooldown_s).unwrap_or(0),
                ),
            );
            let recent: i64 = tx
                .query_row(
                    "SELECT count(*) FROM survey_responses
                      WHERE source = 'kiosk' AND skm_code IS NULL AND submitted_at > ?1",
                    [since],
                    |r| r.get(0),
                )
                .map_err(q)?;
            if recent > 0 {
                return Err(CoreError::Survey(SurveyRefusal::Cooldown));
            }
        }
    }
    Ok(())
}

/// How a response is stored and sent.
struct Record<'a> {
    visit_id: Option<&'a str>,
    source: SurveySource,
    date: String,
    response: Response,
}

fn save(
    tx: &Write<'_>,
    record: &Record<'_>,
    now: OffsetDateTime,
    rng: &mut impl RngCore,
) -> Result<String, CoreError> {
    let r = &record.response;
    let submitted_at = crate::clock::rfc3339(now);
    let payload = SurveyResponse {
        v: anjungan_wire::item::VERSION,
        visit_id: record.visit_id.map(str::to_owned),
        source: record.source,
        date: record.date.clone(),
        submitted_at: submitted_at.clone(),
        answers: r.answers.to_vec(),
        suggestion: r.suggestion.clone(),
        profile: r.profile.clone(),
        skm_code: r.skm_code.clone(),
    };
    // Paper surveys count in this kiosk's own figures only: the office takes them at the
    // hub (`anjungan-hub skm import-csv`), never from a kiosk.
    let id = if record.source == SurveySource::Import {
        outbox::new_id(now, rng)
    } else {
        outbox::enqueue(
            tx,
            &NewItem::new(Item::SurveyResponse(payload), Vec::new()),
            now,
            rng,
        )
        .map_err(CoreError::from)?
    };
    let a = r.answers;
    let inserted = tx.execute(
        sql::INSERT,
        params![
            id,
            record.visit_id,
            Option::<String>::None,
            codes::of(&record.source),
            record.date,
            submitted_at,
            a[0],
            a[1],
            a[2],
            a[3],
            a[4],
            a[5],
            a[6],
            a[7],
            a[8],
            a[9],
            r.suggestion,
            enum_code(&r.profile.sex),
            enum_code(&r.profile.age_band),
            enum_code(&r.profile.education),
            enum_code(&r.profile.occupation),
            r.profile.service_code,
            r.skm_code
        ],
    );
    match inserted {
        Ok(_) => Ok(id),
        Err(rusqlite::Error::SqliteFailure(e, _))
            if e.code == rusqlite::ErrorCode::ConstraintViolation =>
        {
            Err(CoreError::AlreadySubmitted)
        }
        Err(e) => Err(StoreError::from(e).into()),
    }
}

/// Saves one survey and its outbox row in one transaction. A second submission of the same
/// visit is refused and leaves nothing behind.
pub fn submit(
    store: &Store,
    submission: &SurveySubmission,
    rules: &SkmRules,
    now: OffsetDateTime,
    rng: &mut impl RngCore,
) -> Result<String, CoreError> {
    let response = check(submission)?;
    store.write(|tx| {
        // A visit that already sent its survey says so (below), before any code rule.
        let seen: i64 = tx
            .query_row(
                "SELECT count(*) FROM survey_responses WHERE visit_id = ?1",
                [&submission.visit_id],
                |r| r.get(0),
            )
            .map_err(StoreError::from)?;
        if seen == 0 {
            admit(tx, response.skm_code.as_deref(), rules, now)?;
        }
        let record = Record {
            visit_id: Some(&submission.visit_id),
            source: SurveySource::Kiosk,
            date: anjungan_permit::office_date(now),
            response,
        };
        save(tx, &record, now, rng)
    })
}

/// Imports checked CSV rows in one transaction, all or nothing, into this kiosk's own
/// figures (the office's come from the same file imported at the hub).
pub fn import(
    store: &Store,
    rows: &[anjungan_skm::csv_import::ImportedRow],
    now: OffsetDateTime,
    rng: &mut impl RngCore,
) -> Result<usize, CoreError> {
    store.write(|tx| {
        for row in rows {
            let record = Record {
                visit_id: None,
                source: SurveySource::Import,
                date: row
                    .date
                    .clone()
                    .unwrap_or_else(|| anjungan_permit::office_date(now)),
                response: Response {
                    answers: row.answers,
                    suggestion: None,
                    profile: RespondentProfile {
                        sex: from_code(&row.sex),
                        age_band: from_code(&row.age_band),
                        education: from_code(&row.education),
                        occupation: from_code(&row.occupation),
                        service_code: row.service.clone(),
                    },
                    skm_code: None,
                },
            };
            save(tx, &record, now, rng)?;
        }
        Ok(rows.len())
    })
}

fn ints(row: &rusqlite::Row<'_>, offset: usize) -> rusqlite::Result<Vec<i64>> {
    (0..23).map(|i| row.get(offset + i)).collect()
}

/// The aggregates of a period from this kiosk's store.
pub fn aggregates(
    store: &Store,
    from: Option<&str>,
    to: Option<&str>,
) -> Result<Aggregates, CoreError> {
    let conn = store.conn();
    let q = |e: rusqlite::Error| CoreError::from(StoreError::from(e));
    let tally: Tally = conn
        .query_row(&sql::tally_sql(), params![from, to], |r| ints(r, 0))
        .map(|v| sql::tally_from_row(&v))
        .map_err(q)?;
    let mut monthly = Vec::new();
    {
        let mut stmt = conn.prepare(&sql::monthly_sql()).map_err(q)?;
        let rows = stmt
            .query_map(params![from, to], |r| {
                Ok((r.get::<_, String>(0)?, ints(r, 1)?))
            })
            .map_err(q)?;
        for row in rows {
            let (month, v) = row.map_err(q)?;
            monthly.push((month, sql::tally_from_row(&v)));
        }
    }
    let counts = |column: &str| -> Result<Vec<CountRow>, CoreError> {
        let mut stmt = conn.prepare(&sql::profile_sql(column)).map_err(q)?;
        let rows = stmt
            .query_map(params![from, to], |r| {
                Ok(CountRow {
                    value: r.get(0)?,
                    count: r.get(1)?,
                })
            })
            .map_err(q)?;
        rows.collect::<Result<Vec<_>, _>>().map_err(q)
    };
    let profile = ProfileTables {
        sex: counts("sex")?,
        age_band: counts("age_band")?,
        education: counts("education")?,
        occupation: counts("occupation")?,
        service: counts("service_code")?,
    };
    let mut stmt = conn.prepare(&sql::suggestions_sql()).map_err(q)?;
    let suggestions = stmt
        .query_map(params![from, to], |r| r.get(0))
        .map_err(q)?
        .collect::<Result<Vec<String>, _>>()
        .map_err(q)?;
    let part = |p: sql::Part| -> Result<Tally, CoreError> {
        conn.query_row(&sql::part_tally_sql(p, None), params![from, to], |r| {
            ints(r, 0)
        })
        .map(|v| sql::tally_from_row(&v))
        .map_err(q)
    };
    let duplicates: i64 = conn
        .query_row(&sql::duplicates_sql(), params![from, to], |r| r.get(0))
        .map_err(q)?;
    Ok(Aggregates {
        tally,
        monthly,
        profile,
        suggestions,
        linked: part(sql::Part::Linked)?,
        unlinked: part(sql::Part::Unlinked)?,
        duplicates: duplicates.max(0).unsigned_abs(),
    })
}

impl Kiosk {
    /// The e-SKM questionnaire, with the services of the cached catalogue.
    pub fn questionnaire(&self) -> Result<Questionnaire, CoreError> {
        Ok(anjungan_skm::questionnaire::default_questionnaire(
            catalogue::services(self.store())?,
        ))
    }

    /// Saves a completed survey with its outbox row; returns the item id. Durable when it
    /// returns, online or not.
    pub fn submit_survey(
        &self,
        submission: &SurveySubmission,
        rng: &mut impl RngCore,
    ) -> Result<String, CoreError> {
        let rules = office::load(self.store())?.1;
        let id = submit(self.store(), submission, &rules, self.now(), rng)?;
        Ok(id)
    }

    /// Imports past paper surveys from a CSV file: all rows or none.
    pub fn import_survey_csv(
        &self,
        path: &Path,
        rng: &mut impl RngCore,
    ) -> Result<usize, CoreError> {
        let file = std::fs::File::open(path)
            .map_err(|e| CoreError::InvalidInput(format!("{}: {e}", path.display())))?;
        let rows = anjungan_skm::csv_import::parse(file).map_err(|errors| {
            CoreError::InvalidInput(anjungan_skm::csv_import::describe(&errors))
        })?;
        let n = import(self.store(), &rows, self.now(), rng)?;
        Ok(n)
    }

    /// The kiosk's own e-SKM figures for a period (dates YYYY-MM-DD, inclusive).
    pub fn skm_summary(
        &self,
        from: Option<String>,
        to: Option<String>,
        population: Option<u64>,
    ) -> Result<SkmSummary, CoreError> {
        for d in [&from, &to].into_iter().flatten() {
            if !valid_date(d) {
                return Err(CoreError::InvalidInput(format!("{d:?} is not YYYY-MM-DD")));
            }
        }
        let agg = aggregates(self.store(), from.as_deref(), to.as_deref())?;
        Ok(anjungan_skm::summary::summarize(from, to, population, agg))
    }

    /// The office's e-SKM rules in effect here.
    pub fn skm_rules(&self) -> Result<SkmRules, CoreError> {
        Ok(office::load(self.store())?.1)
    }

    /// A receipt's e-SKM code, checked here, then by the hub when it answers within a few
    /// seconds (see [`survey::check_code`]).
    pub async fn skm_code_check(&self, input: &str) -> Result<SkmCodeCheck, CoreError> {
        check_code(
            self.store(),
            self.context().client(Timeouts::quick()),
            input,
        )
        .await
    }
}

fn valid_date(d: &str) -> bool {
    time::Date::parse(d, time::macros::format_description!("[year]-[month]-[day]")).is_ok()
}
