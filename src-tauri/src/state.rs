//! What the commands share: the kiosk core, the staff session, the idle settings, and the
//! last connection report (refreshed in the background so screens never wait on the network).

use anjungan_core::camera_check::CameraCheck;
use anjungan_core::settings::IdleSettings;
use anjungan_core::staff_session::StaffSession;
use anjungan_core::sync::{self, SyncConfig};
use anjungan_core::Kiosk;
use anjungan_wire::ipc::{ConnectionReport, ConnectionState};
use rand::rngs::StdRng;
use rand::SeedableRng;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// How often the hub is probed while the app runs (seconds; `ANJUNGAN_HUB_CHECK_S`).
const CONNECTION_CHECK_ENV: &str = "ANJUNGAN_HUB_CHECK_S";
const CONNECTION_CHECK_DEFAULT_S: u64 = 15;

/// The site's own check interval, if set (it wins over the office's pacing).
fn connection_check_local() -> Option<Duration> {
    std::env::var(CONNECTION_CHECK_ENV)
        .ok()
        .and_then(|v| v.trim().parse::<u64>().ok())
        .filter(|s| (1..=3600).contains(s))
        .map(Duration::from_secs)
}

/// When the process started, to log how long the first screen took (the shell's own figure;
/// `scripts/bench-start` measures from outside as well).
pub struct Launch;

static LAUNCHED_UNIX_MS: std::sync::OnceLock<f64> = std::sync::OnceLock::new();

fn unix_ms(t: std::time::SystemTime) -> f64 {
    t.duration_since(std::time::UNIX_EPOCH)
        .map_or(0.0, |d| d.as_secs_f64() * 1e3)
}

impl Launch {
    pub fn mark() {
        LAUNCHED_UNIX_MS.get_or_init(|| unix_ms(std::time::SystemTime::now()));
    }

    /// Logs a window's report with the time since launch (the page sends one per load).
    pub fn painted(window: &str, at_unix_ms: f64) {
        let since_launch_ms = LAUNCHED_UNIX_MS.get().map(|l| at_unix_ms - l);
        tracing::info!(window, at_unix_ms, ?since_launch_ms, "first screen painted");
    }
}

/// Set when the store could not be opened: the app runs only to show the maintenance screen
/// (no `AppState`, so every other command refuses).
pub struct Maintenance(pub Option<anjungan_wire::ipc::MaintenanceInfo>);

pub struct AppState {
    pub kiosk: Arc<Kiosk>,
    pub staff: StaffSession,
    pub idle: IdleSettings,
    pub connection: Arc<Mutex<ConnectionReport>>,
    pub sync: SyncConfig,
    /// The verify screen's camera while it is open.
    pub camera: Mutex<Option<CameraCheck>>,
    /// The camera while a document is being photographed (Ajukan Izin).
    pub document_camera: Mutex<Option<anjungan_core::document_camera::DocumentCamera>>,
    /// The scanner-folder watcher while an application is being filled in.
    pub inbox_watch: Mutex<Option<anjungan_capture::watch::Watch>>,
    /// Spoken guidance (`ANJUNGAN_SPEECH`; off unless the site turns it on).
    pub speaker: Arc<anjungan_speech::Speaker>,
    /// The receipt issued to the citizen at the kiosk now: the only one the kiosk window may
    /// print. Forgotten when the citizen leaves.
    pub citizen_receipt: Mutex<Option<String>>,
}

impl AppState {
    pub fn new(kiosk: Arc<Kiosk>) -> Self {
        let first = ConnectionReport {
            state: ConnectionState::Offline,
            checked_at: anjungan_core::clock::rfc3339(kiosk.now()),
            clock_skew_s: None,
            detail: Some("not checked yet".into()),
            insecure: false,
        };
        Self {
            kiosk,
            staff: StaffSession::default(),
            idle: IdleSettings::from_env(),
            connection: Arc::new(Mutex::new(first)),
            sync: SyncConfig::default(),
            camera: Mutex::new(None),
            inbox_watch: Mutex::new(None),
            document_camera: Mutex::new(None),
            speaker: Arc::new(anjungan_speech::Speaker::new(
                anjungan_speech::SpeechSettings::from_env(),
            )),
            citizen_receipt: Mutex::new(None),
        }
    }

    /// Notes the receipt just issued at the kiosk window.
    pub fn issued_to_citizen(&self, tracking_number: &str) {
        *self
            .citizen_receipt
            .lock()
            .unwrap_or_else(|p| p.into_inner()) = Some(tracking_number.to_owned());
    }

    /// Whether `tracking_number` is the receipt of the citizen at the kiosk now.
    pub fn is_citizens(&self, tracking_number: &str) -> bool {
        let printed = anjungan_apply::TrackingNumber::parse(tracking_number).ok();
        let held = self
            .citizen_receipt
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .as_deref()
            .and_then(|n| anjungan_apply::TrackingNumber::parse(n).ok());
        printed.is_some() && printed == held
    }

    /// The citizen left (home, idle wipe, a new application or complaint).
    pub fn citizen_left(&self) {
        self.citizen_receipt
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .take();
    }

    /// Starts watching the scanner folder (replacing a previous watch); every pass that
    /// takes or refuses a file is sent to `on_report`.
    pub fn watch_inbox(
        &self,
        on_report: impl Fn(anjungan_wire::application::InboxReport) + Send + 'static,
    ) {
        let watch = self.kiosk.inbox_watch(on_report);
        *self.inbox_watch.lock().unwrap_or_else(|p| p.into_inner()) = Some(watch);
    }

    /// Stops the watch (the application was sent or abandoned).
    pub fn unwatch_inbox(&self) {
        self.inbox_watch
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .take();
    }

    pub fn last_connection(&self) -> ConnectionReport {
        self.connection
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    /// Checks now and remembers the answer.
    pub async fn refresh_connection(&self) -> ConnectionReport {
        refresh(&self.kiosk, &self.connection).await
    }

    pub fn spawn_connection_monitor(&self) {
        let kiosk = Arc::clone(&self.kiosk);
        let slot = Arc::clone(&self.connection);
        let local = connection_check_local();
        let mut rng = StdRng::from_entropy();
        tauri::async_runtime::spawn(async move {
            loop {
                refresh(&kiosk, &slot).await;
                // The office's pacing, learnt at the last check, spreads the next one.
                let every = anjungan_core::office::next_check(
                    kiosk.store(),
                    local,
                    Duration::from_secs(CONNECTION_CHECK_DEFAULT_S),
                    &mut rng,
                );
                tokio::time::sleep(every).await;
            }
        });
    }

    /// The one sync worker of this kiosk; it runs as long as the app.
    pub fn spawn_sync_worker(&self) {
        tauri::async_runtime::spawn(sync::run(
            Arc::clone(self.kiosk.context()),
            self.sync,
            StdRng::from_entropy(),
            std::future::pending::<()>(),
        ));
    }
}

async fn refresh(kiosk: &Kiosk, slot: &Mutex<ConnectionReport>) -> ConnectionReport {
    let report = kiosk.check_connection().await;
    *slot.lock().unwrap_or_else(|p| p.into_inner()) = report.clone();
    report
}
