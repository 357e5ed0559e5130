//! Errors of the core, and the one place they become `{code, message}` for the UI.

use crate::hub_client::HubError;
use crate::outbox::OutboxError;
use crate::staff_access::PinError;
use crate::store::StoreError;
use anjungan_wire::ipc::{ErrorCode, IpcError, MaintenanceReason};

#[derive(Debug, thiserror::Error)]
pub enum CoreError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Hub(#[from] HubError),
    #[error("invalid input: {0}")]
    InvalidInput(String),
    #[error("this kiosk is not enrolled with a hub")]
    NotEnrolled,
    #[error("staff session required")]
    StaffLocked,
    #[error("this visit has already sent its survey")]
    AlreadySubmitted,
    #[error("no QR code could be read in the image")]
    NoQrFound,
    #[error("camera unavailable: {0}")]
    CameraUnavailable(String),
    /// An application that cannot be submitted: every problem, each naming its field.
    #[error("{}", .0.iter().map(|p| format!("{}: {} ({})", p.field, p.message, p.code)).collect::<Vec<_>>().join("\n"))]
    Application(Vec<anjungan_wire::application::Problem>),
    #[error("the document inbox: {0}")]
    Inbox(#[from] anjungan_capture::inbox::InboxError),
    #[error(transparent)]
    Survey(SurveyRefusal),
    /// The office's complaint key has not reached this kiosk (or the office made none).
    #[error("this kiosk cannot take complaints yet: the office's complaint key has not arrived")]
    ComplaintsClosed,
    /// Several complaints from this kiosk in a few minutes: the next waits.
    #[error("too many complaints from this kiosk in the last minutes")]
    ComplaintLimit,
    #[error(transparent)]
    Speech(#[from] anjungan_speech::SpeechError),
    /// Something that should not happen (a hashing library refusing its own parameters).
    #[error("internal error: {0}")]
    Internal(String),
}

/// Why the kiosk will not take a survey now; each has its own message on screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum SurveyRefusal {
    #[error("the e-SKM code is not a receipt's code")]
    CodeInvalid,
    #[error("the e-SKM code was used already")]
    CodeUsed,
    #[error("this office takes surveys only with a receipt's code")]
    NeedsCode,
    #[error("a survey without a code was given here moments ago")]
    Cooldown,
}

/// The outbox's refusals are the caller's input (too large, unknown item); its store's
/// failures stay store failures.
impl From<OutboxError> for CoreError {
    fn from(e: OutboxError) -> Self {
        match e {
            OutboxError::Store(s) => CoreError::Store(s),
            other => CoreError::InvalidInput(other.to_string()),
        }
    }
}

impl From<PinError> for CoreError {
    fn from(e: PinError) -> Self {
        match e {
            PinError::BadFormat => CoreError::InvalidInput(e.to_string()),
            PinError::NotSet => CoreError::StaffLocked,
            PinError::Hash(_) => CoreError::Internal(e.to_string()),
            PinError::Store(s) => CoreError::Store(s),
        }
    }
}

impl CoreError {
    /// When opening the kiosk failed because of its store: why, for the maintenance screen.
    pub fn maintenance_reason(&self) -> Option<MaintenanceReason> {
        match self {
            CoreError::Store(e) => Some(e.maintenance_reason()),
            _ => None,
        }
    }

    pub fn code(&self) -> ErrorCode {
        match self {
            CoreError::Store(_) => ErrorCode::Storage,
            CoreError::Hub(e) => e.code(),
            CoreError::InvalidInput(_) => ErrorCode::InvalidInput,
            CoreError::NotEnrolled => ErrorCode::NotEnrolled,
            CoreError::StaffLocked => ErrorCode::StaffLocked,
            CoreError::Internal(_) => ErrorCode::Internal,
            CoreError::AlreadySubmitted => ErrorCode::AlreadySubmitted,
            CoreError::NoQrFound => ErrorCode::NoQrFound,
            CoreError::CameraUnavailable(_) => ErrorCode::CameraUnavailable,
            CoreError::Application(_) => ErrorCode::InvalidInput,
            CoreError::Inbox(_) => ErrorCode::Storage,
            CoreError::ComplaintsClosed => ErrorCode::NotEnrolled,
            CoreError::ComplaintLimit => ErrorCode::ComplaintLimit,
            CoreError::Speech(_) => ErrorCode::SpeechUnavailable,
            CoreError::Survey(r) => match r {
                SurveyRefusal::CodeInvalid => ErrorCode::SkmCodeInvalid,
                SurveyRefusal::CodeUsed => ErrorCode::SkmCodeUsed,
                SurveyRefusal::NeedsCode => ErrorCode::SurveyNeedsCode,
                SurveyRefusal::Cooldown => ErrorCode::SurveyCooldown,
            },
        }
    }
}

impl From<CoreError> for IpcError {
    fn from(e: CoreError) -> Self {
        IpcError {
            code: e.code(),
            message: e.to_string(),
        }
    }
}
