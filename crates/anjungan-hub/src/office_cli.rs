//! `anjungan-hub staff …` and `anjungan-hub audit …`: the officers' accounts and the audit log
//! from the server's command line (the first admin is made here).

use crate::{print_json, Store};
use anjungan_hub::audit::{self, Event};
use anjungan_hub::backoffice::accounts;
use anjungan_hub::backoffice::roles::Role;
use anjungan_hub::error::HubError;
use clap::Subcommand;
use std::io::Read;
use std::path::PathBuf;

#[derive(Subcommand)]
pub enum StaffCommand {
    /// Make an officer's account. Admins get a TOTP secret for their authenticator app,
    /// printed once (others with --totp).
    Add {
        #[command(flatten)]
        data: Store,
        #[arg(long)]
        name: String,
        /// admin, verifikator, pengaduan, front_office or pimpinan.
        #[arg(long)]
        role: String,
        /// A file holding the password (its first line).
        #[arg(
            long,
            conflicts_with = "password",
            required_unless_present = "password"
        )]
        password_file: Option<PathBuf>,
        /// `-`: the password on standard input (its first line).
        #[arg(long)]
        password: Option<String>,
        /// Require an authenticator code for this officer too.
        #[arg(long)]
        totp: bool,
    },
    /// Every account with its role and state.
    List {
        #[command(flatten)]
        data: Store,
        #[arg(long)]
        json: bool,
    },
    /// Disable an account; its sessions end at once.
    Disable {
        #[command(flatten)]
        data: Store,
        #[arg(long)]
        name: String,
    },
    /// A new generated password (and TOTP secret, where the account has one), printed once.
    Reset {
        #[command(flatten)]
        data: Store,
        #[arg(long)]
        name: String,
    },
}

#[derive(Subcommand)]
pub enum AuditCommand {
    /// Check the whole hash chain; fails naming the first entry that does not hold.
    Verify {
        #[command(flatten)]
        data: Store,
    },
}

fn cli_actor() -> String {
    format!(
        "cli:{}",
        std::env::var("USER").unwrap_or_else(|_| "root".into())
    )
}

fn now() -> String {
    anjungan_hub::db::now_rfc3339()
}

async fn note(
    pool: &sqlx::AnyPool,
    action: &str,
    subject: &str,
    detail: Option<&str>,
) -> Result<(), HubError> {
    audit::record(
        pool,
        &Event {
            actor: &cli_actor(),
            address: None,
            action,
            subject: Some(subject),
            detail,
        },
        &now(),
    )
    .await
    .map(drop)
}

fn read_password(file: Option<PathBuf>, flag: Option<String>) -> Result<String, HubError> {
    let text = match (file, flag.as_deref()) {
        (Some(path), _) => std::fs::read_to_string(&path)
            .map_err(|e| HubError::InvalidInput(format!("{}: {e}", path.display())))?,
        (None, Some("-")) => {
            let mut s = String::new();
            std::io::stdin().read_to_string(&mut s)?;
            s
        }
        _ => {
            return Err(HubError::InvalidInput(
                "give the password with --password-file FILE or --password - (standard input); never on the command line".into(),
            ))
        }
    };
    Ok(text.lines().next().unwrap_or_default().to_owned())
}

pub async fn staff(cmd: StaffCommand) -> Result<(), HubError> {
    match cmd {
        StaffCommand::Add {
            data,
            name,
            role,
            password_file,
            password,
            totp,
        } => {
            let role = Role::from_code(&role).ok_or_else(|| {
                HubError::InvalidInput(
                    "the role is admin, verifikator, pengaduan, front_office or pimpinan".into(),
                )
            })?;
            let password = read_password(password_file, password)?;
            let (pool, _) = data.open().await?;
            let issued = accounts::add(
                &pool,
                &name,
                role,
                &password,
                totp,
                &now(),
                &mut rand::rngs::OsRng,
            )
            .await?;
            note(&pool, "staff_add", &issued.name, Some(role.code())).await?;
            println!("{} ({}): account made", issued.name, role.code());
            if let Some(uri) = issued.totp_uri {
                println!("authenticator (shown once): {uri}");
            }
        }
        StaffCommand::List { data, json } => {
            let (pool, _) = data.open().await?;
            let officers = accounts::list(&pool).await?;
            if json {
                print_json(&officers)?;
            } else {
                for o in officers {
                    println!(
                        "{} {}{}{}",
                        o.name,
                        o.role.code(),
                        if o.totp { " totp" } else { "" },
                        if o.disabled { " DISABLED" } else { "" }
                    );
                }
            }
        }
        StaffCommand::Disable { data, name } => {
            let (pool, _) = data.open().await?;
            accounts::disable(&pool, &name, &now()).await?;
            note(&pool, "staff_disable", &name, None).await?;
            println!("{name}: disabled; its sessions ended");
        }
        StaffCommand::Reset { data, name } => {
            let (pool, _) = data.open().await?;
            let issued = accounts::reset(&pool, &name, &now(), &mut rand::rngs::OsRng).await?;
            note(&pool, "staff_reset", &name, None).await?;
            println!(
                "{name}: new password (shown once): {}",
                issued.password.unwrap_or_default()
            );
            if let Some(uri) = issued.totp_uri {
                println!("authenticator (shown once): {uri}");
            }
        }
    }
    Ok(())
}

pub async fn audit(
    cmd: Option<AuditCommand>,
    data: Store,
    json: bool,
    since: Option<String>,
) -> Result<(), HubError> {
    match cmd {
        Some(AuditCommand::Verify { data }) => {
            let (pool, _) = data.open().await?;
            let v = audit::verify(&pool).await?;
            match v.broken_at {
                None => println!("audit log intact: {} entries", v.entries),
                Some(at) => {
                    return Err(HubError::InvalidInput(format!(
                        "the audit log's chain is broken at entry {at} (of {})",
                        v.entries
                    )))
                }
            }
        }
        None => {
            let (pool, _) = data.open().await?;
            if let Some(s) = &since {
                if time::Date::parse(s, time::macros::format_description!("[year]-[month]-[day]"))
                    .is_err()
                    && time::OffsetDateTime::parse(
                        s,
                        &time::format_description::well_known::Rfc3339,
                    )
                    .is_err()
                {
                    return Err(HubError::InvalidInput(
                        "--since is YYYY-MM-DD or an RFC 3339 time".into(),
                    ));
                }
            }
            let entries = audit::list(&pool, since.as_deref()).await?;
            if json {
                print_json(&entries)?;
            } else {
                for e in entries {
                    println!(
                        "{} {} {} {} {} {}",
                        e.seq,
                        e.at,
                        e.actor,
                        e.action,
                        e.subject.unwrap_or_default(),
                        e.detail.unwrap_or_default()
                    );
                }
            }
        }
    }
    Ok(())
}
