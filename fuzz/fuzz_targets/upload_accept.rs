//! Any bytes an applicant uploads: `accept` refuses or accepts, never panics, never allocates
//! beyond the input, and what it accepts passes again unchanged (cleaning is idempotent).
#![no_main]

use libfuzzer_sys::fuzz_target;
use umis_upload::{Limits, accept};

fuzz_target!(|data: &[u8]| {
    if let Ok(accepted) = accept(data, &Limits::default()) {
        assert!(accepted.bytes.len() <= data.len(), "cleaning grew the file");
        let again = accept(&accepted.bytes, &Limits::default()).expect("a cleaned file is accepted again");
        assert_eq!(again.bytes, accepted.bytes, "cleaning is not idempotent");
    }
});
