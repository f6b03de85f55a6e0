//! `umis bench`: see benchmark.rs for the measurements.
