//! Audit details are JSON built with serde, never with `format!`: a hand-formatted detail
//! escapes nothing (a quote in a searched name would break the record) and drifts from the
//! other records' shape. This scans the sources of every crate but the web crate (whose two
//! denial records belong with its access checks), as a tidy check.

use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn no_audit_detail_is_formatted_by_hand() {
    let crates = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut files = Vec::new();
    for krate in std::fs::read_dir(&crates).into_iter().flatten().flatten() {
        if krate.file_name() != "umis-web" {
            rust_files(&krate.path().join("src"), &mut files);
        }
    }
    assert!(files.len() > 50, "the sources were found");
    let mut found: Vec<String> = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap_or_default();
        for (n, line) in text.lines().enumerate() {
            let line_no_space: String = line.split_whitespace().collect();
            if line_no_space.contains("detail=format!") || line_no_space.contains("detail:&format!") {
                found.push(format!("{}:{}: {}", file.display(), n + 1, line.trim()));
            }
        }
    }
    assert!(found.is_empty(), "audit details built with format!:\n{}", found.join("\n"));
}
