//! Credentials end to end: the pinned test vector, sign → verify, and every way a token is
//! refused.

#![expect(clippy::unwrap_used, reason = "tests fail loudly")]

use crate::credential_support;

use credential_support::*;
use umis_credential::{
    ClaimsError, DocType, FormatError, KeyRing, Rejection, RevocationEntry, RevocationList, Status, verify,
};
use umis_domain::{DateError, Instant};

/// The canonical payload of [`sample`] signed with [`SEED`]: another implementation of the
/// format must produce these bytes and this token (checked once against Python `cryptography`).
const PINNED_PAYLOAD: &str = concat!(
    r#"{"t":"permit","n":"TRP-2026-000123","k":"temporary_residence","h":"Rəşad Əliyev","#,
    r#""d":"RUS:751234567","b":"1990-04-17","f":"2026-12-01","u":"2027-11-30","i":"2026-11-27","#,
    r#""kid":"k2026-11-27a-test"}"#
);
const PINNED_TOKEN: &str = concat!(
    "UMIS1.eyJ0IjoicGVybWl0IiwibiI6IlRSUC0yMDI2LTAwMDEyMyIsImsiOiJ0ZW1wb3JhcnlfcmVzaWRlbmNlIiwiaCI6",
    "IlLJmcWfYWQgxo9saXlldiIsImQiOiJSVVM6NzUxMjM0NTY3IiwiYiI6IjE5OTAtMDQtMTciLCJmIjoiMjAyNi0xMi0wMSIs",
    "InUiOiIyMDI3LTExLTMwIiwiaSI6IjIwMjYtMTEtMjciLCJraWQiOiJrMjAyNi0xMS0yN2EtdGVzdCJ9.esMOp0dAowIY3kcW",
    "FBlqYkuKBXYwwxCY1TTQG1A62t3W_5AOSbL0PL7Yt7Vq-tbpyP4i6LgBij_lHx5mGCdsBQ"
);
const PINNED_JWKS: &str = concat!(
    r#"{"keys":[{"kty":"OKP","crv":"Ed25519","x":"A6EHv_POEL4dcN0Y50vAmWfk1jCbpQ1fHdyGZBJVMbg","#,
    r#""kid":"k2026-11-27a-test","use":"sig","alg":"EdDSA"}]}"#
);

fn today() -> umis_domain::Date {
    date("2027-01-15")
}

fn check(token: &str, expected: Result<Status, Rejection>) {
    let got = verify(token, &ring().public_jwks(), None, today()).map(|v| v.status);
    assert_eq!(got, expected, "token {:?}", token.get(..60));
}

fn malformed(e: ClaimsError) -> Result<Status, Rejection> {
    Err(Rejection::Malformed(FormatError::Claims(e)))
}

#[test]
fn pinned_vector_is_byte_exact() {
    let token = ring().sign(&claims(sample()));
    assert_eq!(token, PINNED_TOKEN);
    assert_eq!(split(&token).0, PINNED_PAYLOAD.as_bytes());
    assert_eq!(forge(PINNED_PAYLOAD.as_bytes(), SEED), PINNED_TOKEN);
    assert_eq!(ring().public_jwks().to_json(), PINNED_JWKS);
    let verified = verify(PINNED_TOKEN, &ring().public_jwks(), None, today()).unwrap();
    assert_eq!(verified.claims.fields(), &sample());
    assert_eq!(verified.claims.kid(), KID);
    assert_eq!(verified.claims.payload(), PINNED_PAYLOAD);
}

#[test]
fn round_trips_every_shape() {
    let mut work = sample();
    work.doc_type = DocType::Permit;
    work.kind = "work".into();
    work.employer = Some("1234567891".into());
    let mut decision = sample();
    decision.doc_type = DocType::Decision;
    decision.number = "BAK01-2026-0001234-18".into();
    decision.kind = "citizenship_acquisition".into();
    decision.holder = "Ivan \"Vanya\" Petrov \\ Иван Петров".into();
    (decision.valid_from, decision.valid_until) = (None, None);
    for new in [sample(), work, decision] {
        let token = ring().sign(&claims(new.clone()));
        let verified = verify(&token, &ring().public_jwks(), None, today()).unwrap();
        assert_eq!(verified.claims.fields(), &new);
        assert!(token.len() < 450, "{} characters", token.len());
    }
}

#[test]
fn status_follows_the_validity_window() {
    let token = ring().sign(&claims(sample()));
    let cases = [
        ("2026-11-30", Status::NotYetValid),
        ("2026-12-01", Status::Valid),
        ("2027-11-30", Status::Valid),
        ("2027-12-01", Status::Expired),
    ];
    for (day, expected) in cases {
        let got = verify(&token, &ring().public_jwks(), None, date(day)).unwrap().status;
        assert_eq!(got, expected, "{day}");
    }
    let mut open = sample();
    (open.valid_from, open.valid_until) = (None, None);
    let token = ring().sign(&claims(open));
    assert_eq!(
        verify(&token, &ring().public_jwks(), None, date("9999-12-31")).unwrap().status,
        Status::Valid
    );
}

#[test]
fn every_flipped_bit_is_refused() {
    let (payload, signature) = split(PINNED_TOKEN);
    for i in 0..payload.len() * 8 {
        let mut p = payload.clone();
        p[i / 8] ^= 1 << (i % 8);
        let got = verify(&join(&p, &signature), &ring().public_jwks(), None, today());
        let ok =
            matches!(got, Err(Rejection::Malformed(_) | Rejection::BadSignature | Rejection::UnknownKey(_)));
        assert!(ok, "payload bit {i}: {got:?}");
    }
    for i in 0..signature.len() * 8 {
        let mut s = signature.clone();
        s[i / 8] ^= 1 << (i % 8);
        check(&join(&payload, &s), Err(Rejection::BadSignature));
    }
}

#[test]
fn swapped_payloads_and_foreign_keys_are_refused() {
    let mut other = sample();
    other.holder = "Aynur Məmmədova".into();
    let other_token = ring().sign(&claims(other));
    let (p1, s1) = split(PINNED_TOKEN);
    let (p2, s2) = split(&other_token);
    check(&join(&p1, &s2), Err(Rejection::BadSignature));
    check(&join(&p2, &s1), Err(Rejection::BadSignature));

    // A key that is not published, and an impostor that claims the published key's id.
    let stranger = KeyRing::from_seed("k2026-11-27b-evil", [9; 32]).unwrap();
    check(&stranger.sign(&claims(sample())), Err(Rejection::UnknownKey("k2026-11-27b-evil".into())));
    let impostor = KeyRing::from_seed(KID, [9; 32]).unwrap();
    check(&impostor.sign(&claims(sample())), Err(Rejection::BadSignature));

    // The key id edited in a genuine token, to an unknown key and to another published one.
    let edited = PINNED_PAYLOAD.replace(KID, "k2026-11-27z-abcd");
    check(&join(edited.as_bytes(), &s1), Err(Rejection::UnknownKey("k2026-11-27z-abcd".into())));
    let mut two = ring();
    two.rotate_on(tempfile::tempdir().unwrap().path(), date("2026-11-28")).unwrap();
    let moved = PINNED_PAYLOAD.replace(KID, two.active_kid());
    let got = verify(&join(moved.as_bytes(), &s1), &two.public_jwks(), None, today());
    assert_eq!(got, Err(Rejection::BadSignature));
}

#[test]
fn broken_tokens_are_malformed() {
    let t = PINNED_TOKEN;
    let dot = t.rfind('.').unwrap();
    let cases: Vec<(String, FormatError)> = vec![
        (String::new(), FormatError::Empty),
        ("x".repeat(10_240), FormatError::TooLong(10_240)),
        (t[..t.len() - 1].to_owned(), FormatError::Base64("signature")),
        (t[..t.len() - 2].to_owned(), FormatError::SignatureLength),
        (t[..dot].to_owned(), FormatError::Shape),
        (t[..dot + 1].to_owned(), FormatError::SignatureLength),
        (t[..40].to_owned(), FormatError::Shape),
        (format!("{t}."), FormatError::Shape),
        (format!(".{t}"), FormatError::Shape),
        (t.replacen('.', "..", 1), FormatError::Shape),
        (t.replacen("UMIS1", "UMIS2", 1), FormatError::Shape),
        (t.replacen("UMIS1", "umis1", 1), FormatError::Shape),
        (format!("{t}=="), FormatError::Base64("signature")),
        (t.replacen("eyJ0", "eyJ+", 1), FormatError::Base64("payload")),
        (t.replacen('_', "/", 1), FormatError::Base64("signature")),
        (format!(" {t}"), FormatError::Shape),
        (format!("{t}\n"), FormatError::Base64("signature")),
        ("UMIS1..".to_owned(), FormatError::SignatureLength),
    ];
    for (token, expected) in cases {
        check(&token, Err(Rejection::Malformed(expected)));
    }
}

/// Payloads signed with the right key but not canonical, or not valid: all must be Malformed.
#[test]
fn non_canonical_payloads_are_malformed_even_when_signed() {
    let p = PINNED_PAYLOAD;
    let reordered =
        p.replacen(r#""t":"permit","n":"TRP-2026-000123""#, r#""n":"TRP-2026-000123","t":"permit""#, 1);
    let bad_date = |key| ClaimsError::BadDate { key, source: DateError::Format };
    let cases: Vec<(String, ClaimsError)> = vec![
        (reordered, ClaimsError::NotCanonical),
        (p.replacen(',', ", ", 1), ClaimsError::NotCanonical),
        (format!(" {p}"), ClaimsError::NotCanonical),
        (format!("{p}\n"), ClaimsError::NotCanonical),
        (p.replacen("TRP", r"\u0054RP", 1), ClaimsError::NotCanonical),
        (p.replacen("RUS:751234567", "rus:751234567", 1), ClaimsError::Field(field("d", TD_RULE))),
        (p.replacen("RUS:751234567", "RUS:751234567x", 1), ClaimsError::Field(field("d", TD_RULE))),
        (p.replacen(r#""t":"permit","#, r#""t":"permit","t":"permit","#, 1), ClaimsError::DuplicateKey("t")),
        (p.replacen(r#""i":"#, r#""x":"1","i":"#, 1), ClaimsError::UnknownKey("x".into())),
        (p.replacen(r#""b":"1990-04-17","#, "", 1), ClaimsError::MissingKey("b")),
        (p.replacen("1990-04-17", "1990-4-17", 1), bad_date("b")),
        (p.replacen("2026-12-01", "2026-12-01T00:00:00Z", 1), bad_date("f")),
        (
            p.replacen("2027-11-30", "2027-02-30", 1),
            ClaimsError::BadDate { key: "u", source: DateError::NoSuchDay },
        ),
        (p.replacen("2026-12-01", "2028-01-01", 1), ClaimsError::ValidityReversed),
        (
            p.replacen("Rəşad", r"R\u0000şad", 1),
            ClaimsError::Field(field("h", "contains control character U+0000")),
        ),
        (
            p.replacen("Rəşad", "R\u{202E}şad", 1),
            ClaimsError::Field(field("h", "contains a text-direction control character")),
        ),
        (p.replacen("Rəşad", " Rəşad", 1), ClaimsError::Field(field("h", "has leading or trailing spaces"))),
        (p.replacen(r#""permit""#, r#""visa""#, 1), ClaimsError::BadDocType),
        (p.replacen(r#""TRP-2026-000123""#, "123", 1), ClaimsError::NotJson),
        (
            p.replacen(KID, "K1", 1),
            ClaimsError::Field(field("kid", "must be 1-32 characters of a-z, 0-9 or -")),
        ),
        (p.replacen("Rəşad", &"R".repeat(1001 + "Rəşad".len() - p.len()), 1), ClaimsError::TooLong(1001)),
        ("[]".to_owned(), ClaimsError::NotJson),
        ("{}".to_owned(), ClaimsError::MissingKey("t")),
        (String::new(), ClaimsError::NotJson),
        ("{\"t\":".repeat(200), ClaimsError::NotJson),
    ];
    for (payload, expected) in cases {
        check(&forge(payload.as_bytes(), SEED), malformed(expected));
    }
    check(&forge(&[0xff, 0xfe], SEED), malformed(ClaimsError::NotJson));
}

const TD_RULE: &str = "must be ISSUING_STATE:NUMBER, e.g. RUS:751234567";

fn field(name: &'static str, problem: &str) -> umis_domain::text::FieldError {
    umis_domain::text::FieldError::new(name, problem)
}

#[test]
fn revoked_documents_are_refused_with_date_and_reason() {
    let issued = Instant::parse("2027-01-10T09:30:00+04:00").unwrap();
    let entries = vec![
        RevocationEntry::new("TRP-2026-000001", date("2027-01-02"), "issued in error").unwrap(),
        RevocationEntry::new("TRP-2026-000123", date("2027-01-09"), "holder left the country").unwrap(),
    ];
    let list = RevocationList::sign(entries, issued, &ring()).unwrap();
    let got = verify(PINNED_TOKEN, &ring().public_jwks(), Some(&list), today());
    let expected = Rejection::Revoked { on: date("2027-01-09"), reason: "holder left the country".into() };
    assert_eq!(got, Err(expected.clone()));
    assert_eq!(expected.to_string(), "the document was revoked on 2027-01-09: holder left the country");
    let empty = RevocationList::sign(Vec::new(), issued, &ring()).unwrap();
    assert!(verify(PINNED_TOKEN, &ring().public_jwks(), Some(&empty), today()).is_ok());
}

#[test]
fn rejections_read_as_sentences() {
    let cases = [
        (Rejection::BadSignature, "the signature does not match"),
        (Rejection::UnknownKey("k1".into()), "not among the published keys"),
        (Rejection::Malformed(FormatError::TooLong(10_240)), "at most 1429"),
        (
            Rejection::Malformed(FormatError::Claims(ClaimsError::DuplicateKey("t"))),
            "key \"t\" appears twice",
        ),
    ];
    for (rejection, words) in cases {
        assert!(rejection.to_string().contains(words), "{rejection}");
    }
}
