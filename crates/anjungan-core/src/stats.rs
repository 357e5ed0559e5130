//! The staff window's own figures: a statistics database the core derives from the store —
//! counts of citizen actions by day, kind and state, permit checks by verdict, e-SKM tallies
//! per element, outages — holding no personal field. The staff window reads it through
//! `tauri-plugin-sql`, read-only, with the plugin's load and select permissions alone, so its
//! reports are plain SQL over a file that can leak nothing about a citizen.
//!
//! It is made whole each time (a temporary file, then a rename), so a reader never sees half
//! of it, and it is private (0600) like the store.

use crate::error::CoreError;
use crate::store::{Store, StoreError};
use rusqlite::{params, Connection};
use std::path::{Path, PathBuf};
use time::OffsetDateTime;

pub const STATS_FILE: &str = "stats.sqlite3";

/// What the statistics database holds: every column a count, a code or a date.
const SCHEMA: &str = "
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
-- Citizen actions and kiosk records, by the day they were made (UTC date of created_at).
CREATE TABLE actions (day TEXT NOT NULL, kind TEXT NOT NULL, state TEXT NOT NULL, n INTEGER NOT NULL);
-- Cek Keaslian Izin, by day and verdict.
CREATE TABLE verdicts (day TEXT NOT NULL, verdict TEXT NOT NULL, n INTEGER NOT NULL);
-- e-SKM: per element (1–10), how many answered and the sum of their answers (1–4).
CREATE TABLE skm_elements (element INTEGER NOT NULL, answered INTEGER NOT NULL, total INTEGER NOT NULL);
-- Hub unreachable: start, end (NULL while it lasts), cause, failed contacts.
CREATE TABLE outages (started_at TEXT NOT NULL, ended_at TEXT, cause TEXT NOT NULL, failures INTEGER NOT NULL);
";

fn store_error(e: rusqlite::Error) -> CoreError {
    CoreError::Store(StoreError::from(e))
}

/// Makes the statistics database anew in `data_dir` from the store; returns its path.
pub fn refresh(store: &Store, data_dir: &Path, now: OffsetDateTime) -> Result<PathBuf, CoreError> {
    let path = data_dir.join(STATS_FILE);
    let tmp = data_dir.join(format!("{STATS_FILE}.tmp"));
    let _ = std::fs::remove_file(&tmp);
    anjungan_files::touch(&tmp).map_err(|e| CoreError::Internal(e.to_string()))?;
    {
        let out = Connection::open(&tmp).map_err(store_error)?;
        out.execute_batch(SCHEMA).map_err(store_error)?;
        let conn = store.conn();
        copy(
            &conn,
            &out,
            "SELECT substr(created_at, 1, 10), kind, state, count(*) FROM outbox GROUP BY 1, 2, 3",
            "INSERT INTO actions (day, kind, state, n) VALUES (?1, ?2, ?3, ?4)",
            4,
        )?;
        copy(
            &conn,
            &out,
            "SELECT substr(created_at, 1, 10), json_extract(payload, '$.verdict'), count(*) FROM outbox
              WHERE kind = 'verification' AND json_valid(payload) GROUP BY 1, 2",
            "INSERT INTO verdicts (day, verdict, n) VALUES (?1, ?2, ?3)",
            3,
        )?;
        for element in 1..=10 {
            let (answered, total): (i64, Option<i64>) = conn
                .query_row(
                    &format!("SELECT count(u{element}), sum(u{element}) FROM survey_responses"),
                    [],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .map_err(store_error)?;
            out.execute(
                "INSERT INTO skm_elements (element, answered, total) VALUES (?1, ?2, ?3)",
                params![element, answered, total.unwrap_or(0)],
            )
            .map_err(store_error)?;
        }
        copy(
            &conn,
            &out,
            "SELECT strftime('%Y-%m-%dT%H:%M:%SZ', started_ms / 1000, 'unixepoch'),
                    CASE WHEN ended_ms IS NULL THEN NULL
                         ELSE strftime('%Y-%m-%dT%H:%M:%SZ', ended_ms / 1000, 'unixepoch') END,
                    cause, failures FROM outages ORDER BY started_ms",
            "INSERT INTO outages (started_at, ended_at, cause, failures) VALUES (?1, ?2, ?3, ?4)",
            4,
        )?;
        out.execute(
            "INSERT INTO meta (key, value) VALUES ('generated_at', ?1)",
            [crate::clock::rfc3339(now)],
        )
        .map_err(store_error)?;
    }
    std::fs::rename(&tmp, &path).map_err(|e| CoreError::Internal(e.to_string()))?;
    Ok(path)
}

/// Copies the rows of `select` (with `columns` columns) into `insert`.
fn copy(
    from: &Connection,
    to: &Connection,
    select: &str,
    insert: &str,
    columns: usize,
) -> Result<(), CoreError> {
    let mut read = from.prepare(select).map_err(store_error)?;
    let mut write = to.prepare(insert).map_err(store_error)?;
    let mut rows = read.query([]).map_err(store_error)?;
    while let Some(row) = rows.next().map_err(store_error)? {
        let values: Vec<rusqlite::types::Value> = (0..columns)
            .map(|i| row.get(i))
            .collect::<Result<_, _>>()
            .map_err(store_error)?;
        write
            .execute(rusqlite::params_from_iter(values))
            .map_err(store_error)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use crate::clock::ManualClock;
    use crate::outbox::NewItem;
    use crate::Kiosk;
    use anjungan_wire::api::ItemKind;
    use rand::rngs::StdRng;
    use rand::SeedableRng;
    use std::sync::Arc;
    use time::macros::datetime;

    #[test]
    fn the_statistics_hold_counts_and_no_personal_field() {
        let dir = tempfile::tempdir().expect("dir");
        let clock = Arc::new(ManualClock::new(datetime!(2026-11-30 02:00 UTC)));
        let k = Kiosk::open(dir.path(), clock).expect("kiosk");
        let mut rng = StdRng::seed_from_u64(1);
        let personal = serde_json::json!({
            "applicant": {"nik": "1872015201900002", "name": "Siti Rahmawati", "phone": "081234567890",
                          "address": "Jl. Ahmad Yani 12"}
        });
        for (kind, payload, personal) in [
            (
                ItemKind::Application,
                serde_json::json!({"service": "sip-bidan"}),
                Some(personal.clone()),
            ),
            (
                ItemKind::Complaint,
                serde_json::json!({"text": "Antrean terlalu lama, kata Siti Rahmawati"}),
                Some(personal),
            ),
            (
                ItemKind::Verification,
                serde_json::json!({"date": "2026-11-30", "verdict": "ASLI", "source": "lists"}),
                None,
            ),
            (
                ItemKind::Verification,
                serde_json::json!({"date": "2026-11-30", "verdict": "DICABUT", "source": "lists"}),
                None,
            ),
        ] {
            k.enqueue(
                &NewItem::demo(kind, payload, personal, Vec::new()),
                &mut rng,
            )
            .expect("enqueue");
        }
        let path = k.staff_stats().expect("stats");
        let bytes = std::fs::read(&path).expect("read");
        for secret in [
            "1872015201900002",
            "Siti",
            "081234567890",
            "Ahmad Yani",
            "Antrean",
        ] {
            assert!(
                !bytes.windows(secret.len()).any(|w| w == secret.as_bytes()),
                "{secret} leaked into the statistics"
            );
        }
        let db = rusqlite::Connection::open(&path).expect("open");
        let n: i64 = db
            .query_row(
                "SELECT sum(n) FROM actions WHERE day = '2026-11-30' AND state = 'pending'",
                [],
                |r| r.get(0),
            )
            .expect("actions");
        assert_eq!(n, 4);
        let verdicts: Vec<(String, i64)> = db
            .prepare("SELECT verdict, n FROM verdicts ORDER BY verdict")
            .expect("prepare")
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .expect("query")
            .collect::<Result<_, _>>()
            .expect("rows");
        assert_eq!(
            verdicts,
            [("ASLI".to_owned(), 1), ("DICABUT".to_owned(), 1)]
        );
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).expect("meta").permissions().mode() & 0o777;
            assert_eq!(mode, 0o600);
        }
        // Made anew each time: a second refresh replaces it whole.
        assert_eq!(k.staff_stats().expect("again"), path);
    }
}
