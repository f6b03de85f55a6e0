//! The signed list of revoked documents that verifiers download next to the key set.
//!
//! `{"issued":"<RFC 3339>","kid":"…","revoked":[{"n":"…","on":"YYYY-MM-DD","reason":"…"}],"sig":"…"}`
//! where `sig` is Ed25519 (base64url, no padding) over `umis-revocations-v1\n` followed by the
//! canonical JSON of the same object without `sig`. The signature covers the values, not the
//! file's layout, so a list that was re-indented still verifies, while any change of a value,
//! an added or removed entry, or an unknown member does not.

use super::canonical::{printable, push_member};
use super::claims::{check_kid, check_number, check_text};
use super::jwks::Jwks;
use super::keys::KeyRing;
use super::sign::{REVOCATION_CONTEXT, signed_bytes};
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use ed25519_dalek::Signature;
use serde::Deserialize;
use std::collections::HashMap;
use umis_domain::text::FieldError;
use umis_domain::{Date, Instant};

/// Largest list accepted, in bytes (about 150,000 entries).
pub const MAX_LIST_BYTES: usize = 16 << 20;

/// Why a revocation list was refused or could not be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RevocationError {
    /// Larger than [`MAX_LIST_BYTES`].
    #[error("the revocation list is {0} bytes; at most 16 MiB is accepted")]
    TooLarge(usize),
    /// Not the expected JSON shape (the parser's words, shortened).
    #[error("the revocation list is malformed: {0}")]
    Format(String),
    /// No `sig` member.
    #[error("the revocation list is not signed")]
    Unsigned,
    /// `issued` is not an RFC 3339 timestamp.
    #[error("\"issued\" is not an RFC 3339 timestamp with offset")]
    BadIssued,
    /// An entry or the key id is malformed.
    #[error("{0}")]
    Field(#[from] FieldError),
    /// An entry's `on` is not a date.
    #[error("entry {0}: \"on\" is not a date YYYY-MM-DD")]
    BadDate(usize),
    /// One document listed twice.
    #[error("document {0} is listed twice")]
    DuplicateNumber(String),
    /// Signed with a key that is not published.
    #[error("the revocation list is signed with key {0:?}, which is not among the published keys")]
    UnknownKey(String),
    /// The signature does not match: altered after signing, or signed by someone else.
    #[error("the revocation list's signature does not match: it was altered or not issued by umis")]
    BadSignature,
}

/// One revoked document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RevocationEntry {
    number: String,
    on: Date,
    reason: String,
}

impl RevocationEntry {
    /// An entry; the number follows the credential rule, the reason is 1-200 printable characters.
    pub fn new(number: &str, on: Date, reason: &str) -> Result<RevocationEntry, RevocationError> {
        check_number("n", number)?;
        check_text("reason", reason, 1, 200)?;
        Ok(RevocationEntry { number: number.to_owned(), on, reason: reason.to_owned() })
    }

    /// The document number.
    pub fn number(&self) -> &str {
        &self.number
    }

    /// The day of revocation.
    pub fn on(&self) -> Date {
        self.on
    }

    /// Why the document was revoked.
    pub fn reason(&self) -> &str {
        &self.reason
    }
}

/// A revocation list whose signature has been made or checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RevocationList {
    issued: Instant,
    kid: String,
    entries: Vec<RevocationEntry>,
    index: HashMap<String, usize>,
    sig: Signature,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct WireList {
    issued: String,
    kid: String,
    revoked: Vec<WireEntry>,
    sig: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct WireEntry {
    n: String,
    on: String,
    reason: String,
}

fn canonical(issued: Instant, kid: &str, entries: &[RevocationEntry]) -> String {
    let mut out = String::from("{");
    push_member(&mut out, "issued", &issued.to_string());
    push_member(&mut out, "kid", kid);
    out.push_str(r#","revoked":["#);
    for (i, e) in entries.iter().enumerate() {
        out.push_str(if i == 0 { "{" } else { ",{" });
        push_member(&mut out, "n", &e.number);
        push_member(&mut out, "on", &e.on.to_string());
        push_member(&mut out, "reason", &e.reason);
        out.push('}');
    }
    out.push_str("]}");
    out
}

fn index(entries: &[RevocationEntry]) -> Result<HashMap<String, usize>, RevocationError> {
    let mut index = HashMap::with_capacity(entries.len());
    for (i, e) in entries.iter().enumerate() {
        if index.insert(e.number.clone(), i).is_some() {
            return Err(RevocationError::DuplicateNumber(e.number.clone()));
        }
    }
    Ok(index)
}

impl RevocationList {
    /// Signs `entries` (in the order given) with the ring's active key.
    pub fn sign(
        entries: Vec<RevocationEntry>,
        issued: Instant,
        ring: &KeyRing,
    ) -> Result<RevocationList, RevocationError> {
        let index = index(&entries)?;
        let kid = ring.active_kid().to_owned();
        let (_, sig) = ring.sign_bytes(REVOCATION_CONTEXT, canonical(issued, &kid, &entries).as_bytes());
        Ok(RevocationList { issued, kid, entries, index, sig })
    }

    /// Reads a published list and checks its signature against the published keys.
    pub fn parse_verified(json: &str, jwks: &Jwks) -> Result<RevocationList, RevocationError> {
        if json.len() > MAX_LIST_BYTES {
            return Err(RevocationError::TooLarge(json.len()));
        }
        let wire: WireList = serde_json::from_str(json)
            .map_err(|e| RevocationError::Format(printable(&e.to_string(), 160)))?;
        let sig = wire.sig.ok_or(RevocationError::Unsigned)?;
        let issued = Instant::parse(&wire.issued).map_err(|_| RevocationError::BadIssued)?;
        check_kid("kid", &wire.kid)?;
        let mut entries = Vec::with_capacity(wire.revoked.len());
        for (i, e) in wire.revoked.into_iter().enumerate() {
            let on = Date::parse(&e.on).map_err(|_| RevocationError::BadDate(i))?;
            entries.push(RevocationEntry::new(&e.n, on, &e.reason)?);
        }
        let index = index(&entries)?;
        let key = jwks.key(&wire.kid).ok_or_else(|| RevocationError::UnknownKey(wire.kid.clone()))?;
        let sig = URL_SAFE_NO_PAD
            .decode(sig)
            .ok()
            .and_then(|s| <[u8; 64]>::try_from(s).ok())
            .map(|s| Signature::from_bytes(&s))
            .ok_or(RevocationError::BadSignature)?;
        let message = canonical(issued, &wire.kid, &entries);
        key.verify_strict(&signed_bytes(REVOCATION_CONTEXT, message.as_bytes()), &sig)
            .map_err(|_| RevocationError::BadSignature)?;
        Ok(RevocationList { issued, kid: wire.kid, entries, index, sig })
    }

    /// The entry revoking document `number`, if any.
    pub fn is_revoked(&self, number: &str) -> Option<&RevocationEntry> {
        self.index.get(number).and_then(|&i| self.entries.get(i))
    }

    /// When the list was issued.
    pub fn issued(&self) -> Instant {
        self.issued
    }

    /// The id of the key that signed it.
    pub fn kid(&self) -> &str {
        &self.kid
    }

    /// Every entry, in list order.
    pub fn entries(&self) -> &[RevocationEntry] {
        &self.entries
    }

    /// The list as published: the canonical object with `sig` added last.
    pub fn to_json(&self) -> String {
        let mut out = canonical(self.issued, &self.kid, &self.entries);
        out.pop();
        push_member(&mut out, "sig", &URL_SAFE_NO_PAD.encode(self.sig.to_bytes()));
        out.push('}');
        out
    }
}
