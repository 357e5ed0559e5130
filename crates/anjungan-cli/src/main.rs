//! `anjungan-cli`: the kiosk core without a window. Every subcommand takes `--data DIR`,
//! the same directory the desktop app uses, so an admin can prepare or inspect a kiosk
//! from a shell.

use anjungan_core::{Kiosk, SystemClock};
use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

#[derive(Parser)]
#[command(name = "anjungan-cli", version, about = "Headless Anjungan kiosk")]
struct Cli {
    /// The kiosk's data directory (holds kiosk.sqlite3).
    #[arg(long, global = true)]
    data: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Create the store and set the staff PIN (a random one is generated and printed once
    /// when --pin is not given and none is set yet).
    Init {
        /// 6–12 digits.
        #[arg(long)]
        pin: Option<String>,
    },
    /// Enrol this kiosk with a hub, using the token from `anjungan-hub enrol`.
    Enrol {
        #[arg(long)]
        hub: String,
        #[arg(long)]
        token: String,
    },
    /// Show the store, PIN and enrolment state.
    Status {
        /// One JSON object instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Look up an application's status at the hub.
    CheckStatus { tracking_number: String },
}

async fn run(cli: Cli) -> Result<(), String> {
    let data = cli
        .data
        .ok_or("--data DIR is required: the kiosk's data directory")?;
    let kiosk = Kiosk::open(&data, Arc::new(SystemClock)).map_err(|e| e.to_string())?;
    match cli.command {
        Command::Init { pin } => {
            match kiosk
                .init(pin.as_deref(), &mut rand::rngs::OsRng)
                .map_err(|e| e.to_string())?
            {
                Some(generated) => {
                    println!("staff PIN: {generated} (shown only now; keep it safe)")
                }
                None if pin.is_some() => println!("staff PIN set"),
                None => println!("already initialised; staff PIN unchanged"),
            }
            println!("store ready at {}", data.display());
        }
        Command::Enrol { hub, token } => {
            let info = kiosk.enrol(&hub, &token).await.map_err(|e| e.to_string())?;
            println!("enrolled as {:?} with {}", info.kiosk_name, info.hub_url);
        }
        Command::Status { json } => {
            let status = kiosk.status().map_err(|e| e.to_string())?;
            if json {
                println!(
                    "{}",
                    serde_json::to_string(&status).map_err(|e| e.to_string())?
                );
            } else {
                println!("data:        {}", status.data_dir);
                println!("schema:      {}", status.schema_version);
                println!("integrity:   {}", status.integrity);
                println!(
                    "staff PIN:   {}",
                    if status.staff_pin_set {
                        "set"
                    } else {
                        "not set"
                    }
                );
                match &status.enrolment {
                    Some(e) => println!(
                        "enrolled:    {} at {} since {}",
                        e.kiosk_name, e.hub_url, e.enrolled_at
                    ),
                    None => println!("enrolled:    no"),
                }
            }
        }
        Command::CheckStatus { tracking_number } => {
            let s = kiosk
                .check_status(&tracking_number)
                .await
                .map_err(|e| e.to_string())?;
            println!("{}", serde_json::to_string(&s).map_err(|e| e.to_string())?);
        }
    }
    Ok(())
}

#[tokio::main]
async fn main() -> ExitCode {
    match run(Cli::parse()).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("anjungan-cli: {e}");
            ExitCode::FAILURE
        }
    }
}
