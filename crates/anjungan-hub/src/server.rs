//! Serving: bind, announce the address on stdout (port 0 picks a free one), log as
//! structured events, and on SIGINT/SIGTERM stop taking connections and finish in-flight
//! requests before exiting.

use crate::clock::HubClock;
use crate::limits::Limits;
use crate::routes::{app, AppState};
use sqlx::AnyPool;
use std::future::Future;
use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;
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

/// Connections open per client address, each counted by a [`Held`] guard: one address (a
/// script opening thousands of idle sockets) cannot take the slots every kiosk shares.
#[derive(Debug, Clone)]
pub struct PerAddress {
    cap: usize,
    open: Arc<std::sync::Mutex<std::collections::HashMap<std::net::IpAddr, usize>>>,
}

/// One connection of an address, released when dropped.
#[derive(Debug)]
pub struct Held {
    ip: std::net::IpAddr,
    open: Arc<std::sync::Mutex<std::collections::HashMap<std::net::IpAddr, usize>>>,
}

impl PerAddress {
    pub fn new(cap: usize) -> Self {
        Self {
            cap: cap.max(1),
            open: Arc::default(),
        }
    }

    /// Counts a connection from `ip`, or `None` when that address holds its cap already.
    pub fn enter(&self, ip: std::net::IpAddr) -> Option<Held> {
        let mut open = self
            .open
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let n = open.entry(ip).or_insert(0);
        if *n >= self.cap {
            return None;
        }
        *n += 1;
        Some(Held {
            ip,
            open: Arc::clone(&self.open),
        })
    }
}

impl Drop for Held {
    fn drop(&mut self) {
        let mut open = self
            .open
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(n) = open.get_mut(&self.ip) {
            *n -= 1;
            if *n == 0 {
                open.remove(&self.ip);
            }
        }
    }
}

/// Accepts TCP connections and hands over only those that finished their TLS handshake;
/// each handshake runs in its own task, so a slow or silent client never holds up others,
/// and one address has at most its cap of handshakes under way.
struct TlsListener {
    ready: tokio::sync::mpsc::Receiver<(TlsStream<TcpStream>, SocketAddr)>,
    addr: SocketAddr,
}

impl TlsListener {
    /// A client must finish its handshake within `handshake_timeout`.
    fn new(
        tcp: TcpListener,
        config: Arc<rustls::ServerConfig>,
        handshake_timeout: Duration,
        per_address: PerAddress,
    ) -> std::io::Result<Self> {
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
                let Some(held) = per_address.enter(peer.ip()) else {
                    tracing::debug!(%peer, "too many handshakes from one address: closed");
                    continue;
                };
                let (acceptor, tx) = (acceptor.clone(), tx.clone());
                tokio::spawn(async move {
                    let _held = held;
                    match tokio::time::timeout(handshake_timeout, acceptor.accept(stream)).await {
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

/// How the hub serves: what `serve` takes from its flags, what tests set.
#[derive(Clone, Debug)]
pub struct ServeOptions {
    /// HTTPS with this configuration; plain HTTP without.
    pub tls: Option<Arc<rustls::ServerConfig>>,
    pub clock: HubClock,
    /// A client must send a request's headers within this, the first request's or, on a
    /// kept-alive connection, the next one's: an idle or slow client holds no slot for long.
    pub header_timeout: Duration,
    /// A client must finish its TLS handshake within this.
    pub handshake_timeout: Duration,
    /// Connections (and TLS handshakes under way) one client address may hold at once.
    pub max_connections_per_address: usize,
    /// The longest wait for the next piece of a request's body.
    pub body_timeout: Duration,
    /// Connections served at once; more wait in the kernel's queue until one ends.
    pub max_connections: usize,
    /// Behind a reverse proxy on this machine: a client's address is the last one of
    /// `X-Forwarded-For` when the connection comes from loopback.
    pub behind_proxy: bool,
    pub limits: Arc<Limits>,
}

impl Default for ServeOptions {
    fn default() -> Self {
        Self {
            tls: None,
            clock: HubClock::system(),
            header_timeout: Duration::from_secs(10),
            handshake_timeout: Duration::from_secs(10),
            max_connections_per_address: 256,
            body_timeout: Duration::from_secs(30),
            max_connections: 4096,
            behind_proxy: false,
            limits: Arc::new(Limits::default()),
        }
    }
}

/// Serves until `shutdown` resolves, then drains in-flight requests.
pub async fn serve(
    listener: TcpListener,
    pool: AnyPool,
    data_dir: PathBuf,
    options: ServeOptions,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let addr = listener.local_addr()?;
    let scheme = if options.tls.is_some() {
        "https"
    } else {
        "http"
    };
    // The first stdout line is the contract for scripts and tests: the address to use.
    println!("anjungan-hub listening on {scheme}://{addr}");
    std::io::stdout().flush()?;
    tracing::info!(%addr, scheme, "listening");
    let mut state = AppState::new(pool.clone(), data_dir);
    state.clock = options.clock.clone();
    state.limits = Arc::clone(&options.limits);
    state.behind_proxy = options.behind_proxy;
    state.secure = options.tls.is_some();
    let public_pool = state.public_pool.clone();
    let housekeeping = tokio::spawn(housekeeping(
        pool.clone(),
        state.data_dir.clone(),
        options.clock.clone(),
    ));
    let router = app(state);
    match options.tls.clone() {
        Some(config) => {
            let listener = TlsListener::new(
                listener,
                config,
                options.handshake_timeout,
                PerAddress::new(options.max_connections_per_address),
            )?;
            run(listener, router, &options, shutdown).await?;
        }
        None => run(listener, router, &options, shutdown).await?,
    }
    housekeeping.abort();
    public_pool.close().await;
    pool.close().await;
    tracing::info!("stopped");
    Ok(())
}

/// How often documents no item references are looked for.
const HOUSEKEEPING_EVERY: Duration = Duration::from_secs(6 * 3600);

/// At start and every six hours: personal data past its retention period goes, then
/// documents no record holds, older than a week.
async fn housekeeping(pool: AnyPool, data_dir: PathBuf, clock: HubClock) {
    let mut every = tokio::time::interval(HOUSEKEEPING_EVERY);
    loop {
        every.tick().await;
        if let Err(e) = crate::applications::fill_due_dates(&pool).await {
            tracing::warn!(error = %e, "due dates could not be counted");
        }
        if let Err(e) = crate::retention::purge(&pool, &data_dir, clock.now()).await {
            tracing::warn!(error = %e, "personal data past its retention could not be removed");
        }
        let before = clock.now() - crate::blobs::UNUSED_GRACE;
        if let Err(e) = crate::blobs::collect_unused(&pool, &data_dir, before).await {
            tracing::warn!(error = %e, "unused documents could not be removed");
        }
    }
}

/// The accept loop: at most `max_connections` at once, each served over HTTP/1.1 with a
/// header timeout and a body timeout; on `shutdown`, no new connections, and the open ones
/// finish what they are answering.
async fn run<L>(
    mut listener: L,
    router: axum::Router,
    options: &ServeOptions,
    shutdown: impl Future<Output = ()>,
) -> std::io::Result<()>
where
    L: axum::serve::Listener<Addr = SocketAddr>,
{
    use hyper_util::rt::{TokioIo, TokioTimer};
    use tower::ServiceExt;
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(options.header_timeout);
    let graceful = hyper_util::server::graceful::GracefulShutdown::new();
    let slots = Arc::new(tokio::sync::Semaphore::new(options.max_connections.max(1)));
    let body_timeout = options.body_timeout;
    let per_address = PerAddress::new(options.max_connections_per_address);
    tokio::pin!(shutdown);
    loop {
        let slot = tokio::select! {
            slot = Arc::clone(&slots).acquire_owned() => slot.map_err(std::io::Error::other)?,
            () = &mut shutdown => break,
        };
        let (io, peer) = tokio::select! {
            accepted = listener.accept() => accepted,
            () = &mut shutdown => break,
        };
        // Over its address's cap, a connection is closed at once and its slot freed.
        let Some(held) = per_address.enter(peer.ip()) else {
            tracing::debug!(%peer, "too many connections from one address: closed");
            drop(io);
            drop(slot);
            continue;
        };
        let service = tower::ServiceBuilder::new()
            .layer(tower_http::timeout::RequestBodyTimeoutLayer::new(
                body_timeout,
            ))
            .service(router.clone())
            .map_request(move |mut req: axum::http::Request<_>| {
                req.extensions_mut().insert(crate::routes::Peer(peer));
                req
            });
        let connection = graceful.watch(http.serve_connection(
            TokioIo::new(io),
            hyper_util::service::TowerToHyperService::new(service),
        ));
        tokio::spawn(async move {
            if let Err(e) = connection.await {
                tracing::debug!(%peer, error = %e, "connection ended");
            }
            drop(held);
            drop(slot);
        });
    }
    drop(listener);
    graceful.shutdown().await;
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
pub fn spawn(listener: TcpListener, pool: AnyPool, data_dir: PathBuf) -> std::io::Result<Running> {
    spawn_with(listener, pool, data_dir, ServeOptions::default())
}

/// Serves `pool` in a background task with its clock at `clock` (tests).
pub fn spawn_at(
    listener: TcpListener,
    pool: AnyPool,
    data_dir: PathBuf,
    clock: HubClock,
) -> std::io::Result<Running> {
    spawn_with(
        listener,
        pool,
        data_dir,
        ServeOptions {
            clock,
            ..ServeOptions::default()
        },
    )
}

/// Serves `pool` over HTTPS with `identity` in a background task, noting its key as served.
pub async fn spawn_tls(
    listener: TcpListener,
    pool: AnyPool,
    data_dir: PathBuf,
    identity: &anjungan_tls::server::Identity,
) -> Result<Running, crate::error::HubError> {
    crate::trust::note_served_pin(&pool, &identity.pin).await?;
    let config = identity.server_config()?;
    let options = ServeOptions {
        tls: Some(config),
        ..ServeOptions::default()
    };
    let mut running = spawn_with(listener, pool, data_dir, options)?;
    running.tls_pin = Some(identity.pin.clone());
    Ok(running)
}

/// Serves `pool` with `options` in a background task.
pub fn spawn_with(
    listener: TcpListener,
    pool: AnyPool,
    data_dir: PathBuf,
    options: ServeOptions,
) -> std::io::Result<Running> {
    let addr = listener.local_addr()?;
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    let task = tokio::spawn(serve(listener, pool, data_dir, options, async {
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
) -> Result<(Running, AnyPool), crate::error::HubError> {
    spawn_demo_at(data_dir, HubClock::system()).await
}

/// [`spawn_demo`] with its clock at `clock`.
pub async fn spawn_demo_at(
    data_dir: &std::path::Path,
    clock: HubClock,
) -> Result<(Running, AnyPool), crate::error::HubError> {
    spawn_demo_with(
        data_dir,
        ServeOptions {
            clock,
            ..ServeOptions::default()
        },
    )
    .await
}

/// [`spawn_demo`] served with `options` (a test's limits or clock).
pub async fn spawn_demo_with(
    data_dir: &std::path::Path,
    options: ServeOptions,
) -> Result<(Running, AnyPool), crate::error::HubError> {
    let pool = crate::testing::open(data_dir).await?;
    crate::demo::load(&pool).await?;
    crate::complaints::ensure_key(&pool, data_dir).await?;
    let listener = TcpListener::bind("127.0.0.1:0").await?;
    let running = spawn_with(listener, pool.clone(), data_dir.to_owned(), options)?;
    Ok((running, pool))
}
