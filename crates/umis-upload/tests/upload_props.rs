//! Properties of `accept` over generated input: it never panics on arbitrary bytes or on
//! valid files with bytes changed, cut or inserted, and whatever it accepts passes again
//! unchanged (cleaning is idempotent) and is never larger than what came in.

#![expect(clippy::unwrap_used, reason = "tests fail loudly")]

use crate::upload_build;

use std::sync::LazyLock;

use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::Index;
use umis_upload::{FileKind, Limits, accept};
use upload_build::*;

/// Valid files of every kind, with metadata to strip, as starting points for mutation.
static SEEDS: LazyLock<Vec<Vec<u8>>> = LazyLock::new(|| {
    vec![
        jpeg(&[segment(0xE0, &jfif(true)), segment(0xE1, &exif_gps()), segment(0xFE, b"comment")]),
        jpeg_restarts(),
        png(&[chunk(b"tEXt", b"Author\0A. Person"), chunk(b"gAMA", &[0, 0, 0xB1, 0x8F])]),
        pdf_with_stream(b"BT /F1 12 Tf (Hello) Tj ET"),
        fixture("ghostscript-8x8.jpg"),
        fixture("ghostscript-8x8.png"),
        fixture("ghostscript-blank.pdf"),
    ]
});

/// The signatures of the accepted kinds, so random tails reach the format parsers.
const SIGNATURES: &[&[u8]] = &[b"\xFF\xD8\xFF", b"\x89PNG\r\n\x1a\n", b"%PDF-1.7\n"];

/// Accepts `bytes` if it can and, when it does, checks what a stored file must satisfy.
fn accept_and_check(bytes: &[u8]) -> Result<(), TestCaseError> {
    if let Ok(a) = accept(bytes, &Limits::default()) {
        prop_assert!(a.bytes.len() <= bytes.len());
        if a.kind == FileKind::Pdf {
            prop_assert_eq!(&a.bytes, &bytes.to_vec());
        }
        let again = accept(&a.bytes, &Limits::default()).unwrap();
        prop_assert_eq!(&again.bytes, &a.bytes);
        prop_assert_eq!(&again.sha256, &a.sha256);
        prop_assert!(again.stripped.is_empty(), "left to strip: {:?}", again.stripped);
    }
    Ok(())
}

/// An edit of a valid file: overwrite a byte, cut the file, or insert bytes.
#[derive(Debug, Clone)]
enum Edit {
    Set(Index, u8),
    Cut(Index),
    Insert(Index, Vec<u8>),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        6 => (any::<Index>(), any::<u8>()).prop_map(|(i, b)| Edit::Set(i, b)),
        1 => any::<Index>().prop_map(Edit::Cut),
        2 => (any::<Index>(), vec(any::<u8>(), 1..16)).prop_map(|(i, b)| Edit::Insert(i, b)),
    ]
}

fn apply(bytes: &mut Vec<u8>, edit: &Edit) {
    if bytes.is_empty() {
        return;
    }
    match edit {
        Edit::Set(i, b) => {
            let at = i.index(bytes.len());
            bytes[at] = *b;
        }
        Edit::Cut(i) => bytes.truncate(i.index(bytes.len())),
        Edit::Insert(i, more) => {
            let at = i.index(bytes.len());
            bytes.splice(at..at, more.iter().copied());
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in vec(any::<u8>(), 0..2048)) {
        accept_and_check(&bytes)?;
    }

    #[test]
    fn arbitrary_bytes_behind_a_signature_never_panic(sig in 0..SIGNATURES.len(), tail in vec(any::<u8>(), 0..2048)) {
        accept_and_check(&[SIGNATURES[sig], &tail].concat())?;
    }

    #[test]
    fn mutated_valid_files_never_panic(seed in 0..SEEDS.len(), edits in vec(edit(), 1..6)) {
        let mut bytes = SEEDS[seed].clone();
        for e in &edits {
            apply(&mut bytes, e);
        }
        accept_and_check(&bytes)?;
    }

    #[test]
    fn valid_files_with_metadata_spliced_in_clean_idempotently(seed in 0..3usize, at in any::<Index>(), comment in vec(any::<u8>(), 0..300)) {
        // Segments and chunks dropped into arbitrary places: accepted or refused, never broken.
        let extra = match seed {
            0 => segment(0xFE, &comment),
            1 => segment(0xE1, &[b"Exif\0\0".as_slice(), &comment].concat()),
            _ => chunk(b"tEXt", &comment),
        };
        let base = if seed < 2 { jpeg(&[]) } else { png(&[]) };
        let pos = at.index(base.len());
        accept_and_check(&[&base[..pos], &extra, &base[pos..]].concat())?;
    }
}

#[test]
fn every_seed_is_accepted_so_mutations_start_from_valid_files() {
    for (i, seed) in SEEDS.iter().enumerate() {
        assert!(accept(seed, &Limits::default()).is_ok(), "seed {i}");
        accept_and_check(seed).unwrap();
    }
}
