//! The two engines' migrations describe the same schema: the same tables, columns, column
//! kinds, NOT NULL and indexes. Runs where the tests have a PostgreSQL
//! (`ANJUNGAN_TEST_POSTGRES`, as in CI); elsewhere it says it was skipped.

use anjungan_hub::db::{self, Engine};
use std::collections::BTreeSet;

/// (table, column, kind, not null)
type Columns = BTreeSet<(String, String, &'static str, bool)>;

fn kind(declared: &str) -> &'static str {
    match declared.to_ascii_lowercase().as_str() {
        "integer" | "bigint" | "int8" => "integer",
        "text" => "text",
        "blob" | "bytea" => "bytes",
        _ => "other",
    }
}

/// Tables only one engine has, by design: PostgreSQL keeps the documents' bytes in a table
/// (SQLite in files), and each engine its own migration bookkeeping.
const ENGINE_ONLY: &[&str] = &["blob_data", "_sqlx_migrations"];

async fn sqlite_schema(pool: &db::Pool) -> (Columns, BTreeSet<String>) {
    let rows: Vec<(String, String, String, i64, i64)> = sqlx::query_as(
        "SELECT m.name, p.name, p.type, p.\"notnull\", p.pk FROM sqlite_master m, pragma_table_info(m.name) p
          WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'",
    )
    .fetch_all(pool)
    .await
    .expect("sqlite columns");
    let columns = rows
        .into_iter()
        .filter(|r| !ENGINE_ONLY.contains(&r.0.as_str()))
        // A primary key is NOT NULL on PostgreSQL and, in practice, on SQLite.
        .map(|(t, c, ty, notnull, pk)| (t, c, kind(&ty), notnull != 0 || pk > 0))
        .collect();
    let indexes: Vec<(String,)> = sqlx::query_as(
        "SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_autoindex%'",
    )
    .fetch_all(pool)
    .await
    .expect("sqlite indexes");
    (columns, indexes.into_iter().map(|(n,)| n).collect())
}

async fn postgres_schema(pool: &db::Pool) -> (Columns, BTreeSet<String>) {
    let rows: Vec<(String, String, String, String)> = sqlx::query_as(
        "SELECT table_name::text, column_name::text, data_type::text, is_nullable::text
           FROM information_schema.columns WHERE table_schema = current_schema()",
    )
    .fetch_all(pool)
    .await
    .expect("postgres columns");
    let columns = rows
        .into_iter()
        .filter(|r| !ENGINE_ONLY.contains(&r.0.as_str()))
        .map(|(t, c, ty, nullable)| (t, c, kind(&ty), nullable == "NO"))
        .collect();
    let indexes: Vec<(String,)> = sqlx::query_as(
        "SELECT indexname::text FROM pg_indexes WHERE schemaname = current_schema()
            AND indexname NOT LIKE '%\\_pkey' AND indexname NOT LIKE '%\\_key'",
    )
    .fetch_all(pool)
    .await
    .expect("postgres indexes");
    (columns, indexes.into_iter().map(|(n,)| n).collect())
}

#[tokio::test]
async fn both_engines_migrate_to_the_same_tables_columns_and_indexes() {
    let lite_dir = tempfile::tempdir().expect("dir");
    let lite = db::open(lite_dir.path()).await.expect("sqlite");
    let pg_dir = tempfile::tempdir().expect("dir");
    let pg = anjungan_hub::testing::open(pg_dir.path())
        .await
        .expect("db");
    if db::engine(&pg) != Engine::Postgres {
        eprintln!("skipped: set ANJUNGAN_TEST_POSTGRES to compare with PostgreSQL");
        return;
    }
    let (lite_columns, lite_indexes) = sqlite_schema(&lite).await;
    let (pg_columns, pg_indexes) = postgres_schema(&pg).await;
    assert!(lite_columns.len() > 100, "{lite_columns:?}");
    let only_lite: Vec<_> = lite_columns.difference(&pg_columns).collect();
    let only_pg: Vec<_> = pg_columns.difference(&lite_columns).collect();
    assert!(
        only_lite.is_empty() && only_pg.is_empty(),
        "only on SQLite: {only_lite:#?}\nonly on PostgreSQL: {only_pg:#?}"
    );
    assert_eq!(lite_indexes, pg_indexes);
}
