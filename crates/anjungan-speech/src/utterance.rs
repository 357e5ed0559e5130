use crate::SpeechError;

/// Which espeak-ng voice reads the text: the screen's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Voice {
    Indonesian,
    English,
}

impl Voice {
    pub fn code(self) -> &'static str {
        match self {
            Voice::Indonesian => "id",
            Voice::English => "en",
        }
    }
}

/// Text ready for espeak-ng: one line, no control characters, bounded in length.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Utterance {
    text: String,
    voice: Voice,
}

impl Utterance {
    /// A screen's title and instruction fit easily; a page of text read aloud helps nobody
    /// standing at a counter, and a bound keeps a runaway caller from hours of speech.
    pub const MAX_CHARS: usize = 1200;

    pub fn new(text: &str, voice: Voice) -> Result<Self, SpeechError> {
        // Control characters would reach espeak-ng's input as commands or noise; every run
        // of whitespace (line breaks between title and instruction) becomes one space.
        let cleaned: String = text
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect::<String>()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        if cleaned.is_empty() {
            return Err(SpeechError::Empty);
        }
        let text = match cleaned.char_indices().nth(Self::MAX_CHARS) {
            Some((cut, _)) => cleaned[..cut].to_owned(),
            None => cleaned,
        };
        Ok(Self { text, voice })
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn voice(&self) -> Voice {
        self.voice
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_clean_line_within_bounds() {
        let u =
            Utterance::new("  Cek Status\n\tSentuh\u{7}  nomor ", Voice::Indonesian).expect("test");
        assert_eq!(u.text(), "Cek Status Sentuh nomor");
        assert!(matches!(
            Utterance::new(" \n\u{1b} ", Voice::English),
            Err(SpeechError::Empty)
        ));
        let long = "é".repeat(5000);
        assert_eq!(
            Utterance::new(&long, Voice::Indonesian)
                .expect("test")
                .text()
                .chars()
                .count(),
            Utterance::MAX_CHARS
        );
    }
}
