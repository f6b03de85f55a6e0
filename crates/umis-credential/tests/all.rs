//! The integration tests of `umis-credential`, linked into one test binary: each `mod` below is
//! one of the files next to this one, kept where it was. One binary instead of one per file saves
//! linking the whole dependency tree again for every file (`autotests = false` in Cargo.toml;
//! umis-tidy fails when a file here is not listed).
//! Run one file's tests with `cargo test -p umis-credential --test all -- FILE::`.

mod credential;
mod credential_keys;
mod credential_pdf;
mod credential_props;
mod credential_revocation;
#[expect(clippy::unwrap_used, reason = "test code: a failure should stop the test")]
mod credential_support;
