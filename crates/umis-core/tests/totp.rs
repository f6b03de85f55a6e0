//! TOTP against the RFC 6238 test vectors, the skew window, single use, malformed codes, and
//! the base32 codec against RFC 4648 and random round trips.

#![expect(clippy::unwrap_used, reason = "tests fail loudly")]

use proptest::prelude::*;
use umis_core::accounts::totp::{
    SecretProblem, TotpProblem, TotpSecret, base32_decode, base32_encode, check, code_at,
};

/// The RFC 6238 Appendix B SHA-1 secret, the ASCII digits 1 to 0 twice.
fn rfc_secret() -> TotpSecret {
    TotpSecret::from_bytes(*b"12345678901234567890")
}

fn six(code: u32) -> String {
    format!("{code:06}")
}

#[test]
fn rfc6238_sha1_vectors() {
    // (time, 8-digit value from RFC 6238 Appendix B); a 6-digit code is its last six digits.
    let cases: [(u64, u32); 6] = [
        (59, 94_287_082),
        (1_111_111_109, 7_081_804),
        (1_111_111_111, 14_050_471),
        (1_234_567_890, 89_005_924),
        (2_000_000_000, 69_279_037),
        (20_000_000_000, 65_353_130),
    ];
    let secret = rfc_secret();
    for (time, eight) in cases {
        assert_eq!(code_at(&secret, time), eight % 1_000_000, "t = {time}");
        assert_eq!(check(&secret, &six(eight % 1_000_000), time, None), Ok(time / 30), "t = {time}");
    }
}

#[test]
fn skew_window_is_one_step_either_side() {
    let secret = rfc_secret();
    let now = 1_750_000_015;
    let step = now / 30;
    let cases: [(i64, Result<u64, TotpProblem>); 5] = [
        (-2, Err(TotpProblem::Wrong)),
        (-1, Ok(step - 1)),
        (0, Ok(step)),
        (1, Ok(step + 1)),
        (2, Err(TotpProblem::Wrong)),
    ];
    for (offset, expected) in cases {
        let at = now.checked_add_signed(offset * 30).unwrap();
        assert_eq!(check(&secret, &six(code_at(&secret, at)), now, None), expected, "offset {offset}");
    }
}

#[test]
fn each_step_is_usable_once() {
    let secret = rfc_secret();
    let now = 1_750_000_015;
    let step = now / 30;
    let current = six(code_at(&secret, now));
    let previous = six(code_at(&secret, now - 30));
    let next = six(code_at(&secret, now + 30));
    let cases = [
        // (code, last used step, expected)
        (&current, Some(step - 1), Ok(step)),
        (&current, Some(step), Err(TotpProblem::Reused)),
        (&current, Some(step + 1), Err(TotpProblem::Reused)),
        (&previous, Some(step), Err(TotpProblem::Reused)),
        (&next, Some(step), Ok(step + 1)),
        (&next, Some(step + 1), Err(TotpProblem::Reused)),
        (&previous, None, Ok(step - 1)),
    ];
    for (code, last, expected) in cases {
        assert_eq!(check(&secret, code, now, last), expected, "{code} after {last:?}");
    }
    // A full sign-in sequence: the returned step is stored, and the same code then fails.
    let used = check(&secret, &current, now, None).unwrap();
    assert_eq!(check(&secret, &current, now + 5, Some(used)), Err(TotpProblem::Reused));
}

#[test]
fn codes_with_spaces_are_accepted() {
    let secret = rfc_secret();
    for code in ["287 082", " 287082 ", "28 70 82", "287082\n"] {
        assert_eq!(check(&secret, code, 59, None), Ok(1), "{code:?}");
    }
}

#[test]
fn malformed_codes_are_refused_without_panic() {
    let secret = rfc_secret();
    let megabyte = "1".repeat(1 << 20);
    let cases = [
        "",
        " ",
        ", ",
        "12345",
        "1234567",
        "12a456",
        "２８７０８２",
        "287082\0",
        "+87082",
        "-87082",
        "287.08",
        "0x1234",
        "２87082",
        &megabyte,
    ];
    for code in cases {
        let shown = &code[..code.len().min(20)];
        assert_eq!(check(&secret, code, 59, None), Err(TotpProblem::Malformed), "{shown:?}");
    }
    assert_eq!(check(&secret, "000000", 59, None), Err(TotpProblem::Wrong));
}

#[test]
fn extreme_times_do_not_overflow() {
    let secret = rfc_secret();
    for time in [0, 29, 30, u64::MAX - 1, u64::MAX] {
        let code = six(code_at(&secret, time));
        assert_eq!(check(&secret, &code, time, None), Ok(time / 30), "t = {time}");
    }
    // At step 0 there is no step before it, and step u64::MAX / 30 + 1 still fits.
    assert_eq!(check(&secret, &six(code_at(&secret, 0)), 0, Some(0)), Err(TotpProblem::Reused));
}

#[test]
fn problem_codes_are_stable() {
    let cases = [
        (TotpProblem::Malformed, "totp_malformed"),
        (TotpProblem::Wrong, "totp_wrong"),
        (TotpProblem::Reused, "totp_reused"),
    ];
    for (problem, code) in cases {
        assert_eq!(problem.code(), code);
    }
}

#[test]
fn rfc4648_base32_vectors() {
    let cases = [
        ("", ""),
        ("f", "MY"),
        ("fo", "MZXQ"),
        ("foo", "MZXW6"),
        ("foob", "MZXW6YQ"),
        ("fooba", "MZXW6YTB"),
        ("foobar", "MZXW6YTBOI"),
    ];
    for (plain, encoded) in cases {
        assert_eq!(base32_encode(plain.as_bytes()), encoded);
        assert_eq!(base32_decode(encoded).unwrap(), plain.as_bytes(), "{encoded}");
        // Padded, lower-case and spaced forms read the same.
        let padded = format!("{encoded}{}", "=".repeat((8 - encoded.len() % 8) % 8));
        let spaced: String = encoded.to_lowercase().chars().flat_map(|c| [c, ' ']).collect();
        for variant in [padded, spaced] {
            assert_eq!(base32_decode(&variant).unwrap(), plain.as_bytes(), "{variant:?}");
        }
    }
}

#[test]
fn base32_refuses_malformed_text() {
    let cases = [
        ("M", SecretProblem::InvalidLength),
        ("MZX", SecretProblem::InvalidLength),
        ("MZXW6Y", SecretProblem::InvalidLength),
        ("MZXW6YTB0I", SecretProblem::InvalidCharacter),
        ("MZ=Q", SecretProblem::InvalidCharacter),
        ("MZXQ-", SecretProblem::InvalidCharacter),
        ("MZXQ-===", SecretProblem::InvalidCharacter),
        ("MZ1Q", SecretProblem::InvalidCharacter),
        ("MZXé", SecretProblem::InvalidCharacter),
        ("MZ", SecretProblem::NonCanonical),
        ("MZXR", SecretProblem::NonCanonical),
    ];
    for (text, expected) in cases {
        assert_eq!(base32_decode(text), Err(expected), "{text:?}");
    }
}

#[test]
fn secrets_must_be_twenty_bytes() {
    let secret = rfc_secret();
    let text = secret.to_base32();
    assert_eq!(text, "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
    assert_eq!(TotpSecret::from_base32(&text.to_lowercase()).unwrap().as_bytes(), secret.as_bytes());
    assert_eq!(
        TotpSecret::from_base32("gezd gnbv gy3t qojq gezd gnbv gy3t qojq").unwrap().as_bytes(),
        secret.as_bytes()
    );
    assert_eq!(TotpSecret::from_base32("MZXW6YTBOI").err(), Some(SecretProblem::WrongSize { bytes: 6 }));
    assert_eq!(TotpSecret::from_base32("").err(), Some(SecretProblem::WrongSize { bytes: 0 }));
    let huge = "A".repeat(1 << 20);
    assert_eq!(TotpSecret::from_base32(&huge).err(), Some(SecretProblem::WrongSize { bytes: 655_360 }));
    assert_eq!(format!("{secret:?}"), "TotpSecret(..)");
    assert_ne!(TotpSecret::generate().as_bytes(), TotpSecret::generate().as_bytes());
}

#[test]
fn otpauth_uri_encodes_issuer_and_account() {
    let secret = rfc_secret();
    let cases = [
        (
            "umis",
            "anna.k@example.org",
            "otpauth://totp/umis:anna.k%40example.org?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=umis&algorithm=SHA1&digits=6&period=30",
        ),
        (
            "State Migration Service",
            "a:b&secret=AAAA",
            "otpauth://totp/State%20Migration%20Service:a%3Ab%26secret%3DAAAA?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=State%20Migration%20Service&algorithm=SHA1&digits=6&period=30",
        ),
        (
            "Миграция",
            "ж",
            "otpauth://totp/%D0%9C%D0%B8%D0%B3%D1%80%D0%B0%D1%86%D0%B8%D1%8F:%D0%B6?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=%D0%9C%D0%B8%D0%B3%D1%80%D0%B0%D1%86%D0%B8%D1%8F&algorithm=SHA1&digits=6&period=30",
        ),
    ];
    for (issuer, account, expected) in cases {
        assert_eq!(secret.otpauth_uri(issuer, account), expected);
    }
}

proptest! {
    #[test]
    fn base32_round_trips(bytes in proptest::collection::vec(any::<u8>(), 0..100)) {
        let encoded = base32_encode(&bytes);
        prop_assert!(encoded.bytes().all(|b| b.is_ascii_uppercase() || (b'2'..=b'7').contains(&b)));
        prop_assert_eq!(base32_decode(&encoded).unwrap(), bytes.clone());
        prop_assert_eq!(base32_decode(&encoded.to_lowercase()).unwrap(), bytes);
    }

    #[test]
    fn secrets_round_trip(bytes in any::<[u8; 20]>()) {
        let secret = TotpSecret::from_bytes(bytes);
        let back = TotpSecret::from_base32(&secret.to_base32()).unwrap();
        prop_assert_eq!(back.as_bytes(), &bytes);
    }

    #[test]
    fn decoding_arbitrary_text_never_panics(text in "\\PC{0,80}") {
        let _ = base32_decode(&text);
        let _ = TotpSecret::from_base32(&text);
    }

    #[test]
    fn codes_are_six_digits_and_verify(bytes in any::<[u8; 20]>(), time in any::<u64>()) {
        let secret = TotpSecret::from_bytes(bytes);
        let code = code_at(&secret, time);
        prop_assert!(code < 1_000_000);
        prop_assert_eq!(check(&secret, &six(code), time, None), Ok(time / 30));
    }
}
