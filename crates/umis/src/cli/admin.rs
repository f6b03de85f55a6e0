//! `umis admin`: API tokens for machine clients, accounts and offices. There are no default
//! accounts: `umis admin user create --role admin` bootstraps the first administrator.

use super::{CliError, CliResult, Context};
use clap::Subcommand;
use umis_core::accounts::AccountError;
use umis_core::accounts::users::{NewAccount, create_account, ensure_office};
use umis_core::actor::Actor;
use umis_core::tokens::{TokenError, create_token};
use umis_store::accounts::OfficeRow;

#[derive(Subcommand, Debug)]
pub enum AdminCommand {
    /// API tokens.
    Token {
        #[command(subcommand)]
        command: TokenCommand,
    },
    /// Accounts of people.
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
    /// Offices (regional departments, service centres).
    Office {
        #[command(subcommand)]
        command: OfficeCommand,
    },
}

#[derive(Subcommand, Debug)]
pub enum UserCommand {
    /// Create an account. The password is read from standard input (one line); staff get a
    /// TOTP second factor, whose secret is printed once.
    Create {
        /// Sign-in name.
        #[arg(long)]
        username: String,
        /// Role: applicant, host, employer, operator, officer, supervisor, refugee_officer,
        /// appeal_board (at a headquarters office), border_officer, auditor, admin.
        #[arg(long)]
        role: String,
        /// Office code (staff).
        #[arg(long)]
        office: Option<String>,
        /// Name as shown.
        #[arg(long)]
        display_name: String,
        /// E-mail address for notifications.
        #[arg(long)]
        email: Option<String>,
    },
    /// Print the current TOTP code of a demo account (`demo-…` accounts only: real staff use
    /// their authenticator).
    TotpCode {
        /// A demo account's user name.
        #[arg(long)]
        username: String,
    },
}

#[derive(Subcommand, Debug)]
pub enum OfficeCommand {
    /// Create an office (no change if the code exists).
    Create {
        /// Code: 2-6 capital letters or digits, the first part of receipt numbers.
        #[arg(long)]
        code: String,
        /// headquarters, regional or service_centre.
        #[arg(long, default_value = "regional")]
        kind: String,
        /// Name as shown.
        #[arg(long)]
        name: String,
    },
}

fn account_error(e: AccountError) -> CliError {
    match e {
        AccountError::Store(s) => CliError::Failure(s.into()),
        other => CliError::Input(other.to_string()),
    }
}

fn user(ctx: &Context, cmd: UserCommand) -> CliResult {
    let (username, role, office, display_name, email) = match cmd {
        UserCommand::Create { username, role, office, display_name, email } => {
            (username, role, office, display_name, email)
        }
        UserCommand::TotpCode { username } => return totp_code(ctx, &username),
    };
    let mut password = String::new();
    std::io::stdin().read_line(&mut password)?;
    let password = password.trim_end_matches(['\r', '\n']).to_owned();
    let req = NewAccount { username, password, display_name, role, office, email, lang: None };
    let store = ctx.store()?;
    let totp_key = ctx.totp_key()?;
    let created =
        create_account(&store, &umis_core::clock::Clock::System, &totp_key, Some(&Actor::system()), &req)
            .map_err(account_error)?;
    println!("created {} ({}) id {}", created.username, created.role, created.id);
    if let (Some(secret), Some(uri)) = (created.totp_secret, created.totp_uri) {
        println!("TOTP secret (enrol it now; it is not shown again): {secret}");
        println!("{uri}");
    }
    Ok(())
}

fn office(ctx: &Context, cmd: OfficeCommand) -> CliResult {
    let OfficeCommand::Create { code, kind, name } = cmd;
    if !matches!(kind.as_str(), "headquarters" | "regional" | "service_centre") {
        return Err(CliError::Input("kind must be headquarters, regional or service_centre".into()));
    }
    let store = ctx.store()?;
    ensure_office(&store, &Actor::system(), &OfficeRow { code: code.clone(), kind, name })
        .map_err(account_error)?;
    println!("office {code} ready");
    Ok(())
}

#[derive(Subcommand, Debug)]
pub enum TokenCommand {
    /// Create a token; it is printed once and stored only as a hash.
    Create {
        /// A unique name for the client (letters, digits, '.', '_', '-').
        #[arg(long)]
        name: String,
        /// The role: border-feed (POST /api/v1/crossings) or officer (traveller status).
        #[arg(long)]
        role: String,
    },
    /// Revoke a token: its next request is refused.
    Revoke {
        /// The token's name.
        #[arg(long)]
        name: String,
    },
}

pub fn run(ctx: &Context, cmd: AdminCommand) -> CliResult {
    let command = match cmd {
        AdminCommand::Token { command } => command,
        AdminCommand::User { command } => return user(ctx, command),
        AdminCommand::Office { command } => return office(ctx, command),
    };
    let store = ctx.store()?;
    let (name, role) = match command {
        TokenCommand::Create { name, role } => (name, role),
        TokenCommand::Revoke { name } => {
            return if umis_core::tokens::revoke_token(&store, &name, "cli")? {
                eprintln!("token {name:?} revoked");
                Ok(())
            } else {
                Err(CliError::Input(format!("no live token named {name:?}")))
            };
        }
    };
    match create_token(&store, &name, &role, "cli") {
        Ok(secret) => {
            println!("{secret}");
            eprintln!("token {name:?} ({role}) created; it is shown only this once");
            Ok(())
        }
        Err(e @ (TokenError::BadName | TokenError::BadRole(_))) => Err(CliError::Input(e.to_string())),
        Err(TokenError::Store(e)) => Err(CliError::Failure(
            anyhow::Error::new(e).context(format!("creating token {name:?} (is the name taken?)")),
        )),
    }
}

fn totp_code(ctx: &Context, username: &str) -> CliResult {
    if !username.starts_with("demo-") {
        return Err(CliError::Input("only demo accounts (demo-…) have codes umis can show".into()));
    }
    let store = ctx.store()?;
    let user = store
        .read(|db| umis_store::accounts::user_by_name(db, username))?
        .ok_or_else(|| CliError::Input(format!("no account {username:?}")))?;
    let secret = super::demo_accounts::demo_totp(username);
    let no_demo_factor = || CliError::Input(format!("{username:?} has no demo second factor"));
    let stored = user.totp_secret.as_deref().ok_or_else(no_demo_factor)?;
    let opened =
        ctx.totp_key()?.open(&user.id, stored).map_err(|e| CliError::Input(format!("{username:?}: {e}")))?;
    if opened.secret.as_bytes() != secret.as_bytes() {
        return Err(no_demo_factor());
    }
    let now =
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
    println!("{:06}", umis_core::accounts::totp::code_at(&secret, now));
    eprintln!("valid for {} more seconds", 30 - now % 30);
    Ok(())
}
