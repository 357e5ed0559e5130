//! Which URLs a kiosk webview may show. Everything else is refused: a citizen must never
//! end up on the open web from a public terminal, whatever a page or a QR code links to.

/// The dev server the UI is served from during development (`tauri dev`).
pub const DEV_ORIGIN: &str = "http://localhost:1420";

/// True when `url` is the window's own page `page` (`index.html`, `staff.html`; the root
/// counts as `index.html`), query and fragment aside. Each window shows its one page: the
/// kiosk window never shows the staff page, even though it is the app's own.
pub fn is_window_page(url: &str, page: &str, allow_dev: bool) -> bool {
    // `tauri://localhost` has an empty path (not a special scheme), `http://…` has "/".
    match app_path(url, allow_dev).as_deref() {
        Some("" | "/") => page == "index.html",
        Some(path) => path.strip_prefix('/') == Some(page),
        None => false,
    }
}

/// The path of one of the app's own URLs, or `None` for anything else. The app's own:
/// `tauri://localhost/…` (Linux, macOS), `http(s)://tauri.localhost/…` (Windows), and the dev
/// server when `allow_dev` is set.
fn app_path(url: &str, allow_dev: bool) -> Option<String> {
    let u = reqwest::Url::parse(url).ok()?;
    if !u.username().is_empty() || u.password().is_some() {
        return None;
    }
    let own = match (u.scheme(), u.host_str(), u.port()) {
        ("tauri", Some("localhost"), None) => true,
        ("http" | "https", Some("tauri.localhost"), None) => true,
        ("http", Some("localhost"), Some(1420)) => allow_dev,
        _ => false,
    };
    own.then(|| u.path().to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_apps_own_pages_are_allowed() {
        for ok in [
            "tauri://localhost/index.html",
            "tauri://localhost/index.html?x=1#y",
            "http://tauri.localhost/index.html",
        ] {
            assert!(is_window_page(ok, "index.html", false), "{ok}");
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
            assert!(!is_window_page(bad, "index.html", false), "{bad}");
        }
        assert!(is_window_page(
            "http://localhost:1420/staff.html",
            "staff.html",
            true
        ));
    }

    #[test]
    fn each_window_shows_only_its_own_page() {
        for (url, page) in [
            ("tauri://localhost/index.html", "index.html"),
            ("tauri://localhost/", "index.html"),
            ("tauri://localhost", "index.html"),
            ("http://tauri.localhost", "index.html"),
            ("tauri://localhost/index.html?x#y", "index.html"),
            ("http://tauri.localhost/staff.html", "staff.html"),
        ] {
            assert!(is_window_page(url, page, false), "{url} {page}");
        }
        for (url, page) in [
            ("tauri://localhost/staff.html", "index.html"),
            ("tauri://localhost/index.html", "staff.html"),
            ("tauri://localhost/assets/kiosk.js", "index.html"),
            ("tauri://localhost/../index.html/x", "index.html"),
            ("tauri://evil/index.html", "index.html"),
            ("http://localhost:1420/index.html", "index.html"),
        ] {
            assert!(!is_window_page(url, page, false), "{url} {page}");
        }
        assert!(is_window_page("http://localhost:1420/", "index.html", true));
    }
}
