//! The catalogue of e-services: forms, documents, fees, deadlines, eligibility and outcomes, as data.
//!
//! The migration authority runs each e-service as a case type declared in
//! `packs/az-services.toml`, so a lawyer changes a fee, a deadline or a rule without a code
//! change. The file is compiled in, and may be replaced by one in `--rules DIR`; it is parsed and
//! validated whole once, at start-up, with the stay packs ([`crate::Packs::catalogue`]), and
//! the parsed catalogue is passed to whoever needs it. This module then answers, purely:
//! is this form valid ([`validate_form`]), may this person apply ([`evaluate_eligibility`]), what
//! does it cost and on what basis ([`Service::quote`]), when is the decision due
//! ([`Calendar::deadline`]), and what does approval produce ([`Service::outcome`]).

mod calendar;
mod calendar_file;
mod eligibility;
mod fee_parse;
mod fees;
mod form;
mod grounds;
mod model;
mod outcome;
mod parse;
mod parts;
mod procedure;
mod read;
mod service;
mod values;

pub(crate) use calendar::add_months;
pub use calendar::{BeyondCalendar, Calendar, DayOffKind, Holiday, WorkingWeekendDays};
pub use eligibility::{
    Eligibility, EligibilityLine, FactValue, Facts, WORDS as ELIGIBILITY_WORDS, evaluate_eligibility,
    evaluate_eligibility_on, fact_key, fact_name,
};
pub use fees::{FeeBasis, FeeError, FeeQuote, FeeRate, FeeScale, RateAmount, Regime};
pub use form::validate_form;
pub use model::{
    ActGround, AppealTerms, Choice, Deadline, DocKind, DocumentSpec, EligibilityRule, Fact, FactType,
    FeeTier, FieldSpec, FieldType, Filer, Milestone, Period, Provenance, Test, Texts, Unit,
};
pub use outcome::{
    AffiliationResult, ChoiceValidity, CitizenshipAction, Outcome, OutcomeKind, PermitOutcome, Validity,
    term_period,
};
pub use parse::IDENTITY_FIELDS;
pub use procedure::{Procedure, ProcedurePeriod};
pub use read::CatalogueError;
pub use service::Service;
pub use values::{FieldProblem, FieldValue, ProblemCode, ValidForm};

use crate::pack::RulePack;
use std::sync::Arc;

/// The builtin catalogue file.
pub(crate) const BUILTIN: &str = include_str!("../../packs/az-services.toml");

/// Every e-service and the business-day calendar their deadlines are counted on.
#[derive(Debug, Clone)]
pub struct Catalogue {
    pub(crate) title: String,
    pub(crate) services: Vec<Service>,
    pub(crate) calendar: Calendar,
    /// The default stay pack (`az`), whose absence rule eligibility applies to the years of
    /// temporary residence permanent residence builds on; attached when the packs load.
    pub(crate) stay_pack: Option<Arc<RulePack>>,
    pub(crate) procedure: Procedure,
    pub(crate) refusal_grounds: Vec<ActGround>,
    pub(crate) cancellation_grounds: Vec<ActGround>,
    pub(crate) appeals: AppealTerms,
}

impl Catalogue {
    /// The compiled-in catalogue, parsed anew on each call: for tests and demo set-up. A
    /// running umis parses it once, with the stay packs, and passes it on.
    pub fn builtin() -> Result<Catalogue, CatalogueError> {
        let mut catalogue = Catalogue::parse(BUILTIN)?;
        catalogue.stay_pack = crate::pack::builtin_default().map(Arc::new);
        Ok(catalogue)
    }

    /// Parses and validates a catalogue file; the error names the service, field and problem.
    pub fn parse(text: &str) -> Result<Catalogue, CatalogueError> {
        parse::parse_catalogue(text)
    }

    /// The periods of the administrative procedure every service shares.
    pub fn procedure(&self) -> &Procedure {
        &self.procedure
    }

    /// The catalogue's title.
    pub fn title(&self) -> &str {
        &self.title
    }

    /// A service by code.
    pub fn get(&self, code: &str) -> Option<&Service> {
        self.services.iter().find(|s| s.code == code)
    }

    /// Every service, in file order.
    pub fn services(&self) -> &[Service] {
        &self.services
    }

    /// The business-day calendar.
    pub fn calendar(&self) -> &Calendar {
        &self.calendar
    }

    /// The stay pack whose rules eligibility borrows (the absence rule), if one is attached.
    pub fn stay_pack(&self) -> Option<&RulePack> {
        self.stay_pack.as_deref()
    }

    /// The catalogue with `pack` as the stay pack its eligibility rules borrow from.
    #[must_use]
    pub fn with_stay_pack(mut self, pack: RulePack) -> Catalogue {
        self.stay_pack = Some(Arc::new(pack));
        self
    }

    /// The coded grounds on which `service` may be refused, in file order.
    pub fn refusal_grounds(&self, service: &str) -> impl Iterator<Item = &ActGround> {
        self.refusal_grounds.iter().filter(move |g| g.applies(service))
    }

    /// A refusal ground by code, whatever service it applies to (a stored decision names it).
    pub fn refusal_ground(&self, code: &str) -> Option<&ActGround> {
        self.refusal_grounds.iter().find(|g| g.code == code)
    }

    /// The coded grounds on which a document of `kind` may be cancelled, in file order.
    pub fn cancellation_grounds(&self, kind: &str) -> impl Iterator<Item = &ActGround> {
        self.cancellation_grounds.iter().filter(move |g| g.applies(kind))
    }

    /// A cancellation ground by code.
    pub fn cancellation_ground(&self, code: &str) -> Option<&ActGround> {
        self.cancellation_grounds.iter().find(|g| g.code == code)
    }

    /// When a notice counts as received, and the court period.
    pub fn appeal_terms(&self) -> &AppealTerms {
        &self.appeals
    }
}
