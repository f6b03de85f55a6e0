//! Any string presented as a credential token, key set or revocation list: verification answers
//! or names a rejection and never panics; a payload that parses is canonical, and once signed it
//! verifies with the same fields.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::LazyLock;
use umis_credential::{Claims, Jwks, KeyRing, RevocationList, token_from_pdf, verify};
use umis_domain::Date;

static KEYS: LazyLock<KeyRing> =
    LazyLock::new(|| KeyRing::from_seed("k2026-01-01a-fuzz", [7; 32]).expect("a fixed key id is valid"));

fuzz_target!(|data: &[u8]| {
    let jwks = KEYS.public_jwks();
    let today = Date::from_days(20_500);
    let text = String::from_utf8_lossy(data);
    let _ = verify(&text, &jwks, None, today);
    if let Ok(parsed) = Jwks::parse(&text) {
        let _ = verify(&text, &parsed, None, today);
    }
    let _ = RevocationList::parse_verified(&text, &jwks);
    let _ = token_from_pdf(data);
    if let Ok(claims) = Claims::parse_payload(data) {
        assert_eq!(claims.payload().as_bytes(), data, "a parsed payload is not canonical");
        let token = KEYS.sign(&claims);
        let verified = verify(&token, &jwks, None, today).expect("a freshly signed token verifies");
        assert_eq!(verified.claims.fields(), claims.fields(), "signing changed the fields");
    }
});
