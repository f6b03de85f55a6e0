//! SMTP server replies (RFC 5321 §4.2): one or more lines `ddd-text` ending with `ddd text`,
//! all carrying the same code.
//!
//! The parser is pure (bytes in, reply out) so that every malformed or hostile shape can be
//! tested without a socket; the client feeds it what it has read so far. A reply may not exceed
//! 4 KiB, which bounds what a misbehaving server can make the client buffer.

use std::fmt;

/// Largest reply accepted, all lines together.
pub const MAX_REPLY_BYTES: usize = 4096;
/// How much of a server's text is kept in an error message.
const MAX_SUMMARY_CHARS: usize = 200;

/// One complete reply.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reply {
    /// The three-digit code, 200–599.
    pub code: u16,
    /// The text of all lines joined by spaces, control characters replaced.
    pub text: String,
}

impl Reply {
    /// `code text`, the text shortened so that an error message stays one readable line.
    pub fn summary(&self) -> String {
        let text: String = self.text.chars().take(MAX_SUMMARY_CHARS).collect();
        format!("{} {text}", self.code).trim_end().to_owned()
    }
}

/// Why the bytes read are not a reply.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReplyError {
    /// More than [`MAX_REPLY_BYTES`] without the reply ending.
    TooLong,
    /// Not the RFC 5321 shape; says which rule was broken.
    Malformed(&'static str),
}

impl fmt::Display for ReplyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReplyError::TooLong => write!(f, "server reply longer than 4 KiB"),
            ReplyError::Malformed(why) => write!(f, "malformed server reply: {why}"),
        }
    }
}

/// Looks for one complete reply at the start of `buf`: the reply and the number of bytes it
/// used, `None` when more bytes are needed, or an error when no valid reply can follow.
/// Lines may end in CRLF or a bare LF (lenient towards sloppy servers, strict on the rest).
pub fn parse_reply(buf: &[u8]) -> Result<Option<(Reply, usize)>, ReplyError> {
    let mut pos = 0;
    let mut code = None;
    let mut text = String::new();
    while let Some(nl) = buf[pos..].iter().position(|&b| b == b'\n') {
        let end = pos + nl + 1;
        if end > MAX_REPLY_BYTES {
            return Err(ReplyError::TooLong);
        }
        let raw = &buf[pos..pos + nl];
        let (line_code, last, line_text) = parse_line(raw.strip_suffix(b"\r").unwrap_or(raw))?;
        if code.is_some_and(|c| c != line_code) {
            return Err(ReplyError::Malformed("lines of one reply carry different codes"));
        }
        code = Some(line_code);
        if !text.is_empty() && !line_text.is_empty() {
            text.push(' ');
        }
        text.extend(String::from_utf8_lossy(line_text).chars().map(|c| if c.is_control() { ' ' } else { c }));
        pos = end;
        if last {
            return Ok(Some((Reply { code: line_code, text }, pos)));
        }
    }
    if buf.len() > MAX_REPLY_BYTES { Err(ReplyError::TooLong) } else { Ok(None) }
}

/// Splits one line (without its line ending) into code, whether it is the last line, and text.
fn parse_line(line: &[u8]) -> Result<(u16, bool, &[u8]), ReplyError> {
    let [a, b, c, rest @ ..] = line else {
        return Err(ReplyError::Malformed("line shorter than a three-digit code"));
    };
    if !(b'2'..=b'5').contains(a) || !b.is_ascii_digit() || !c.is_ascii_digit() {
        return Err(ReplyError::Malformed("line does not start with a code from 200 to 599"));
    }
    let code = u16::from(a - b'0') * 100 + u16::from(b - b'0') * 10 + u16::from(c - b'0');
    match rest {
        [] => Ok((code, true, &[])),
        [b' ', text @ ..] => Ok((code, true, text)),
        [b'-', text @ ..] => Ok((code, false, text)),
        _ => Err(ReplyError::Malformed("code not followed by a space or a hyphen")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    type Outcome = Result<Option<(u16, &'static str, usize)>, ReplyError>;

    fn check(input: &[u8], expected: Outcome) {
        let got = parse_reply(input);
        let got = got.as_ref().map(|o| o.as_ref().map(|(r, n)| (r.code, r.text.as_str(), *n)));
        assert_eq!(got, expected.as_ref().map(|o| o.as_ref().map(|&(c, t, n)| (c, t, n))), "{input:?}");
    }

    #[test]
    fn well_formed_replies() {
        check(b"220 mx.example ESMTP ready\r\n", Ok(Some((220, "mx.example ESMTP ready", 28))));
        check(
            b"250-mx.example\r\n250-PIPELINING\r\n250 8BITMIME\r\n",
            Ok(Some((250, "mx.example PIPELINING 8BITMIME", 46))),
        );
        check(b"250\r\n", Ok(Some((250, "", 5))));
        check(b"354 go\n", Ok(Some((354, "go", 7))));
        check(b"250 ok\r\n221 extra", Ok(Some((250, "ok", 8))));
        check(b"550 bad\x07bell\r\n", Ok(Some((550, "bad bell", 14))));
        check(b"451 \xff\xfe\r\n", Ok(Some((451, "\u{fffd}\u{fffd}", 8))));
    }

    #[test]
    fn incomplete_replies_ask_for_more() {
        for input in [&b""[..], b"22", b"220 ready", b"250-first\r\n", b"250-first\r\n250 la"] {
            check(input, Ok(None));
        }
    }

    #[test]
    fn malformed_replies_are_refused() {
        let cases: [&[u8]; 9] = [
            b"hello\r\n",
            b"22\r\n",
            b"\r\n",
            b"120 early\r\n",
            b"650 beyond\r\n",
            b"2x0 ok\r\n",
            b"250_ok\r\n",
            b"250-one\r\n251 two\r\n",
            b"\0\0\0\0\n",
        ];
        for input in cases {
            assert!(matches!(parse_reply(input), Err(ReplyError::Malformed(_))), "{input:?}");
        }
    }

    #[test]
    fn oversized_replies_are_refused() {
        let endless_line = vec![b'2'; MAX_REPLY_BYTES + 1];
        check(&endless_line, Err(ReplyError::TooLong));
        let many_lines = b"250-padding padding padding\r\n".repeat(200);
        check(&many_lines, Err(ReplyError::TooLong));
        let mut just_over = b"250 ".to_vec();
        just_over.extend(vec![b'x'; MAX_REPLY_BYTES - 5]);
        just_over.extend(b"\r\n");
        check(&just_over, Err(ReplyError::TooLong));
        let mut at_limit = b"250 ".to_vec();
        at_limit.extend(vec![b'x'; MAX_REPLY_BYTES - 6]);
        at_limit.extend(b"\r\n");
        assert!(matches!(parse_reply(&at_limit), Ok(Some((_, n))) if n == MAX_REPLY_BYTES));
    }

    #[test]
    fn summaries_are_short() {
        let reply = Reply { code: 550, text: "x".repeat(1000) };
        assert_eq!(reply.summary().len(), 4 + MAX_SUMMARY_CHARS);
        assert_eq!(Reply { code: 250, text: String::new() }.summary(), "250");
    }
}
