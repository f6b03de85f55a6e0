//! New-password rules case by case, and the Argon2id storage round trip: exact-byte
//! verification, malformed and hostile PHC strings, rehash detection and random secrets.

#![expect(clippy::unwrap_used, reason = "tests fail loudly")]

use argon2::{Algorithm, Argon2, Params, PasswordHasher, Version};
use umis_core::accounts::password::{
    PasswordPolicy, PasswordProblem, PolicyError, check_new_password, hash_password, needs_rehash,
    random_secret, verify_against_dummy, verify_password,
};

/// Context words of the user every case below belongs to.
const CONTEXT: &[&str] = &["anna.karimova", "anna.k@example.org"];

fn check(password: &str, with_mfa: bool, expected: Result<(), PasswordProblem>) {
    let got = check_new_password(&PasswordPolicy::default(), password, with_mfa, CONTEXT);
    assert_eq!(got, expected, "password {password:?}, second factor {with_mfa}");
}

#[test]
fn new_password_rules() {
    use PasswordProblem::*;
    let short = |min| Err(TooShort { min });
    let cases: &[(&str, bool, Result<(), PasswordProblem>)] = &[
        // Length boundaries, alone and with a second factor.
        ("tulip-harbor-9", false, short(15)),
        ("tulip-harbor-92", false, Ok(())),
        ("tulip-9", true, short(8)),
        ("tulip-92", true, Ok(())),
        ("tulip-harbor-9", true, Ok(())),
        ("", true, short(8)),
        ("", false, short(15)),
        // No composition rules: lower-case letters alone are fine when long enough.
        ("quietlylemonbird", false, Ok(())),
        // Blocklisted, in any case.
        ("password", true, Err(Common)),
        ("PassWord", true, Err(Common)),
        ("ILOVEYOU", true, Err(Common)),
        ("QwErTyUiOp", true, Err(Common)),
        ("1234567890", true, Err(Common)),
        ("qazwsxedcrfvtgb", false, Err(Common)),
        ("Q1W2E3R4T5Y6U7I8O9P0", false, Err(Common)),
        // Context words, alone or with digits before or after.
        ("anna.karimova", true, Err(ContextWord)),
        ("Anna.Karimova2024", false, Err(ContextWord)),
        ("1990anna.karimova12", false, Err(ContextWord)),
        ("anna.k@example.org", false, Err(ContextWord)),
        ("ANNA.K19900101", true, Err(ContextWord)),
        ("umis12345678", true, Err(ContextWord)),
        ("2024Migration", true, Err(ContextWord)),
        ("migration2024!", true, Ok(())),
        ("anna.karimova-is-here", false, Ok(())),
        // One repeated character, or a run up or down (digits wrap 9 to 0).
        ("aaaaaaaaaaaaaaaa", false, Err(Trivial)),
        ("        ", true, Err(Trivial)),
        ("123456789012345", false, Err(Trivial)),
        ("abcdefghijklmnop", false, Err(Trivial)),
        ("ZYXWVUTSRQPONMLK", false, Err(Trivial)),
        ("uvwxyzabcdefghij", false, Err(Trivial)),
        ("98765432109876", true, Err(Trivial)),
        ("abcdefgh12345678", false, Ok(())),
        // Characters, not bytes: 15 emoji are 60 bytes; Cyrillic letters are 2 bytes each.
        ("🐱🐶🦊🐻🐼🐨🐯🦁🐮🐷🐸🐵🐔🐧🐦", false, Ok(())),
        ("🐱🐶🦊🐻🐼🐨🐯🦁🐮🐷🐸🐵🐔🐧", false, short(15)),
        ("🙂🙂🙂🙂🙂🙂🙂🙂", true, Err(Trivial)),
        ("медведьмороз", true, Ok(())),
        ("медведьмороз", false, short(15)),
        ("медведьморозлес", false, Ok(())),
        ("Пароль1", true, short(8)),
        // Leading and trailing spaces count and are kept.
        ("  tulip harbor ", false, Ok(())),
        (" tulip harbor ", false, short(15)),
    ];
    for (password, with_mfa, expected) in cases {
        check(password, *with_mfa, *expected);
    }
}

#[test]
fn maximum_length_in_characters() {
    let unit = "xq7-";
    check(&unit.repeat(64), false, Ok(()));
    check(&format!("{}x", unit.repeat(64)), false, Err(PasswordProblem::TooLong { max: 256 }));
    // 256 three-byte characters are 768 bytes and still allowed.
    check(&"ж€ы".repeat(85).chars().chain("ж".chars()).collect::<String>(), true, Ok(()));
    let megabyte = "ab1-".repeat(256 * 1024);
    check(&megabyte, true, Err(PasswordProblem::TooLong { max: 256 }));
}

#[test]
fn hostile_input_never_panics() {
    let policy = PasswordPolicy::default();
    let inputs = [
        "\0".repeat(20),
        "\u{202e}\u{200b}\u{feff}".repeat(10),
        "e\u{301}".repeat(10),
        "\u{10ffff}".repeat(300),
        "💥".repeat(1 << 16),
    ];
    for input in &inputs {
        let _ = check_new_password(&policy, input, false, &["", "@", "x@"]);
        let _ = check_new_password(&policy, input, true, &[input]);
    }
    // Empty context entries and a bare '@' must not turn every password into a context word.
    assert_eq!(check_new_password(&policy, "tulip-harbor-92", false, &["", "@", " "]), Ok(()));
}

#[test]
fn policy_constructor_refuses_weaker_than_standard() {
    let cases: &[((usize, usize, usize), bool)] = &[
        ((15, 8, 256), true),
        ((15, 8, 64), true),
        ((20, 12, 128), true),
        ((14, 8, 256), false),
        ((15, 7, 256), false),
        ((15, 8, 63), false),
        ((300, 8, 256), false),
    ];
    for &((single, mfa, max), ok) in cases {
        let got = PasswordPolicy::new(single, mfa, max);
        assert_eq!(got.is_ok(), ok, "{single}/{mfa}/{max}");
        if !ok {
            assert_eq!(got, Err(PolicyError::BelowStandard));
        }
    }
    let default = PasswordPolicy::default();
    assert_eq!(PasswordPolicy::new(15, 8, 256), Ok(default));
    assert_eq!(
        (default.min_len_single_factor(), default.min_len_with_mfa(), default.max_len()),
        (15, 8, 256)
    );
}

#[test]
fn messages_never_echo_the_password() {
    let long = "tulip-harbor-".repeat(20);
    let cases = ["tulip-9", long.as_str(), "qazwsxedcrfvtgb", "anna.karimova2024", "zzzzzzzzzzzzzzzz"];
    for password in cases {
        let problem = check_new_password(&PasswordPolicy::default(), password, false, CONTEXT).unwrap_err();
        let message = problem.to_string();
        assert!(!message.contains(password) && !message.contains("tulip"), "{message}");
    }
}

#[test]
fn problem_codes_are_stable_and_distinct() {
    let cases = [
        (PasswordProblem::TooShort { min: 15 }, "password_too_short"),
        (PasswordProblem::TooLong { max: 256 }, "password_too_long"),
        (PasswordProblem::Common, "password_common"),
        (PasswordProblem::ContextWord, "password_context_word"),
        (PasswordProblem::Trivial, "password_trivial"),
    ];
    for (problem, code) in cases {
        assert_eq!(problem.code(), code);
    }
    assert!(PasswordProblem::TooShort { min: 15 }.to_string().contains("15"));
}

#[test]
fn hash_and_verify_exact_bytes() {
    let password = "  Tulip harbor 🐱 ";
    let phc = hash_password(password).unwrap();
    assert!(phc.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{phc}");
    assert!(!phc.contains(password.trim()));
    assert!(verify_password(password, &phc));
    // Trimmed, case-changed and wrong passwords all fail.
    for other in [password.trim(), "  tulip harbor 🐱 ", "  Tulip harbor 🐱", "something else entirely"] {
        assert!(!verify_password(other, &phc), "{other:?} verified");
    }
    assert!(!needs_rehash(&phc));
    // A fresh salt each time: the same password never yields the same string.
    assert_ne!(hash_password(password).unwrap(), phc);
}

#[test]
fn malformed_and_hostile_phc_strings_fail_fast() {
    let garbage = "x".repeat(1 << 20);
    let cases = [
        "",
        "$argon2id$",
        "$argon2id$v=19$m=19456,t=2,p=1$",
        "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$",
        "random text",
        "$pbkdf2-sha256$i=1000$c2FsdA$aGFzaGhhc2hoYXNoaGFzaA",
        "$argon2id$v=19$m=19456,t=2,p=1,x=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g",
        // Parameters that would take gigabytes or minutes are refused before any work.
        "$argon2id$v=19$m=4294967295,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g",
        "$argon2id$v=19$m=19456,t=4294967295,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g",
        "$argon2id$v=19$m=19456,t=2,p=255$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g",
        &garbage,
    ];
    for phc in cases {
        assert!(!verify_password("tulip-harbor-92", phc), "{:?} verified", &phc[..phc.len().min(60)]);
        assert!(needs_rehash(phc), "{:?} kept", &phc[..phc.len().min(60)]);
    }
    // Genuine hashes of the password whose costs exceed the ceilings are refused too: a
    // tampered row must not buy an attacker minutes of server time per sign-in.
    for (m, t, p) in [(8, 17, 1), (17 * 8, 1, 17)] {
        let phc = weak_hash("tulip-harbor-92", Algorithm::Argon2id, (m, t, p));
        assert!(!verify_password("tulip-harbor-92", &phc), "{phc}");
        assert!(needs_rehash(&phc), "{phc}");
    }
}

/// A PHC string made with weaker parameters than the current ones.
fn weak_hash(password: &str, algorithm: Algorithm, (m, t, p): (u32, u32, u32)) -> String {
    let argon2 = Argon2::new(algorithm, Version::V0x13, Params::new(m, t, p, None).unwrap());
    argon2.hash_password_with_salt(password.as_bytes(), b"fixed salt 16 by").unwrap().to_string()
}

#[test]
fn weaker_hashes_still_verify_but_need_rehash() {
    let cases = [
        (Algorithm::Argon2id, 4096, 2),
        (Algorithm::Argon2id, 19_456, 1),
        (Algorithm::Argon2i, 19_456, 2),
        (Algorithm::Argon2id, 8, 1),
    ];
    for (algorithm, m, t) in cases {
        let phc = weak_hash("tulip-harbor-92", algorithm, (m, t, 1));
        assert!(verify_password("tulip-harbor-92", &phc), "{phc}");
        assert!(!verify_password("tulip-harbor-93", &phc), "{phc}");
        assert!(needs_rehash(&phc), "{phc}");
    }
    // Stronger than current (more memory, within the ceiling) is kept.
    let stronger =
        "$argon2id$v=19$m=65536,t=3,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g";
    assert!(!needs_rehash(stronger));
    let old_version =
        "$argon2id$v=16$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g";
    assert!(needs_rehash(old_version));
}

#[test]
fn dummy_verification_runs_for_any_input() {
    for password in ["", "tulip-harbor-92", &"💥".repeat(1000)] {
        verify_against_dummy(password);
    }
}

#[test]
fn random_secrets_are_base64url_and_never_short() {
    let cases = [(32, 43), (16, 22), (0, 22), (1, 22), (1024, 1366), (usize::MAX, 1366)];
    for (bytes, chars) in cases {
        let secret = random_secret(bytes);
        assert_eq!(secret.len(), chars, "{bytes} bytes");
        assert!(secret.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'), "{secret}");
    }
    assert_ne!(random_secret(32), random_secret(32));
}
