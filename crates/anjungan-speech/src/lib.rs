//! Spoken guidance for citizens who read slowly or not at all: a screen's title and instruction,
//! a permit verdict and a receipt number, read aloud in Indonesian.
//!
//! WebKitGTK's `speechSynthesis` has no Indonesian voice on Debian (it speaks through Flite,
//! English only), so the core drives espeak-ng, whose `id` voice reads Indonesian prompts
//! correctly. Speech is off unless the site turns it on ([`SpeechSettings`]); the text never
//! reaches a log or the command line (it goes through espeak-ng's standard input).

mod settings;
mod speaker;
mod utterance;
pub mod wav;

pub use settings::{Output, SpeechSettings};
pub use speaker::Speaker;
pub use utterance::{Utterance, Voice};

/// Why something was not said.
#[derive(Debug, thiserror::Error)]
pub enum SpeechError {
    /// This site has speech off (the default).
    #[error("speech is turned off on this kiosk")]
    Disabled,
    /// Nothing left to say once control characters and spaces are gone.
    #[error("nothing to say")]
    Empty,
    /// espeak-ng is missing or could not be started.
    #[error("espeak-ng could not be started ({program}): {source}")]
    Start {
        program: String,
        #[source]
        source: std::io::Error,
    },
    /// espeak-ng ran and failed (for example a voice that is not installed).
    #[error("espeak-ng failed: {0}")]
    Failed(String),
    /// The recording could not be written (only with [`Output::Wav`]).
    #[error("the recording could not be written: {0}")]
    Write(#[source] std::io::Error),
}
