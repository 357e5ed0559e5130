use crate::{Output, SpeechError, SpeechSettings, Utterance};
use std::io::Write;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Mutex;

/// Says one thing at a time: a new utterance (the citizen tapped "Dengarkan" again, or moved
/// to the next screen) stops the one still playing instead of queueing behind it.
pub struct Speaker {
    settings: SpeechSettings,
    playing: Mutex<Option<Child>>,
    recorded: AtomicU32,
}

impl Speaker {
    pub fn new(settings: SpeechSettings) -> Self {
        Self {
            settings,
            playing: Mutex::new(None),
            recorded: AtomicU32::new(0),
        }
    }

    pub fn enabled(&self) -> bool {
        self.settings.enabled()
    }

    /// Starts saying `utterance`. Through the speaker it returns once espeak-ng has the text
    /// (the sound plays on); into a folder it returns once the WAV file is complete. Blocks
    /// for a moment either way: call it off the UI thread.
    pub fn speak(&self, utterance: &Utterance) -> Result<(), SpeechError> {
        self.stop();
        match &self.settings.output {
            Output::Off => Err(SpeechError::Disabled),
            Output::Speaker => {
                let child = self.espeak(utterance, None)?;
                *self.playing.lock().unwrap_or_else(|p| p.into_inner()) = Some(child);
                Ok(())
            }
            Output::Wav(dir) => self.record(utterance, dir),
        }
    }

    /// Stops what is playing, if anything (the citizen left the screen).
    pub fn stop(&self) {
        if let Some(mut child) = self
            .playing
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .take()
        {
            // Already finished is fine; either way it is reaped.
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    fn record(&self, utterance: &Utterance, dir: &Path) -> Result<(), SpeechError> {
        std::fs::create_dir_all(dir).map_err(SpeechError::Write)?;
        // After the highest recording already there: an app started again (after a crash)
        // adds to what its earlier run recorded instead of writing over it.
        let highest = std::fs::read_dir(dir)
            .map(|entries| {
                entries
                    .flatten()
                    .filter_map(|e| {
                        e.file_name()
                            .to_str()?
                            .strip_suffix(".wav")?
                            .parse::<u32>()
                            .ok()
                    })
                    .max()
                    .unwrap_or(0)
            })
            .unwrap_or(0);
        let n = self.recorded.load(Ordering::Relaxed).max(highest) + 1;
        self.recorded.store(n, Ordering::Relaxed);
        let partial = dir.join(format!(".{n:04}.wav.partial"));
        let out = self.espeak(utterance, Some(&partial))?.wait_with_output();
        let out = out.map_err(|e| SpeechError::Failed(e.to_string()))?;
        if !out.status.success() {
            let _ = std::fs::remove_file(&partial);
            return Err(SpeechError::Failed(
                String::from_utf8_lossy(&out.stderr).trim().to_owned(),
            ));
        }
        // Renamed only when whole, so a reader never sees half a file.
        std::fs::rename(&partial, dir.join(format!("{n:04}.wav"))).map_err(SpeechError::Write)
    }

    /// espeak-ng with the text on its standard input: never on the command line, where any
    /// process listing would show it.
    fn espeak(&self, utterance: &Utterance, wav: Option<&Path>) -> Result<Child, SpeechError> {
        let mut command = Command::new(&self.settings.program);
        command
            .arg("-v")
            .arg(utterance.voice().code())
            .arg("-s")
            .arg(self.settings.words_per_minute.to_string())
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        if let Some(path) = wav {
            command.arg("-w").arg(path);
        }
        let mut child = command.spawn().map_err(|source| SpeechError::Start {
            program: self.settings.program.display().to_string(),
            source,
        })?;
        let written = child
            .stdin
            .take()
            .map(|mut stdin| stdin.write_all(utterance.text().as_bytes()));
        if let Some(Err(e)) = written {
            let _ = child.kill();
            let _ = child.wait();
            return Err(SpeechError::Failed(e.to_string()));
        }
        tracing::debug!(voice = utterance.voice().code(), "speaking");
        Ok(child)
    }
}

impl Drop for Speaker {
    fn drop(&mut self) {
        self.stop();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{wav, Voice};

    fn to_folder(dir: &Path) -> Speaker {
        Speaker::new(SpeechSettings::from_values(
            Some(&format!("wav:{}", dir.display())),
            None,
        ))
    }

    /// The real espeak-ng (scripts/setup installs it): Indonesian text becomes seconds of sound,
    /// and a longer text longer sound.
    #[test]
    fn indonesian_text_becomes_audible_speech() {
        let dir = tempfile::tempdir().expect("test");
        let speaker = to_folder(dir.path());
        let short = Utterance::new("Cek Status Permohonan.", Voice::Indonesian).expect("test");
        let long = Utterance::new(
            "Cek Status Permohonan. Ketik nomor permohonan pada tanda terima Anda, lalu sentuh Cari.",
            Voice::Indonesian,
        )
        .expect("test");
        speaker.speak(&short).expect("test");
        speaker.speak(&long).expect("test");
        let a = wav::Stats::of(&std::fs::read(dir.path().join("0001.wav")).expect("test"))
            .expect("test");
        let b = wav::Stats::of(&std::fs::read(dir.path().join("0002.wav")).expect("test"))
            .expect("test");
        assert!(a.is_audible() && b.is_audible(), "{a:?} {b:?}");
        assert!(a.seconds > 0.8, "{a:?}");
        assert!(b.seconds > 2.0 * a.seconds, "{a:?} {b:?}");
        // Nothing half-written is left behind.
        assert_eq!(std::fs::read_dir(dir.path()).expect("test").count(), 2);
        // The app started again records after what its earlier run left, never over it.
        to_folder(dir.path()).speak(&short).expect("test");
        assert!(dir.path().join("0003.wav").exists());
        assert_eq!(std::fs::read_dir(dir.path()).expect("test").count(), 3);
    }

    #[test]
    fn off_says_nothing_and_a_missing_program_is_reported() {
        let off = Speaker::new(SpeechSettings::from_values(None, None));
        let u = Utterance::new("Halo", Voice::Indonesian).expect("test");
        assert!(matches!(off.speak(&u), Err(SpeechError::Disabled)));
        let dir = tempfile::tempdir().expect("test");
        let missing = Speaker::new(SpeechSettings::from_values(
            Some(&format!("wav:{}", dir.path().display())),
            Some("/nonexistent/espeak-ng"),
        ));
        assert!(matches!(missing.speak(&u), Err(SpeechError::Start { .. })));
    }
}
