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
    /// A date field naming the last day of the permission this permit continues (an
    /// extension): the permit starts the day after it, not on the decision date, so an early
    /// decision loses no days and a late one leaves no gap. `None`: a first permit, which
    /// starts on issue.
    pub continues_field: Option<String>,
    /// Validities that replace the general one when a choice field has a given value (a TRP
    /// on the investment ground runs up to 3 years).
    pub validity_by_choice: Vec<ChoiceValidity>,
    /// A choice field with the term applied (and paid) for (`1_year`): the permit runs for it,
    /// the validity being the law's maximum for the ground; a longer term is refused at filing.
    pub term_field: Option<String>,
}

/// A validity that applies when the form's choice `field` has `value`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChoiceValidity {
    /// The choice field.
    pub field: String,
    /// The value that selects this validity.
    pub value: String,
    /// The validity for it.
    pub validity: Period,
    /// Its legal source.
    pub provenance: Provenance,
}

impl PermitOutcome {
    /// The last day a permit granted from `start` covers for this form: the day before
    /// `start` plus the validity, or the field's number of days, cut at the capping field's
    /// date. `None` for an open-ended permit, or when the form lacks the validity field.
    pub fn valid_until(&self, start: Date, form: &ValidForm) -> Option<Date> {
        let chosen = self
            .validity_by_choice
            .iter()
            .find(|c| matches!(form.get(&c.field), Some(FieldValue::Choice(v)) if *v == c.value));
        let end = match (&self.validity, chosen) {
            (Validity::Fixed(_) | Validity::Open, Some(c)) => shift(start, &c.validity, 1).add_days(-1),
            (Validity::Fixed(period), None) => shift(start, period, 1).add_days(-1),
            (Validity::FromField(field), _) => {
                let period = match form.get(field)? {
                    FieldValue::Integer(n) => {
                        Period { count: u32::try_from(*n).ok()?.max(1), unit: Unit::CalendarDays }
                    }
                    FieldValue::Choice(c) => term_period(c)?,
                    _ => return None,
                };
                shift(start, &period, 1).add_days(-1)
            }
            (Validity::Open, None) => return None,
        };
        let end = match self.requested_term(form) {
            Some(term) => end.min(shift(start, &term, 1).add_days(-1)),
            None => end,
        };
        let cap = self.capped_by_field.as_deref().and_then(|f| form.date(f));
        Some(cap.map_or(end, |c| end.min(c)))
    }

    /// The term the form applies for, when the outcome reads one.
    fn requested_term(&self, form: &ValidForm) -> Option<Period> {
        match form.get(self.term_field.as_deref()?) {
            Some(FieldValue::Choice(c)) => term_period(c),
            _ => None,
        }
    }

    /// Whether the requested term is longer than the law allows this form (a 3-year TRP on a
    /// ground allowing one year): compared on a fixed day, months and years as the calendar has
    /// them.
    pub fn term_too_long(&self, form: &ValidForm) -> bool {
        let Some(term) = self.requested_term(form) else { return false };
        let day = Date::parse("2001-01-01").unwrap_or(Date::MIN);
        let mut without_term = self.clone();
        without_term.term_field = None;
        without_term.capped_by_field = None;
        without_term.valid_until(day, form).is_some_and(|max| shift(day, &term, 1).add_days(-1) > max)
    }

    /// The first day of a permit decided on `today`: the day after the permission it continues
    /// ends, or `today` for a first permit (or when the form lacks the date).
    pub fn starts_on(&self, today: Date, form: &ValidForm) -> Date {
        self.continues_field.as_deref().and_then(|f| form.date(f)).map_or(today, |end| end.add_days(1))
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
        /// The longest period a registration may run, when the law caps it.
        cap: Option<RegistrationCap>,
    },
    /// Ends the registration whose number a form field holds, on the date of another field
    /// (de-registration on departure).
    Deregistration {
        /// The field naming the registration (its document number).
        reference_field: String,
        /// The date field of the departure.
        date_field: String,
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

/// How long a registration at place of stay may run: the stay the visa grants (a form field,
/// when the person entered on a visa) or a default (90 days visa-free), counted from a date
/// field (the arrival). A registration lapses when that period ends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegistrationCap {
    /// The date field the period counts from, that day being its first.
    pub from_field: String,
    /// An integer field with the visa's days of stay, when given.
    pub days_field: Option<String>,
    /// The days when the field is empty.
    pub default_days: u32,
}

impl RegistrationCap {
    /// The last day a registration may run for this form; `None` when the form lacks the date.
    pub fn last_day(&self, form: &ValidForm) -> Option<Date> {
        let from = form.date(&self.from_field)?;
        let days = match self.days_field.as_deref().and_then(|f| form.get(f)) {
            Some(FieldValue::Integer(n)) => u32::try_from(*n).unwrap_or(self.default_days),
            _ => self.default_days,
        };
        Some(from.add_days(i32::try_from(days.max(1)).unwrap_or(i32::MAX) - 1))
    }
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
        "permit" => &[
            "permit",
            "validity",
            "validity_field",
            "capped_by_field",
            "max_extension",
            "continues_field",
            "validity_by_choice",
            "term_field",
        ],
        "registration" => {
            &["from_field", "until_field", "cap_from_field", "cap_days_field", "cap_default_days"]
        }
        "deregistration" => &["reference_field", "date_field"],
        "citizenship" => &["action"],
        "affiliation" => &["results", "stateless_on"],
        "appeal" => &["reference_field"],
        "employment" => &[],
        other => {
            let known = "permit, registration, deregistration, citizenship, affiliation, employment, appeal";
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
            cap: registration_cap(ctx, t, fields)?,
        },
        "deregistration" => OutcomeKind::Deregistration {
            reference_field: field_ref("reference_field", &|k| matches!(k, FieldType::Text { .. }), "text")?,
            date_field: field_ref("date_field", &date, "date")?,
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
    let date = |k: &FieldType| matches!(k, FieldType::Date { .. });
    let capped_by_field = optional_field(ctx, t, fields, "capped_by_field", &date, "date")?;
    let max_extension = if t.contains_key("max_extension") {
        Some(ctx.period(p, t, "max_extension", &units, false)?)
    } else {
        None
    };
    let continues_field = optional_field(ctx, t, fields, "continues_field", &date, "date")?;
    let validity_by_choice = by_choice(ctx, t, fields, &units)?;
    let terms = |k: &FieldType| match k {
        FieldType::Choice { choices } => choices.iter().all(|c| term_period(&c.value).is_some()),
        _ => false,
    };
    let term_field =
        optional_field(ctx, t, fields, "term_field", &terms, "a choice of terms (3_months, 1_year …)")?;
    Ok(PermitOutcome {
        kind,
        validity,
        capped_by_field,
        max_extension,
        continues_field,
        validity_by_choice,
        term_field,
    })
}

/// An optional `outcome.key` naming a form field of the kind `ok` accepts.
fn optional_field(
    ctx: &Ctx,
    t: &Table,
    fields: &[FieldSpec],
    key: &str,
    ok: &dyn Fn(&FieldType) -> bool,
    wanted: &str,
) -> Result<Option<String>, CatalogueError> {
    let Some(name) = ctx.opt_str("outcome", t, key)? else { return Ok(None) };
    expect_field(ctx, &join("outcome", key), fields, name, ok, wanted)?;
    Ok(Some(name.to_owned()))
}

/// Reads `[[services.outcome.validity_by_choice]]`: each names a choice field and one of its
/// values.
fn by_choice(
    ctx: &Ctx,
    t: &Table,
    fields: &[FieldSpec],
    units: &[Unit],
) -> Result<Vec<ChoiceValidity>, CatalogueError> {
    let mut out = Vec::new();
    for (i, item) in ctx.tables("outcome", t, "validity_by_choice")?.into_iter().enumerate() {
        let p = format!("outcome.validity_by_choice[{i}]");
        ctx.keys(&p, item, &["field", "value", "validity", "source", "unverified", "note"])?;
        let field = ctx.str(&p, item, "field")?;
        let value = ctx.str(&p, item, "value")?;
        let has_value = |k: &FieldType| matches!(k, FieldType::Choice { choices } if choices.iter().any(|c| c.value == value));
        expect_field(
            ctx,
            &join(&p, "field"),
            fields,
            field,
            has_value,
            &format!("a choice with the value {value:?}"),
        )?;
        out.push(ChoiceValidity {
            field: field.to_owned(),
            value: value.to_owned(),
            validity: ctx.period(&p, item, "validity", units, false)?,
            provenance: ctx.provenance(&p, item)?,
        });
    }
    Ok(out)
}

/// Reads the optional `cap_*` keys of a registration outcome: all or none.
fn registration_cap(
    ctx: &Ctx,
    t: &Table,
    fields: &[FieldSpec],
) -> Result<Option<RegistrationCap>, CatalogueError> {
    let p = "outcome";
    let Some(from_field) = ctx.opt_str(p, t, "cap_from_field")? else {
        if t.contains_key("cap_days_field") || t.contains_key("cap_default_days") {
            return Err(ctx.err("outcome.cap_from_field", "missing: the cap counts from a date field"));
        }
        return Ok(None);
    };
    expect_field(
        ctx,
        "outcome.cap_from_field",
        fields,
        from_field,
        |k| matches!(k, FieldType::Date { .. }),
        "date",
    )?;
    let days_field = ctx.opt_str(p, t, "cap_days_field")?;
    if let Some(f) = days_field {
        expect_field(
            ctx,
            "outcome.cap_days_field",
            fields,
            f,
            |k| matches!(k, FieldType::Integer { .. }),
            "integer",
        )?;
    }
    let default_days = ctx.int(p, t, "cap_default_days", 1, 3650)?;
    Ok(Some(RegistrationCap {
        from_field: from_field.to_owned(),
        days_field: days_field.map(str::to_owned),
        default_days: u32::try_from(default_days).unwrap_or(1),
    }))
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
