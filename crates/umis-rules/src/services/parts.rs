//! Reading the parts of one service: form fields, documents, fee tiers, eligibility rules and
//! milestones. Cross-references between parts are checked by the service reader.

use super::model::{
    Choice, DocKind, DocumentSpec, EligibilityRule, Fact, FactType, FeeTier, FieldSpec, FieldType, Milestone,
    Test, Unit,
};
use super::read::{CatalogueError, Ctx};
use toml::{Table, Value};
use umis_domain::CountryCode;

/// Longest text field a catalogue may declare (a refugee's narrative is 20,000).
const MAX_TEXT: i64 = 100_000;
/// Most choices in one field.
const MAX_CHOICES: usize = 200;
/// Largest amount in qəpik a money field or fee may hold (a thousand million manat).
pub(crate) const MAX_MONEY: i64 = 100_000_000_000;

const DATE_UNITS: [Unit; 3] = [Unit::CalendarDays, Unit::Months, Unit::Years];
const ALL_UNITS: [Unit; 4] = [Unit::BusinessDays, Unit::CalendarDays, Unit::Months, Unit::Years];

/// Reads one form field.
pub(crate) fn field(ctx: &Ctx, path: &str, t: &Table) -> Result<FieldSpec, CatalogueError> {
    let name = ctx.code(path, t, "name")?;
    let type_name = ctx.str(path, t, "type")?;
    let common = ["name", "type", "required", "label"];
    let extra: &[&str] = match type_name {
        "text" => &["max", "multiline"],
        "date" => &["not_before"],
        "choice" => &["choices"],
        "integer" => &["min", "max"],
        "money" => &["max"],
        "country" | "document_number" | "receipt" | "email" | "phone" | "tin" => &[],
        other => {
            let known =
                "text, date, country, document_number, receipt, choice, integer, money, email, phone, tin";
            return Err(
                ctx.err(format!("{path}.type"), format!("unknown field type {other:?} (known: {known})"))
            );
        }
    };
    let allowed: Vec<&str> = common.iter().chain(extra).copied().collect();
    ctx.keys(path, t, &allowed)?;
    let kind = match type_name {
        "text" => FieldType::Text {
            max: usize::try_from(ctx.int(path, t, "max", 1, MAX_TEXT)?).unwrap_or(1),
            multiline: ctx.flag(path, t, "multiline", Some(false))?,
        },
        "date" => FieldType::Date { not_before: ctx.opt_str(path, t, "not_before")?.map(str::to_owned) },
        "country" => FieldType::Country,
        "document_number" => FieldType::DocumentNumber,
        "receipt" => FieldType::Receipt,
        "choice" => FieldType::Choice { choices: choices(ctx, path, t)? },
        "integer" => {
            let min = ctx.int(path, t, "min", i64::MIN, i64::MAX)?;
            FieldType::Integer { min, max: ctx.int(path, t, "max", min, i64::MAX)? }
        }
        "money" => FieldType::Money { max: ctx.int(path, t, "max", 0, MAX_MONEY)? },
        "email" => FieldType::Email,
        "phone" => FieldType::Phone,
        // "tin": every other name was refused above.
        _ => FieldType::Tin,
    };
    let required = ctx.flag(path, t, "required", None)?;
    Ok(FieldSpec { name, kind, required, label: ctx.texts(path, t, "label")? })
}

fn choices(ctx: &Ctx, path: &str, t: &Table) -> Result<Vec<Choice>, CatalogueError> {
    let items = ctx.tables(path, t, "choices")?;
    if items.is_empty() || items.len() > MAX_CHOICES {
        return Err(ctx.err(format!("{path}.choices"), format!("needs 1 to {MAX_CHOICES} choices")));
    }
    let mut out: Vec<Choice> = Vec::with_capacity(items.len());
    for (i, item) in items.into_iter().enumerate() {
        let at = format!("{path}.choices[{i}]");
        ctx.keys(&at, item, &["value", "label"])?;
        let value = ctx.str(&at, item, "value")?;
        if value.trim() != value || value.chars().count() > 100 {
            return Err(ctx.err(format!("{at}.value"), "must be trimmed and at most 100 characters"));
        }
        if out.iter().any(|c| c.value == value) {
            return Err(ctx.err(format!("{at}.value"), format!("{value:?} listed twice")));
        }
        out.push(Choice { value: value.to_owned(), label: ctx.texts(&at, item, "label")? });
    }
    Ok(out)
}

/// Reads one required or optional document.
pub(crate) fn document(ctx: &Ctx, path: &str, t: &Table) -> Result<DocumentSpec, CatalogueError> {
    ctx.keys(path, t, &["code", "names", "required", "kinds"])?;
    let mut kinds = Vec::new();
    for (i, name) in ctx.strings(path, t, "kinds")?.into_iter().enumerate() {
        let at = format!("{path}.kinds[{i}]");
        let kind = DocKind::parse(name)
            .ok_or_else(|| ctx.err(&at, format!("unknown kind {name:?} (known: {})", DocKind::expected())))?;
        if kinds.contains(&kind) {
            return Err(ctx.err(at, format!("{name:?} listed twice")));
        }
        kinds.push(kind);
    }
    if kinds.is_empty() {
        return Err(ctx.err(format!("{path}.kinds"), "needs at least one kind"));
    }
    Ok(DocumentSpec {
        code: ctx.code(path, t, "code")?,
        names: ctx.texts(path, t, "names")?,
        required: ctx.flag(path, t, "required", None)?,
        kinds,
    })
}

/// Reads one fee tier; a zero deadline only for a service decided at once.
pub(crate) fn fee(ctx: &Ctx, path: &str, t: &Table, auto_decide: bool) -> Result<FeeTier, CatalogueError> {
    let keys = ["code", "amount_minor", "per_days", "deadline", "source", "unverified", "note"];
    ctx.keys(path, t, &keys)?;
    Ok(FeeTier {
        code: ctx.code(path, t, "code")?,
        amount_minor: ctx.int(path, t, "amount_minor", 0, MAX_MONEY)?,
        per_days: ctx.opt_int(path, t, "per_days", 1, 366)?.and_then(|n| u32::try_from(n).ok()),
        deadline: ctx.period(path, t, "deadline", &ALL_UNITS, auto_decide)?,
        provenance: ctx.provenance(path, t)?,
    })
}

/// Reads one eligibility rule, checking that its kind can test its fact.
pub(crate) fn rule(ctx: &Ctx, path: &str, t: &Table) -> Result<EligibilityRule, CatalogueError> {
    let kind = ctx.str(path, t, "kind")?;
    let extra: &[&str] = match kind {
        "min_before" | "within_after" => &["period"],
        "min_years" => &["years"],
        "min_count" => &["min"],
        "country_in" => &["countries"],
        "flag" => &[],
        other => {
            let known = "min_before, within_after, min_years, min_count, flag, country_in";
            return Err(
                ctx.err(format!("{path}.kind"), format!("unknown rule kind {other:?} (known: {known})"))
            );
        }
    };
    let common = ["code", "names", "kind", "fact", "source", "unverified", "note"];
    ctx.keys(path, t, &common.iter().chain(extra).copied().collect::<Vec<_>>())?;
    let fact_name = ctx.str(path, t, "fact")?;
    let fact = Fact::parse(fact_name).ok_or_else(|| {
        ctx.err(format!("{path}.fact"), format!("unknown fact {fact_name:?} (known: {})", Fact::expected()))
    })?;
    let count = |key| ctx.int(path, t, key, 0, 10_000).map(|n| u32::try_from(n).unwrap_or(0));
    let (test, needs) = match kind {
        "min_before" => {
            (Test::MinBefore(fact, ctx.period(path, t, "period", &DATE_UNITS, true)?), FactType::Date)
        }
        "within_after" => {
            (Test::WithinAfter(fact, ctx.period(path, t, "period", &ALL_UNITS, false)?), FactType::Date)
        }
        "min_years" => (Test::MinYears(fact, count("years")?), FactType::Years),
        "min_count" => (Test::MinCount(fact, count("min")?), FactType::Count),
        "country_in" => (Test::CountryIn(fact, countries(ctx, path, t)?), FactType::Country),
        // "flag": every other kind was refused above.
        _ => (Test::Flag(fact), FactType::Flag),
    };
    if fact.fact_type() != needs {
        return Err(ctx.err(format!("{path}.fact"), format!("{kind} cannot test {fact_name}")));
    }
    Ok(EligibilityRule {
        code: ctx.code(path, t, "code")?,
        names: ctx.texts(path, t, "names")?,
        test,
        provenance: ctx.provenance(path, t)?,
    })
}

fn countries(ctx: &Ctx, path: &str, t: &Table) -> Result<Vec<CountryCode>, CatalogueError> {
    let names = ctx.strings(path, t, "countries")?;
    if names.is_empty() {
        return Err(ctx.err(format!("{path}.countries"), "needs at least one country"));
    }
    let parse = |(i, s): (usize, &str)| {
        CountryCode::parse(s)
            .map_err(|_| ctx.err(format!("{path}.countries[{i}]"), format!("{s:?} is not a country code")))
    };
    names.into_iter().enumerate().map(parse).collect()
}

/// Reads one milestone; `earlier` are the codes declared before it, which it may follow.
pub(crate) fn milestone(
    ctx: &Ctx,
    path: &str,
    t: &Table,
    earlier: &[&str],
) -> Result<Milestone, CatalogueError> {
    ctx.keys(path, t, &["code", "names", "after", "within", "source", "unverified", "note"])?;
    let after = ctx.opt_str(path, t, "after")?.map(str::to_owned);
    if let Some(a) = &after
        && !earlier.contains(&a.as_str())
    {
        return Err(
            ctx.err(format!("{path}.after"), format!("{a:?} is not a milestone declared before this one"))
        );
    }
    Ok(Milestone {
        code: ctx.code(path, t, "code")?,
        names: ctx.texts(path, t, "names")?,
        after,
        within: ctx.period(path, t, "within", &ALL_UNITS, true)?,
        provenance: ctx.provenance(path, t)?,
    })
}

/// Whether a value is a TOML string (for keys that may be a string or a table).
pub(crate) fn is_string(v: Option<&Value>) -> bool {
    matches!(v, Some(Value::String(_)))
}

/// Checks that `name` is a field of the wanted type.
pub(crate) fn expect_field(
    ctx: &Ctx,
    path: &str,
    fields: &[FieldSpec],
    name: &str,
    ok: impl Fn(&FieldType) -> bool,
    wanted: &str,
) -> Result<(), CatalogueError> {
    match fields.iter().find(|f| f.name == name) {
        Some(f) if ok(&f.kind) => Ok(()),
        Some(f) => Err(ctx.err(path, format!("{name:?} is a {} field, not a {wanted} field", f.kind.name()))),
        None => Err(ctx.err(path, format!("{name:?} is not a field of this service"))),
    }
}
