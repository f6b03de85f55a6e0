//! Builders of small valid and hostile uploads for the upload tests, so the cases say what
//! they change instead of carrying opaque byte blobs. The CRC here is the plain bitwise
//! definition, independent of the table-driven one under test.

#![allow(dead_code, reason = "each upload test file uses a different part of the builders")]

/// A fixture file from `tests/fixtures/upload`, made by a real encoder (Ghostscript 10).
pub fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/fixtures/upload/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).map_err(|e| format!("fixture {path}: {e}")).unwrap()
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
        }
    }
    !crc
}

/// A PNG chunk with a correct length and CRC.
pub fn chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
    let mut out = u32::try_from(data.len()).unwrap().to_be_bytes().to_vec();
    out.extend_from_slice(kind);
    out.extend_from_slice(data);
    let mut covered = kind.to_vec();
    covered.extend_from_slice(data);
    out.extend_from_slice(&crc32(&covered).to_be_bytes());
    out
}

/// IHDR data: `width` x `height`, 8-bit greyscale, not interlaced.
pub fn ihdr(width: u32, height: u32) -> Vec<u8> {
    let mut data = width.to_be_bytes().to_vec();
    data.extend_from_slice(&height.to_be_bytes());
    data.extend_from_slice(&[8, 0, 0, 0, 0]);
    data
}

/// A zlib stream storing one 1x1 greyscale row uncompressed (filter 0, pixel 0), so a real
/// decoder can read the minimal PNG.
pub const IDAT_1X1: &[u8] = &[0x78, 0x01, 0x01, 0x02, 0x00, 0xFD, 0xFF, 0x00, 0x00, 0x00, 0x02, 0x00, 0x01];

/// A PNG of the given chunks between the signature and IEND.
pub fn png_of(chunks: &[Vec<u8>]) -> Vec<u8> {
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    for c in chunks {
        out.extend_from_slice(c);
    }
    out.extend_from_slice(&chunk(b"IEND", b""));
    out
}

/// A valid 1x1 grey PNG with `extra` chunks between the header and the image data.
pub fn png(extra: &[Vec<u8>]) -> Vec<u8> {
    let mut chunks = vec![chunk(b"IHDR", &ihdr(1, 1))];
    chunks.extend_from_slice(extra);
    chunks.push(chunk(b"IDAT", IDAT_1X1));
    png_of(&chunks)
}

/// A PNG that only declares `width` x `height`; its image data is a token byte.
pub fn png_sized(width: u32, height: u32) -> Vec<u8> {
    png_of(&[chunk(b"IHDR", &ihdr(width, height)), chunk(b"IDAT", IDAT_1X1)])
}

/// A JPEG segment: marker and payload with the length field filled in.
pub fn segment(marker: u8, payload: &[u8]) -> Vec<u8> {
    let mut out = vec![0xFF, marker];
    out.extend_from_slice(&u16::try_from(payload.len() + 2).unwrap().to_be_bytes());
    out.extend_from_slice(payload);
    out
}

/// JFIF APP0 payload, with an optional 1x1 RGB thumbnail.
pub fn jfif(thumbnail: bool) -> Vec<u8> {
    let mut p = b"JFIF\0\x01\x01\x00\x00\x01\x00\x01".to_vec();
    if thumbnail {
        p.extend_from_slice(&[1, 1, 0xAB, 0xCD, 0xEF]);
    } else {
        p.extend_from_slice(&[0, 0]);
    }
    p
}

/// Frame header (SOF0) of a one-component 8-bit image.
pub fn sof0(width: u16, height: u16) -> Vec<u8> {
    let mut p = vec![8];
    p.extend_from_slice(&height.to_be_bytes());
    p.extend_from_slice(&width.to_be_bytes());
    p.extend_from_slice(&[1, 1, 0x11, 0]);
    segment(0xC0, &p)
}

/// Tables of a decodable grey baseline JPEG: one quantisation table of ones and two Huffman
/// tables with a single one-bit code each (DC category 0, AC end-of-block).
pub fn jpeg_tables() -> Vec<u8> {
    let mut out = segment(0xDB, &[[0u8].as_slice(), &[1u8; 64]].concat());
    let mut counts = [0u8; 16];
    counts[0] = 1;
    out.extend(segment(0xC4, &[&[0x00][..], &counts, &[0x00]].concat()));
    out.extend(segment(0xC4, &[&[0x10][..], &counts, &[0x00]].concat()));
    out
}

/// Scan header of the one-component image.
pub fn sos() -> Vec<u8> {
    segment(0xDA, &[1, 1, 0x00, 0, 63, 0])
}

/// A JPEG with `before` segments after SOI, then tables, the 8x8 frame, one scan of a flat
/// grey block ("00" padded with ones) and EOI.
pub fn jpeg(before: &[Vec<u8>]) -> Vec<u8> {
    jpeg_sized(before, 8, 8)
}

/// As [`jpeg`] with the frame header declaring `width` x `height`.
pub fn jpeg_sized(before: &[Vec<u8>], width: u16, height: u16) -> Vec<u8> {
    let mut out = vec![0xFF, 0xD8];
    for s in before {
        out.extend_from_slice(s);
    }
    out.extend(jpeg_tables());
    out.extend(sof0(width, height));
    out.extend(sos());
    out.extend_from_slice(&[0x3F, 0xFF, 0xD9]);
    out
}

/// A 16x8 JPEG with a restart interval of one block: the data holds `FF D0` between blocks,
/// and fill bytes before EOI.
pub fn jpeg_restarts() -> Vec<u8> {
    let mut out = vec![0xFF, 0xD8];
    out.extend(jpeg_tables());
    out.extend(segment(0xDD, &[0, 1]));
    out.extend(sof0(16, 8));
    out.extend(sos());
    out.extend_from_slice(&[0x3F, 0xFF, 0xD0, 0x3F, 0xFF, 0xFF, 0xFF, 0xD9]);
    out
}

/// An EXIF APP1 payload with a GPS position (40°24'N 49°52'E), as a phone writes it: a
/// big-endian TIFF header, IFD0 pointing to a GPS IFD with latitude and longitude.
pub fn exif_gps() -> Vec<u8> {
    let mut t = b"MM\0\x2A\0\0\0\x08".to_vec();
    // IFD0 at 8: one entry, GPSInfo (0x8825, LONG) -> GPS IFD at 26.
    t.extend_from_slice(&[0, 1, 0x88, 0x25, 0, 4, 0, 0, 0, 1, 0, 0, 0, 26, 0, 0, 0, 0]);
    // GPS IFD at 26: four entries, rationals start at 26 + 2 + 4 * 12 + 4 = 80.
    t.extend_from_slice(&[0, 4]);
    t.extend_from_slice(&[0, 1, 0, 2, 0, 0, 0, 2, b'N', 0, 0, 0]);
    t.extend_from_slice(&[0, 2, 0, 5, 0, 0, 0, 3, 0, 0, 0, 80]);
    t.extend_from_slice(&[0, 3, 0, 2, 0, 0, 0, 2, b'E', 0, 0, 0]);
    t.extend_from_slice(&[0, 4, 0, 5, 0, 0, 0, 3, 0, 0, 0, 104]);
    t.extend_from_slice(&[0, 0, 0, 0]);
    for v in [40u32, 1, 24, 1, 0, 1, 49, 1, 52, 1, 0, 1] {
        t.extend_from_slice(&v.to_be_bytes());
    }
    [b"Exif\0\0".as_slice(), &t].concat()
}

/// A one-page PDF with a correct cross-reference table; `catalog_extra` goes into the
/// catalogue dictionary and `objects` are appended as objects 4, 5, ...
pub fn pdf(version: &str, catalog_extra: &str, objects: &[&str]) -> Vec<u8> {
    let objects: Vec<&[u8]> = objects.iter().map(|o| o.as_bytes()).collect();
    pdf_bytes(version, catalog_extra, &objects)
}

/// As [`pdf`] with objects given as bytes, so stream data can be anything.
pub fn pdf_bytes(version: &str, catalog_extra: &str, objects: &[&[u8]]) -> Vec<u8> {
    let mut bodies = vec![
        format!("<< /Type /Catalog /Pages 2 0 R {catalog_extra}>>").into_bytes(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>".to_vec(),
    ];
    bodies.extend(objects.iter().map(|o| o.to_vec()));
    let mut out = format!("%PDF-{version}\n").into_bytes();
    out.extend_from_slice(b"%\xE2\xE3\xCF\xD3\n");
    let mut offsets = Vec::new();
    for (i, body) in bodies.iter().enumerate() {
        offsets.push(out.len());
        out.extend(format!("{} 0 obj\n", i + 1).bytes());
        out.extend_from_slice(body);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", bodies.len() + 1).bytes());
    for o in offsets {
        out.extend(format!("{o:010} 00000 n \n").bytes());
    }
    out.extend(
        format!("trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n", bodies.len() + 1).bytes(),
    );
    out
}

/// A minimal valid PDF 1.7.
pub fn pdf_plain() -> Vec<u8> {
    pdf("1.7", "", &[])
}

/// A PDF with a stream object holding `data`.
pub fn pdf_with_stream(data: &[u8]) -> Vec<u8> {
    let mut obj = format!("<< /Length {} >>\nstream\n", data.len()).into_bytes();
    obj.extend_from_slice(data);
    obj.extend_from_slice(b"\nendstream");
    pdf_bytes("1.7", "", &[&obj])
}

/// `bytes` with every occurrence of `from` replaced by `to` (same length or not).
pub fn replace(bytes: &[u8], from: &[u8], to: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i..].starts_with(from) {
            out.extend_from_slice(to);
            i += from.len();
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    out
}

/// Whether `needle` occurs in `haystack`.
pub fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}
