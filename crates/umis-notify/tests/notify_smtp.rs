//! The SMTP channel against a real SMTP server run inside the test: a `TcpListener` on
//! 127.0.0.1 speaking the server side of RFC 5321 with STARTTLS (RFC 3207) or TLS from the first
//! byte, through rustls with a certificate authority made for the test (trusted by the client
//! only through its extra-CA setting), and AUTH PLAIN and LOGIN (RFC 4954). It records every
//! command, whether it came over TLS, the credentials, the bytes read in clear, and the message.
//! Covers a full delivery of Azerbaijani and Russian text, dot-stuffing, that credentials and
//! mail never cross in clear, certificate checks, and how every kind of failure is sorted into
//! temporary and permanent.

#![expect(clippy::unwrap_used, clippy::panic, reason = "tests fail loudly")]

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use rcgen::{BasicConstraints, CertificateParams, CertifiedIssuer, DnType, IsCa, KeyPair};
use rustls::pki_types::{PrivateKeyDer, PrivatePkcs8KeyDer};
use rustls::{ServerConfig, ServerConnection, StreamOwned};
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::sync::Arc;
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};
use umis_notify::{
    Address, Channel, DeliveryError, HostName, Message, SmtpChannel, SmtpConfig, SmtpLogin, TlsMode,
};

const USER: &str = "umis-notify";
const PASSWORD: &str = "correct horse battery staple";

/// A certificate authority made for one test, the relay certificate it signed, and the CA's
/// PEM file for the client's extra-CA setting.
struct Pki {
    dir: tempfile::TempDir,
    server: Arc<ServerConfig>,
}

impl Pki {
    /// A CA and a relay certificate valid for `names` (host names or IP addresses).
    fn new(names: &[&str]) -> Pki {
        let ca_key = KeyPair::generate().unwrap();
        let mut ca_params = CertificateParams::new(Vec::<String>::new()).unwrap();
        ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        ca_params.distinguished_name.push(DnType::CommonName, "umis test CA");
        let ca = CertifiedIssuer::self_signed(ca_params, ca_key).unwrap();
        let leaf_key = KeyPair::generate().unwrap();
        let names: Vec<String> = names.iter().map(|n| (*n).to_owned()).collect();
        let leaf = CertificateParams::new(names).unwrap().signed_by(&leaf_key, &*ca).unwrap();
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("ca.pem"), ca.pem()).unwrap();
        let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(leaf_key.serialize_der()));
        // The same provider as the client's (lettre's `ring` feature); it lacks the post-quantum
        // key exchange, which a test of the SMTP dialogue does not need.
        #[expect(deprecated, reason = "ring is the provider the client is built with")]
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let server = ServerConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .unwrap()
            .with_no_client_auth()
            .with_single_cert(vec![leaf.der().clone()], key)
            .unwrap();
        Pki { dir, server: Arc::new(server) }
    }

    fn ca_file(&self) -> PathBuf {
        self.dir.path().join("ca.pem")
    }
}

/// How the test relay behaves.
#[derive(Clone, Debug)]
struct Relay {
    /// TLS from the first byte instead of plain text.
    implicit_tls: bool,
    /// STARTTLS advertised (and honoured) on a plain connection.
    starttls: bool,
    /// AUTH mechanisms advertised once the connection is encrypted ("" for none); MAIL is
    /// refused before a successful AUTH when there are some.
    auth: &'static str,
    /// AUTH advertised in clear too, tempting a careless client.
    auth_in_clear: bool,
    greeting: String,
    close_after_ehlo: bool,
    rcpt_reply: &'static str,
    data_reply: &'static str,
    /// Accepts the connection and never says a word.
    silent: bool,
}

impl Default for Relay {
    fn default() -> Relay {
        Relay {
            implicit_tls: false,
            starttls: true,
            auth: "PLAIN LOGIN",
            auth_in_clear: false,
            greeting: "220 relay.test ESMTP\r\n".to_owned(),
            close_after_ehlo: false,
            rcpt_reply: "250 2.1.5 ok\r\n",
            data_reply: "250 2.0.0 queued\r\n",
            silent: false,
        }
    }
}

/// What the relay saw.
#[derive(Debug, Default)]
struct Session {
    /// Every command line (AUTH without its secrets) and whether it arrived over TLS.
    commands: Vec<(bool, String)>,
    /// Everything read from the client before TLS, as text.
    clear_text: String,
    /// The user name and password of the AUTH exchange, and whether it was encrypted.
    credentials: Option<(String, String, bool)>,
    /// The DATA section as sent (dot-stuffed) and with the stuffing undone.
    raw_data: String,
    data: String,
}

impl Session {
    fn verbs(&self) -> Vec<&str> {
        self.commands.iter().map(|(_, c)| c.split([' ', ':']).next().unwrap()).collect()
    }
}

/// The connection as the relay sees it: plain, or TLS after STARTTLS or from the start.
enum Wire {
    Plain(TcpStream),
    Tls(Box<StreamOwned<ServerConnection, TcpStream>>),
    Gone,
}

impl Wire {
    fn tls(stream: TcpStream, config: &Arc<ServerConfig>) -> Wire {
        Wire::Tls(Box::new(StreamOwned::new(ServerConnection::new(config.clone()).unwrap(), stream)))
    }

    fn is_tls(&self) -> bool {
        matches!(self, Wire::Tls(_))
    }

    fn upgrade(&mut self, config: &Arc<ServerConfig>) {
        if let Wire::Plain(stream) = std::mem::replace(self, Wire::Gone) {
            *self = Wire::tls(stream, config);
        }
    }

    /// One line including its CRLF, or `None` when the client is gone (or the TLS handshake
    /// failed). Read a byte at a time, so nothing after a STARTTLS line is swallowed.
    fn line(&mut self, session: &mut Session) -> Option<String> {
        let mut bytes = Vec::new();
        let mut byte = [0u8; 1];
        while !bytes.ends_with(b"\n") {
            match self.read(&mut byte) {
                Ok(1) => bytes.push(byte[0]),
                _ => return None,
            }
        }
        let line = String::from_utf8(bytes).unwrap();
        if !self.is_tls() {
            session.clear_text.push_str(&line);
        }
        Some(line)
    }

    fn say(&mut self, reply: &str) {
        // The client may already have given up; the test asserts on what it saw instead.
        let _ = self.write_all(reply.as_bytes()).and_then(|()| self.flush());
    }
}

impl Read for Wire {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        match self {
            Wire::Plain(s) => s.read(buf),
            Wire::Tls(s) => s.read(buf),
            Wire::Gone => Ok(0),
        }
    }
}

impl Write for Wire {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match self {
            Wire::Plain(s) => s.write(buf),
            Wire::Tls(s) => s.write(buf),
            Wire::Gone => Ok(0),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match self {
            Wire::Plain(s) => s.flush(),
            Wire::Tls(s) => s.flush(),
            Wire::Gone => Ok(()),
        }
    }
}

fn serve(relay: Relay, pki: &Pki) -> (u16, JoinHandle<Session>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let config = pki.server.clone();
    let server = thread::spawn(move || {
        let (stream, _) = listener.accept().unwrap();
        stream.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
        converse(stream, &relay, &config)
    });
    (port, server)
}

fn converse(stream: TcpStream, relay: &Relay, config: &Arc<ServerConfig>) -> Session {
    let mut session = Session::default();
    if relay.silent {
        // Say nothing, not even a TLS handshake, and wait until the client gives up.
        let _ = (&stream).read_to_end(&mut Vec::new());
        return session;
    }
    let mut wire = if relay.implicit_tls { Wire::tls(stream, config) } else { Wire::Plain(stream) };
    wire.say(&relay.greeting);
    let mut authenticated = false;
    while let Some(line) = wire.line(&mut session) {
        let command = line.strip_suffix("\r\n").unwrap_or_else(|| panic!("no CRLF: {line:?}")).to_owned();
        let verb = command.split([' ', ':']).next().unwrap_or("").to_ascii_uppercase();
        let logged =
            if verb == "AUTH" { command.split(' ').take(2).collect::<Vec<_>>().join(" ") } else { command };
        session.commands.push((wire.is_tls(), logged));
        match verb.as_str() {
            "EHLO" if relay.close_after_ehlo => return session,
            "EHLO" => wire.say(&ehlo_reply(relay, wire.is_tls())),
            "STARTTLS" if relay.starttls && !wire.is_tls() => {
                wire.say("220 2.0.0 ready to start TLS\r\n");
                wire.upgrade(config);
            }
            "AUTH" => {
                let (user, password) = auth_exchange(&mut wire, &mut session, &line);
                authenticated = password == PASSWORD;
                wire.say(if authenticated {
                    "235 2.7.0 authentication successful\r\n"
                } else {
                    "535 5.7.8 authentication credentials invalid\r\n"
                });
                session.credentials = Some((user, password, wire.is_tls()));
            }
            "MAIL" if !relay.auth.is_empty() && !authenticated => {
                wire.say("530 5.7.0 authentication required\r\n")
            }
            "MAIL" => wire.say("250 2.1.0 ok\r\n"),
            "RCPT" => wire.say(relay.rcpt_reply),
            "DATA" => {
                wire.say("354 end data with <CR><LF>.<CR><LF>\r\n");
                (session.raw_data, session.data) = read_data(&mut wire, &mut session);
                wire.say(relay.data_reply);
            }
            "QUIT" => {
                wire.say("221 2.0.0 bye\r\n");
                return session;
            }
            _ => wire.say("502 5.5.2 command not recognised\r\n"),
        }
    }
    session
}

fn ehlo_reply(relay: &Relay, tls: bool) -> String {
    let mut lines = vec!["relay.test greets you".to_owned(), "8BITMIME".to_owned()];
    if relay.starttls && !tls && !relay.implicit_tls {
        lines.push("STARTTLS".to_owned());
    }
    if !relay.auth.is_empty() && (tls || relay.auth_in_clear) {
        lines.push(format!("AUTH {}", relay.auth));
    }
    let last = lines.len() - 1;
    lines
        .iter()
        .enumerate()
        .map(|(i, l)| format!("250{}{l}\r\n", if i == last { ' ' } else { '-' }))
        .collect()
}

fn b64(text: &str) -> String {
    STANDARD.encode(text)
}

fn unb64(text: &str) -> String {
    String::from_utf8(STANDARD.decode(text.trim_end()).unwrap()).unwrap()
}

/// The server side of AUTH PLAIN (initial response or after a 334) and AUTH LOGIN.
fn auth_exchange(wire: &mut Wire, session: &mut Session, line: &str) -> (String, String) {
    let words: Vec<&str> = line.trim_end().split(' ').collect();
    match words.get(1).map(|m| m.to_ascii_uppercase()).as_deref() {
        Some("PLAIN") => {
            let response = match words.get(2) {
                Some(r) => (*r).to_owned(),
                None => {
                    wire.say("334 \r\n");
                    wire.line(session).unwrap_or_default()
                }
            };
            let decoded = unb64(&response);
            let mut parts = decoded.split('\0').skip(1);
            (parts.next().unwrap_or("").to_owned(), parts.next().unwrap_or("").to_owned())
        }
        Some("LOGIN") => {
            wire.say(&format!("334 {}\r\n", b64("Username:")));
            let user = unb64(&wire.line(session).unwrap_or_default());
            wire.say(&format!("334 {}\r\n", b64("Password:")));
            (user, unb64(&wire.line(session).unwrap_or_default()))
        }
        other => panic!("unexpected AUTH mechanism {other:?}"),
    }
}

/// Reads up to the lone `.` line; returns the section as sent and with dot-stuffing undone.
fn read_data(wire: &mut Wire, session: &mut Session) -> (String, String) {
    let (mut raw, mut data) = (String::new(), String::new());
    loop {
        let line = wire.line(session).unwrap_or_else(|| panic!("connection closed inside DATA"));
        assert!(line.ends_with("\r\n"), "bare line ending in DATA: {line:?}");
        if line == ".\r\n" {
            return (raw, data);
        }
        raw.push_str(&line);
        data.push_str(line.strip_prefix('.').unwrap_or(&line));
    }
}

fn config(port: u16, tls: TlsMode, pki: &Pki) -> SmtpConfig {
    let mut config = SmtpConfig::new("127.0.0.1", port);
    config.tls = tls;
    config.timeout = Duration::from_millis(300);
    if tls != TlsMode::None {
        config.extra_ca_file = Some(pki.ca_file());
        config.login = Some(SmtpLogin::new(USER, PASSWORD).unwrap());
    }
    config
}

fn channel(config: SmtpConfig) -> SmtpChannel {
    let from = Address::parse("noreply@umis.example").unwrap();
    SmtpChannel::new(config, from, HostName::parse("umis.test").unwrap()).unwrap()
}

fn message() -> Message {
    let to = Address::parse("ali@example.az").unwrap();
    Message::new(
        to,
        "Bağışlayın — Заявление принято к рассмотрению",
        "Hörmətli Ali,\nBağışlayın.\nЗаявление принято.\n",
        "job-42",
    )
    .unwrap()
}

/// Undoes RFC 2047 encoded words (folded onto continuation lines) in a header value.
fn decode_header(value: &str) -> String {
    let words = value.split("\r\n ").map(|w| {
        let inner = w.strip_prefix("=?UTF-8?B?").and_then(|w| w.strip_suffix("?=")).unwrap();
        String::from_utf8(STANDARD.decode(inner).unwrap()).unwrap()
    });
    words.collect()
}

fn header<'a>(head: &'a str, name: &str) -> &'a str {
    let at = format!("\r\n{head}").find(&format!("\r\n{name}: ")).unwrap();
    let rest = &head[at + name.len() + 2..];
    // A header ends at the first CRLF not followed by folding white space.
    let mut end = 0;
    loop {
        match rest[end..].find("\r\n") {
            Some(i) if rest[end + i + 2..].starts_with(' ') => end += i + 2,
            Some(i) => return &rest[..end + i],
            None => return rest,
        }
    }
}

/// The message arrived whole: headers, folded UTF-8 subject, base64 body.
fn assert_intact(session: &Session) {
    let (head, body) = session.data.split_once("\r\n\r\n").unwrap();
    assert_eq!(header(head, "From"), "noreply@umis.example");
    assert_eq!(header(head, "To"), "ali@example.az");
    assert_eq!(header(head, "Message-ID"), "<job-42@umis.test>");
    assert_eq!(header(head, "Auto-Submitted"), "auto-generated");
    assert_eq!(header(head, "Content-Type"), "text/plain; charset=utf-8");
    assert_eq!(header(head, "Content-Transfer-Encoding"), "base64");
    assert!(header(head, "Date").ends_with(" +0000"));
    assert!(header(head, "Subject").contains("\r\n =?UTF-8?B?"), "long subject folded into several words");
    assert_eq!(decode_header(header(head, "Subject")), "Bağışlayın — Заявление принято к рассмотрению");
    assert!(body.lines().all(|l| l.len() <= 76));
    let text = String::from_utf8(STANDARD.decode(body.replace("\r\n", "")).unwrap()).unwrap();
    assert_eq!(text, "Hörmətli Ali,\r\nBağışlayın.\r\nЗаявление принято.\r\n");
}

#[test]
fn delivers_utf8_text_over_starttls_after_auth_plain() {
    let pki = Pki::new(&["127.0.0.1"]);
    // AUTH is offered in clear too: the client must still wait for TLS.
    let (port, server) = serve(Relay { auth_in_clear: true, ..Relay::default() }, &pki);
    assert_eq!(channel(config(port, TlsMode::StartTls, &pki)).deliver(&message()), Ok(()));
    let session = server.join().unwrap();
    let expected = [
        (false, "EHLO umis.test"),
        (false, "STARTTLS"),
        (true, "EHLO umis.test"),
        (true, "AUTH PLAIN"),
        (true, "MAIL FROM:<noreply@umis.example>"),
        (true, "RCPT TO:<ali@example.az>"),
        (true, "DATA"),
        (true, "QUIT"),
    ];
    let got: Vec<(bool, &str)> = session.commands.iter().map(|(tls, c)| (*tls, c.as_str())).collect();
    assert_eq!(got, expected);
    assert_eq!(session.credentials, Some((USER.to_owned(), PASSWORD.to_owned(), true)));
    assert_eq!(session.clear_text, "EHLO umis.test\r\nSTARTTLS\r\n", "nothing but these in clear");
    assert_intact(&session);
}

#[test]
fn delivers_over_implicit_tls_with_auth_login() {
    let pki = Pki::new(&["127.0.0.1"]);
    let (port, server) = serve(Relay { implicit_tls: true, auth: "LOGIN", ..Relay::default() }, &pki);
    assert_eq!(channel(config(port, TlsMode::Tls, &pki)).deliver(&message()), Ok(()));
    let session = server.join().unwrap();
    assert_eq!(session.verbs(), ["EHLO", "AUTH", "MAIL", "RCPT", "DATA", "QUIT"]);
    assert!(session.commands.iter().all(|(tls, _)| *tls), "{:?}", session.commands);
    assert_eq!(session.commands[1].1, "AUTH LOGIN");
    assert_eq!(session.credentials, Some((USER.to_owned(), PASSWORD.to_owned(), true)));
    assert_eq!(session.clear_text, "");
    assert_intact(&session);
}

#[test]
fn a_relay_without_starttls_gets_nothing_when_starttls_is_required() {
    let pki = Pki::new(&["127.0.0.1"]);
    let relay = Relay { starttls: false, auth_in_clear: true, ..Relay::default() };
    let (port, server) = serve(relay, &pki);
    let err = channel(config(port, TlsMode::StartTls, &pki)).deliver(&message()).unwrap_err();
    let session = server.join().unwrap();
    assert!(err.is_temporary(), "the relay may be fixed; the message waits: {err}");
    assert!(err.to_string().contains("STARTTLS"), "{err}");
    assert_eq!(session.verbs(), ["EHLO"], "no AUTH, no MAIL, no message in clear");
    assert_eq!(session.credentials, None);
    assert_eq!(session.data, "");
}

#[test]
fn a_relay_certificate_the_client_does_not_trust_is_refused_before_auth() {
    let trusted = Pki::new(&["127.0.0.1"]);
    let wrong_name = Pki::new(&["relay.test"]);
    let wrong_name_ca = Some(wrong_name.ca_file());
    let cases = [
        // Signed by an authority the client was not told to trust.
        (Pki::new(&["127.0.0.1"]), Some(trusted.ca_file())),
        // The same, with only the public roots.
        (Pki::new(&["127.0.0.1"]), None),
        // Signed by the trusted authority, but for another name than the relay's.
        (wrong_name, wrong_name_ca),
    ];
    for (i, (served, ca)) in cases.into_iter().enumerate() {
        let (port, server) = serve(Relay::default(), &served);
        let mut config = config(port, TlsMode::StartTls, &served);
        config.extra_ca_file = ca;
        let err = channel(config).deliver(&message()).unwrap_err();
        let session = server.join().unwrap();
        assert!(err.is_temporary(), "case {i}: {err}");
        assert!(err.to_string().contains("certificate"), "case {i}: {err}");
        assert_eq!(session.verbs(), ["EHLO", "STARTTLS"], "case {i}");
        assert_eq!(session.credentials, None, "case {i}");
    }
}

#[test]
fn a_wrong_password_is_a_permanent_failure() {
    let pki = Pki::new(&["127.0.0.1"]);
    let (port, server) = serve(Relay::default(), &pki);
    let mut config = config(port, TlsMode::StartTls, &pki);
    config.login = Some(SmtpLogin::new(USER, "wrong password").unwrap());
    let err = channel(config).deliver(&message()).unwrap_err();
    let session = server.join().unwrap();
    assert!(!err.is_temporary(), "{err}");
    assert!(err.to_string().contains("535"), "{err}");
    assert!(!err.to_string().contains("wrong password"), "the password is not in the error: {err}");
    assert_eq!(session.credentials, Some((USER.to_owned(), "wrong password".to_owned(), true)));
    assert!(!session.verbs().contains(&"MAIL"), "{:?}", session.commands);
}

#[test]
fn lines_starting_with_a_dot_are_stuffed_and_arrive_intact() {
    let pki = Pki::new(&["127.0.0.1"]);
    let (port, server) = serve(Relay { starttls: false, auth: "", ..Relay::default() }, &pki);
    let eml = "Subject: dots\n\n.\n.hidden\n..two\nlast.\n";
    let to = Address::parse("ali@example.az").unwrap();
    assert_eq!(channel(config(port, TlsMode::None, &pki)).send_eml(&to, eml), Ok(()));
    let session = server.join().unwrap();
    assert_eq!(session.verbs(), ["EHLO", "MAIL", "RCPT", "DATA", "QUIT"]);
    assert_eq!(session.raw_data, "Subject: dots\r\n\r\n..\r\n..hidden\r\n...two\r\nlast.\r\n");
    assert_eq!(session.data, eml.replace('\n', "\r\n"));
}

#[test]
fn failures_are_sorted_for_retry() {
    let pki = Pki::new(&["127.0.0.1"]);
    let huge =
        format!("{}220 relay.test\r\n", "220-padding padding padding padding padding\r\n".repeat(3000));
    let after_tls: &[&str] = &["EHLO", "STARTTLS", "EHLO", "AUTH", "MAIL", "RCPT"];
    // (relay, mode, retry?, the error mentions, commands the relay saw)
    let cases: Vec<(Relay, TlsMode, bool, &str, Vec<&str>)> = vec![
        (
            Relay { greeting: "421 4.3.2 try again later\r\n".into(), ..Relay::default() },
            TlsMode::StartTls,
            true,
            "4.3.2 try again later",
            vec![],
        ),
        (
            Relay { greeting: "554 5.3.2 no service\r\n".into(), ..Relay::default() },
            TlsMode::StartTls,
            false,
            "554",
            vec![],
        ),
        (
            Relay { rcpt_reply: "550 5.1.1 no such mailbox\r\n", ..Relay::default() },
            TlsMode::StartTls,
            false,
            "5.1.1 no such mailbox",
            [after_tls, &["QUIT"]].concat(),
        ),
        (
            Relay { rcpt_reply: "451 4.7.1 greylisted\r\n", ..Relay::default() },
            TlsMode::StartTls,
            true,
            "4.7.1 greylisted",
            [after_tls, &["QUIT"]].concat(),
        ),
        (
            Relay { data_reply: "452 4.3.1 insufficient storage\r\n", ..Relay::default() },
            TlsMode::StartTls,
            true,
            "insufficient storage",
            [after_tls, &["DATA", "QUIT"]].concat(),
        ),
        (
            Relay { close_after_ehlo: true, ..Relay::default() },
            TlsMode::StartTls,
            true,
            "incomplete response",
            vec!["EHLO"],
        ),
        (
            Relay { greeting: "hello there\r\n".into(), ..Relay::default() },
            TlsMode::StartTls,
            true,
            "response error",
            vec![],
        ),
        (Relay { greeting: huge, ..Relay::default() }, TlsMode::StartTls, true, "too large", vec![]),
        (
            Relay { silent: true, ..Relay::default() },
            TlsMode::StartTls,
            true,
            "did not answer within 300ms",
            vec![],
        ),
        // The TLS handshake itself stalls.
        (
            Relay { silent: true, implicit_tls: true, ..Relay::default() },
            TlsMode::Tls,
            true,
            "did not answer within 300ms",
            vec![],
        ),
    ];
    for (relay, mode, temporary, mentions, commands) in cases {
        let label = format!("{:?} {mode}", relay.greeting.chars().take(30).collect::<String>());
        let slow = relay.silent;
        let (port, server) = serve(relay, &pki);
        let started = Instant::now();
        let err = channel(config(port, mode, &pki)).deliver(&message()).unwrap_err();
        let elapsed = started.elapsed();
        let session = server.join().unwrap();
        assert_eq!(err.is_temporary(), temporary, "{label}: {err}");
        assert!(err.to_string().contains(mentions), "{label}: {err}");
        assert_eq!(session.verbs(), commands, "{label}");
        assert!(elapsed < Duration::from_secs(2), "{label} took {elapsed:?}");
        if slow {
            assert!(elapsed >= Duration::from_millis(290), "gave up early: {elapsed:?}");
        }
    }
}

#[test]
fn nothing_listening_is_temporary() {
    let pki = Pki::new(&["127.0.0.1"]);
    let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let err = channel(config(port, TlsMode::StartTls, &pki)).deliver(&message()).unwrap_err();
    assert!(matches!(&err, DeliveryError::Temporary(m) if m.contains("refused")), "{err}");
}

#[test]
fn unsendable_text_fails_permanently_before_connecting() {
    let pki = Pki::new(&["127.0.0.1"]);
    // Nothing listens on this port: a connection attempt would give a temporary error instead.
    let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let to = Address::parse("ali@example.az").unwrap();
    for eml in ["Subject: Заявление\r\n\r\nbody\r\n", "", "a\0b"] {
        let err = channel(config(port, TlsMode::StartTls, &pki)).send_eml(&to, eml).unwrap_err();
        assert!(matches!(err, DeliveryError::Permanent(_)), "{eml:?}: {err}");
    }
}
