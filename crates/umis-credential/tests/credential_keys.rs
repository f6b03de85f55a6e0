//! Key files, rotation and the published key set.

#![expect(clippy::unwrap_used, reason = "tests fail loudly")]

use crate::credential_support;

use credential_support::*;
use std::fs;
use std::os::unix::fs::PermissionsExt as _;
use std::path::Path;
use umis_credential::{Jwks, JwksError, KeyError, KeyRing, Status, verify};

fn files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> =
        fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    names.sort();
    names
}

#[test]
fn first_load_creates_one_private_key_file() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("keys/credential");
    let ring = KeyRing::load_or_create_on(&dir, date("2026-11-27")).unwrap();
    let kid = ring.active_kid().to_owned();
    assert!(kid.starts_with("k2026-11-27a-") && kid.len() == 17, "{kid}");
    assert_eq!(files(&dir), [format!("{kid}.ed25519")]);
    let path = dir.join(format!("{kid}.ed25519"));
    assert_eq!(fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
    assert_eq!(fs::metadata(&dir).unwrap().permissions().mode() & 0o777, 0o700);
    let content = fs::read_to_string(&path).unwrap();
    assert!(content.len() == 65 && content.ends_with('\n'), "{} bytes", content.len());
    assert!(content.trim_end().bytes().all(|b| b.is_ascii_hexdigit()));
    assert!(!format!("{ring:?}").contains(content.trim_end()), "Debug must not show the seed");

    let again = KeyRing::load_or_create(&dir).unwrap();
    assert_eq!(again.active_kid(), kid);
    assert_eq!(again.public_jwks(), ring.public_jwks());
    assert_eq!(KeyRing::load(&dir).unwrap().public_jwks(), ring.public_jwks());
}

#[test]
fn rotation_keeps_old_documents_valid() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let mut ring = KeyRing::load_or_create_on(dir, date("2026-11-27")).unwrap();
    let old_kid = ring.active_kid().to_owned();
    let old_token = ring.sign(&claims(sample()));

    let second = ring.rotate_on(dir, date("2026-11-27")).unwrap().to_owned();
    let third = ring.rotate_on(dir, date("2026-12-03")).unwrap().to_owned();
    assert!(second.starts_with("k2026-11-27b-") && third.starts_with("k2026-12-03a-"), "{second} {third}");
    assert_eq!(ring.kids().collect::<Vec<_>>(), [old_kid.as_str(), &second, &third]);
    assert_eq!(ring.active_kid(), third);

    let jwks = Jwks::parse(&ring.public_jwks().to_json()).unwrap();
    assert_eq!(jwks.kids().collect::<Vec<_>>(), [old_kid.as_str(), &second, &third]);
    let old = verify(&old_token, &jwks, None, date("2027-01-01")).unwrap();
    assert_eq!((old.claims.kid(), old.status), (old_kid.as_str(), Status::Valid));
    let new = verify(&ring.sign(&claims(sample())), &jwks, None, date("2027-01-01")).unwrap();
    assert_eq!(new.claims.kid(), third);

    // Reloading finds the same active key, whatever order the directory lists files in.
    assert_eq!(KeyRing::load(dir).unwrap().active_kid(), third);
    assert_eq!(files(dir).len(), 3);
}

#[test]
fn rotation_refuses_to_go_back_in_time() {
    let tmp = tempfile::tempdir().unwrap();
    let mut ring = KeyRing::load_or_create_on(tmp.path(), date("2026-11-27")).unwrap();
    let err = ring.rotate_on(tmp.path(), date("2026-11-26")).unwrap_err();
    assert!(matches!(err, KeyError::CannotOrder(..)), "{err}");
    assert!(err.to_string().contains("clock"), "{err}");
    assert_eq!(files(tmp.path()).len(), 1);
}

#[test]
fn bad_key_directories_are_refused() {
    let seed_hex = "ab".repeat(32);
    type Setup = fn(&Path, &str);
    type Expected = fn(&KeyError) -> bool;
    let cases: [(&str, Setup, Expected); 5] = [
        ("world-readable", |d, s| write(d, "k1.ed25519", s, 0o644), |e| matches!(e, KeyError::Exposed(_))),
        (
            "short seed",
            |d, _| write(d, "k1.ed25519", "abcd", 0o600),
            |e| matches!(e, KeyError::BadKeyFile(_)),
        ),
        (
            "not hex",
            |d, _| write(d, "k1.ed25519", &"zz".repeat(32), 0o600),
            |e| matches!(e, KeyError::BadKeyFile(_)),
        ),
        ("bad name", |d, s| write(d, "Key One.ed25519", s, 0o600), |e| matches!(e, KeyError::BadKeyName(_))),
        ("empty", |d, _| write(d, "notes.txt", "x", 0o600), |e| matches!(e, KeyError::Empty(_))),
    ];
    for (name, setup, expected) in cases {
        let tmp = tempfile::tempdir().unwrap();
        setup(tmp.path(), &seed_hex);
        let err = KeyRing::load(tmp.path()).unwrap_err();
        assert!(expected(&err), "{name}: {err}");
        assert!(!err.to_string().contains(&seed_hex), "{name}: message shows the seed");
    }
    let err = KeyRing::from_seed("K1", [0; 32]).unwrap_err();
    assert!(matches!(err, KeyError::BadKid(_)), "{err}");
}

fn write(dir: &Path, name: &str, content: &str, mode: u32) {
    let path = dir.join(name);
    fs::write(&path, content).unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(mode)).unwrap();
}

#[test]
fn leftovers_of_interrupted_writes_are_ignored() {
    let tmp = tempfile::tempdir().unwrap();
    write(tmp.path(), "k2026-01-01a-aaaa.ed25519", &"01".repeat(32), 0o600);
    write(tmp.path(), ".k2026-01-02a-bbbb.ed25519.tmp", "0", 0o600);
    write(tmp.path(), "README", "keys", 0o644);
    let ring = KeyRing::load(tmp.path()).unwrap();
    assert_eq!(ring.kids().collect::<Vec<_>>(), ["k2026-01-01a-aaaa"]);
}

const X: &str = "A6EHv_POEL4dcN0Y50vAmWfk1jCbpQ1fHdyGZBJVMbg";

fn jwk(members: &str) -> String {
    format!(r#"{{"keys":[{{{members}}}]}}"#)
}

#[test]
fn jwks_reads_ed25519_keys_and_tolerates_extras() {
    let pinned = ring().public_jwks();
    assert_eq!(Jwks::parse(&pinned.to_json()).unwrap(), pinned);
    let tolerated = [
        format!(
            r#"{{"issuer":"umis","keys":[{{"kty":"OKP","crv":"Ed25519","x":"{X}","kid":"{KID}","x5c":[]}}]}}"#
        ),
        jwk(&format!(
            r#""kid":"{KID}","alg":"Ed25519","crv":"Ed25519","x":"{X}","kty":"OKP","key_ops":["verify"]"#
        )),
        format!(
            "\n{{ \"keys\" : [ {{ \"kty\":\"OKP\", \"crv\":\"Ed25519\", \"x\":\"{X}\", \"kid\":\"{KID}\" }} ] }}\n"
        ),
    ];
    for json in tolerated {
        assert_eq!(Jwks::parse(&json), Ok(pinned.clone()), "{json}");
    }
}

#[test]
fn jwks_refuses_other_keys_with_a_clear_error() {
    let okp = |extra: &str| jwk(&format!(r#""kty":"OKP","crv":"Ed25519","x":"{X}","kid":"{KID}"{extra}"#));
    // The identity point: a valid encoding, but of a small-order key every signature fits.
    let weak = "AQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
    let one = format!(r#"{{"kty":"OKP","crv":"Ed25519","x":"{X}","kid":"{KID}"}}"#);
    let cases: Vec<(String, JwksError)> = vec![
        (jwk(r#""kty":"RSA","n":"0vx7","e":"AQAB","kid":"r1""#), kty("RSA")),
        (jwk(r#""kty":"EC","crv":"P-256","x":"f83O","y":"x_FE","kid":"e1""#), kty("EC")),
        (jwk(&format!(r#""kty":"OKP","crv":"X25519","x":"{X}","kid":"{KID}""#)), crv("X25519")),
        (jwk(&format!(r#""kty":"OKP","crv":"Ed448","x":"{X}","kid":"{KID}""#)), crv("Ed448")),
        (okp(r#","d":"nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A""#), JwksError::PrivateKey(0)),
        (okp(r#","use":"enc""#), JwksError::WrongUse(0)),
        (okp(r#","alg":"RS256""#), JwksError::WrongUse(0)),
        (
            jwk(&format!(r#""kty":"OKP","crv":"Ed25519","x":"{X}=","kid":"{KID}""#)),
            JwksError::BadPublicKey(0),
        ),
        (
            jwk(&format!(r#""kty":"OKP","crv":"Ed25519","x":"{}","kid":"{KID}""#, &X[..40])),
            JwksError::BadPublicKey(0),
        ),
        (
            jwk(&format!(r#""kty":"OKP","crv":"Ed25519","x":"{weak}","kid":"{KID}""#)),
            JwksError::BadPublicKey(0),
        ),
        (jwk(&format!(r#""kty":"OKP","crv":"Ed25519","x":"{X}""#)), missing("kid")),
        (jwk(&format!(r#""kty":"OKP","crv":"Ed25519","x":"{X}","kid":"Key 1""#)), JwksError::BadKid(0)),
        (jwk(&format!(r#""kty":"OKP","crv":"Ed25519","x":"{X}","kid":7"#)), missing("kid")),
        (jwk(r#""crv":"Ed25519""#), missing("kty")),
        (format!(r#"{{"keys":[{one},{one}]}}"#), JwksError::DuplicateKid(KID.into())),
        (r#"{"keys":[]}"#.into(), JwksError::NoKeys),
        (r#"{"keys":{}}"#.into(), JwksError::NoKeys),
        (r#"[]"#.into(), JwksError::NoKeys),
        (r#"{"keys":["k1"]}"#.into(), JwksError::NotAnObject(0)),
        ("{\"keys\":".into(), JwksError::NotJson),
        ("[".repeat(100_000), JwksError::NotJson),
        (" ".repeat(2 << 20), JwksError::TooLarge(2 << 20)),
    ];
    for (json, expected) in cases {
        assert_eq!(Jwks::parse(&json), Err(expected), "{}", json.get(..80).unwrap_or(&json));
    }
    let message = Jwks::parse(&jwk(r#""kty":"RSA","kid":"r1""#)).unwrap_err().to_string();
    assert_eq!(message, "key 0 has key type \"RSA\"; only OKP (Ed25519) keys are supported");
}

fn kty(kty: &str) -> JwksError {
    JwksError::UnsupportedKeyType { index: 0, kty: kty.into() }
}

fn crv(crv: &str) -> JwksError {
    JwksError::UnsupportedCurve { index: 0, crv: crv.into() }
}

fn missing(member: &'static str) -> JwksError {
    JwksError::Missing { index: 0, member }
}
