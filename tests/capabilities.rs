//! The per-window permissions granted in `capabilities/` must match the command list:
//! the kiosk window gets exactly the kiosk commands, the staff window the staff commands
//! (plus `app_info` and the counter's application commands), and no window gets a command
//! that does not exist.

use anjungan_wire::commands::{ALL_COMMANDS, COUNTER_COMMANDS, KIOSK_COMMANDS, STAFF_COMMANDS};
use std::collections::BTreeSet;

fn granted(file: &str) -> (Vec<String>, BTreeSet<String>) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("capabilities")
        .join(file);
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).expect("read capability"))
            .expect("capability JSON");
    let windows = json["windows"]
        .as_array()
        .expect("windows")
        .iter()
        .map(|w| w.as_str().expect("label").to_owned())
        .collect();
    let commands = json["permissions"]
        .as_array()
        .expect("permissions")
        .iter()
        .filter_map(|p| p.as_str())
        .filter_map(|p| p.strip_prefix("allow-"))
        .map(|c| c.replace('-', "_"))
        .collect();
    (windows, commands)
}

fn set(names: &[&str]) -> BTreeSet<String> {
    names.iter().map(|s| (*s).to_owned()).collect()
}

#[test]
fn the_kiosk_window_gets_the_kiosk_commands_only() {
    let (windows, commands) = granted("kiosk.json");
    assert_eq!(windows, ["kiosk"]);
    assert_eq!(commands, set(KIOSK_COMMANDS));
    assert!(commands.iter().all(|c| !c.starts_with("staff_")));
}

#[test]
fn the_staff_window_gets_the_staff_commands_app_info_and_the_counter_flow() {
    let (windows, commands) = granted("staff.json");
    assert_eq!(windows, ["staff"]);
    let mut expected = set(STAFF_COMMANDS);
    expected.insert("app_info".into());
    expected.extend(set(COUNTER_COMMANDS));
    assert!(set(COUNTER_COMMANDS).is_subset(&set(KIOSK_COMMANDS)));
    assert_eq!(commands, expected);
}

#[test]
fn every_granted_command_exists() {
    let all = set(ALL_COMMANDS);
    for file in ["kiosk.json", "staff.json"] {
        let (_, commands) = granted(file);
        assert!(commands.is_subset(&all), "{file}: {commands:?}");
    }
}
