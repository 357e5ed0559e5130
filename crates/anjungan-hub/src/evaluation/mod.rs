//! The yearly evaluation to the Mayor (Pasal 24 of Perwali Metro 27/2020): a year of the
//! office's service in figures, as JSON for the office's own tools (schema
//! `anjungan.evaluation/1`, documented in docs/evaluation.md) and as a PDF with charts
//! ([`pdf`]).
//!
//! Every figure is counted from the hub's records, by the office's calendar day (WIB).
//! Service times follow Pasal 29 exactly as Cek Status does: an application's due date
//! counts working days from the day its file was complete, skipping weekends, holidays and
//! the force-majeure days the office declared; those days are listed with their cause.
//! Kiosks' outages are listed by cause and kiosk; they change no due date by themselves
//! (only a declared force-majeure day does), which is what the office decides from them.

pub mod pdf;

use crate::db::Pool;
use crate::error::HubError;
pub use crate::outages::OutageFigure;
use anjungan_calendar::{format_date, DayKind, OfficeCalendar};
use anjungan_wire::api::ItemKind;
use anjungan_wire::ipc::ApplicationStatus;
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::Path;
use time::Date;

/// The JSON's schema name; a change that is not an addition gets a new number.
pub const SCHEMA: &str = "anjungan.evaluation/1";

#[derive(Debug, Clone, Serialize)]
pub struct Evaluation {
    pub schema: &'static str,
    pub year: i32,
    /// The day the figures were taken (open applications are judged as of this day).
    pub as_of: String,
    pub generated_at: String,
    pub services: Vec<ServiceUse>,
    pub kiosks: Vec<KioskUse>,
    pub applications: ApplicationFigures,
    /// The whole year's IKM (computed over the year's responses, not averaged).
    pub ikm_year: QuarterIkm,
    pub ikm: Vec<QuarterIkm>,
    pub complaints: ComplaintFigures,
    pub permit_checks: BTreeMap<String, u64>,
    pub outages: Vec<OutageFigure>,
    pub force_majeure: Vec<ForceMajeureDay>,
}

/// Applications for one service, by month (index 0 = January).
#[derive(Debug, Clone, Serialize)]
pub struct ServiceUse {
    pub code: String,
    pub name: String,
    pub by_month: [u64; 12],
    pub total: u64,
}

/// What one kiosk delivered, by month, and of that how many applications.
#[derive(Debug, Clone, Serialize)]
pub struct KioskUse {
    pub kiosk: String,
    pub by_month: [u64; 12],
    pub total: u64,
    pub applications: u64,
    pub surveys: u64,
    pub permit_checks: u64,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct ApplicationFigures {
    pub received: u64,
    /// Finished with a permit (`selesai`).
    pub completed: u64,
    /// Finished with a refusal (`ditolak`).
    pub rejected: u64,
    pub open: u64,
    /// Finished on or before the due date.
    pub within_sla: u64,
    /// Finished after it.
    pub past_sla: u64,
    /// Still open and already past it on `as_of`.
    pub open_past_sla: u64,
    /// Without a due date: the file never became complete, or the service has no SLA.
    pub without_due_date: u64,
    /// Working days the declared force-majeure days took out of the service time of the
    /// applications counted (each day once per application it fell in).
    pub force_majeure_days_excluded: u64,
}

#[derive(Debug, Clone, Serialize)]
pub struct QuarterIkm {
    /// 1–4; 0 for the whole year.
    pub quarter: u8,
    pub from: String,
    pub to: String,
    pub respondents: u64,
    pub ikm: Option<f64>,
    pub grade: Option<anjungan_wire::ipc::Grade>,
    /// Respondents with a receipt's code (their application is known) and without.
    pub linked: anjungan_wire::ipc::PartScore,
    pub unlinked: anjungan_wire::ipc::PartScore,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct ComplaintFigures {
    pub received: u64,
    pub by_category: Vec<ComplaintCategory>,
    /// False when the office's complaint key was not at hand: categories are sealed with it,
    /// so every complaint is counted under `-`.
    pub categories_readable: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct ComplaintCategory {
    pub category: String,
    pub received: u64,
    /// Given a first answer (`ditanggapi`, `selesai` or `ditolak`).
    pub answered: u64,
    /// Working days from receipt to the first answer: median and longest.
    pub first_response_median_days: Option<i64>,
    pub first_response_max_days: Option<i64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ForceMajeureDay {
    pub date: String,
    pub cause: Option<String>,
}

fn month_of(d: Date) -> usize {
    usize::from(u8::from(d.month())) - 1
}

fn year_bounds(year: i32) -> Result<(Date, Date), HubError> {
    let bad = || HubError::InvalidInput(format!("--year {year} is not a year"));
    Ok((
        Date::from_calendar_date(year, time::Month::January, 1).map_err(|_| bad())?,
        Date::from_calendar_date(year, time::Month::December, 31).map_err(|_| bad())?,
    ))
}

fn median(v: &mut [i64]) -> Option<i64> {
    v.sort_unstable();
    (!v.is_empty()).then(|| v[(v.len() - 1) / 2])
}

/// The year's figures. `today` is the office's day the report is made on; `dir` holds the
/// complaint key (complaint categories are sealed with it).
pub async fn evaluate(
    pool: &Pool,
    dir: &Path,
    year: i32,
    today: Date,
    now: time::OffsetDateTime,
) -> Result<Evaluation, HubError> {
    let (first, last) = year_bounds(year)?;
    let as_of = today.clamp(first, last);
    let calendar = crate::office::calendar(pool).await?;
    let in_year = |d: Date| d >= first && d <= last;

    let services = service_use(pool, first, last).await?;
    let kiosks = kiosk_use(pool, &in_year).await?;
    let applications = application_figures(pool, &calendar, first, last, as_of).await?;
    let ikm_year = period_ikm(
        pool,
        0,
        format!("{year:04}-01-01"),
        format!("{year:04}-12-31"),
    )
    .await?;
    let ikm = quarters(pool, year).await?;
    let complaints = complaint_figures(pool, dir, &calendar, &in_year).await?;
    let permit_checks = crate::verifications::by_verdict(pool, &in_year).await?;
    let outages = crate::outages::figures(pool, &in_year).await?;
    let force_majeure = crate::office::calendar_file(pool)
        .await?
        .days
        .into_iter()
        .filter(|d| d.kind == DayKind::ForceMajeure)
        .filter(|d| anjungan_calendar::parse_date(&d.date).is_some_and(in_year))
        .map(|d| ForceMajeureDay {
            date: d.date,
            cause: d.note,
        })
        .collect();
    Ok(Evaluation {
        schema: SCHEMA,
        year,
        as_of: format_date(as_of),
        generated_at: crate::db::rfc3339(now),
        services,
        kiosks,
        applications,
        ikm_year,
        ikm,
        complaints,
        permit_checks,
        outages,
        force_majeure,
    })
}

async fn service_use(pool: &Pool, first: Date, last: Date) -> Result<Vec<ServiceUse>, HubError> {
    let rows: Vec<(String, Option<String>, String)> = sqlx::query_as(
        "SELECT a.service_code, s.name, a.submitted_on FROM applications a
           LEFT JOIN services s ON s.code = a.service_code
          WHERE a.submitted_on >= $1 AND a.submitted_on <= $2",
    )
    .bind(format_date(first))
    .bind(format_date(last))
    .fetch_all(pool)
    .await?;
    let mut by: BTreeMap<String, ServiceUse> = BTreeMap::new();
    for (code, name, on) in rows {
        let Some(day) = anjungan_calendar::parse_date(&on) else {
            continue;
        };
        let e = by.entry(code.clone()).or_insert_with(|| ServiceUse {
            name: name.unwrap_or_else(|| code.clone()),
            code,
            by_month: [0; 12],
            total: 0,
        });
        e.by_month[month_of(day)] += 1;
        e.total += 1;
    }
    let mut out: Vec<ServiceUse> = by.into_values().collect();
    out.sort_by(|a, b| b.total.cmp(&a.total).then_with(|| a.code.cmp(&b.code)));
    Ok(out)
}

async fn kiosk_use(
    pool: &Pool,
    in_year: &impl Fn(Date) -> bool,
) -> Result<Vec<KioskUse>, HubError> {
    let rows: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT k.name, i.kind, i.created_at FROM items i JOIN kiosks k ON k.id = i.kiosk_id",
    )
    .fetch_all(pool)
    .await?;
    let mut by: BTreeMap<String, KioskUse> = BTreeMap::new();
    for (kiosk, kind, at) in rows {
        let Some(day) = anjungan_permit::office_day_of(&at).filter(|d| in_year(*d)) else {
            continue;
        };
        let e = by.entry(kiosk.clone()).or_insert_with(|| KioskUse {
            kiosk,
            by_month: [0; 12],
            total: 0,
            applications: 0,
            surveys: 0,
            permit_checks: 0,
        });
        e.by_month[month_of(day)] += 1;
        e.total += 1;
        match ItemKind::from_code(&kind) {
            Some(ItemKind::Application) => e.applications += 1,
            Some(ItemKind::SurveyResponse) => e.surveys += 1,
            Some(ItemKind::Verification) => e.permit_checks += 1,
            _ => {}
        }
    }
    Ok(by.into_values().collect())
}

async fn application_figures(
    pool: &Pool,
    calendar: &OfficeCalendar,
    first: Date,
    last: Date,
    as_of: Date,
) -> Result<ApplicationFigures, HubError> {
    let apps: Vec<(String, String, Option<i64>)> = sqlx::query_as(
        "SELECT a.tracking_number, a.status, s.sla_working_days FROM applications a
           LEFT JOIN services s ON s.code = a.service_code
          WHERE a.submitted_on >= $1 AND a.submitted_on <= $2",
    )
    .bind(format_date(first))
    .bind(format_date(last))
    .fetch_all(pool)
    .await?;
    let history: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT h.tracking_number, h.status, h.changed_at FROM application_history h
           JOIN applications a ON a.tracking_number = h.tracking_number
          WHERE a.submitted_on >= $1 AND a.submitted_on <= $2 ORDER BY h.id",
    )
    .bind(format_date(first))
    .bind(format_date(last))
    .fetch_all(pool)
    .await?;
    let mut steps: BTreeMap<&str, Vec<(&str, Date)>> = BTreeMap::new();
    for (number, status, at) in &history {
        if let Some(day) = anjungan_permit::office_day_of(at) {
            steps.entry(number).or_default().push((status, day));
        }
    }
    let mut f = ApplicationFigures::default();
    for (number, status, sla) in &apps {
        f.received += 1;
        match status.as_str() {
            "selesai" => f.completed += 1,
            "ditolak" => f.rejected += 1,
            _ => f.open += 1,
        }
        let steps = steps.get(number.as_str()).map(Vec::as_slice).unwrap_or(&[]);
        // As Cek Status: one rule for when the service time starts and ends.
        let typed = || {
            steps
                .iter()
                .filter_map(|(s, d)| ApplicationStatus::from_code(s).map(|s| (s, *d)))
        };
        let complete = ApplicationStatus::complete_since(typed());
        let finished = ApplicationStatus::finished_on(typed());
        let sla = sla.and_then(|d| u32::try_from(d).ok());
        let (Some(complete), Some(sla)) = (complete, sla) else {
            f.without_due_date += 1;
            continue;
        };
        let due = calendar.due_date(complete, sla);
        let end = finished.unwrap_or(as_of).min(due);
        f.force_majeure_days_excluded += days_between(complete, end)
            .filter(|d| calendar.day_off(*d) == Some(DayKind::ForceMajeure))
            .count() as u64;
        match finished {
            Some(done) if done <= due => f.within_sla += 1,
            Some(_) => f.past_sla += 1,
            None if as_of > due => f.open_past_sla += 1,
            None => {}
        }
    }
    Ok(f)
}

/// The days after `from` up to and including `to`.
fn days_between(from: Date, to: Date) -> impl Iterator<Item = Date> {
    std::iter::successors(from.next_day(), |d| d.next_day()).take_while(move |d| *d <= to)
}

/// The IKM of one period, exactly as the SKM report computes it.
async fn period_ikm(
    pool: &Pool,
    quarter: u8,
    from: String,
    to: String,
) -> Result<QuarterIkm, HubError> {
    let s = crate::skm::summary(pool, Some(from.clone()), Some(to.clone()), None).await?;
    Ok(QuarterIkm {
        quarter,
        from,
        to,
        respondents: s.respondents,
        ikm: s.ikm,
        grade: s.grade,
        linked: s.linked,
        unlinked: s.unlinked,
    })
}

async fn quarters(pool: &Pool, year: i32) -> Result<Vec<QuarterIkm>, HubError> {
    let mut out = Vec::new();
    for (q, (from, to)) in [
        ("01-01", "03-31"),
        ("04-01", "06-30"),
        ("07-01", "09-30"),
        ("10-01", "12-31"),
    ]
    .into_iter()
    .enumerate()
    {
        out.push(
            period_ikm(
                pool,
                q as u8 + 1,
                format!("{year:04}-{from}"),
                format!("{year:04}-{to}"),
            )
            .await?,
        );
    }
    Ok(out)
}

async fn complaint_figures(
    pool: &Pool,
    dir: &Path,
    calendar: &OfficeCalendar,
    in_year: &impl Fn(Date) -> bool,
) -> Result<ComplaintFigures, HubError> {
    let records: Vec<(String, String)> =
        sqlx::query_as("SELECT tracking_number, received_on FROM complaints")
            .fetch_all(pool)
            .await?;
    let answered: Vec<(String, String)> = sqlx::query_as(
        "SELECT tracking_number, min(changed_at) FROM complaint_history
          WHERE status IN ('ditanggapi', 'selesai', 'ditolak') GROUP BY tracking_number",
    )
    .fetch_all(pool)
    .await?;
    let answered: BTreeMap<String, Date> = answered
        .into_iter()
        .filter_map(|(n, at)| Some((n, anjungan_permit::office_day_of(&at)?)))
        .collect();
    // Categories are inside the sealed complaint: readable with the office's key only.
    let (categories, readable) = match crate::complaints::list(pool, dir, None).await {
        Ok(rows) => (
            rows.into_iter()
                .map(|r| (r.tracking_number, r.category))
                .collect::<BTreeMap<_, _>>(),
            true,
        ),
        Err(e) => {
            tracing::warn!(error = %e, "complaint categories not readable; counted under -");
            (BTreeMap::new(), false)
        }
    };
    let mut by: BTreeMap<String, (u64, u64, Vec<i64>)> = BTreeMap::new();
    let mut received = 0;
    for (number, on) in records {
        let Some(day) = anjungan_calendar::parse_date(&on).filter(|d| in_year(*d)) else {
            continue;
        };
        received += 1;
        let category = categories
            .get(&number)
            .cloned()
            .unwrap_or_else(|| "-".into());
        let e = by.entry(category).or_default();
        e.0 += 1;
        if let Some(first) = answered.get(&number) {
            e.1 += 1;
            e.2.push(calendar.working_days_between(day, *first).max(0));
        }
    }
    let mut by_category: Vec<ComplaintCategory> = by
        .into_iter()
        .map(
            |(category, (received, answered, mut days))| ComplaintCategory {
                category,
                received,
                answered,
                first_response_max_days: days.iter().copied().max(),
                first_response_median_days: median(&mut days),
            },
        )
        .collect();
    by_category.sort_by(|a, b| {
        b.received
            .cmp(&a.received)
            .then_with(|| a.category.cmp(&b.category))
    });
    Ok(ComplaintFigures {
        received,
        by_category,
        categories_readable: readable,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_between_excludes_the_first_and_includes_the_last() {
        let d = |s| anjungan_calendar::parse_date(s).expect("date");
        let days: Vec<Date> = days_between(d("2026-03-30"), d("2026-04-02")).collect();
        assert_eq!(days, [d("2026-03-31"), d("2026-04-01"), d("2026-04-02")]);
        assert_eq!(days_between(d("2026-04-02"), d("2026-04-02")).count(), 0);
        assert_eq!(median(&mut [5, 1, 3, 2]), Some(2));
        assert_eq!(median(&mut []), None);
    }
}
