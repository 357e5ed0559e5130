//! Kiosk settings that operators tune per site, read from the environment by the shell.

/// Idle behaviour of the citizen screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IdleSettings {
    /// Seconds without a touch before the screen is wiped and returns home.
    pub timeout_s: u32,
    /// Seconds of warning before that, with a "continue" button.
    pub warning_s: u32,
}

impl Default for IdleSettings {
    fn default() -> Self {
        Self {
            timeout_s: 90,
            warning_s: 20,
        }
    }
}

impl IdleSettings {
    pub const TIMEOUT_ENV: &'static str = "ANJUNGAN_IDLE_TIMEOUT_S";
    pub const WARNING_ENV: &'static str = "ANJUNGAN_IDLE_WARNING_S";

    /// From optional raw values. Out-of-range or unreadable values fall back to the default
    /// (a typo must not leave a citizen's data on screen for hours). The warning is at most
    /// half the timeout, and 20 s whenever the timeout leaves room for it.
    pub fn from_values(timeout: Option<&str>, warning: Option<&str>) -> Self {
        let d = Self::default();
        let timeout_s = timeout
            .and_then(|v| v.trim().parse::<u32>().ok())
            .filter(|v| (4..=3600).contains(v))
            .unwrap_or(d.timeout_s);
        let max_warning = timeout_s / 2;
        let warning_s = warning
            .and_then(|v| v.trim().parse::<u32>().ok())
            .filter(|v| (1..=max_warning).contains(v))
            .unwrap_or(d.warning_s.min(max_warning));
        Self {
            timeout_s,
            warning_s,
        }
    }

    pub fn from_env() -> Self {
        Self::from_values(
            std::env::var(Self::TIMEOUT_ENV).ok().as_deref(),
            std::env::var(Self::WARNING_ENV).ok().as_deref(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_90_and_20_and_nonsense_falls_back() {
        assert_eq!(
            IdleSettings::from_values(None, None),
            IdleSettings::default()
        );
        assert_eq!(
            IdleSettings::from_values(Some("abc"), Some("-1")),
            IdleSettings {
                timeout_s: 90,
                warning_s: 20
            }
        );
        assert_eq!(
            IdleSettings::from_values(Some("999999"), None),
            IdleSettings {
                timeout_s: 90,
                warning_s: 20
            }
        );
    }

    #[test]
    fn a_short_timeout_gets_a_proportionate_warning() {
        assert_eq!(
            IdleSettings::from_values(Some("8"), None),
            IdleSettings {
                timeout_s: 8,
                warning_s: 4
            }
        );
        assert_eq!(
            IdleSettings::from_values(Some("8"), Some("3")),
            IdleSettings {
                timeout_s: 8,
                warning_s: 3
            }
        );
        assert_eq!(
            IdleSettings::from_values(Some("120"), Some("30")),
            IdleSettings {
                timeout_s: 120,
                warning_s: 30
            }
        );
    }
}
