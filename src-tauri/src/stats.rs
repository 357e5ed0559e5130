//! The staff window's figures through the SQL plugin, confined to one database: the app opens
//! the statistics file itself, read-only, and hands the plugin that connection under
//! [`NAME`]. The staff window may `select` from it and nothing else: it holds no permission
//! to `load` a database (whose path would reach the kiosk's store and its NIKs), and the
//! plugin knows no other name.

use std::path::Path;
use tauri::{AppHandle, Manager};
use tauri_plugin_sql::{DbInstances, DbPool};

/// The statistics database's name in the plugin.
pub const NAME: &str = "sqlite:anjungan-stats";

/// Opens `path` read-only and makes it the plugin's [`NAME`] (closing the one before).
pub async fn attach(app: &AppHandle, path: &Path) -> Result<(), sqlx::Error> {
    let options = sqlx::sqlite::SqliteConnectOptions::new()
        .filename(path)
        .read_only(true);
    let pool = sqlx::sqlite::SqlitePoolOptions::new()
        .max_connections(1)
        .connect_with(options)
        .await?;
    let old = app
        .state::<DbInstances>()
        .0
        .write()
        .await
        .insert(NAME.to_owned(), DbPool::Sqlite(pool));
    close(old).await;
    Ok(())
}

/// Takes the statistics database from the plugin (the staff session ended).
pub async fn detach(app: &AppHandle) {
    let old = app.state::<DbInstances>().0.write().await.remove(NAME);
    close(old).await;
}

async fn close(pool: Option<DbPool>) {
    if let Some(DbPool::Sqlite(pool)) = pool {
        pool.close().await;
    }
}
