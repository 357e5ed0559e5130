//! HTTP calls to the hub. Every call has a connect timeout and a whole-request timeout,
//! and every failure is classified so the UI can stay calm about the network.

use anjungan_wire::api::{ApiError, ApplicationStatusBody, Health, KioskIdentity};
use anjungan_wire::ipc::ErrorCode;
use reqwest::StatusCode;
use serde::de::DeserializeOwned;
use std::time::Duration;

pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(3);
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);

#[derive(Debug, thiserror::Error)]
pub enum HubError {
    #[error("the hub cannot be reached: {0}")]
    Unreachable(String),
    #[error("the hub refused this kiosk's token")]
    Unauthorized,
    #[error("the hub does not know it")]
    NotFound,
    #[error("the hub answered {status}: {code}: {message}")]
    Rejected {
        status: u16,
        code: String,
        message: String,
    },
    #[error("the hub's answer was not understood: {0}")]
    Protocol(String),
    #[error("not a usable hub address: {0}")]
    BadUrl(String),
}

impl HubError {
    pub fn code(&self) -> ErrorCode {
        match self {
            HubError::Unreachable(_) => ErrorCode::HubUnreachable,
            HubError::Unauthorized => ErrorCode::Unauthorized,
            HubError::NotFound => ErrorCode::NotFound,
            HubError::BadUrl(_) => ErrorCode::InvalidInput,
            HubError::Rejected { status, .. } if *status >= 500 => ErrorCode::HubUnreachable,
            HubError::Rejected { .. } | HubError::Protocol(_) => ErrorCode::Internal,
        }
    }
}

#[derive(Debug, Clone)]
pub struct HubClient {
    http: reqwest::Client,
    base: String,
    token: Option<String>,
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

impl HubClient {
    pub fn new(base: &str, token: Option<String>) -> Result<Self, HubError> {
        let http = reqwest::Client::builder()
            .connect_timeout(CONNECT_TIMEOUT)
            .timeout(REQUEST_TIMEOUT)
            .user_agent(concat!("anjungan/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| HubError::Protocol(e.to_string()))?;
        Ok(Self {
            http,
            base: normalise_base(base)?,
            token,
        })
    }

    pub fn base(&self) -> &str {
        &self.base
    }

    async fn get<T: DeserializeOwned>(&self, path: &str) -> Result<T, HubError> {
        let mut req = self.http.get(format!("{}{}", self.base, path));
        if let Some(token) = &self.token {
            req = req.bearer_auth(token);
        }
        let resp = req
            .send()
            .await
            .map_err(|e| HubError::Unreachable(describe(&e)))?;
        let status = resp.status();
        if status.is_success() {
            return resp
                .json::<T>()
                .await
                .map_err(|e| HubError::Protocol(e.to_string()));
        }
        match status {
            StatusCode::UNAUTHORIZED => Err(HubError::Unauthorized),
            StatusCode::NOT_FOUND => Err(HubError::NotFound),
            _ => {
                let body: Option<ApiError> = resp.json().await.ok();
                let (code, message) = body.map(|b| (b.code, b.message)).unwrap_or_default();
                Err(HubError::Rejected {
                    status: status.as_u16(),
                    code,
                    message,
                })
            }
        }
    }

    pub async fn health(&self) -> Result<Health, HubError> {
        self.get("/v1/health").await
    }

    pub async fn whoami(&self) -> Result<KioskIdentity, HubError> {
        self.get("/v1/kiosk/me").await
    }

    pub async fn application_status(
        &self,
        tracking_number: &str,
    ) -> Result<ApplicationStatusBody, HubError> {
        self.get(&format!("/v1/applications/{tracking_number}"))
            .await
    }
}

/// A short cause class for staff and the outage log: never a URL with a token in it.
fn describe(e: &reqwest::Error) -> String {
    let class = if e.is_timeout() {
        "timeout"
    } else if e.is_connect() {
        "connection refused or unreachable"
    } else if e.is_body() || e.is_decode() {
        "broken response"
    } else {
        "network error"
    };
    let mut source = std::error::Error::source(e);
    let mut root = String::new();
    while let Some(s) = source {
        root = s.to_string();
        source = s.source();
    }
    if root.is_empty() {
        class.to_owned()
    } else {
        format!("{class} ({root})")
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
    async fn a_refused_connection_is_unreachable_not_an_error_screen() {
        let port = {
            let l = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
            l.local_addr().expect("addr").port()
        };
        let client = HubClient::new(&format!("http://127.0.0.1:{port}"), None).expect("client");
        let err = client.health().await.expect_err("nothing listens");
        assert_eq!(err.code(), ErrorCode::HubUnreachable, "{err}");
    }
}
