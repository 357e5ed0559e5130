//! The code a unit enum travels under on the wire (`"perempuan"`, `"ASLI"`, `"http_5xx"`),
//! which is also how the stores keep it: one way to write and read it back, from serde's own
//! names, so a table and the wire never spell a value differently.

use serde::de::DeserializeOwned;
use serde::Serialize;

/// The wire code of `value`; `None` for a value that is not a unit variant.
pub fn of<T: Serialize>(value: &T) -> Option<String> {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => Some(s),
        _ => None,
    }
}

/// The value whose wire code is `code`.
pub fn parse<T: DeserializeOwned>(code: &str) -> Option<T> {
    serde_json::from_value(serde_json::Value::String(code.to_owned())).ok()
}

#[cfg(test)]
mod tests {
    use crate::ipc::{Sex, Verdict};
    use crate::item::OutageCause;

    #[test]
    fn codes_are_serdes_names_both_ways() {
        assert_eq!(
            super::of(&Verdict::TidakDikenal).as_deref(),
            Some("TIDAK_DIKENAL")
        );
        assert_eq!(
            super::of(&OutageCause::Http5xx).as_deref(),
            Some("http_5xx")
        );
        assert_eq!(super::parse::<Sex>("perempuan"), Some(Sex::Perempuan));
        assert_eq!(super::parse::<Sex>("lain"), None);
        assert_eq!(super::of(&3), None);
    }
}
