//! Any name typed into a search box or read from a feed: romanisation, skeleton keys and scoring
//! never panic, romanised names hold only letters and digits, a word's keys are its skeletons, a
//! key matches itself fully and scores stay within 0..=1, and a query always fully matches the
//! name it was made from.
#![no_main]

use libfuzzer_sys::fuzz_target;
use umis_names::{NameQuery, Reading, key_score, keys, romanise, skeleton, words};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let (a, b) = text.split_once('\n').unwrap_or((&text, ""));
    for reading in [Reading::Common, Reading::Azerbaijani] {
        let romanised = romanise(a, reading);
        assert!(romanised.chars().all(char::is_alphanumeric), "romanise kept a non-letter");
        let _ = skeleton(&romanised);
    }
    let _ = skeleton(a);
    for word in words(a) {
        let ks = keys(word);
        assert!(ks.contains(&skeleton(&romanise(word, Reading::Common))), "the common key is missing");
        assert!(ks.contains(&skeleton(&romanise(word, Reading::Azerbaijani))), "the Azerbaijani key is missing");
        for k in &ks {
            assert_eq!(key_score(k, k), Some(1.0), "a key does not match itself");
        }
    }
    if let Some(score) = key_score(a, b) {
        assert!((0.0..=1.0).contains(&score), "score {score} outside 0..=1");
    }
    if let Some(query) = NameQuery::new(a) {
        assert_eq!(query.score_name(a), Some(1.0), "a query does not fully match its own name");
        if let Some(score) = query.score_name(b) {
            assert!((0.0..=1.0).contains(&score), "score {score} outside 0..=1");
        }
    }
});
