//! What a recording holds, to check that speech is sound and not silence.

/// Length and loudness of a 16-bit PCM WAV file (what espeak-ng writes).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Stats {
    pub seconds: f64,
    /// Root mean square of the samples, 0..=1 of full scale.
    pub rms: f64,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum WavError {
    #[error("not a RIFF/WAVE file")]
    NotWave,
    #[error("not 16-bit PCM")]
    Unsupported,
    #[error("no fmt or data chunk")]
    Incomplete,
}

impl Stats {
    /// Speech at a normal level sits well above this; silence and hiss do not.
    const AUDIBLE_RMS: f64 = 0.01;

    pub fn of(bytes: &[u8]) -> Result<Self, WavError> {
        if bytes.len() < 12 || &bytes[0..4] != b"RIFF" || &bytes[8..12] != b"WAVE" {
            return Err(WavError::NotWave);
        }
        let mut at = 12;
        let mut format: Option<(u16, u16, u32, u16)> = None;
        while at + 8 <= bytes.len() {
            let id = &bytes[at..at + 4];
            let size =
                u32::from_le_bytes([bytes[at + 4], bytes[at + 5], bytes[at + 6], bytes[at + 7]])
                    as usize;
            let body = &bytes[at + 8..(at + 8 + size).min(bytes.len())];
            match id {
                b"fmt " if body.len() >= 16 => {
                    let u16_at = |i: usize| u16::from_le_bytes([body[i], body[i + 1]]);
                    let rate = u32::from_le_bytes([body[4], body[5], body[6], body[7]]);
                    format = Some((u16_at(0), u16_at(2), rate, u16_at(14)));
                }
                b"data" => {
                    let (tag, channels, rate, bits) = format.ok_or(WavError::Incomplete)?;
                    if tag != 1 || bits != 16 || channels == 0 || rate == 0 {
                        return Err(WavError::Unsupported);
                    }
                    let samples: Vec<f64> = body
                        .chunks_exact(2)
                        .map(|s| f64::from(i16::from_le_bytes([s[0], s[1]])) / 32768.0)
                        .collect();
                    let n = samples.len().max(1) as f64;
                    let rms = (samples.iter().map(|s| s * s).sum::<f64>() / n).sqrt();
                    return Ok(Self {
                        seconds: samples.len() as f64 / f64::from(channels) / f64::from(rate),
                        rms,
                    });
                }
                _ => {}
            }
            // Chunks are padded to an even length.
            at += 8 + size + (size & 1);
        }
        Err(WavError::Incomplete)
    }

    pub fn is_audible(&self) -> bool {
        self.seconds > 0.2 && self.rms > Self::AUDIBLE_RMS
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wav(samples: &[i16]) -> Vec<u8> {
        let data: Vec<u8> = samples.iter().flat_map(|s| s.to_le_bytes()).collect();
        let mut out = b"RIFF".to_vec();
        out.extend((36 + data.len() as u32).to_le_bytes());
        out.extend(b"WAVEfmt ");
        out.extend(16u32.to_le_bytes());
        out.extend(1u16.to_le_bytes()); // PCM
        out.extend(1u16.to_le_bytes()); // mono
        out.extend(1000u32.to_le_bytes());
        out.extend(2000u32.to_le_bytes());
        out.extend(2u16.to_le_bytes());
        out.extend(16u16.to_le_bytes());
        out.extend(b"data");
        out.extend((data.len() as u32).to_le_bytes());
        out.extend(data);
        out
    }

    #[test]
    fn silence_is_not_speech_and_a_tone_is() {
        let silent = Stats::of(&wav(&[0; 1000])).expect("test");
        assert_eq!(silent.seconds, 1.0);
        assert!(!silent.is_audible());
        let tone: Vec<i16> = (0..1000)
            .map(|i| if i % 10 < 5 { 8000 } else { -8000 })
            .collect();
        let loud = Stats::of(&wav(&tone)).expect("test");
        assert!(loud.is_audible(), "{loud:?}");
        assert_eq!(Stats::of(b"PK\x03\x04 not a wav"), Err(WavError::NotWave));
    }
}
