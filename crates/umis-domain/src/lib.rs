//! The vocabulary of umis: validated values and records, with no IO, no SQL and no HTTP.
//!
//! Every type here is built through a parsing constructor that refuses bad input, so code that
//! holds a [`Date`], a [`CountryCode`] or a [`records::Crossing`] never re-checks it.

pub mod appeal;
pub mod case_state;
pub mod country;
pub mod date;
pub mod finding;
pub mod kinds;
pub mod payment_number;
pub mod receipt;
pub mod records;
pub mod roles;
pub mod text;
pub mod timestamp;

pub use country::CountryCode;
pub use date::{Date, DateError};
pub use finding::{FindingKind, FindingStatus, Resolution};
pub use kinds::{Direction, EntryBasisKind, HostKind, PermitKind, PermitStatus, Sex};
pub use roles::Role;
pub use timestamp::Instant;
