//! Errors of the hub. Over HTTP they become `{code, message}` with a fitting status.

use anjungan_wire::api::ApiError;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;

#[derive(Debug, thiserror::Error)]
pub enum HubError {
    #[error("missing or unknown kiosk token")]
    Unauthorized,
    #[error("{0} not found")]
    NotFound(String),
    #[error("invalid input: {0}")]
    InvalidInput(String),
    #[error("a kiosk named {0:?} is already enrolled")]
    KioskExists(String),
    #[error("database error: {0}")]
    Db(#[from] sqlx::Error),
    #[error("migration error: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("i/o error: {0}")]
    Io(#[from] std::io::Error),
    #[error("demo data error: {0}")]
    Demo(String),
    #[error("internal error: {0}")]
    Internal(String),
    #[error("{0}")]
    Tls(#[from] anjungan_tls::TlsError),
    #[error("too many requests; try again in {} s", .0.as_secs().max(1))]
    Throttled(std::time::Duration),
}

impl HubError {
    fn status_and_code(&self) -> (StatusCode, &'static str) {
        match self {
            HubError::Unauthorized => (StatusCode::UNAUTHORIZED, "unauthorized"),
            HubError::NotFound(_) => (StatusCode::NOT_FOUND, "not_found"),
            HubError::InvalidInput(_) => (StatusCode::BAD_REQUEST, "invalid_input"),
            HubError::KioskExists(_) => (StatusCode::CONFLICT, "conflict"),
            HubError::Throttled(_) => (StatusCode::TOO_MANY_REQUESTS, "throttled"),
            HubError::Db(_) | HubError::Migrate(_) | HubError::Io(_) | HubError::Demo(_) => {
                (StatusCode::SERVICE_UNAVAILABLE, "unavailable")
            }
            HubError::Internal(_) | HubError::Tls(_) => {
                (StatusCode::INTERNAL_SERVER_ERROR, "internal")
            }
        }
    }
}

impl IntoResponse for HubError {
    fn into_response(self) -> Response {
        let (status, code) = self.status_and_code();
        if status.is_server_error() {
            tracing::error!(error = %self, "request failed");
        }
        let message = if status.is_server_error() {
            "the hub could not complete the request; try again later".to_owned()
        } else {
            self.to_string()
        };
        let mut resp = (
            status,
            Json(ApiError {
                code: code.to_owned(),
                message,
            }),
        )
            .into_response();
        if let HubError::Throttled(wait) = &self {
            // Whole seconds, rounded up: the client waits at least as long as needed.
            let secs = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
            if let Ok(v) = axum::http::HeaderValue::from_str(&secs.max(1).to_string()) {
                resp.headers_mut()
                    .insert(axum::http::header::RETRY_AFTER, v);
            }
        }
        if status == StatusCode::UNAUTHORIZED {
            resp.headers_mut().insert(
                axum::http::header::WWW_AUTHENTICATE,
                axum::http::HeaderValue::from_static("Bearer"),
            );
        }
        resp
    }
}
