//! The integration tests of `umis-credential`, linked into one test binary: each `mod` below is
//! one of the files next to this one, kept where it was. One binary instead of one per file saves
//! linking the whole dependency tree again for every file (`autotests = false` in Cargo.toml).
//! Run one file's tests with `cargo test -p umis-credential --test all -- FILE::`.

mod credential;
mod credential_keys;
mod credential_pdf;
mod credential_props;
mod credential_revocation;
#[expect(clippy::unwrap_used, reason = "test code: a failure should stop the test")]
mod credential_support;

/// With `autotests = false` a test file added next to this one would never run: this test
/// fails until the file is listed above.
#[test]
fn every_test_file_here_is_listed() -> std::io::Result<()> {
    let listed: Vec<&str> =
        include_str!("all.rs").lines().filter_map(|l| l.strip_prefix("mod ")?.strip_suffix(';')).collect();
    for entry in std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/tests"))? {
        let name = entry?.file_name().to_string_lossy().into_owned();
        if let Some(module) = name.strip_suffix(".rs").filter(|m| *m != "all") {
            assert!(listed.contains(&module), "tests/{name} is not listed in tests/all.rs");
        }
    }
    Ok(())
}
