//! e-SKM across all kiosks: survey items are stored in `survey_responses` as they arrive
//! (in the same transaction as the item), and aggregated with the same SQL the kiosk uses.

use crate::error::HubError;
use anjungan_skm::questionnaire::ELEMENTS;
use anjungan_skm::store as sql;
use anjungan_skm::summary::Aggregates;
use anjungan_wire::codes;
use anjungan_wire::ipc::{CountRow, ProfileTables, SkmSummary};
use anjungan_wire::item::{SurveyResponse, SurveySource};
use sqlx::any::AnyRow;
use sqlx::{Any, AnyPool, Row, Transaction};

/// A survey payload as kiosks send it, checked.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Survey {
    visit_id: Option<String>,
    source: String,
    date: String,
    submitted_at: String,
    answers: [Option<i64>; ELEMENTS],
    suggestion: Option<String>,
    profile: [Option<String>; 5],
    skm_code: Option<String>,
}

/// A text of at most `max` characters.
fn text(v: &Option<String>, max: usize) -> Result<Option<String>, String> {
    match v {
        Some(s) if s.chars().count() > max => {
            Err(format!("a text of at most {max} characters was expected"))
        }
        other => Ok(other.clone()),
    }
}

/// How far back a survey's date may lie: a kiosk delivers within days (a long outage, a few
/// weeks); paper surveys imported from the office's own files within three years.
const KIOSK_DAYS_BACK: i64 = 400;
const IMPORT_DAYS_BACK: i64 = 3 * 366;

/// Checks a `survey_response` payload against the questionnaire and the hub's calendar
/// (`today`): a kiosk token cannot skew the IKM with answers, codes or dates no kiosk
/// makes. The error is the rejection reason.
pub fn check(r: &SurveyResponse, today: time::Date) -> Result<Survey, String> {
    if r.answers.len() != ELEMENTS {
        return Err("answers must be an array of ten".into());
    }
    let mut answers = [None; ELEMENTS];
    for (slot, a) in answers.iter_mut().zip(&r.answers) {
        *slot = match a {
            None => None,
            Some(n) if (1..=4).contains(n) => Some(i64::from(*n)),
            Some(_) => return Err("answers are 1–4 or null".into()),
        };
    }
    let date = r.date.clone();
    let day = time::Date::parse(
        &date,
        time::macros::format_description!("[year]-[month]-[day]"),
    )
    .map_err(|_| "date must be YYYY-MM-DD")?;
    let back = match r.source {
        SurveySource::Kiosk => KIOSK_DAYS_BACK,
        SurveySource::Import => IMPORT_DAYS_BACK,
    };
    // A day's grace ahead: a kiosk's clock a little fast, or just past midnight WIB.
    if day > today + time::Duration::days(1) || day < today - time::Duration::days(back) {
        return Err(format!(
            "date {date} is outside the window of the hub's calendar ({back} days back to tomorrow)"
        ));
    }
    if time::OffsetDateTime::parse(
        &r.submitted_at,
        &time::format_description::well_known::Rfc3339,
    )
    .is_err()
    {
        return Err("submitted_at must be an RFC 3339 time".into());
    }
    let p = &r.profile;
    let skm_code = match text(&r.skm_code, 32)? {
        None => None,
        Some(c) => Some(anjungan_skm::code::parse(&c).map_err(|e| e.to_string())?),
    };
    Ok(Survey {
        skm_code,
        visit_id: text(&r.visit_id, 64)?,
        source: codes::of(&r.source).unwrap_or_default(),
        date,
        submitted_at: r.submitted_at.clone(),
        answers,
        suggestion: text(&r.suggestion, 500)?,
        profile: [
            p.sex.as_ref().and_then(codes::of),
            p.age_band.as_ref().and_then(codes::of),
            p.education.as_ref().and_then(codes::of),
            p.occupation.as_ref().and_then(codes::of),
            service_code(&p.service_code)?,
        ],
    })
}

impl Survey {
    /// A kiosk delivers what citizens answered there; paper surveys come in at the hub
    /// (`anjungan-hub skm import-csv`), where only the office's own staff run commands.
    pub fn from_kiosk(&self) -> Result<(), String> {
        if self.source == "kiosk" {
            Ok(())
        } else {
            Err("paper surveys are imported at the hub (anjungan-hub skm import-csv), not sent by a kiosk".into())
        }
    }
}

/// What the office's rules make of a kiosk's survey.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Admitted {
    /// Stored and counted.
    Count,
    /// Stored apart until an application with its code arrives (the codes are required and
    /// this one is not known yet: its application may still be on its way). A forged code
    /// waits for ever and never counts.
    WaitForCode,
    /// Refused, with why.
    Refused(String),
}

/// The office's rules for a kiosk's survey (`anjungan-hub skm rules`), held at the hub as
/// the kiosk holds them, so that a kiosk token that ignores them moves no figure: without
/// a receipt's code, only where the office allows it and one per cool-down per kiosk; with
/// a code, counted once however often it comes, and, when code-less surveys are not
/// allowed, only once an application with that code is known.
pub async fn admit(
    tx: &mut Transaction<'_, Any>,
    kiosk_name: &str,
    s: &Survey,
    rules: &anjungan_wire::ipc::SkmRules,
) -> Result<Admitted, HubError> {
    match &s.skm_code {
        // A code used again (the citizen rated at two kiosks while one was offline) is
        // stored and counted once: the figures leave duplicates out.
        Some(code) => {
            if rules.allow_unlinked {
                return Ok(Admitted::Count);
            }
            let (known,): (i64,) =
                sqlx::query_as("SELECT count(*) FROM applications WHERE skm_code = $1")
                    .bind(code)
                    .fetch_one(&mut **tx)
                    .await?;
            Ok(if known == 0 {
                Admitted::WaitForCode
            } else {
                Admitted::Count
            })
        }
        None if !rules.allow_unlinked => Ok(Admitted::Refused(
            "the office takes no survey without a receipt's e-SKM code".into(),
        )),
        None => {
            let at = time::OffsetDateTime::parse(
                &s.submitted_at,
                &time::format_description::well_known::Rfc3339,
            )
            .map_err(|e| HubError::Internal(e.to_string()))?;
            let gap =
                time::Duration::seconds(i64::try_from(rules.unlinked_cooldown_s).unwrap_or(0));
            let (near,): (i64,) = sqlx::query_as(
                "SELECT count(*) FROM survey_responses
                  WHERE kiosk = $1 AND source = 'kiosk' AND skm_code IS NULL
                    AND submitted_at > $2 AND submitted_at < $3",
            )
            .bind(kiosk_name)
            .bind(crate::db::rfc3339(at - gap))
            .bind(crate::db::rfc3339(at + gap))
            .fetch_one(&mut **tx)
            .await?;
            if near > 0 && !gap.is_zero() {
                return Ok(Admitted::Refused(format!(
                    "another survey without a code came from this kiosk within {} s (the office's cool-down)",
                    rules.unlinked_cooldown_s
                )));
            }
            Ok(Admitted::Count)
        }
    }
}

/// Keeps a survey whose code is not known yet, apart from the figures.
pub async fn wait_for_code(
    tx: &mut Transaction<'_, Any>,
    id: &str,
    kiosk: &str,
    s: &Survey,
) -> Result<(), HubError> {
    sqlx::query(
        "INSERT INTO survey_waiting (id, skm_code, kiosk, body, received_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (id) DO NOTHING",
    )
    .bind(id)
    .bind(s.skm_code.as_deref().unwrap_or_default())
    .bind(kiosk)
    .bind(serde_json::to_string(s).map_err(|e| HubError::Internal(e.to_string()))?)
    .bind(crate::db::now_rfc3339())
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// The surveys that waited for `code`, now counted (its application arrived).
pub async fn release_waiting(tx: &mut Transaction<'_, Any>, code: &str) -> Result<(), HubError> {
    let waiting: Vec<(String, String, String)> =
        sqlx::query_as("SELECT id, kiosk, body FROM survey_waiting WHERE skm_code = $1")
            .bind(code)
            .fetch_all(&mut **tx)
            .await?;
    for (id, kiosk, body) in waiting {
        let s: Survey =
            serde_json::from_str(&body).map_err(|e| HubError::Internal(e.to_string()))?;
        store(tx, &id, &kiosk, &s).await?;
        sqlx::query("DELETE FROM survey_waiting WHERE id = $1")
            .bind(&id)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

/// A service code as the catalogue writes them (letters, digits, `-`, `_`, `.`).
fn service_code(v: &Option<String>) -> Result<Option<String>, String> {
    let code = text(v, 100)?;
    if code.as_deref().is_some_and(|c| {
        c.is_empty()
            || !c
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
    }) {
        return Err("service_code is not a catalogue code".into());
    }
    Ok(code)
}

/// Stores a checked survey under its item id, inside the ingestion transaction.
pub async fn store(
    tx: &mut Transaction<'_, Any>,
    id: &str,
    kiosk: &str,
    s: &Survey,
) -> Result<(), HubError> {
    let mut q = sqlx::query(sql::INSERT)
        .bind(id)
        // visit ids are unique per kiosk, not across kiosks: qualify them.
        .bind(s.visit_id.as_ref().map(|v| format!("{kiosk}/{v}")))
        .bind(kiosk)
        .bind(&s.source)
        .bind(&s.date)
        .bind(&s.submitted_at);
    for a in s.answers {
        q = q.bind(a);
    }
    q = q.bind(&s.suggestion);
    for p in &s.profile {
        q = q.bind(p);
    }
    q = q.bind(&s.skm_code);
    q.execute(&mut **tx).await?;
    Ok(())
}

/// Paper surveys from the office's own files (`anjungan-hub skm import-csv`), all rows or
/// none: the only way `import` responses enter the office's figures (a kiosk token cannot
/// send them). Dated as the file says, or `today`. Returns how many were stored.
pub async fn import_csv(
    pool: &AnyPool,
    rows: &[anjungan_skm::csv_import::ImportedRow],
    now: time::OffsetDateTime,
) -> Result<usize, HubError> {
    let today = anjungan_permit::office_date(now);
    let submitted_at = crate::db::rfc3339(now);
    let mut tx = crate::db::begin_write(pool).await?;
    for row in rows {
        let mut q = sqlx::query(sql::INSERT)
            .bind(uuid::Uuid::now_v7().to_string())
            .bind(Option::<String>::None)
            .bind("hub:import")
            .bind("import")
            .bind(row.date.clone().unwrap_or_else(|| today.clone()))
            .bind(&submitted_at);
        for a in row.answers {
            q = q.bind(a.map(i64::from));
        }
        q = q
            .bind(Option::<String>::None)
            .bind(&row.sex)
            .bind(&row.age_band)
            .bind(&row.education)
            .bind(&row.occupation)
            .bind(&row.service)
            .bind(Option::<String>::None);
        q.execute(&mut *tx).await?;
    }
    tx.commit().await?;
    Ok(rows.len())
}

fn ints(row: &AnyRow, offset: usize) -> Vec<i64> {
    (0..23)
        .map(|i| row.try_get::<i64, _>(offset + i).unwrap_or(0))
        .collect()
}

/// The codes the office's applications carry: a survey with one of them is linked.
const KNOWN_CODES: &str = "SELECT skm_code FROM applications WHERE skm_code IS NOT NULL";

pub async fn aggregates(
    pool: &AnyPool,
    from: Option<&str>,
    to: Option<&str>,
) -> Result<Aggregates, HubError> {
    let row = sqlx::query(&sql::tally_sql())
        .bind(from)
        .bind(to)
        .fetch_one(pool)
        .await?;
    let tally = sql::tally_from_row(&ints(&row, 0));
    let monthly = sqlx::query(&sql::monthly_sql())
        .bind(from)
        .bind(to)
        .fetch_all(pool)
        .await?
        .iter()
        .map(|r| {
            (
                r.try_get::<String, _>(0).unwrap_or_default(),
                sql::tally_from_row(&ints(r, 1)),
            )
        })
        .collect();
    let mut tables = Vec::new();
    for column in ["sex", "age_band", "education", "occupation", "service_code"] {
        let rows: Vec<(String, i64)> = sqlx::query_as(&sql::profile_sql(column))
            .bind(from)
            .bind(to)
            .fetch_all(pool)
            .await?;
        tables.push(
            rows.into_iter()
                .map(|(value, count)| CountRow {
                    value,
                    count: count.max(0).unsigned_abs(),
                })
                .collect::<Vec<_>>(),
        );
    }
    let mut tables = tables.into_iter();
    let mut next = || tables.next().unwrap_or_default();
    let profile = ProfileTables {
        sex: next(),
        age_band: next(),
        education: next(),
        occupation: next(),
        service: next(),
    };
    let suggestions: Vec<(String,)> = sqlx::query_as(&sql::suggestions_sql())
        .bind(from)
        .bind(to)
        .fetch_all(pool)
        .await?;
    let mut parts = Vec::new();
    for part in [sql::Part::Linked, sql::Part::Unlinked] {
        let row = sqlx::query(&sql::part_tally_sql(part, Some(KNOWN_CODES)))
            .bind(from)
            .bind(to)
            .fetch_one(pool)
            .await?;
        parts.push(sql::tally_from_row(&ints(&row, 0)));
    }
    let (duplicates,): (i64,) = sqlx::query_as(&sql::duplicates_sql())
        .bind(from)
        .bind(to)
        .fetch_one(pool)
        .await?;
    let unlinked = parts.pop().unwrap_or_default();
    let linked = parts.pop().unwrap_or_default();
    Ok(Aggregates {
        tally,
        monthly,
        profile,
        suggestions: suggestions.into_iter().map(|(s,)| s).collect(),
        linked,
        unlinked,
        duplicates: duplicates.max(0).unsigned_abs(),
    })
}

pub async fn summary(
    pool: &AnyPool,
    from: Option<String>,
    to: Option<String>,
    population: Option<u64>,
) -> Result<SkmSummary, HubError> {
    let agg = aggregates(pool, from.as_deref(), to.as_deref()).await?;
    Ok(anjungan_skm::summary::summarize(from, to, population, agg))
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_hub_table_is_the_kiosk_table() {
        let migration = include_str!("../migrations/sqlite/0003_survey.sql");
        assert!(migration.contains(anjungan_skm::store::CREATE_TABLE.trim()));
        let codes = include_str!("../migrations/sqlite/0007_office.sql");
        assert!(codes.contains(anjungan_skm::store::ADD_CODE_COLUMN.trim()));
    }
}
