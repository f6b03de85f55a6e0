//! Delivery through an SMTP relay: a minimal RFC 5321 client over a plain TCP connection.
//!
//! There is no STARTTLS and no AUTH in this version. The relay is expected on a trusted local
//! network, typically the host's own MTA on `127.0.0.1:25`, which takes over queuing, TLS and
//! onward delivery; point the configuration there, never at a relay across the internet.
//!
//! One message is one connection: greeting, `EHLO` (falling back to `HELO`), `MAIL FROM`,
//! `RCPT TO`, `DATA`, the dot-stuffed message, `.`, `QUIT`. Every wait for the server is bounded
//! by the timeout, and every reply by 4 KiB, so a stuck or hostile relay costs a worker a few
//! seconds, never a thread. Failures are sorted for the retry logic: 4xx, network trouble,
//! timeouts and unreadable replies are temporary; 5xx and unsendable content are permanent.

use super::reply::{self, Reply};
use super::{Address, Channel, DeliveryError, HostName, Message, render_eml};
use std::io::{ErrorKind, Read as _, Write as _};
use std::net::{Shutdown, TcpStream, ToSocketAddrs as _};
use std::time::{Duration, Instant, SystemTime};

/// How long to wait for a connection, a reply or a write when no other timeout is configured.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(10);
/// RFC 5321 §4.5.3.1.6: at most 998 octets per line before the CRLF.
const MAX_LINE: usize = 998;
/// Largest message text accepted by [`SmtpChannel::send_eml`]; a rendered notification of the
/// largest allowed body is well below.
const MAX_DATA: usize = 4 * 1024 * 1024;

/// An SMTP relay as a delivery channel.
#[derive(Debug, Clone)]
pub struct SmtpChannel {
    host: String,
    port: u16,
    from: Address,
    helo_name: HostName,
    timeout: Duration,
}

impl SmtpChannel {
    /// A channel to the relay at `host:port`, sending as `from` and introducing itself as
    /// `helo_name` (also the right-hand side of Message-IDs), with [`DEFAULT_TIMEOUT`].
    pub fn new(host: &str, port: u16, from: Address, helo_name: HostName) -> SmtpChannel {
        SmtpChannel { host: host.to_owned(), port, from, helo_name, timeout: DEFAULT_TIMEOUT }
    }

    /// The same channel with another timeout for connecting, each reply and each write. A zero
    /// timeout is raised to one millisecond, because the operating system reads zero as "none".
    #[must_use]
    pub fn with_timeout(mut self, timeout: Duration) -> SmtpChannel {
        self.timeout = timeout.max(Duration::from_millis(1));
        self
    }

    /// Sends an already rendered RFC 5322 text (for example an outbox file) to `to`. The text
    /// must be 7-bit ASCII with lines of at most 998 octets; LF line endings become CRLF and
    /// lines starting with a dot are dot-stuffed.
    pub fn send_eml(&self, to: &Address, eml: &str) -> Result<(), DeliveryError> {
        let data = data_section(eml)?;
        let mut conn = Connection::open(&self.host, self.port, self.timeout)?;
        let outcome = self.transaction(&mut conn, to, &data);
        // After a refusal the server is still listening and deserves a proper goodbye; after a
        // network failure there is nobody to say it to.
        if !conn.broken {
            conn.quit();
        }
        outcome
    }

    fn transaction(&self, conn: &mut Connection, to: &Address, data: &[u8]) -> Result<(), DeliveryError> {
        expect(conn.reply()?, "greeting", &[220])?;
        conn.send(format!("EHLO {}\r\n", self.helo_name).as_bytes())?;
        let ehlo = conn.reply()?;
        if ehlo.code / 100 == 5 {
            // RFC 5321 §3.2: a server that does not know EHLO still knows HELO.
            conn.send(format!("HELO {}\r\n", self.helo_name).as_bytes())?;
            expect(conn.reply()?, "HELO", &[250])?;
        } else {
            expect(ehlo, "EHLO", &[250])?;
        }
        conn.send(format!("MAIL FROM:<{}>\r\n", self.from).as_bytes())?;
        expect(conn.reply()?, "MAIL FROM", &[250])?;
        conn.send(format!("RCPT TO:<{to}>\r\n").as_bytes())?;
        expect(conn.reply()?, "RCPT TO", &[250, 251])?;
        conn.send(b"DATA\r\n")?;
        expect(conn.reply()?, "DATA", &[354])?;
        conn.send(data)?;
        expect(conn.reply()?, "end of data", &[250])
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

/// Sorts a reply: one of the `accepted` codes, a temporary (4xx) or permanent (5xx) refusal, or
/// a code that makes no sense at this step, which is treated as temporary.
fn expect(reply: Reply, step: &str, accepted: &[u16]) -> Result<(), DeliveryError> {
    match reply.code {
        c if accepted.contains(&c) => Ok(()),
        400..=499 => Err(DeliveryError::Temporary(format!("relay refused {step}: {}", reply.summary()))),
        500..=599 => Err(DeliveryError::Permanent(format!("relay refused {step}: {}", reply.summary()))),
        _ => Err(DeliveryError::Temporary(format!("unexpected reply to {step}: {}", reply.summary()))),
    }
}

/// The bytes sent after `DATA`: CRLF lines, dot-stuffed (RFC 5321 §4.5.2), then `.` CRLF.
/// Content problems are permanent: sending the same text again cannot succeed.
fn data_section(eml: &str) -> Result<Vec<u8>, DeliveryError> {
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
    for line in eml.strip_suffix('\n').unwrap_or(eml).split('\n') {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.contains('\r') {
            return refuse("it contains a carriage return that does not end a line");
        }
        if line.len() > MAX_LINE {
            return refuse("a line is longer than 998 characters");
        }
        if line.starts_with('.') {
            out.push(b'.');
        }
        out.extend_from_slice(line.as_bytes());
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(b".\r\n");
    Ok(out)
}

/// One open connection to the relay, with the bytes read but not yet consumed.
struct Connection {
    stream: TcpStream,
    buf: Vec<u8>,
    timeout: Duration,
    /// Set once reading or writing failed: the dialogue cannot continue.
    broken: bool,
}

impl Connection {
    fn open(host: &str, port: u16, timeout: Duration) -> Result<Connection, DeliveryError> {
        let temporary = |why: String| DeliveryError::Temporary(why);
        let addrs = (host, port)
            .to_socket_addrs()
            .map_err(|e| temporary(format!("cannot resolve SMTP relay {host}:{port}: {e}")))?;
        let mut last_error = None;
        for addr in addrs {
            match TcpStream::connect_timeout(&addr, timeout) {
                Ok(stream) => {
                    stream
                        .set_write_timeout(Some(timeout))
                        .map_err(|e| temporary(format!("cannot configure the connection: {e}")))?;
                    return Ok(Connection { stream, buf: Vec::new(), timeout, broken: false });
                }
                Err(e) => last_error = Some(e),
            }
        }
        Err(temporary(match last_error {
            Some(e) if is_timeout(&e) => {
                format!("no connection to SMTP relay {host}:{port} within {timeout:?}")
            }
            Some(e) => format!("cannot connect to SMTP relay {host}:{port}: {e}"),
            None => format!("SMTP relay {host}:{port} resolves to no address"),
        }))
    }

    /// Reads one complete reply, which must arrive within the timeout as a whole: a server
    /// trickling one byte at a time cannot stretch the wait.
    fn reply(&mut self) -> Result<Reply, DeliveryError> {
        let deadline = Instant::now() + self.timeout;
        let mut chunk = [0u8; 1024];
        loop {
            match reply::parse_reply(&self.buf) {
                Ok(Some((reply, used))) => {
                    self.buf.drain(..used);
                    return Ok(reply);
                }
                Ok(None) => {}
                Err(e) => return Err(self.fail(e.to_string())),
            }
            let remaining = deadline.saturating_duration_since(Instant::now());
            if remaining.is_zero() {
                return Err(self.fail(format!("no complete reply from SMTP relay within {:?}", self.timeout)));
            }
            if let Err(e) = self.stream.set_read_timeout(Some(remaining)) {
                return Err(self.fail(format!("cannot configure the connection: {e}")));
            }
            match self.stream.read(&mut chunk) {
                Ok(0) => return Err(self.fail("SMTP relay closed the connection mid-dialogue".to_owned())),
                Ok(n) => self.buf.extend_from_slice(&chunk[..n]),
                Err(e) if e.kind() == ErrorKind::Interrupted => {}
                Err(e) if is_timeout(&e) => {
                    return Err(self.fail(format!("no reply from SMTP relay within {:?}", self.timeout)));
                }
                Err(e) => return Err(self.fail(format!("reading from SMTP relay failed: {e}"))),
            }
        }
    }

    fn send(&mut self, bytes: &[u8]) -> Result<(), DeliveryError> {
        match self.stream.write_all(bytes).and_then(|()| self.stream.flush()) {
            Ok(()) => Ok(()),
            Err(e) if is_timeout(&e) => {
                Err(self.fail(format!("SMTP relay did not accept data within {:?}", self.timeout)))
            }
            Err(e) => Err(self.fail(format!("writing to SMTP relay failed: {e}"))),
        }
    }

    /// Marks the connection unusable and builds the temporary error describing why.
    fn fail(&mut self, why: String) -> DeliveryError {
        self.broken = true;
        DeliveryError::Temporary(why)
    }

    /// Says goodbye; the message is already accepted or refused, so any failure here is moot.
    fn quit(&mut self) {
        if self.send(b"QUIT\r\n").is_ok() {
            let _goodbye = self.reply();
        }
        let _closed = self.stream.shutdown(Shutdown::Both);
    }
}

fn is_timeout(e: &std::io::Error) -> bool {
    matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut)
}

#[cfg(test)]
#[expect(clippy::unwrap_used, clippy::panic, reason = "tests fail loudly")]
mod tests {
    use super::*;

    fn check(eml: &str, expected: Result<&str, &str>) {
        let got = data_section(eml).map(|d| String::from_utf8_lossy(&d).into_owned());
        match (got, expected) {
            (Ok(got), Ok(want)) => assert_eq!(got, want, "{eml:?}"),
            (Err(DeliveryError::Permanent(got)), Err(want)) => assert!(got.contains(want), "{got}"),
            (got, _) => panic!("{eml:?} gave {got:?}"),
        }
    }

    #[test]
    fn data_is_crlf_dot_stuffed_and_terminated() {
        check("A: b\r\n\r\nbody\r\n", Ok("A: b\r\n\r\nbody\r\n.\r\n"));
        check("A: b\n\nbody", Ok("A: b\r\n\r\nbody\r\n.\r\n"));
        check(".\n..x\n.y\r\nz.\n", Ok("..\r\n...x\r\n..y\r\nz.\r\n.\r\n"));
        check("\n", Ok("\r\n.\r\n"));
        check(&"x".repeat(MAX_LINE), Ok(&format!("{}\r\n.\r\n", "x".repeat(MAX_LINE))));
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

    #[test]
    fn replies_are_sorted_by_class() {
        let r = |code: u16| Reply { code, text: "why".to_owned() };
        assert_eq!(expect(r(250), "MAIL FROM", &[250]), Ok(()));
        assert_eq!(expect(r(251), "RCPT TO", &[250, 251]), Ok(()));
        assert!(
            matches!(expect(r(451), "DATA", &[354]), Err(DeliveryError::Temporary(m)) if m.contains("451 why"))
        );
        assert!(
            matches!(expect(r(550), "RCPT TO", &[250]), Err(DeliveryError::Permanent(m)) if m.contains("RCPT TO"))
        );
        assert!(
            matches!(expect(r(354), "EHLO", &[250]), Err(DeliveryError::Temporary(m)) if m.contains("unexpected"))
        );
    }

    #[test]
    fn zero_timeout_is_raised() {
        let from = Address::parse("a@b.az").unwrap();
        let helo = HostName::parse("localhost").unwrap();
        let channel = SmtpChannel::new("127.0.0.1", 25, from, helo).with_timeout(Duration::ZERO);
        assert_eq!(channel.timeout, Duration::from_millis(1));
        assert_eq!(channel.name(), "smtp");
    }
}
