//! The workspace's source files as the checks see them: path, crate, and the non-test part of
//! each Rust file (everything before its first `#[cfg(test)]`).

#![expect(clippy::expect_used, reason = "test code: an unreadable tree should stop the check")]

use std::path::{Path, PathBuf};

/// One source file of the workspace.
pub struct SourceFile {
    /// Path relative to the workspace root, with `/` separators.
    pub path: String,
    /// The crate directory name (`umis-core` …).
    pub krate: String,
    /// The whole text.
    pub text: String,
}

impl SourceFile {
    /// The part of the file that is not a test module: the text before `#[cfg(test)]`.
    pub fn non_test(&self) -> &str {
        self.text.find("#[cfg(test)]").map_or(&self.text[..], |at| &self.text[..at])
    }

    /// Non-test lines with their 1-based numbers, line comments left out.
    pub fn code_lines(&self) -> impl Iterator<Item = (usize, &str)> {
        self.non_test()
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.trim_start().starts_with("//"))
            .map(|(i, l)| (i + 1, l))
    }
}

/// The workspace root (two levels above this crate).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Every file under `crates/*/{sub}` whose name ends with `ext`.
pub fn files(sub: &str, ext: &str) -> Vec<SourceFile> {
    let crates = workspace_root().join("crates");
    let mut out = Vec::new();
    let mut krates: Vec<_> = std::fs::read_dir(&crates)
        .expect("crates/ is readable")
        .map(|e| e.expect("a directory entry").path())
        .collect();
    krates.sort();
    for krate in krates {
        let name = krate.file_name().expect("a crate name").to_string_lossy().into_owned();
        walk(&krate.join(sub), ext, &mut |path, text| {
            let rel = path.strip_prefix(workspace_root()).unwrap_or(path);
            out.push(SourceFile {
                path: rel.to_string_lossy().replace('\\', "/"),
                krate: name.clone(),
                text,
            });
        });
    }
    out
}

fn walk(dir: &Path, ext: &str, visit: &mut dyn FnMut(&Path, String)) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    let mut paths: Vec<_> = entries.map(|e| e.expect("a directory entry").path()).collect();
    paths.sort();
    for path in paths {
        if path.is_dir() {
            walk(&path, ext, visit);
        } else if path.to_string_lossy().ends_with(ext) {
            let text = std::fs::read_to_string(&path).expect("a readable UTF-8 source file");
            visit(&path, text);
        }
    }
}

/// Each `fn` of a text with its first line (1-based) and its length in lines, found by brace
/// counting with string and char literals blanked (good enough for rustfmt-formatted code).
pub fn functions(text: &str) -> Vec<(String, usize, usize)> {
    let lines: Vec<&str> = text.lines().collect();
    let mut found = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let Some(name) = fn_name(lines[i]) else {
            i += 1;
            continue;
        };
        let (mut depth, mut opened, mut j) = (0i32, false, i);
        while j < lines.len() {
            let code = blank_literals(lines[j]);
            for ch in code.chars() {
                match ch {
                    '{' => (depth, opened) = (depth + 1, true),
                    '}' => depth -= 1,
                    _ => {}
                }
            }
            if (opened && depth == 0) || (!opened && code.trim_end().ends_with(';')) {
                break;
            }
            j += 1;
        }
        if opened {
            found.push((name, i + 1, j - i + 1));
            i = j + 1;
        } else {
            i += 1;
        }
    }
    found
}

fn fn_name(line: &str) -> Option<String> {
    let mut words = line.split_whitespace().peekable();
    while let Some(w) = words.next() {
        let is_qualifier = w.starts_with("pub") || matches!(w, "const" | "async" | "unsafe" | "extern");
        if w == "fn" {
            let name: String =
                words.next()?.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
            return Some(name);
        }
        if !is_qualifier {
            return None;
        }
    }
    None
}

/// The line with the contents of string and char literals and any trailing comment removed.
fn blank_literals(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => {
                while let Some(d) = chars.next() {
                    match d {
                        '\\' => {
                            chars.next();
                        }
                        '"' => break,
                        _ => {}
                    }
                }
                out.push_str("\"\"");
            }
            '\'' => {
                // A char literal ('x', '\n', '{'); a lifetime has no closing quote nearby.
                let rest: String = chars.clone().take(3).collect();
                if let Some(end) = rest.find('\'').filter(|&e| e > 0) {
                    for _ in 0..=end {
                        chars.next();
                    }
                    out.push_str("''");
                } else {
                    out.push(c);
                }
            }
            '/' if chars.peek() == Some(&'/') => break,
            _ => out.push(c),
        }
    }
    out
}
