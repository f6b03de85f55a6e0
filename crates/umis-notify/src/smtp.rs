//! Delivery through an SMTP relay, by `lettre`'s blocking SMTP transport: STARTTLS (required
//! unless the operator chooses otherwise) or TLS from the first byte, AUTH PLAIN or LOGIN, and
//! every wait bounded by the timeout.
//!
//! The message text is umis's own ([`render_eml`]), handed to lettre as it is, so what the relay
//! receives is byte for byte what the outbox would have stored; lettre only speaks the dialogue
//! (dot-stuffing included). One message is one connection, closed with `QUIT`: the notification
//! worker is a single blocking thread that sends a few messages every few seconds, which a
//! connection pool would not speed up.
//!
//! Credentials are never sent in clear: [`TlsMode::None`] with a user name is refused when the
//! channel is built, and with [`TlsMode::StartTls`] a relay that does not offer STARTTLS gets
//! nothing after its EHLO (the message is retried later, never sent in clear).
//! The relay's certificate is checked against the webpki roots plus, for a relay with a private
//! certificate authority, the certificates of [`SmtpConfig::extra_ca_file`].
//!
//! Failures are sorted for the retry logic: a 5xx reply (a refused recipient, a wrong password)
//! is permanent; a 4xx reply, a refused or dropped connection, a timeout, a TLS failure and a
//! relay that does not offer STARTTLS are temporary; unsendable text is permanent and found
//! before connecting.

use super::{Address, Channel, DeliveryError, HostName, Message, render_eml};
use lettre::Transport as _;
use lettre::address::Envelope;
use lettre::transport::smtp::SmtpTransport;
use lettre::transport::smtp::authentication::{Credentials, Mechanism};
use lettre::transport::smtp::client::{Certificate, Tls, TlsParameters};
use lettre::transport::smtp::extension::ClientId;
use std::error::Error as _;
use std::fmt;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::{Duration, SystemTime};

/// How long to wait for a connection, a reply or a write when no other timeout is configured.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(10);
/// RFC 5321 §4.5.3.1.6: at most 998 octets per line before the CRLF.
const MAX_LINE: usize = 998;
/// Largest message text accepted by [`SmtpChannel::send_eml`]; a rendered notification of the
/// largest allowed body is well below.
const MAX_DATA: usize = 4 * 1024 * 1024;
/// A CA file is a few kilobytes; anything far larger is not one.
const MAX_CA_FILE: u64 = 1024 * 1024;

/// How the connection to the relay is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TlsMode {
    /// A plain connection upgraded by STARTTLS, which the relay must offer (ports 587 and 25).
    StartTls,
    /// TLS from the first byte ("implicit TLS", port 465).
    Tls,
    /// No TLS at all: only for a relay on the same host or a test relay, and never with a
    /// password.
    None,
}

impl TlsMode {
    /// The name used in configuration: `starttls`, `tls` or `none`.
    pub fn as_str(self) -> &'static str {
        match self {
            TlsMode::StartTls => "starttls",
            TlsMode::Tls => "tls",
            TlsMode::None => "none",
        }
    }
}

impl FromStr for TlsMode {
    type Err = SmtpConfigError;

    fn from_str(s: &str) -> Result<TlsMode, SmtpConfigError> {
        match s {
            "starttls" => Ok(TlsMode::StartTls),
            "tls" => Ok(TlsMode::Tls),
            "none" => Ok(TlsMode::None),
            _ => Err(SmtpConfigError::TlsMode),
        }
    }
}

impl fmt::Display for TlsMode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A user name and password for the relay's AUTH. The password never appears in `Debug`.
#[derive(Clone)]
pub struct SmtpLogin {
    username: String,
    password: String,
}

impl SmtpLogin {
    /// A login; both parts must be non-empty.
    pub fn new(username: &str, password: &str) -> Result<SmtpLogin, SmtpConfigError> {
        if username.is_empty() || password.is_empty() {
            return Err(SmtpConfigError::EmptyLogin);
        }
        Ok(SmtpLogin { username: username.to_owned(), password: password.to_owned() })
    }

    /// The user name.
    pub fn username(&self) -> &str {
        &self.username
    }
}

impl fmt::Debug for SmtpLogin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SmtpLogin").field("username", &self.username).finish_non_exhaustive()
    }
}

/// Where the relay is and how to talk to it.
#[derive(Debug, Clone)]
pub struct SmtpConfig {
    /// Host name or IP address; also the name the relay's certificate must carry.
    pub host: String,
    /// TCP port.
    pub port: u16,
    /// How the connection is protected.
    pub tls: TlsMode,
    /// AUTH credentials, if the relay wants them.
    pub login: Option<SmtpLogin>,
    /// A PEM file of certificate authorities trusted for the relay besides the webpki roots.
    pub extra_ca_file: Option<PathBuf>,
    /// Bound on connecting and on each read or write.
    pub timeout: Duration,
}

impl SmtpConfig {
    /// The relay at `host:port` with STARTTLS required, no login, no extra CA and
    /// [`DEFAULT_TIMEOUT`].
    pub fn new(host: &str, port: u16) -> SmtpConfig {
        SmtpConfig {
            host: host.to_owned(),
            port,
            tls: TlsMode::StartTls,
            login: None,
            extra_ca_file: None,
            timeout: DEFAULT_TIMEOUT,
        }
    }
}

/// Why an SMTP channel could not be set up. Messages never contain the password.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SmtpConfigError {
    /// Unknown TLS mode name.
    #[error("the SMTP TLS mode must be starttls, tls or none")]
    TlsMode,
    /// No host, or one with spaces or control characters.
    #[error("the SMTP relay host is empty or contains spaces or control characters")]
    Host,
    /// A user name without a password or the other way round.
    #[error("an SMTP login needs both a user name and a password")]
    EmptyLogin,
    /// A password would cross the network in clear.
    #[error("an SMTP login needs TLS (starttls or tls); with none the password would be sent in clear")]
    LoginWithoutTls,
    /// A CA file given while TLS is off is a mistake in the configuration.
    #[error("a trusted CA file is only used with TLS (starttls or tls)")]
    CaWithoutTls,
    /// The CA file cannot be read or holds no usable certificate.
    #[error("the trusted CA file {path}: {reason}")]
    CaFile {
        /// The file as configured.
        path: String,
        /// What is wrong with it.
        reason: String,
    },
    /// The TLS settings were refused by the TLS library.
    #[error("cannot set up TLS for the SMTP relay: {0}")]
    Tls(String),
}

/// An SMTP relay as a delivery channel.
#[derive(Clone)]
pub struct SmtpChannel {
    transport: SmtpTransport,
    relay: String,
    from: Address,
    helo_name: HostName,
    timeout: Duration,
}

impl fmt::Debug for SmtpChannel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SmtpChannel")
            .field("relay", &self.relay)
            .field("from", &self.from)
            .field("timeout", &self.timeout)
            .finish_non_exhaustive()
    }
}

impl SmtpChannel {
    /// A channel to the relay of `config`, sending as `from` and introducing itself as
    /// `helo_name` (also the right-hand side of Message-IDs). A zero timeout is raised to one
    /// millisecond, because the operating system reads zero as "none".
    pub fn new(
        config: SmtpConfig,
        from: Address,
        helo_name: HostName,
    ) -> Result<SmtpChannel, SmtpConfigError> {
        if config.host.is_empty() || config.host.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(SmtpConfigError::Host);
        }
        if config.tls == TlsMode::None {
            if config.login.is_some() {
                return Err(SmtpConfigError::LoginWithoutTls);
            }
            if config.extra_ca_file.is_some() {
                return Err(SmtpConfigError::CaWithoutTls);
            }
        }
        let timeout = config.timeout.max(Duration::from_millis(1));
        let mut builder = SmtpTransport::builder_dangerous(&config.host)
            .port(config.port)
            .tls(tls(&config)?)
            .timeout(Some(timeout))
            .hello_name(ClientId::Domain(helo_name.to_string()));
        if let Some(login) = &config.login {
            builder = builder
                .credentials(Credentials::new(login.username.clone(), login.password.clone()))
                .authentication(vec![Mechanism::Plain, Mechanism::Login]);
        }
        Ok(SmtpChannel {
            transport: builder.build(),
            relay: format!("{}:{}", config.host, config.port),
            from,
            helo_name,
            timeout,
        })
    }

    /// The bound on connecting and on each read or write.
    pub fn timeout(&self) -> Duration {
        self.timeout
    }

    /// Sends an already rendered RFC 5322 text (for example an outbox file) to `to`. The text
    /// must be 7-bit ASCII with lines of at most 998 octets; LF line endings become CRLF.
    pub fn send_eml(&self, to: &Address, eml: &str) -> Result<(), DeliveryError> {
        let data = canonical_data(eml)?;
        let envelope = envelope(&self.from, to)?;
        match self.transport.send_raw(&envelope, &data) {
            Ok(_) => Ok(()),
            Err(e) => Err(self.sort(&e)),
        }
    }

    /// Sorts lettre's error for the retry logic and says what happened, naming the relay.
    fn sort(&self, e: &lettre::transport::smtp::Error) -> DeliveryError {
        if e.is_permanent() {
            return DeliveryError::Permanent(format!("SMTP relay {} refused: {e}", self.relay));
        }
        if is_timeout(e) {
            return DeliveryError::Temporary(format!(
                "SMTP relay {} did not answer within {:?}",
                self.relay, self.timeout
            ));
        }
        DeliveryError::Temporary(format!("SMTP relay {}: {e}", self.relay))
    }
}

impl Channel for SmtpChannel {
    fn deliver(&self, m: &Message) -> Result<(), DeliveryError> {
        let eml = render_eml(m, &self.from, &self.helo_name, SystemTime::now());
        self.send_eml(m.to(), &eml)
    }

    fn name(&self) -> &'static str {
        "smtp"
    }
}

/// lettre's TLS setting for `config`, with the extra CA file read and checked now, so that a
/// broken file stops the start instead of every delivery.
fn tls(config: &SmtpConfig) -> Result<Tls, SmtpConfigError> {
    let parameters = || {
        let mut builder = TlsParameters::builder(config.host.clone());
        if let Some(path) = &config.extra_ca_file {
            builder = builder.add_root_certificate(read_ca_file(path)?);
        }
        builder.build_rustls().map_err(|e| SmtpConfigError::Tls(e.to_string()))
    };
    Ok(match config.tls {
        TlsMode::StartTls => Tls::Required(parameters()?),
        TlsMode::Tls => Tls::Wrapper(parameters()?),
        TlsMode::None => Tls::None,
    })
}

fn read_ca_file(path: &Path) -> Result<Certificate, SmtpConfigError> {
    let fail = |reason: String| SmtpConfigError::CaFile { path: path.display().to_string(), reason };
    let size = std::fs::metadata(path).map_err(|e| fail(e.to_string()))?.len();
    if size > MAX_CA_FILE {
        return Err(fail("larger than 1 MiB, not a CA file".to_owned()));
    }
    let pem = std::fs::read(path).map_err(|e| fail(e.to_string()))?;
    // An empty or non-PEM file would parse as zero certificates and trust nothing extra.
    if !pem.windows(27).any(|w| w == b"-----BEGIN CERTIFICATE-----") {
        return Err(fail("no PEM certificate (-----BEGIN CERTIFICATE-----) in it".to_owned()));
    }
    Certificate::from_pem(&pem).map_err(|e| fail(e.to_string()))
}

/// The envelope: `MAIL FROM` and one `RCPT TO`. umis's addresses are stricter than lettre's,
/// so a refusal here means the two disagree, and retrying cannot help.
fn envelope(from: &Address, to: &Address) -> Result<Envelope, DeliveryError> {
    let convert = |a: &Address| {
        lettre::Address::new(a.local(), a.domain())
            .map_err(|e| DeliveryError::Permanent(format!("address not accepted for SMTP: {e}")))
    };
    Envelope::new(Some(convert(from)?), vec![convert(to)?])
        .map_err(|e| DeliveryError::Permanent(format!("no envelope: {e}")))
}

/// Whether a read, write or connect ran out of time (Linux reports a socket timeout as
/// `WouldBlock`, which lettre's own `is_timeout` does not recognise).
fn is_timeout(e: &lettre::transport::smtp::Error) -> bool {
    let mut source = e.source();
    while let Some(err) = source {
        if let Some(io) = err.downcast_ref::<std::io::Error>() {
            return matches!(io.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut);
        }
        source = err.source();
    }
    false
}

/// The text as lettre sends it after `DATA`: CRLF lines without the last line break (lettre
/// adds CRLF `.` CRLF, and dot-stuffs, which works only on CRLF lines). Content problems are
/// permanent: sending the same text again cannot succeed.
fn canonical_data(eml: &str) -> Result<Vec<u8>, DeliveryError> {
    let refuse = |why: &str| Err(DeliveryError::Permanent(format!("message cannot be sent: {why}")));
    if eml.is_empty() {
        return refuse("it is empty");
    }
    if eml.len() > MAX_DATA {
        return refuse("it is larger than 4 MiB");
    }
    if !eml.bytes().all(|b| b == b'\t' || b == b'\r' || b == b'\n' || (0x20..0x7f).contains(&b)) {
        return refuse("it contains non-ASCII or control characters (render it with render_eml)");
    }
    let mut out = Vec::with_capacity(eml.len() + eml.len() / 32 + 8);
    for (i, line) in eml.strip_suffix('\n').unwrap_or(eml).split('\n').enumerate() {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.contains('\r') {
            return refuse("it contains a carriage return that does not end a line");
        }
        if line.len() > MAX_LINE {
            return refuse("a line is longer than 998 characters");
        }
        if i > 0 {
            out.extend_from_slice(b"\r\n");
        }
        out.extend_from_slice(line.as_bytes());
    }
    Ok(out)
}

#[cfg(test)]
#[expect(clippy::unwrap_used, clippy::panic, reason = "tests fail loudly")]
mod tests {
    use super::*;

    fn check(eml: &str, expected: Result<&str, &str>) {
        let got = canonical_data(eml).map(|d| String::from_utf8_lossy(&d).into_owned());
        match (got, expected) {
            (Ok(got), Ok(want)) => assert_eq!(got, want, "{eml:?}"),
            (Err(DeliveryError::Permanent(got)), Err(want)) => assert!(got.contains(want), "{got}"),
            (got, _) => panic!("{eml:?} gave {got:?}"),
        }
    }

    #[test]
    fn data_is_crlf_without_the_last_line_break() {
        check("A: b\r\n\r\nbody\r\n", Ok("A: b\r\n\r\nbody"));
        check("A: b\n\nbody", Ok("A: b\r\n\r\nbody"));
        // Dot-stuffing is lettre's; the text reaches it unchanged apart from line endings.
        check(".\n..x\n.y\r\nz.\n", Ok(".\r\n..x\r\n.y\r\nz."));
        check("\n", Ok(""));
        check(&"x".repeat(MAX_LINE), Ok(&"x".repeat(MAX_LINE)));
    }

    #[test]
    fn unsendable_data_is_a_permanent_failure() {
        check("", Err("empty"));
        check("Subject: Заявление\r\n", Err("non-ASCII"));
        check("a\0b\r\n", Err("control"));
        check("a\rb\r\n", Err("carriage return"));
        check(&"x".repeat(MAX_LINE + 1), Err("998"));
        check(&"x\n".repeat(MAX_DATA / 2 + 1), Err("4 MiB"));
    }

    fn parts() -> (Address, HostName) {
        (Address::parse("a@b.az").unwrap(), HostName::parse("localhost").unwrap())
    }

    #[test]
    fn zero_timeout_is_raised() {
        let (from, helo) = parts();
        let mut config = SmtpConfig::new("127.0.0.1", 25);
        config.timeout = Duration::ZERO;
        let channel = SmtpChannel::new(config, from, helo).unwrap();
        assert_eq!(channel.timeout(), Duration::from_millis(1));
        assert_eq!(channel.name(), "smtp");
    }

    #[test]
    fn tls_modes_have_names() {
        for mode in [TlsMode::StartTls, TlsMode::Tls, TlsMode::None] {
            assert_eq!(mode.as_str().parse::<TlsMode>(), Ok(mode));
        }
        assert_eq!(SmtpConfig::new("relay", 587).tls, TlsMode::StartTls, "STARTTLS is the default");
        for bad in ["", "STARTTLS", "ssl", "off"] {
            assert_eq!(bad.parse::<TlsMode>(), Err(SmtpConfigError::TlsMode), "{bad:?}");
        }
    }

    #[test]
    fn a_password_is_never_configured_to_travel_in_clear_nor_shown() {
        let (from, helo) = parts();
        let login = SmtpLogin::new("umis", "s3cret-password").unwrap();
        assert!(!format!("{login:?}").contains("s3cret"));
        let mut config = SmtpConfig::new("127.0.0.1", 25);
        config.tls = TlsMode::None;
        config.login = Some(login.clone());
        assert_eq!(
            SmtpChannel::new(config, from.clone(), helo.clone()).err(),
            Some(SmtpConfigError::LoginWithoutTls)
        );
        let mut config = SmtpConfig::new("relay.example", 587);
        config.login = Some(login);
        assert!(!format!("{config:?}").contains("s3cret"));
        let channel = SmtpChannel::new(config, from, helo).unwrap();
        assert!(!format!("{channel:?}").contains("s3cret"));
        assert_eq!(SmtpLogin::new("umis", "").err(), Some(SmtpConfigError::EmptyLogin));
        assert_eq!(SmtpLogin::new("", "x").err(), Some(SmtpConfigError::EmptyLogin));
    }

    #[test]
    fn bad_settings_are_refused_with_a_reason() {
        let (from, helo) = parts();
        let dir = std::env::temp_dir().join(format!("umis-smtp-ca-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let empty = dir.join("empty.pem");
        std::fs::write(&empty, "").unwrap();
        let garbage = dir.join("garbage.pem");
        std::fs::write(&garbage, "-----BEGIN CERTIFICATE-----\n!!!!\n-----END CERTIFICATE-----\n").unwrap();
        let cases: [(&str, TlsMode, Option<PathBuf>, &str); 6] = [
            ("", TlsMode::StartTls, None, "host is empty"),
            ("relay example", TlsMode::StartTls, None, "spaces"),
            ("relay", TlsMode::Tls, Some(dir.join("missing.pem")), "missing.pem"),
            ("relay", TlsMode::StartTls, Some(empty), "no PEM certificate"),
            ("relay", TlsMode::StartTls, Some(garbage), "garbage.pem"),
            ("relay", TlsMode::None, Some(dir.join("any.pem")), "only used with TLS"),
        ];
        for (host, tls, ca, says) in cases {
            let mut config = SmtpConfig::new(host, 587);
            config.tls = tls;
            config.extra_ca_file = ca;
            let err = SmtpChannel::new(config, from.clone(), helo.clone()).err().map(|e| e.to_string());
            assert!(err.as_deref().is_some_and(|e| e.contains(says)), "{host:?} {tls}: {err:?}");
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
