//! The state duty of an application as the Law on State Duty sets it: by fee tier (the deadline
//! bought), by the term requested, by scale (adult, minor, full-time student) and by regime (work
//! in the liberated territories), each amount effective-dated in the catalogue with its source.
//!
//! A tier's own `amount_minor` is the adult amount in the ordinary regime for every term, unless
//! the service lists adult rates of its own for that tier; `per_days` multiplies the amount by
//! the started periods of the requested days (a stay extension: per 30 days). A person charged on
//! several scales (a minor who studies full time) pays the lowest amount the law offers them.

use super::eligibility::age;
use super::model::{Deadline, Period, Provenance, Texts, code_enum};
use super::service::Service;
use std::collections::BTreeMap;
use umis_domain::Date;

code_enum! {
    /// The scale of a fee: who pays it.
    FeeScale {
        /// Everyone not on another scale.
        Adult = "adult",
        /// A person under the basis's `minor_under` age on the day the fee is computed.
        Minor = "minor",
        /// A full-time student (the form's student field says `yes`).
        Student = "student",
    }
}

/// What a service's fee depends on besides the tier: the form fields that carry the requested
/// term, full-time student status and the regime, and the age under which the minor scale
/// applies (read from the date of birth every form carries, never asked).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeeBasis {
    /// The choice field whose value is the requested term (rates list amounts by its values).
    pub term_field: Option<String>,
    /// The yes/no choice field saying the person is a full-time student.
    pub student_field: Option<String>,
    /// The choice field whose value may name one of the service's regimes.
    pub regime_field: Option<String>,
    /// Below this age (whole years) the minor scale applies.
    pub minor_under: u32,
    /// The source of the minor age.
    pub provenance: Provenance,
}

/// The amount of a rate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RateAmount {
    /// One amount whatever the term (times the tier's `per_days` periods).
    Flat(i64),
    /// An amount per requested term (a value of the basis's term field); a term not listed is
    /// not available on this scale.
    ByTerm(Vec<(String, i64)>),
}

/// One effective-dated rate: what a tier costs on one scale, in one regime.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeeRate {
    /// The fee tier's code.
    pub tier: String,
    /// The scale.
    pub scale: FeeScale,
    /// The regime's code; `None` for the ordinary regime.
    pub regime: Option<String>,
    /// In force from this day.
    pub from: Date,
    /// In force until the day before this one; `None` until replaced.
    pub until: Option<Date>,
    /// The amount.
    pub amount: RateAmount,
    /// Its source.
    pub provenance: Provenance,
}

impl FeeRate {
    fn in_force(&self, on: Date) -> bool {
        self.from <= on && self.until.is_none_or(|u| on < u)
    }

    fn amount_for(&self, term: Option<&str>) -> Option<i64> {
        match &self.amount {
            RateAmount::Flat(a) => Some(*a),
            RateAmount::ByTerm(list) => term.and_then(|t| list.iter().find(|(k, _)| k == t)).map(|(_, a)| *a),
        }
    }
}

/// A special regime an application may fall under (work in the liberated territories): in force
/// between two dates, chosen by the basis's regime field, with its own rates, every deadline
/// shortened, and possibly outside the annual work-permit quota.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Regime {
    /// The code, which is also the regime field's value that chooses it.
    pub code: String,
    /// What the person sees.
    pub names: Texts,
    /// In force from this day.
    pub from: Date,
    /// In force until the day before this one.
    pub until: Option<Date>,
    /// Business days taken off every tier's deadline.
    pub deadline_cut: u32,
    /// Whether a permit under it takes nothing from the annual quota.
    pub outside_quota: bool,
    /// Its source.
    pub provenance: Provenance,
}

impl Regime {
    /// Whether the regime is in force on `on`.
    pub fn in_force(&self, on: Date) -> bool {
        self.from <= on && self.until.is_none_or(|u| on < u)
    }
}

/// The fee computed for one application: the amount and what it was computed from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeeQuote {
    /// The tier's code.
    pub tier: String,
    /// The amount due, in qəpik.
    pub amount_minor: i64,
    /// The scale charged.
    pub scale: FeeScale,
    /// The requested term (the term field's value), when the form gives one.
    pub term: Option<String>,
    /// The started `per_days` periods charged, for a tier priced per period.
    pub periods: Option<u32>,
    /// The regime, when the application falls under one.
    pub regime: Option<String>,
    /// The statutory deadline the tier buys under that regime.
    pub deadline: Deadline,
}

/// Why no fee can be computed for an application.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FeeError {
    /// The service has no such tier.
    #[error("no such fee tier for this service")]
    UnknownTier,
    /// The law sets no amount for this term on this tier (and regime).
    #[error("no fee is set for the requested term")]
    NoAmount {
        /// The form field the problem is in (the term field).
        field: String,
    },
    /// The regime chosen is not in force on the day.
    #[error("the regime chosen is not in force")]
    RegimeNotInForce {
        /// The form field the problem is in (the regime field).
        field: String,
    },
}

impl Service {
    /// What the fee depends on, when it depends on more than the tier.
    pub fn fee_basis(&self) -> Option<&FeeBasis> {
        self.fee_basis.as_ref()
    }

    /// The effective-dated rates, in file order.
    pub fn fee_rates(&self) -> &[FeeRate] {
        &self.fee_rates
    }

    /// The special regimes an application may fall under.
    pub fn regimes(&self) -> &[Regime] {
        &self.regimes
    }

    /// The regime the form chooses (any value of the regime field that is not a regime's code is
    /// the ordinary regime).
    pub fn regime_of(&self, form: &BTreeMap<String, String>) -> Option<&Regime> {
        let value = self.fee_basis.as_ref()?.regime_field.as_deref().and_then(|f| form.get(f))?;
        self.regimes.iter().find(|r| r.code == value.trim())
    }

    /// Whether a permit applied for with this form takes nothing from the annual quota.
    pub fn outside_quota(&self, form: &BTreeMap<String, String>) -> bool {
        self.regime_of(form).is_some_and(|r| r.outside_quota)
    }

    /// The fee of tier `tier` for an application with this form, on day `on` (the filing day,
    /// or today for a draft). A draft that does not yet give the term is quoted the tier's
    /// listed amount; a complete form is quoted exactly, or refused when the law sets no
    /// amount for what it asks.
    pub fn quote(&self, tier: &str, form: &BTreeMap<String, String>, on: Date) -> Result<FeeQuote, FeeError> {
        let t = self.fee(tier).ok_or(FeeError::UnknownTier)?;
        let basis = self.fee_basis.as_ref();
        let answer = |field: Option<&String>| {
            field.and_then(|f| form.get(f)).map(|v| v.trim()).filter(|v| !v.is_empty())
        };
        let term = answer(basis.and_then(|b| b.term_field.as_ref()));
        let regime = self.regime_of(form);
        if regime.is_some_and(|r| !r.in_force(on)) {
            let field = basis.and_then(|b| b.regime_field.clone()).unwrap_or_default();
            return Err(FeeError::RegimeNotInForce { field });
        }
        let mut scales = vec![FeeScale::Adult];
        let born = form.get("date_of_birth").and_then(|d| Date::parse(d.trim()).ok());
        if let (Some(b), Some(birth)) = (basis, born)
            && age(birth, on).is_some_and(|a| a < b.minor_under)
        {
            scales.push(FeeScale::Minor);
        }
        if answer(basis.and_then(|b| b.student_field.as_ref())) == Some("yes") {
            scales.push(FeeScale::Student);
        }
        let code = regime.map(|r| r.code.as_str());
        let found = scales
            .iter()
            .filter_map(|&scale| self.rate_amount(tier, scale, code, term, on).map(|a| (a, scale)))
            .min_by_key(|(a, _)| *a);
        let (base, scale) = match found {
            Some(f) => f,
            None if term.is_none() => (t.amount_minor, FeeScale::Adult),
            None => {
                let field = basis.and_then(|b| b.term_field.clone()).unwrap_or_default();
                return Err(FeeError::NoAmount { field });
            }
        };
        let periods = t.per_days.filter(|p| *p > 0).map(|per| {
            let days = term.and_then(|v| v.parse::<u32>().ok()).unwrap_or(per);
            days.div_ceil(per).max(1)
        });
        let amount_minor = base.saturating_mul(i64::from(periods.unwrap_or(1)));
        let cut = regime.map_or(0, |r| r.deadline_cut);
        let deadline = Period { count: t.deadline.count.saturating_sub(cut), unit: t.deadline.unit };
        Ok(FeeQuote {
            tier: t.code.clone(),
            amount_minor,
            scale,
            term: term.map(str::to_owned),
            periods,
            regime: code.map(str::to_owned),
            deadline,
        })
    }

    /// The amount (per period) a scale pays for a tier in a regime on a day: the latest rate in
    /// force; for adults in the ordinary regime, the tier's own amount when no rate is listed.
    fn rate_amount(
        &self,
        tier: &str,
        scale: FeeScale,
        regime: Option<&str>,
        term: Option<&str>,
        on: Date,
    ) -> Option<i64> {
        let mut rows = self
            .fee_rates
            .iter()
            .filter(|r| r.tier == tier && r.scale == scale && r.regime.as_deref() == regime)
            .peekable();
        if rows.peek().is_none() {
            let own = (scale == FeeScale::Adult && regime.is_none()).then(|| self.fee(tier)).flatten();
            return own.map(|t| t.amount_minor);
        }
        rows.filter(|r| r.in_force(on)).max_by_key(|r| r.from).and_then(|r| r.amount_for(term))
    }
}
