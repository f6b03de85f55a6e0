//! The integration tests of umis-words, linked into one binary.

mod completeness;
