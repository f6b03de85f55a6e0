//! Rule packs and the pure stay-control engine of umis.
//!
//! The law lives in rule packs (effective-dated TOML data compiled in, overridable from a
//! directory); the engine turns one traveller's crossings, permits and registrations into
//! stays and findings, and the calculator answers one traveller's question directly. Nothing
//! here does IO, so the scan, the CLI and the web API all share exactly the same decisions.

pub mod absence;
pub mod calc;
mod calc_run;
mod days;
pub mod deregistration;
mod judge;
pub mod obligation;
pub mod pack;
pub mod params;
mod parse;
pub mod services;
pub mod stay;
pub mod trace;
mod tz;

pub use absence::{
    AbsenceBreach, TrpAbsence, continuity_breach, continuity_line, continuity_over_years, days_abroad,
    trp_absences,
};
pub use calc::{CalcError, CalcRequest, CalcResponse, calculate};
pub use calc_run::HORIZON_DAYS;
pub use deregistration::{NotEnded, RegistrationPeriod, registrations_not_ended};
pub use obligation::{RegistrationObligation, registration_obligation};
pub use pack::{CATALOGUE_FILE, PackKind, Packs, RulePack, ShownParam};
pub use parse::PackError;
pub use stay::{
    AnomalyKind, CrossingIn, Evaluation, Finding, PermitIn, RegistrationIn, StayOut, TravellerIn, evaluate,
    evaluate_traced,
};
pub use trace::{Lang, TraceLine};
