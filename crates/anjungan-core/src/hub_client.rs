//! HTTP calls to the hub. Every call has a connect timeout and a whole-request timeout and
//! no retries of its own (the sync worker is the one retry layer); every failure is
//! classified, so the UI can stay calm and the outage log can name a cause.

use anjungan_wire::api::{
    ApiError, ApplicationStatusBody, BatchResult, Health, Heartbeat, ItemBatch, KioskIdentity,
    PermitLookup, PermitLookupRequest,
};
use anjungan_wire::ipc::ErrorCode;
use reqwest::{RequestBuilder, Response, StatusCode};
use serde::de::DeserializeOwned;
use std::time::Duration;

pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(3);
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);
/// Uploads of documents may take longer than a status lookup.
pub const UPLOAD_TIMEOUT: Duration = Duration::from_secs(120);

/// Why the hub could not be reached: the outage log's cause classes (Pasal 29), as the
/// outage items carry them.
pub use anjungan_wire::item::OutageCause as FailureCause;

#[derive(Debug, thiserror::Error)]
pub enum HubError {
    #[error("the hub cannot be reached ({}): {detail}", cause.code())]
    Unreachable {
        cause: FailureCause,
        detail: String,
        /// The hub's `Retry-After`, when it sent one.
        retry_after: Option<Duration>,
    },
    #[error("the hub refused this kiosk's token")]
    Unauthorized,
    #[error("the hub does not know it")]
    NotFound,
    #[error("the hub refused the request ({status}): {code}: {message}")]
    Rejected {
        status: u16,
        code: String,
        message: String,
    },
    #[error("not a usable hub address: {0}")]
    BadUrl(String),
}

impl HubError {
    pub fn code(&self) -> ErrorCode {
        match self {
            HubError::Unreachable { .. } => ErrorCode::HubUnreachable,
            HubError::Unauthorized => ErrorCode::Unauthorized,
            HubError::NotFound => ErrorCode::NotFound,
            HubError::BadUrl(_) => ErrorCode::InvalidInput,
            HubError::Rejected { .. } => ErrorCode::Internal,
        }
    }
}

#[derive(Debug, Clone)]
pub struct HubClient {
    http: reqwest::Client,
    base: String,
    token: Option<String>,
    upload_timeout: Duration,
}

/// How a hub address is reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Transport {
    /// `https://`: encrypted, the hub's certificate checked.
    Tls,
    /// `http://` to this machine (`localhost`, 127.0.0.0/8, `::1`): nothing leaves it.
    Loopback,
    /// `http://` across a network: readable and changeable by anyone on the path.
    Plain,
}

impl Transport {
    pub fn of(url: &reqwest::Url) -> Transport {
        if url.scheme() == "https" {
            return Transport::Tls;
        }
        let loopback = match url.host() {
            Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
            Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
            Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
            None => false,
        };
        if loopback {
            Transport::Loopback
        } else {
            Transport::Plain
        }
    }

    /// How a stored hub address is reached; one that does not parse counts as plain.
    pub fn of_base(base: &str) -> Transport {
        reqwest::Url::parse(base).map_or(Transport::Plain, |u| Transport::of(&u))
    }
}

/// Refuses plain `http://` beyond this machine unless the site allows it.
pub fn check_transport(base: &str, allow_plain: bool) -> Result<Transport, HubError> {
    let url = reqwest::Url::parse(base).map_err(|e| HubError::BadUrl(format!("{base}: {e}")))?;
    let transport = Transport::of(&url);
    if transport == Transport::Plain && !allow_plain {
        return Err(HubError::BadUrl(format!(
            "{base}: plain http:// is refused for a hub beyond this machine; use https://, or set {}=1 on a closed office network",
            crate::settings::ALLOW_PLAIN_HTTP_ENV
        )));
    }
    Ok(transport)
}

/// Checks and normalises a hub base URL (`http://host:port`, no trailing slash).
pub fn normalise_base(url: &str) -> Result<String, HubError> {
    let url = url.trim().trim_end_matches('/');
    let parsed = reqwest::Url::parse(url).map_err(|e| HubError::BadUrl(format!("{url}: {e}")))?;
    if !matches!(parsed.scheme(), "http" | "https") || parsed.host().is_none() {
        return Err(HubError::BadUrl(format!(
            "{url}: must be http(s)://host[:port]"
        )));
    }
    Ok(url.to_owned())
}

/// Connect and whole-request limits. Uploads get the longer of `request` and
/// [`UPLOAD_TIMEOUT`] scaled the same way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timeouts {
    pub connect: Duration,
    pub request: Duration,
    pub upload: Duration,
}

impl Default for Timeouts {
    fn default() -> Self {
        Self {
            connect: CONNECT_TIMEOUT,
            request: REQUEST_TIMEOUT,
            upload: UPLOAD_TIMEOUT,
        }
    }
}

impl Timeouts {
    /// For a question a citizen waits for at the screen (a permit lookup, an e-SKM code):
    /// a short answer or none, then the kiosk goes on with what it knows.
    pub fn quick() -> Self {
        Self {
            connect: Duration::from_secs(2),
            request: Duration::from_secs(4),
            ..Self::default()
        }
    }
}

impl HubClient {
    pub fn new(base: &str, token: Option<String>) -> Result<Self, HubError> {
        Self::with_timeouts(base, token, Timeouts::default())
    }

    pub fn with_timeouts(
        base: &str,
        token: Option<String>,
        timeouts: Timeouts,
    ) -> Result<Self, HubError> {
        Self::pinned(base, token, timeouts, Vec::new())
    }

    /// A client that accepts the hub's TLS only with one of `tls_pins` (the enrolment code's
    /// and those the signed lists announce); with none, a certificate a public CA vouches
    /// for. Redirects are never followed: a hub that answers elsewhere is not the hub.
    pub fn pinned(
        base: &str,
        token: Option<String>,
        timeouts: Timeouts,
        tls_pins: Vec<String>,
    ) -> Result<Self, HubError> {
        let base = normalise_base(base)?;
        check_transport(&base, crate::settings::plain_http_allowed())?;
        let mut builder = reqwest::Client::builder()
            .connect_timeout(timeouts.connect)
            .timeout(timeouts.request)
            .redirect(reqwest::redirect::Policy::none())
            .user_agent(concat!("anjungan/", env!("CARGO_PKG_VERSION")));
        if !tls_pins.is_empty() {
            let config = anjungan_tls::client::config(tls_pins)
                .map_err(|e| HubError::BadUrl(e.to_string()))?;
            builder = builder.use_preconfigured_tls(config);
        }
        let http = builder
            .build()
            .map_err(|e| HubError::BadUrl(e.to_string()))?;
        Ok(Self {
            http,
            base,
            token,
            upload_timeout: timeouts.upload,
        })
    }

    pub fn base(&self) -> &str {
        &self.base
    }

    fn authed(&self, req: RequestBuilder) -> RequestBuilder {
        match &self.token {
            Some(token) => req.bearer_auth(token),
            None => req,
        }
    }

    async fn send(&self, req: RequestBuilder) -> Result<Response, HubError> {
        let resp = self.authed(req).send().await.map_err(|e| unreachable(&e))?;
        crate::failpoint::hit(crate::failpoint::AFTER_SEND_BEFORE_RESPONSE);
        check_status(resp).await
    }

    async fn json<T: DeserializeOwned>(&self, req: RequestBuilder) -> Result<T, HubError> {
        let body = read_capped(self.send(req).await?, MAX_RESPONSE_BYTES).await?;
        serde_json::from_slice(&body)
            .map_err(|_| broken("the hub's answer is not the expected JSON"))
    }

    pub async fn health(&self) -> Result<Health, HubError> {
        self.json(self.http.get(format!("{}/v1/health", self.base)))
            .await
    }

    /// How this kiosk is, for the office's fleet view.
    pub async fn heartbeat(&self, heartbeat: &Heartbeat) -> Result<(), HubError> {
        self.send(
            self.http
                .post(format!("{}/v1/kiosk/heartbeat", self.base))
                .json(heartbeat),
        )
        .await
        .map(|_| ())
    }

    pub async fn whoami(&self) -> Result<KioskIdentity, HubError> {
        self.json(self.http.get(format!("{}/v1/kiosk/me", self.base)))
            .await
    }

    pub async fn application_status(
        &self,
        tracking_number: &str,
    ) -> Result<ApplicationStatusBody, HubError> {
        self.json(
            self.http
                .get(format!("{}/v1/applications/{tracking_number}", self.base)),
        )
        .await
    }

    /// The office calendar and e-SKM rules, if they changed.
    pub async fn office(
        &self,
        etag: Option<&str>,
    ) -> Result<Option<(Option<String>, String)>, HubError> {
        self.get_if_changed("/v1/office", etag).await
    }

    /// The application a receipt's e-SKM code belongs to (`None`: no such code).
    pub async fn skm_code(
        &self,
        code: &str,
    ) -> Result<Option<anjungan_wire::api::SkmCodeBody>, HubError> {
        match self
            .json(self.http.get(format!("{}/v1/skm/codes/{code}", self.base)))
            .await
        {
            Ok(b) => Ok(Some(b)),
            Err(HubError::NotFound) => Ok(None),
            Err(e) => Err(e),
        }
    }

    pub async fn post_items(&self, batch: &ItemBatch) -> Result<BatchResult, HubError> {
        self.json(
            self.http
                .post(format!("{}/v1/items", self.base))
                .timeout(self.upload_timeout)
                .json(batch),
        )
        .await
    }

    /// `path`'s body unless the hub still has `etag` (then `None`): `(etag, body)`.
    async fn get_if_changed(
        &self,
        path: &str,
        etag: Option<&str>,
    ) -> Result<Option<(Option<String>, String)>, HubError> {
        let mut req = self.http.get(format!("{}{path}", self.base));
        if let Some(tag) = etag {
            req = req.header(reqwest::header::IF_NONE_MATCH, tag);
        }
        let resp = self.authed(req).send().await.map_err(|e| unreachable(&e))?;
        if resp.status() == StatusCode::NOT_MODIFIED {
            return Ok(None);
        }
        let resp = check_status(resp).await?;
        let tag = resp
            .headers()
            .get(reqwest::header::ETAG)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let body = read_capped(resp, MAX_RESPONSE_BYTES).await?;
        let body = String::from_utf8(body).map_err(|_| broken("the hub's answer is not UTF-8"))?;
        Ok(Some((tag, body)))
    }

    /// The service catalogue, if it changed.
    pub async fn catalogue(
        &self,
        etag: Option<&str>,
    ) -> Result<Option<(Option<String>, String)>, HubError> {
        self.get_if_changed("/v1/catalogue", etag).await
    }

    /// The signed trust and revocation lists, if they changed.
    pub async fn trust_lists(
        &self,
        etag: Option<&str>,
    ) -> Result<Option<(Option<String>, String)>, HubError> {
        self.get_if_changed("/v1/trust", etag).await
    }

    /// "Cek Pengaduan": the number and PIN in the body.
    pub async fn complaint_status(
        &self,
        tracking_number: &str,
        pin: &str,
    ) -> Result<anjungan_wire::complaint::ComplaintStatus, HubError> {
        self.json(
            self.http
                .post(format!("{}/v1/complaints/status", self.base))
                .json(&anjungan_wire::api::ComplaintStatusRequest {
                    tracking_number: tracking_number.to_owned(),
                    pin: pin.to_owned(),
                }),
        )
        .await
    }

    /// The register's verdict on a plain-URL permit QR.
    pub async fn lookup_permit(&self, url: &str) -> Result<PermitLookup, HubError> {
        self.json(
            self.http
                .post(format!("{}/v1/permits/lookup", self.base))
                .json(&PermitLookupRequest {
                    url: url.to_owned(),
                }),
        )
        .await
    }

    /// Whether the hub already holds a document (so an interrupted upload is not repeated).
    pub async fn has_blob(&self, sha256: &str) -> Result<bool, HubError> {
        match self
            .send(self.http.head(format!("{}/v1/blobs/{sha256}", self.base)))
            .await
        {
            Ok(_) => Ok(true),
            Err(HubError::NotFound) => Ok(false),
            Err(e) => Err(e),
        }
    }

    pub async fn put_blob(&self, sha256: &str, bytes: Vec<u8>) -> Result<(), HubError> {
        self.send(
            self.http
                .put(format!("{}/v1/blobs/{sha256}", self.base))
                .timeout(self.upload_timeout)
                .header(reqwest::header::CONTENT_TYPE, "application/octet-stream")
                .body(bytes),
        )
        .await
        .map(|_| ())
    }
}

/// The most the kiosk reads of any answer (the catalogue is the largest, well under this):
/// a hub, or something standing in for it, cannot fill the kiosk's memory.
pub const MAX_RESPONSE_BYTES: usize = 8 * 1024 * 1024;
/// The most read of a refusal's body.
const MAX_ERROR_BYTES: usize = 64 * 1024;

fn broken(detail: &str) -> HubError {
    HubError::Unreachable {
        cause: FailureCause::Other,
        detail: detail.to_owned(),
        retry_after: None,
    }
}

/// Reads a body up to `limit` bytes; a longer one is refused without being read further.
async fn read_capped(mut resp: Response, limit: usize) -> Result<Vec<u8>, HubError> {
    if resp.content_length().is_some_and(|n| n > limit as u64) {
        return Err(broken(&format!(
            "the hub's answer is larger than {} KB",
            limit / 1024
        )));
    }
    let mut body = Vec::new();
    while let Some(chunk) = resp.chunk().await.map_err(|e| unreachable(&e))? {
        if body.len() + chunk.len() > limit {
            return Err(broken(&format!(
                "the hub's answer is larger than {} KB",
                limit / 1024
            )));
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

async fn check_status(resp: Response) -> Result<Response, HubError> {
    let status = resp.status();
    if status.is_success() {
        return Ok(resp);
    }
    let retry_after = resp
        .headers()
        .get(reqwest::header::RETRY_AFTER)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| crate::backoff::parse_retry_after(v, time::OffsetDateTime::now_utc()));
    match status {
        StatusCode::UNAUTHORIZED => Err(HubError::Unauthorized),
        StatusCode::NOT_FOUND => Err(HubError::NotFound),
        StatusCode::REQUEST_TIMEOUT | StatusCode::TOO_MANY_REQUESTS => Err(HubError::Unreachable {
            cause: FailureCause::Throttled,
            detail: format!("HTTP {}", status.as_u16()),
            retry_after,
        }),
        s if s.is_server_error() => Err(HubError::Unreachable {
            cause: FailureCause::Http5xx,
            detail: format!("HTTP {}", status.as_u16()),
            retry_after,
        }),
        _ => {
            // A refusal's body is a short `{code, message}`; a proxy's may be a page.
            let body: Option<ApiError> = read_capped(resp, MAX_ERROR_BYTES)
                .await
                .ok()
                .and_then(|b| serde_json::from_slice(&b).ok());
            let (code, message) = body.map(|b| (b.code, b.message)).unwrap_or_default();
            Err(HubError::Rejected {
                status: status.as_u16(),
                code,
                message,
            })
        }
    }
}

/// Classifies a transport failure. The detail never holds the URL (it could carry a token
/// in a query one day) — only the cause chain.
fn unreachable(e: &reqwest::Error) -> HubError {
    let mut chain = String::new();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        chain.push_str(&s.to_string().to_lowercase());
        chain.push(' ');
        source = s.source();
    }
    let cause = if e.is_timeout() || chain.contains("timed out") {
        FailureCause::Timeout
    } else if chain.contains("dns") || chain.contains("lookup address") {
        FailureCause::Dns
    } else if chain.contains("refused") {
        FailureCause::Refused
    } else if chain.contains("tls") || chain.contains("certificate") {
        FailureCause::Tls
    } else {
        FailureCause::Other
    };
    let what = if e.is_body() || e.is_decode() {
        "broken response"
    } else if e.is_connect() {
        "cannot connect"
    } else {
        "network error"
    };
    if let Some(mismatch) = anjungan_tls::client::pin_mismatch(e) {
        return HubError::Unreachable {
            cause: FailureCause::Tls,
            detail: format!(
                "{mismatch}: someone else may be answering at this address, or the hub's new certificate was not announced (`anjungan-hub keys tls announce`) before it was served"
            ),
            retry_after: None,
        };
    }
    HubError::Unreachable {
        cause,
        detail: format!("{what}: {}", chain.trim()),
        retry_after: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_urls_are_checked_and_normalised() {
        assert_eq!(
            normalise_base("http://127.0.0.1:8080/").expect("ok"),
            "http://127.0.0.1:8080"
        );
        for bad in ["", "127.0.0.1:8080", "ftp://hub", "http://"] {
            assert!(normalise_base(bad).is_err(), "{bad}");
        }
    }

    #[tokio::test]
    async fn a_refused_connection_is_classified_as_refused() {
        let port = {
            let l = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
            l.local_addr().expect("addr").port()
        };
        let client = HubClient::new(&format!("http://127.0.0.1:{port}"), None).expect("client");
        let err = client.health().await.expect_err("nothing listens");
        assert_eq!(err.code(), ErrorCode::HubUnreachable, "{err}");
        assert!(
            matches!(
                err,
                HubError::Unreachable {
                    cause: FailureCause::Refused,
                    ..
                }
            ),
            "{err:?}"
        );
    }

    #[test]
    fn plain_http_only_to_this_machine_unless_the_site_allows_it() {
        for local in [
            "http://127.0.0.1:8730",
            "http://localhost:8730",
            "http://[::1]:8730",
            "http://127.9.9.9",
        ] {
            assert_eq!(
                check_transport(local, false).expect(local),
                Transport::Loopback
            );
        }
        assert_eq!(
            check_transport("https://hub.example:8443", false).expect("tls"),
            Transport::Tls
        );
        for remote in [
            "http://10.0.0.5:8730",
            "http://hub.metrokota.go.id",
            "http://localhost.evil.example",
        ] {
            let err = check_transport(remote, false).expect_err(remote);
            assert!(err.to_string().contains("use https://"), "{err}");
            assert_eq!(
                check_transport(remote, true).expect(remote),
                Transport::Plain
            );
        }
        assert!(crate::settings::plain_http_allowed_from(Some("1")));
        assert!(!crate::settings::plain_http_allowed_from(Some("0")));
        assert!(!crate::settings::plain_http_allowed_from(None));
    }

    #[tokio::test]
    async fn an_unknown_host_is_classified_as_dns() {
        let client = HubClient::new("https://anjungan-hub.invalid:8730", None).expect("client");
        let err = client.health().await.expect_err("no such host");
        assert!(
            matches!(
                err,
                HubError::Unreachable {
                    cause: FailureCause::Dns | FailureCause::Timeout,
                    ..
                }
            ),
            "{err:?}"
        );
    }
}
