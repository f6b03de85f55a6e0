//! Every word of the portal exists in all three languages: the Fluent files of az, en and ru
//! declare the same messages, each parses, and every key the templates and page code name
//! literally is declared. A missing translation fails here, not in front of a reader.

#![expect(clippy::unwrap_used, clippy::panic, reason = "test code: a failure should stop the test")]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use umis_web::portal::i18n::{self, LANGS};

fn files(dir: &Path, ext: &str, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files(&path, ext, out);
        } else if path.extension().is_some_and(|e| e == ext) {
            out.push(path);
        }
    }
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Message ids per language (and per file, for the message).
fn declared() -> BTreeMap<&'static str, BTreeSet<String>> {
    let mut out = BTreeMap::new();
    for lang in LANGS {
        let code = i18n::code(lang);
        let mut ftl = Vec::new();
        files(&root().join("locales").join(code), "ftl", &mut ftl);
        assert!(!ftl.is_empty(), "no Fluent files for {code}");
        let mut keys = BTreeSet::new();
        for f in ftl {
            let text = std::fs::read_to_string(&f).unwrap();
            if let Err((_, errors)) = fluent_templates::fluent_bundle::FluentResource::try_new(text.clone()) {
                panic!("{} does not parse: {errors:?}", f.display());
            }
            for line in text.lines() {
                let Some((id, _)) = line.split_once(" =") else { continue };
                if !id.is_empty() && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') {
                    assert!(keys.insert(id.to_owned()), "{code}: {id} declared twice");
                }
            }
        }
        out.insert(code, keys);
    }
    out
}

#[test]
fn every_language_declares_the_same_messages() {
    let all = declared();
    let union: BTreeSet<&String> = all.values().flatten().collect();
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

/// Keys named literally in templates and page code: `t("…")`, `t1("…"`, `ta("…"`, `chrome("…")`.
fn used_keys() -> BTreeSet<String> {
    let mut sources = Vec::new();
    files(&root().join("templates").join("portal"), "html", &mut sources);
    files(&root().join("src").join("portal"), "rs", &mut sources);
    let mut keys = BTreeSet::new();
    for f in sources {
        let text = std::fs::read_to_string(&f).unwrap();
        // (what precedes a key, how much of it is not the key)
        let calls =
            [("t(\"", 3), ("t1(\"", 4), ("ta(\"", 4), ("chrome(\"", 8), ("(\"nav-", 2), ("(\"error-", 2)];
        for (call, skip) in calls {
            for (i, _) in text.match_indices(call) {
                let rest = &text[i + skip..];
                let key: String = rest
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
                    .collect();
                let closed = rest[key.len()..].starts_with('"');
                if closed && key.contains('-') && !key.ends_with('-') {
                    keys.insert(key);
                }
            }
        }
    }
    keys
}

#[test]
fn every_key_the_pages_use_is_declared() {
    let all = declared();
    let used = used_keys();
    assert!(used.len() > 50, "the scan found only {} keys", used.len());
    let mut missing = Vec::new();
    for (code, keys) in &all {
        for k in &used {
            if !keys.contains(k) {
                missing.push(format!("{code}: {k}"));
            }
        }
    }
    assert!(missing.is_empty(), "used but not declared:\n{}", missing.join("\n"));
}

#[test]
fn keys_built_at_run_time_are_declared() {
    let all = declared();
    let mut needed: Vec<String> = (1..=12).map(|m| format!("month-{m}")).collect();
    for role in [
        "applicant",
        "host",
        "employer",
        "operator",
        "officer",
        "supervisor",
        "refugee_officer",
        "border_officer",
        "auditor",
        "admin",
    ] {
        needed.push(format!("role-{role}"));
    }
    for (code, keys) in &all {
        for k in &needed {
            assert!(keys.contains(k), "{code}: {k}");
        }
    }
}
