//! PNG: every chunk's length and CRC checked, metadata chunks dropped, the rest copied.
//!
//! The header chunk comes first and its pixel size is checked against the limits before any
//! other chunk is read. Chunks that describe how to show the pixels are copied byte for byte
//! (their CRCs were just verified, so nothing is recomputed); text, EXIF, time stamps and
//! unknown ancillary chunks are dropped because they carry what the picture does not show.
//! An unknown critical chunk means pixels this parser does not understand, so it is refused.
//! Compressed pixel data is never inflated here: its size is bounded by the checked header.

use super::{Cleaned, Limits, Refusal, Stripped};

const SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";

/// Largest chunk length and image side the PNG specification allows (2^31 - 1).
const MAX_U31: u32 = 0x7FFF_FFFF;

/// Ancillary chunks that only say how to show the pixels: kept.
const KEPT_ANCILLARY: &[&[u8; 4]] = &[b"tRNS", b"gAMA", b"cHRM", b"sRGB", b"iCCP", b"pHYs", b"bKGD", b"sBIT"];

const fn crc_table() -> [u32; 256] {
    let mut table = [0u32; 256];
    let mut n = 0;
    while n < 256 {
        let mut c = n as u32;
        let mut k = 0;
        while k < 8 {
            c = if c & 1 != 0 { 0xEDB8_8320 ^ (c >> 1) } else { c >> 1 };
            k += 1;
        }
        table[n] = c;
        n += 1;
    }
    table
}

/// The CRC-32 table of ISO 3309 / ITU-T V.42 (polynomial 0xEDB88320), built at compile time.
const CRC_TABLE: [u32; 256] = crc_table();

/// CRC-32 of `bytes` as PNG stores it.
fn crc32(bytes: &[u8]) -> u32 {
    !bytes.iter().fold(!0u32, |c, &b| CRC_TABLE[usize::from((c as u8) ^ b)] ^ (c >> 8))
}

/// One chunk: its type, its data and the whole chunk as stored (length, type, data, CRC).
struct Chunk<'a> {
    kind: [u8; 4],
    data: &'a [u8],
    raw: &'a [u8],
}

fn be32(bytes: &[u8]) -> Option<u32> {
    Some(u32::from_be_bytes(bytes.get(..4)?.try_into().ok()?))
}

/// The chunk starting at `pos`, with its length bounded by the input and its CRC verified.
fn read_chunk(bytes: &[u8], pos: usize) -> Result<Chunk<'_>, Refusal> {
    let truncated = Refusal::Corrupt("the PNG ends in the middle of a chunk");
    let rest = bytes.get(pos..).ok_or(truncated.clone())?;
    let len = be32(rest).ok_or(truncated.clone())?;
    if len > MAX_U31 {
        return Err(Refusal::Corrupt("a PNG chunk length is out of range"));
    }
    let len = usize::try_from(len).map_err(|_| truncated.clone())?;
    let kind: [u8; 4] = rest.get(4..8).and_then(|k| k.try_into().ok()).ok_or(truncated.clone())?;
    if !kind.iter().all(u8::is_ascii_alphabetic) {
        return Err(Refusal::Corrupt("a PNG chunk has an invalid type"));
    }
    // The declared length is only compared with what is there, never used to allocate.
    if rest.len().saturating_sub(8) < len.saturating_add(4) {
        return Err(Refusal::Corrupt("a PNG chunk runs past the end of the file"));
    }
    let raw = rest.get(..len + 12).ok_or(truncated.clone())?;
    let covered = raw.get(4..len + 8).ok_or(truncated.clone())?;
    let stored_crc = raw.get(len + 8..).and_then(be32).ok_or(truncated)?;
    if crc32(covered) != stored_crc {
        return Err(Refusal::Corrupt("a PNG chunk fails its checksum"));
    }
    Ok(Chunk { kind, data: covered.get(4..).unwrap_or_default(), raw })
}

/// What the header says, as far as the rest of the walk needs it.
struct Header {
    width: u32,
    height: u32,
    colour_type: u8,
}

impl Header {
    fn parse(chunk: &Chunk<'_>) -> Result<Header, Refusal> {
        let bad = Refusal::Corrupt("the PNG header is invalid");
        if &chunk.kind != b"IHDR" {
            return Err(Refusal::Corrupt("the PNG does not start with its header"));
        }
        let [w0, w1, w2, w3, h0, h1, h2, h3, depth, colour_type, compression, filter, interlace] =
            <[u8; 13]>::try_from(chunk.data).map_err(|_| bad.clone())?;
        let width = u32::from_be_bytes([w0, w1, w2, w3]);
        let height = u32::from_be_bytes([h0, h1, h2, h3]);
        let depth_ok = match colour_type {
            0 => matches!(depth, 1 | 2 | 4 | 8 | 16),
            3 => matches!(depth, 1 | 2 | 4 | 8),
            2 | 4 | 6 => matches!(depth, 8 | 16),
            _ => false,
        };
        let sides_ok = (1..=MAX_U31).contains(&width) && (1..=MAX_U31).contains(&height);
        if !sides_ok || !depth_ok || compression != 0 || filter != 0 || interlace > 1 {
            return Err(bad);
        }
        Ok(Header { width, height, colour_type })
    }
}

/// Where the walk is: which critical chunks were seen, and whether image data has ended.
#[derive(Default)]
struct Walk {
    palette: bool,
    in_data: bool,
    data_done: bool,
}

/// Checks a PNG and copies it without metadata chunks.
pub(super) fn clean(bytes: &[u8], limits: &Limits) -> Result<Cleaned, Refusal> {
    if !bytes.starts_with(SIGNATURE) {
        return Err(Refusal::Corrupt("the PNG signature is damaged"));
    }
    let ihdr = read_chunk(bytes, SIGNATURE.len())?;
    let header = Header::parse(&ihdr)?;
    limits.check_pixels(header.width, header.height)?;
    let mut out = Vec::with_capacity(bytes.len());
    out.extend_from_slice(SIGNATURE);
    out.extend_from_slice(ihdr.raw);
    let mut pos = SIGNATURE.len() + ihdr.raw.len();
    let mut walk = Walk::default();
    let mut stripped = Stripped::default();
    loop {
        let chunk = read_chunk(bytes, pos)?;
        pos += chunk.raw.len();
        if &chunk.kind == b"IEND" {
            if !chunk.data.is_empty() {
                return Err(Refusal::Corrupt("the PNG end chunk is not empty"));
            }
            out.extend_from_slice(chunk.raw);
            break;
        }
        match step(&mut walk, &header, &chunk)? {
            Some(what) => stripped.add(what),
            None => out.extend_from_slice(chunk.raw),
        }
    }
    if !walk.in_data && !walk.data_done {
        return Err(Refusal::Corrupt("the PNG has no image data"));
    }
    if header.colour_type == 3 && !walk.palette {
        return Err(Refusal::Corrupt("the PNG has no palette"));
    }
    if pos < bytes.len() {
        stripped.add("trailing data");
    }
    Ok(Cleaned { bytes: out, size: Some((header.width, header.height)), stripped })
}

/// Checks one chunk after the header against the order rules; `Some(name)` to drop it.
fn step(walk: &mut Walk, header: &Header, chunk: &Chunk<'_>) -> Result<Option<&'static str>, Refusal> {
    let is_data = &chunk.kind == b"IDAT";
    if walk.in_data && !is_data {
        walk.in_data = false;
        walk.data_done = true;
    }
    match &chunk.kind {
        b"IDAT" if walk.data_done => Err(Refusal::Corrupt("the PNG image data is split")),
        b"IDAT" => {
            walk.in_data = true;
            Ok(None)
        }
        b"IHDR" => Err(Refusal::Corrupt("the PNG has a second header")),
        b"PLTE" => {
            let len = chunk.data.len();
            let fits =
                (3..=768).contains(&len) && len.is_multiple_of(3) && matches!(header.colour_type, 2 | 3 | 6);
            if walk.palette || walk.in_data || walk.data_done || !fits {
                return Err(Refusal::Corrupt("the PNG palette is invalid"));
            }
            walk.palette = true;
            Ok(None)
        }
        kind if kind[0].is_ascii_uppercase() => {
            Err(Refusal::Corrupt("the PNG has an unknown critical chunk"))
        }
        kind if KEPT_ANCILLARY.contains(&kind) => Ok(None),
        b"tEXt" => Ok(Some("tEXt")),
        b"zTXt" => Ok(Some("zTXt")),
        b"iTXt" if chunk.data.starts_with(b"XML:com.adobe.xmp\0") => Ok(Some("XMP")),
        b"iTXt" => Ok(Some("iTXt")),
        b"eXIf" => Ok(Some("EXIF")),
        b"tIME" => Ok(Some("tIME")),
        _ => Ok(Some("other ancillary chunk")),
    }
}

#[cfg(test)]
mod tests {
    use super::crc32;

    #[test]
    fn crc_matches_the_published_check_values() {
        // The CRC-32 check value of "123456789", and the CRC of a PNG IEND chunk type.
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(crc32(b"IEND"), 0xAE42_6082);
        assert_eq!(crc32(b""), 0);
    }
}
