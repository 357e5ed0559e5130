//! Which URLs a kiosk webview may show. Everything else is refused: a citizen must never
//! end up on the open web from a public terminal, whatever a page or a QR code links to.

/// The dev server the UI is served from during development (`tauri dev`).
pub const DEV_ORIGIN: &str = "http://localhost:1420";

/// True for the app's own pages: `tauri://localhost/…` (Linux, macOS),
/// `http(s)://tauri.localhost/…` (Windows), and the dev server when `allow_dev` is set.
pub fn is_app_url(url: &str, allow_dev: bool) -> bool {
    let Ok(u) = reqwest::Url::parse(url) else {
        return false;
    };
    if !u.username().is_empty() || u.password().is_some() {
        return false;
    }
    match (u.scheme(), u.host_str(), u.port()) {
        ("tauri", Some("localhost"), None) => true,
        ("http" | "https", Some("tauri.localhost"), None) => true,
        ("http", Some("localhost"), Some(1420)) => allow_dev,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_apps_own_pages_are_allowed() {
        for ok in [
            "tauri://localhost/index.html",
            "tauri://localhost/staff.html?x=1#y",
            "http://tauri.localhost/index.html",
        ] {
            assert!(is_app_url(ok, false), "{ok}");
        }
        for bad in [
            "https://example.com/",
            "http://localhost:1420/",
            "tauri://evil.com/",
            "http://tauri.localhost.evil.com/",
            "http://tauri.localhost:8080/",
            "file:///etc/passwd",
            "javascript:alert(1)",
            "data:text/html,hi",
            "http://user@tauri.localhost/",
            "not a url",
        ] {
            assert!(!is_app_url(bad, false), "{bad}");
        }
        assert!(is_app_url("http://localhost:1420/staff.html", true));
    }
}
