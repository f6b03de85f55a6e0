//! Uploads judged by content: one table of valid, unsupported, damaged and hostile files,
//! each with the kind it must be accepted as or the refusal code it must get.

#![expect(clippy::panic, reason = "tests fail loudly")]

use crate::upload_build;

use umis_upload::{FileKind, Limits, LooksLike, Refusal, accept};
use upload_build::*;

/// What a case must come to.
#[derive(Debug, Clone, Copy)]
enum Want {
    Kind(FileKind),
    Looks(LooksLike),
    Code(&'static str),
}

fn check(name: &str, input: &[u8], want: Want) {
    let got = accept(input, &Limits::default());
    match (&got, want) {
        (Ok(a), Want::Kind(kind)) => {
            assert_eq!(a.kind, kind, "{name}");
            // Cleaning is idempotent: what is stored passes again unchanged, nothing left to strip.
            let again = accept(&a.bytes, &Limits::default()).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(again.bytes, a.bytes, "{name}: re-accepted bytes differ");
            assert!(again.stripped.is_empty(), "{name}: left {:?}", again.stripped);
            assert!(a.bytes.len() <= input.len(), "{name}: cleaning grew the file");
        }
        (Err(Refusal::UnsupportedType(looks)), Want::Looks(want)) => assert_eq!(*looks, want, "{name}"),
        (Err(r), Want::Code(code)) => assert_eq!(r.code(), code, "{name}: {r}"),
        _ => panic!("{name}: got {got:?}, want {want:?}"),
    }
}

const MIB: usize = 1024 * 1024;

fn with_ihdr(f: impl Fn(&mut Vec<u8>)) -> Vec<u8> {
    let mut data = ihdr(1, 1);
    f(&mut data);
    png_of(&[chunk(b"IHDR", &data), chunk(b"IDAT", IDAT_1X1)])
}

fn valid() -> Vec<(&'static str, Vec<u8>, Want)> {
    use FileKind::{Jpeg, Pdf, Png};
    let palette = with_ihdr(|h| h[9] = 3);
    let palette = replace(
        &palette,
        &chunk(b"IDAT", IDAT_1X1),
        &[chunk(b"PLTE", &[0, 0, 0]), chunk(b"IDAT", IDAT_1X1)].concat(),
    );
    vec![
        ("minimal JPEG", jpeg(&[]), Want::Kind(Jpeg)),
        ("JPEG with JFIF", jpeg(&[segment(0xE0, &jfif(false))]), Want::Kind(Jpeg)),
        ("JPEG with restart markers and fill bytes", jpeg_restarts(), Want::Kind(Jpeg)),
        ("JPEG with EXIF and GPS", jpeg(&[segment(0xE1, &exif_gps())]), Want::Kind(Jpeg)),
        ("JPEG with a ZIP appended", [jpeg(&[]), b"PK\x03\x04rest".to_vec()].concat(), Want::Kind(Jpeg)),
        ("Ghostscript JPEG", fixture("ghostscript-8x8.jpg"), Want::Kind(Jpeg)),
        ("minimal PNG", png(&[]), Want::Kind(Png)),
        ("PNG with tEXt", png(&[chunk(b"tEXt", b"Author\0A. Person")]), Want::Kind(Png)),
        ("PNG with a palette", palette, Want::Kind(Png)),
        ("Ghostscript PNG", fixture("ghostscript-8x8.png"), Want::Kind(Png)),
        ("minimal PDF 1.7", pdf_plain(), Want::Kind(Pdf)),
        ("PDF 1.0", pdf("1.0", "", &[]), Want::Kind(Pdf)),
        ("PDF 2.0", pdf("2.0", "", &[]), Want::Kind(Pdf)),
        ("PDF opening at page 1", pdf("1.7", "/OpenAction [3 0 R /Fit] ", &[]), Want::Kind(Pdf)),
        ("PDF name /JSX is not /JS", pdf("1.7", "/JSX 1 ", &[]), Want::Kind(Pdf)),
        ("PDF /JS by chance in stream data", pdf_with_stream(b"\x8a\x00/JS \x13\x07/AA)"), Want::Kind(Pdf)),
        ("Ghostscript PDF", fixture("ghostscript-blank.pdf"), Want::Kind(Pdf)),
    ]
}

fn unsupported() -> Vec<(&'static str, Vec<u8>, Want)> {
    use LooksLike::*;
    let looks = |name, bytes: &[u8], l| (name, bytes.to_vec(), Want::Looks(l));
    vec![
        looks("HTML renamed .pdf", b"<!DOCTYPE html><html><body>Passport</body></html>", Html),
        looks("HTML after BOM and space", b"\xEF\xBB\xBF \n<HTML><p>x</p></HTML>", Html),
        looks("text with a script", b"Dear officer, <script>fetch('/x')</script>", Html),
        looks("SVG with script", b"<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>", SvgOrXml),
        looks("bare SVG", b"<svg onload=alert(1)>", SvgOrXml),
        looks("XML", b"<?xml version='1.0'?><doc/>", SvgOrXml),
        looks("ZIP", b"PK\x03\x04\x14\x00\x00\x00\x08\x00word/document.xml", ZipOrOffice),
        looks("empty ZIP", b"PK\x05\x06\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0", ZipOrOffice),
        looks("legacy Office", b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0\0\0", ZipOrOffice),
        looks("GIF", b"GIF89a\x01\x00\x01\x00\x80\x00\x00", Gif),
        looks("WebP", b"RIFF\x1a\0\0\0WEBPVP8 \x0e\0\0\0", WebP),
        looks("HEIC", b"\0\0\0\x18ftypheic\0\0\0\0mif1heic", Heic),
        looks("TIFF", b"II*\x00\x08\x00\x00\x00", Tiff),
        looks("BMP", b"BM\x3a\0\0\0\0\0\0\0\x36\0\0\0", Bmp),
        looks("ELF", b"\x7FELF\x02\x01\x01\0\0\0\0\0\0\0\0\0", ElfExecutable),
        looks("PE", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00", PeExecutable),
        looks("Mach-O", b"\xCF\xFA\xED\xFE\x07\x00\x00\x01", MachOExecutable),
        looks("shell script", b"#!/bin/sh\nrm -rf /\n", Script),
        looks("plain text", b"my passport number is on page 2", Unknown),
        looks("PDF header not at offset 0", &[b" ".as_slice(), &pdf_plain()].concat(), Unknown),
        looks("PNG signature damaged", &png(&[])[1..], Unknown),
    ]
}

fn png_refused() -> Vec<(&'static str, Vec<u8>, Want)> {
    let sig = b"\x89PNG\r\n\x1a\n".to_vec();
    let ok = png(&[]);
    let mut bad_crc = ok.clone();
    let idat_crc = bad_crc.len() - 13;
    bad_crc[idat_crc] ^= 1;
    let mut bad_ihdr_crc = ok.clone();
    bad_ihdr_crc[29] ^= 0x80;
    let refused = |name, bytes, code| (name, bytes, Want::Code(code));
    let ihdr_1 = chunk(b"IHDR", &ihdr(1, 1));
    let idat = chunk(b"IDAT", IDAT_1X1);
    vec![
        refused(
            "PNG 20,000 x 20,000, nothing after the header",
            [sig.clone(), chunk(b"IHDR", &ihdr(20_000, 20_000))].concat(),
            "too_many_pixels",
        ),
        refused(
            "PNG chunk length 0xFFFFFFFF",
            [sig.clone(), ihdr_1.clone(), b"\xFF\xFF\xFF\xFFIDAT\0\0".to_vec()].concat(),
            "corrupt",
        ),
        refused(
            "PNG chunk length past the end",
            [sig.clone(), ihdr_1.clone(), b"\x00\x00\x10\x00IDAT\0\0\0\0".to_vec()].concat(),
            "corrupt",
        ),
        refused("PNG bad CRC on image data", bad_crc, "corrupt"),
        refused("PNG bad CRC on header", bad_ihdr_crc, "corrupt"),
        refused("PNG unknown critical chunk", png(&[chunk(b"ABCD", b"x")]), "corrupt"),
        refused("PNG chunk type with digits", png(&[chunk(b"te1t", b"x")]), "corrupt"),
        refused("PNG without image data", png_of(std::slice::from_ref(&ihdr_1)), "corrupt"),
        refused(
            "PNG header not first",
            png_of(&[chunk(b"gAMA", &[0, 0, 0, 1]), ihdr_1.clone(), idat.clone()]),
            "corrupt",
        ),
        refused("PNG with two headers", png_of(&[ihdr_1.clone(), ihdr_1.clone(), idat.clone()]), "corrupt"),
        refused(
            "PNG split image data",
            png_of(&[ihdr_1.clone(), idat.clone(), chunk(b"tEXt", b"a\0b"), idat.clone()]),
            "corrupt",
        ),
        refused(
            "PNG end chunk with data",
            [sig.clone(), ihdr_1.clone(), idat.clone(), chunk(b"IEND", b"x")].concat(),
            "corrupt",
        ),
        refused("PNG without end chunk", [sig.clone(), ihdr_1.clone(), idat.clone()].concat(), "corrupt"),
        refused("PNG signature only", sig, "corrupt"),
        refused(
            "PNG with <html> in a text chunk",
            png(&[chunk(b"tEXt", b"c\0<html><script>x</script>")]),
            "active_content",
        ),
    ]
}

fn png_header_refused() -> Vec<(&'static str, Vec<u8>, Want)> {
    let refused = |name, bytes, code| (name, bytes, Want::Code(code));
    vec![
        refused("PNG palette in a grey image", png(&[chunk(b"PLTE", &[0, 0, 0])]), "corrupt"),
        refused("PNG palette image without palette", with_ihdr(|h| h[9] = 3), "corrupt"),
        refused("PNG bit depth 3", with_ihdr(|h| h[8] = 3), "corrupt"),
        refused("PNG width 0", png_sized(0, 1), "corrupt"),
        refused("PNG width 2^31", png_sized(1 << 31, 1), "corrupt"),
        refused("PNG interlace method 2", with_ihdr(|h| h[12] = 2), "corrupt"),
    ]
}

fn jpeg_refused() -> Vec<(&'static str, Vec<u8>, Want)> {
    let ok = jpeg(&[]);
    let no_frame = replace(&ok, &sof0(8, 8), b"");
    let no_scan = [&ok[..ok.len() - 3 - sos().len()], b"\xFF\xD9"].concat();
    let refused = |name, bytes, code| (name, bytes, Want::Code(code));
    vec![
        refused("JPEG truncated in the image data", ok[..ok.len() - 2].to_vec(), "corrupt"),
        refused("JPEG truncated in a table", ok[..20].to_vec(), "corrupt"),
        refused("JPEG segment length past the end", b"\xFF\xD8\xFF\xE1\xFF\xFFExif\0\0".to_vec(), "corrupt"),
        refused(
            "JPEG segment length 1",
            [b"\xFF\xD8\xFF\xFE\x00\x01".as_slice(), &ok[2..]].concat(),
            "corrupt",
        ),
        refused("JPEG without frame header", no_frame, "corrupt"),
        refused("JPEG without scan", no_scan, "corrupt"),
        refused("JPEG with two frame headers", jpeg(&[sof0(8, 8)]), "corrupt"),
        refused("JPEG with an unknown marker", jpeg(&[segment(0xF7, b"x")]), "corrupt"),
        refused("JPEG with a second start marker", jpeg(&[vec![0xFF, 0xD8]]), "corrupt"),
        refused(
            "JPEG with garbage between segments",
            jpeg(&[segment(0xE0, &jfif(false)), b"junk".to_vec()]),
            "corrupt",
        ),
        refused("JPEG zero height", jpeg_sized(&[], 8, 0), "corrupt"),
        refused("JPEG 65,535 x 65,535", jpeg_sized(&[], 65_535, 65_535), "too_many_pixels"),
        refused("JPEG 12,001 wide", jpeg_sized(&[], 12_001, 1), "too_many_pixels"),
        refused(
            "JPEG with <script> in a comment",
            jpeg(&[segment(0xFE, b"<script>alert(1)</script>")]),
            "active_content",
        ),
        refused(
            "JPEG with <svg in EXIF",
            jpeg(&[segment(0xE1, b"Exif\0\0<SVG onload=x>")]),
            "active_content",
        ),
    ]
}

fn pdf_refused() -> Vec<(&'static str, Vec<u8>, Want)> {
    let plain = pdf_plain();
    let encrypted = replace(&plain, b"/Root 1 0 R", b"/Root 1 0 R /Encrypt 4 0 R");
    let active = |name, extra: &str| (name, pdf("1.7", extra, &[]), Want::Code("active_content"));
    let refused = |name, bytes, code| (name, bytes, Want::Code(code));
    vec![
        refused(
            "PDF JavaScript open action",
            pdf("1.7", "/OpenAction 4 0 R ", &["<< /S /JavaScript /JS (app.alert(1)) >>"]),
            "active_content",
        ),
        active("PDF /J#61vaScript", "/Names << /J#61vaScript 4 0 R >> "),
        active("PDF fully escaped /#4A#61#76#61#53#63#72#69#70#74", "/#4A#61#76#61#53#63#72#69#70#74 4 0 R "),
        active("PDF /JS", "/JS (app.alert(1)) "),
        active("PDF /J#53", "/J#53 (app.alert(1)) "),
        active("PDF /Launch", "/OpenAction << /S /Launch /F (cmd.exe) >> "),
        active("PDF /EmbeddedFile", "/X << /Type /EmbeddedFile >> "),
        active("PDF /EmbeddedFiles", "/Names << /EmbeddedFiles 4 0 R >> "),
        active("PDF /RichMedia", "/X << /Subtype /RichMedia >> "),
        active("PDF /XFA", "/AcroForm << /XFA 4 0 R >> "),
        active("PDF /AA", "/AA << /O 4 0 R >> "),
        active("PDF /SubmitForm", "/X << /S /SubmitForm /F (https://example.invalid) >> "),
        active("PDF /ImportData", "/X << /S /ImportData >> "),
        active("PDF <html> in the first KB", "/X (<html>) "),
        active("PDF <SCRIPT> in the first KB", "/X (<SCRIPT>) "),
        refused(
            "PDF /JavaScript in stream data",
            pdf_with_stream(b"9 0 obj << /S /JavaScript /JS (x) >>"),
            "active_content",
        ),
        refused("PDF encrypted", encrypted.clone(), "encrypted"),
        refused(
            "PDF encrypted with JavaScript",
            replace(&encrypted, b"/Catalog", b"/Catalog /JS (x)"),
            "encrypted",
        ),
        refused("PDF version 1.9", replace(&plain, b"%PDF-1.7", b"%PDF-1.9"), "corrupt"),
        refused("PDF version 3.0", replace(&plain, b"%PDF-1.7", b"%PDF-3.0"), "corrupt"),
        refused("PDF without end marker", replace(&plain, b"%%EOF", b""), "corrupt"),
        refused("PDF end marker far from the end", [plain.clone(), vec![b' '; 2000]].concat(), "corrupt"),
        refused("PDF header only", b"%PDF-1.4".to_vec(), "corrupt"),
    ]
}

#[test]
fn every_upload_gets_its_verdict() {
    let other = vec![
        ("empty", Vec::new(), Want::Code("empty")),
        ("10 MiB + 1", vec![0u8; 10 * MIB + 1], Want::Code("too_large")),
        (
            "10 MiB PDF",
            [pdf_plain(), vec![b'\n'; 10 * MIB - pdf_plain().len()]].concat(),
            Want::Code("corrupt"),
        ),
        (
            "10 MiB PDF ending in its end marker",
            [b"%PDF-1.4\n%".as_slice(), &vec![b'x'; 10 * MIB - 16], b"\n%%EOF"].concat(),
            Want::Kind(FileKind::Pdf),
        ),
    ];
    let all =
        [valid(), unsupported(), png_refused(), png_header_refused(), jpeg_refused(), pdf_refused(), other]
            .concat();
    for (name, input, want) in &all {
        check(name, input, *want);
    }
    assert!(all.len() > 100, "{} cases", all.len());
}
