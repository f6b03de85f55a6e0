//! Every word umis shows exists in all three languages: every key the templates and page code
//! name literally, and every key the other crates build at run time (the public status
//! vocabulary, the trace and eligibility sentences, the printed documents' words, the password
//! refusals, the cancellation notice), is declared in the Fluent files of az, en and ru
//! (`umis-words`, whose own test checks the languages declare the same messages). A missing
//! translation fails here, not in front of a reader.

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

/// Message ids per language.
fn declared() -> BTreeMap<&'static str, BTreeSet<String>> {
    let mut out = BTreeMap::new();
    for lang in LANGS {
        let code = i18n::code(lang);
        let mut ftl = Vec::new();
        files(&Path::new(umis_words::LOCALES_DIR).join(code), "ftl", &mut ftl);
        assert!(!ftl.is_empty(), "no Fluent files for {code}");
        let mut keys = BTreeSet::new();
        for f in ftl {
            let text = std::fs::read_to_string(&f).unwrap();
            let ids = umis_words::declared_ids(&text).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
            keys.extend(ids);
        }
        out.insert(code, keys);
    }
    out
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

/// The keys the other crates build at run time, from the lists they publish.
fn keys_of_other_crates() -> Vec<String> {
    use umis_core::accounts::password::PasswordProblem;
    use umis_rules::services::{ELIGIBILITY_WORDS, Fact, fact_key};
    let mut keys: Vec<String> =
        umis_core::cases::MESSAGE_CODES.iter().map(|c| format!("status-{c}")).collect();
    keys.push("status-subject".into());
    keys.extend(umis_rules::trace::Rule::ALL.iter().map(|r| r.key().to_owned()));
    keys.extend(ELIGIBILITY_WORDS.iter().map(|k| (*k).to_owned()));
    keys.extend(Fact::ALL.iter().map(|f| fact_key(*f)));
    keys.extend(umis_credential::words());
    keys.extend(PasswordProblem::CODES.iter().map(|c| format!("form-problem-{c}")));
    keys.extend(umis_core::cases::NOTICE_WORDS.iter().map(|k| (*k).to_owned()));
    keys
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
    // The appeal board's two lists (`board.html` words each by its id).
    for id in ["open", "decided"] {
        needed.push(format!("board-{id}"));
        needed.push(format!("board-none-{id}"));
    }
    let others = keys_of_other_crates();
    assert!(others.len() > 100, "only {} keys of other crates", others.len());
    needed.extend(others);
    let mut missing = Vec::new();
    for (code, keys) in &all {
        for k in &needed {
            if !keys.contains(k) {
                missing.push(format!("{code}: {k}"));
            }
        }
    }
    assert!(missing.is_empty(), "built at run time but not declared:\n{}", missing.join("\n"));
}
