//! `umis audit verify` and `umis audit checkpoint`: the audit log's hash chain and the signed
//! checkpoints a witness keeps.

use super::{CliError, CliResult, Context};
use clap::Subcommand;
use std::io::Write;
use std::path::{Path, PathBuf};
use umis_core::audit::{Checkpoint, CheckpointError, create_checkpoint, new_signing_key_hex, public_key_hex};

#[derive(Subcommand, Debug)]
pub enum AuditCommand {
    /// Check every audit record against the hash chain (and a witness's checkpoint, if given).
    Verify {
        /// A checkpoint file kept by a witness.
        #[arg(long, requires = "public_key")]
        checkpoint: Option<PathBuf>,
        /// The trusted public key (hex) the checkpoint must be signed with.
        #[arg(long)]
        public_key: Option<String>,
    },
    /// Sign the chain's current length and head; write the checkpoint for a witness.
    Checkpoint {
        /// The signing key file (64 hex digits); created, readable only by its owner, if absent.
        /// Keep it away from the database server.
        #[arg(long)]
        key: PathBuf,
        /// Where to write the checkpoint (JSON); standard output when absent.
        #[arg(long)]
        out: Option<PathBuf>,
    },
}

pub fn run(ctx: &Context, cmd: AuditCommand) -> CliResult {
    match cmd {
        AuditCommand::Verify { checkpoint: None, .. } => verify(ctx),
        AuditCommand::Verify { checkpoint: Some(path), public_key } => {
            let text = std::fs::read_to_string(&path)
                .map_err(|e| CliError::Input(format!("{}: {e}", path.display())))?;
            let cp: Checkpoint = serde_json::from_str(&text)
                .map_err(|e| CliError::Input(format!("{}: not a checkpoint: {e}", path.display())))?;
            let key = public_key.unwrap_or_default();
            match umis_core::audit::verify_with_checkpoint(&ctx.store()?, &cp, &key) {
                Ok(report) => {
                    println!(
                        "audit chain verified: {} records, consistent with the checkpoint of {} records signed {}",
                        report.records, cp.records, cp.at
                    );
                    Ok(())
                }
                Err(CheckpointError::Malformed(m)) => Err(CliError::Input(m)),
                Err(e) => Err(CliError::Failure(e.into())),
            }
        }
        AuditCommand::Checkpoint { key, out } => checkpoint(ctx, &key, out.as_deref()),
    }
}

fn verify(ctx: &Context) -> CliResult {
    let report = ctx.store()?.verify_audit(None)?;
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

pub fn read_or_create_key(path: &Path) -> Result<String, CliError> {
    match std::fs::read_to_string(path) {
        Ok(k) => Ok(k.trim().to_owned()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let key = new_signing_key_hex();
            let mut options = std::fs::OpenOptions::new();
            options.write(true).create_new(true);
            #[cfg(unix)]
            std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
            let mut f =
                options.open(path).map_err(|e| CliError::Input(format!("{}: {e}", path.display())))?;
            writeln!(f, "{key}")?;
            eprintln!("created signing key {}", path.display());
            Ok(key)
        }
        Err(e) => Err(CliError::Input(format!("{}: {e}", path.display()))),
    }
}

fn checkpoint(ctx: &Context, key_path: &Path, out: Option<&Path>) -> CliResult {
    let key = read_or_create_key(key_path)?;
    let now = umis_domain::Instant::from_parts(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| i64::try_from(d.as_secs()).unwrap_or(0) * 1_000_000_000)
            .unwrap_or(0),
        0,
    )
    .to_string();
    let cp = create_checkpoint(&ctx.store()?, &key, &now).map_err(|e| match e {
        CheckpointError::Malformed(m) => CliError::Input(format!("{}: {m}", key_path.display())),
        other => CliError::Failure(other.into()),
    })?;
    let json = serde_json::to_string_pretty(&cp)?;
    match out {
        Some(p) => std::fs::write(p, format!("{json}\n"))
            .map_err(|e| CliError::Input(format!("{}: {e}", p.display())))?,
        None => println!("{json}"),
    }
    eprintln!("checkpoint of {} records signed; public key {}", cp.records, public_key_hex(&key)?);
    Ok(())
}
