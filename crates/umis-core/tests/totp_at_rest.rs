//! Invariant I9 for TOTP secrets, on both databases: the stored column holds only a sealed
//! secret, sign-in with the second factor works through it, a sealed secret moved to another
//! account or opened with another key fails clearly, and a secret an older version stored in
//! clear is sealed at the next successful second factor, or when a server starts.

#![expect(clippy::unwrap_used, reason = "tests fail loudly")]

use umis_core::accounts::AccountError;
use umis_core::accounts::session::{second_factor, sign_in};
use umis_core::accounts::throttle::SignInThrottle;
use umis_core::accounts::totp::{TotpSecret, code_at};
use umis_core::accounts::totp_key::{KEY_FILE, TotpKey, UnsealError, is_sealed, seal_clear_secrets};
use umis_core::accounts::users::{CreatedAccount, NewAccount, create_account, ensure_office};
use umis_core::actor::Actor;
use umis_core::clock::Clock;
use umis_store::Store;
use umis_store::accounts::OfficeRow;
use umis_store::sql::Val;
use umis_store::testing::{TestDb, exec, rows};

const PASSWORD: &str = "correct horse battery staple 42";

fn staff(store: &Store, key: &TotpKey, username: &str) -> CreatedAccount {
    let office = OfficeRow { code: "BAK1".into(), kind: "regional".into(), name: "Baku".into() };
    ensure_office(store, &Actor::system(), &office).unwrap();
    let req = NewAccount {
        username: username.into(),
        password: PASSWORD.into(),
        display_name: format!("Test {username}"),
        role: "officer".into(),
        office: Some("BAK1".into()),
        email: None,
        lang: Some("en".into()),
    };
    create_account(store, &Clock::System, key, Some(&Actor::system()), &req).unwrap()
}

fn stored_secret(store: &Store, user_id: &str) -> String {
    let found = rows(store, "SELECT totp_secret FROM users WHERE id = $1", &[Val::Text(user_id)]).unwrap();
    found[0].text(0).unwrap()
}

/// Signs `username` in with the password, then with the current code of `secret`.
fn sign_in_with(store: &Store, key: &TotpKey, username: &str, secret: &str) -> Result<(), AccountError> {
    let throttle = SignInThrottle::new();
    let half = sign_in(store, &Clock::System, &throttle, username, PASSWORD).unwrap();
    assert!(half.second_factor_required);
    let secret = TotpSecret::from_base32(secret).unwrap();
    let now = Clock::System.now_ns() / 1_000_000_000;
    let code = format!("{:06}", code_at(&secret, u64::try_from(now).unwrap()));
    second_factor(store, &Clock::System, &throttle, key, &half.secret, &code).map(|_| ())
}

#[test]
fn the_stored_column_holds_only_a_sealed_secret_and_sign_in_works() {
    for db in TestDb::both().unwrap() {
        let key = TotpKey::from_bytes([1; 32]);
        let created = staff(&db.store, &key, "officer");
        let secret = created.totp_secret.clone().unwrap();
        let stored = stored_secret(&db.store, &created.id);
        assert!(is_sealed(&stored), "{stored}");
        assert!(!stored.to_uppercase().contains(&secret), "the base32 secret is stored in clear");
        assert!(TotpSecret::from_base32(&stored).is_err());
        assert_eq!(key.open(&created.id, &stored).unwrap().secret.to_base32(), secret);
        sign_in_with(&db.store, &key, "officer", &secret).unwrap();
        assert_eq!(stored_secret(&db.store, &created.id), stored, "a sealed secret is left as it is");
    }
}

#[test]
fn a_secret_copied_to_another_account_does_not_verify() {
    for db in TestDb::both().unwrap() {
        let key = TotpKey::from_bytes([2; 32]);
        let victim = staff(&db.store, &key, "victim");
        let other = staff(&db.store, &key, "other");
        let sealed = stored_secret(&db.store, &victim.id);
        let sql = "UPDATE users SET totp_secret = $1 WHERE id = $2";
        assert_eq!(exec(&db.store, sql, &[Val::Text(&sealed), Val::Text(&other.id)]).unwrap(), 1);
        assert_eq!(key.open(&other.id, &sealed).unwrap_err(), UnsealError::WrongKey);
        let refused = sign_in_with(&db.store, &key, "other", &victim.totp_secret.unwrap()).unwrap_err();
        assert!(matches!(refused, AccountError::Internal(_)), "{refused:?}");
    }
}

#[test]
fn a_wrong_key_fails_clearly() {
    for db in TestDb::both().unwrap() {
        let created = staff(&db.store, &TotpKey::from_bytes([3; 32]), "officer");
        let wrong = TotpKey::from_bytes([4; 32]);
        let refused = sign_in_with(&db.store, &wrong, "officer", &created.totp_secret.unwrap()).unwrap_err();
        assert!(matches!(&refused, AccountError::Internal(m) if m.contains(KEY_FILE)), "{refused:?}");
        let stored = stored_secret(&db.store, &created.id);
        assert_eq!(wrong.open(&created.id, &stored).unwrap_err(), UnsealError::WrongKey);
        assert_eq!(wrong.open(&created.id, "v1:AAAA").unwrap_err(), UnsealError::Malformed);
        assert_eq!(wrong.open(&created.id, "v1:AAAA:AAAA").unwrap_err(), UnsealError::Malformed);
    }
}

#[test]
fn a_secret_stored_in_clear_is_sealed_at_the_next_sign_in() {
    for db in TestDb::both().unwrap() {
        let key = TotpKey::from_bytes([5; 32]);
        let created = staff(&db.store, &key, "officer");
        let secret = created.totp_secret.unwrap();
        let sql = "UPDATE users SET totp_secret = $1 WHERE id = $2";
        exec(&db.store, sql, &[Val::Text(&secret), Val::Text(&created.id)]).unwrap();
        assert!(key.open(&created.id, &secret).unwrap().stored_in_clear);
        sign_in_with(&db.store, &key, "officer", &secret).unwrap();
        let stored = stored_secret(&db.store, &created.id);
        assert!(is_sealed(&stored) && !stored.contains(&secret), "{stored}");
        let opened = key.open(&created.id, &stored).unwrap();
        assert!(!opened.stored_in_clear);
        assert_eq!(opened.secret.to_base32(), secret);
    }
}

#[test]
fn every_secret_stored_in_clear_is_sealed_when_a_server_starts() {
    for db in TestDb::both().unwrap() {
        let key = TotpKey::from_bytes([6; 32]);
        let (a, b) = (staff(&db.store, &key, "officer-a"), staff(&db.store, &key, "officer-b"));
        let secret_a = a.totp_secret.unwrap();
        let sql = "UPDATE users SET totp_secret = $1 WHERE id = $2";
        exec(&db.store, sql, &[Val::Text(&secret_a), Val::Text(&a.id)]).unwrap();
        let sealed_b = stored_secret(&db.store, &b.id);
        assert_eq!(seal_clear_secrets(&db.store, &key).unwrap(), 1, "only the clear one is sealed");
        let stored_a = stored_secret(&db.store, &a.id);
        assert!(is_sealed(&stored_a) && !stored_a.contains(&secret_a), "{stored_a}");
        assert_eq!(key.open(&a.id, &stored_a).unwrap().secret.to_base32(), secret_a);
        assert_eq!(stored_secret(&db.store, &b.id), sealed_b, "a sealed secret is left as it is");
        assert_eq!(seal_clear_secrets(&db.store, &key).unwrap(), 0, "nothing left in clear");
        sign_in_with(&db.store, &key, "officer-a", &secret_a).unwrap();
    }
}

#[test]
fn the_key_file_is_created_owner_only_beside_the_signing_keys_and_kept() {
    let dir = tempfile::tempdir().unwrap();
    let keys = dir.path().join("keys");
    let first = TotpKey::load_or_create(&keys).unwrap();
    let again = TotpKey::load_or_create(&keys).unwrap();
    let secret = TotpSecret::generate();
    let opened = again.open("u1", &first.seal("u1", &secret)).unwrap();
    assert_eq!(opened.secret.as_bytes(), secret.as_bytes());
    assert_ne!(first.seal("u1", &secret), first.seal("u1", &secret), "a fresh nonce each time");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = std::fs::metadata(keys.join(KEY_FILE)).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    let ring = umis_credential::KeyRing::load_or_create(&keys).unwrap();
    assert_eq!(ring.kids().count(), 1, "the TOTP key is not a signing key");
    assert_eq!(std::fs::read_dir(&keys).unwrap().count(), 2, "no temporary file is left");
    assert_eq!(format!("{first:?}"), "TotpKey(..)");
}
