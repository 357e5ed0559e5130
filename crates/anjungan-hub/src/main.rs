//! The `anjungan-hub` command line.

mod office_cli;

use anjungan_hub::server::{init_logging, serve, shutdown_signal, LogFormat};
use anjungan_hub::{
    applications, catalogue, db, demo, items, kiosks, permits, register, skm, trust,
};
use anjungan_tls::server::Identity;
use clap::{Parser, Subcommand};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "anjungan-hub",
    version,
    about = "Reference central server for Anjungan kiosks"
)]
struct Cli {
    /// Log format on stderr.
    #[arg(long, global = true, value_enum, default_value = "text")]
    log_format: LogFormat,
    #[command(subcommand)]
    command: Command,
}

/// Where the hub keeps its data: `--data DIR` (SQLite in DIR, as one office needs), or
/// `--database URL` (SQLite or PostgreSQL) with DIR for the hub's own files.
#[derive(clap::Args, Clone)]
struct Store {
    /// Data directory (created if absent): the SQLite database and documents, unless
    /// --database is given, and always the hub's keys, TLS key and complaint keys.
    #[arg(long, required_unless_present = "database")]
    data: Option<PathBuf>,
    /// The database: `postgres://user@host/db` (several hub processes may share it) or
    /// `sqlite:PATH`. Without --data, the hub's files go to $STATE_DIRECTORY (systemd) or
    /// ~/.local/state/anjungan-hub.
    #[arg(long, env = "ANJUNGAN_HUB_DATABASE", hide_env_values = true)]
    database: Option<String>,
}

impl Store {
    /// The hub's files folder.
    fn dir(&self) -> PathBuf {
        if let Some(dir) = &self.data {
            return dir.clone();
        }
        if let Some(state) = std::env::var_os("STATE_DIRECTORY") {
            return PathBuf::from(state);
        }
        let home = std::env::var_os("HOME")
            .map(PathBuf::from)
            .unwrap_or_default();
        home.join(".local/state/anjungan-hub")
    }

    /// Opens the database (migrated) and says where the hub's files are.
    async fn open(&self) -> Result<(db::Pool, PathBuf), anjungan_hub::error::HubError> {
        let dir = self.dir();
        // The hub's own tests run every command on PostgreSQL too (see `testing`).
        let database = self
            .database
            .clone()
            .or_else(|| anjungan_hub::testing::database_url(&dir));
        let pool = match database {
            Some(url) => db::connect(&url, &dir).await?,
            None => db::open(&dir).await?,
        };
        Ok((pool, dir))
    }
}

#[derive(Subcommand)]
enum Command {
    /// Serve the /v1 API.
    Serve {
        #[command(flatten)]
        data: Store,
        /// Address to listen on; port 0 picks a free port and prints it.
        #[arg(long, default_value = "127.0.0.1:8730")]
        listen: String,
        /// Load the demo catalogue and applications first.
        #[arg(long)]
        demo: bool,
        /// Serve HTTPS with a certificate the hub makes at first start (kept in DIR/tls/).
        #[arg(long, conflicts_with_all = ["tls_cert", "tls_key"])]
        tls: bool,
        /// Serve HTTPS with this PEM certificate chain (with --tls-key).
        #[arg(long, requires = "tls_key")]
        tls_cert: Option<PathBuf>,
        /// The PEM private key of --tls-cert.
        #[arg(long, requires = "tls_cert")]
        tls_key: Option<PathBuf>,
        /// Connections served at once (each kiosk keeps one open between its requests);
        /// needs as many file descriptors (the service unit allows 65,536).
        #[arg(long, default_value_t = 4096)]
        max_connections: usize,
        /// Connections one client address may hold at once (an office's kiosks behind one
        /// NAT share it; a load test from one machine needs more).
        #[arg(long, default_value_t = 256)]
        max_connections_per_address: usize,
        /// Items one kiosk may deliver per office day.
        #[arg(long, default_value_t = anjungan_hub::limits::KIOSK_ITEMS_PER_DAY)]
        kiosk_items_per_day: i64,
        /// Document bytes one kiosk may upload per office day.
        #[arg(long, default_value_t = anjungan_hub::limits::KIOSK_BYTES_PER_DAY)]
        kiosk_bytes_per_day: i64,
    },
    /// Enrol a kiosk and print its enrolment code (shown only this once) on the last line:
    /// its token with the fingerprints of the office's root key and the hub's TLS key.
    /// With --count N, enrol PREFIX-0001 … PREFIX-N and print one `name token` line each
    /// (for a fleet's installer, or the load generator's --tokens file).
    Enrol {
        #[command(flatten)]
        data: Store,
        /// The kiosk's name (with --count, the prefix of the names): letters, digits, '-',
        /// '_' or '.'.
        #[arg(long)]
        kiosk: String,
        /// Enrol this many kiosks named PREFIX-0001 onwards.
        #[arg(long, value_parser = clap::value_parser!(u32).range(1..=100_000))]
        count: Option<u32>,
        /// Give the kiosks no kiosk number: they deliver everything but take no applications
        /// (a hub numbers at most 999 kiosks).
        #[arg(long)]
        unnumbered: bool,
    },
    /// Enrolled kiosks: list them, revoke one's token, or give one a new token.
    Kiosk {
        #[command(subcommand)]
        kiosk: KioskCommand,
    },
    /// Officers' accounts for the back office: add, list, disable, reset.
    Staff {
        #[command(subcommand)]
        staff: office_cli::StaffCommand,
    },
    /// The audit log: print it (`--json`, `--since DATE`), or `verify` its hash chain.
    #[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
    Audit {
        #[command(subcommand)]
        verify: Option<office_cli::AuditCommand>,
        #[command(flatten)]
        data: Store,
        /// A JSON array of {seq, at, actor, address, action, subject, detail, prev, hash}.
        #[arg(long)]
        json: bool,
        /// Only entries from this day (YYYY-MM-DD) or time (RFC 3339) on.
        #[arg(long)]
        since: Option<String>,
    },
    /// Every kiosk with its latest heartbeat, those needing attention first (silent over an
    /// hour, a backlog, dead letters, lists too old, a disk filling, no printer).
    Fleet {
        #[command(flatten)]
        data: Store,
        /// One JSON array instead of text.
        #[arg(long, conflicts_with = "html")]
        json: bool,
        /// Write the office's status page (static HTML, no script) to this file.
        #[arg(long)]
        html: Option<PathBuf>,
    },
    /// Documents kiosks uploaded: remove those no record holds.
    Blobs {
        #[command(subcommand)]
        blobs: BlobsCmd,
    },
    /// How long personal data is kept, per kind of record (UU PDP 27/2022); the service
    /// purges what is past it every six hours.
    Retention {
        #[command(subcommand)]
        retention: RetentionCmd,
    },
    /// A data subject's request: everything held on a NIK, or its erasure.
    Subject {
        #[command(subcommand)]
        subject: SubjectCmd,
    },
    /// Count (or list) the items kiosks have delivered.
    Items {
        #[command(flatten)]
        data: Store,
        /// One JSON object: items, duplicate_submissions, by_kind, blobs.
        #[arg(long, conflicts_with = "ids")]
        json: bool,
        /// Every stored item id, one per line.
        #[arg(long)]
        ids: bool,
    },
    /// The office's seal keys.
    Keys {
        #[command(subcommand)]
        keys: Keys,
    },
    /// Permits: issue (PDF + QR) and revoke.
    Permit {
        #[command(subcommand)]
        permit: Permit,
    },
    /// Reports across all kiosks.
    Report {
        #[command(subcommand)]
        report: Report,
    },
    /// e-SKM figures across all kiosks.
    Skm {
        #[command(subcommand)]
        skm: Skm,
    },
    /// The service catalogue: import a new version, export the current one.
    Catalogue {
        #[command(subcommand)]
        catalogue: CatalogueCmd,
    },
    /// Applications delivered by kiosks: list, show, change status, take out a document.
    Applications {
        #[command(subcommand)]
        applications: ApplicationsCmd,
    },
    /// Pengaduan: the office's complaint key, and the complaints kiosks delivered.
    Complaints {
        #[command(subcommand)]
        complaints: ComplaintsCmd,
    },
    /// The office calendar: days off besides weekends, and force-majeure days (Pasal 29).
    Calendar {
        #[command(subcommand)]
        calendar: CalendarCmd,
    },
    /// Move an office's hub from its SQLite file to an empty PostgreSQL database, every
    /// table and document checked on both sides before the move commits.
    Migrate {
        /// `sqlite:DIR`, the hub's data directory (or its hub.sqlite3).
        #[arg(long)]
        from: String,
        /// `postgres://user@host/db`, without a password (PGPASSWORD or ~/.pgpass): a
        /// server on another machine is verified (sslmode=verify-full).
        #[arg(long)]
        to: String,
    },
    /// Load the demo catalogue and example applications.
    Demo {
        #[command(flatten)]
        data: Store,
    },
}

#[derive(Subcommand)]
enum ComplaintsCmd {
    /// Make a new complaint key (kept in complaint-keys.txt in the data directory, which
    /// must never leave the office); kiosks get its public half with the trust lists.
    Keygen {
        #[command(flatten)]
        data: Store,
    },
    /// Complaints with their deadlines (overdue ones flagged). Never an identity.
    List {
        #[command(flatten)]
        data: Store,
        #[arg(long)]
        json: bool,
        #[arg(long)]
        status: Option<String>,
    },
    /// One complaint, opened for the officer handling it (an anonymous one without identity).
    Show {
        #[command(flatten)]
        data: Store,
        #[arg(long)]
        number: String,
        #[arg(long)]
        json: bool,
    },
    /// Change the status: diterima, diverifikasi, diteruskan (--to UNIT), ditanggapi,
    /// selesai, ditolak (--response REASON).
    Respond {
        #[command(flatten)]
        data: Store,
        #[arg(long)]
        number: String,
        #[arg(long)]
        status: String,
        #[arg(long)]
        response: Option<String>,
        #[arg(long)]
        to: Option<String>,
        #[arg(long, default_value = "petugas")]
        by: String,
    },
    /// Write one attachment of a complaint to a file (the first is --index 0).
    Attachment {
        #[command(flatten)]
        data: Store,
        #[arg(long)]
        number: String,
        #[arg(long, default_value_t = 0)]
        index: usize,
        #[arg(long)]
        out: PathBuf,
    },
    /// Every complaint for forwarding to SP4N-LAPOR!.
    Export {
        #[command(flatten)]
        data: Store,
        #[arg(long, default_value = "json")]
        format: String,
    },
}

#[derive(Subcommand)]
enum CalendarCmd {
    /// Replace the calendar with a JSON file `{"days":[{"date","kind","note"}]}`; kind is
    /// libur_nasional, cuti_bersama or force_majeure. Kiosks fetch it at their next check.
    Set {
        #[command(flatten)]
        data: Store,
        #[arg(long)]
        json: PathBuf,
    },
    /// Print the calendar in effect as JSON.
    Show {
        #[command(flatten)]
        data: Store,
    },
}

#[derive(Subcommand)]
enum CatalogueCmd {
    /// Check a catalogue file (every problem with its line and field) and store it as the
    /// next version; the previous versions are kept and kiosks fetch the new one.
    Import {
        #[command(flatten)]
        data: Store,
        #[arg(long)]
        json: PathBuf,
    },
    /// Print the current catalogue as JSON.
    Export {
        #[command(flatten)]
        data: Store,
    },
}

#[derive(Subcommand)]
enum ApplicationsCmd {
    /// One JSON array of applications (no personal data).
    List {
        #[command(flatten)]
        data: Store,
        #[arg(long)]
        json: bool,
        #[arg(long)]
        status: Option<String>,
    },
    /// One application with its applicant, documents (sha256, size) and history.
    Show {
        #[command(flatten)]
        data: Store,
        #[arg(long)]
        number: String,
        #[arg(long)]
        json: bool,
    },
    /// Move an application to a status; kept in its history with who and when.
    SetStatus {
        #[command(flatten)]
        data: Store,
        #[arg(long)]
        number: String,
        /// diterima, verifikasi_berkas, perlu_perbaikan, diproses, selesai or ditolak.
        #[arg(long)]
        status: String,
        #[arg(long)]
        note: Option<String>,
        /// A requirement code to bring again (perlu_perbaikan); repeat for more.
        #[arg(long)]
        missing: Vec<String>,
        /// The step under way (diproses).
        #[arg(long)]
        step: Option<String>,
        /// Who makes the change (default: the login name).
        #[arg(long)]
        by: Option<String>,
    },
    /// Write the document given for one requirement to a file.
    Document {
        #[command(flatten)]
        data: Store,
        #[arg(long)]
        number: String,
        #[arg(long)]
        requirement: String,
        #[arg(long)]
        out: PathBuf,
    },
}

#[derive(Subcommand)]
enum KioskCommand {
    /// When each kiosk last reached the hub, and the app version it runs.
    List {
        #[command(flatten)]
        data: Store,
        /// A JSON array of {name, enrolled_at, last_seen_at, app_version, revoked}.
        #[arg(long)]
        json: bool,
    },
    /// Refuse this kiosk's token from now on (a stolen or retired kiosk). It keeps its queue
    /// and tells staff to enrol it again.
    Revoke {
        #[command(flatten)]
        data: Store,
        #[arg(long)]
        kiosk: String,
    },
    /// How often every kiosk checks in (kiosks learn it at their next check); without
    /// values, prints the current pacing.
    Pacing {
        #[command(flatten)]
        data: Store,
        /// Seconds between connection checks (5–3600; kiosks default to 15).
        #[arg(long, requires = "jitter_s")]
        check_every_s: Option<u32>,
        /// Up to this many seconds added at random to each wait (0–3600).
        #[arg(long, requires = "check_every_s")]
        jitter_s: Option<u32>,
    },
    /// Give this kiosk a new token; prints its enrolment code (once) on the last line. The
    /// old token stops working.
    Rotate {
        #[command(flatten)]
        data: Store,
        #[arg(long)]
        kiosk: String,
    },
}

#[derive(Subcommand)]
enum Keys {
    /// Retire the current seal key (as of today) and make a new one.
    Rotate {
        #[command(flatten)]
        data: Store,
    },
    /// Retire the office's root key (it signs the trust lists) and make its successor; the
    /// old root signs the handover, so every kiosk follows. Prints the new fingerprint.
    RotateRoot {
        #[command(flatten)]
        data: Store,
    },
    /// Days a kiosk may vouch for permits from lists it could not confirm with the hub.
    MaxAge {
        #[command(flatten)]
        data: Store,
        /// 1–365; without it, prints the current value.
        #[arg(long)]
        days: Option<u32>,
    },
    /// TLS keys kiosks accept: announce a renewed certificate's key before serving it, or
    /// retire a key that must no longer be trusted.
    Tls {
        #[command(subcommand)]
        tls: TlsCmd,
    },
}

#[derive(Subcommand)]
enum RetentionCmd {
    /// Keep KIND's personal data N days (after the file is closed; items after arrival).
    Set {
        #[command(flatten)]
        data: Store,
        #[arg(long, value_enum)]
        kind: anjungan_hub::retention::Kind,
        #[arg(long)]
        days: u32,
    },
    /// The periods in force.
    Show {
        #[command(flatten)]
        data: Store,
        #[arg(long)]
        json: bool,
    },
    /// Purge now what is past its period (the service does it every six hours).
    Purge {
        #[command(flatten)]
        data: Store,
    },
}

#[derive(Subcommand)]
enum SubjectCmd {
    /// Everything the office holds on the person with this NIK, as JSON with the documents.
    Export {
        #[command(flatten)]
        data: Store,
        #[arg(long)]
        nik: String,
        /// Written readable by its owner only (it holds the person's documents).
        #[arg(long)]
        out: PathBuf,
    },
    /// Erase the person's data from every closed application and complaint; open ones are
    /// held and listed with why.
    Erase {
        #[command(flatten)]
        data: Store,
        #[arg(long)]
        nik: String,
    },
}

#[derive(Subcommand)]
enum BlobsCmd {
    /// Remove documents no item references that arrived more than --grace-days ago (the
    /// service does this every six hours with a week's grace); prints what went as JSON.
    Gc {
        #[command(flatten)]
        data: Store,
        #[arg(long, default_value_t = 7)]
        grace_days: u32,
    },
}

#[derive(Subcommand)]
enum TlsCmd {
    /// Kiosks learn this certificate's key from the next lists, before the hub serves it.
    Announce {
        #[command(flatten)]
        data: Store,
        /// The new PEM certificate.
        #[arg(long)]
        cert: PathBuf,
    },
    /// Kiosks stop accepting this key (an old certificate's, or a stolen one's).
    Retire {
        #[command(flatten)]
        data: Store,
        #[arg(long)]
        pin: String,
    },
    /// The pins of the TLS keys kiosks accept, one per line.
    List {
        #[command(flatten)]
        data: Store,
    },
}

#[derive(Subcommand)]
enum Permit {
    /// Make the permit PDF and its QR PNG from a JSON file (number, type, holder_name,
    /// nib or nik, issued, valid_until) and record the permit; prints one JSON line.
    Issue {
        #[command(flatten)]
        data: Store,
        #[arg(long)]
        json: PathBuf,
        #[arg(long)]
        out: PathBuf,
        /// The hub's public address, for the QR's verification URL.
        #[arg(long, default_value = "http://127.0.0.1:8730")]
        base_url: String,
    },
    /// Revoke a permit; kiosks learn it at their next list download.
    Revoke {
        #[command(flatten)]
        data: Store,
        #[arg(long)]
        number: String,
        #[arg(long)]
        reason: String,
    },
    /// Import the office's existing permit register (CSV with the columns number, type,
    /// holder, issued, valid_until, status, verification_url): all rows or none, every
    /// problem with its line. Kiosks then find those permits by number and by the
    /// verification URL their QR carries.
    ImportRegister {
        #[command(flatten)]
        data: Store,
        #[arg(long)]
        csv: PathBuf,
    },
    /// The national verification services (SiCantik, the e-signature verifier, OSS) whose
    /// URLs a genuine permit's QR may carry; prints them as JSON. With --json FILE, replaces
    /// them (`[{"host": "sicantik.go.id", "name": "SiCantik"}]`).
    Verifiers {
        #[command(flatten)]
        data: Store,
        #[arg(long)]
        json: Option<PathBuf>,
    },
}

/// A period: dates YYYY-MM-DD, inclusive; either may be left open.
#[derive(clap::Args)]
struct Period {
    #[arg(long)]
    from: Option<String>,
    #[arg(long)]
    to: Option<String>,
    /// Service recipients in the period, for the sample adequacy (Krejcie–Morgan).
    #[arg(long)]
    population: Option<u64>,
}

#[derive(Subcommand)]
enum Report {
    /// The yearly evaluation to the Mayor (Pasal 24): use of each service by month and kiosk,
    /// applications against their service time net of force-majeure days (Pasal 29), IKM by
    /// quarter, complaints by category with time to first answer, permit checks by verdict,
    /// outages by cause and kiosk. A PDF with charts, or JSON (schema anjungan.evaluation/1).
    Evaluation {
        #[command(flatten)]
        data: Store,
        #[arg(long)]
        year: i32,
        #[arg(long, required_unless_present = "json", conflicts_with = "json")]
        pdf: Option<PathBuf>,
        #[arg(long)]
        json: bool,
    },
    /// The SKM report (Pasal 19) as PDF.
    Skm {
        #[command(flatten)]
        data: Store,
        #[command(flatten)]
        period: Period,
        #[arg(long)]
        out: PathBuf,
    },
}

#[derive(Subcommand)]
enum Skm {
    /// The IKM and per-element NRR.
    Ikm {
        #[command(flatten)]
        data: Store,
        #[command(flatten)]
        period: Period,
        /// One JSON object.
        #[arg(long)]
        json: bool,
    },
    /// Paper surveys from the office's files (the CSV the kiosk's staff import takes), all
    /// rows or none: how `import` responses reach the office's figures (never from a kiosk).
    ImportCsv {
        #[command(flatten)]
        data: Store,
        /// The CSV file.
        file: PathBuf,
    },
    /// The office's e-SKM rules: whether surveys without a receipt's code are taken, and
    /// the cool-down between two of them at one kiosk. Prints the rules in effect.
    Rules {
        #[command(flatten)]
        data: Store,
        #[arg(long)]
        allow_unlinked: Option<bool>,
        #[arg(long)]
        cooldown_s: Option<u64>,
    },
}

fn check_dates(p: &Period) -> Result<(), anjungan_hub::error::HubError> {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    for d in [&p.from, &p.to].into_iter().flatten() {
        time::Date::parse(d, format).map_err(|_| {
            anjungan_hub::error::HubError::InvalidInput(format!("{d:?} is not YYYY-MM-DD"))
        })?;
    }
    Ok(())
}

/// A file an admin gives a command (a catalogue, a register, a calendar); a problem with it
/// is the admin's to fix, named with the file.
fn read_input(path: &std::path::Path) -> Result<String, anjungan_hub::error::HubError> {
    std::fs::read_to_string(path).map_err(|e| bad_input(path, e))
}

fn bad_input(path: &std::path::Path, e: impl std::fmt::Display) -> anjungan_hub::error::HubError {
    anjungan_hub::error::HubError::InvalidInput(format!("{}: {e}", path.display()))
}

/// Prints a kiosk's enrolment code as the last line, with what it pins before it.
async fn print_code(
    pool: &sqlx::AnyPool,
    kiosk: &str,
    token: String,
) -> Result<(), anjungan_hub::error::HubError> {
    let code = trust::enrolment_code(pool, token, &mut rand::rngs::OsRng).await?;
    println!("kiosk {kiosk}: enrolment code (shown only now; it is the kiosk's secret)");
    println!("  root key fingerprint: {}", code.root_fingerprint);
    match &code.tls_pin {
        Some(pin) => println!("  TLS key pin:          {pin}"),
        None => println!(
            "  TLS key pin:          none (this hub has not served HTTPS: the kiosk will trust a public CA's certificate, or plain http on loopback)"
        ),
    }
    println!("{code}");
    Ok(())
}

async fn run(cli: Cli) -> Result<(), anjungan_hub::error::HubError> {
    match cli.command {
        Command::Staff { staff } => office_cli::staff(staff).await?,
        Command::Audit {
            verify,
            data,
            json,
            since,
        } => office_cli::audit(verify, data, json, since).await?,
        Command::Serve {
            data,
            listen,
            demo,
            tls,
            tls_cert,
            tls_key,
            max_connections,
            max_connections_per_address,
            kiosk_items_per_day,
            kiosk_bytes_per_day,
        } => {
            let (pool, data) = data.open().await?;
            if demo {
                demo::load(&pool).await?;
                anjungan_hub::complaints::ensure_key(&pool, &data).await?;
            }
            let identity = match (tls, tls_cert, tls_key) {
                (true, _, _) => Some(Identity::load_or_make(&data)?),
                (false, Some(cert), Some(key)) => Some(Identity::from_files(&cert, &key)?),
                _ => None,
            };
            let config = match &identity {
                Some(identity) => {
                    trust::note_served_pin(&pool, &identity.pin).await?;
                    eprintln!("anjungan-hub: TLS key pin {}", identity.pin);
                    Some(identity.server_config()?)
                }
                None => None,
            };
            let listener = tokio::net::TcpListener::bind(&listen).await?;
            let options = anjungan_hub::server::ServeOptions {
                tls: config,
                behind_proxy: std::env::var("ANJUNGAN_HUB_BEHIND_PROXY").is_ok_and(|v| v == "1"),
                max_connections,
                max_connections_per_address,
                limits: std::sync::Arc::new(anjungan_hub::limits::Limits {
                    kiosk_items_per_day,
                    kiosk_bytes_per_day,
                    ..Default::default()
                }),
                ..Default::default()
            };
            serve(listener, pool, data, options, shutdown_signal()).await?;
        }
        Command::Enrol {
            data,
            kiosk,
            count,
            unnumbered,
        } => {
            let (pool, _) = data.open().await?;
            let mut rng = rand::rngs::OsRng;
            match count {
                None => {
                    let token =
                        kiosks::enrol_numbered(&pool, &kiosk, !unnumbered, &mut rng).await?;
                    print_code(&pool, &kiosk, token).await?;
                }
                Some(count) => {
                    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
                    for n in 1..=count {
                        let name = format!("{kiosk}-{n:04}");
                        let token =
                            kiosks::enrol_numbered(&pool, &name, !unnumbered, &mut rng).await?;
                        writeln!(out, "{name} {token}")?;
                    }
                    out.flush()?;
                }
            }
        }
        Command::Kiosk {
            kiosk: KioskCommand::Revoke { data, kiosk },
        } => {
            let (pool, _) = data.open().await?;
            kiosks::revoke(&pool, &kiosk).await?;
            println!("{kiosk}: token revoked; enrol it again with `anjungan-hub kiosk rotate`");
        }
        Command::Kiosk {
            kiosk: KioskCommand::Rotate { data, kiosk },
        } => {
            let (pool, _) = data.open().await?;
            let token = kiosks::rotate(&pool, &kiosk, &mut rand::rngs::OsRng).await?;
            print_code(&pool, &kiosk, token).await?;
        }
        Command::Kiosk {
            kiosk:
                KioskCommand::Pacing {
                    data,
                    check_every_s,
                    jitter_s,
                },
        } => {
            let (pool, _) = data.open().await?;
            if let (Some(check_every_s), Some(jitter_s)) = (check_every_s, jitter_s) {
                anjungan_hub::office::set_pacing(
                    &pool,
                    anjungan_wire::api::Pacing {
                        check_every_s,
                        jitter_s,
                    },
                )
                .await?;
            }
            println!(
                "{}",
                serde_json::to_string(&anjungan_hub::office::pacing(&pool).await?)
                    .map_err(std::io::Error::other)?
            );
        }
        Command::Kiosk {
            kiosk: KioskCommand::List { data, json },
        } => {
            let (pool, _) = data.open().await?;
            let list = kiosks::list(&pool).await?;
            if json {
                println!(
                    "{}",
                    serde_json::to_string(&list).map_err(std::io::Error::other)?
                );
            } else {
                for k in &list {
                    println!(
                        "{:<24} {:<12} last seen {}{}",
                        k.name,
                        k.app_version.as_deref().unwrap_or("?"),
                        k.last_seen_at.as_deref().unwrap_or("never"),
                        if k.revoked { "  (revoked)" } else { "" }
                    );
                }
            }
        }
        Command::Items { data, json, ids } => {
            let (pool, _) = data.open().await?;
            if ids {
                let mut out = std::io::BufWriter::new(std::io::stdout().lock());
                for id in items::ids(&pool).await? {
                    writeln!(out, "{id}")?;
                }
                out.flush()?;
            } else {
                let stats = items::stats(&pool).await?;
                if json {
                    println!(
                        "{}",
                        serde_json::to_string(&stats).map_err(std::io::Error::other)?
                    );
                } else {
                    println!(
                        "{} items ({} duplicate submissions), {} documents",
                        stats.items, stats.duplicate_submissions, stats.blobs
                    );
                    for (kind, n) in &stats.by_kind {
                        println!("  {kind}: {n}");
                    }
                }
            }
        }
        Command::Keys {
            keys: Keys::Rotate { data },
        } => {
            let (pool, _) = data.open().await?;
            let today = db::office_today();
            let kid = permits::rotate(&pool, &today, &mut rand::rngs::OsRng).await?;
            println!("{}", serde_json::json!({ "kid": kid }));
        }
        Command::Fleet { data, json, html } => {
            let (pool, _) = data.open().await?;
            let now = time::OffsetDateTime::now_utc();
            let rows = anjungan_hub::fleet::list(&pool, now).await?;
            if let Some(file) = html {
                let page = anjungan_hub::fleet::page(&rows, now)?;
                std::fs::write(&file, page)?;
                println!("{}", file.display());
            } else if json {
                println!(
                    "{}",
                    serde_json::to_string(&rows).map_err(std::io::Error::other)?
                );
            } else {
                for r in &rows {
                    let why = if r.attention.is_empty() {
                        "ok".to_owned()
                    } else {
                        r.attention
                            .iter()
                            .map(anjungan_hub::fleet::Attention::english)
                            .collect::<Vec<_>>()
                            .join("; ")
                    };
                    println!("{:<24} {why}", r.name);
                }
            }
        }
        Command::Retention { retention } => retention_command(retention).await?,
        Command::Subject { subject } => subject_command(subject).await?,
        Command::Blobs {
            blobs: BlobsCmd::Gc { data, grace_days },
        } => {
            let (pool, data) = data.open().await?;
            let before =
                time::OffsetDateTime::now_utc() - time::Duration::days(i64::from(grace_days));
            let done = anjungan_hub::blobs::collect_unused(&pool, &data, before).await?;
            println!(
                "{}",
                serde_json::to_string(&done).map_err(std::io::Error::other)?
            );
        }
        Command::Keys {
            keys: Keys::RotateRoot { data },
        } => {
            let (pool, _) = data.open().await?;
            let (kid, fingerprint) = trust::rotate_root(&pool, &mut rand::rngs::OsRng).await?;
            println!(
                "{}",
                serde_json::json!({ "kid": kid, "root_fingerprint": fingerprint })
            );
        }
        Command::Keys {
            keys: Keys::MaxAge { data, days },
        } => {
            let (pool, _) = data.open().await?;
            if let Some(days) = days {
                trust::set_max_age_days(&pool, days).await?;
            }
            println!("{}", trust::max_age_days(&pool).await?);
        }
        Command::Keys {
            keys: Keys::Tls { tls },
        } => match tls {
            TlsCmd::Announce { data, cert } => {
                let (pool, _) = data.open().await?;
                let pin = Identity::pin_of_file(&cert)?;
                trust::announce_pin(&pool, &pin).await?;
                println!("{pin}");
            }
            TlsCmd::Retire { data, pin } => {
                let (pool, _) = data.open().await?;
                trust::retire_pin(&pool, &pin).await?;
                println!("{pin}: retired");
            }
            TlsCmd::List { data } => {
                let (pool, _) = data.open().await?;
                for pin in trust::pins(&pool).await? {
                    println!("{pin}");
                }
            }
        },
        Command::Permit {
            permit:
                Permit::Issue {
                    data,
                    json,
                    out,
                    base_url,
                },
        } => {
            let input: permits::PermitInput = serde_json::from_slice(&std::fs::read(&json)?)
                .map_err(|e| {
                    anjungan_hub::error::HubError::InvalidInput(format!("{}: {e}", json.display()))
                })?;
            let (pool, _) = data.open().await?;
            let issued =
                permits::issue(&pool, &input, &out, &base_url, &mut rand::rngs::OsRng).await?;
            println!(
                "{}",
                serde_json::to_string(&issued).map_err(std::io::Error::other)?
            );
        }
        Command::Permit {
            permit:
                Permit::Revoke {
                    data,
                    number,
                    reason,
                },
        } => {
            let (pool, _) = data.open().await?;
            permits::revoke(&pool, &number, &reason).await?;
            println!("{}", serde_json::json!({ "revoked": number }));
        }
        Command::Permit {
            permit: Permit::ImportRegister { data, csv },
        } => {
            let (pool, _) = data.open().await?;
            let text = read_input(&csv)?;
            let done = register::import(&pool, &text).await?;
            println!(
                "{}",
                serde_json::to_string(&done).map_err(std::io::Error::other)?
            );
        }
        Command::Permit {
            permit: Permit::Verifiers { data, json },
        } => {
            let (pool, _) = data.open().await?;
            if let Some(file) = json {
                let text = read_input(&file)?;
                let list: Vec<anjungan_wire::api::ExternalVerifier> =
                    serde_json::from_str(&text).map_err(|e| bad_input(&file, e))?;
                register::set_verifiers(&pool, &list).await?;
            }
            println!(
                "{}",
                serde_json::to_string(&register::verifiers(&pool).await?)
                    .map_err(std::io::Error::other)?
            );
        }
        Command::Report {
            report:
                Report::Evaluation {
                    data,
                    year,
                    pdf,
                    json,
                },
        } => {
            let (pool, dir) = data.open().await?;
            let now = time::OffsetDateTime::now_utc();
            let e = anjungan_hub::evaluation::evaluate(
                &pool,
                &dir,
                year,
                anjungan_permit::office_day(now),
                now,
            )
            .await?;
            if json {
                print_json(&e)?;
            }
            if let Some(file) = pdf {
                let bytes = anjungan_hub::evaluation::pdf::render(
                    &e,
                    &anjungan_skm::report::Office::default(),
                )?;
                std::fs::write(&file, bytes)?;
                println!(
                    "{}",
                    serde_json::json!({ "out": file, "year": year, "applications": e.applications.received })
                );
            }
        }
        Command::Report {
            report: Report::Skm { data, period, out },
        } => {
            check_dates(&period)?;
            let (pool, _) = data.open().await?;
            let summary = skm::summary(&pool, period.from, period.to, period.population).await?;
            let pdf = anjungan_skm::report::render(
                &summary,
                &anjungan_skm::report::Office::default(),
                time::OffsetDateTime::now_utc(),
            )
            .map_err(|e| anjungan_hub::error::HubError::Demo(e.to_string()))?;
            std::fs::write(&out, pdf)?;
            println!(
                "{}",
                serde_json::json!({ "out": out, "respondents": summary.respondents, "ikm": summary.ikm, "grade": summary.grade })
            );
        }
        Command::Skm {
            skm: Skm::Ikm { data, period, json },
        } => {
            check_dates(&period)?;
            let (pool, _) = data.open().await?;
            let s = skm::summary(&pool, period.from, period.to, period.population).await?;
            if json {
                println!(
                    "{}",
                    serde_json::to_string(&s).map_err(std::io::Error::other)?
                );
            } else {
                match (s.ikm, s.grade) {
                    (Some(ikm), Some(grade)) => {
                        println!(
                            "IKM {ikm:.2} ({grade:?}) from {} respondents",
                            s.respondents
                        )
                    }
                    _ => println!("no IKM yet ({} respondents)", s.respondents),
                }
            }
        }
        Command::Skm {
            skm: Skm::ImportCsv { data, file },
        } => {
            let f = std::fs::File::open(&file).map_err(|e| {
                anjungan_hub::error::HubError::InvalidInput(format!("{}: {e}", file.display()))
            })?;
            let rows = anjungan_skm::csv_import::parse(f).map_err(|errors| {
                anjungan_hub::error::HubError::InvalidInput(anjungan_skm::csv_import::describe(
                    &errors,
                ))
            })?;
            let (pool, _) = data.open().await?;
            let n = skm::import_csv(&pool, &rows, time::OffsetDateTime::now_utc()).await?;
            println!("{}", serde_json::json!({ "imported": n }));
        }
        Command::Catalogue {
            catalogue: CatalogueCmd::Import { data, json },
        } => {
            let text = read_input(&json)?;
            let (pool, _) = data.open().await?;
            let version = catalogue::import(&pool, &text).await?;
            println!("{}", serde_json::json!({ "version": version }));
        }
        Command::Catalogue {
            catalogue: CatalogueCmd::Export { data },
        } => {
            let (pool, _) = data.open().await?;
            let body = catalogue::current_json(&pool)
                .await?
                .ok_or_else(|| anjungan_hub::error::HubError::NotFound("catalogue".into()))?;
            println!("{body}");
        }
        Command::Applications { applications: cmd } => applications_command(cmd).await?,
        Command::Complaints { complaints: cmd } => complaints_command(cmd).await?,
        Command::Calendar {
            calendar: CalendarCmd::Set { data, json },
        } => {
            let text = read_input(&json)?;
            let (pool, _) = data.open().await?;
            let days = anjungan_hub::office::set_calendar(&pool, &text).await?;
            println!("{}", serde_json::json!({ "days": days }));
        }
        Command::Calendar {
            calendar: CalendarCmd::Show { data },
        } => {
            let (pool, _) = data.open().await?;
            let file = anjungan_hub::office::calendar_file(&pool).await?;
            println!(
                "{}",
                serde_json::to_string_pretty(&file).map_err(std::io::Error::other)?
            );
        }
        Command::Skm {
            skm:
                Skm::Rules {
                    data,
                    allow_unlinked,
                    cooldown_s,
                },
        } => {
            let (pool, _) = data.open().await?;
            let mut rules = anjungan_hub::office::skm_rules(&pool).await?;
            if allow_unlinked.is_some() || cooldown_s.is_some() {
                rules.allow_unlinked = allow_unlinked.unwrap_or(rules.allow_unlinked);
                rules.unlinked_cooldown_s = cooldown_s.unwrap_or(rules.unlinked_cooldown_s);
                anjungan_hub::office::set_skm_rules(&pool, &rules).await?;
            }
            println!(
                "{}",
                serde_json::to_string(&rules).map_err(std::io::Error::other)?
            );
        }
        Command::Migrate { from, to } => {
            db::no_password_in(&to)?;
            let dir = anjungan_hub::migrate::source_dir(&from)?;
            let source = db::open(&dir).await?;
            // The keys, TLS key and complaint keys stay in DIR: the migrated hub runs with
            // `--data DIR --database URL`.
            let target = db::connect(&to, &dir).await?;
            let moved = anjungan_hub::migrate::sqlite_to_postgres(&source, &dir, &target).await?;
            print_json(&moved)?;
            eprintln!(
                "anjungan-hub: moved; serve with --data {} --database {}",
                dir.display(),
                db::redacted(&to)
            );
        }
        Command::Demo { data } => {
            let (pool, data) = data.open().await?;
            let n = demo::load(&pool).await?;
            anjungan_hub::complaints::ensure_key(&pool, &data).await?;
            println!(
                "loaded {n} services and {} example applications",
                demo::APPLICATIONS.len()
            );
        }
    }
    Ok(())
}

async fn retention_command(cmd: RetentionCmd) -> Result<(), anjungan_hub::error::HubError> {
    use anjungan_hub::retention;
    match cmd {
        RetentionCmd::Set { data, kind, days } => {
            let (pool, _) = data.open().await?;
            retention::set(&pool, kind, days).await?;
            print_json(&retention::show(&pool).await?)?;
        }
        RetentionCmd::Show { data, json } => {
            let (pool, _) = data.open().await?;
            let periods = retention::show(&pool).await?;
            if json {
                print_json(&periods)?;
            } else {
                for p in periods {
                    let set = if p.set { "" } else { " (default)" };
                    println!(
                        "{:<12} {} days after {}{set}",
                        p.kind.code(),
                        p.days,
                        p.after
                    );
                }
            }
        }
        RetentionCmd::Purge { data } => {
            let (pool, dir) = data.open().await?;
            let done = retention::purge(&pool, &dir, time::OffsetDateTime::now_utc()).await?;
            print_json(&done)?;
        }
    }
    Ok(())
}

async fn subject_command(cmd: SubjectCmd) -> Result<(), anjungan_hub::error::HubError> {
    use anjungan_hub::retention;
    match cmd {
        SubjectCmd::Export { data, nik, out } => {
            let (pool, dir) = data.open().await?;
            let export = retention::subject_export(&pool, &dir, &nik).await?;
            let text = serde_json::to_vec_pretty(&export).map_err(std::io::Error::other)?;
            anjungan_files::write(&out, &text)?;
            eprintln!(
                "anjungan-hub: {} application(s), {} complaint(s) written to {}",
                export.applications.len(),
                export.complaints.len(),
                out.display()
            );
        }
        SubjectCmd::Erase { data, nik } => {
            let (pool, dir) = data.open().await?;
            let done = retention::subject_erase(&pool, &dir, &nik, time::OffsetDateTime::now_utc())
                .await?;
            print_json(&done)?;
        }
    }
    Ok(())
}

fn print_json(v: &impl serde::Serialize) -> Result<(), anjungan_hub::error::HubError> {
    println!(
        "{}",
        serde_json::to_string(v).map_err(std::io::Error::other)?
    );
    Ok(())
}

async fn complaints_command(cmd: ComplaintsCmd) -> Result<(), anjungan_hub::error::HubError> {
    use anjungan_hub::complaints;
    match cmd {
        ComplaintsCmd::Keygen { data } => {
            let (pool, data) = data.open().await?;
            let recipient = complaints::keygen(&pool, &data).await?;
            println!("{}", serde_json::json!({ "recipient": recipient }));
        }
        ComplaintsCmd::List { data, json, status } => {
            let (pool, data) = data.open().await?;
            let rows = complaints::list(&pool, &data, status.as_deref()).await?;
            if json {
                print_json(&rows)?;
            } else {
                for r in rows {
                    println!(
                        "{} {:<12} {} {}{}",
                        r.tracking_number,
                        r.status,
                        r.category,
                        r.title.escape_debug(),
                        if r.overdue { " TERLAMBAT" } else { "" }
                    );
                }
            }
        }
        ComplaintsCmd::Show { data, number, json } => {
            let (pool, data) = data.open().await?;
            let s = complaints::show(&pool, &data, &number).await?;
            if json {
                print_json(&s)?;
            } else {
                println!(
                    "{} {} {}",
                    s.row.tracking_number,
                    s.row.status,
                    s.row.title.escape_debug()
                );
                println!("{}", s.chronology.escape_debug());
            }
        }
        ComplaintsCmd::Respond {
            data,
            number,
            status,
            response,
            to,
            by,
        } => {
            let (pool, _) = data.open().await?;
            complaints::respond(
                &pool,
                &number,
                &status,
                response.as_deref(),
                to.as_deref(),
                &by,
            )
            .await?;
        }
        ComplaintsCmd::Attachment {
            data,
            number,
            index,
            out,
        } => {
            let (pool, data) = data.open().await?;
            let (kind, bytes) = complaints::attachment(&pool, &data, &number, index).await?;
            std::fs::write(&out, &bytes)?;
            print_json(&serde_json::json!({"kind": kind, "bytes": bytes.len(), "out": out}))?;
        }
        ComplaintsCmd::Export { data, format } => {
            let (pool, data) = data.open().await?;
            print!("{}", complaints::export(&pool, &data, &format).await?);
        }
    }
    Ok(())
}

async fn applications_command(cmd: ApplicationsCmd) -> Result<(), anjungan_hub::error::HubError> {
    match cmd {
        ApplicationsCmd::List { data, json, status } => {
            let (pool, _) = data.open().await?;
            let list = applications::list(&pool, status.as_deref()).await?;
            if json {
                print_json(&list)?;
            } else {
                for a in list {
                    println!(
                        "{}  {:<18} {:<24} {}",
                        a.tracking_number, a.status, a.service_code, a.submitted_on
                    );
                }
            }
        }
        ApplicationsCmd::Show { data, number, json } => {
            let (pool, _) = data.open().await?;
            let shown = applications::show(&pool, &number).await?;
            if json {
                print_json(&shown)?;
            } else {
                println!(
                    "{} {} {}",
                    shown.status.tracking_number,
                    shown.status.service_name,
                    shown.status.status.code()
                );
                for d in &shown.documents {
                    println!("  {} {} {} bytes", d.requirement_code, d.sha256, d.size);
                }
            }
        }
        ApplicationsCmd::SetStatus {
            data,
            number,
            status,
            note,
            missing,
            step,
            by,
        } => {
            let (pool, _) = data.open().await?;
            let by = by
                .or_else(|| std::env::var("USER").ok())
                .unwrap_or_else(|| "staff".into());
            let change = applications::Change {
                status,
                note,
                missing,
                step,
                by,
                address: None,
            };
            applications::set_status(&pool, &number, &change, &db::office_today()).await?;
            print_json(&serde_json::json!({ "tracking_number": number, "status": change.status }))?;
        }
        ApplicationsCmd::Document {
            data,
            number,
            requirement,
            out,
        } => {
            let (pool, data) = data.open().await?;
            let sha = applications::document(&pool, &number, &requirement).await?;
            let bytes = anjungan_hub::blobs::read(&pool, &data, &sha).await?;
            std::fs::write(&out, &bytes)?;
            print_json(&serde_json::json!({ "out": out, "sha256": sha, "size": bytes.len() }))?;
        }
    }
    Ok(())
}

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    init_logging(cli.log_format);
    match run(cli).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("anjungan-hub: {e}");
            ExitCode::FAILURE
        }
    }
}
