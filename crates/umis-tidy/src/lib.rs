//! Tidy checks in the style of rust-analyzer's `tidy.rs`: tests that read umis's own sources
//! and hold the invariants `ARCHITECTURE.md` states, so that a convention becomes a failing
//! test the moment someone breaks it. The crate has no code of its own: `cargo test -p
//! umis-tidy` runs the checks in `tests` below.

#[cfg(test)]
mod source;
#[cfg(test)]
mod tests;
