//! Passwords: the rules a new password must meet, and how passwords are stored and checked.
//!
//! The rules follow NIST SP 800-63B-4 and OWASP ASVS 5.0 (V6): a minimum length that depends on
//! whether a second factor protects the account, a generous maximum, no composition rules
//! (they make passwords harder to remember without making them harder to guess), and a refusal
//! of passwords an attacker tries first: commonly used ones, the user's own names, and trivial
//! runs. Passwords are stored as Argon2id PHC strings with the OWASP parameters.

use std::collections::HashSet;
use std::sync::OnceLock;

use argon2::{Algorithm, Argon2, Params, PasswordHash, PasswordHasher, PasswordVerifier, Version};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rand::RngCore;

/// Argon2id memory cost in KiB (19 MiB), time cost and parallelism: the OWASP recommendation.
const M_COST_KIB: u32 = 19_456;
const T_COST: u32 = 2;
const P_COST: u32 = 1;

/// Ceilings for parameters read from a stored hash. Verification runs with the parameters the
/// hash names, so a tampered or corrupt row must not make one sign-in allocate gigabytes or run
/// for minutes; these leave ample room for stronger settings later.
const MAX_M_COST_KIB: u32 = 262_144;
const MAX_T_COST: u32 = 16;
const MAX_P_COST: u32 = 16;

/// Words that must never be the whole password, whoever the user is.
const SERVICE_WORDS: [&str; 2] = ["umis", "migration"];

/// The embedded list of commonly used passwords (see the header of the file for its source).
const BLOCKLIST: &str = include_str!("blocklist.txt");

/// Length limits for new passwords. Lengths are counted in Unicode scalar values (`chars()`),
/// not bytes, so "пароль" is six characters. Passwords are not NFC-normalised first (that needs
/// Unicode tables umis does not carry), so a composed and a decomposed accent count differently.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PasswordPolicy {
    min_len_single_factor: usize,
    min_len_with_mfa: usize,
    max_len: usize,
}

/// Why a [`PasswordPolicy`] was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PolicyError {
    /// The limits fall below NIST SP 800-63B-4 or contradict each other.
    #[error(
        "password policy needs at least 15 characters alone, 8 with a second factor, \
         a maximum of at least 64 and minimums no larger than the maximum"
    )]
    BelowStandard,
}

impl PasswordPolicy {
    /// A policy with the given limits; refused when weaker than NIST SP 800-63B-4 allows
    /// (15 alone, 8 with a second factor, maximum at least 64) or when a minimum exceeds the maximum.
    pub fn new(
        min_len_single_factor: usize,
        min_len_with_mfa: usize,
        max_len: usize,
    ) -> Result<Self, PolicyError> {
        let sound = min_len_single_factor >= 15
            && min_len_with_mfa >= 8
            && max_len >= 64
            && min_len_single_factor <= max_len
            && min_len_with_mfa <= max_len;
        if !sound {
            return Err(PolicyError::BelowStandard);
        }
        Ok(Self { min_len_single_factor, min_len_with_mfa, max_len })
    }

    /// The minimum length when the password is the only factor.
    pub fn min_len_single_factor(&self) -> usize {
        self.min_len_single_factor
    }

    /// The minimum length when a second factor protects the account too.
    pub fn min_len_with_mfa(&self) -> usize {
        self.min_len_with_mfa
    }

    /// The maximum length.
    pub fn max_len(&self) -> usize {
        self.max_len
    }
}

impl Default for PasswordPolicy {
    /// 15 characters alone, 8 with a second factor, at most 256.
    fn default() -> Self {
        Self { min_len_single_factor: 15, min_len_with_mfa: 8, max_len: 256 }
    }
}

/// Why a new password was refused. Messages speak to the user and never repeat the password;
/// their words are the Fluent messages `form-problem-<code>` of `umis-words` (`password.ftl`),
/// shown in the reader's language by [`PasswordProblem::message`] and in English by `Display`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PasswordProblem {
    /// Fewer characters than the policy asks for in this situation.
    TooShort {
        /// The minimum that applied.
        min: usize,
    },
    /// More characters than the policy allows.
    TooLong {
        /// The maximum that applied.
        max: usize,
    },
    /// On the list of commonly used passwords (compared ignoring case).
    Common,
    /// The user's name, e-mail name or the service's name, maybe with digits around it.
    ContextWord,
    /// One character repeated, or a run such as "abcdef…" or "987654…".
    Trivial,
}

impl std::fmt::Display for PasswordProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(umis_words::Lang::En))
    }
}

impl std::error::Error for PasswordProblem {}

impl PasswordProblem {
    /// Every code, for the completeness test of the words.
    pub const CODES: [&'static str; 5] = [
        "password_too_short",
        "password_too_long",
        "password_common",
        "password_context_word",
        "password_trivial",
    ];

    /// A stable identifier for clients and translations; it never changes with the wording.
    pub fn code(&self) -> &'static str {
        match self {
            Self::TooShort { .. } => "password_too_short",
            Self::TooLong { .. } => "password_too_long",
            Self::Common => "password_common",
            Self::ContextWord => "password_context_word",
            Self::Trivial => "password_trivial",
        }
    }

    /// The number the message quotes: the minimum or the maximum length.
    pub fn args(&self) -> Vec<(&'static str, i64)> {
        let n = |v: usize| i64::try_from(v).unwrap_or(i64::MAX);
        match self {
            Self::TooShort { min } => vec![("min", n(*min))],
            Self::TooLong { max } => vec![("max", n(*max))],
            Self::Common | Self::ContextWord | Self::Trivial => Vec::new(),
        }
    }

    /// The refusal in `lang`.
    pub fn message(&self, lang: umis_words::Lang) -> String {
        let args: Vec<(&str, umis_words::Arg)> =
            self.args().into_iter().map(|(k, v)| (k, v.into())).collect();
        umis_words::t_args(lang, &format!("form-problem-{}", self.code()), &args)
    }
}

/// Checks a new password against the policy. `with_second_factor` lowers the minimum length;
/// `context` holds words specific to this user (user name, e-mail address; the local part of
/// an address is taken on its own too). Refused when the password is a context word or a
/// service word, alone or with digits before or after it.
pub fn check_new_password(
    policy: &PasswordPolicy,
    password: &str,
    with_second_factor: bool,
    context: &[&str],
) -> Result<(), PasswordProblem> {
    // A char is at most four bytes, so this refuses oversized input without walking it.
    if password.len() > policy.max_len.saturating_mul(4) {
        return Err(PasswordProblem::TooLong { max: policy.max_len });
    }
    let len = password.chars().count();
    let min = if with_second_factor { policy.min_len_with_mfa } else { policy.min_len_single_factor };
    if len < min {
        return Err(PasswordProblem::TooShort { min });
    }
    if len > policy.max_len {
        return Err(PasswordProblem::TooLong { max: policy.max_len });
    }
    let lower = password.to_lowercase();
    if blocklist().contains(lower.as_str()) {
        return Err(PasswordProblem::Common);
    }
    if context_words(context).any(|word| is_word_with_digits(&lower, &word)) {
        return Err(PasswordProblem::ContextWord);
    }
    if is_trivial(&lower) {
        return Err(PasswordProblem::Trivial);
    }
    Ok(())
}

/// The blocklist as a set, parsed once on first use.
fn blocklist() -> &'static HashSet<&'static str> {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| {
        BLOCKLIST.lines().map(str::trim).filter(|line| !line.is_empty() && !line.starts_with('#')).collect()
    })
}

/// The lowercased context words plus e-mail local parts plus the service words.
fn context_words<'a>(context: &'a [&'a str]) -> impl Iterator<Item = String> + 'a {
    let local_parts = context.iter().filter_map(|word| word.split_once('@').map(|(local, _)| local));
    context
        .iter()
        .copied()
        .chain(local_parts)
        .chain(SERVICE_WORDS)
        .map(|word| word.trim().to_lowercase())
        .filter(|word| !word.is_empty())
}

/// Whether `password` is `word` with nothing but ASCII digits before and after it.
fn is_word_with_digits(password: &str, word: &str) -> bool {
    let leading_digits = password.bytes().take_while(u8::is_ascii_digit).count();
    // Digits are single bytes, so every start up to `leading_digits` is a char boundary.
    (0..=leading_digits).any(|start| {
        password[start..].strip_prefix(word).is_some_and(|rest| rest.bytes().all(|b| b.is_ascii_digit()))
    })
}

/// One character repeated, or every character the successor (or every one the predecessor)
/// of the one before; digits wrap 9→0 and letters z→a, so "1234567890123" is one run.
fn is_trivial(lower: &str) -> bool {
    let chars: Vec<char> = lower.chars().collect();
    let all = |step: fn(char, char) -> bool| chars.windows(2).all(|pair| step(pair[0], pair[1]));
    all(|a, b| a == b) || all(|a, b| successor(a) == Some(b)) || all(|a, b| successor(b) == Some(a))
}

fn successor(c: char) -> Option<char> {
    match c {
        '9' => Some('0'),
        'z' => Some('a'),
        _ => char::from_u32(u32::from(c) + 1),
    }
}

/// Why a password could not be hashed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PasswordError {
    /// Argon2 or the system random number generator failed (out of memory, no entropy).
    #[error("the password could not be hashed: {reason}")]
    Hashing {
        /// The library's description of the failure; it never contains the password.
        reason: String,
    },
}

fn hashing_error(error: impl std::fmt::Display) -> PasswordError {
    PasswordError::Hashing { reason: error.to_string() }
}

/// The hasher with the current parameters; every new hash, the dummy included, comes from here.
fn current_hasher() -> Result<Argon2<'static>, PasswordError> {
    let params = Params::new(M_COST_KIB, T_COST, P_COST, None).map_err(hashing_error)?;
    Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, params))
}

/// Hashes a password with Argon2id (m = 19,456 KiB, t = 2, p = 1) and a fresh 16-byte salt from
/// the operating system, returning the PHC string to store.
pub fn hash_password(password: &str) -> Result<String, PasswordError> {
    let hash = current_hasher()?.hash_password(password.as_bytes()).map_err(hashing_error)?;
    Ok(hash.to_string())
}

/// Parses a stored PHC string, refusing anything that is not Argon2 within the ceilings above.
fn parse_bounded(phc: &str) -> Option<(PasswordHash, Params)> {
    let hash = PasswordHash::new(phc).ok()?;
    Algorithm::try_from(hash.algorithm.as_str()).ok()?;
    let params = Params::try_from(&hash).ok()?;
    let bounded =
        params.m_cost() <= MAX_M_COST_KIB && params.t_cost() <= MAX_T_COST && params.p_cost() <= MAX_P_COST;
    bounded.then_some((hash, params))
}

/// Whether `password` matches the stored PHC string: the exact bytes, no trimming and no case
/// folding. Argon2 compares the outputs in constant time. `false` for a malformed string, an
/// algorithm other than Argon2, or parameters beyond the ceilings.
pub fn verify_password(password: &str, phc: &str) -> bool {
    match parse_bounded(phc) {
        Some((hash, _)) => Argon2::default().verify_password(password.as_bytes(), &hash).is_ok(),
        None => false,
    }
}

/// The dummy hash, made once with [`current_hasher`] so its cost follows the current parameters.
/// `None` only if hashing failed, which [`verify_against_dummy`] makes up for.
fn dummy_phc() -> &'static Option<String> {
    static DUMMY: OnceLock<Option<String>> = OnceLock::new();
    DUMMY.get_or_init(|| hash_password("umis dummy password for unknown user names").ok())
}

/// Spends as long as checking a password against a stored hash, for sign-ins with an unknown
/// user name: without it the quick refusal would tell an attacker which names exist. The first
/// call also creates the dummy hash and so takes twice as long; calling it once at start-up
/// keeps that out of any sign-in.
pub fn verify_against_dummy(password: &str) {
    match dummy_phc() {
        Some(dummy) => {
            std::hint::black_box(verify_password(password, dummy));
        }
        // No dummy: hashing the password costs the same as verifying it.
        None => {
            std::hint::black_box(hash_password(password).ok());
        }
    }
}

/// Whether a stored hash should be replaced at the next successful sign-in: it is not Argon2id
/// version 19, any cost is below the current one, or it cannot be read at all.
pub fn needs_rehash(phc: &str) -> bool {
    let Some((hash, params)) = parse_bounded(phc) else {
        return true;
    };
    hash.algorithm != argon2::ARGON2ID_IDENT
        || hash.version != Some(Version::V0x13.into())
        || params.m_cost() < M_COST_KIB
        || params.t_cost() < T_COST
        || params.p_cost() < P_COST
        || hash.hash.is_none_or(|output| output.len() < Params::DEFAULT_OUTPUT_LEN)
}

/// A random secret of `bytes` bytes from the thread-local CSPRNG (seeded by the operating
/// system), base64url without padding: for one-time initial passwords and reset tokens.
/// `bytes` is clamped to 16..=1024 so a secret is never weaker than 128 bits.
pub fn random_secret(bytes: usize) -> String {
    let mut buf = vec![0u8; bytes.clamp(16, 1024)];
    rand::rng().fill_bytes(&mut buf);
    URL_SAFE_NO_PAD.encode(&buf)
}

#[cfg(test)]
#[expect(clippy::unwrap_used, clippy::expect_used, reason = "tests fail loudly")]
mod tests {
    use super::*;

    /// The params field (`m=…,t=…,p=…`) of a PHC string.
    fn params_field(phc: &str) -> String {
        PasswordHash::new(phc).unwrap().params.to_string()
    }

    #[test]
    fn dummy_and_real_hashes_use_the_same_parameters() {
        let dummy = dummy_phc().as_ref().expect("dummy hash");
        let real = hash_password("a real password for comparison").unwrap();
        assert_eq!(params_field(dummy), params_field(&real));
        assert_eq!(params_field(dummy), "m=19456,t=2,p=1");
        assert!(dummy.starts_with("$argon2id$v=19$"));
        assert!(!needs_rehash(dummy));
    }

    #[test]
    fn blocklist_is_large_and_lowercase() {
        let set = blocklist();
        assert!(set.len() >= 10_000, "only {} entries", set.len());
        assert!(set.iter().all(|entry| *entry == entry.to_lowercase()));
        assert!(!set.iter().any(|entry| entry.starts_with('#')));
    }
}
