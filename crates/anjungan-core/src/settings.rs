//! Kiosk settings that operators tune per site, read from the environment by the shell.

/// `ANJUNGAN_ALLOW_PLAIN_HTTP=1`: this site talks to its hub over plain `http://` beyond this
/// machine (a closed office network without TLS). Off unless set: anyone on the path could read
/// and change what a kiosk sends.
pub const ALLOW_PLAIN_HTTP_ENV: &str = "ANJUNGAN_ALLOW_PLAIN_HTTP";

/// Whether the raw setting allows plain HTTP.
pub fn plain_http_allowed_from(value: Option<&str>) -> bool {
    matches!(value.map(str::trim), Some("1" | "yes" | "true"))
}

pub fn plain_http_allowed() -> bool {
    plain_http_allowed_from(std::env::var(ALLOW_PLAIN_HTTP_ENV).ok().as_deref())
}

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
            warning_s: Self::MIN_WARNING_S,
        }
    }
}

impl IdleSettings {
    pub const TIMEOUT_ENV: &'static str = "ANJUNGAN_IDLE_TIMEOUT_S";
    pub const WARNING_ENV: &'static str = "ANJUNGAN_IDLE_WARNING_S";
    /// WCAG 2.2.1 (Timing Adjustable): a person warned that time runs out gets at least 20 s to
    /// extend it with one tap. Someone who reads slowly or stands back from the screen must
    /// not lose a half-filled application to a short setting.
    pub const MIN_WARNING_S: u32 = 20;
    /// Quiet seconds before the warning appears at the shortest timeout.
    const MIN_QUIET_S: u32 = 10;
    const MAX_WARNING_S: u32 = 120;
    const MAX_TIMEOUT_S: u32 = 3600;

    /// From optional raw values. Out-of-range or unreadable values fall back to the default
    /// (a typo must not leave a citizen's data on screen for hours, nor cut a citizen off
    /// without 20 s of warning).
    pub fn from_values(timeout: Option<&str>, warning: Option<&str>) -> Self {
        let d = Self::default();
        let min_timeout = Self::MIN_WARNING_S + Self::MIN_QUIET_S;
        let timeout_s = timeout
            .and_then(|v| v.trim().parse::<u32>().ok())
            .filter(|v| (min_timeout..=Self::MAX_TIMEOUT_S).contains(v))
            .unwrap_or(d.timeout_s);
        let max_warning = (timeout_s - Self::MIN_QUIET_S).min(Self::MAX_WARNING_S);
        let warning_s = warning
            .and_then(|v| v.trim().parse::<u32>().ok())
            .filter(|v| (Self::MIN_WARNING_S..=max_warning).contains(v))
            .unwrap_or(d.warning_s);
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
    fn the_warning_never_gives_less_than_20_seconds() {
        // Too short a timeout to fit 20 s of warning and some quiet: the default instead.
        assert_eq!(
            IdleSettings::from_values(Some("8"), Some("3")),
            IdleSettings::default()
        );
        assert_eq!(
            IdleSettings::from_values(Some("29"), None),
            IdleSettings::default()
        );
        // A short warning is raised to 20 s.
        assert_eq!(
            IdleSettings::from_values(Some("30"), Some("5")),
            IdleSettings {
                timeout_s: 30,
                warning_s: 20
            }
        );
        assert_eq!(
            IdleSettings::from_values(Some("120"), Some("30")),
            IdleSettings {
                timeout_s: 120,
                warning_s: 30
            }
        );
        // The warning leaves at least 10 quiet seconds, and at most 2 minutes of countdown.
        assert_eq!(
            IdleSettings::from_values(Some("40"), Some("35")),
            IdleSettings {
                timeout_s: 40,
                warning_s: 20
            }
        );
        assert_eq!(
            IdleSettings::from_values(Some("600"), Some("300")),
            IdleSettings {
                timeout_s: 600,
                warning_s: 20
            }
        );
    }
}
