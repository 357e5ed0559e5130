//! A fault-injecting HTTP/1.1 proxy for tests. It sits between a kiosk and a hub on
//! loopback and, driven by a seed, does to each connection what real networks and servers
//! do: refuse it, stall it, answer 500 before the hub sees the request, let the hub commit
//! and then answer 500 or drop the connection, answer 429/503 with `Retry-After`, truncate
//! or trickle the response body, and — as a reverse proxy in front of a hub would — refuse a
//! request with 403/405/407/422, or with 413 when its body is over a limit. After a set
//! number of faulty connections it passes
//! everything through, so a test can check that the queue drains and nothing was lost or
//! stored twice.
//!
//! One request per connection (`connection: close` on every response) keeps the proxy
//! simple and each fault tied to exactly one request.

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinHandle;

/// What happens to one connection.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Fault {
    Pass,
    /// Closed at once, before reading anything.
    Refuse,
    /// The request is read and never answered until the client gives up.
    Stall,
    /// 500 without forwarding: the hub never saw it.
    ErrorBeforeCommit,
    /// Forwarded (the hub committed), then 500 instead of the hub's answer.
    CommitThenError,
    /// Forwarded (the hub committed), then the connection is dropped without an answer.
    CommitThenDrop,
    /// 429 or 503 with `Retry-After` (seconds or an HTTP-date), without forwarding.
    RetryAfter,
    /// Forwarded; the answer's body is cut in half and the connection closed.
    TruncatedBody,
    /// Forwarded; the answer is sent a few bytes at a time.
    SlowBody,
    /// A proxy's own refusal (403, 405, 407 or 422, an HTML page), without forwarding.
    ProxyRefusal,
    /// 413 from the proxy: the request's body is over [`FaultProxy::set_body_limit`]. Not
    /// drawn at random; it happens to every such request while the limit is set.
    BodyTooLarge,
}

impl Fault {
    /// The faults drawn at random for a faulty connection.
    pub const ALL: [Fault; 10] = [
        Fault::Pass,
        Fault::Refuse,
        Fault::Stall,
        Fault::ErrorBeforeCommit,
        Fault::CommitThenError,
        Fault::CommitThenDrop,
        Fault::RetryAfter,
        Fault::TruncatedBody,
        Fault::SlowBody,
        Fault::ProxyRefusal,
    ];
}

/// How the proxy misbehaves.
#[derive(Debug, Clone, Copy)]
pub struct Schedule {
    pub seed: u64,
    /// Connections that may be faulty; after these, everything passes.
    pub faulty_connections: u64,
    /// How long a stall lasts (longer than the client's timeout).
    pub stall: Duration,
    /// Delay between chunks of a slow body.
    pub trickle: Duration,
}

/// Counts of what the proxy did, for the test's report.
#[derive(Debug, Default)]
pub struct Tally {
    counts: Mutex<std::collections::HashMap<Fault, u64>>,
}

impl Tally {
    fn add(&self, f: Fault) {
        *self
            .counts
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .entry(f)
            .or_default() += 1;
    }

    pub fn get(&self, f: Fault) -> u64 {
        self.counts
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .get(&f)
            .copied()
            .unwrap_or(0)
    }

    pub fn faults(&self) -> u64 {
        Fault::ALL
            .iter()
            .chain([&Fault::BodyTooLarge])
            .filter(|f| **f != Fault::Pass)
            .map(|f| self.get(*f))
            .sum()
    }
}

pub struct FaultProxy {
    pub addr: SocketAddr,
    pub tally: Arc<Tally>,
    /// The largest request body passed on; 0 = no limit.
    body_limit: Arc<AtomicU64>,
    /// 1 while every request with a body (POST, PUT) gets a 503: a hub whose write path is
    /// broken while it still answers reads.
    fail_writes: Arc<AtomicU64>,
    /// Connections accepted so far.
    seen: Arc<AtomicU64>,
    task: JoinHandle<()>,
}

impl Drop for FaultProxy {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl FaultProxy {
    pub async fn start(upstream: SocketAddr, schedule: Schedule) -> std::io::Result<Self> {
        let listener = TcpListener::bind("127.0.0.1:0").await?;
        let addr = listener.local_addr()?;
        let tally = Arc::new(Tally::default());
        let rng = Arc::new(Mutex::new(StdRng::seed_from_u64(schedule.seed)));
        let seen = Arc::new(AtomicU64::new(0));
        let body_limit = Arc::new(AtomicU64::new(0));
        let fail_writes = Arc::new(AtomicU64::new(0));
        let t = Arc::clone(&tally);
        let (accepted, limit, writes) = (
            Arc::clone(&seen),
            Arc::clone(&body_limit),
            Arc::clone(&fail_writes),
        );
        let task = tokio::spawn(async move {
            while let Ok((conn, _)) = listener.accept().await {
                let n = accepted.fetch_add(1, Ordering::SeqCst);
                let (fault, retry_secs, http_date, slice) = {
                    let mut rng = rng.lock().unwrap_or_else(|p| p.into_inner());
                    let fault = if n < schedule.faulty_connections {
                        Fault::ALL[rng.gen_range(0..Fault::ALL.len())]
                    } else {
                        Fault::Pass
                    };
                    (
                        fault,
                        rng.gen_range(0..2u64),
                        rng.gen_bool(0.3),
                        rng.gen_range(1..64usize),
                    )
                };
                let (t, limit, writes) = (Arc::clone(&t), Arc::clone(&limit), Arc::clone(&writes));
                tokio::spawn(async move {
                    let _ = handle(
                        conn,
                        upstream,
                        Faulty {
                            fault,
                            schedule,
                            retry_secs,
                            http_date,
                            slice,
                            body_limit: limit.load(Ordering::SeqCst),
                            fail_writes: writes.load(Ordering::SeqCst) == 1,
                        },
                        &t,
                    )
                    .await;
                });
            }
        });
        Ok(Self {
            addr,
            tally,
            body_limit,
            fail_writes,
            seen,
            task,
        })
    }

    /// While `on`, answers 503 to every request with a body and passes the rest: whoami and
    /// health work, delivery does not.
    pub fn set_fail_writes(&self, on: bool) {
        self.fail_writes.store(u64::from(on), Ordering::SeqCst);
    }

    /// Refuses every request whose body is over `bytes` with 413, as a reverse proxy with a
    /// body size limit does (`None`: no limit, the default).
    pub fn set_body_limit(&self, bytes: Option<u64>) {
        self.body_limit
            .store(bytes.map_or(0, |b| b.max(1)), Ordering::SeqCst);
    }

    /// Connections accepted so far (the faulty ones are the first `faulty_connections`).
    pub fn connections(&self) -> u64 {
        self.seen.load(Ordering::SeqCst)
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }
}

/// Reads one HTTP/1.1 message (head + `content-length` body). `None` at EOF.
async fn read_message(
    conn: &mut TcpStream,
    head_only_body: bool,
) -> std::io::Result<Option<Vec<u8>>> {
    let mut buf = Vec::with_capacity(4096);
    let mut chunk = [0u8; 16 * 1024];
    let head_end = loop {
        if let Some(pos) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break pos + 4;
        }
        let n = conn.read(&mut chunk).await?;
        if n == 0 {
            return Ok(None);
        }
        buf.extend_from_slice(&chunk[..n]);
        if buf.len() > 1024 * 1024 {
            return Err(std::io::Error::other("head too large"));
        }
    };
    let head = String::from_utf8_lossy(&buf[..head_end]).to_lowercase();
    let length = if head_only_body {
        0
    } else {
        head.lines()
            .find_map(|l| l.strip_prefix("content-length:"))
            .and_then(|v| v.trim().parse::<usize>().ok())
            .unwrap_or(0)
    };
    while buf.len() < head_end + length {
        let n = conn.read(&mut chunk).await?;
        if n == 0 {
            return Err(std::io::Error::new(
                std::io::ErrorKind::UnexpectedEof,
                "short body",
            ));
        }
        buf.extend_from_slice(&chunk[..n]);
    }
    Ok(Some(buf))
}

/// Replaces any `connection:` header with `connection: close`.
fn close_after(message: &[u8]) -> Vec<u8> {
    let head_end = message
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .map_or(message.len(), |p| p + 2);
    let head = String::from_utf8_lossy(&message[..head_end]);
    let mut out = String::new();
    for line in head.split("\r\n").filter(|l| !l.is_empty()) {
        if !line.to_lowercase().starts_with("connection:") {
            out.push_str(line);
            out.push_str("\r\n");
        }
    }
    out.push_str("connection: close\r\n");
    let mut bytes = out.into_bytes();
    bytes.extend_from_slice(&message[head_end..]);
    bytes
}

async fn forward(request: &[u8], upstream: SocketAddr, is_head: bool) -> std::io::Result<Vec<u8>> {
    let mut up = TcpStream::connect(upstream).await?;
    up.write_all(&close_after(request)).await?;
    read_message(&mut up, is_head)
        .await?
        .ok_or_else(|| std::io::Error::other("upstream closed"))
}

fn simple(status: &str, extra: &str) -> Vec<u8> {
    let body = "{\"code\":\"unavailable\",\"message\":\"injected fault\"}";
    format!(
        "HTTP/1.1 {status}\r\ncontent-type: application/json\r\ncontent-length: {}\r\n{extra}connection: close\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}

/// A proxy's HTML page, as nginx and squid answer.
fn proxy_page(status: &str) -> Vec<u8> {
    let body = format!("<html><head><title>{status}</title></head><body><center><h1>{status}</h1></center><hr><center>nginx</center></body></html>");
    format!(
        "HTTP/1.1 {status}\r\ncontent-type: text/html\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}

/// What to do to one connection, drawn when it was accepted.
struct Faulty {
    fault: Fault,
    schedule: Schedule,
    retry_secs: u64,
    http_date: bool,
    slice: usize,
    body_limit: u64,
    fail_writes: bool,
}

async fn handle(
    mut conn: TcpStream,
    upstream: SocketAddr,
    how: Faulty,
    tally: &Tally,
) -> std::io::Result<()> {
    let Faulty {
        mut fault,
        schedule,
        retry_secs,
        http_date,
        slice,
        body_limit,
        fail_writes,
    } = how;
    if fault == Fault::Refuse {
        tally.add(fault);
        return Ok(());
    }
    let Some(request) = read_message(&mut conn, false).await? else {
        tally.add(fault);
        return Ok(());
    };
    let is_head = request.starts_with(b"HEAD ");
    let body = request
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .map_or(0, |p| request.len() - p - 4);
    if body_limit > 0 && body as u64 > body_limit {
        fault = Fault::BodyTooLarge;
    } else if fail_writes && body > 0 {
        fault = Fault::ErrorBeforeCommit;
    }
    tally.add(fault);
    match fault {
        Fault::BodyTooLarge => {
            conn.write_all(&proxy_page("413 Request Entity Too Large"))
                .await?
        }
        Fault::ProxyRefusal => {
            let status = [
                "403 Forbidden",
                "405 Method Not Allowed",
                "407 Proxy Authentication Required",
                "422 Unprocessable Entity",
            ][slice % 4];
            conn.write_all(&proxy_page(status)).await?
        }
        Fault::Refuse => {}
        Fault::Stall => tokio::time::sleep(schedule.stall).await,
        Fault::ErrorBeforeCommit => {
            conn.write_all(&simple("500 Internal Server Error", ""))
                .await?
        }
        Fault::RetryAfter => {
            let value = if http_date {
                // A date in the past: "retry now".
                "Sun, 06 Nov 1994 08:49:37 GMT".to_owned()
            } else {
                retry_secs.to_string()
            };
            let status = if retry_secs == 0 {
                "429 Too Many Requests"
            } else {
                "503 Service Unavailable"
            };
            conn.write_all(&simple(status, &format!("retry-after: {value}\r\n")))
                .await?;
        }
        Fault::CommitThenError => {
            forward(&request, upstream, is_head).await?;
            conn.write_all(&simple("500 Internal Server Error", ""))
                .await?;
        }
        Fault::CommitThenDrop => {
            forward(&request, upstream, is_head).await?;
        }
        Fault::TruncatedBody => {
            let response = close_after(&forward(&request, upstream, is_head).await?);
            let head_end = response
                .windows(4)
                .position(|w| w == b"\r\n\r\n")
                .map_or(response.len(), |p| p + 4);
            let body = response.len() - head_end;
            if body == 0 {
                // Nothing to cut: cut the head instead.
                conn.write_all(&response[..head_end / 2]).await?;
            } else {
                conn.write_all(&response[..head_end + body / 2]).await?;
            }
        }
        Fault::SlowBody => {
            let response = close_after(&forward(&request, upstream, is_head).await?);
            for piece in response.chunks(slice.max(1) * 16) {
                conn.write_all(piece).await?;
                conn.flush().await?;
                tokio::time::sleep(schedule.trickle).await;
            }
        }
        Fault::Pass => {
            let response = close_after(&forward(&request, upstream, is_head).await?);
            conn.write_all(&response).await?;
        }
    }
    conn.flush().await?;
    let _ = conn.shutdown().await;
    Ok(())
}
