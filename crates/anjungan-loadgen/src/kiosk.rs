//! One simulated kiosk: its own token and HTTP connection, and a kiosk's habits. It checks in
//! every `check_every` (plus jitter; the hub's pacing setting when the run sets none), each
//! time asking for its identity and the catalogue, trust lists and office settings with their
//! ETags, and sending a heartbeat at most once a minute. A citizen's item is delivered at
//! once, as the kiosk's sync worker does: documents first (HEAD, then PUT if the hub lacks
//! them), then the batch. A failed delivery waits a growing, jittered pause and tries again.

use crate::latency::Recorder;
use crate::mix::{next_item, Pending};
use anjungan_wire::api::{BatchResult, Heartbeat, ItemBatch, ItemOutcome, OfficeBody};
use rand::rngs::StdRng;
use rand::Rng;
use std::collections::{BTreeMap, VecDeque};
use std::time::{Duration, Instant};

/// How every simulated kiosk behaves in a run.
#[derive(Debug, Clone)]
pub struct Habits {
    /// `None`: the hub's pacing (`GET /v1/office`), else 30 s.
    pub check_every: Option<Duration>,
    pub jitter: Option<Duration>,
    /// Citizens' items per minute (a Poisson stream).
    pub items_per_min: f64,
    /// Items each kiosk holds at the start, dated over the hour before: the reconnect storm
    /// after a city-wide outage. With a backlog every kiosk starts at once.
    pub backlog: usize,
    /// Items per `POST /v1/items`, as the kiosk's sync worker batches them.
    pub batch_size: usize,
}

/// What one kiosk did.
pub struct Outcome {
    pub recorder: Recorder,
    pub items_delivered: u64,
    pub items_refused: u64,
    /// With a backlog: how long until its queue was first empty.
    pub drained_after: Option<Duration>,
}

pub struct SimKiosk {
    base: String,
    token: String,
    client: reqwest::Client,
    number: Option<u16>,
    sequence: u32,
    etags: BTreeMap<&'static str, String>,
    queue: VecDeque<Pending>,
    uploaded: std::collections::BTreeSet<String>,
    last_heartbeat: Option<Instant>,
    pacing: (Duration, Duration),
    failures: u32,
    rec: Recorder,
    delivered: u64,
    refused: u64,
    rng: StdRng,
}

const DEFAULT_CHECK: Duration = Duration::from_secs(30);
const DEFAULT_JITTER: Duration = Duration::from_secs(10);
const HEARTBEAT_EVERY: Duration = Duration::from_secs(60);

struct Answer {
    status: u16,
    etag: Option<String>,
    retry_after: Option<Duration>,
    body: Vec<u8>,
}

impl SimKiosk {
    pub fn new(base: &str, token: &str, rng: StdRng) -> Result<Self, reqwest::Error> {
        Ok(Self {
            base: base.trim_end_matches('/').to_owned(),
            token: token.to_owned(),
            // One connection per kiosk, kept alive between checks as the app's client does.
            client: reqwest::Client::builder()
                .timeout(Duration::from_secs(30))
                .pool_max_idle_per_host(1)
                .build()?,
            number: None,
            sequence: 0,
            etags: BTreeMap::new(),
            queue: VecDeque::new(),
            uploaded: Default::default(),
            last_heartbeat: None,
            pacing: (DEFAULT_CHECK, DEFAULT_JITTER),
            failures: 0,
            rec: Recorder::default(),
            delivered: 0,
            refused: 0,
            rng,
        })
    }

    /// Sends one request and reads the whole answer, timing both.
    async fn send(&mut self, route: &'static str, req: reqwest::RequestBuilder) -> Option<Answer> {
        let started = Instant::now();
        let result = async {
            let resp = req.bearer_auth(&self.token).send().await?;
            let status = resp.status().as_u16();
            let header = |name: &str| {
                resp.headers()
                    .get(name)
                    .and_then(|v| v.to_str().ok())
                    .map(str::to_owned)
            };
            let etag = header("etag");
            let retry_after = header("retry-after")
                .and_then(|s| s.parse::<u64>().ok())
                .map(Duration::from_secs);
            let body = resp.bytes().await?.to_vec();
            Ok::<_, reqwest::Error>(Answer {
                status,
                etag,
                retry_after,
                body,
            })
        }
        .await;
        let micros = u64::try_from(started.elapsed().as_micros()).unwrap_or(u64::MAX);
        match result {
            Ok(a) => {
                let ok = (200..300).contains(&a.status)
                    || a.status == 304
                    || (a.status == 404 && route.starts_with("HEAD"));
                self.rec.note(route, micros, &a.status.to_string(), ok);
                Some(a)
            }
            Err(_) => {
                self.rec.note(route, micros, "transport", false);
                None
            }
        }
    }

    async fn get_with_etag(&mut self, route: &'static str, path: &str) -> Option<Answer> {
        let mut req = self.client.get(format!("{}{path}", self.base));
        if let Some(tag) = self.etags.get(route) {
            req = req.header("if-none-match", tag);
        }
        let answer = self.send(route, req).await?;
        if answer.status == 200 {
            if let Some(tag) = &answer.etag {
                self.etags.insert(route, tag.clone());
            }
        }
        Some(answer)
    }

    /// The connection check: identity, the three documents with their ETags, a heartbeat.
    async fn check(&mut self, habits: &Habits) {
        let me = self.client.get(format!("{}/v1/kiosk/me", self.base));
        if let Some(a) = self.send("GET /v1/kiosk/me", me).await {
            if let Ok(me) = serde_json::from_slice::<anjungan_wire::api::KioskIdentity>(&a.body) {
                self.number = me.kiosk_number;
            }
        }
        self.get_with_etag("GET /v1/catalogue", "/v1/catalogue")
            .await;
        self.get_with_etag("GET /v1/trust", "/v1/trust").await;
        if let Some(a) = self.get_with_etag("GET /v1/office", "/v1/office").await {
            if let Ok(office) = serde_json::from_slice::<OfficeBody>(&a.body) {
                if let Some(p) = office.pacing {
                    self.pacing = (
                        Duration::from_secs(u64::from(p.check_every_s)),
                        Duration::from_secs(u64::from(p.jitter_s)),
                    );
                }
            }
        }
        if let Some(e) = habits.check_every {
            self.pacing.0 = e;
        }
        if let Some(j) = habits.jitter {
            self.pacing.1 = j;
        }
        if self
            .last_heartbeat
            .is_none_or(|t| t.elapsed() >= HEARTBEAT_EVERY)
        {
            self.last_heartbeat = Some(Instant::now());
            let beat = Heartbeat {
                app_version: "loadgen".into(),
                pending: self.queue.len() as u64,
                in_flight: 0,
                dead: self.refused,
                oldest_pending_age_s: None,
                disk_free_bytes: Some(20 << 30),
                trust_lists_age_s: Some(0),
                last_sync_at: None,
                printer: "usb".into(),
                printer_state: Some("printed".into()),
                printer_state_at: None,
                camera: Some("ok".into()),
            };
            let req = self
                .client
                .post(format!("{}/v1/kiosk/heartbeat", self.base))
                .json(&beat);
            self.send("POST /v1/kiosk/heartbeat", req).await;
        }
    }

    /// Delivers the queue; returns when it is empty or a delivery failed (then the pause to
    /// wait before the next try).
    async fn sync(&mut self, batch_size: usize) -> Option<Duration> {
        while !self.queue.is_empty() {
            let n = batch_size.min(self.queue.len());
            let batch: Vec<Pending> = self.queue.iter().take(n).cloned().collect();
            for (sha, bytes) in batch.iter().flat_map(|p| p.documents.iter()) {
                if self.uploaded.contains(sha) {
                    continue;
                }
                let url = format!("{}/v1/blobs/{sha}", self.base);
                let head = self
                    .send("HEAD /v1/blobs/{sha256}", self.client.head(&url))
                    .await;
                let present = match head {
                    Some(a) if a.status == 200 => true,
                    Some(a) if a.status == 404 => false,
                    other => return Some(self.pause(other.and_then(|a| a.retry_after))),
                };
                if !present {
                    let put = self.client.put(&url).body(bytes.clone());
                    match self.send("PUT /v1/blobs/{sha256}", put).await {
                        Some(a) if (200..300).contains(&a.status) => {}
                        other => return Some(self.pause(other.and_then(|a| a.retry_after))),
                    }
                }
                self.uploaded.insert(sha.clone());
            }
            let body = ItemBatch {
                items: batch.iter().map(|p| p.upload.clone()).collect(),
            };
            let req = self
                .client
                .post(format!("{}/v1/items", self.base))
                .json(&body);
            let answer = match self.send("POST /v1/items", req).await {
                Some(a) if a.status == 200 => a,
                other => return Some(self.pause(other.and_then(|a| a.retry_after))),
            };
            let Ok(result) = serde_json::from_slice::<BatchResult>(&answer.body) else {
                return Some(self.pause(None));
            };
            let mut settled = std::collections::BTreeSet::new();
            for r in &result.results {
                match r.outcome {
                    ItemOutcome::Accepted | ItemOutcome::Duplicate => {
                        self.delivered += 1;
                        settled.insert(r.id.clone());
                    }
                    ItemOutcome::Rejected if r.missing_documents.is_empty() => {
                        self.refused += 1;
                        settled.insert(r.id.clone());
                    }
                    ItemOutcome::Rejected => {
                        for sha in &r.missing_documents {
                            self.uploaded.remove(sha);
                        }
                    }
                }
            }
            self.queue.retain(|p| !settled.contains(&p.upload.id));
            self.failures = 0;
        }
        None
    }

    /// The kiosk's backoff: doubling from 1 s to 60 s, jittered, never before Retry-After.
    fn pause(&mut self, retry_after: Option<Duration>) -> Duration {
        self.failures = (self.failures + 1).min(7);
        let cap = Duration::from_secs(1 << (self.failures - 1)).min(Duration::from_secs(60));
        let jittered = cap.mul_f64(self.rng.gen_range(0.5..1.0));
        jittered.max(retry_after.unwrap_or_default())
    }

    fn next_wait(&mut self) -> Duration {
        let (every, jitter) = self.pacing;
        every + jitter.mul_f64(self.rng.gen_range(0.0..1.0))
    }

    /// Time to the next citizen (exponential, mean 60 / items_per_min s).
    fn next_arrival(&mut self, items_per_min: f64) -> Duration {
        if items_per_min <= 0.0 {
            return Duration::from_secs(86_400);
        }
        let u: f64 = self.rng.gen_range(f64::EPSILON..1.0);
        Duration::from_secs_f64(-u.ln() * 60.0 / items_per_min)
    }

    fn enqueue(&mut self, at: time::OffsetDateTime) {
        let item = next_item(&mut self.rng, at, self.number, &mut self.sequence);
        self.queue.push_back(item);
    }

    /// Runs the kiosk until `deadline`, starting after `start_delay`.
    pub async fn run(
        mut self,
        habits: Habits,
        start_delay: Duration,
        deadline: Instant,
    ) -> Outcome {
        tokio::time::sleep(start_delay).await;
        let started = Instant::now();
        if habits.backlog > 0 {
            // The number is needed to number the backlog's applications.
            let me = self.client.get(format!("{}/v1/kiosk/me", self.base));
            if let Some(a) = self.send("GET /v1/kiosk/me", me).await {
                if let Ok(me) = serde_json::from_slice::<anjungan_wire::api::KioskIdentity>(&a.body)
                {
                    self.number = me.kiosk_number;
                }
            }
            let now = time::OffsetDateTime::now_utc();
            for i in 0..habits.backlog {
                let back =
                    time::Duration::seconds((3600 * (habits.backlog - i) / habits.backlog) as i64);
                self.enqueue(now - back);
            }
        }
        let mut drained_after = None;
        self.check(&habits).await;
        let mut retry_at = self
            .sync(habits.batch_size)
            .await
            .map(|p| Instant::now() + p);
        let mut next_check = Instant::now() + self.next_wait();
        let mut next_item = Instant::now() + self.next_arrival(habits.items_per_min);
        loop {
            if habits.backlog > 0 && drained_after.is_none() && self.queue.is_empty() {
                drained_after = Some(started.elapsed());
            }
            let wake = [Some(next_check), Some(next_item), retry_at, Some(deadline)]
                .into_iter()
                .flatten()
                .min()
                .unwrap_or(deadline);
            tokio::time::sleep_until(wake.into()).await;
            let now = Instant::now();
            if now >= deadline {
                break;
            }
            let mut deliver = retry_at.is_some_and(|r| now >= r);
            if now >= next_item {
                self.enqueue(time::OffsetDateTime::now_utc());
                next_item = now + self.next_arrival(habits.items_per_min);
                deliver = true;
            }
            if now >= next_check {
                self.check(&habits).await;
                next_check = Instant::now() + self.next_wait();
                deliver = true;
            }
            if deliver {
                retry_at = self
                    .sync(habits.batch_size)
                    .await
                    .map(|p| Instant::now() + p);
            }
        }
        Outcome {
            recorder: self.rec,
            items_delivered: self.delivered,
            items_refused: self.refused,
            drained_after,
        }
    }
}
