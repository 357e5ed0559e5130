//! Serving: bind, announce the address on stdout (port 0 picks a free one), log as
//! structured events, and on SIGINT/SIGTERM stop taking connections and finish in-flight
//! requests before exiting.

use crate::routes::{app, AppState};
use sqlx::SqlitePool;
use std::future::Future;
use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use tokio::net::{TcpListener, TcpStream};
use tokio_rustls::server::TlsStream;

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

/// How long a client may take to finish its TLS handshake before it is dropped.
const HANDSHAKE_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(10);

/// Accepts TCP connections and hands over only those that finished their TLS handshake;
/// each handshake runs in its own task, so a slow or silent client never holds up others.
struct TlsListener {
    ready: tokio::sync::mpsc::Receiver<(TlsStream<TcpStream>, SocketAddr)>,
    addr: SocketAddr,
}

impl TlsListener {
    fn new(tcp: TcpListener, config: Arc<rustls::ServerConfig>) -> std::io::Result<Self> {
        let addr = tcp.local_addr()?;
        let (tx, ready) = tokio::sync::mpsc::channel(64);
        let acceptor = tokio_rustls::TlsAcceptor::from(config);
        tokio::spawn(async move {
            loop {
                let (stream, peer) = tokio::select! {
                    accepted = tcp.accept() => match accepted {
                        Ok(pair) => pair,
                        Err(e) => {
                            // Out of descriptors and the like: wait instead of spinning.
                            tracing::warn!(error = %e, "accept failed");
                            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
                            continue;
                        }
                    },
                    () = tx.closed() => return,
                };
                let (acceptor, tx) = (acceptor.clone(), tx.clone());
                tokio::spawn(async move {
                    match tokio::time::timeout(HANDSHAKE_TIMEOUT, acceptor.accept(stream)).await {
                        Ok(Ok(tls)) => {
                            let _ = tx.send((tls, peer)).await;
                        }
                        Ok(Err(e)) => tracing::debug!(%peer, error = %e, "TLS handshake failed"),
                        Err(_) => tracing::debug!(%peer, "TLS handshake timed out"),
                    }
                });
            }
        });
        Ok(Self { ready, addr })
    }
}

impl axum::serve::Listener for TlsListener {
    type Io = TlsStream<TcpStream>;
    type Addr = SocketAddr;

    async fn accept(&mut self) -> (Self::Io, Self::Addr) {
        match self.ready.recv().await {
            Some(pair) => pair,
            None => std::future::pending().await,
        }
    }

    fn local_addr(&self) -> std::io::Result<SocketAddr> {
        Ok(self.addr)
    }
}

/// Serves until `shutdown` resolves, then drains in-flight requests. With `tls`, every
/// connection is HTTPS.
pub async fn serve(
    listener: TcpListener,
    pool: SqlitePool,
    data_dir: PathBuf,
    tls: Option<Arc<rustls::ServerConfig>>,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let addr = listener.local_addr()?;
    let scheme = if tls.is_some() { "https" } else { "http" };
    // The first stdout line is the contract for scripts and tests: the address to use.
    println!("anjungan-hub listening on {scheme}://{addr}");
    std::io::stdout().flush()?;
    tracing::info!(%addr, scheme, "listening");
    let router = app(AppState {
        pool: pool.clone(),
        data_dir,
    });
    match tls {
        Some(config) => {
            axum::serve(TlsListener::new(listener, config)?, router)
                .with_graceful_shutdown(shutdown)
                .await?
        }
        None => {
            axum::serve(listener, router)
                .with_graceful_shutdown(shutdown)
                .await?
        }
    }
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
    /// The pin of the key it serves HTTPS with, when it does.
    pub tls_pin: Option<String>,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    task: tokio::task::JoinHandle<std::io::Result<()>>,
}

impl Running {
    pub fn url(&self) -> String {
        let scheme = if self.tls_pin.is_some() {
            "https"
        } else {
            "http"
        };
        format!("{scheme}://{}", self.addr)
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
    spawn_with(listener, pool, data_dir, None)
}

/// Serves `pool` over HTTPS with `identity` in a background task, noting its key as served.
pub async fn spawn_tls(
    listener: TcpListener,
    pool: SqlitePool,
    data_dir: PathBuf,
    identity: &anjungan_tls::server::Identity,
) -> Result<Running, crate::error::HubError> {
    crate::trust::note_served_pin(&pool, &identity.pin).await?;
    let config = identity.server_config()?;
    let mut running = spawn_with(listener, pool, data_dir, Some(config))?;
    running.tls_pin = Some(identity.pin.clone());
    Ok(running)
}

fn spawn_with(
    listener: TcpListener,
    pool: SqlitePool,
    data_dir: PathBuf,
    tls: Option<Arc<rustls::ServerConfig>>,
) -> std::io::Result<Running> {
    let addr = listener.local_addr()?;
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    let task = tokio::spawn(serve(listener, pool, data_dir, tls, async {
        let _ = rx.await;
    }));
    Ok(Running {
        addr,
        tls_pin: None,
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
