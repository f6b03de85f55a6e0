//! `umis admin token create`: API tokens for machine clients and officers.

use super::{CliError, CliResult, Context};
use clap::Subcommand;
use umis_core::tokens::{TokenError, create_token};

#[derive(Subcommand, Debug)]
pub enum AdminCommand {
    /// API tokens.
    Token {
        #[command(subcommand)]
        command: TokenCommand,
    },
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
    let AdminCommand::Token { command } = cmd;
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
