//! E-mail addresses and host names in the plain form umis sends to: `local@domain` with an ASCII
//! dot-atom before the `@` and letter-digit-hyphen labels after it.
//!
//! Quoted mailbox names, comments, IP literals and internationalised names are all legal in
//! some RFC, but none is needed to reach an applicant and each one widens what can reach an SMTP
//! command line or a header. Refusing them here means the rest of the module can paste an
//! [`Address`] into `RCPT TO:<…>` or `To:` without escaping.

use std::fmt;

/// Longest address accepted: RFC 5321's 256-octet path minus the angle brackets.
pub const MAX_ADDRESS_LEN: usize = 254;
const MAX_LOCAL_LEN: usize = 64;
const MAX_DOMAIN_LEN: usize = 253;
const MAX_LABEL_LEN: usize = 63;

/// Why an address or host name was refused. Messages never repeat the input, which is
/// personal data.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AddressError {
    /// Nothing was given.
    #[error("address is empty")]
    Empty,
    /// See [`MAX_ADDRESS_LEN`].
    #[error("address is longer than {MAX_ADDRESS_LEN} characters")]
    TooLong,
    /// No `@` at all.
    #[error("address has no @ between the mailbox name and the domain")]
    MissingAt,
    /// An `@` in the mailbox name is only possible when quoted, which is not accepted.
    #[error("address has more than one @")]
    SeveralAts,
    /// `@example.org`.
    #[error("address has nothing before the @")]
    EmptyLocal,
    /// RFC 5321 limits the mailbox name to 64 octets.
    #[error("the part before the @ is longer than {MAX_LOCAL_LEN} characters")]
    LocalTooLong,
    /// SMTPUTF8 mailboxes are not supported by the relay dialogue here.
    #[error("the part before the @ must be ASCII; internationalised mailbox names are not supported")]
    NonAsciiLocal,
    /// Spaces, quotes, angle brackets, control characters and `()[],;:\` are refused.
    #[error(
        "the part before the @ contains a character that is not allowed \
         (spaces, quotes, angle brackets, control characters and ()[],;:\\ are refused)"
    )]
    LocalCharacter,
    /// `.a@x.org`, `a.@x.org`, `a..b@x.org`.
    #[error("the part before the @ starts or ends with a dot or has two dots in a row")]
    LocalDots,
    /// Non-ASCII domain: the caller must convert it to its `xn--` form first.
    #[error("internationalised domain names are not supported; write the domain in its ASCII (xn--) form")]
    InternationalDomain,
    /// `user@`.
    #[error("domain is empty")]
    EmptyDomain,
    /// DNS limits a name to 253 characters.
    #[error("domain is longer than {MAX_DOMAIN_LEN} characters")]
    DomainTooLong,
    /// A dot at either end or two in a row.
    #[error("domain has an empty label (a dot at the start or end, or two dots in a row)")]
    EmptyLabel,
    /// DNS limits a label to 63 characters.
    #[error("a domain label is longer than {MAX_LABEL_LEN} characters")]
    LabelTooLong,
    /// Anything but letters, digits and hyphens in a label.
    #[error("domain labels may contain only letters, digits and hyphens")]
    LabelCharacter,
    /// `-x.org`, `x-.org`.
    #[error("a domain label starts or ends with a hyphen")]
    LabelHyphen,
    /// `user@gmail`: almost always a typing mistake in an applicant's address.
    #[error("domain needs at least one dot")]
    SingleLabel,
    /// `user@10.0.0.1`: IP addresses are not accepted in place of a domain.
    #[error("domain ends in a numeric label; IP addresses are not accepted")]
    NumericTopLevel,
}

/// A validated mailbox address, `local@domain`, with the domain in lower case.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Address {
    text: String,
    at: usize,
}

impl Address {
    /// Parses one bare address (no display name, no angle brackets, no surrounding spaces).
    pub fn parse(s: &str) -> Result<Address, AddressError> {
        if s.is_empty() {
            return Err(AddressError::Empty);
        }
        if s.len() > MAX_ADDRESS_LEN {
            return Err(AddressError::TooLong);
        }
        let (local, domain) = s.split_once('@').ok_or(AddressError::MissingAt)?;
        if domain.contains('@') {
            return Err(AddressError::SeveralAts);
        }
        check_local(local)?;
        let domain = check_domain(domain, true)?;
        Ok(Address { text: format!("{local}@{domain}"), at: local.len() })
    }

    /// The whole address.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The mailbox name before the `@`, case preserved.
    pub fn local(&self) -> &str {
        &self.text[..self.at]
    }

    /// The domain after the `@`, in lower case.
    pub fn domain(&self) -> &str {
        &self.text[self.at + 1..]
    }
}

impl fmt::Display for Address {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

/// A host name as used in `EHLO` and the right-hand side of a Message-ID: letter-digit-hyphen
/// labels, lower case; a single label such as `localhost` is allowed.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct HostName(String);

impl HostName {
    /// Parses a host name; the same label rules as an address domain, but no dot required.
    pub fn parse(s: &str) -> Result<HostName, AddressError> {
        check_domain(s, false).map(HostName)
    }

    /// The host name in lower case.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for HostName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// RFC 5322 `atext`: the characters of a dot-atom besides the dots.
fn is_atext(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+-/=?^_`{|}~".contains(&b)
}

fn check_local(local: &str) -> Result<(), AddressError> {
    if local.is_empty() {
        return Err(AddressError::EmptyLocal);
    }
    if !local.is_ascii() {
        return Err(AddressError::NonAsciiLocal);
    }
    if !local.bytes().all(|b| b == b'.' || is_atext(b)) {
        return Err(AddressError::LocalCharacter);
    }
    if local.starts_with('.') || local.ends_with('.') || local.contains("..") {
        return Err(AddressError::LocalDots);
    }
    if local.len() > MAX_LOCAL_LEN {
        return Err(AddressError::LocalTooLong);
    }
    Ok(())
}

/// Checks a domain label by label and returns it in lower case.
fn check_domain(domain: &str, need_dot: bool) -> Result<String, AddressError> {
    if domain.is_empty() {
        return Err(AddressError::EmptyDomain);
    }
    if !domain.is_ascii() {
        return Err(AddressError::InternationalDomain);
    }
    if domain.len() > MAX_DOMAIN_LEN {
        return Err(AddressError::DomainTooLong);
    }
    let mut labels = 0usize;
    let mut last = "";
    for label in domain.split('.') {
        if label.is_empty() {
            return Err(AddressError::EmptyLabel);
        }
        if label.len() > MAX_LABEL_LEN {
            return Err(AddressError::LabelTooLong);
        }
        if !label.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') {
            return Err(AddressError::LabelCharacter);
        }
        if label.starts_with('-') || label.ends_with('-') {
            return Err(AddressError::LabelHyphen);
        }
        labels += 1;
        last = label;
    }
    if need_dot && labels < 2 {
        return Err(AddressError::SingleLabel);
    }
    if last.bytes().all(|b| b.is_ascii_digit()) {
        return Err(AddressError::NumericTopLevel);
    }
    Ok(domain.to_ascii_lowercase())
}
