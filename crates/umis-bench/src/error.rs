//! The benchmark's failure type is the `umis` command line's own: the same file, compiled here
//! as a module, so that unusable arguments exit 2 and a failed measurement exits 1 in both.

#[path = "../../umis/src/cli/error.rs"]
mod shared;

pub use shared::{CliError, CliResult};
