//! Named crash points for the crash tests: when `ANJUNGAN_FAILPOINT` names a point, the
//! process aborts there (no destructors, no flushing — as close to a power cut as a test
//! can get). Unset, a failpoint costs one cached environment lookup. Only debug builds and
//! builds with the `failpoints` feature have them: in the released app [`hit`] is empty and no
//! environment variable can make it abort.

use std::sync::OnceLock;

pub const ENV: &str = "ANJUNGAN_FAILPOINT";

/// Points the code passes through, in the order an item meets them.
pub const BEFORE_ENQUEUE_COMMIT: &str = "before_enqueue_commit";
pub const AFTER_ENQUEUE_COMMIT: &str = "after_enqueue_commit";
pub const AFTER_SEND_BEFORE_RESPONSE: &str = "after_send_before_response";
pub const AFTER_ACK_BEFORE_MARK: &str = "after_ack_before_mark";

pub const ALL: [&str; 4] = [
    BEFORE_ENQUEUE_COMMIT,
    AFTER_ENQUEUE_COMMIT,
    AFTER_SEND_BEFORE_RESPONSE,
    AFTER_ACK_BEFORE_MARK,
];

/// Whether this build has failpoints at all.
pub const ENABLED: bool = cfg!(any(debug_assertions, feature = "failpoints"));

fn armed() -> Option<&'static str> {
    static ARMED: OnceLock<Option<String>> = OnceLock::new();
    ARMED
        .get_or_init(|| std::env::var(ENV).ok().filter(|v| !v.is_empty()))
        .as_deref()
}

/// Aborts the process if `name` is the armed failpoint.
pub fn hit(name: &str) {
    if ENABLED && armed() == Some(name) {
        eprintln!("failpoint {name}: aborting");
        std::process::abort();
    }
}
