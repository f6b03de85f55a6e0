//! Signed revocation lists: what is published, what verifies and what is refused.

#![expect(clippy::unwrap_used, reason = "tests fail loudly")]

use crate::credential_support;

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use credential_support::*;
use ed25519_dalek::{Signer as _, SigningKey};
use umis_credential::{KeyRing, RevocationEntry, RevocationError, RevocationList};
use umis_domain::Instant;
use umis_domain::text::FieldError;

fn entries() -> Vec<RevocationEntry> {
    vec![
        RevocationEntry::new("TRP-2026-000001", date("2027-01-02"), "issued in error").unwrap(),
        RevocationEntry::new("WP-2026-7", date("2027-01-09"), "employer \"Şəfəq\" MMC closed").unwrap(),
    ]
}

fn issued() -> Instant {
    Instant::parse("2027-01-10T09:30:00+04:00").unwrap()
}

fn published() -> String {
    RevocationList::sign(entries(), issued(), &ring()).unwrap().to_json()
}

const BODY: &str = concat!(
    r#"{"issued":"2027-01-10T09:30:00+04:00","kid":"k2026-11-27a-test","revoked":["#,
    r#"{"n":"TRP-2026-000001","on":"2027-01-02","reason":"issued in error"},"#,
    r#"{"n":"WP-2026-7","on":"2027-01-09","reason":"employer \"Şəfəq\" MMC closed"}]"#
);

#[test]
fn published_form_is_canonical_and_verifies() {
    let json = published();
    assert!(json.starts_with(BODY) && json.ends_with("\"}"), "{json}");
    // The signature covers `umis-revocations-v1\n` + the object without `sig`, per the spec.
    let mut message = b"umis-revocations-v1\n".to_vec();
    message.extend_from_slice(format!("{BODY}}}").as_bytes());
    let sig = URL_SAFE_NO_PAD.encode(SigningKey::from_bytes(&SEED).sign(&message).to_bytes());
    assert_eq!(json, format!(r#"{BODY},"sig":"{sig}"}}"#));

    let list = RevocationList::parse_verified(&json, &ring().public_jwks()).unwrap();
    assert_eq!(list.to_json(), json);
    assert_eq!(list.entries(), entries().as_slice());
    assert_eq!((list.kid(), list.issued()), (KID, issued()));
    assert_eq!(
        list.is_revoked("WP-2026-7").map(|e| (e.on(), e.reason())),
        Some((date("2027-01-09"), "employer \"Şəfəq\" MMC closed"))
    );
    assert_eq!(list.is_revoked("TRP-2026-000123"), None);
    assert_eq!(list.is_revoked(""), None);

    // Layout is not signed: a pretty-printed copy still verifies.
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    let pretty = serde_json::to_string_pretty(&value).unwrap();
    assert_eq!(RevocationList::parse_verified(&pretty, &ring().public_jwks()).unwrap(), list);
}

#[test]
fn altered_unsigned_or_foreign_lists_are_refused() {
    let json = published();
    let jwks = ring().public_jwks();
    let (body, _) = json.rsplit_once(",\"sig\"").unwrap();
    let stranger = KeyRing::from_seed("k2026-11-27b-evil", [9; 32]).unwrap();
    let impostor = KeyRing::from_seed(KID, [9; 32]).unwrap();
    let credential_context = {
        let mut message = b"umis-credential-v1\n".to_vec();
        message.extend_from_slice(format!("{body}}}").as_bytes());
        URL_SAFE_NO_PAD.encode(SigningKey::from_bytes(&SEED).sign(&message).to_bytes())
    };
    let bad = RevocationError::BadSignature;
    let cases: Vec<(String, RevocationError)> = vec![
        (json.replace("issued in error", "issued in errors"), bad.clone()),
        (json.replace("2027-01-02", "2027-01-03"), bad.clone()),
        (json.replace("TRP-2026-000001", "TRP-2026-000002"), bad.clone()),
        (
            json.replace(r#"{"n":"TRP-2026-000001","on":"2027-01-02","reason":"issued in error"},"#, ""),
            bad.clone(),
        ),
        (json.replace("09:30:00+04:00", "09:30:01+04:00"), bad.clone()),
        (json.replace(&json[json.len() - 10..json.len() - 2], "AAAAAAAA"), bad.clone()),
        (json.replace("\"sig\":\"", "\"sig\":\"!"), bad.clone()),
        (format!(r#"{body},"sig":"{credential_context}"}}"#), bad.clone()),
        (RevocationList::sign(entries(), issued(), &impostor).unwrap().to_json(), bad.clone()),
        (format!("{body}}}"), RevocationError::Unsigned),
        (
            RevocationList::sign(entries(), issued(), &stranger).unwrap().to_json(),
            unknown("k2026-11-27b-evil"),
        ),
        (json.replace("2027-01-10T09:30:00+04:00", "2027-01-10 09:30"), RevocationError::BadIssued),
        (json.replace("2027-01-02", "2027-1-2"), RevocationError::BadDate(0)),
        (json.replace("TRP-2026-000001", "trp 1"), field("n", "must be 1-40 characters of A-Z, 0-9, - or /")),
        (json.replace("issued in error", ""), field("reason", "must be 1-200 characters, found 0")),
        (
            json.replace("WP-2026-7", "TRP-2026-000001"),
            RevocationError::DuplicateNumber("TRP-2026-000001".into()),
        ),
    ];
    for (list, expected) in cases {
        assert_eq!(RevocationList::parse_verified(&list, &jwks), Err(expected), "{list}");
    }
}

#[test]
fn malformed_lists_are_refused_without_echoing_control_characters() {
    let json = published();
    let jwks = ring().public_jwks();
    let inputs = [
        json.replacen('{', r#"{"note":"hi","#, 1),
        json.replacen('{', r#"{"kid":"k1","#, 1),
        json.replacen('{', "{\"\u{1b}[31m\":1,", 1),
        r#"{"issued":"2027-01-10T09:30:00Z","kid":"k1","revoked":{}}"#.to_owned(),
        String::new(),
        "[".repeat(50_000),
        json.replace("]", ""),
    ];
    for input in inputs {
        let err = RevocationList::parse_verified(&input, &jwks).unwrap_err();
        assert!(matches!(err, RevocationError::Format(_)), "{err}");
        assert!(!err.to_string().chars().any(char::is_control), "{err:?}");
    }
    let huge = " ".repeat(17 << 20);
    assert_eq!(RevocationList::parse_verified(&huge, &jwks), Err(RevocationError::TooLarge(17 << 20)));
}

#[test]
fn signing_refuses_duplicates_and_bad_entries() {
    let mut twice = entries();
    twice.push(entries()[0].clone());
    let err = RevocationList::sign(twice, issued(), &ring()).unwrap_err();
    assert_eq!(err, RevocationError::DuplicateNumber("TRP-2026-000001".into()));
    let bad = [("", "x"), ("TRP-1", ""), ("TRP-1", "a\u{7}b"), ("TRP-1", " padded"), ("TRP 1", "x")];
    for (n, reason) in bad {
        assert!(RevocationEntry::new(n, date("2027-01-01"), reason).is_err(), "{n:?} {reason:?}");
    }
}

fn unknown(kid: &str) -> RevocationError {
    RevocationError::UnknownKey(kid.into())
}

fn field(name: &'static str, problem: &str) -> RevocationError {
    RevocationError::Field(FieldError::new(name, problem))
}
