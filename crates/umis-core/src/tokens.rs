//! API tokens for machine clients (the border service's feed) and officers' API access.
//!
//! A token is 256 random bits shown once; only its SHA-256 is stored, so a stolen database
//! yields no usable token. Lookup is by hash, so comparison never touches the secret.

use rand::RngCore;
use umis_domain::Role;
use umis_store::{AuditEntry, NewToken, Store, StoreError, TokenRow};

/// The roles a token can carry.
pub const TOKEN_ROLES: &[Role] = &[Role::BorderFeed, Role::Officer];

/// Why a token could not be created.
#[derive(Debug, thiserror::Error)]
pub enum TokenError {
    /// The name is empty, too long or has characters other than letters, digits, `.`, `_`, `-`.
    #[error("token name must be 1-64 characters of letters, digits, '.', '_' or '-'")]
    BadName,
    /// The role is not one of [`TOKEN_ROLES`].
    #[error("unknown role {0:?} (expected one of: border-feed, officer)")]
    BadRole(String),
    /// The store refused (a name already taken shows up here).
    #[error("{0}")]
    Store(#[from] StoreError),
}

use crate::hex::hex;

/// SHA-256 of a presented token, hex.
pub fn token_hash(secret: &str) -> String {
    crate::hex::sha256_hex(secret.as_bytes())
}

/// Creates a token; returns the secret, which is not stored and cannot be shown again.
pub fn create_token(store: &Store, name: &str, role: &str, actor: &str) -> Result<String, TokenError> {
    let name_ok = (1..=64).contains(&name.len())
        && name.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'));
    if !name_ok {
        return Err(TokenError::BadName);
    }
    let Some(role) = Role::parse(role).filter(|r| TOKEN_ROLES.contains(r)) else {
        return Err(TokenError::BadRole(role.chars().take(40).collect()));
    };
    let mut secret_bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut secret_bytes);
    let mut id_bytes = [0u8; 16];
    rand::rng().fill_bytes(&mut id_bytes);
    let secret = format!("umis_{}", hex(&secret_bytes));
    let id = hex(&id_bytes);
    let detail = serde_json::json!({ "role": role.as_str() }).to_string();
    store.create_token(
        &NewToken { id: &id, name, role, token_hash: &token_hash(&secret) },
        &AuditEntry { actor, action: "token.create", object: name, outcome: "ok", detail: &detail },
    )?;
    Ok(secret)
}

/// Revokes the token named `name`: its next use is refused. `false` when no live token has it.
pub fn revoke_token(store: &Store, name: &str, actor: &str) -> Result<bool, StoreError> {
    store.revoke_token(
        name,
        &AuditEntry { actor, action: "token.revoke", object: name, outcome: "ok", detail: "{}" },
    )
}

/// The live token a client presented, if any.
pub fn authenticate(store: &Store, presented: &str) -> Result<Option<TokenRow>, StoreError> {
    if !presented.starts_with("umis_") || presented.len() != 69 {
        return Ok(None);
    }
    store.token_by_hash(&token_hash(presented))
}
