//! PDF: header and end marker checked, active content and encryption refused, bytes unchanged.
//!
//! PDFs are not rewritten: no object is parsed, dropped or re-serialised, so what is stored is
//! exactly what was uploaded (and any metadata in it stays). Instead the file is searched for
//! the names that introduce active content — JavaScript, launch actions, embedded files, rich
//! media, XFA forms, automatic actions, form submission and import — and for `/Encrypt`, whose
//! presence means the content cannot be inspected. Names are decoded first, so `/J#61vaScript`
//! is `/JavaScript`. An `/OpenAction` is refused only through what it runs: a JavaScript or
//! launch action is caught by its own name, a jump to the first page is harmless.
//!
//! The search covers the whole file, stream data included, because a reader that follows the
//! cross-reference table finds objects at any offset, even inside what looks like a stream.
//! The two-letter names `/JS` and `/AA` are the exception: in random bytes such as compressed
//! images and fonts a slash, the two letters and a delimiter occur about once in 128 MiB,
//! which would refuse one 10 MiB scanned passport in thirteen. Inside stream data they are
//! harmless on their own: script only runs from an action whose type is `/JavaScript` (or
//! `/Launch`, ...), and those longer names are searched for everywhere.
//!
//! Not covered: content inside compressed object streams is not inflated, so names hidden
//! there are not seen.

use memchr::{memchr, memmem};

use super::{Cleaned, Refusal, Stripped};

/// How far from the end the `%%EOF` marker must be.
const EOF_WINDOW: usize = 1024;

/// Versions accepted in the header, which must be at the very start of the file.
const HEADERS: &[&[u8]] = &[
    b"%PDF-1.0",
    b"%PDF-1.1",
    b"%PDF-1.2",
    b"%PDF-1.3",
    b"%PDF-1.4",
    b"%PDF-1.5",
    b"%PDF-1.6",
    b"%PDF-1.7",
    b"%PDF-2.0",
];

/// A reason to refuse, found by name.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Finding {
    Encrypted,
    Active(&'static str),
}

/// Names that mean active content or encryption.
const NAMES: &[(&[u8], Finding)] = &[
    (b"Encrypt", Finding::Encrypted),
    (b"JavaScript", Finding::Active("JavaScript")),
    (b"JS", Finding::Active("JavaScript")),
    (b"Launch", Finding::Active("a launch action")),
    (b"EmbeddedFile", Finding::Active("an embedded file")),
    (b"EmbeddedFiles", Finding::Active("an embedded file")),
    (b"RichMedia", Finding::Active("rich media")),
    (b"XFA", Finding::Active("an XFA form")),
    (b"AA", Finding::Active("automatic actions")),
    (b"SubmitForm", Finding::Active("a form that sends data")),
    (b"ImportData", Finding::Active("a form that loads data")),
];

/// Longest name in [`NAMES`]; longer names are skipped without decoding them further.
const LONGEST: usize = 13;

/// Checks a PDF; the bytes are returned unchanged.
pub(super) fn check(bytes: &[u8]) -> Result<Cleaned, Refusal> {
    if !HEADERS.iter().any(|h| bytes.starts_with(h)) {
        return Err(Refusal::Corrupt("the PDF header is missing or has an unknown version"));
    }
    let tail = bytes.get(bytes.len().saturating_sub(EOF_WINDOW)..).unwrap_or_default();
    if memmem::find(tail, b"%%EOF").is_none() {
        return Err(Refusal::Corrupt("the PDF end marker is missing"));
    }
    match scan(bytes) {
        Some(Finding::Encrypted) => Err(Refusal::Encrypted),
        Some(Finding::Active(what)) => Err(Refusal::ActiveContent(what)),
        None => Ok(Cleaned { bytes: bytes.to_vec(), size: None, stripped: Stripped::default() }),
    }
}

/// The worst finding in the file: encryption over active content, since encrypted strings
/// and streams cannot be searched at all.
fn scan(bytes: &[u8]) -> Option<Finding> {
    let keyword = memmem::Finder::new(b"stream");
    let end_keyword = memmem::Finder::new(b"endstream");
    let mut worst = None;
    let mut pos = 0;
    while pos < bytes.len() {
        let (body_start, body_end) = next_stream(bytes, pos, &keyword, &end_keyword);
        for (from, to, all) in [(pos, body_start, true), (body_start, body_end, false)] {
            let found = scan_names(bytes.get(from..to).unwrap_or_default(), all);
            if found == Some(Finding::Encrypted) {
                return found;
            }
            worst = worst.or(found);
        }
        pos = body_end;
    }
    worst
}

/// The data of the next stream at or after `pos`: from after the end of line that follows the
/// `stream` keyword to the next `endstream`. Both ends are the input's end when there is none.
fn next_stream(
    bytes: &[u8],
    pos: usize,
    keyword: &memmem::Finder<'_>,
    end: &memmem::Finder<'_>,
) -> (usize, usize) {
    let mut from = pos;
    while let Some(off) = bytes.get(from..).and_then(|rest| keyword.find(rest)) {
        let at = from + off;
        let after = at + b"stream".len();
        let is_end_keyword = at >= 3 && bytes.get(at - 3..at) == Some(b"end");
        let eol = match (bytes.get(after), bytes.get(after + 1)) {
            (Some(b'\r'), Some(b'\n')) => 2,
            (Some(b'\r' | b'\n'), _) => 1,
            _ => 0,
        };
        if !is_end_keyword && eol > 0 {
            let start = after + eol;
            let stop = bytes.get(start..).and_then(|rest| end.find(rest)).map_or(bytes.len(), |o| start + o);
            return (start, stop);
        }
        from = after;
    }
    (bytes.len(), bytes.len())
}

/// The first finding among the names in `segment`; two-letter names only when `all`.
fn scan_names(segment: &[u8], all: bool) -> Option<Finding> {
    let mut i = 0;
    let mut worst = None;
    while let Some(off) = segment.get(i..).and_then(|rest| memchr(b'/', rest)) {
        let start = i + off + 1;
        let rest = segment.get(start..).unwrap_or_default();
        let len = rest.iter().position(|&b| !is_regular(b)).unwrap_or(rest.len());
        i = start + len;
        let mut buf = [0u8; LONGEST];
        let Some(name) = decode_name(rest.get(..len).unwrap_or_default(), &mut buf) else { continue };
        if name.len() <= 2 && !all {
            continue;
        }
        match NAMES.iter().find(|(n, _)| *n == name).map(|(_, f)| *f) {
            Some(Finding::Encrypted) => return Some(Finding::Encrypted),
            found => worst = worst.or(found),
        }
    }
    worst
}

/// Whether `b` can be part of a name: anything but white space and delimiters.
fn is_regular(b: u8) -> bool {
    !matches!(
        b,
        0 | b'\t'
            | b'\n'
            | 0x0C
            | b'\r'
            | b' '
            | b'('
            | b')'
            | b'<'
            | b'>'
            | b'['
            | b']'
            | b'{'
            | b'}'
            | b'/'
            | b'%'
    )
}

/// A name with `#xx` escapes decoded into `buf`; `None` when longer than any name looked for.
fn decode_name<'b>(raw: &[u8], buf: &'b mut [u8; LONGEST]) -> Option<&'b [u8]> {
    let mut len = 0;
    let mut i = 0;
    while let Some(&b) = raw.get(i) {
        let escaped = match (b, raw.get(i + 1..i + 3)) {
            (b'#', Some(&[hi, lo])) => hex_digit(hi).zip(hex_digit(lo)).map(|(h, l)| (h << 4) | l),
            _ => None,
        };
        let (byte, width) = escaped.map_or((b, 1), |e| (e, 3));
        *buf.get_mut(len)? = byte;
        len += 1;
        i += width;
    }
    buf.get(..len)
}

fn hex_digit(b: u8) -> Option<u8> {
    char::from(b).to_digit(16).and_then(|d| u8::try_from(d).ok())
}
