//! Spoken guidance as the kiosk offers it: the screen's text in the screen's language.

use crate::error::CoreError;
use anjungan_speech::{Speaker, Utterance, Voice};
use anjungan_wire::ipc::Language;

/// Says `text` in the voice of `language`. Blocks while espeak-ng starts (or, recording to a
/// folder, until the file is written): callers run it off the UI thread.
pub fn say(speaker: &Speaker, text: &str, language: Language) -> Result<(), CoreError> {
    let voice = match language {
        Language::Id => Voice::Indonesian,
        Language::En => Voice::English,
    };
    Ok(speaker.speak(&Utterance::new(text, voice)?)?)
}
