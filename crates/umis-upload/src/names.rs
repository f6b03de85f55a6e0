//! Names under which stored uploads are offered for download.
//!
//! The uploader's file name is never reused: it may hold a path, control characters, quotes
//! that break out of a header, or a double extension. The server makes the name from the case
//! receipt and a number, so it is ASCII, predictable and safe in any header or file system.

use super::FileKind;

/// Longest receipt part kept in a name; receipts are far shorter, this only bounds hostile input.
const MAX_RECEIPT_CHARS: usize = 40;

/// Longest file name put into a `Content-Disposition` header.
const MAX_HEADER_NAME: usize = 128;

/// The download name of document `index` of case `case_receipt`, e.g.
/// `BAK01-2026-0001234-18-doc-003.pdf`.
///
/// Only ASCII letters, digits and inner `-` of the receipt are kept (letters in upper case),
/// so the name is safe even if the receipt was not validated; an empty result becomes `CASE`.
pub fn download_name(kind: FileKind, case_receipt: &str, index: u32) -> String {
    let receipt: String = case_receipt
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .take(MAX_RECEIPT_CHARS)
        .map(|c| c.to_ascii_uppercase())
        .collect();
    // A leading '-' reads as an option to command-line tools that are handed the name.
    let receipt = receipt.trim_matches('-');
    let receipt = if receipt.is_empty() { "CASE" } else { receipt };
    format!("{receipt}-doc-{index:03}.{}", kind.extension())
}

/// A `Content-Disposition` value that makes browsers download `name` rather than show it.
///
/// Characters that could end the quoted string or the header, that are not printable ASCII,
/// that separate paths, or `%` (some browsers percent-decode the name) become `_`; the name is
/// cut to 128 characters.
pub fn content_disposition(name: &str) -> String {
    let safe: String = name
        .chars()
        .take(MAX_HEADER_NAME)
        .map(|c| if c.is_ascii_graphic() && !matches!(c, '"' | '\\' | '/' | ';' | '%') { c } else { '_' })
        .collect();
    let safe = if safe.is_empty() { "download".to_owned() } else { safe };
    format!("attachment; filename=\"{safe}\"")
}
