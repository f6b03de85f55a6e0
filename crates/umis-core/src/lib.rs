//! The use cases of umis: everything a person, a border post or another agency can do goes
//! through here. The CLI and the HTTP API are thin clients of these functions.

pub mod accounts;
pub mod actor;
pub mod audit;
pub mod calc;
pub mod cases;
pub mod casework;
pub mod clock;
pub mod control;
pub mod demo;
pub mod filing;
pub mod findings;
pub mod hex;
pub mod hosting;
pub mod idempotency;
pub mod import;
pub mod notify_worker;
pub mod review;
pub mod scan;
pub mod stats;
pub mod tokens;
pub mod traveller;
pub mod verify;

/// The storage handle and the plain typed rows the use cases take and give, named through
/// core so that the layers above need no dependency on the store: they cannot name its
/// functions, so they cannot run a query of their own.
pub use umis_store::{AuditEntry, Store, StoreError, TokenRow, TravellerKey};
