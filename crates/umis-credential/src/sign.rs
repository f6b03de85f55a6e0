//! What a signature covers: a context naming what is signed, then the message. The contexts
//! keep a credential signature from ever being valid as a revocation-list signature made with
//! the same key, or the reverse.
//!
//! A leaf of the credential modules: the key ring signs with it, the token and the revocation
//! list are encoded and checked with it, and none of them needs the others for it.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use ed25519_dalek::{Signer as _, SigningKey};

/// The token's version prefix.
pub const TOKEN_PREFIX: &str = "UMIS1";

/// A credential's signed bytes start with this.
pub(crate) const CREDENTIAL_CONTEXT: &[u8] = b"umis-credential-v1\n";

/// A revocation list's signed bytes start with this.
pub(crate) const REVOCATION_CONTEXT: &[u8] = b"umis-revocations-v1\n";

/// `context` followed by `message`: the bytes a signature covers.
pub(crate) fn signed_bytes(context: &[u8], message: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(context.len() + message.len());
    out.extend_from_slice(context);
    out.extend_from_slice(message);
    out
}

/// The token `UMIS1.<payload>.<signature>` for a payload, signed with `key`.
pub(crate) fn encode_token(payload: &str, key: &SigningKey) -> String {
    let signature = key.sign(&signed_bytes(CREDENTIAL_CONTEXT, payload.as_bytes()));
    format!(
        "{TOKEN_PREFIX}.{}.{}",
        URL_SAFE_NO_PAD.encode(payload.as_bytes()),
        URL_SAFE_NO_PAD.encode(signature.to_bytes())
    )
}
