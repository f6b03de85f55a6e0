//! What approving a case produces — a permit, a registration, a citizenship or affiliation
//! decision, an employment, a re-opened case — how the catalogue declares it, and the dates a
//! granted permit covers.

use super::calendar::shift;
use super::model::{FieldSpec, FieldType, Period, Provenance, Unit, code_enum};
use super::parts::{expect_field, is_string};
use super::read::{CatalogueError, Ctx, join};
use super::values::{FieldValue, ValidForm};
use toml::Table;
use umis_domain::{Date, PermitKind};

code_enum! {
    /// What a citizenship service decides.
    CitizenshipAction {
        /// Citizenship granted (naturalisation).
        Acquisition = "acquisition",
        /// Citizenship restored to a former citizen.
        Restoration = "restoration",
        /// Renunciation accepted.
        Renunciation = "renunciation",
    }
}

code_enum! {
    /// The outcomes of determining citizenship affiliation.
    AffiliationResult {
        /// Recognised as a citizen.
        Recognised = "recognised",
        /// Not recognised as a citizen.
        NotRecognised = "not_recognised",
        /// Could not be determined: the person is documented as stateless.
        Undetermined = "undetermined",
    }
}

/// How long a granted permit is valid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Validity {
    /// A fixed period from the start.
    Fixed(Period),
    /// As long as a form field says: a number of days (a stay extension of 30 or 60 days) or a
    /// term requested (`3_months`, `1_year`, `18_months`, `2_years`; see [`term_period`]).
    FromField(String),
    /// No fixed term (refugee status lasts until it ends by law).
    Open,
}

/// The permit an approval issues.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PermitOutcome {
    /// The kind of permit.
    pub kind: PermitKind,
    /// How long it is valid.
    pub validity: Validity,
    /// A date field that ends the permit earlier (the contract end of a work permit).
    pub capped_by_field: Option<String>,
    /// The longest one extension may add, when the law limits it.
    pub max_extension: Option<Period>,
}

impl PermitOutcome {
    /// The last day a permit granted from `start` covers for this form: the day before
    /// `start` plus the validity, or the field's number of days, cut at the capping field's
    /// date. `None` for an open-ended permit, or when the form lacks the validity field.
    pub fn valid_until(&self, start: Date, form: &ValidForm) -> Option<Date> {
        let end = match &self.validity {
            Validity::Fixed(period) => shift(start, period, 1).add_days(-1),
            Validity::FromField(field) => {
                let period = match form.get(field)? {
                    FieldValue::Integer(n) => {
                        Period { count: u32::try_from(*n).ok()?.max(1), unit: Unit::CalendarDays }
                    }
                    FieldValue::Choice(c) => term_period(c)?,
                    _ => return None,
                };
                shift(start, &period, 1).add_days(-1)
            }
            Validity::Open => return None,
        };
        let cap = self.capped_by_field.as_deref().and_then(|f| form.date(f));
        Some(cap.map_or(end, |c| end.min(c)))
    }
}

/// The period a choice of a validity field stands for: a number of days (`30`), or a count and
/// a unit (`3_months`, `1_year`, `18_months`, `2_years`); `None` for anything else.
pub fn term_period(value: &str) -> Option<Period> {
    let (count, unit) = match value.split_once('_') {
        None => (value, Unit::CalendarDays),
        Some((n, "day" | "days")) => (n, Unit::CalendarDays),
        Some((n, "month" | "months")) => (n, Unit::Months),
        Some((n, "year" | "years")) => (n, Unit::Years),
        Some(_) => return None,
    };
    let count = count.parse::<u16>().ok().filter(|n| *n >= 1)?;
    Some(Period { count: u32::from(count), unit })
}

/// What an approval produces.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OutcomeKind {
    /// A permit.
    Permit(PermitOutcome),
    /// A registration at place of stay over the dates of two form fields.
    Registration {
        /// The date field the registration starts on.
        from_field: String,
        /// The date field it ends on.
        until_field: String,
    },
    /// A citizenship decision.
    Citizenship(CitizenshipAction),
    /// One of the affiliation results.
    Affiliation {
        /// The results an officer may decide.
        results: Vec<AffiliationResult>,
        /// The result that documents the person as stateless.
        stateless_on: Option<AffiliationResult>,
    },
    /// Admission to service (a job application).
    Employment,
    /// Re-opens the refused case whose receipt the form field holds.
    Appeal {
        /// The `receipt` field naming the appealed case.
        reference_field: String,
    },
}

/// The outcome of approval with its legal source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    /// What approval produces.
    pub kind: OutcomeKind,
    /// Its source.
    pub provenance: Provenance,
}

/// Reads `[services.outcome]`, checking that the fields it names exist with the right type.
pub(crate) fn read(ctx: &Ctx, t: &Table, fields: &[FieldSpec]) -> Result<Outcome, CatalogueError> {
    let p = "outcome";
    let kind = ctx.str(p, t, "kind")?;
    let extra: &[&str] = match kind {
        "permit" => &["permit", "validity", "validity_field", "capped_by_field", "max_extension"],
        "registration" => &["from_field", "until_field"],
        "citizenship" => &["action"],
        "affiliation" => &["results", "stateless_on"],
        "appeal" => &["reference_field"],
        "employment" => &[],
        other => {
            let known = "permit, registration, citizenship, affiliation, employment, appeal";
            return Err(ctx.err("outcome.kind", format!("unknown outcome {other:?} (known: {known})")));
        }
    };
    let keys: Vec<&str> = ["kind", "source", "unverified", "note"].iter().chain(extra).copied().collect();
    ctx.keys(p, t, &keys)?;
    let date = |k: &FieldType| matches!(k, FieldType::Date { .. });
    let field_ref =
        |key: &str, ok: &dyn Fn(&FieldType) -> bool, wanted: &str| -> Result<String, CatalogueError> {
            let name = ctx.str(p, t, key)?;
            expect_field(ctx, &join(p, key), fields, name, ok, wanted)?;
            Ok(name.to_owned())
        };
    let kind = match kind {
        "permit" => OutcomeKind::Permit(permit(ctx, t, fields)?),
        "registration" => OutcomeKind::Registration {
            from_field: field_ref("from_field", &date, "date")?,
            until_field: field_ref("until_field", &date, "date")?,
        },
        "citizenship" => {
            let name = ctx.str(p, t, "action")?;
            let action = CitizenshipAction::parse(name).ok_or_else(|| {
                ctx.err(
                    "outcome.action",
                    format!("unknown action {name:?} (known: {})", CitizenshipAction::expected()),
                )
            })?;
            OutcomeKind::Citizenship(action)
        }
        "affiliation" => affiliation(ctx, t)?,
        "employment" => OutcomeKind::Employment,
        // "appeal": every other kind was refused above.
        _ => OutcomeKind::Appeal {
            reference_field: field_ref("reference_field", &|k| matches!(k, FieldType::Receipt), "receipt")?,
        },
    };
    Ok(Outcome { kind, provenance: ctx.provenance(p, t)? })
}

fn permit(ctx: &Ctx, t: &Table, fields: &[FieldSpec]) -> Result<PermitOutcome, CatalogueError> {
    let p = "outcome";
    let name = ctx.str(p, t, "permit")?;
    let kind = PermitKind::parse(name).ok_or_else(|| {
        ctx.err("outcome.permit", format!("unknown permit kind {name:?} (known: {})", PermitKind::expected()))
    })?;
    let units = [Unit::CalendarDays, Unit::Months, Unit::Years];
    let validity = match (t.get("validity"), ctx.opt_str(p, t, "validity_field")?) {
        (Some(_), Some(_)) => {
            return Err(ctx.err("outcome.validity_field", "give validity or validity_field, not both"));
        }
        (None, None) => {
            return Err(ctx.err("outcome.validity", "missing (a period, \"open\", or validity_field)"));
        }
        (v, None) if is_string(v) => match ctx.str(p, t, "validity")? {
            "open" => Validity::Open,
            other => {
                return Err(ctx.err("outcome.validity", format!("{other:?} is not a period or \"open\"")));
            }
        },
        (_, None) => Validity::Fixed(ctx.period(p, t, "validity", &units, false)?),
        (None, Some(field)) => {
            let days = |k: &FieldType| match k {
                FieldType::Integer { min, .. } => *min >= 1,
                FieldType::Choice { choices } => choices.iter().all(|c| term_period(&c.value).is_some()),
                _ => false,
            };
            expect_field(
                ctx,
                "outcome.validity_field",
                fields,
                field,
                days,
                "days (integer ≥ 1) or term (choices such as 30, 3_months, 1_year)",
            )?;
            Validity::FromField(field.to_owned())
        }
    };
    let capped_by_field = ctx.opt_str(p, t, "capped_by_field")?.map(str::to_owned);
    if let Some(f) = &capped_by_field {
        expect_field(
            ctx,
            "outcome.capped_by_field",
            fields,
            f,
            |k| matches!(k, FieldType::Date { .. }),
            "date",
        )?;
    }
    let max_extension = if t.contains_key("max_extension") {
        Some(ctx.period(p, t, "max_extension", &units, false)?)
    } else {
        None
    };
    Ok(PermitOutcome { kind, validity, capped_by_field, max_extension })
}

fn affiliation(ctx: &Ctx, t: &Table) -> Result<OutcomeKind, CatalogueError> {
    let mut results = Vec::new();
    for (i, name) in ctx.strings("outcome", t, "results")?.into_iter().enumerate() {
        let r = AffiliationResult::parse(name).ok_or_else(|| {
            ctx.err(
                format!("outcome.results[{i}]"),
                format!("unknown result {name:?} (known: {})", AffiliationResult::expected()),
            )
        })?;
        if results.contains(&r) {
            return Err(ctx.err(format!("outcome.results[{i}]"), format!("{name:?} listed twice")));
        }
        results.push(r);
    }
    let stateless_on = match ctx.opt_str("outcome", t, "stateless_on")? {
        None => None,
        Some(name) => {
            Some(AffiliationResult::parse(name).filter(|r| results.contains(r)).ok_or_else(|| {
                ctx.err("outcome.stateless_on", format!("{name:?} is not one of the results"))
            })?)
        }
    };
    if results.is_empty() {
        return Err(ctx.err("outcome.results", "needs at least one result"));
    }
    Ok(OutcomeKind::Affiliation { results, stateless_on })
}
