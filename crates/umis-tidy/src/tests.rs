//! The checks. Each names the files and lines that break an invariant, so that a failure says
//! what to fix; an allowance, where one exists, names the file and why.

#![expect(clippy::expect_used, reason = "test code: an unreadable tree should stop the check")]

use crate::source::{SourceFile, files, functions, workspace_root};

/// Fails with every offence listed, one per line.
fn assert_none(what: &str, offences: Vec<String>) {
    assert!(offences.is_empty(), "{what}:\n  {}", offences.join("\n  "));
}

/// Every Rust source file of the product (this crate's own checks quote what they look for).
fn rust_sources() -> Vec<SourceFile> {
    files("src", ".rs").into_iter().filter(|f| f.krate != "umis-tidy").collect()
}

#[test]
fn every_source_file_says_what_it_is_for() {
    let offences = rust_sources()
        .into_iter()
        .filter(|f| !f.text.trim_start().starts_with("//!"))
        .map(|f| f.path)
        .collect();
    assert_none("source files without a module doc (`//!`)", offences);
}

/// SQL lives in umis-store alone (ARCHITECTURE.md: "the only crate with SQL").
#[test]
fn no_sql_outside_the_store() {
    const STATEMENTS: [&str; 8] = [
        "SELECT ",
        "INSERT INTO",
        "DELETE FROM",
        "CREATE TABLE",
        "ALTER TABLE",
        "CREATE DATABASE",
        "DROP DATABASE",
        "CREATE INDEX",
    ];
    let mut offences = Vec::new();
    for file in rust_sources().iter().filter(|f| f.krate != "umis-store") {
        for (n, line) in file.code_lines() {
            let sql_word = STATEMENTS.iter().any(|s| line.contains(s))
                || (line.contains("UPDATE ") && line.contains(" SET "));
            if sql_word && line.contains('"') {
                offences.push(format!("{}:{n}: {}", file.path, line.trim()));
            }
        }
    }
    assert_none("SQL outside umis-store", offences);
}

/// The vocabulary, the law and the words are pure: no input, output, clock or environment (the
/// Fluent files are compiled into umis-words, not read at run time).
#[test]
fn domain_rules_and_words_do_no_io() {
    const IO: [&str; 10] = [
        "std::fs",
        "std::net",
        "std::process",
        "std::thread",
        "std::env",
        "SystemTime",
        "Instant::now",
        "println!",
        "eprintln!",
        "Zoned::now",
    ];
    let mut offences = Vec::new();
    let pure = ["umis-domain", "umis-rules", "umis-words"];
    for file in rust_sources().iter().filter(|f| pure.contains(&f.krate.as_str())) {
        for (n, line) in file.code_lines() {
            if let Some(io) = IO.iter().find(|io| line.contains(*io)) {
                offences.push(format!("{}:{n}: {io}", file.path));
            }
        }
    }
    assert_none("input, output or a clock in a pure crate", offences);
}

/// A long function hides more than one idea; tests and tables are exempt.
#[test]
fn no_function_over_80_lines() {
    let mut offences = Vec::new();
    for file in rust_sources() {
        for (name, line, len) in functions(file.non_test()) {
            if len > 80 {
                offences.push(format!("{}:{line}: fn {name} has {len} lines", file.path));
            }
        }
    }
    assert_none("functions over 80 lines", offences);
}

/// Audit details are JSON built by serde, never by string formatting (escaping by hand is how
/// a name with a quote breaks the audit log).
#[test]
fn no_json_built_with_format() {
    let mut offences = Vec::new();
    for file in rust_sources() {
        for (n, line) in file.code_lines() {
            let json_shaped = line.contains(r#"format!(r#"{{"#) || line.contains(r#"format!("{{\""#);
            if json_shaped {
                offences.push(format!("{}:{n}: {}", file.path, line.trim()));
            }
        }
    }
    assert_none("JSON built with format!", offences);
}

/// Pages run no inline script or style (the CSP forbids them; a template that needs one is
/// broken in the browser, so catch it here first).
#[test]
fn templates_have_no_inline_script_or_style() {
    let mut offences = Vec::new();
    for file in files("templates", ".html") {
        for (n, line) in file.text.lines().enumerate() {
            let lower = line.to_ascii_lowercase();
            let inline_script = lower.contains("<script") && !lower.contains(" src=");
            let handler = lower.split_whitespace().any(|w| w.starts_with("on") && w.contains("=\""));
            if inline_script || lower.contains("style=") || lower.contains("<style") || handler {
                offences.push(format!("{}:{}: {}", file.path, n + 1, line.trim()));
            }
        }
    }
    assert_none("inline script or style in a template", offences);
}

/// The web layer reaches storage only through core's use cases: it does not depend on the
/// store (tests may, for their fixtures), so it cannot name a query of its own.
#[test]
fn the_web_layer_does_not_depend_on_the_store() {
    let manifest = std::fs::read_to_string(workspace_root().join("crates/umis-web/Cargo.toml"))
        .expect("umis-web's manifest");
    let mut section = "";
    let offences = manifest
        .lines()
        .filter_map(|line| {
            if line.starts_with('[') {
                section = line.trim();
            }
            (section == "[dependencies]" && line.trim_start().starts_with("umis-store"))
                .then(|| format!("crates/umis-web/Cargo.toml: {line}"))
        })
        .collect();
    assert_none("umis-web depends on umis-store", offences);
}

/// Both databases are migrated by the same steps: every migration exists in both dialects.
#[test]
fn migrations_exist_in_both_dialects() {
    let dir = workspace_root().join("crates/umis-store/migrations");
    let names = |dialect: &str| -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir.join(dialect))
            .expect("a migrations directory")
            .map(|e| e.expect("an entry").file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    };
    assert_eq!(names("sqlite"), names("postgres"), "migrations differ between the dialects");
}

/// With `autotests = false` a crate's integration tests are the files `tests/all.rs` lists: a
/// file added beside it and not listed would never run.
#[test]
fn every_integration_test_file_is_listed() {
    let mut offences = Vec::new();
    let crates = workspace_root().join("crates");
    for krate in std::fs::read_dir(&crates).expect("crates/ is readable") {
        let dir = krate.expect("a directory entry").path();
        let manifest = std::fs::read_to_string(dir.join("Cargo.toml")).unwrap_or_default();
        if !manifest.contains("autotests = false") {
            continue;
        }
        let all = std::fs::read_to_string(dir.join("tests/all.rs")).unwrap_or_default();
        let listed: Vec<&str> =
            all.lines().filter_map(|l| l.trim().strip_prefix("mod ")?.strip_suffix(';')).collect();
        for entry in std::fs::read_dir(dir.join("tests")).expect("a tests directory") {
            let name = entry.expect("a directory entry").file_name().to_string_lossy().into_owned();
            if let Some(module) = name.strip_suffix(".rs").filter(|m| *m != "all")
                && !listed.contains(&module)
            {
                offences.push(format!("{}/tests/{name}", dir.display()));
            }
        }
    }
    assert_none("integration test files not listed in tests/all.rs", offences);
}

/// Statements of the law the December 2026 review showed wrong, as they were once written, and
/// where the correction is recorded.
const CORRECTED_LAW: [(&str, &str); 4] = [
    ("during a ban or with altered", "the re-entry offence is conjunctive (docs/law-notes.md)"),
    ("in force from 29 june 2018", "29 June 2018 is the adoption date (docs/law-notes.md)"),
    ("in force on 29 june 2018", "29 June 2018 is the adoption date (docs/law-notes.md)"),
    ("three-business-day hosting rule", "the 2013 host deadline, not current law (docs/law-notes.md)"),
];

/// The corrected facts are written down once, and no document, pack, page or message repeats
/// the wrong ones.
#[test]
fn no_text_repeats_a_law_fact_the_review_corrected() {
    let root = workspace_root();
    let notes = std::fs::read_to_string(root.join("docs/law-notes.md")).unwrap_or_default();
    for recorded in ["conjunctive", "adopted, not the date it entered into force", "3 working days"] {
        assert!(notes.contains(recorded), "docs/law-notes.md does not record: {recorded}");
    }
    let mut texts: Vec<SourceFile> = ["README.md", "ARCHITECTURE.md"]
        .into_iter()
        .map(|name| SourceFile {
            path: name.to_owned(),
            krate: String::new(),
            text: std::fs::read_to_string(root.join(name)).unwrap_or_default(),
        })
        .collect();
    for (sub, ext) in [("packs", ".toml"), ("templates", ".html"), ("locales", ".ftl"), ("src", ".rs")] {
        texts.extend(files(sub, ext).into_iter().filter(|f| f.krate != "umis-tidy"));
    }
    let mut offences = Vec::new();
    for file in &texts {
        let lower = file.text.to_lowercase().replace('\n', " ");
        for (wrong, why) in CORRECTED_LAW {
            if lower.contains(wrong) {
                offences.push(format!("{}: \"{wrong}\": {why}", file.path));
            }
        }
    }
    assert_none("law facts the review corrected", offences);
}
