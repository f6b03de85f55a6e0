//! Any two lines typed or scanned at a counter: the TD3 parser answers or names a problem,
//! and never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut lines = text.splitn(2, '\n');
    let (l1, l2) = (lines.next().unwrap_or(""), lines.next().unwrap_or(""));
    let _ = umis_mrz::parse_td3(l1, l2);
    let _ = umis_mrz::yymmdd(l1);
    let _ = umis_mrz::name_matches(l1, l2);
    let _ = umis_mrz::check_digit(l1);
    let _ = umis_mrz::mrz_name(l2);
});
