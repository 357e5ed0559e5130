//! The `survey_responses` table, the same in the kiosk's store and the hub's database, and
//! the SQL both use to aggregate it (plain SQLite, so rusqlite and sqlx run it alike).

use crate::ikm::Tally;
use crate::questionnaire::ELEMENTS;

/// Columns after `id`: one row per response; answers as ten integer columns so that SQLite
/// can sum them without parsing JSON.
pub const CREATE_TABLE: &str = "
CREATE TABLE survey_responses (
    id           TEXT PRIMARY KEY,
    visit_id     TEXT UNIQUE,
    kiosk        TEXT,
    source       TEXT NOT NULL CHECK (source IN ('kiosk', 'import')),
    date         TEXT NOT NULL,
    submitted_at TEXT NOT NULL,
    u1  INTEGER CHECK (u1  BETWEEN 1 AND 4), u2  INTEGER CHECK (u2  BETWEEN 1 AND 4),
    u3  INTEGER CHECK (u3  BETWEEN 1 AND 4), u4  INTEGER CHECK (u4  BETWEEN 1 AND 4),
    u5  INTEGER CHECK (u5  BETWEEN 1 AND 4), u6  INTEGER CHECK (u6  BETWEEN 1 AND 4),
    u7  INTEGER CHECK (u7  BETWEEN 1 AND 4), u8  INTEGER CHECK (u8  BETWEEN 1 AND 4),
    u9  INTEGER CHECK (u9  BETWEEN 1 AND 4), u10 INTEGER CHECK (u10 BETWEEN 1 AND 4),
    suggestion   TEXT,
    sex          TEXT,
    age_band     TEXT,
    education    TEXT,
    occupation   TEXT,
    service_code TEXT
);
CREATE INDEX survey_responses_date ON survey_responses (date);
";

/// The one-time e-SKM code a response was given with (NULL without one). Added by a later
/// migration on both sides.
pub const ADD_CODE_COLUMN: &str = "ALTER TABLE survey_responses ADD COLUMN skm_code TEXT;
CREATE INDEX survey_responses_skm_code ON survey_responses (skm_code);";

pub const INSERT: &str = "
INSERT INTO survey_responses (id, visit_id, kiosk, source, date, submitted_at,
    u1, u2, u3, u4, u5, u6, u7, u8, u9, u10, suggestion, sex, age_band, education, occupation, service_code,
    skm_code)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22,
    $23)
ON CONFLICT (id) DO NOTHING";

/// A response given with a code some earlier response already used is kept (nothing a
/// citizen wrote is lost) but not counted: the earliest by submission time (then id) counts,
/// whichever kiosk's queue reached the store first.
const DUPLICATE: &str = "(skm_code IS NOT NULL AND EXISTS (SELECT 1 FROM survey_responses o
    WHERE o.skm_code = survey_responses.skm_code AND (o.submitted_at < survey_responses.submitted_at
       OR (o.submitted_at = survey_responses.submitted_at AND o.id < survey_responses.id))))";

/// `$1` = from (YYYY-MM-DD or NULL), `$2` = to (inclusive, or NULL); duplicates left out.
const PERIOD_ONLY: &str = "($1 IS NULL OR date >= $1) AND ($2 IS NULL OR date <= $2)";

fn period() -> String {
    format!("{PERIOD_ONLY} AND NOT {DUPLICATE}")
}

/// Which respondents a tally covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// Given with a code that belongs to an application (one survey per service).
    Linked,
    /// Without a code, or with one no application has (yet).
    Unlinked,
}

/// `known_codes`: a subquery of the codes applications carry (the hub), or `None` where
/// no applications are known (the kiosk: a code that passed its check digit counts).
fn linked(known_codes: Option<&str>) -> String {
    match known_codes {
        Some(q) => format!("(skm_code IS NOT NULL AND skm_code IN ({q}))"),
        None => "(skm_code IS NOT NULL)".to_owned(),
    }
}

/// The tally of one part: one row of 23 integers, like [`tally_sql`].
pub fn part_tally_sql(part: Part, known_codes: Option<&str>) -> String {
    let not = if part == Part::Linked { "" } else { "NOT " };
    format!(
        "SELECT {TALLY_COLUMNS} FROM survey_responses WHERE {} AND {not}{}",
        period(),
        linked(known_codes)
    )
}

/// Responses kept but not counted because their code was used before: one integer.
pub fn duplicates_sql() -> String {
    format!("SELECT count(*) FROM survey_responses WHERE {PERIOD_ONLY} AND {DUPLICATE}")
}

/// Sums are cast to BIGINT: PostgreSQL sums integers as NUMERIC, which the hub's driver
/// does not read.
const TALLY_COLUMNS: &str = "count(*),
    CAST(coalesce(sum(u1), 0) AS BIGINT), count(u1), CAST(coalesce(sum(u2), 0) AS BIGINT), count(u2), CAST(coalesce(sum(u3), 0) AS BIGINT), count(u3),
    CAST(coalesce(sum(u4), 0) AS BIGINT), count(u4), CAST(coalesce(sum(u5), 0) AS BIGINT), count(u5), CAST(coalesce(sum(u6), 0) AS BIGINT), count(u6),
    CAST(coalesce(sum(u7), 0) AS BIGINT), count(u7), CAST(coalesce(sum(u8), 0) AS BIGINT), count(u8), CAST(coalesce(sum(u9), 0) AS BIGINT), count(u9),
    CAST(coalesce(sum(u10), 0) AS BIGINT), count(u10),
    CAST(coalesce(sum(CASE WHEN u9 IS NOT NULL AND u10 IS NOT NULL THEN u9 + u10
                      WHEN u9 IS NOT NULL THEN 2 * u9
                      WHEN u10 IS NOT NULL THEN 2 * u10 END), 0) AS BIGINT),
    count(coalesce(u9, u10))";

/// One row of 23 integers: see [`tally_from_row`].
pub fn tally_sql() -> String {
    format!(
        "SELECT {TALLY_COLUMNS} FROM survey_responses WHERE {}",
        period()
    )
}

/// Rows of (month `YYYY-MM`, then the 23 tally integers).
pub fn monthly_sql() -> String {
    format!(
        "SELECT substr(date, 1, 7) AS month, {TALLY_COLUMNS} FROM survey_responses
          WHERE {} GROUP BY month ORDER BY month",
        period()
    )
}

/// Rows of (value, count) for one profile column; unanswered as an empty value.
pub fn profile_sql(column: &str) -> String {
    let column = match column {
        "sex" | "age_band" | "education" | "occupation" | "service_code" => column,
        _ => "sex",
    };
    format!(
        "SELECT coalesce({column}, ''), count(*) FROM survey_responses WHERE {}
          GROUP BY 1 ORDER BY 2 DESC, 1",
        period()
    )
}

pub fn suggestions_sql() -> String {
    format!(
        "SELECT suggestion FROM survey_responses WHERE {PERIOD_ONLY} AND suggestion IS NOT NULL
          AND trim(suggestion) != '' ORDER BY submitted_at DESC LIMIT 50"
    )
}

/// Builds a [`Tally`] from the 23 integers of [`tally_sql`].
pub fn tally_from_row(v: &[i64]) -> Tally {
    let u = |i: usize| v.get(i).copied().unwrap_or(0).max(0).unsigned_abs();
    let mut t = Tally {
        respondents: u(0),
        ..Tally::default()
    };
    for k in 0..ELEMENTS {
        t.sum[k] = u(1 + 2 * k);
        t.answered[k] = u(2 + 2 * k);
    }
    t.merged_sum_x2 = u(21);
    t.merged_answered = u(22);
    t
}
