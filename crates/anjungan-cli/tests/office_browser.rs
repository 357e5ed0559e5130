//! The back office in a real Chromium (Debian's `chromium` and `chromium-driver`, through
//! WebDriver): an admin signs in with her authenticator code and makes a verifikator; the
//! verifikator opens an application a kiosk submitted with `anjungan-cli apply`, views the
//! KTP scan, asks for corrections, then starts processing and finishes it, while the
//! kiosk's Cek Status shows each step; the audit log has every view and action; the head of
//! office is refused; a forged cross-site form changes nothing; a signed-out session is over.
//! Screenshots of every page go to `ui/e2e/artifacts/office-*.png`.

mod support;

use base64::Engine as _;
use serde_json::{json, Value};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use support::{application, cli, s, Office};

const PASSWORD: &str = "kopi tubruk di pasar cendrawasih";
const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

/// A WebDriver session with chromedriver, spoken over plain HTTP.
struct Browser {
    http: reqwest::Client,
    base: String,
    driver: Child,
    /// axe-core's findings on every page photographed.
    findings: std::sync::Mutex<Vec<String>>,
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

impl Browser {
    async fn start() -> Browser {
        let port = free_port();
        let driver = Command::new("chromedriver")
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect(
                "chromedriver (Debian's chromium-driver) must be installed: scripts/setup --test",
            );
        let http = reqwest::Client::new();
        let root = format!("http://127.0.0.1:{port}");
        for _ in 0..100 {
            if http.get(format!("{root}/status")).send().await.is_ok() {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        let session: Value = http
            .post(format!("{root}/session"))
            .json(&json!({"capabilities": {"alwaysMatch": {
                "browserName": "chrome",
                "goog:chromeOptions": {
                    "binary": "/usr/bin/chromium",
                    "args": ["--headless=new", "--no-sandbox", "--window-size=1366,768"]
                }
            }}}))
            .send()
            .await
            .expect("session")
            .json()
            .await
            .expect("json");
        let id = session["value"]["sessionId"]
            .as_str()
            .unwrap_or_else(|| panic!("no session: {session}"))
            .to_owned();
        Browser {
            http,
            base: format!("{root}/session/{id}"),
            driver,
            findings: std::sync::Mutex::default(),
        }
    }

    async fn call(&self, method: reqwest::Method, path: &str, body: Option<Value>) -> Value {
        let mut req = self.http.request(method, format!("{}{path}", self.base));
        if let Some(b) = body {
            req = req.json(&b);
        }
        let v: Value = req
            .send()
            .await
            .expect("webdriver")
            .json()
            .await
            .expect("json");
        assert!(
            v["value"]["error"].is_null(),
            "WebDriver {path}: {}",
            v["value"]
        );
        v["value"].clone()
    }

    async fn go(&self, url: &str) {
        self.call(reqwest::Method::POST, "/url", Some(json!({ "url": url })))
            .await;
    }

    /// The element `css` names, waiting up to ten seconds for a page still loading.
    async fn find(&self, css: &str) -> String {
        for _ in 0..100 {
            let v: Value = self
                .http
                .post(format!("{}/element", self.base))
                .json(&json!({"using": "css selector", "value": css}))
                .send()
                .await
                .expect("webdriver")
                .json()
                .await
                .expect("json");
            if let Some(e) = v["value"][ELEMENT].as_str() {
                return e.to_owned();
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        panic!("no element {css} in:\n{}", self.source().await);
    }

    /// Waits up to ten seconds for the page to hold `text` (a form's answer has loaded).
    async fn wait_for(&self, text: &str) {
        for _ in 0..100 {
            if self.source().await.contains(text) {
                return;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        panic!("the page never showed {text:?}:\n{}", self.source().await);
    }

    async fn type_in(&self, css: &str, text: &str) {
        let e = self.find(css).await;
        self.call(
            reqwest::Method::POST,
            &format!("/element/{e}/value"),
            Some(json!({ "text": text })),
        )
        .await;
    }

    async fn click(&self, css: &str) {
        let e = self.find(css).await;
        self.call(
            reqwest::Method::POST,
            &format!("/element/{e}/click"),
            Some(json!({})),
        )
        .await;
    }

    async fn source(&self) -> String {
        self.call(reqwest::Method::GET, "/source", None)
            .await
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }

    async fn shot(&self, name: &str) {
        let png = self.call(reqwest::Method::GET, "/screenshot", None).await;
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(png.as_str().unwrap_or_default())
            .expect("png");
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../ui/e2e/artifacts");
        std::fs::create_dir_all(&dir).expect("artifacts");
        std::fs::write(dir.join(format!("office-{name}.png")), bytes).expect("write");
        if name != "document" {
            let found = self.axe(name).await;
            self.findings.lock().expect("findings").extend(found);
        }
    }

    /// axe-core's serious and critical WCAG 2.1 AA findings on the page shown (the script is
    /// run through WebDriver, which the page's CSP does not govern).
    async fn axe(&self, screen: &str) -> Vec<String> {
        let source = std::fs::read_to_string(
            PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                .join("../../ui/node_modules/axe-core/axe.min.js"),
        )
        .expect("axe-core (the UI's npm packages: scripts/setup)");
        let script = format!(
            "{source}\nconst done = arguments[arguments.length - 1];\n\
             axe.run(document, {{runOnly: {{type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}}}})\n\
             .then(r => done(r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')\n\
             .map(v => v.id + ': ' + v.help + ' ' + v.nodes.map(n => n.target.join(' ')).join(', '))),\n\
             e => done(['axe failed: ' + e]));"
        );
        let found = self
            .call(
                reqwest::Method::POST,
                "/execute/async",
                Some(json!({"script": script, "args": []})),
            )
            .await;
        found
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|v| v.as_str())
            .map(|v| format!("{screen}: {v}"))
            .collect()
    }

    async fn login(&self, base: &str, name: &str, code: Option<&str>) {
        self.go(&format!("{base}/office/login")).await;
        self.type_in("#name", name).await;
        self.type_in("#password", PASSWORD).await;
        if let Some(code) = code {
            self.type_in("#code", code).await;
        }
        self.click("[data-testid=login-submit]").await;
        // Signed in (the officer's name in the header) or refused (the reason): the answer
        // to this form, never the page it was sent from.
        for _ in 0..100 {
            let page = self.source().await;
            if page.contains("data-testid=\"officer\"")
                || page.contains("data-testid=\"login-error\"")
            {
                return;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        panic!("no answer to the sign-in:\n{}", self.source().await);
    }

    async fn logout(&self) {
        self.click("[data-testid=logout]").await;
        self.wait_for("data-testid=\"login-submit\"").await;
    }
}

async fn kiosk_status(kiosk: &std::path::Path, number: &str) -> Value {
    support::json(&cli(kiosk, &["check-status", number, "--json"]).await)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn officers_work_a_kiosk_application_in_chromium() {
    let office = Office::open().await;
    let base = office.url();
    let kiosk = office.enrolled_kiosk().await;

    // A citizen applies at the kiosk, with every document; the kiosk delivers it.
    let files = tempfile::tempdir().expect("files");
    let app = files.path().join("app.json");
    std::fs::write(&app, application(support::NIK, "").to_string()).expect("app");
    let mut args: Vec<String> = vec!["apply".into(), "--json".into(), s(&app).into()];
    for code in [
        "ktp",
        "pengantar-permohonan-lembaga",
        "proposal-penelitian",
        "pernyataan-menaati-peraturan",
    ] {
        let f = files.path().join(format!("{code}.pdf"));
        std::fs::write(&f, anjungan_capture::fixtures::pdf(1, code, &[])).expect("doc");
        args.extend(["--document".into(), format!("{code}={}", s(&f))]);
    }
    let argv: Vec<&str> = args.iter().map(String::as_str).collect();
    let saved = support::json(&cli(kiosk.path(), &argv).await);
    let number = saved["tracking_number"]
        .as_str()
        .expect("number")
        .to_owned();
    let sent = support::json(
        &cli(
            kiosk.path(),
            &["sync", "--until-empty", "--timeout-s", "60"],
        )
        .await,
    );
    assert_eq!(sent["delivered"], 1);

    // The first admin is made on the server; her authenticator code is asked for.
    let admin = anjungan_hub::backoffice::accounts::add(
        &office.pool,
        "admin-kantor",
        anjungan_hub::backoffice::roles::Role::Admin,
        PASSWORD,
        false,
        "2026-12-07T08:00:00Z",
        &mut rand::rngs::OsRng,
    )
    .await
    .expect("admin");
    let secret = admin
        .totp_uri
        .as_deref()
        .and_then(|u| u.split("secret=").nth(1))
        .and_then(|s| s.split('&').next())
        .expect("a TOTP secret")
        .to_owned();

    let b = Browser::start().await;
    b.go(&format!("{base}/office/login")).await;
    b.shot("login").await;
    b.login(&base, "admin-kantor", None).await;
    assert!(
        b.source().await.contains("autentikator"),
        "the code is asked for"
    );
    let code = anjungan_hub::backoffice::totp::code_now(
        &secret,
        time::OffsetDateTime::now_utc().unix_timestamp(),
    )
    .expect("code");
    b.login(&base, "admin-kantor", Some(&code)).await;
    b.go(&format!("{base}/office/staff")).await;
    b.type_in("#new-name", "rina").await;
    b.click("#new-role option[value=verifikator]").await;
    b.type_in("#new-password", PASSWORD).await;
    b.click("[data-testid=staff-submit]").await;
    b.wait_for("data-testid=\"staff-message\"").await;
    assert!(b.source().await.contains("rina"));
    b.shot("staff").await;
    b.go(&format!("{base}/office/audit")).await;
    b.shot("audit").await;
    b.logout().await;

    // The verifikator finds the application and views the KTP scan.
    b.login(&base, "rina", None).await;
    let inbox = b.source().await;
    assert!(inbox.contains(&number), "the inbox lists it");
    b.shot("inbox").await;
    // English on request, Indonesian again.
    b.click("[data-testid=lang]").await;
    b.wait_for("<h1>Applications</h1>").await;
    b.shot("inbox-en").await;
    b.click("[data-testid=lang]").await;
    b.wait_for("<h1>Permohonan masuk</h1>").await;
    b.click(&format!("a[href='/office/applications/{number}']"))
        .await;
    let page = b.source().await;
    assert!(page.contains(support::NIK) && page.contains("Siti Aminah"));
    b.shot("application").await;
    b.go(&format!(
        "{base}/office/applications/{number}/documents/ktp"
    ))
    .await;
    b.shot("document").await;
    b.go(&format!("{base}/office/applications/{number}")).await;

    // Corrections, then processing, then done: the kiosk sees each step.
    b.click("input[name=status][value=perlu_perbaikan]").await;
    b.click("input[name=missing][value=ktp]").await;
    b.type_in("#note", "Foto KTP kurang jelas").await;
    b.shot("application-action").await;
    b.click("[data-testid=action-submit]").await;
    b.wait_for("app-status\"><strong>Perlu perbaikan").await;
    let seen = kiosk_status(kiosk.path(), &number).await;
    assert_eq!(seen["status"], "perlu_perbaikan", "{seen}");
    for (status, step, permit, word) in [
        ("diproses", Some("Pemeriksaan teknis"), None, "Diproses"),
        ("selesai", None, Some("503/0001/SKP/2026"), "Selesai"),
    ] {
        b.click(&format!("input[name=status][value={status}]"))
            .await;
        if let Some(step) = step {
            b.type_in("#step", step).await;
        }
        if let Some(permit) = permit {
            b.type_in("#permit_number", permit).await;
        }
        b.click("[data-testid=action-submit]").await;
        b.wait_for(&format!("app-status\"><strong>{word}")).await;
        let seen = kiosk_status(kiosk.path(), &number).await;
        assert_eq!(seen["status"], status, "{seen}");
    }
    let done = b.source().await;
    assert!(done.contains("Pemeriksaan teknis"), "the history");
    assert!(done.contains("503/0001/SKP/2026"), "the permit issued");
    b.shot("application-done").await;

    // A form on another site cannot act for her: her cookie stays home (SameSite=Strict)
    // and the hub refuses a cross-site request anyway.
    let forged = format!(
        "data:text/html,<form method=post action='{base}/office/applications/{number}/status'>\
         <input name=status value=ditolak><input name=note value=x><button id=go>go</button></form>"
    );
    b.go(&forged).await;
    b.click("#go").await;
    b.wait_for("data-testid=\"error-message\"").await;
    let shown = anjungan_hub::applications::show(&office.pool, &number)
        .await
        .expect("show");
    assert_eq!(
        shown.status.status.code(),
        "selesai",
        "the forged form changed nothing"
    );

    // Signed out, the pages are closed.
    b.go(&format!("{base}/office/applications")).await;
    b.logout().await;
    b.go(&format!("{base}/office/applications/{number}")).await;
    assert!(
        b.source().await.contains("Masuk petugas"),
        "back at the sign-in"
    );

    // The head of office reads figures only.
    anjungan_hub::backoffice::accounts::add(
        &office.pool,
        "kepala",
        anjungan_hub::backoffice::roles::Role::Pimpinan,
        PASSWORD,
        false,
        "2026-12-07T08:00:00Z",
        &mut rand::rngs::OsRng,
    )
    .await
    .expect("pimpinan");
    b.login(&base, "kepala", None).await;
    b.go(&format!("{base}/office/applications/{number}")).await;
    let refused = b.source().await;
    assert!(refused.contains("tidak mengizinkan"), "refused");
    assert!(!refused.contains(support::NIK));
    b.shot("refused").await;

    // Every view and action, by whom.
    let log = anjungan_hub::audit::list(&office.pool, None)
        .await
        .expect("audit");
    let by = |who: &str, action: &str| {
        log.iter()
            .filter(|e| e.actor == who && e.action == action)
            .count()
    };
    assert_eq!(by("admin-kantor", "staff_add"), 1);
    let ktp_views = log
        .iter()
        .filter(|e| e.actor == "rina" && e.action == "view_document")
        .filter(|e| e.detail.as_deref() == Some("ktp"))
        .count();
    assert_eq!(
        ktp_views, 1,
        "one view of the KTP however many ranges the PDF viewer asked for"
    );
    assert_eq!(
        by("rina", "view_document"),
        4,
        "each of the four documents, once"
    );
    assert!(by("rina", "view_application") >= 1);
    assert_eq!(by("rina", "set_status"), 3);
    assert_eq!(by("rina", "logout"), 1);
    let findings = b.findings.lock().expect("findings").clone();
    assert!(
        findings.is_empty(),
        "axe-core, serious or critical:\n{}",
        findings.join("\n")
    );
    assert!(anjungan_hub::audit::verify(&office.pool)
        .await
        .expect("verify")
        .broken_at
        .is_none());
}
