//! Moving an office's hub from its SQLite file to PostgreSQL (`anjungan-hub migrate`).
//!
//! Every table is copied row by row in one PostgreSQL transaction, in an order that respects
//! the foreign keys, and the documents' files go into `blob_data`. Before the transaction
//! commits, each table is checked on both sides: the same number of rows and the same
//! content (a digest of every row, independent of order, since the engines sort text
//! differently). Anything short of that rolls back and leaves the target as it was.
//! The target must be empty: a migration never merges into a hub that is already in use.

use crate::db::{self, Engine, Pool};
use crate::error::HubError;
use sha2::{Digest, Sha256};
use sqlx::any::AnyRow;
use sqlx::{Any, Row, Transaction};
use std::collections::BTreeMap;
use std::path::Path;

/// Every table, parents before children. A table the source has and this list lacks stops
/// the migration (a new migration must be added here; a test copies every table).
pub const TABLES: &[&str] = &[
    "kiosks",
    "services",
    "seal_keys",
    "root_keys",
    "catalogue_versions",
    "calendar_days",
    "calendar_meta",
    "office_settings",
    "office_urls",
    "counters",
    "trust_list_state",
    "tls_pins",
    "register_permits",
    "complaint_keys",
    "blobs",
    "items",
    "item_blobs",
    "survey_responses",
    "permits",
    "revocations",
    "applications",
    "applicants",
    "application_documents",
    "application_history",
    "complaints",
    "complaint_identities",
    "complaint_history",
    "kiosk_heartbeats",
    "complaint_pin_attempts",
    "kiosk_pin_budget",
    "kiosk_usage",
    "survey_waiting",
    "staff",
    "staff_sessions",
    "staff_login_failures",
    "audit_log",
];

/// Tables whose `id` PostgreSQL numbers itself: its counter continues after the copied rows.
const IDENTITY_TABLES: &[&str] = &["application_history", "complaint_history"];

/// What was moved, table by table, checked on both sides.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Moved {
    pub tables: BTreeMap<String, u64>,
    pub documents: u64,
    pub document_bytes: u64,
}

#[derive(Clone, Copy)]
enum Kind {
    Integer,
    Text,
    Bytes,
}

#[derive(Clone)]
enum Value {
    Null,
    Integer(i64),
    Text(String),
    Bytes(Vec<u8>),
}

impl Value {
    fn digest_into(&self, h: &mut Sha256) {
        match self {
            Value::Null => h.update([0]),
            Value::Integer(i) => {
                h.update([1]);
                h.update(i.to_le_bytes());
            }
            Value::Text(s) => {
                h.update([2]);
                h.update((s.len() as u64).to_le_bytes());
                h.update(s.as_bytes());
            }
            Value::Bytes(b) => {
                h.update([3]);
                h.update((b.len() as u64).to_le_bytes());
                h.update(b);
            }
        }
    }
}

fn failed(what: impl std::fmt::Display) -> HubError {
    HubError::InvalidInput(format!("migrate: {what}"))
}

/// The columns of `table` in the source, with the kind each holds.
async fn columns(source: &Pool, table: &str) -> Result<Vec<(String, Kind)>, HubError> {
    let rows: Vec<(String, String)> =
        sqlx::query_as("SELECT name, type FROM pragma_table_info($1) ORDER BY cid")
            .bind(table)
            .fetch_all(source)
            .await?;
    rows.into_iter()
        .map(|(name, ty)| {
            let kind = match ty.to_ascii_uppercase().as_str() {
                "INTEGER" => Kind::Integer,
                "TEXT" => Kind::Text,
                "BLOB" => Kind::Bytes,
                other => return Err(failed(format!("{table}.{name} has type {other}"))),
            };
            Ok((name, kind))
        })
        .collect()
}

fn read_row(row: &AnyRow, cols: &[(String, Kind)]) -> Result<Vec<Value>, HubError> {
    cols.iter()
        .enumerate()
        .map(|(i, (_, kind))| {
            Ok(match kind {
                Kind::Integer => row
                    .try_get::<Option<i64>, _>(i)?
                    .map_or(Value::Null, Value::Integer),
                Kind::Text => row
                    .try_get::<Option<String>, _>(i)?
                    .map_or(Value::Null, Value::Text),
                Kind::Bytes => row
                    .try_get::<Option<Vec<u8>>, _>(i)?
                    .map_or(Value::Null, Value::Bytes),
            })
        })
        .collect()
}

/// Order-independent digest of a table's rows.
fn digest(rows: &[Vec<Value>]) -> String {
    let mut each: Vec<[u8; 32]> = rows
        .iter()
        .map(|r| {
            let mut h = Sha256::new();
            for v in r {
                v.digest_into(&mut h);
            }
            h.finalize().into()
        })
        .collect();
    each.sort_unstable();
    let mut h = Sha256::new();
    for d in each {
        h.update(d);
    }
    hex::encode(h.finalize())
}

fn select(table: &str, cols: &[(String, Kind)]) -> String {
    let names: Vec<&str> = cols.iter().map(|(n, _)| n.as_str()).collect();
    format!("SELECT {} FROM {table}", names.join(", "))
}

async fn read_all<'c, E>(
    exec: E,
    table: &str,
    cols: &[(String, Kind)],
) -> Result<Vec<Vec<Value>>, HubError>
where
    E: sqlx::Executor<'c, Database = Any>,
{
    sqlx::query(&select(table, cols))
        .fetch_all(exec)
        .await?
        .iter()
        .map(|row| read_row(row, cols))
        .collect()
}

async fn insert(
    tx: &mut Transaction<'_, Any>,
    table: &str,
    cols: &[(String, Kind)],
    row: Vec<Value>,
) -> Result<(), HubError> {
    let names: Vec<&str> = cols.iter().map(|(n, _)| n.as_str()).collect();
    let marks: Vec<String> = (1..=cols.len()).map(|i| format!("${i}")).collect();
    let sql = format!(
        "INSERT INTO {table} ({}) VALUES ({})",
        names.join(", "),
        marks.join(", ")
    );
    let mut q = sqlx::query(&sql);
    for (v, (_, kind)) in row.into_iter().zip(cols) {
        q = match (v, kind) {
            (Value::Null, Kind::Integer) => q.bind(None::<i64>),
            (Value::Null, Kind::Text) => q.bind(None::<String>),
            (Value::Null, Kind::Bytes) => q.bind(None::<Vec<u8>>),
            (Value::Integer(i), _) => q.bind(i),
            (Value::Text(s), _) => q.bind(s),
            (Value::Bytes(b), _) => q.bind(b),
        };
    }
    q.execute(&mut **tx).await?;
    Ok(())
}

/// The SQLite database a `sqlite:PATH` names: the file itself, or the hub data directory
/// holding `hub.sqlite3`.
pub fn source_dir(from: &str) -> Result<std::path::PathBuf, HubError> {
    let path = from
        .strip_prefix("sqlite://")
        .or_else(|| from.strip_prefix("sqlite:"))
        .ok_or_else(|| failed("--from takes sqlite:PATH (the hub's data directory)"))?;
    let path = Path::new(path);
    let dir = if path.is_dir() {
        path.to_owned()
    } else {
        path.parent().map(Path::to_owned).unwrap_or_default()
    };
    if !dir.join(db::DB_FILE).is_file() {
        return Err(failed(format!(
            "{} holds no {}",
            dir.display(),
            db::DB_FILE
        )));
    }
    Ok(dir)
}

/// Copies everything in `source` (SQLite, data directory `source_dir`) into the empty
/// PostgreSQL database `target`, and checks it there before committing.
pub async fn sqlite_to_postgres(
    source: &Pool,
    source_dir: &Path,
    target: &Pool,
) -> Result<Moved, HubError> {
    if db::engine(source) != Engine::Sqlite || db::engine(target) != Engine::Postgres {
        return Err(failed("from SQLite to PostgreSQL only"));
    }
    let present: Vec<(String,)> = sqlx::query_as(
        "SELECT name FROM sqlite_master WHERE type = 'table'
            AND name NOT LIKE 'sqlite_%' AND name <> '_sqlx_migrations'",
    )
    .fetch_all(source)
    .await?;
    if let Some((unknown,)) = present.iter().find(|(t,)| !TABLES.contains(&t.as_str())) {
        return Err(failed(format!(
            "table {unknown} is not known to this version"
        )));
    }
    for table in TABLES {
        let (n,): (i64,) = sqlx::query_as(&format!("SELECT count(*) FROM {table}"))
            .fetch_one(target)
            .await?;
        if n > 0 {
            return Err(failed(format!(
                "the target already holds data ({table}: {n} rows); migrate into an empty database"
            )));
        }
    }

    let mut tx = target.begin().await?;
    let mut moved = Moved {
        tables: BTreeMap::new(),
        documents: 0,
        document_bytes: 0,
    };
    for table in TABLES {
        let cols = columns(source, table).await?;
        let rows = read_all(source, table, &cols).await?;
        let want = digest(&rows);
        let n = rows.len() as u64;
        for row in rows {
            insert(&mut tx, table, &cols, row).await?;
        }
        let got = read_all(&mut *tx, table, &cols).await?;
        if got.len() as u64 != n || digest(&got) != want {
            return Err(failed(format!(
                "{table}: {n} rows read, {} written, or their content differs; nothing was moved",
                got.len()
            )));
        }
        moved.tables.insert((*table).to_owned(), n);
    }
    for table in IDENTITY_TABLES {
        sqlx::query(&format!(
            "SELECT setval(pg_get_serial_sequence('{table}', 'id'), coalesce(max(id), 0) + 1, false) FROM {table}"
        ))
        .execute(&mut *tx)
        .await?;
    }
    // The documents' files into the database, each checked against its name.
    let shas: Vec<(String,)> = sqlx::query_as("SELECT sha256 FROM blobs ORDER BY sha256")
        .fetch_all(source)
        .await?;
    for (sha,) in shas {
        let bytes = tokio::fs::read(crate::blobs::path_of(source_dir, &sha))
            .await
            .map_err(|e| failed(format!("document {sha}: {e}")))?;
        if hex::encode(Sha256::digest(&bytes)) != sha {
            return Err(failed(format!("document {sha} is damaged on disk")));
        }
        moved.document_bytes += bytes.len() as u64;
        sqlx::query("INSERT INTO blob_data (sha256, bytes) VALUES ($1, $2)")
            .bind(&sha)
            .bind(bytes)
            .execute(&mut *tx)
            .await?;
        moved.documents += 1;
    }
    let (held,): (i64,) = sqlx::query_as("SELECT count(*) FROM blob_data")
        .fetch_one(&mut *tx)
        .await?;
    if held as u64 != moved.documents {
        return Err(failed("documents: counts differ; nothing was moved"));
    }
    tx.commit().await?;
    Ok(moved)
}
