use std::path::PathBuf;

/// Where speech goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Output {
    /// No speech, and no "Dengarkan" button (the default: a site turns it on where a speaker
    /// is fitted and the hall is quiet enough).
    Off,
    /// espeak-ng plays through the system's default sound device.
    Speaker,
    /// Each utterance is written as a numbered WAV file into this folder, for sites that
    /// route sound elsewhere and for the tests that prove each screen produces audio.
    Wav(PathBuf),
}

/// The per-site speech setting, from the environment like the kiosk's other settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpeechSettings {
    pub output: Output,
    /// The espeak-ng program (a full path when it is not on `PATH`).
    pub program: PathBuf,
    /// Words per minute: slower than espeak-ng's 175, for people new to the machine.
    pub words_per_minute: u32,
}

impl SpeechSettings {
    /// `off` (default), `on`, or `wav:DIR`.
    pub const ENV: &'static str = "ANJUNGAN_SPEECH";
    pub const PROGRAM_ENV: &'static str = "ANJUNGAN_ESPEAK";
    pub const DEFAULT_WORDS_PER_MINUTE: u32 = 140;

    /// From the raw setting. Anything not understood means off: a typo must not make an
    /// unattended kiosk start talking.
    pub fn from_values(output: Option<&str>, program: Option<&str>) -> Self {
        let output = match output.map(str::trim) {
            Some("on") | Some("1") | Some("speaker") => Output::Speaker,
            Some(v) if v.starts_with("wav:") && v.len() > 4 => Output::Wav(PathBuf::from(&v[4..])),
            _ => Output::Off,
        };
        let program = program
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .unwrap_or("espeak-ng");
        Self {
            output,
            program: PathBuf::from(program),
            words_per_minute: Self::DEFAULT_WORDS_PER_MINUTE,
        }
    }

    pub fn from_env() -> Self {
        Self::from_values(
            std::env::var(Self::ENV).ok().as_deref(),
            std::env::var(Self::PROGRAM_ENV).ok().as_deref(),
        )
    }

    pub fn enabled(&self) -> bool {
        self.output != Output::Off
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn off_unless_clearly_turned_on() {
        // Only the exact words turn it on.
        for raw in [None, Some(""), Some("yes please"), Some("wav:"), Some("ON")] {
            let s = SpeechSettings::from_values(raw, None);
            assert_eq!(s.output, Output::Off, "{raw:?}");
            assert!(!s.enabled());
        }
        assert_eq!(
            SpeechSettings::from_values(Some("on"), None).output,
            Output::Speaker
        );
        assert_eq!(
            SpeechSettings::from_values(Some("wav:/tmp/x"), Some("/opt/espeak-ng")),
            SpeechSettings {
                output: Output::Wav("/tmp/x".into()),
                program: "/opt/espeak-ng".into(),
                words_per_minute: 140,
            }
        );
    }
}
