//! Signed checkpoints of the audit chain, for a witness.
//!
//! A checkpoint states "the chain had N records and its head was H at time T", signed with an
//! Ed25519 key that lives outside the database. A witness (the auditor, another agency) keeps
//! the file. Checked against it with the trusted public key, the chain must still hold record N
//! with head H: a rewrite by someone recomputing every later leaf, a cut tail, or a checkpoint
//! replaced by a self-signed one is then found, which the chain alone cannot show.

use ed25519_dalek::{Signature, Signer, SigningKey, Verifier, VerifyingKey};
use serde::{Deserialize, Serialize};
use umis_store::audit_chain::AuditReport;
use umis_store::{Store, StoreError};

/// A signed statement of the chain's length and head.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Checkpoint {
    /// Format version.
    pub version: u32,
    /// Records in the chain when signed.
    pub records: u64,
    /// Leaf hash of the last of them.
    pub head: String,
    /// When it was signed (RFC 3339, UTC).
    pub at: String,
    /// The signer's public key, hex (informative: verification uses the trusted key).
    pub public_key: String,
    /// Ed25519 signature over [`Checkpoint::message`], hex.
    pub signature: String,
}

/// Why a checkpoint could not be made or does not hold.
#[derive(Debug, thiserror::Error)]
pub enum CheckpointError {
    /// The chain itself is broken.
    #[error("audit chain broken at record {0}: {1}")]
    Broken(i64, String),
    /// The signature does not verify under the trusted key.
    #[error("the checkpoint's signature does not verify with the trusted public key")]
    BadSignature,
    /// The chain no longer agrees with what was signed.
    #[error("the chain disagrees with the checkpoint: {0}")]
    Mismatch(String),
    /// A key or checkpoint is malformed.
    #[error("{0}")]
    Malformed(String),
    /// The database failed.
    #[error("{0}")]
    Store(#[from] StoreError),
}

use crate::hex::{hex, unhex};

impl Checkpoint {
    /// The exact bytes signed.
    pub fn message(version: u32, records: u64, head: &str, at: &str) -> String {
        format!("umis-audit-checkpoint/v{version}\n{records}\n{head}\n{at}\n")
    }
}

/// A new signing key from 256 random bits (hex, for a key file readable only by its owner).
pub fn new_signing_key_hex() -> String {
    let mut seed = [0u8; 32];
    rand::RngCore::fill_bytes(&mut rand::rng(), &mut seed);
    hex(&seed)
}

/// The public key (hex) of a signing key given in hex.
pub fn public_key_hex(signing_key_hex: &str) -> Result<String, CheckpointError> {
    Ok(hex(signing_key(signing_key_hex)?.verifying_key().as_bytes()))
}

fn signing_key(hex_seed: &str) -> Result<SigningKey, CheckpointError> {
    unhex::<32>(hex_seed.trim())
        .map(|seed| SigningKey::from_bytes(&seed))
        .ok_or_else(|| CheckpointError::Malformed("the signing key is not 64 hex digits".into()))
}

/// Verifies the chain and signs its current length and head.
pub fn create_checkpoint(
    store: &Store,
    signing_key_hex: &str,
    at: &str,
) -> Result<Checkpoint, CheckpointError> {
    let key = signing_key(signing_key_hex)?;
    let report = store.verify_audit(None)?;
    if let Some((id, why)) = report.broken {
        return Err(CheckpointError::Broken(id, why));
    }
    let message = Checkpoint::message(1, report.records, &report.head, at);
    Ok(Checkpoint {
        version: 1,
        records: report.records,
        head: report.head,
        at: at.to_owned(),
        public_key: hex(key.verifying_key().as_bytes()),
        signature: hex(&key.sign(message.as_bytes()).to_bytes()),
    })
}

/// Verifies the chain and checks a witness's checkpoint against it, with the trusted public key.
pub fn verify_with_checkpoint(
    store: &Store,
    cp: &Checkpoint,
    trusted_key_hex: &str,
) -> Result<AuditReport, CheckpointError> {
    let report = store.verify_audit(Some(cp.records))?;
    check_against(&report, cp, trusted_key_hex)?;
    Ok(report)
}

fn check_against(
    report: &AuditReport,
    cp: &Checkpoint,
    trusted_key_hex: &str,
) -> Result<(), CheckpointError> {
    let key =
        unhex::<32>(trusted_key_hex.trim()).and_then(|k| VerifyingKey::from_bytes(&k).ok()).ok_or_else(
            || CheckpointError::Malformed("the public key is not a 64-hex-digit Ed25519 key".into()),
        )?;
    let signature = unhex::<64>(&cp.signature).map(|s| Signature::from_bytes(&s)).ok_or_else(|| {
        CheckpointError::Malformed("the checkpoint's signature is not 128 hex digits".into())
    })?;
    let message = Checkpoint::message(cp.version, cp.records, &cp.head, &cp.at);
    key.verify(message.as_bytes(), &signature).map_err(|_| CheckpointError::BadSignature)?;
    if let Some((id, why)) = &report.broken {
        return Err(CheckpointError::Broken(*id, why.clone()));
    }
    if report.records < cp.records {
        return Err(CheckpointError::Mismatch(format!(
            "it signed {} records, the chain has {}: records were cut",
            cp.records, report.records
        )));
    }
    let head_then = report.marked_head.clone().unwrap_or_default();
    if head_then != cp.head {
        return Err(CheckpointError::Mismatch(format!(
            "record {} has head {head_then}, the checkpoint signed {}: the chain was rewritten",
            cp.records, cp.head
        )));
    }
    Ok(())
}

/// A page of audit metadata for an auditor; the read is itself audited. Details are never
/// returned (they may name travellers), only their hashes.
pub fn audit_page(
    store: &Store,
    actor: &crate::actor::Actor,
    after_id: i64,
    limit: i64,
    action: Option<&str>,
) -> Result<Vec<umis_store::audit_page::AuditMeta>, StoreError> {
    store.transact(|db| {
        let rows = umis_store::audit_page::audit_page(db, after_id, limit.clamp(1, 1000), action)?;
        db.audit(&umis_store::AuditEntry {
            actor: &actor.audit_name(),
            action: "audit.read",
            object: "audit_log",
            outcome: "ok",
            detail: &serde_json::json!({ "after": after_id, "count": rows.len() }).to_string(),
        })?;
        Ok(rows)
    })
}
