//! `umis verify`: checks a document offline, with only the published public keys (and,
//! optionally, the published revocation list). No database, no network.

use super::{CliError, CliResult};
use clap::Args;
use std::path::PathBuf;
use umis_credential::{self as credential, Jwks, RevocationList, Status};

#[derive(Args, Debug)]
pub struct VerifyArgs {
    /// The credential (`UMIS1.…`, the QR code's text) or a PDF file issued by umis.
    credential: String,
    /// The published public keys (`/.well-known/jwks.json`).
    #[arg(long)]
    jwks: PathBuf,
    /// The published revocation list (`/api/v1/revocations`).
    #[arg(long)]
    revocations: Option<PathBuf>,
    /// Judge validity on this date (default: today, UTC).
    #[arg(long)]
    on: Option<String>,
}

fn read(path: &PathBuf, what: &str) -> Result<String, CliError> {
    std::fs::read_to_string(path)
        .map_err(|e| CliError::Input(format!("{}: cannot read the {what}: {e}", path.display())))
}

/// Exit status 0 when the document is genuine, in force and not revoked; 1 when it is not
/// (forged, altered, revoked, expired); 2 when the input cannot be used.
pub fn run(args: VerifyArgs) -> CliResult {
    let jwks = Jwks::parse(&read(&args.jwks, "key set")?)
        .map_err(|e| CliError::Input(format!("{}: {e}", args.jwks.display())))?;
    let revoked = match &args.revocations {
        None => None,
        Some(p) => Some(
            RevocationList::parse_verified(&read(p, "revocation list")?, &jwks)
                .map_err(|e| CliError::Input(format!("{}: {e}", p.display())))?,
        ),
    };
    let today = match &args.on {
        Some(d) => super::date_arg("--on", d)?,
        None => umis_core::clock::today_utc(),
    };
    let token = if args.credential.starts_with("UMIS1.") {
        args.credential.clone()
    } else {
        let bytes = std::fs::read(&args.credential).map_err(|e| {
            CliError::Input(format!(
                "{}: not a credential, and cannot read it as a file: {e}",
                args.credential
            ))
        })?;
        credential::token_from_pdf(&bytes).ok_or_else(|| {
            CliError::Input(format!("{}: no umis credential found in this file", args.credential))
        })?
    };
    match credential::verify(&token, &jwks, revoked.as_ref(), today) {
        Ok(v) => {
            let f = v.claims.fields();
            println!(
                "genuine: {} {} ({}) issued {} by key {}",
                f.doc_type.as_str(),
                f.number,
                f.kind,
                f.issued,
                v.claims.kid()
            );
            println!("holder: {} born {}, document {}", f.holder, f.birth, f.travel_document);
            if let (Some(from), Some(until)) = (f.valid_from, f.valid_until) {
                println!("valid: {from} to {until}");
            }
            if revoked.is_none() {
                println!("note: no revocation list given; revocation not checked");
            }
            match v.status {
                Status::Valid => {
                    println!("result: VALID");
                    Ok(())
                }
                Status::Expired => Err(CliError::Failure(anyhow::anyhow!("result: EXPIRED"))),
                Status::NotYetValid => Err(CliError::Failure(anyhow::anyhow!("result: NOT YET VALID"))),
            }
        }
        Err(rejection) => Err(CliError::Failure(anyhow::anyhow!("result: REJECTED: {rejection}"))),
    }
}
