//! The SMTP channel against a real SMTP server run inside the test: a `TcpListener` on
//! 127.0.0.1 speaking the server side of RFC 5321 from a script, recording the envelope and the
//! message. Covers a full delivery of Azerbaijani and Russian text, dot-stuffing, the HELO
//! fallback, and how every kind of failure is sorted into temporary and permanent.

#![expect(clippy::unwrap_used, clippy::panic, reason = "tests fail loudly")]

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use std::io::{BufRead as _, BufReader, Read as _, Write as _};
use std::net::{TcpListener, TcpStream};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};
use umis_notify::{Address, Channel, DeliveryError, HostName, Message, SmtpChannel};

/// How the test server behaves.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Script {
    Accept,
    NoEhlo,
    Greeting451,
    Rcpt550,
    Silent,
    CloseAfterEhlo,
    HugeGreeting,
    GarbageGreeting,
}

/// What the server saw: every command line, and the DATA section as sent and as un-stuffed.
#[derive(Debug, Default)]
struct Session {
    commands: Vec<String>,
    raw_data: String,
    data: String,
}

fn serve(script: Script) -> (u16, JoinHandle<Session>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let server = thread::spawn(move || {
        let (stream, _) = listener.accept().unwrap();
        stream.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
        converse(stream, script)
    });
    (port, server)
}

fn greeting(script: Script) -> String {
    match script {
        Script::Greeting451 => "451 4.3.2 try again later\r\n".to_owned(),
        Script::HugeGreeting => "220-padding padding padding padding padding\r\n".repeat(120),
        Script::GarbageGreeting => "hello there\r\n".to_owned(),
        _ => "220 test.example ESMTP\r\n".to_owned(),
    }
}

fn converse(stream: TcpStream, script: Script) -> Session {
    let mut session = Session::default();
    let mut out = stream.try_clone().unwrap();
    let mut lines = BufReader::new(stream);
    if script == Script::Silent {
        // Accept the connection, say nothing, wait until the client gives up.
        let _ = lines.read_to_end(&mut Vec::new());
        return session;
    }
    out.write_all(greeting(script).as_bytes()).unwrap();
    loop {
        let mut line = String::new();
        if lines.read_line(&mut line).unwrap_or(0) == 0 {
            return session;
        }
        let command = line.strip_suffix("\r\n").unwrap_or_else(|| panic!("no CRLF: {line:?}")).to_owned();
        let verb = command.split([' ', ':']).next().unwrap_or("").to_ascii_uppercase();
        session.commands.push(command);
        let reply = match (verb.as_str(), script) {
            ("EHLO", Script::NoEhlo) => "502 5.5.2 command not recognised\r\n",
            ("EHLO", Script::CloseAfterEhlo) => return session,
            ("EHLO", _) => "250-test.example greets you\r\n250-8BITMIME\r\n250-SIZE 10240000\r\n250 HELP\r\n",
            ("HELO" | "MAIL", _) => "250 2.1.0 ok\r\n",
            ("RCPT", Script::Rcpt550) => "550 5.1.1 no such mailbox\r\n",
            ("RCPT", _) => "250 2.1.5 ok\r\n",
            ("DATA", _) => {
                out.write_all(b"354 end data with <CR><LF>.<CR><LF>\r\n").unwrap();
                (session.raw_data, session.data) = read_data(&mut lines);
                "250 2.0.0 queued\r\n"
            }
            ("QUIT", _) => {
                out.write_all(b"221 2.0.0 bye\r\n").unwrap();
                return session;
            }
            _ => "500 5.5.1 unknown command\r\n",
        };
        out.write_all(reply.as_bytes()).unwrap();
    }
}

/// Reads up to the lone `.` line; returns the section as sent and with dot-stuffing undone.
fn read_data(lines: &mut BufReader<TcpStream>) -> (String, String) {
    let (mut raw, mut data) = (String::new(), String::new());
    loop {
        let mut line = String::new();
        assert!(lines.read_line(&mut line).unwrap() > 0, "connection closed inside DATA");
        assert!(line.ends_with("\r\n"), "bare line ending in DATA: {line:?}");
        if line == ".\r\n" {
            return (raw, data);
        }
        raw.push_str(&line);
        data.push_str(line.strip_prefix('.').unwrap_or(&line));
    }
}

fn channel(port: u16) -> SmtpChannel {
    let from = Address::parse("noreply@umis.example").unwrap();
    SmtpChannel::new("127.0.0.1", port, from, HostName::parse("umis.test").unwrap())
        .with_timeout(Duration::from_millis(300))
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

#[test]
fn delivers_utf8_text_that_decodes_back() {
    let (port, server) = serve(Script::Accept);
    assert_eq!(channel(port).deliver(&message()), Ok(()));
    let session = server.join().unwrap();
    let expected =
        ["EHLO umis.test", "MAIL FROM:<noreply@umis.example>", "RCPT TO:<ali@example.az>", "DATA", "QUIT"];
    assert_eq!(session.commands, expected);

    let (head, body) = session.data.split_once("\r\n\r\n").unwrap();
    assert_eq!(header(head, "From"), "noreply@umis.example");
    assert_eq!(header(head, "To"), "ali@example.az");
    assert_eq!(header(head, "Message-ID"), "<job-42@umis.test>");
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
fn lines_starting_with_a_dot_are_stuffed_and_arrive_intact() {
    let (port, server) = serve(Script::Accept);
    let eml = "Subject: dots\n\n.\n.hidden\n..two\nlast.\n";
    let to = Address::parse("ali@example.az").unwrap();
    assert_eq!(channel(port).send_eml(&to, eml), Ok(()));
    let session = server.join().unwrap();
    assert_eq!(session.raw_data, "Subject: dots\r\n\r\n..\r\n..hidden\r\n...two\r\nlast.\r\n");
    assert_eq!(session.data, eml.replace('\n', "\r\n"));
}

#[test]
fn a_server_without_ehlo_is_greeted_with_helo() {
    let (port, server) = serve(Script::NoEhlo);
    assert_eq!(channel(port).deliver(&message()), Ok(()));
    let session = server.join().unwrap();
    assert_eq!(session.commands[..2], ["EHLO umis.test", "HELO umis.test"]);
    assert!(session.data.contains("Message-ID: <job-42@umis.test>"));
}

#[test]
fn failures_are_sorted_for_retry() {
    // (script, retry?, the error mentions, commands the server saw)
    let cases: [(Script, bool, &str, &[&str]); 6] = [
        (Script::Greeting451, true, "451 4.3.2 try again later", &["QUIT"]),
        (Script::Rcpt550, false, "550 5.1.1 no such mailbox", &["EHLO", "MAIL", "RCPT", "QUIT"]),
        (Script::CloseAfterEhlo, true, "closed the connection", &["EHLO"]),
        (Script::HugeGreeting, true, "longer than 4 KiB", &[]),
        (Script::GarbageGreeting, true, "malformed server reply", &[]),
        (Script::Silent, true, "within 300ms", &[]),
    ];
    for (script, temporary, mentions, commands) in cases {
        let (port, server) = serve(script);
        let started = Instant::now();
        let err = channel(port).deliver(&message()).unwrap_err();
        let elapsed = started.elapsed();
        let session = server.join().unwrap();
        assert_eq!(err.is_temporary(), temporary, "{script:?}: {err}");
        assert!(err.to_string().contains(mentions), "{script:?}: {err}");
        let verbs: Vec<&str> = session.commands.iter().map(|c| c.split([' ', ':']).next().unwrap()).collect();
        assert_eq!(verbs, commands, "{script:?}");
        assert!(elapsed < Duration::from_secs(2), "{script:?} took {elapsed:?}");
        if script == Script::Silent {
            assert!(elapsed >= Duration::from_millis(290), "gave up early: {elapsed:?}");
        }
    }
}

#[test]
fn nothing_listening_is_temporary() {
    let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let err = channel(port).deliver(&message()).unwrap_err();
    assert!(matches!(&err, DeliveryError::Temporary(m) if m.contains("cannot connect")), "{err}");
}

#[test]
fn unsendable_text_fails_permanently_before_connecting() {
    // Nothing listens on this port: a connection attempt would give a temporary error instead.
    let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let to = Address::parse("ali@example.az").unwrap();
    for eml in ["Subject: Заявление\r\n\r\nbody\r\n", "", "a\0b"] {
        let err = channel(port).send_eml(&to, eml).unwrap_err();
        assert!(matches!(err, DeliveryError::Permanent(_)), "{eml:?}: {err}");
    }
}
