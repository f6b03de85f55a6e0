//! A minimal HTTP/1.1 client for the load generators: one keep-alive connection, one request
//! at a time (a closed loop: the next request leaves when the previous answer is in), bound to
//! a chosen loopback source address so that the server's per-client limits see distinct
//! clients, as they would in production.
//!
//! It understands what umis's server sends: a status line, headers and a `Content-Length`
//! body. Anything else (chunked bodies, oversized or garbled heads) is an error, and the
//! benchmarks count errors rather than hide them.

use std::fmt;
use std::net::{IpAddr, SocketAddr};
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpSocket, TcpStream};

/// Largest response head accepted.
const MAX_HEAD_BYTES: usize = 64 * 1024;
/// Largest response body accepted.
const MAX_BODY_BYTES: usize = 16 * 1024 * 1024;
/// A request that takes longer than this is an error (the server is stuck, not slow).
const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

/// Why a request got no usable answer.
#[derive(Debug)]
pub(super) enum ClientError {
    /// The connection could not be made or broke.
    Io(std::io::Error),
    /// The server closed the connection before a whole answer.
    Closed,
    /// No answer within [`REQUEST_TIMEOUT`].
    Timeout,
    /// The answer is not HTTP/1.1 as this client reads it.
    Malformed(&'static str),
}

impl fmt::Display for ClientError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ClientError::Io(e) => write!(f, "connection failed: {e}"),
            ClientError::Closed => f.write_str("the server closed the connection mid-answer"),
            ClientError::Timeout => f.write_str("no answer within 30 s"),
            ClientError::Malformed(why) => write!(f, "unreadable answer: {why}"),
        }
    }
}

impl From<std::io::Error> for ClientError {
    fn from(e: std::io::Error) -> ClientError {
        ClientError::Io(e)
    }
}

/// The head of a complete response found at the start of a buffer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Head {
    /// The status code.
    pub status: u16,
    /// Where the body starts.
    pub body_start: usize,
    /// The body's length.
    pub body_len: usize,
    /// The `name=value` part of the first `Set-Cookie` header.
    pub set_cookie: Option<String>,
}

/// Reads a response at the start of `buf`: `Ok(None)` while more bytes are needed.
pub(super) fn parse_response(buf: &[u8]) -> Result<Option<Head>, ClientError> {
    let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") else {
        return if buf.len() > MAX_HEAD_BYTES {
            Err(ClientError::Malformed("response head too large"))
        } else {
            Ok(None)
        };
    };
    if end > MAX_HEAD_BYTES {
        return Err(ClientError::Malformed("response head too large"));
    }
    let head = std::str::from_utf8(&buf[..end]).map_err(|_| ClientError::Malformed("head not UTF-8"))?;
    let mut lines = head.split("\r\n");
    let status = parse_status_line(lines.next().unwrap_or_default())?;
    let mut length = None;
    let mut set_cookie = None;
    for line in lines {
        let (name, value) = line.split_once(':').ok_or(ClientError::Malformed("header without a colon"))?;
        let value = value.trim();
        if name.eq_ignore_ascii_case("content-length") {
            let n: usize = value.parse().map_err(|_| ClientError::Malformed("bad Content-Length"))?;
            if length.is_some_and(|l| l != n) {
                return Err(ClientError::Malformed("conflicting Content-Length headers"));
            }
            length = Some(n);
        } else if name.eq_ignore_ascii_case("transfer-encoding") {
            return Err(ClientError::Malformed("Transfer-Encoding is not supported"));
        } else if name.eq_ignore_ascii_case("set-cookie") && set_cookie.is_none() {
            set_cookie = Some(value.split(';').next().unwrap_or_default().trim().to_owned());
        }
    }
    let body_len = match length {
        Some(n) => n,
        // Only answers that cannot have a body may omit its length.
        None if matches!(status, 100..=199 | 204 | 304) => 0,
        None => return Err(ClientError::Malformed("no Content-Length")),
    };
    if body_len > MAX_BODY_BYTES {
        return Err(ClientError::Malformed("response body too large"));
    }
    let body_start = end + 4;
    if buf.len() < body_start.saturating_add(body_len) {
        return Ok(None);
    }
    Ok(Some(Head { status, body_start, body_len, set_cookie }))
}

fn parse_status_line(line: &str) -> Result<u16, ClientError> {
    let mut parts = line.splitn(3, ' ');
    if parts.next() != Some("HTTP/1.1") {
        return Err(ClientError::Malformed("not an HTTP/1.1 status line"));
    }
    let code = parts.next().unwrap_or_default();
    match code.parse::<u16>() {
        Ok(n) if code.len() == 3 && (100..=599).contains(&n) => Ok(n),
        _ => Err(ClientError::Malformed("bad status code")),
    }
}

/// A signed-in person's credentials for a request.
#[derive(Debug, Clone)]
pub(super) struct Session {
    /// The `name=value` session cookie.
    pub cookie: String,
    /// The session's CSRF token.
    pub csrf: String,
}

/// One request.
pub(super) struct Request<'a> {
    pub method: &'a str,
    pub path: &'a str,
    pub content_type: &'a str,
    pub body: &'a [u8],
    pub session: Option<&'a Session>,
}

/// One answer.
#[derive(Debug)]
pub(super) struct Reply {
    pub status: u16,
    pub body: Vec<u8>,
    pub set_cookie: Option<String>,
}

impl Reply {
    /// The body as JSON (`Null` when it is not).
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).unwrap_or(serde_json::Value::Null)
    }
}

/// One keep-alive connection.
pub(super) struct Conn {
    stream: TcpStream,
    host: String,
    buf: Vec<u8>,
    out: Vec<u8>,
}

impl Conn {
    /// Connects to `server`, from `source` when given (any loopback address works on Linux).
    pub async fn connect(server: SocketAddr, source: Option<IpAddr>) -> Result<Conn, ClientError> {
        let stream = match source {
            None => TcpStream::connect(server).await?,
            Some(ip) => {
                let socket = if ip.is_ipv4() { TcpSocket::new_v4()? } else { TcpSocket::new_v6()? };
                socket.bind(SocketAddr::new(ip, 0))?;
                socket.connect(server).await?
            }
        };
        stream.set_nodelay(true)?;
        Ok(Conn { stream, host: server.to_string(), buf: Vec::with_capacity(8192), out: Vec::new() })
    }

    /// Sends `req` and reads its answer.
    pub async fn send(&mut self, req: &Request<'_>) -> Result<Reply, ClientError> {
        match tokio::time::timeout(REQUEST_TIMEOUT, self.exchange(req)).await {
            Ok(result) => result,
            Err(_) => Err(ClientError::Timeout),
        }
    }

    async fn exchange(&mut self, req: &Request<'_>) -> Result<Reply, ClientError> {
        use std::io::Write;
        self.out.clear();
        write!(
            self.out,
            "{} {} HTTP/1.1\r\nHost: {}\r\nContent-Type: {}\r\nContent-Length: {}\r\n",
            req.method,
            req.path,
            self.host,
            req.content_type,
            req.body.len()
        )?;
        if let Some(s) = req.session {
            write!(self.out, "Cookie: {}\r\nX-CSRF-Token: {}\r\n", s.cookie, s.csrf)?;
        }
        self.out.extend_from_slice(b"\r\n");
        self.out.extend_from_slice(req.body);
        self.stream.write_all(&self.out).await?;
        self.buf.clear();
        let mut chunk = [0u8; 16 * 1024];
        loop {
            if let Some(head) = parse_response(&self.buf)? {
                let body = self.buf[head.body_start..head.body_start + head.body_len].to_vec();
                return Ok(Reply { status: head.status, body, set_cookie: head.set_cookie });
            }
            let n = self.stream.read(&mut chunk).await?;
            if n == 0 {
                return Err(ClientError::Closed);
            }
            self.buf.extend_from_slice(&chunk[..n]);
        }
    }
}

#[cfg(test)]
#[expect(clippy::unwrap_used, reason = "tests fail loudly")]
mod tests {
    use super::*;

    /// What a buffer should parse to.
    #[derive(Debug, PartialEq)]
    enum Want<'a> {
        /// A whole response: status, body, session cookie.
        Done(u16, &'a str, Option<&'a str>),
        /// Not yet: more bytes are needed.
        More,
        /// Refused.
        Bad,
    }

    fn check(input: &[u8], want: &Want<'_>) {
        let parsed = parse_response(input);
        let cookie;
        let got = match &parsed {
            Ok(Some(h)) => {
                cookie = h.set_cookie.clone();
                let body = input.get(h.body_start..h.body_start + h.body_len).unwrap_or_default();
                Want::Done(h.status, std::str::from_utf8(body).unwrap_or("<not UTF-8>"), cookie.as_deref())
            }
            Ok(None) => Want::More,
            Err(_) => Want::Bad,
        };
        assert_eq!(&got, want, "{:?}", String::from_utf8_lossy(&input[..input.len().min(200)]));
    }

    #[test]
    fn responses_parse_or_are_refused() {
        let cases: &[(&[u8], Want<'_>)] = &[
            (b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\n{}", Want::Done(200, "{}", None)),
            (b"HTTP/1.1 201 Created\r\nContent-Length: 3\r\n\r\nabcEXTRA", Want::Done(201, "abc", None)),
            (b"HTTP/1.1 204 No Content\r\n\r\n", Want::Done(204, "", None)),
            (
                b"HTTP/1.1 200 OK\r\nset-cookie: s=abc; Path=/; HttpOnly\r\nset-cookie: t=1\r\ncontent-length: 0\r\n\r\n",
                Want::Done(200, "", Some("s=abc")),
            ),
            (b"HTTP/1.1 404 Not Found\r\ncontent-length:1\r\n\r\nx", Want::Done(404, "x", None)),
            (b"HTTP/1.1 200 OK\r\ncontent-length: 5\r\n\r\nab", Want::More),
            (b"HTTP/1.1 200 OK\r\ncontent-len", Want::More),
            (b"", Want::More),
            (b"HTTP/1.1 200 OK\r\n\r\n", Want::Bad),
            (b"HTTP/1.0 200 OK\r\ncontent-length: 0\r\n\r\n", Want::Bad),
            (b"HTTP/1.1 2000 OK\r\ncontent-length: 0\r\n\r\n", Want::Bad),
            (b"HTTP/1.1 099 OK\r\ncontent-length: 0\r\n\r\n", Want::Bad),
            (b"HTTP/1.1 +20 OK\r\ncontent-length: 0\r\n\r\n", Want::Bad),
            (b"HTTP/1.1 200 OK\r\ncontent-length: -1\r\n\r\n", Want::Bad),
            (b"HTTP/1.1 200 OK\r\ncontent-length: 99999999999999999999999\r\n\r\n", Want::Bad),
            (b"HTTP/1.1 200 OK\r\ncontent-length: 1\r\ncontent-length: 2\r\n\r\nab", Want::Bad),
            (b"HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n0\r\n\r\n", Want::Bad),
            (b"HTTP/1.1 200 OK\r\nno colon here\r\ncontent-length: 0\r\n\r\n", Want::Bad),
            (b"HTTP/1.1 200 OK\r\ncontent-length: 999999999\r\n\r\n", Want::Bad),
            (b"HTTP/1.1 200 \xff\xfe\r\ncontent-length: 0\r\n\r\n", Want::Bad),
            (b"\r\n\r\n", Want::Bad),
        ];
        for (input, want) in cases {
            check(input, want);
        }
    }

    #[test]
    fn an_endless_or_oversized_head_is_refused_not_buffered() {
        let mut endless = b"HTTP/1.1 200 OK\r\n".to_vec();
        endless.extend(std::iter::repeat_n(b'a', MAX_HEAD_BYTES + 1));
        check(&endless, &Want::Bad);
        let mut long_header = b"HTTP/1.1 200 OK\r\nx: ".to_vec();
        long_header.extend(std::iter::repeat_n(b'a', MAX_HEAD_BYTES));
        long_header.extend_from_slice(b"\r\ncontent-length: 0\r\n\r\n");
        check(&long_header, &Want::Bad);
    }

    #[test]
    fn every_prefix_of_a_response_is_incomplete_never_an_error() {
        let full = b"HTTP/1.1 200 OK\r\nset-cookie: a=b\r\ncontent-length: 4\r\n\r\nbody";
        for n in 0..full.len() {
            check(&full[..n], &Want::More);
        }
        check(full, &Want::Done(200, "body", Some("a=b")));
    }

    /// A one-connection server that answers each request with the next of `answers`, then
    /// closes; returns what it was sent.
    async fn serve(answers: Vec<&'static [u8]>) -> (SocketAddr, tokio::task::JoinHandle<Vec<u8>>) {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let task = tokio::spawn(async move {
            let (mut s, _) = listener.accept().await.unwrap();
            let mut seen = Vec::new();
            for answer in answers {
                let mut chunk = [0u8; 4096];
                let n = s.read(&mut chunk).await.unwrap();
                seen.extend_from_slice(&chunk[..n]);
                s.write_all(answer).await.unwrap();
            }
            seen
        });
        (addr, task)
    }

    #[test]
    fn a_connection_sends_the_session_and_reads_answers_until_the_server_hangs_up() {
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        runtime.block_on(async {
            let (addr, server) = serve(vec![
                b"HTTP/1.1 200 OK\r\nset-cookie: s=1; Path=/\r\ncontent-length: 7\r\n\r\n{\"a\":1}",
                b"HTTP/1.1 201 Created\r\ncontent-length: 10\r\n\r\ncut",
            ])
            .await;
            let mut conn = Conn::connect(addr, Some(IpAddr::from([127, 0, 0, 1]))).await.unwrap();
            let session = Session { cookie: "s=1".into(), csrf: "tok".into() };
            let req = Request {
                method: "POST",
                path: "/x",
                content_type: "application/json",
                body: b"{}",
                session: Some(&session),
            };
            let reply = conn.send(&req).await.unwrap();
            assert_eq!((reply.status, reply.json()["a"].as_i64()), (200, Some(1)));
            assert_eq!(reply.set_cookie.as_deref(), Some("s=1"));
            let second = conn.send(&req).await;
            assert!(matches!(second, Err(ClientError::Closed)), "{second:?}");
            let seen = String::from_utf8(server.await.unwrap()).unwrap();
            assert!(seen.starts_with("POST /x HTTP/1.1\r\n"), "{seen}");
            assert!(seen.contains("Cookie: s=1\r\nX-CSRF-Token: tok\r\n"), "{seen}");
            assert!(seen.contains("Content-Length: 2\r\n"), "{seen}");
            assert!(seen.contains("X-CSRF-Token: tok\r\n\r\n{}POST"), "two requests, body last: {seen}");
        });
    }
}
