//! Serving: bind, announce the address on stdout (port 0 picks a free one), log as
//! structured events, and on SIGINT/SIGTERM stop taking connections and finish in-flight
//! requests before exiting.

use crate::routes::{app, AppState};
use sqlx::SqlitePool;
use std::future::Future;
use std::io::Write;
use std::path::PathBuf;
use tokio::net::TcpListener;

/// Log format for the hub's events (stderr).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum LogFormat {
    Text,
    Json,
}

pub fn init_logging(format: LogFormat) {
    let filter = tracing_subscriber::EnvFilter::try_from_env("ANJUNGAN_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,tower_http=info,sqlx=warn"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    let _ = match format {
        LogFormat::Json => builder.json().try_init(),
        LogFormat::Text => builder.try_init(),
    };
}

/// Serves until `shutdown` resolves, then drains in-flight requests.
pub async fn serve(
    listener: TcpListener,
    pool: SqlitePool,
    data_dir: PathBuf,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let addr = listener.local_addr()?;
    // The first stdout line is the contract for scripts and tests: the address to use.
    println!("anjungan-hub listening on http://{addr}");
    std::io::stdout().flush()?;
    tracing::info!(%addr, "listening");
    axum::serve(
        listener,
        app(AppState {
            pool: pool.clone(),
            data_dir,
        }),
    )
    .with_graceful_shutdown(shutdown)
    .await?;
    pool.close().await;
    tracing::info!("stopped");
    Ok(())
}

/// Resolves on SIGINT or SIGTERM. The handlers are installed when this is called (not when
/// first polled), so a signal that arrives right after the address is printed is not lost.
pub fn shutdown_signal() -> impl Future<Output = ()> + Send + 'static {
    #[cfg(unix)]
    let (mut int, mut term) = {
        use tokio::signal::unix::{signal, SignalKind};
        (
            signal(SignalKind::interrupt()).ok(),
            signal(SignalKind::terminate()).ok(),
        )
    };
    async move {
        #[cfg(unix)]
        {
            let int = async {
                match int.as_mut() {
                    Some(s) => {
                        s.recv().await;
                    }
                    None => std::future::pending::<()>().await,
                }
            };
            let term = async {
                match term.as_mut() {
                    Some(s) => {
                        s.recv().await;
                    }
                    None => std::future::pending::<()>().await,
                }
            };
            tokio::select! {
                () = int => {},
                () = term => {},
            }
        }
        #[cfg(not(unix))]
        {
            let _ = tokio::signal::ctrl_c().await;
        }
        tracing::info!("shutdown requested");
    }
}

/// A hub serving in the background of the current Tokio runtime: for tests and tools that
/// need a real hub on loopback without a separate process.
pub struct Running {
    pub addr: std::net::SocketAddr,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    task: tokio::task::JoinHandle<std::io::Result<()>>,
}

impl Running {
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Stops gracefully and waits until in-flight requests are answered.
    pub async fn stop(mut self) {
        if let Some(s) = self.stop.take() {
            let _ = s.send(());
        }
        let _ = (&mut self.task).await;
    }
}

/// Serves `pool` on `listener` in a background task.
pub fn spawn(
    listener: TcpListener,
    pool: SqlitePool,
    data_dir: PathBuf,
) -> std::io::Result<Running> {
    let addr = listener.local_addr()?;
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    let task = tokio::spawn(serve(listener, pool, data_dir, async {
        let _ = rx.await;
    }));
    Ok(Running {
        addr,
        stop: Some(tx),
        task,
    })
}

/// A hub with the demo data on a free loopback port, serving in the background: what the
/// kiosk's tests and benchmarks talk to.
pub async fn spawn_demo(
    data_dir: &std::path::Path,
) -> Result<(Running, SqlitePool), crate::error::HubError> {
    let pool = crate::db::open(data_dir).await?;
    crate::demo::load(&pool).await?;
    crate::complaints::ensure_key(&pool, data_dir).await?;
    let listener = TcpListener::bind("127.0.0.1:0").await?;
    let running = spawn(listener, pool.clone(), data_dir.to_owned())?;
    Ok((running, pool))
}
