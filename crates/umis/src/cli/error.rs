//! A command's failure and the exit status it gives: unusable input or usage (exit 2) or
//! anything else (exit 1). The benchmark binary (`umis-bench`) compiles this same file as its
//! own module (`#[path]`), so both binaries exit alike without a crate for one small type.

use std::fmt;
use std::process::ExitCode;

/// A command's failure: unusable input or usage (exit 2) or anything else (exit 1).
pub enum CliError {
    /// The input or the arguments cannot be used; nothing was changed.
    Input(String),
    /// Something failed while working.
    Failure(anyhow::Error),
}

impl CliError {
    pub fn exit_code(&self) -> ExitCode {
        match self {
            CliError::Input(_) => ExitCode::from(2),
            CliError::Failure(_) => ExitCode::from(1),
        }
    }
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CliError::Input(m) => f.write_str(m),
            CliError::Failure(e) => write!(f, "{e:#}"),
        }
    }
}

impl<E: Into<anyhow::Error>> From<E> for CliError {
    fn from(e: E) -> CliError {
        CliError::Failure(e.into())
    }
}

pub type CliResult = Result<(), CliError>;
