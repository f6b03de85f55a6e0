//! The published verification keys as a JSON Web Key Set (RFC 7517, Ed25519 keys per RFC 8037).
//!
//! Verifiers fetch this document once and then check credentials offline. Reading is strict
//! about what matters (every key must be an Ed25519 signing key with a usable id, and none may
//! carry private material) and tolerant of members it does not need, so a set published
//! through other tooling with extra metadata still loads.

use super::canonical::{printable, push_member};
use super::claims::check_kid;
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use ed25519_dalek::VerifyingKey;
use serde_json::{Map, Value};

/// Largest key set accepted, in bytes.
pub const MAX_JWKS_BYTES: usize = 1 << 20;

/// Published public keys by id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Jwks {
    keys: Vec<(String, VerifyingKey)>,
}

/// Why a key set was refused; `index` counts keys from 0 in the order given.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum JwksError {
    /// Larger than [`MAX_JWKS_BYTES`].
    #[error("the key set is {0} bytes; at most 1 MiB is accepted")]
    TooLarge(usize),
    /// Not JSON.
    #[error("the key set is not valid JSON")]
    NotJson,
    /// No `keys` array, or an empty one.
    #[error("the key set has no \"keys\" array with at least one key")]
    NoKeys,
    /// A key that is not a JSON object.
    #[error("key {0} is not a JSON object")]
    NotAnObject(usize),
    /// A required member is absent or not a string.
    #[error("key {index} has no string member {member:?}")]
    Missing {
        /// Position of the key.
        index: usize,
        /// The member.
        member: &'static str,
    },
    /// A key type other than OKP (an RSA or EC key, say).
    #[error("key {index} has key type {kty:?}; only OKP (Ed25519) keys are supported")]
    UnsupportedKeyType {
        /// Position of the key.
        index: usize,
        /// The type found (shortened).
        kty: String,
    },
    /// An OKP key on a curve other than Ed25519.
    #[error("key {index} is on curve {crv:?}; only Ed25519 is supported")]
    UnsupportedCurve {
        /// Position of the key.
        index: usize,
        /// The curve found (shortened).
        crv: String,
    },
    /// `x` is not a valid Ed25519 public key.
    #[error("key {0} has an \"x\" that is not a valid Ed25519 public key")]
    BadPublicKey(usize),
    /// The key carries its private part `d`: it must never be published.
    #[error("key {0} contains private key material (\"d\"); publish only public keys")]
    PrivateKey(usize),
    /// A `kid` that is not a umis key id.
    #[error("key {0} has a \"kid\" that is not 1-32 characters of a-z, 0-9 and -")]
    BadKid(usize),
    /// `use` is present and not `sig`, or `alg` is present and not `EdDSA`/`Ed25519`.
    #[error("key {0} is not declared for signatures with EdDSA")]
    WrongUse(usize),
    /// Two keys with one id: a verifier could not tell which one is meant.
    #[error("key id {0:?} appears twice")]
    DuplicateKid(String),
}

impl Jwks {
    /// A key set from ids and keys, in the order given.
    pub(crate) fn from_keys(keys: Vec<(String, VerifyingKey)>) -> Jwks {
        Jwks { keys }
    }

    /// The key with id `kid`.
    pub fn key(&self, kid: &str) -> Option<&VerifyingKey> {
        self.keys.iter().find(|(k, _)| k == kid).map(|(_, key)| key)
    }

    /// Every key id, in document order.
    pub fn kids(&self) -> impl Iterator<Item = &str> {
        self.keys.iter().map(|(kid, _)| kid.as_str())
    }

    /// The key set as compact JSON, members in the order RFC 8037's examples use.
    pub fn to_json(&self) -> String {
        let mut out = String::from(r#"{"keys":["#);
        for (i, (kid, key)) in self.keys.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            out.push('{');
            push_member(&mut out, "kty", "OKP");
            push_member(&mut out, "crv", "Ed25519");
            push_member(&mut out, "x", &URL_SAFE_NO_PAD.encode(key.as_bytes()));
            push_member(&mut out, "kid", kid);
            push_member(&mut out, "use", "sig");
            push_member(&mut out, "alg", "EdDSA");
            out.push('}');
        }
        out.push_str("]}");
        out
    }

    /// Reads a published key set (see the module documentation for what is refused).
    pub fn parse(json: &str) -> Result<Jwks, JwksError> {
        if json.len() > MAX_JWKS_BYTES {
            return Err(JwksError::TooLarge(json.len()));
        }
        let value: Value = serde_json::from_str(json).map_err(|_| JwksError::NotJson)?;
        let keys = value.get("keys").and_then(Value::as_array).filter(|k| !k.is_empty());
        let mut out: Vec<(String, VerifyingKey)> = Vec::new();
        for (index, key) in keys.ok_or(JwksError::NoKeys)?.iter().enumerate() {
            let (kid, key) = parse_key(index, key.as_object().ok_or(JwksError::NotAnObject(index))?)?;
            if out.iter().any(|(k, _)| *k == kid) {
                return Err(JwksError::DuplicateKid(kid));
            }
            out.push((kid, key));
        }
        Ok(Jwks { keys: out })
    }
}

fn parse_key(index: usize, key: &Map<String, Value>) -> Result<(String, VerifyingKey), JwksError> {
    let member = |member: &'static str| {
        key.get(member).and_then(Value::as_str).ok_or(JwksError::Missing { index, member })
    };
    let kty = member("kty")?;
    if kty != "OKP" {
        return Err(JwksError::UnsupportedKeyType { index, kty: printable(kty, 16) });
    }
    let crv = member("crv")?;
    if crv != "Ed25519" {
        return Err(JwksError::UnsupportedCurve { index, crv: printable(crv, 16) });
    }
    if key.contains_key("d") {
        return Err(JwksError::PrivateKey(index));
    }
    let use_ok = key.get("use").is_none_or(|u| u == "sig");
    let alg_ok = key.get("alg").is_none_or(|a| a == "EdDSA" || a == "Ed25519");
    if !use_ok || !alg_ok {
        return Err(JwksError::WrongUse(index));
    }
    let x = URL_SAFE_NO_PAD.decode(member("x")?).ok().and_then(|x| <[u8; 32]>::try_from(x).ok());
    let public = x
        .and_then(|x| VerifyingKey::from_bytes(&x).ok())
        .filter(|k| !k.is_weak())
        .ok_or(JwksError::BadPublicKey(index))?;
    let kid = member("kid")?;
    check_kid("kid", kid).map_err(|_| JwksError::BadKid(index))?;
    Ok((kid.to_owned(), public))
}
