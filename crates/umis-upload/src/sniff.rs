//! Telling file types apart by their first bytes, never by name or declared type.
//!
//! Only three types are accepted; everything else is named when recognisable so the refusal
//! can say "this is a ZIP archive" rather than "unsupported". Markup is searched for in the
//! first kilobyte because that is where browsers look when they guess a type, and a file that
//! parses as an image yet carries `<script` there is a polyglot meant for such guessing.

use super::FileKind;
use super::refusal::LooksLike;

/// How far into a file markup is searched for, matching how far browsers sniff.
pub(super) const MARKUP_WINDOW: usize = 1024;

/// Markup that makes a browser treat bytes as a page, or that carries script.
const MARKUP: &[&[u8]] = &[b"<script", b"<html", b"<svg"];

/// The accepted type whose signature `bytes` starts with, or what the file looks like.
pub(super) fn identify(bytes: &[u8]) -> Result<FileKind, LooksLike> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Ok(FileKind::Png)
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Ok(FileKind::Jpeg)
    } else if bytes.starts_with(b"%PDF-") {
        Ok(FileKind::Pdf)
    } else {
        Err(looks_like(bytes))
    }
}

/// Whether markup occurs in the first [`MARKUP_WINDOW`] bytes, in any letter case.
pub(super) fn has_markup(bytes: &[u8]) -> bool {
    let head = bytes.get(..MARKUP_WINDOW).unwrap_or(bytes);
    MARKUP.iter().any(|tag| contains_ignore_case(head, tag))
}

fn contains_ignore_case(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w.eq_ignore_ascii_case(needle))
}

/// Magic numbers of the unsupported types worth naming.
const MAGIC: &[(&[u8], LooksLike)] = &[
    (b"PK\x03\x04", LooksLike::ZipOrOffice),
    (b"PK\x05\x06", LooksLike::ZipOrOffice),
    (b"PK\x07\x08", LooksLike::ZipOrOffice),
    (b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", LooksLike::ZipOrOffice),
    (b"GIF87a", LooksLike::Gif),
    (b"GIF89a", LooksLike::Gif),
    (b"II*\x00", LooksLike::Tiff),
    (b"MM\x00*", LooksLike::Tiff),
    (b"BM", LooksLike::Bmp),
    (b"\x7FELF", LooksLike::ElfExecutable),
    (b"MZ", LooksLike::PeExecutable),
    (b"\xFE\xED\xFA\xCE", LooksLike::MachOExecutable),
    (b"\xFE\xED\xFA\xCF", LooksLike::MachOExecutable),
    (b"\xCE\xFA\xED\xFE", LooksLike::MachOExecutable),
    (b"\xCF\xFA\xED\xFE", LooksLike::MachOExecutable),
    (b"\xCA\xFE\xBA\xBE", LooksLike::MachOExecutable),
    (b"#!", LooksLike::Script),
];

/// HEIF brands phones write in the `ftyp` box at offset 4.
const HEIF_BRANDS: &[&[u8]] = &[b"heic", b"heix", b"hevc", b"heim", b"heis", b"mif1", b"msf1", b"avif"];

fn looks_like(bytes: &[u8]) -> LooksLike {
    if let Some((_, looks)) = MAGIC.iter().find(|(magic, _)| bytes.starts_with(magic)) {
        return *looks;
    }
    if bytes.get(..4) == Some(b"RIFF") && bytes.get(8..12) == Some(b"WEBP") {
        return LooksLike::WebP;
    }
    if bytes.get(4..8) == Some(b"ftyp") && bytes.get(8..12).is_some_and(|b| HEIF_BRANDS.contains(&b)) {
        return LooksLike::Heic;
    }
    markup_kind(bytes).unwrap_or(LooksLike::Unknown)
}

/// HTML or XML by the first tag, after a byte-order mark and white space; failing that, SVG
/// or HTML when their markup occurs anywhere in the first kilobyte.
fn markup_kind(bytes: &[u8]) -> Option<LooksLike> {
    let head = bytes.get(..MARKUP_WINDOW).unwrap_or(bytes);
    let body = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let start = body.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(body.len());
    let text = body.get(start..).unwrap_or_default();
    let starts = |p: &[u8]| text.get(..p.len()).is_some_and(|t| t.eq_ignore_ascii_case(p));
    if starts(b"<!doctype html") || starts(b"<html") {
        Some(LooksLike::Html)
    } else if starts(b"<?xml") || contains_ignore_case(head, b"<svg") {
        Some(LooksLike::SvgOrXml)
    } else if has_markup(head) || starts(b"<head") || starts(b"<body") || starts(b"<!--") {
        Some(LooksLike::Html)
    } else {
        None
    }
}
