//! The integration tests of `umis-core`, linked into one test binary: each `mod` below is one of
//! the files next to this one, kept where it was. One binary instead of one per file saves
//! linking the whole dependency tree again for every file (`autotests = false` in Cargo.toml;
//! umis-tidy fails when a file here is not listed).
//! Run one file's tests with `cargo test -p umis-core --test all -- FILE::`.

mod audit_checkpoint;
mod demo_imports;
mod import;
mod password;
mod registration_not_ended;
mod scan;
mod totp;
mod totp_at_rest;
mod trp_absence;
