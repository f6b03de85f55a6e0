//! Time-based one-time passwords (RFC 6238), the second factor for umis accounts.
//!
//! HMAC-SHA-1, 30-second steps and 6 digits: the settings every authenticator app supports.
//! A code is accepted for the current step and one step either side (clock skew), and each
//! step is usable once: the caller stores the step [`check`] returns and passes it back, so a
//! code seen over someone's shoulder or replayed from a log is refused. Secrets travel as
//! unpadded RFC 4648 base32, the form authenticator apps read from `otpauth://` URIs.

use std::fmt;

use hmac::{Hmac, KeyInit, Mac};
use rand::RngCore;
use sha1::Sha1;
use subtle::ConstantTimeEq;

/// Seconds per step (RFC 6238 `X`).
const STEP_SECONDS: u64 = 30;
/// Digits per code and the matching modulus.
const DIGITS: usize = 6;
const MODULUS: u32 = 1_000_000;
/// Secret length in bytes: 160 bits, the HMAC-SHA-1 output size RFC 4226 recommends.
const SECRET_LEN: usize = 20;
/// SHA-1's block size: keys shorter than a block are zero-padded to it by HMAC itself.
const SHA1_BLOCK: usize = 64;
/// Longest code input considered, spaces included; anything longer is refused unread.
const MAX_CODE_INPUT: usize = 32;
const ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/// A TOTP shared secret: 20 bytes. `Debug` does not show it.
#[derive(Clone)]
pub struct TotpSecret([u8; SECRET_LEN]);

impl fmt::Debug for TotpSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("TotpSecret(..)")
    }
}

/// Why a base32 text is not a usable secret. Messages never repeat the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum SecretProblem {
    /// A character outside A–Z, 2–7 (either case), spaces and trailing `=`.
    #[error("the secret contains a character that is not base32")]
    InvalidCharacter,
    /// A length no byte string encodes to (1, 3 or 6 characters past a multiple of 8).
    #[error("the secret has a length no base32 text can have")]
    InvalidLength,
    /// The last character carries bits past the end of the data, so the text is not canonical.
    #[error("the secret's last character does not end the data cleanly")]
    NonCanonical,
    /// Valid base32, but not the 20 bytes a TOTP secret has.
    #[error("the secret is {bytes} bytes long; a TOTP secret has 20")]
    WrongSize {
        /// The decoded length.
        bytes: usize,
    },
}

impl TotpSecret {
    /// A fresh secret from the thread-local CSPRNG (seeded by the operating system).
    pub fn generate() -> Self {
        let mut bytes = [0u8; SECRET_LEN];
        rand::rng().fill_bytes(&mut bytes);
        Self(bytes)
    }

    /// A secret from its raw bytes, e.g. as stored.
    pub fn from_bytes(bytes: [u8; SECRET_LEN]) -> Self {
        Self(bytes)
    }

    /// The raw bytes, for storage.
    pub fn as_bytes(&self) -> &[u8; SECRET_LEN] {
        &self.0
    }

    /// The secret as unpadded upper-case base32 (32 characters).
    pub fn to_base32(&self) -> String {
        base32_encode(&self.0)
    }

    /// Reads a secret typed or pasted by a person: case-insensitive, whitespace and trailing
    /// `=` ignored; it must decode to exactly 20 bytes.
    pub fn from_base32(text: &str) -> Result<Self, SecretProblem> {
        let bytes = base32_decode(text)?;
        let array: [u8; SECRET_LEN] =
            bytes.as_slice().try_into().map_err(|_| SecretProblem::WrongSize { bytes: bytes.len() })?;
        Ok(Self(array))
    }

    /// The `otpauth://` URI an authenticator app reads (usually from a QR code), with issuer and
    /// account percent-encoded so that neither can inject a `:`, `&` or another parameter.
    pub fn otpauth_uri(&self, issuer: &str, account: &str) -> String {
        let issuer = percent_encode(issuer);
        format!(
            "otpauth://totp/{issuer}:{account}?secret={secret}&issuer={issuer}&algorithm=SHA1&digits={DIGITS}&period={STEP_SECONDS}",
            account = percent_encode(account),
            secret = self.to_base32(),
        )
    }
}

/// Every byte outside the RFC 3986 unreserved set as `%XX`.
fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// RFC 4648 base32, upper case, without `=` padding.
pub fn base32_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(5) * 8);
    let (mut buffer, mut bits) = (0u32, 0u32);
    for &byte in bytes {
        buffer = (buffer << 8) | u32::from(byte);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            out.push(symbol((buffer >> bits) & 31));
        }
        buffer &= (1 << bits) - 1;
    }
    if bits > 0 {
        out.push(symbol((buffer << (5 - bits)) & 31));
    }
    out
}

fn symbol(value: u32) -> char {
    // `value` is masked to 0..32, so the lookup always hits; 'A' is never reached.
    ALPHABET.get(value as usize).map_or('A', |&b| char::from(b))
}

fn symbol_value(byte: u8) -> Option<u32> {
    match byte.to_ascii_uppercase() {
        upper @ b'A'..=b'Z' => Some(u32::from(upper - b'A')),
        digit @ b'2'..=b'7' => Some(u32::from(digit - b'2') + 26),
        _ => None,
    }
}

/// Decodes RFC 4648 base32: case-insensitive, ASCII whitespace ignored anywhere, `=` accepted
/// only at the end. Refuses lengths no data encodes to and stray bits in the last character.
pub fn base32_decode(text: &str) -> Result<Vec<u8>, SecretProblem> {
    let symbols: Vec<u8> = text.bytes().filter(|b| !b.is_ascii_whitespace()).collect();
    let unpadded = symbols.iter().rposition(|&b| b != b'=').map_or(&symbols[..0], |last| &symbols[..=last]);
    if matches!(unpadded.len() % 8, 1 | 3 | 6) {
        return Err(SecretProblem::InvalidLength);
    }
    let mut out = Vec::with_capacity(unpadded.len() * 5 / 8);
    let (mut buffer, mut bits) = (0u32, 0u32);
    for &byte in unpadded {
        let value = symbol_value(byte).ok_or(SecretProblem::InvalidCharacter)?;
        buffer = (buffer << 5) | value;
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            out.push(((buffer >> bits) & 0xff) as u8);
            buffer &= (1 << bits) - 1;
        }
    }
    if buffer != 0 {
        return Err(SecretProblem::NonCanonical);
    }
    Ok(out)
}

/// The 6-digit code for the step containing `unix_seconds` (RFC 6238 with RFC 4226 dynamic
/// truncation).
pub fn code_at(secret: &TotpSecret, unix_seconds: u64) -> u32 {
    code_for_step(secret, unix_seconds / STEP_SECONDS)
}

fn code_for_step(secret: &TotpSecret, step: u64) -> u32 {
    // Padding the key to the block size ourselves is exactly what HMAC does with a short key,
    // and lets us use the infallible constructor.
    let mut key = [0u8; SHA1_BLOCK];
    key[..SECRET_LEN].copy_from_slice(&secret.0);
    let mut mac = <Hmac<Sha1> as KeyInit>::new(&key.into());
    mac.update(&step.to_be_bytes());
    let digest: [u8; 20] = mac.finalize().into_bytes().into();
    // RFC 4226 §5.3: the low nibble of the last byte picks four bytes, top bit cleared.
    let offset = usize::from(digest[19] & 0x0f);
    let word =
        u32::from_be_bytes([digest[offset], digest[offset + 1], digest[offset + 2], digest[offset + 3]]);
    (word & 0x7fff_ffff) % MODULUS
}

/// Why a presented code was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum TotpProblem {
    /// Not six digits (spaces aside).
    #[error("enter the 6-digit code from your authenticator app")]
    Malformed,
    /// Not the code for now or the step either side.
    #[error("the code is not correct or has expired")]
    Wrong,
    /// The right code, but its step was already used (or an older one was).
    #[error("this code has already been used; wait for the next one")]
    Reused,
}

impl TotpProblem {
    /// A stable identifier for clients and translations; it never changes with the wording.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Malformed => "totp_malformed",
            Self::Wrong => "totp_wrong",
            Self::Reused => "totp_reused",
        }
    }
}

/// The six ASCII digits of a presented code, whitespace removed.
fn parse_code(code: &str) -> Result<[u8; DIGITS], TotpProblem> {
    if code.len() > MAX_CODE_INPUT {
        return Err(TotpProblem::Malformed);
    }
    let digits: Vec<u8> = code.bytes().filter(|b| !b.is_ascii_whitespace()).collect();
    if !digits.iter().all(u8::is_ascii_digit) {
        return Err(TotpProblem::Malformed);
    }
    digits.as_slice().try_into().map_err(|_| TotpProblem::Malformed)
}

fn format_code(code: u32) -> [u8; DIGITS] {
    let mut out = [b'0'; DIGITS];
    let mut rest = code;
    for slot in out.iter_mut().rev() {
        // `rest % 10` is below 10, so the narrowing cannot lose anything.
        *slot = b'0' + (rest % 10) as u8;
        rest /= 10;
    }
    out
}

/// Checks a presented code at `unix_seconds`, accepting the current step and one either side.
/// Returns the step matched, which the caller stores and passes back as `last_used_step`:
/// a step at or before it is refused, so every code works once and never after a newer one.
/// All three candidates are computed and compared in constant time whatever matches; the
/// current step is tried first so that it is the one recorded if two steps share a code.
pub fn check(
    secret: &TotpSecret,
    code: &str,
    unix_seconds: u64,
    last_used_step: Option<u64>,
) -> Result<u64, TotpProblem> {
    let presented = parse_code(code)?;
    let now = unix_seconds / STEP_SECONDS;
    let (mut matched, mut reused) = (None, false);
    for step in [Some(now), now.checked_sub(1), now.checked_add(1)].into_iter().flatten() {
        let expected = format_code(code_for_step(secret, step));
        if bool::from(expected.ct_eq(&presented)) {
            if last_used_step.is_some_and(|last| step <= last) {
                reused = true;
            } else if matched.is_none() {
                matched = Some(step);
            }
        }
    }
    match matched {
        Some(step) => Ok(step),
        None if reused => Err(TotpProblem::Reused),
        None => Err(TotpProblem::Wrong),
    }
}
