//! `umis audit verify`: checks the audit log's hash chain.

use super::{CliError, CliResult, Context};
use clap::Subcommand;

#[derive(Subcommand, Debug)]
pub enum AuditCommand {
    /// Check every audit record against the hash chain; prints the chain head.
    Verify,
}

pub fn run(ctx: &Context, cmd: AuditCommand) -> CliResult {
    let AuditCommand::Verify = cmd;
    let report = ctx.store()?.verify_audit()?;
    match report.broken {
        None => {
            println!(
                "audit chain verified: {} records ({} details erased), head {}",
                report.records, report.erased, report.head
            );
            Ok(())
        }
        Some((id, why)) => {
            Err(CliError::Failure(anyhow::anyhow!("audit chain broken at record {id}: {why}")))
        }
    }
}
