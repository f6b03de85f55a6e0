//! The printable document checked with the tools a reader would use: `pdftotext` must show the
//! holder, and the QR code rendered by `pdftoppm` and read by `zbarimg` must give back the exact
//! token. These tools (Debian `poppler-utils`, `zbar-tools`) are required: without them the
//! tests fail rather than pass unchecked.

#![expect(clippy::unwrap_used, clippy::expect_used, reason = "tests fail loudly")]

use crate::credential_support;

use credential_support::*;
use std::path::Path;
use std::process::Command;
use umis_credential::{
    Lang, NewClaims, PdfError, Reasons, Rejection, Status, qr_modules, render_decision_pdf, render_pdf,
    token_from_pdf, verify,
};

fn run(program: &str, args: &[&str]) -> String {
    let out = Command::new(program)
        .args(args)
        .output()
        .expect("poppler-utils and zbar-tools must be installed (apt-get install poppler-utils zbar-tools)");
    assert!(out.status.success(), "{program} {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

/// The text `pdftotext` extracts and the QR code `zbarimg` reads from the page at 150 dpi.
fn read_back(dir: &Path, pdf: &[u8]) -> (String, String) {
    let file = dir.join("permit.pdf");
    std::fs::write(&file, pdf).unwrap();
    let file = file.to_str().unwrap();
    let text = run("pdftotext", &[file, "-"]);
    let image = dir.join("page");
    run("pdftoppm", &["-r", "150", "-png", "-singlefile", file, image.to_str().unwrap()]);
    let qr = run("zbarimg", &["--raw", "-q", dir.join("page.png").to_str().unwrap()]);
    (text, qr.trim_end_matches('\n').to_owned())
}

fn holders() -> [NewClaims; 3] {
    let mut az = sample();
    az.holder = "Şəhla Ağayeva-Əliyeva".into();
    let mut ru = sample();
    ru.holder = "Ёлкина Дарья Сергеевна".into();
    ru.doc_type = umis_credential::DocType::Decision;
    ru.kind = "citizenship_acquisition".into();
    (ru.valid_from, ru.valid_until) = (None, None);
    let mut work = sample();
    work.holder = "O'Connor Seán".into();
    work.kind = "work".into();
    work.employer = Some("1402345671".into());
    [az, ru, work]
}

#[test]
fn documents_read_back_in_every_language() {
    let tmp = tempfile::tempdir().unwrap();
    let cases = [
        (Lang::Az, "az", "Müvəqqəti yaşamaq üçün icazə", "Sənədin sahibi"),
        (Lang::En, "en", "Decision on acquisition of citizenship", "Holder"),
        (Lang::Ru, "ru", "Разрешение на работу", "Владелец"),
    ];
    for ((lang, tag, title, label), new) in cases.into_iter().zip(holders()) {
        let token = ring().sign(&claims(new.clone()));
        let pdf = render_pdf(&claims(new.clone()), &token, lang).unwrap();
        assert!(pdf.starts_with(b"%PDF-"), "{tag}");
        let (text, qr) = read_back(tmp.path(), &pdf);
        for expected in [new.holder.as_str(), title, label, &new.number, &new.travel_document] {
            assert!(text.contains(expected), "{tag}: {expected:?} not in:\n{text}");
        }
        assert_eq!(qr, token, "{tag}: the QR code must hold the exact token");
        let verified = verify(&qr, &ring().public_jwks(), None, date("2027-01-15")).unwrap();
        assert_eq!((verified.claims.fields(), verified.status), (&new, Status::Valid));
        assert_eq!(token_from_pdf(&pdf), Some(token), "{tag}");
        let lang_entry = format!("/Lang({tag})");
        assert!(
            pdf.windows(lang_entry.len()).any(|w| w == lang_entry.as_bytes()),
            "{tag}: language metadata"
        );
    }
}

#[test]
fn the_largest_token_still_scans() {
    let mut big = sample();
    big.holder = format!("{} {}", "Ə".repeat(49), "Щ".repeat(50));
    big.number = "A".repeat(40);
    big.kind = "a".repeat(40);
    big.travel_document = format!("RUS:{}", "9".repeat(20));
    big.employer = Some("E".repeat(20));
    // Grounds up to their limit: 240 bytes with the commas.
    big.grounds = (0..5).map(|i| format!("{i}{}", "g".repeat(if i == 4 { 43 } else { 47 }))).collect();
    let signer = umis_credential::KeyRing::from_seed(&"k".repeat(32), SEED).unwrap();
    let token = signer.sign(&claims(big.clone()));
    let qr = qr_modules(&token).unwrap();
    println!("largest token: {} characters, QR {} modules wide", token.len(), qr.width());
    let pdf = render_pdf(&claims(big), &token, Lang::Ru).unwrap();
    let tmp = tempfile::tempdir().unwrap();
    assert_eq!(read_back(tmp.path(), &pdf).1, token);
}

/// `pos` bytes into every copy of the token in `pdf`, the character is replaced by `with`.
fn edit_tokens(pdf: &[u8], token: &str, pos: usize, with: u8, copies: usize) -> Vec<u8> {
    let mut out = pdf.to_vec();
    let starts: Vec<usize> = (0..out.len()).filter(|&i| out[i..].starts_with(token.as_bytes())).collect();
    for &at in starts.iter().take(copies) {
        out[at + pos] = with;
    }
    out
}

#[test]
fn an_edited_embedded_token_fails_verification() {
    let token = ring().sign(&claims(sample()));
    let pdf = render_pdf(&claims(sample()), &token, Lang::En).unwrap();
    let jwks = ring().public_jwks();
    let today = date("2027-01-15");
    // Positions in the payload, at its last character, in the signature and at the end.
    for pos in [10, 40, token.rfind('.').unwrap() - 1, token.len() - 30, token.len() - 1] {
        let original = token.as_bytes()[pos];
        let with = if original == b'A' { b'B' } else { b'A' };
        let edited = edit_tokens(&pdf, &token, pos, with, usize::MAX);
        let found = token_from_pdf(&edited).unwrap();
        assert_ne!(found, token);
        let got = verify(&found, &jwks, None, today);
        assert!(matches!(got, Err(Rejection::Malformed(_) | Rejection::BadSignature)), "at {pos}: {got:?}");
        // Editing one copy only leaves the file with two different tokens: none is trusted.
        assert_eq!(token_from_pdf(&edit_tokens(&pdf, &token, pos, with, 1)), None, "at {pos}");
    }
}

#[test]
fn token_from_pdf_survives_hostile_files() {
    let long = format!("umis-credential:{}", "A".repeat(2000));
    let cases: [(&[u8], Option<&str>); 7] = [
        (b"", None),
        (b"%PDF-1.7 no token here", None),
        (b"umis-credential:", None),
        (b"(umis-credential:) (umis-credential:UMIS1.a.b)", None),
        (b"(umis-credential:UMIS1.a.b) <umis-credential:UMIS1.a.b>", Some("UMIS1.a.b")),
        (b"\xff\xfeumis-credential:UMIS1.x.y\x00", Some("UMIS1.x.y")),
        (long.as_bytes(), None),
    ];
    for (bytes, expected) in cases {
        assert_eq!(
            token_from_pdf(bytes).as_deref(),
            expected,
            "{:?}",
            String::from_utf8_lossy(&bytes[..bytes.len().min(60)])
        );
    }
}

#[test]
fn a_page_never_prints_other_claims_than_its_token() {
    let token = ring().sign(&claims(sample()));
    let mut other = sample();
    other.holder = "Someone Else".into();
    assert_eq!(render_pdf(&claims(other), &token, Lang::En), Err(PdfError::Mismatch));
    let stranger = umis_credential::KeyRing::from_seed("k2026-11-27b-evil", [9; 32]).unwrap();
    let verified = verify(&token, &ring().public_jwks(), None, date("2027-01-15")).unwrap();
    let foreign = stranger.sign(&claims(sample()));
    assert_eq!(render_pdf(&verified.claims, &foreign, Lang::En), Err(PdfError::Mismatch));
    assert!(matches!(render_pdf(&claims(sample()), "UMIS1.x", Lang::En), Err(PdfError::Token(_))));
    assert!(matches!(render_pdf(&claims(sample()), "", Lang::En), Err(PdfError::Token(_))));
}

#[test]
fn a_decision_names_the_grounds_its_token_signs_and_its_note_on_pages_of_their_own() {
    let mut refusal = sample();
    refusal.doc_type = umis_credential::DocType::Decision;
    refusal.kind = "trp_issue_refused".into();
    (refusal.valid_from, refusal.valid_until) = (None, None);
    refusal.grounds = vec!["false_information".into(), "no_residence_ground".into()];
    let token = ring().sign(&claims(refusal.clone()));
    let words = |code: &str| match code {
        "false_information" => "Представлены ложные сведения (Миграционный кодекс, ст. 55.0.3)".to_owned(),
        other => format!("ground {other}"),
    };
    // A long note runs over more than one page, every word of it printed.
    let note = format!("Первый абзац.\n{} конец примечания", "слово ".repeat(900));
    let reasons = Reasons { ground: &words, note: Some(&note) };
    let pdf = render_decision_pdf(&claims(refusal.clone()), &token, Lang::Ru, &reasons).unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let (text, qr) = read_back(tmp.path(), &pdf);
    assert_eq!(qr, token, "the first page still carries the QR code");
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for expected in [
        "Решение об отказе: trp issue",
        "Основания",
        "1. Представлены ложные сведения (Миграционный кодекс, ст. 55.0.3)",
        "2. ground no_residence_ground",
        "Примечание",
        "Первый абзац.",
        "конец примечания",
    ] {
        assert!(flat.contains(expected), "{expected:?} not in:\n{text}");
    }
    assert_eq!(flat.matches("слово").count(), 900, "no word of the note is lost");
    // pdftotext ends every page with a form feed: the first page and two of grounds.
    assert_eq!(text.matches('\u{c}').count(), 3, "the note runs over two pages");

    // Without words for them, the codes themselves are printed; a document without grounds
    // has one page and no grounds' label.
    let plain = read_back(tmp.path(), &render_pdf(&claims(refusal), &token, Lang::En).unwrap()).0;
    assert!(plain.contains("1. false_information") && plain.contains("Grounds"), "{plain}");
    let permit = sample();
    let permit_token = ring().sign(&claims(permit.clone()));
    let one = read_back(tmp.path(), &render_pdf(&claims(permit), &permit_token, Lang::En).unwrap()).0;
    assert!(!one.contains("Grounds") && one.matches('\u{c}').count() == 1, "{one}");
}
