//! What cleaning removes and keeps, the accepted metadata (size, hash), the limits, and the
//! server-made download names.

#![expect(clippy::unwrap_used, reason = "tests fail loudly")]

use crate::upload_build;

use sha2::{Digest, Sha256};
use umis_upload::{
    FileKind, Limits, LimitsError, LooksLike, Refusal, accept, content_disposition, download_name,
};
use upload_build::*;

fn ok(bytes: &[u8]) -> umis_upload::Accepted {
    accept(bytes, &Limits::default()).unwrap()
}

#[test]
fn jpeg_exif_with_gps_is_removed_and_the_rest_kept_byte_for_byte() {
    let input = jpeg(&[segment(0xE1, &exif_gps())]);
    let a = ok(&input);
    assert!(contains(&input, b"Exif\0\0"), "the input carries EXIF");
    assert!(!contains(&a.bytes, b"Exif\0\0"));
    assert!(!contains(&a.bytes, &[0, 0, 0, 40, 0, 0, 0, 1, 0, 0, 0, 24]), "GPS latitude left");
    assert_eq!(a.bytes, jpeg(&[]));
    assert_eq!(a.stripped, ["EXIF"]);
    assert_eq!((a.width, a.height), (Some(8), Some(8)));
}

#[test]
fn each_jpeg_metadata_segment_is_removed_under_its_name() {
    let jfif_plain = segment(0xE0, &jfif(false));
    let cases: &[(Vec<u8>, &str, Vec<u8>)] = &[
        (segment(0xE1, b"http://ns.adobe.com/xap/1.0/\0<x:xmpmeta/>"), "XMP", jpeg(&[])),
        (segment(0xE1, b"http://ns.adobe.com/xmp/extension/\0rest"), "XMP", jpeg(&[])),
        (segment(0xE1, b"Other\0"), "APP1", jpeg(&[])),
        (segment(0xE2, b"ICC_PROFILE\0\x01\x01profile"), "ICC", jpeg(&[])),
        (segment(0xE2, b"MPF\0"), "APP2", jpeg(&[])),
        (segment(0xED, b"Photoshop 3.0\08BIM"), "IPTC", jpeg(&[])),
        (segment(0xEE, b"Adobe\0\x64\0\0\0\0\x01"), "Adobe", jpeg(&[])),
        (segment(0xE5, b"maker"), "APP5", jpeg(&[])),
        (segment(0xEF, b"x"), "APP15", jpeg(&[])),
        (segment(0xE0, b"JFXX\0\x10thumb"), "APP0", jpeg(&[])),
        (segment(0xFE, b"taken at home"), "COM", jpeg(&[])),
        (segment(0xE0, &jfif(true)), "thumbnail", jpeg(std::slice::from_ref(&jfif_plain))),
        (
            segment(0xE0, &[jfif(false), b"extra".to_vec()].concat()),
            "thumbnail",
            jpeg(std::slice::from_ref(&jfif_plain)),
        ),
    ];
    for (seg, name, want) in cases {
        let a = ok(&jpeg(&[jfif_plain.clone(), seg.clone()]));
        let a_without_jfif = ok(&jpeg(std::slice::from_ref(seg)));
        assert_eq!(a_without_jfif.stripped, [*name], "{name}");
        assert_eq!(a_without_jfif.bytes, *want, "{name}");
        assert!(a.bytes.starts_with(&[&[0xFF, 0xD8][..], &jfif_plain].concat()), "{name}: JFIF kept first");
    }
}

#[test]
fn repeated_metadata_is_named_once_in_order_of_appearance() {
    let comment = segment(0xFE, b"c");
    let a = ok(&jpeg(&[comment.clone(), segment(0xE1, &exif_gps()), comment]));
    assert_eq!(a.stripped, ["COM", "EXIF"]);
}

#[test]
fn data_after_the_end_of_an_image_is_dropped() {
    let zip = b"PK\x03\x04 hidden archive".as_slice();
    for (input, clean) in
        [([jpeg(&[]), zip.to_vec()].concat(), jpeg(&[])), ([png(&[]), zip.to_vec()].concat(), png(&[]))]
    {
        let a = ok(&input);
        assert_eq!(a.bytes, clean);
        assert_eq!(a.stripped, ["trailing data"]);
    }
}

#[test]
fn png_metadata_chunks_are_dropped_and_the_others_copied_unchanged() {
    let kept: Vec<Vec<u8>> = [b"gAMA", b"cHRM", b"sRGB", b"iCCP", b"pHYs", b"bKGD", b"sBIT", b"tRNS"]
        .iter()
        .map(|k| chunk(k, b"kept as is"))
        .collect();
    let cases: &[(&[u8; 4], &[u8], &str)] = &[
        (b"tEXt", b"GPS\x0040.4 N 49.9 E", "tEXt"),
        (b"zTXt", b"Raw profile type exif\0\0x", "zTXt"),
        (b"iTXt", b"XML:com.adobe.xmp\0\0\0\0\0<x:xmpmeta/>", "XMP"),
        (b"iTXt", b"Comment\0\0\0\0\0hello", "iTXt"),
        (b"eXIf", b"MM\0\x2A\0\0\0\x08", "EXIF"),
        (b"tIME", &[7, 234, 3, 1, 12, 0, 0], "tIME"),
        (b"prVt", b"vendor data", "other ancillary chunk"),
        (b"acTL", &[0, 0, 0, 2, 0, 0, 0, 0], "other ancillary chunk"),
    ];
    for (kind, data, name) in cases {
        let mut chunks = kept.clone();
        chunks.insert(3, chunk(kind, data));
        let a = ok(&png(&chunks));
        assert_eq!(a.bytes, png(&kept), "{name}");
        assert_eq!(a.stripped, [*name]);
        assert_eq!((a.width, a.height), (Some(1), Some(1)));
    }
}

#[test]
fn real_encoder_output_loses_only_its_metadata() {
    let jpg = ok(&fixture("ghostscript-8x8.jpg"));
    assert_eq!(
        (jpg.kind, jpg.width, jpg.height, jpg.stripped.as_slice()),
        (FileKind::Jpeg, Some(8), Some(8), &["ICC"][..])
    );
    let png = ok(&fixture("ghostscript-8x8.png"));
    assert_eq!(
        (png.kind, png.width, png.height, png.stripped.as_slice()),
        (FileKind::Png, Some(8), Some(8), &["tEXt"][..])
    );
    assert!(!contains(&png.bytes, b"Ghostscript") && contains(&png.bytes, b"iCCP"));
    let pdf = fixture("ghostscript-blank.pdf");
    let a = ok(&pdf);
    assert_eq!((a.kind, a.width, a.height, a.stripped.is_empty()), (FileKind::Pdf, None, None, true));
    assert_eq!(a.bytes, pdf, "PDFs are stored unchanged");
}

#[test]
fn the_hash_is_of_the_stored_bytes() {
    for input in [jpeg(&[segment(0xE1, &exif_gps())]), png(&[chunk(b"tEXt", b"a\0b")]), pdf_plain()] {
        let a = ok(&input);
        let want: String = Sha256::digest(&a.bytes).iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(a.sha256, want);
    }
}

#[test]
fn every_proper_prefix_of_a_valid_file_is_refused() {
    let files = [
        jpeg(&[]),
        jpeg_restarts(),
        png(&[]),
        fixture("ghostscript-8x8.jpg"),
        fixture("ghostscript-8x8.png"),
    ];
    for file in files {
        for len in 0..file.len() {
            assert!(accept(&file[..len], &Limits::default()).is_err(), "prefix {len} of {}", file.len());
        }
    }
    // A PDF cut anywhere before its end marker is complete.
    let pdf = pdf_plain();
    for len in 0..pdf.len() - "EOF\n".len() {
        assert!(accept(&pdf[..len], &Limits::default()).is_err(), "PDF prefix {len}");
    }
}

#[test]
fn pixel_limits_hold_at_their_edges() {
    let cases: &[(u32, u32, bool)] = &[
        (12_000, 1, true),
        (12_001, 1, false),
        (1, 12_000, true),
        (1, 12_001, false),
        (8_000, 5_000, true),
        (8_001, 5_000, false),
        (12_000, 3_334, false),
        (0x7FFF_FFFF, 0x7FFF_FFFF, false),
    ];
    for &(w, h, accepted) in cases {
        match accept(&png_sized(w, h), &Limits::default()) {
            Ok(a) => assert!(accepted && a.width == Some(w) && a.height == Some(h), "{w} x {h}"),
            Err(r) => {
                assert!(!accepted && r == Refusal::TooManyPixels { width: w, height: h }, "{w} x {h}: {r}")
            }
        }
    }
}

#[test]
fn custom_limits_apply() {
    let small = Limits::new(200, 64, 8).unwrap();
    assert!(accept(&jpeg(&[]), &small).is_ok());
    assert_eq!(accept(&jpeg_sized(&[], 9, 7), &small).unwrap_err().code(), "too_many_pixels");
    assert_eq!(accept(&png_sized(8, 9), &small).unwrap_err().code(), "too_many_pixels");
    let padded = [jpeg(&[]), vec![0; 200 - jpeg(&[]).len()]].concat();
    assert!(accept(&padded, &small).is_ok());
    assert_eq!(accept(&[padded, vec![0]].concat(), &small), Err(Refusal::TooLarge { max_bytes: 200 }));
    for (b, p, s) in [(0, 1, 1), (1, 0, 1), (1, 1, 0)] {
        assert_eq!(Limits::new(b, p, s), Err(LimitsError::Zero));
    }
    let d = Limits::default();
    assert_eq!((d.max_bytes(), d.max_pixels(), d.max_side()), (10 * 1024 * 1024, 40_000_000, 12_000));
}

#[test]
fn refusals_read_well_and_have_stable_codes() {
    let cases: &[(Refusal, &str, &str)] = &[
        (Refusal::Empty, "empty", "the file is empty"),
        (
            Refusal::TooLarge { max_bytes: 10 << 20 },
            "too_large",
            "the file is larger than the limit of 10 MiB",
        ),
        (
            Refusal::TooLarge { max_bytes: 512 << 10 },
            "too_large",
            "the file is larger than the limit of 512 KiB",
        ),
        (
            Refusal::TooLarge { max_bytes: 1000 },
            "too_large",
            "the file is larger than the limit of 1000 bytes",
        ),
        (
            Refusal::UnsupportedType(LooksLike::Html),
            "unsupported_type",
            "the file looks like an HTML page; only PDF, JPEG and PNG files are accepted",
        ),
        (
            Refusal::Corrupt("the JPEG ends too early"),
            "corrupt",
            "the file is damaged or incomplete: the JPEG ends too early",
        ),
        (
            Refusal::TooManyPixels { width: 20_000, height: 20_000 },
            "too_many_pixels",
            "the image is 20000 x 20000 pixels, larger than accepted",
        ),
        (
            Refusal::ActiveContent("JavaScript"),
            "active_content",
            "the file contains active content (JavaScript) and cannot be accepted",
        ),
        (
            Refusal::Encrypted,
            "encrypted",
            "the PDF is encrypted or password-protected; upload an unprotected copy",
        ),
    ];
    for (refusal, code, message) in cases {
        assert_eq!((refusal.code(), refusal.to_string().as_str()), (*code, *message));
    }
}

#[test]
fn refusal_messages_never_echo_the_upload() {
    let hostile: &[&[u8]] =
        &[b"<html><script>steal()</script>", b"%PDF-1.7\n/JS (steal())\n%%EOF", b"\xFF\xD8\xFF\xFEsteal"];
    for input in hostile {
        let message = accept(input, &Limits::default()).unwrap_err().to_string();
        assert!(!message.contains("steal") && !message.contains('<'), "{message}");
    }
}

#[test]
fn download_names_are_made_by_the_server() {
    let cases: &[(FileKind, &str, u32, &str)] = &[
        (FileKind::Pdf, "BAK01-2026-0001234-18", 3, "BAK01-2026-0001234-18-doc-003.pdf"),
        (FileKind::Jpeg, "bak01-2026-0001234-18", 12, "BAK01-2026-0001234-18-doc-012.jpg"),
        (FileKind::Png, "BAK01-2026-0001234-18", 4_294_967_295, "BAK01-2026-0001234-18-doc-4294967295.png"),
        (FileKind::Pdf, "../../etc/passwd", 1, "ETCPASSWD-doc-001.pdf"),
        (FileKind::Pdf, "--rf \"x\";\r\nSet-Cookie: a", 1, "RFXSET-COOKIEA-doc-001.pdf"),
        (FileKind::Pdf, "Ünïcödé-名前", 1, "NCD-doc-001.pdf"),
        (FileKind::Pdf, "", 1, "CASE-doc-001.pdf"),
        (FileKind::Pdf, "-", 1, "CASE-doc-001.pdf"),
        (FileKind::Png, &"A".repeat(500), 1, &format!("{}-doc-001.png", "A".repeat(40))),
    ];
    for (kind, receipt, index, want) in cases {
        assert_eq!(download_name(*kind, receipt, *index), *want, "{receipt:?}");
    }
}

#[test]
fn content_disposition_always_means_download() {
    let cases: &[(&str, &str)] = &[
        ("BAK01-2026-0001234-18-doc-003.pdf", r#"attachment; filename="BAK01-2026-0001234-18-doc-003.pdf""#),
        ("a\"; filename=evil.html", r#"attachment; filename="a___filename=evil.html""#),
        ("x\r\nSet-Cookie: y", r#"attachment; filename="x__Set-Cookie:_y""#),
        ("..\\..\\win.ini", r#"attachment; filename=".._.._win.ini""#),
        ("a/b%2e.pdf", r#"attachment; filename="a_b_2e.pdf""#),
        ("résumé.pdf", r#"attachment; filename="r_sum_.pdf""#),
        ("", r#"attachment; filename="download""#),
    ];
    for (name, want) in cases {
        assert_eq!(content_disposition(name), *want, "{name:?}");
    }
    let long = content_disposition(&"a".repeat(1000));
    assert_eq!(long.len(), r#"attachment; filename="""#.len() + 128);
}

#[test]
fn kinds_name_their_media_type_and_extension() {
    let cases = [
        (FileKind::Pdf, "application/pdf", "pdf"),
        (FileKind::Jpeg, "image/jpeg", "jpg"),
        (FileKind::Png, "image/png", "png"),
    ];
    for (kind, mime, ext) in cases {
        assert_eq!((kind.mime(), kind.extension()), (mime, ext));
    }
}
