//! The back office over HTTP against a real hub on loopback: officers sign in, work an
//! application a kiosk delivered to its end while the kiosk's Cek Status follows each step,
//! every view of personal data and every action lands in the audit log, and what must be
//! refused is refused (another role, a forged cross-site form, a stale session, a stranger
//! guessing passwords). The server's command line makes and manages the accounts.

mod support;

use anjungan_hub::audit;
use anjungan_hub::backoffice::accounts;
use anjungan_hub::backoffice::roles::Role;
use anjungan_hub::clock::HubClock;
use anjungan_hub::server::ServeOptions;
use std::sync::{Arc, Mutex};
use time::OffsetDateTime;

const PASSWORD: &str = "kopi tubruk di pasar cendrawasih";

struct Office {
    hub: support::Hub,
    http: reqwest::Client,
    now: Arc<Mutex<OffsetDateTime>>,
}

impl Office {
    async fn new() -> Self {
        let now = Arc::new(Mutex::new(OffsetDateTime::now_utc()));
        let clock_now = Arc::clone(&now);
        let hub = support::served(ServeOptions {
            clock: HubClock::from_fn(move || *clock_now.lock().expect("clock")),
            // Tests speak for several machines through X-Forwarded-For from loopback.
            behind_proxy: true,
            ..ServeOptions::default()
        })
        .await;
        let http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("client");
        Office { hub, http, now }
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.hub.running.url())
    }

    async fn officer(&self, name: &str, role: Role) {
        accounts::add(
            &self.hub.pool,
            name,
            role,
            PASSWORD,
            false,
            "2026-12-07T08:00:00Z",
            &mut rand::rngs::OsRng,
        )
        .await
        .expect("account");
    }

    async fn login_from(&self, name: &str, password: &str, address: &str) -> reqwest::Response {
        self.http
            .post(self.url("/office/login"))
            .header("x-forwarded-for", address)
            .form(&[("name", name), ("password", password), ("code", "")])
            .send()
            .await
            .expect("login")
    }

    /// Signs in; returns the session cookie.
    async fn login(&self, name: &str) -> String {
        let r = self.login_from(name, PASSWORD, "10.0.0.1").await;
        assert_eq!(r.status(), 303, "{name} signs in");
        let cookie = r
            .headers()
            .get("set-cookie")
            .and_then(|v| v.to_str().ok())
            .expect("a cookie")
            .to_owned();
        assert!(
            cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"),
            "{cookie}"
        );
        cookie.split(';').next().unwrap_or_default().to_owned()
    }

    async fn get(&self, cookie: &str, path: &str) -> reqwest::Response {
        self.http
            .get(self.url(path))
            .header("cookie", cookie)
            .header("x-forwarded-for", "10.0.0.1")
            .send()
            .await
            .expect("get")
    }

    async fn page(&self, cookie: &str, path: &str) -> String {
        let r = self.get(cookie, path).await;
        assert_eq!(r.status(), 200, "{path}");
        r.text().await.expect("text")
    }

    /// The CSRF token the page's forms carry.
    async fn csrf(&self, cookie: &str) -> String {
        let page = self.page(cookie, "/office/applications").await;
        page.split("name=\"csrf\" value=\"")
            .nth(1)
            .and_then(|s| s.split('"').next())
            .expect("a csrf field")
            .to_owned()
    }

    async fn post(&self, cookie: &str, path: &str, form: &[(&str, &str)]) -> reqwest::Response {
        self.http
            .post(self.url(path))
            .header("cookie", cookie)
            .header("x-forwarded-for", "10.0.0.1")
            .form(form)
            .send()
            .await
            .expect("post")
    }

    async fn audit_actions(&self) -> Vec<(String, String, Option<String>)> {
        audit::list(&self.hub.pool, None)
            .await
            .expect("audit")
            .into_iter()
            .map(|e| (e.actor, e.action, e.subject))
            .collect()
    }
}

/// A kiosk delivers an application with its KTP scan; returns the kiosk's token and the
/// number.
async fn delivered(office: &Office) -> (String, String) {
    let token = office.hub.kiosk("lobi-1", true).await;
    let pdf = b"%PDF-1.4\n% KTP scan\n%%EOF\n".to_vec();
    let sha = hex::encode(<sha2::Sha256 as sha2::Digest>::digest(&pdf));
    assert!(matches!(office.hub.put_blob(&token, &pdf).await, 201 | 204));
    let number = support::tracking(1, 7);
    let (status, body) = office
        .hub
        .post(
            &token,
            serde_json::json!([support::application_item(&number, &[(&sha, pdf.len())])]),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    (token, number)
}

async fn cek_status(office: &Office, token: &str, number: &str) -> serde_json::Value {
    office
        .http
        .get(office.url(&format!("/v1/applications/{number}")))
        .bearer_auth(token)
        .send()
        .await
        .expect("status")
        .json()
        .await
        .expect("json")
}

#[tokio::test]
async fn a_verifikator_works_an_application_to_its_end_and_the_kiosk_follows() {
    let office = Office::new().await;
    let (token, number) = delivered(&office).await;
    office.officer("rina", Role::Verifikator).await;

    // Without a session, the desk sends the browser to the sign-in.
    let r = office.get("", "/office/applications").await;
    assert_eq!(r.status(), 303);
    assert_eq!(r.headers()["location"], "/office/login");
    let login_page = office.page("", "/office/login").await;
    assert!(login_page.contains("Masuk petugas"), "Indonesian first");

    let cookie = office.login("rina").await;
    let inbox = office.get(&cookie, "/office/applications").await;
    let csp = inbox.headers()["content-security-policy"]
        .to_str()
        .expect("csp")
        .to_owned();
    assert!(
        csp.contains("default-src 'none'") && !csp.contains("unsafe-inline"),
        "{csp}"
    );
    assert_eq!(inbox.headers()["x-content-type-options"], "nosniff");
    let inbox = inbox.text().await.expect("inbox");
    assert!(
        inbox.contains(&number),
        "the inbox lists the kiosk's application"
    );
    assert!(!inbox.contains("<script"), "no script anywhere");

    // Late ones first, marked, across every page.
    let first_row = inbox
        .split("<tbody>")
        .nth(1)
        .and_then(|t| t.split("</tr>").next())
        .expect("a first row");
    assert!(
        first_row.contains("class=\"late\"") && first_row.contains("TERLAMBAT"),
        "{first_row}"
    );

    // Filtered by service and by kiosk.
    let by_kiosk = office
        .page(&cookie, "/office/applications?kiosk=lobi-1")
        .await;
    assert!(by_kiosk.contains(&number));
    let by_service = office
        .page(&cookie, "/office/applications?service=sip-dokter")
        .await;
    assert!(by_service.contains(&number));
    let other_service = office
        .page(&cookie, "/office/applications?service=skp-penelitian")
        .await;
    assert!(!other_service.contains(&number));

    // Found by the applicant's name, and not by another.
    let found = office.page(&cookie, "/office/applications?q=siti").await;
    assert!(found.contains(&number));
    let other = office.page(&cookie, "/office/applications?q=budi").await;
    assert!(!other.contains(&number));

    // The application's page shows the applicant and the KTP beside its requirement.
    let page = office
        .page(&cookie, &format!("/office/applications/{number}"))
        .await;
    assert!(page.contains("1872015408900002") && page.contains("Siti Aminah"));
    assert!(page.contains(&format!("/office/applications/{number}/documents/ktp")));
    let doc = office
        .get(
            &cookie,
            &format!("/office/applications/{number}/documents/ktp"),
        )
        .await;
    assert_eq!(doc.status(), 200);
    assert_eq!(doc.headers()["content-type"], "application/pdf");
    assert_eq!(doc.headers()["x-content-type-options"], "nosniff");
    assert!(doc.bytes().await.expect("bytes").starts_with(b"%PDF"));

    let csrf = office.csrf(&cookie).await;
    let act = |form: Vec<(&'static str, String)>| {
        let path = format!("/office/applications/{number}/status");
        let cookie = cookie.clone();
        let csrf = csrf.clone();
        let office = &office;
        async move {
            let mut f: Vec<(&str, String)> = vec![("csrf", csrf)];
            f.extend(form);
            let f: Vec<(&str, &str)> = f.iter().map(|(k, v)| (*k, v.as_str())).collect();
            office.post(&cookie, &path, &f).await
        }
    };

    // Corrections ask for what they need: the missing requirement, by name.
    let r = act(vec![("status", "perlu_perbaikan".into())]).await;
    assert_eq!(r.status(), 422);
    assert!(r.text().await.expect("text").contains("perlu_perbaikan"));
    let r = act(vec![
        ("status", "perlu_perbaikan".into()),
        ("missing", "ktp".into()),
        ("note", "Foto KTP buram".into()),
    ])
    .await;
    assert_eq!(r.status(), 303);
    let seen = cek_status(&office, &token, &number).await;
    assert_eq!(seen["status"], "perlu_perbaikan");
    assert!(seen["missing"].to_string().contains("KTP"), "{seen}");

    // Complete: processing starts, and with it the due date.
    let r = act(vec![
        ("status", "diproses".into()),
        ("step", "Pemeriksaan teknis".into()),
    ])
    .await;
    assert_eq!(r.status(), 303);
    let seen = cek_status(&office, &token, &number).await;
    assert_eq!(seen["status"], "diproses");
    assert!(seen["due_date"].is_string(), "{seen}");

    // Done issues the permit: without its number, nothing changes.
    let r = act(vec![("status", "selesai".into())]).await;
    assert_eq!(r.status(), 422);
    assert_eq!(
        cek_status(&office, &token, &number).await["status"],
        "diproses"
    );
    let r = act(vec![
        ("status", "selesai".into()),
        ("permit_number", "503/0007/SIP/2026".into()),
    ])
    .await;
    assert_eq!(r.status(), 303);
    assert_eq!(
        cek_status(&office, &token, &number).await["status"],
        "selesai"
    );
    let page = office
        .page(&cookie, &format!("/office/applications/{number}"))
        .await;
    assert!(page.contains("503/0007/SIP/2026"), "the permit on the page");
    let pdf = office
        .get(&cookie, &format!("/office/applications/{number}/permit"))
        .await;
    assert_eq!(pdf.headers()["content-type"], "application/pdf");
    assert!(pdf.bytes().await.expect("pdf").starts_with(b"%PDF"));
    // The permit is in the office's register, where anyone's check finds it.
    let listed: (String,) = sqlx::query_as("SELECT holder FROM permits WHERE number = $1")
        .bind("503/0007/SIP/2026")
        .fetch_one(&office.hub.pool)
        .await
        .expect("in the register");
    assert_eq!(listed.0, "Siti Aminah");

    // The office's own registration number, shown and searchable.
    let r = office
        .post(
            &cookie,
            &format!("/office/applications/{number}/reference"),
            &[("csrf", &csrf), ("reference", "SC-2026-000123")],
        )
        .await;
    assert_eq!(r.status(), 303);
    let found = office
        .page(&cookie, "/office/applications?q=sc-2026-000123")
        .await;
    assert!(found.contains(&number));

    // Every view of personal data and every action, by whom.
    let log = office.audit_actions().await;
    let has = |action: &str| {
        log.iter()
            .any(|(who, a, s)| who == "rina" && a == action && s.as_deref() == Some(&number))
    };
    for action in [
        "view_application",
        "view_document",
        "set_status",
        "set_reference",
    ] {
        assert!(has(action), "{action} missing from {log:?}");
    }
    assert!(log.iter().any(|(who, a, _)| who == "rina" && a == "login"));
    let v = audit::verify(&office.hub.pool).await.expect("verify");
    assert_eq!(v.broken_at, None);
}

#[tokio::test]
async fn what_must_be_refused_is_refused() {
    let office = Office::new().await;
    let (_token, number) = delivered(&office).await;
    office.officer("rina", Role::Verifikator).await;
    office.officer("kepala", Role::Pimpinan).await;
    let rina = office.login("rina").await;
    let csrf = office.csrf(&rina).await;
    let path = format!("/office/applications/{number}/status");

    // A form without this session's token, or sent from another site, changes nothing.
    let r = office
        .post(
            &rina,
            &path,
            &[("csrf", "forged"), ("status", "ditolak"), ("note", "x")],
        )
        .await;
    assert_eq!(r.status(), 403);
    let r = office
        .http
        .post(office.url(&path))
        .header("cookie", &rina)
        .header("origin", "http://evil.example")
        .header("sec-fetch-site", "cross-site")
        .form(&[
            ("csrf", csrf.as_str()),
            ("status", "ditolak"),
            ("note", "x"),
        ])
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), 403);
    let status = anjungan_hub::applications::status(&office.hub.pool, &number)
        .await
        .expect("status");
    assert_eq!(status.status.code(), "diterima", "nothing changed");

    // The head of office reads figures, never an applicant's data, and changes nothing.
    let kepala = office.login("kepala").await;
    let r = office
        .get(&kepala, &format!("/office/applications/{number}"))
        .await;
    assert_eq!(r.status(), 403);
    let kepala_csrf = {
        let page = office.page(&kepala, "/office/audit").await;
        page.split("name=\"csrf\" value=\"")
            .nth(1)
            .and_then(|s| s.split('"').next())
            .expect("csrf")
            .to_owned()
    };
    let r = office
        .post(
            &kepala,
            &path,
            &[("csrf", &kepala_csrf), ("status", "ditolak"), ("note", "x")],
        )
        .await;
    assert_eq!(r.status(), 403);
    let r = office
        .post(
            &kepala,
            "/office/staff",
            &[
                ("csrf", &kepala_csrf),
                ("name", "baru"),
                ("role", "admin"),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(r.status(), 403);

    // A session ends after 30 idle minutes.
    *office.now.lock().expect("clock") += time::Duration::minutes(31);
    let r = office.get(&rina, "/office/applications").await;
    assert_eq!(r.status(), 303, "back to the sign-in");

    // Signing out ends the session for good.
    *office.now.lock().expect("clock") -= time::Duration::minutes(31);
    let rina = office.login("rina").await;
    let csrf = office.csrf(&rina).await;
    let r = office
        .post(&rina, "/office/logout", &[("csrf", &csrf)])
        .await;
    assert_eq!(r.status(), 303);
    assert_eq!(
        office.get(&rina, "/office/applications").await.status(),
        303
    );
}

#[tokio::test]
async fn a_stranger_guessing_passwords_never_locks_an_officer_out_at_her_desk() {
    let office = Office::new().await;
    office.officer("rina", Role::Verifikator).await;
    for _ in 0..5 {
        let r = office
            .login_from("rina", "tebak-tebakan-123", "10.9.9.9")
            .await;
        assert_eq!(r.status(), 401);
        assert!(r.text().await.expect("text").contains("salah"));
    }
    // The guesser's machine waits, even with the right password…
    let r = office.login_from("rina", PASSWORD, "10.9.9.9").await;
    assert_eq!(r.status(), 401);
    assert!(r.text().await.expect("text").contains("Terlalu banyak"));
    // …and Rina at her own desk signs in.
    let r = office.login_from("rina", PASSWORD, "10.0.0.1").await;
    assert_eq!(r.status(), 303);
    let failed = office
        .audit_actions()
        .await
        .into_iter()
        .filter(|(_, a, _)| a == "login_failed" || a == "login_locked")
        .count();
    assert!(failed >= 6, "every refused sign-in is in the log");
}

#[tokio::test]
async fn the_command_line_makes_the_accounts_and_checks_the_chain() {
    let office = Office::new().await;
    let data = office.hub.dir.path();
    let pw = data.join("pw");
    std::fs::write(&pw, format!("{PASSWORD}\n")).expect("pw");
    let pw = pw.to_str().expect("path");

    let out = support::hub(
        &[
            "staff",
            "add",
            "--name",
            "admin-kantor",
            "--role",
            "admin",
            "--password-file",
            pw,
        ],
        data,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        said.contains("otpauth://totp/"),
        "an admin gets a second factor: {said}"
    );

    let weak = data.join("weak");
    std::fs::write(&weak, "Password1234\n").expect("weak");
    let out = support::hub(
        &[
            "staff",
            "add",
            "--name",
            "andi",
            "--role",
            "verifikator",
            "--password-file",
            weak.to_str().expect("p"),
        ],
        data,
    );
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("common"));

    let out = support::hub(
        &[
            "staff",
            "add",
            "--name",
            "andi",
            "--role",
            "verifikator",
            "--password-file",
            pw,
        ],
        data,
    );
    assert!(out.status.success());
    let list = support::stdout_json(&support::hub(&["staff", "list", "--json"], data));
    assert_eq!(list.as_array().map(Vec::len), Some(2), "{list}");

    // The admin cannot sign in without the authenticator's code.
    let r = office
        .login_from("admin-kantor", PASSWORD, "10.0.0.1")
        .await;
    assert_eq!(r.status(), 401);
    assert!(r.text().await.expect("text").contains("autentikator"));

    let out = support::hub(&["staff", "disable", "--name", "andi"], data);
    assert!(out.status.success());
    assert_eq!(
        office
            .login_from("andi", PASSWORD, "10.0.0.1")
            .await
            .status(),
        401
    );
    let out = support::hub(&["staff", "reset", "--name", "andi"], data);
    let said = String::from_utf8_lossy(&out.stdout).to_string();
    let fresh = said
        .rsplit(": ")
        .next()
        .expect("password")
        .trim()
        .to_owned();
    assert_eq!(
        office.login_from("andi", &fresh, "10.0.0.1").await.status(),
        303
    );

    let log = support::stdout_json(&support::hub(
        &["audit", "--json", "--since", "2020-01-01"],
        data,
    ));
    let actions: Vec<&str> = log
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|e| e["action"].as_str())
        .collect();
    for a in ["staff_add", "staff_disable", "staff_reset", "login"] {
        assert!(actions.contains(&a), "{a} in {actions:?}");
    }
    let out = support::hub(&["audit", "verify"], data);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    // The log refuses to be changed, and a change made behind its back is found.
    let refused = sqlx::query("UPDATE audit_log SET actor = 'x' WHERE seq = 1")
        .execute(&office.hub.pool)
        .await;
    assert!(refused.is_err(), "append-only");
    if anjungan_hub::db::engine(&office.hub.pool) == anjungan_hub::db::Engine::Sqlite {
        sqlx::query("DROP TRIGGER audit_log_no_update")
            .execute(&office.hub.pool)
            .await
            .expect("drop");
        sqlx::query("UPDATE audit_log SET actor = 'someone else' WHERE seq = 2")
            .execute(&office.hub.pool)
            .await
            .expect("tamper");
        let out = support::hub(&["audit", "verify"], data);
        assert!(!out.status.success());
        assert!(String::from_utf8_lossy(&out.stderr).contains("entry 2"));
    }
}
