//! The integration tests of `umis-store`, linked into one test binary: each `mod` below is one of
//! the files next to this one, kept where it was. One binary instead of one per file saves
//! linking the whole dependency tree again for every file (`autotests = false` in Cargo.toml;
//! umis-tidy fails when a file here is not listed).
//! Run one file's tests with `cargo test -p umis-store --test all -- FILE::`.

mod act_grounds_migration;
mod audit_chain;
mod conformance;
mod one_stop_shop;
mod procedure;
