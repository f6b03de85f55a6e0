//! JPEG: the marker segments walked with bounds checks, metadata segments dropped.
//!
//! A JPEG is a sequence of segments, each a marker and (mostly) a length, with entropy-coded
//! image data after each start-of-scan. Every length is checked against the input before it
//! is used. Tables, frame and scan headers and the image data are copied as they are; every
//! application segment but JFIF (EXIF with GPS position, XMP, ICC profiles, IPTC, Adobe) and
//! every comment is dropped, and a JFIF thumbnail (a second, smaller copy of the picture that
//! may show what a crop removed) is cut off. The pixel size from the frame header is checked
//! against the limits before the image data is looked at.

use super::{Cleaned, Limits, Refusal, Stripped};

const TRUNCATED: Refusal = Refusal::Corrupt("the JPEG ends too early");

/// Names of the application segments APP0 to APP15, for ones without a better-known name.
const APP_NAMES: [&str; 16] = [
    "APP0", "APP1", "APP2", "APP3", "APP4", "APP5", "APP6", "APP7", "APP8", "APP9", "APP10", "APP11",
    "APP12", "APP13", "APP14", "APP15",
];

/// Length of a JFIF APP0 payload without thumbnail: identifier, version, units, densities and
/// the two thumbnail dimensions.
const JFIF_LEN: usize = 14;

/// What to do with a segment.
enum Action {
    Copy,
    Drop(&'static str),
    Jfif,
    Frame,
    Scan,
}

fn action(marker: u8, payload: &[u8]) -> Result<Action, Refusal> {
    Ok(match marker {
        0xE0 if payload.starts_with(b"JFIF\0") && payload.len() >= JFIF_LEN => Action::Jfif,
        0xE1 if payload.starts_with(b"Exif\0") => Action::Drop("EXIF"),
        0xE1 if payload.starts_with(b"http://ns.adobe.com/x") => Action::Drop("XMP"),
        0xE2 if payload.starts_with(b"ICC_PROFILE\0") => Action::Drop("ICC"),
        0xED => Action::Drop("IPTC"),
        0xEE => Action::Drop("Adobe"),
        0xE0..=0xEF => Action::Drop(APP_NAMES.get(usize::from(marker - 0xE0)).copied().unwrap_or("APPn")),
        0xFE => Action::Drop("COM"),
        // Quantisation and Huffman tables, arithmetic conditioning, restart interval, line count.
        0xDB | 0xC4 | 0xCC | 0xDD | 0xDC => Action::Copy,
        0xC0..=0xC3 | 0xC5..=0xC7 | 0xC9..=0xCB | 0xCD..=0xCF => Action::Frame,
        0xDA => Action::Scan,
        _ => return Err(Refusal::Corrupt("the JPEG has an unknown or misplaced marker")),
    })
}

/// The marker at `pos` (after any fill bytes) and the position just after it.
fn read_marker(bytes: &[u8], pos: usize) -> Result<(u8, usize), Refusal> {
    if bytes.get(pos) != Some(&0xFF) {
        return Err(Refusal::Corrupt("the JPEG has data where a marker should be"));
    }
    let rest = bytes.get(pos..).unwrap_or_default();
    let fill = rest.iter().take_while(|&&b| b == 0xFF).count();
    let marker = *rest.get(fill).ok_or(TRUNCATED)?;
    Ok((marker, pos + fill + 1))
}

/// The payload of the segment whose length field starts at `at`.
fn payload(bytes: &[u8], at: usize) -> Result<&[u8], Refusal> {
    let len = bytes.get(at..at + 2).ok_or(TRUNCATED)?;
    let len = usize::from(u16::from_be_bytes([len[0], len[1]]));
    if len < 2 {
        return Err(Refusal::Corrupt("a JPEG segment has an invalid length"));
    }
    bytes.get(at + 2..at + len).ok_or(Refusal::Corrupt("a JPEG segment runs past the end of the file"))
}

/// Width and height from a frame header (SOFn), checked for consistency.
fn frame_size(payload: &[u8]) -> Result<(u32, u32), Refusal> {
    let bad = Refusal::Corrupt("the JPEG frame header is invalid");
    let [_precision, h0, h1, w0, w1, components, ..] = *payload else { return Err(bad) };
    let height = u32::from(u16::from_be_bytes([h0, h1]));
    let width = u32::from(u16::from_be_bytes([w0, w1]));
    if components == 0 || payload.len() != 6 + 3 * usize::from(components) {
        return Err(bad);
    }
    // A height of zero defers it to a later DNL segment, which browsers do not support.
    if width == 0 || height == 0 {
        return Err(bad);
    }
    Ok((width, height))
}

/// Checks a scan header (SOS): one to four components, each with its table selectors.
fn scan_header(payload: &[u8]) -> Result<(), Refusal> {
    let components = usize::from(payload.first().copied().unwrap_or(0));
    if !(1..=4).contains(&components) || payload.len() != 1 + 2 * components + 3 {
        return Err(Refusal::Corrupt("the JPEG scan header is invalid"));
    }
    Ok(())
}

/// Where the entropy-coded data starting at `from` ends: at the first byte of the next marker
/// (including any fill bytes before it). Stuffed `FF 00` and restart markers are data.
fn entropy_end(bytes: &[u8], from: usize) -> Result<usize, Refusal> {
    let mut i = from;
    loop {
        let at = i + memchr::memchr(0xFF, bytes.get(i..).unwrap_or_default()).ok_or(TRUNCATED)?;
        match bytes.get(at + 1) {
            None => return Err(TRUNCATED),
            Some(0x00 | 0xD0..=0xD7) => i = at + 2,
            Some(0xFF) => i = at + 1,
            Some(_) => {
                // Fill bytes before the marker are not data: leave them to the marker reader.
                let data = bytes.get(from..at).unwrap_or_default();
                let fill = data.iter().rev().take_while(|&&b| b == 0xFF).count();
                return Ok(at - fill);
            }
        }
    }
}

/// The JFIF payload with its thumbnail cut off, and whether there was one.
fn jfif_without_thumbnail(body: &[u8]) -> Result<([u8; JFIF_LEN], bool), Refusal> {
    let mut jfif: [u8; JFIF_LEN] = body.get(..JFIF_LEN).and_then(|b| b.try_into().ok()).ok_or(TRUNCATED)?;
    let had_thumbnail = body.len() > JFIF_LEN || jfif[JFIF_LEN - 2..] != [0, 0];
    jfif[JFIF_LEN - 2..].fill(0);
    Ok((jfif, had_thumbnail))
}

fn copy_segment(out: &mut Vec<u8>, marker: u8, payload: &[u8]) {
    out.extend_from_slice(&[0xFF, marker]);
    // Payloads come from a 16-bit length, so this cannot overflow.
    out.extend_from_slice(&u16::try_from(payload.len() + 2).unwrap_or(u16::MAX).to_be_bytes());
    out.extend_from_slice(payload);
}

/// Checks a JPEG and copies it without metadata segments.
pub(super) fn clean(bytes: &[u8], limits: &Limits) -> Result<Cleaned, Refusal> {
    if !bytes.starts_with(&[0xFF, 0xD8]) {
        return Err(Refusal::Corrupt("the JPEG start marker is missing"));
    }
    let mut out = Vec::with_capacity(bytes.len());
    out.extend_from_slice(&[0xFF, 0xD8]);
    let mut stripped = Stripped::default();
    let mut size = None;
    let mut scanned = false;
    let mut pos = 2;
    loop {
        let (marker, at) = read_marker(bytes, pos)?;
        if marker == 0xD9 {
            pos = at;
            break;
        }
        let body = payload(bytes, at)?;
        pos = at + 2 + body.len();
        match action(marker, body)? {
            Action::Copy => copy_segment(&mut out, marker, body),
            Action::Drop(what) => stripped.add(what),
            Action::Jfif => {
                let (jfif, had_thumbnail) = jfif_without_thumbnail(body)?;
                if had_thumbnail {
                    stripped.add("thumbnail");
                }
                copy_segment(&mut out, marker, &jfif);
            }
            Action::Frame if size.is_some() => {
                return Err(Refusal::Corrupt("the JPEG has two frame headers"));
            }
            Action::Frame => {
                let (width, height) = frame_size(body)?;
                limits.check_pixels(width, height)?;
                size = Some((width, height));
                copy_segment(&mut out, marker, body);
            }
            Action::Scan if size.is_none() => {
                return Err(Refusal::Corrupt("the JPEG scan comes before its frame"));
            }
            Action::Scan => {
                scan_header(body)?;
                copy_segment(&mut out, marker, body);
                let end = entropy_end(bytes, pos)?;
                out.extend_from_slice(bytes.get(pos..end).unwrap_or_default());
                pos = end;
                scanned = true;
            }
        }
    }
    if !scanned {
        return Err(Refusal::Corrupt("the JPEG has no image data"));
    }
    out.extend_from_slice(&[0xFF, 0xD9]);
    if pos < bytes.len() {
        stripped.add("trailing data");
    }
    Ok(Cleaned { bytes: out, size, stripped })
}
