//! The integration tests of `umis-web`, linked into one test binary: each `mod` below is one of
//! the files next to this one, kept where it was. One binary instead of one per file saves
//! linking the whole dependency tree again for every file (`autotests = false` in Cargo.toml;
//! umis-tidy fails when a file here is not listed).
//! Run one file's tests with `cargo test -p umis-web --test all -- FILE::`.

mod api;
mod appeals;
mod authz;
mod calendar_coverage;
mod cases;
mod decision_grounds;
mod denials;
mod fees;
mod law_stay;
mod layers;
mod openapi;
mod portal_access;
mod portal_applicant;
mod portal_employer;
mod portal_host;
mod portal_i18n;
mod portal_office_control;
mod portal_officer;
mod portal_operator;
mod portal_procedure;
mod portal_public;
mod portal_supervisor;
mod procedure;
mod prp_continuity;
mod route_table;
mod sessions;
#[expect(clippy::unwrap_used, reason = "test code: a failure should stop the test")]
mod support;
