//! The integration tests of `umis-rules`, linked into one test binary: each `mod` below is one of
//! the files next to this one, kept where it was. One binary instead of one per file saves
//! linking the whole dependency tree again for every file (`autotests = false` in Cargo.toml;
//! umis-tidy fails when a file here is not listed).
//! Run one file's tests with `cargo test -p umis-rules --test all -- FILE::`.

mod absence;
mod calc;
mod deregistration;
mod examples;
mod packs;
mod props;
mod services_calendar;
mod services_catalogue;
mod services_eligibility;
mod services_fees;
mod services_forms;
mod stay_limit_overrides;
