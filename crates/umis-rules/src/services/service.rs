//! One e-service as the catalogue declares it. Its parts are read through accessors: only the
//! parser builds a service, so a service always has a form with the identity fields, at least
//! one fee tier and an outcome whose field references resolve.

use super::calendar::{BeyondCalendar, Calendar};
use super::fees::{FeeBasis, FeeRate, Regime};
use super::model::{DocumentSpec, EligibilityRule, FeeTier, FieldSpec, Filer, Milestone, Provenance, Texts};
use super::outcome::Outcome;
use umis_domain::Date;

/// One e-service: who files it, its form, documents, fees, eligibility rules and outcome.
#[derive(Debug, Clone)]
pub struct Service {
    pub(crate) code: String,
    pub(crate) names: Texts,
    pub(crate) filed_by: Vec<Filer>,
    pub(crate) sensitive: bool,
    pub(crate) auto_decide: bool,
    pub(crate) four_eyes: bool,
    pub(crate) duty_after_decision: bool,
    pub(crate) forwarded_for_decision: bool,
    pub(crate) provenance: Provenance,
    pub(crate) fields: Vec<FieldSpec>,
    pub(crate) documents: Vec<DocumentSpec>,
    pub(crate) fees: Vec<FeeTier>,
    pub(crate) eligibility: Vec<EligibilityRule>,
    pub(crate) outcome: Outcome,
    pub(crate) milestones: Vec<Milestone>,
    pub(crate) fee_basis: Option<FeeBasis>,
    pub(crate) regimes: Vec<Regime>,
    pub(crate) fee_rates: Vec<FeeRate>,
}

impl Service {
    /// The stable code the API uses (`trp_issue`).
    pub fn code(&self) -> &str {
        &self.code
    }

    /// The service's name.
    pub fn names(&self) -> &Texts {
        &self.names
    }

    /// Who may file it.
    pub fn filed_by(&self) -> &[Filer] {
        &self.filed_by
    }

    /// Whether `filer` may file it.
    pub fn may_file(&self, filer: Filer) -> bool {
        self.filed_by.contains(&filer)
    }

    /// Whether its cases hold the most sensitive data (asylum): only assigned officers read
    /// them, and every read is logged.
    pub fn sensitive(&self) -> bool {
        self.sensitive
    }

    /// Whether a complete application is decided at once without an officer (registration).
    pub fn auto_decide(&self) -> bool {
        self.auto_decide
    }

    /// Whether a decision needs a second officer's confirmation.
    pub fn four_eyes(&self) -> bool {
        self.four_eyes
    }

    /// Whether its state duty is paid after the positive decision, against a payment number
    /// (residence and work permits, review X1): the grant takes effect on payment.
    pub fn duty_after_decision(&self) -> bool {
        self.duty_after_decision
    }

    /// Whether another authority decides (citizenship: the President): the office receives,
    /// checks and forwards, and records the decision it is told.
    pub fn forwarded_for_decision(&self) -> bool {
        self.forwarded_for_decision
    }

    /// The legal basis of the service.
    pub fn provenance(&self) -> &Provenance {
        &self.provenance
    }

    /// The form: the identity fields first, then the service's own.
    pub fn fields(&self) -> &[FieldSpec] {
        &self.fields
    }

    /// A field by name.
    pub fn field(&self, name: &str) -> Option<&FieldSpec> {
        self.fields.iter().find(|f| f.name == name)
    }

    /// The documents the application carries.
    pub fn documents(&self) -> &[DocumentSpec] {
        &self.documents
    }

    /// The fee tiers, cheapest-listed first as the file gives them (never empty).
    pub fn fees(&self) -> &[FeeTier] {
        &self.fees
    }

    /// A fee tier by code.
    pub fn fee(&self, code: &str) -> Option<&FeeTier> {
        self.fees.iter().find(|f| f.code == code)
    }

    /// The eligibility rules, in the order they are evaluated and shown.
    pub fn eligibility(&self) -> &[EligibilityRule] {
        &self.eligibility
    }

    /// What approval produces.
    pub fn outcome(&self) -> &Outcome {
        &self.outcome
    }

    /// The procedure's milestones (refugee status), in file order.
    pub fn milestones(&self) -> &[Milestone] {
        &self.milestones
    }

    /// The latest date of each milestone for a case filed on `submitted_on`: a milestone counts
    /// from the latest date of the one it follows, or from filing. A milestone whose date the
    /// calendar cannot count (beyond its years) carries the refusal, and so do the ones after it.
    pub fn milestone_dates(
        &self,
        calendar: &Calendar,
        submitted_on: Date,
    ) -> Vec<(&Milestone, Result<Date, BeyondCalendar>)> {
        self.milestone_dates_held(calendar, submitted_on, &[])
    }

    /// The latest date of each milestone, a milestone counting from the **actual** date of the
    /// one it follows when that one took place (`held`: milestone code and date), else from its
    /// latest date, or from filing (review 2026-12 §1.10: the status interview runs from the
    /// actual registration, not from its deadline).
    pub fn milestone_dates_held(
        &self,
        calendar: &Calendar,
        submitted_on: Date,
        held: &[(&str, Date)],
    ) -> Vec<(&Milestone, Result<Date, BeyondCalendar>)> {
        let mut out: Vec<(&Milestone, Result<Date, BeyondCalendar>)> =
            Vec::with_capacity(self.milestones.len());
        for m in &self.milestones {
            // The parser only lets a milestone follow one declared before it.
            let from = m.after.as_deref().map_or(Ok(submitted_on), |code| {
                held.iter()
                    .find(|(c, _)| *c == code)
                    .map(|(_, d)| Ok(*d))
                    .or_else(|| out.iter().find(|(p, _)| p.code == code).map(|(_, d)| *d))
                    .unwrap_or(Ok(submitted_on))
            });
            out.push((m, from.and_then(|from| calendar.deadline(from, &m.within))));
        }
        out
    }
}
