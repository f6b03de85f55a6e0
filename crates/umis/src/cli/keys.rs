//! `umis keys`: the Ed25519 keys that sign issued documents.

use super::{CliError, CliResult, Context};
use clap::Subcommand;

#[derive(Subcommand, Debug)]
pub enum KeysCommand {
    /// Print the public keys as a JWKS document (what `/.well-known/jwks.json` publishes).
    Jwks,
    /// Start signing with a new key; documents signed with older keys stay verifiable.
    Rotate,
}

pub fn run(ctx: &Context, cmd: KeysCommand) -> CliResult {
    let mut keys = ctx.keys()?;
    match cmd {
        KeysCommand::Jwks => println!("{}", keys.public_jwks().to_json()),
        KeysCommand::Rotate => {
            let kid = keys
                .rotate(&ctx.keys)
                .map_err(|e| CliError::Input(format!("{}: {e}", ctx.keys.display())))?;
            println!("now signing with key {kid}");
        }
    }
    Ok(())
}
