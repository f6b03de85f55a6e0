//! Every language declares the same messages: the Fluent files of az, en and ru each parse,
//! declare no message twice, and together name the same ids. Which keys the code uses is
//! checked where the code is visible (umis-web's `portal_i18n`, which sees every crate).

#![expect(clippy::unwrap_used, clippy::panic, reason = "test code: a failure should stop the test")]

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use umis_words::{LANGS, LOCALES_DIR, code, declared_ids};

fn declared() -> BTreeMap<&'static str, BTreeSet<String>> {
    let mut out = BTreeMap::new();
    for lang in LANGS {
        let dir = Path::new(LOCALES_DIR).join(code(lang));
        let mut keys = BTreeSet::new();
        let mut files: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
        files.sort();
        assert!(files.iter().any(|f| f.extension().is_some_and(|e| e == "ftl")), "no files in {dir:?}");
        for f in files.iter().filter(|f| f.extension().is_some_and(|e| e == "ftl")) {
            let text = std::fs::read_to_string(f).unwrap();
            let ids = declared_ids(&text).unwrap_or_else(|e| panic!("{} does not parse: {e}", f.display()));
            for id in ids {
                assert!(keys.insert(id.clone()), "{}: {id} declared twice", code(lang));
            }
        }
        out.insert(code(lang), keys);
    }
    out
}

#[test]
fn every_language_declares_the_same_messages() {
    let all = declared();
    let union: BTreeSet<&String> = all.values().flatten().collect();
    assert!(union.len() > 500, "only {} messages found", union.len());
    let mut missing = Vec::new();
    for (code, keys) in &all {
        for k in &union {
            if !keys.contains(*k) {
                missing.push(format!("{code}: {k}"));
            }
        }
    }
    assert!(missing.is_empty(), "missing translations:\n{}", missing.join("\n"));
}

#[test]
fn the_same_file_names_exist_in_every_language() {
    let names = |lang| {
        let mut n: Vec<String> = std::fs::read_dir(Path::new(LOCALES_DIR).join(code(lang)))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        n.sort();
        n
    };
    for lang in LANGS {
        assert_eq!(names(lang), names(LANGS[0]), "{}", code(lang));
    }
}

#[test]
fn a_broken_file_is_reported_not_skipped() {
    assert!(declared_ids("good = fine\nbad = { $\n").is_err());
    assert_eq!(declared_ids("a-b = x\n    .attr = y\n# c = comment\nd_e = z").unwrap(), ["a-b", "d_e"]);
}
