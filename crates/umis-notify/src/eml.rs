//! The RFC 5322 text of a notification, shared by every channel so that what the outbox stores
//! is byte for byte what the relay would have received.
//!
//! The output is 7-bit ASCII with CRLF line endings: non-ASCII subjects become RFC 2047 encoded
//! words and the body is base64, so Azerbaijani and Russian text reaches the reader intact
//! through any relay, with or without 8BITMIME, and no body line can ever start with a dot or
//! look like a header.

use super::{Address, HostName, Message};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use std::time::{SystemTime, UNIX_EPOCH};
use umis_domain::Date;

/// Base64 body lines are 76 characters, the MIME maximum (RFC 2045 §6.8).
const BODY_LINE: usize = 76;
/// Raw bytes per encoded word: 45 bytes give 60 base64 characters, which with the 12 characters
/// of `=?UTF-8?B?` and `?=` stays within the 75-character limit of RFC 2047 §2.
const WORD_BYTES: usize = 45;

/// Renders the message as an RFC 5322 / MIME text: headers `Date`, `From`, `To`, `Subject`,
/// `Message-ID` (`<id@helo_name>`), `Auto-Submitted: auto-generated` (RFC 3834: vacation
/// responders and mailing lists do not answer it), `MIME-Version`, `Content-Type` and
/// `Content-Transfer-Encoding`, then the base64 body; every line ends in CRLF.
pub fn render_eml(m: &Message, from: &Address, helo_name: &HostName, date: SystemTime) -> String {
    let mut out = String::with_capacity(512 + m.body().len() * 4 / 3);
    for (name, value) in [
        ("Date", rfc5322_date(date)),
        ("From", from.to_string()),
        ("To", m.to().to_string()),
        ("Subject", encode_subject(m.subject())),
        ("Message-ID", format!("<{}@{helo_name}>", m.id())),
        ("Auto-Submitted", "auto-generated".to_owned()),
        ("MIME-Version", "1.0".to_owned()),
        ("Content-Type", "text/plain; charset=utf-8".to_owned()),
        ("Content-Transfer-Encoding", "base64".to_owned()),
    ] {
        out.push_str(name);
        out.push_str(": ");
        out.push_str(&value);
        out.push_str("\r\n");
    }
    out.push_str("\r\n");
    out.push_str(&body_base64(m.body()));
    out
}

/// Formats a moment as an RFC 5322 date in UTC, e.g. `Thu, 01 Jan 1970 00:00:00 +0000`.
pub fn rfc5322_date(t: SystemTime) -> String {
    const DAYS: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
    const MONTHS: [&str; 12] =
        ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    let secs = match t.duration_since(UNIX_EPOCH) {
        Ok(d) => i64::try_from(d.as_secs()).unwrap_or(i64::MAX),
        Err(e) => {
            // Before 1970: floor, so that -0.5 s is 23:59:59 of the day before.
            let d = e.duration();
            let whole = i64::try_from(d.as_secs()).unwrap_or(i64::MAX);
            0i64.saturating_sub(whole).saturating_sub(i64::from(d.subsec_nanos() > 0))
        }
    };
    let days = i32::try_from(secs.div_euclid(86_400)).unwrap_or(if secs < 0 { i32::MIN } else { i32::MAX });
    // Date clamps to years 1..=9999; weekday and calendar day come from the same clamped day.
    let date = Date::from_days(days);
    let (y, mo, d) = date.ymd();
    let sod = secs.rem_euclid(86_400);
    let weekday = DAYS[usize::try_from((date.days() + 4).rem_euclid(7)).unwrap_or(0)];
    let month = MONTHS[usize::try_from(mo.saturating_sub(1)).unwrap_or(0).min(11)];
    format!("{weekday}, {d:02} {month} {y:04} {:02}:{:02}:{:02} +0000", sod / 3600, sod % 3600 / 60, sod % 60)
}

/// The Subject header value: as is when it is printable ASCII that cannot be mistaken for an
/// encoded word, otherwise RFC 2047 `=?UTF-8?B?…?=` words split on character boundaries and
/// folded onto continuation lines.
pub(super) fn encode_subject(subject: &str) -> String {
    let plain = subject.bytes().all(|b| (0x20..0x7f).contains(&b)) && !subject.contains("=?");
    if plain {
        return subject.to_owned();
    }
    let mut words = Vec::new();
    let mut chunk = String::new();
    for c in subject.chars() {
        if chunk.len() + c.len_utf8() > WORD_BYTES {
            words.push(encoded_word(&chunk));
            chunk.clear();
        }
        chunk.push(c);
    }
    if !chunk.is_empty() {
        words.push(encoded_word(&chunk));
    }
    words.join("\r\n ")
}

fn encoded_word(chunk: &str) -> String {
    format!("=?UTF-8?B?{}?=", STANDARD.encode(chunk))
}

/// The body in canonical form (CRLF line endings, as RFC 2046 requires for text), base64
/// encoded in lines of 76 characters, each ending in CRLF.
fn body_base64(body: &str) -> String {
    let canonical = body.replace("\r\n", "\n").replace('\r', "\n").replace('\n', "\r\n");
    let encoded = STANDARD.encode(canonical.as_bytes());
    let mut out = String::with_capacity(encoded.len() + encoded.len() / BODY_LINE * 2 + 2);
    // Base64 output is ASCII, so splitting the bytes never cuts a character.
    for line in encoded.as_bytes().chunks(BODY_LINE) {
        out.push_str(&String::from_utf8_lossy(line));
        out.push_str("\r\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn at(secs: u64) -> SystemTime {
        UNIX_EPOCH + Duration::from_secs(secs)
    }

    #[test]
    fn dates_are_rfc5322_in_utc() {
        let cases = [
            (at(0), "Thu, 01 Jan 1970 00:00:00 +0000"),
            (at(951_782_400), "Tue, 29 Feb 2000 00:00:00 +0000"),
            (at(1_783_676_096), "Fri, 10 Jul 2026 09:34:56 +0000"),
            (UNIX_EPOCH - Duration::from_millis(500), "Wed, 31 Dec 1969 23:59:59 +0000"),
            (UNIX_EPOCH - Duration::from_secs(86_400), "Wed, 31 Dec 1969 00:00:00 +0000"),
        ];
        for (t, expected) in cases {
            assert_eq!(rfc5322_date(t), expected);
        }
    }

    #[test]
    fn far_future_dates_do_not_panic() {
        // Beyond the calendar's range the date is clamped to the year 9999, not wrapped.
        let far = UNIX_EPOCH.checked_add(Duration::from_secs(u64::MAX / 4)).map(rfc5322_date);
        assert!(far.as_ref().is_some_and(|d| d.contains(" Dec 9999 ")), "{far:?}");
    }

    #[test]
    fn subjects_are_plain_or_encoded_words_of_at_most_75_characters() {
        let cases = [
            ("Application approved", "Application approved"),
            ("", ""),
            ("=?looks encoded", "=?UTF-8?B?PT9sb29rcyBlbmNvZGVk?="),
            ("Bağışlayın", "=?UTF-8?B?QmHEn8SxxZ9sYXnEsW4=?="),
        ];
        for (subject, expected) in cases {
            assert_eq!(encode_subject(subject), expected, "{subject:?}");
        }
        let long = "Заявление принято к рассмотрению, ожидайте решения";
        let encoded = encode_subject(long);
        let mut decoded = Vec::new();
        for word in encoded.split("\r\n ") {
            assert!(word.len() <= 75, "{word}");
            let inner = word.strip_prefix("=?UTF-8?B?").and_then(|w| w.strip_suffix("?=")).unwrap_or("!");
            decoded.extend(STANDARD.decode(inner).unwrap_or_default());
            // Each word must decode to whole characters on its own (RFC 2047 §5).
            assert!(std::str::from_utf8(&STANDARD.decode(inner).unwrap_or_default()).is_ok());
        }
        assert!(encoded.contains("\r\n "));
        assert_eq!(String::from_utf8(decoded).ok().as_deref(), Some(long));
    }

    #[test]
    fn body_is_canonical_crlf_in_76_character_base64_lines() {
        let body = "Hörmətli Ali,\nərizəniz qəbul edildi.\r\nСпасибо.\r".repeat(20);
        let encoded = body_base64(&body);
        let lines: Vec<&str> = encoded.split_terminator("\r\n").collect();
        assert!(lines.len() > 2);
        assert!(lines.iter().all(|l| l.len() <= BODY_LINE));
        assert!(lines[..lines.len() - 1].iter().all(|l| l.len() == BODY_LINE));
        let decoded = STANDARD.decode(lines.concat()).unwrap_or_default();
        let expected = "Hörmətli Ali,\r\nərizəniz qəbul edildi.\r\nСпасибо.\r\n".repeat(20);
        assert_eq!(String::from_utf8(decoded).ok(), Some(expected));
        assert_eq!(body_base64(""), "");
    }
}
