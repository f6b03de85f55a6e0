//! Fixtures shared by the credential tests: fixed keys, sample claims and an independent
//! token writer, so the format is checked against a second implementation of the spec.

#![allow(dead_code, reason = "each test file uses a different part of the fixtures")]

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use ed25519_dalek::{Signer as _, SigningKey};
use umis_credential::{Claims, DocType, KeyRing, NewClaims};
use umis_domain::Date;

/// The seed of the pinned test vector: bytes 0, 1, …, 31.
pub const SEED: [u8; 32] = {
    let mut seed = [0u8; 32];
    let mut i = 0;
    while i < 32 {
        seed[i] = i as u8;
        i += 1;
    }
    seed
};

/// The key id of the pinned test vector.
pub const KID: &str = "k2026-11-27a-test";

pub fn date(s: &str) -> Date {
    Date::parse(s).unwrap()
}

pub fn ring() -> KeyRing {
    KeyRing::from_seed(KID, SEED).unwrap()
}

/// A residence permit with Azerbaijani letters in the name.
pub fn sample() -> NewClaims {
    NewClaims {
        doc_type: DocType::Permit,
        number: "TRP-2026-000123".into(),
        kind: "temporary_residence".into(),
        holder: "Rəşad Əliyev".into(),
        travel_document: "RUS:751234567".into(),
        birth: date("1990-04-17"),
        valid_from: Some(date("2026-12-01")),
        valid_until: Some(date("2027-11-30")),
        employer: None,
        grounds: Vec::new(),
        issued: date("2026-11-27"),
    }
}

pub fn claims(new: NewClaims) -> Claims {
    Claims::new(new).unwrap()
}

/// A token over arbitrary payload bytes, written from the spec with the pinned seed.
pub fn forge(payload: &[u8], seed: [u8; 32]) -> String {
    let key = SigningKey::from_bytes(&seed);
    let mut message = b"umis-credential-v1\n".to_vec();
    message.extend_from_slice(payload);
    let signature = key.sign(&message).to_bytes();
    format!("UMIS1.{}.{}", URL_SAFE_NO_PAD.encode(payload), URL_SAFE_NO_PAD.encode(signature))
}

/// The payload and signature bytes of a token.
pub fn split(token: &str) -> (Vec<u8>, Vec<u8>) {
    let parts: Vec<&str> = token.split('.').collect();
    (URL_SAFE_NO_PAD.decode(parts[1]).unwrap(), URL_SAFE_NO_PAD.decode(parts[2]).unwrap())
}

/// A token from payload and signature bytes.
pub fn join(payload: &[u8], signature: &[u8]) -> String {
    format!("UMIS1.{}.{}", URL_SAFE_NO_PAD.encode(payload), URL_SAFE_NO_PAD.encode(signature))
}
