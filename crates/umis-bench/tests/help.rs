//! `umis-bench` is its own binary: it answers `--help` and refuses a missing `umis` binary
//! before it writes anything.

#![expect(clippy::unwrap_used, reason = "test code: a failure should stop the test")]

use std::process::Command;

#[test]
fn the_benchmark_has_help_and_needs_a_umis_binary() {
    let help = Command::new(env!("CARGO_BIN_EXE_umis-bench")).arg("--help").output().unwrap();
    assert_eq!(help.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&help.stdout).contains("Usage"));
    let dir = tempfile::tempdir().unwrap();
    let missing = Command::new(env!("CARGO_BIN_EXE_umis-bench"))
        .args(["--umis", "no-such-umis", "--dir", "data"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no umis binary"));
    assert!(!dir.path().join("data").exists(), "nothing was written");
}
