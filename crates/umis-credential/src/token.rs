//! The compact token `UMIS1.<payload>.<signature>` and its offline verification.
//!
//! Both parts are base64url without padding. The signature is Ed25519 over
//! `umis-credential-v1\n` followed by the payload bytes: the prefix keeps a credential signature
//! from ever being valid as a revocation-list signature made with the same key, or the reverse.

use super::claims::{Claims, ClaimsError, MAX_PAYLOAD_BYTES};
use super::jwks::Jwks;
use super::revocation::RevocationList;
use super::sign::{CREDENTIAL_CONTEXT, signed_bytes};
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use ed25519_dalek::Signature;
use umis_domain::Date;

pub use super::sign::TOKEN_PREFIX;

/// Longest token accepted: the largest payload, its signature and the separators.
pub const MAX_TOKEN_LEN: usize = TOKEN_PREFIX.len() + 2 + MAX_PAYLOAD_BYTES.div_ceil(3) * 4 + 86;

/// Why a token could not even be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FormatError {
    /// Nothing was given.
    #[error("the token is empty")]
    Empty,
    /// Longer than any token umis issues.
    #[error("the token is {0} characters; umis tokens are at most {max}", max = MAX_TOKEN_LEN)]
    TooLong(usize),
    /// Not three dot-separated parts starting with `UMIS1`.
    #[error("the token is not of the form UMIS1.<payload>.<signature>")]
    Shape,
    /// A part is not unpadded base64url.
    #[error("the {0} is not valid base64url")]
    Base64(&'static str),
    /// The signature part does not hold 64 bytes.
    #[error("the signature is not 64 bytes long")]
    SignatureLength,
    /// The payload is not valid canonical claims.
    #[error("{0}")]
    Claims(#[from] ClaimsError),
}

/// Why a credential is refused. Each message is meant for the officer at the counter.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Rejection {
    /// Unreadable: damaged, cut short or not a umis credential at all.
    #[error("not a readable umis credential: {0}")]
    Malformed(FormatError),
    /// Signed with a key that is not among the published keys.
    #[error(
        "signed with key {0:?}, which is not among the published keys: not issued by umis, or the key list is out of date"
    )]
    UnknownKey(String),
    /// The signature does not match the contents.
    #[error("the signature does not match: the document was altered or was not issued by umis")]
    BadSignature,
    /// Authentic, but withdrawn.
    #[error("the document was revoked on {on}: {reason}")]
    Revoked {
        /// Day of revocation.
        on: Date,
        /// Why, as the revocation list states it.
        reason: String,
    },
}

/// Whether an authentic credential applies today.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Within its validity, or without one.
    Valid,
    /// Its last valid day has passed.
    Expired,
    /// Its first valid day is still to come.
    NotYetValid,
}

/// An authentic, unrevoked credential and its status today.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verified {
    /// What the credential states.
    pub claims: Claims,
    /// Its validity on the day of checking.
    pub status: Status,
}

/// A token taken apart: its claims, the exact payload bytes and the signature.
pub(crate) struct Parts {
    pub(crate) claims: Claims,
    pub(crate) payload: Vec<u8>,
    pub(crate) signature: Signature,
}

/// Splits and decodes a token without checking its signature.
pub(crate) fn decode(token: &str) -> Result<Parts, FormatError> {
    if token.is_empty() {
        return Err(FormatError::Empty);
    }
    if token.len() > MAX_TOKEN_LEN {
        return Err(FormatError::TooLong(token.len()));
    }
    let mut parts = token.split('.');
    let (Some(TOKEN_PREFIX), Some(payload), Some(signature), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(FormatError::Shape);
    };
    // The strict engine refuses padding and non-zero trailing bits, so each byte string has
    // exactly one encoding and no changed character can decode to the same bytes.
    let payload = URL_SAFE_NO_PAD.decode(payload).map_err(|_| FormatError::Base64("payload"))?;
    let signature = URL_SAFE_NO_PAD.decode(signature).map_err(|_| FormatError::Base64("signature"))?;
    let signature: [u8; 64] = signature.try_into().map_err(|_| FormatError::SignatureLength)?;
    let claims = Claims::parse_payload(&payload)?;
    Ok(Parts { claims, payload, signature: Signature::from_bytes(&signature) })
}

/// Checks a token offline against the published keys and, if given, a revocation list that
/// was itself verified; `today` decides the status.
pub fn verify(
    token: &str,
    jwks: &Jwks,
    revoked: Option<&RevocationList>,
    today: Date,
) -> Result<Verified, Rejection> {
    let parts = decode(token).map_err(Rejection::Malformed)?;
    let kid = parts.claims.kid();
    let key = jwks.key(kid).ok_or_else(|| Rejection::UnknownKey(kid.to_owned()))?;
    key.verify_strict(&signed_bytes(CREDENTIAL_CONTEXT, &parts.payload), &parts.signature)
        .map_err(|_| Rejection::BadSignature)?;
    if let Some(entry) = revoked.and_then(|list| list.is_revoked(&parts.claims.fields().number)) {
        return Err(Rejection::Revoked { on: entry.on(), reason: entry.reason().to_owned() });
    }
    let fields = parts.claims.fields();
    let status = if fields.valid_from.is_some_and(|f| today < f) {
        Status::NotYetValid
    } else if fields.valid_until.is_some_and(|u| today > u) {
        Status::Expired
    } else {
        Status::Valid
    };
    Ok(Verified { claims: parts.claims, status })
}
