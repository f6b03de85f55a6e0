//! Reading what a service's fee depends on (`[services.fee_basis]`), its regimes
//! (`[[services.regimes]]`) and its effective-dated rates (`[[services.fee_rates]]`), checked
//! against the form and the tiers: every field named exists as a choice field, every term a rate
//! prices is one of the term field's values, every rate names a declared tier and regime, and a
//! regime never shortens a deadline to nothing.

use super::fees::{FeeBasis, FeeRate, FeeScale, RateAmount, Regime};
use super::model::{FeeTier, FieldSpec, FieldType, Unit};
use super::parts::MAX_MONEY;
use super::read::{CatalogueError, Ctx, join};
use toml::{Table, Value};
use umis_domain::Date;

/// The values of a choice field of the form, or an error naming the path.
fn choice_values(
    ctx: &Ctx,
    path: &str,
    fields: &[FieldSpec],
    name: &str,
) -> Result<Vec<String>, CatalogueError> {
    match fields.iter().find(|f| f.name == name).map(|f| &f.kind) {
        Some(FieldType::Choice { choices }) => Ok(choices.iter().map(|c| c.value.clone()).collect()),
        Some(k) => Err(ctx.err(path, format!("{name:?} is a {} field, not a choice field", k.name()))),
        None => Err(ctx.err(path, format!("{name:?} is not a field of this service"))),
    }
}

/// Reads `[services.fee_basis]`, when the service has one.
pub(crate) fn basis(ctx: &Ctx, t: &Table, fields: &[FieldSpec]) -> Result<Option<FeeBasis>, CatalogueError> {
    let Some(Value::Table(b)) = t.get("fee_basis") else {
        return match t.get("fee_basis") {
            None => Ok(None),
            Some(_) => Err(ctx.err("fee_basis", "expected a table")),
        };
    };
    let p = "fee_basis";
    ctx.keys(
        p,
        b,
        &["term_field", "student_field", "regime_field", "minor_under", "source", "unverified", "note"],
    )?;
    let field = |key: &str| -> Result<Option<String>, CatalogueError> {
        let Some(name) = ctx.opt_str(p, b, key)? else { return Ok(None) };
        let values = choice_values(ctx, &join(p, key), fields, name)?;
        if key == "student_field" && !values.iter().any(|v| v == "yes") {
            return Err(ctx.err(join(p, key), format!("{name:?} needs a choice \"yes\"")));
        }
        Ok(Some(name.to_owned()))
    };
    let term_field = field("term_field")?;
    let student_field = field("student_field")?;
    let regime_field = field("regime_field")?;
    Ok(Some(FeeBasis {
        term_field,
        student_field,
        regime_field,
        minor_under: u32::try_from(ctx.int(p, b, "minor_under", 1, 30)?).unwrap_or(18),
        provenance: ctx.provenance(p, b)?,
    }))
}

fn dates(ctx: &Ctx, path: &str, t: &Table) -> Result<(Date, Option<Date>), CatalogueError> {
    let from = ctx.date(&join(path, "from"), t.get("from").unwrap_or(&Value::Boolean(false)))?;
    let until = t.get("until").map(|v| ctx.date(&join(path, "until"), v)).transpose()?;
    if until.is_some_and(|u| u <= from) {
        return Err(ctx.err(join(path, "until"), "must be after from"));
    }
    Ok((from, until))
}

/// Reads `[[services.regimes]]`: each code must be a value of the basis's regime field, and its
/// deadline cut must leave every tier (all in business days) at least one day.
pub(crate) fn regimes(
    ctx: &Ctx,
    t: &Table,
    basis: Option<&FeeBasis>,
    fields: &[FieldSpec],
    tiers: &[FeeTier],
) -> Result<Vec<Regime>, CatalogueError> {
    let mut out: Vec<Regime> = Vec::new();
    for (i, r) in ctx.tables("", t, "regimes")?.into_iter().enumerate() {
        let path = format!("regimes[{i}]");
        ctx.keys(
            &path,
            r,
            &[
                "code",
                "names",
                "from",
                "until",
                "deadline_cut",
                "outside_quota",
                "source",
                "unverified",
                "note",
            ],
        )?;
        let code = ctx.code(&path, r, "code")?;
        let Some(field) = basis.and_then(|b| b.regime_field.as_deref()) else {
            return Err(ctx.err(&path, "a regime needs fee_basis.regime_field to choose it"));
        };
        if !choice_values(ctx, &path, fields, field)?.contains(&code) {
            return Err(ctx.err(join(&path, "code"), format!("{code:?} is not a choice of {field:?}")));
        }
        if out.iter().any(|o| o.code == code) {
            return Err(ctx.err(join(&path, "code"), format!("{code:?} listed twice")));
        }
        let cut = u32::try_from(ctx.int(&path, r, "deadline_cut", 0, 1000)?).unwrap_or(0);
        if cut > 0 && tiers.iter().any(|f| f.deadline.unit != Unit::BusinessDays || f.deadline.count <= cut) {
            return Err(ctx.err(
                join(&path, "deadline_cut"),
                "cuts business days, so every tier's deadline must be in business days and longer",
            ));
        }
        let (from, until) = dates(ctx, &path, r)?;
        out.push(Regime {
            names: ctx.texts(&path, r, "names")?,
            from,
            until,
            deadline_cut: cut,
            outside_quota: ctx.flag(&path, r, "outside_quota", Some(false))?,
            provenance: ctx.provenance(&path, r)?,
            code,
        });
    }
    Ok(out)
}

/// Reads `[[services.fee_rates]]`.
pub(crate) fn rates(
    ctx: &Ctx,
    t: &Table,
    basis: Option<&FeeBasis>,
    fields: &[FieldSpec],
    tiers: &[FeeTier],
    regimes: &[Regime],
) -> Result<Vec<FeeRate>, CatalogueError> {
    let mut out: Vec<FeeRate> = Vec::new();
    for (i, r) in ctx.tables("", t, "fee_rates")?.into_iter().enumerate() {
        let path = format!("fee_rates[{i}]");
        let keys = [
            "tier",
            "scale",
            "regime",
            "from",
            "until",
            "amount_minor",
            "by_term",
            "source",
            "unverified",
            "note",
        ];
        ctx.keys(&path, r, &keys)?;
        let tier = ctx.str(&path, r, "tier")?;
        if !tiers.iter().any(|f| f.code == tier) {
            return Err(ctx.err(join(&path, "tier"), format!("{tier:?} is not a fee tier of this service")));
        }
        let scale_name = ctx.str(&path, r, "scale")?;
        let scale = FeeScale::parse(scale_name).ok_or_else(|| {
            ctx.err(
                join(&path, "scale"),
                format!("unknown scale {scale_name:?} (known: {})", FeeScale::expected()),
            )
        })?;
        if scale != FeeScale::Adult && basis.is_none() {
            return Err(ctx.err(join(&path, "scale"), "a minor or student scale needs a fee_basis"));
        }
        if scale == FeeScale::Student && basis.and_then(|b| b.student_field.as_ref()).is_none() {
            return Err(ctx.err(join(&path, "scale"), "a student scale needs fee_basis.student_field"));
        }
        let regime = ctx.opt_str(&path, r, "regime")?.map(str::to_owned);
        if let Some(code) = &regime
            && !regimes.iter().any(|g| &g.code == code)
        {
            return Err(ctx.err(join(&path, "regime"), format!("{code:?} is not a regime of this service")));
        }
        let amount = amount(ctx, &path, r, basis, fields)?;
        let (from, until) = dates(ctx, &path, r)?;
        let rate = FeeRate {
            tier: tier.to_owned(),
            scale,
            regime,
            from,
            until,
            amount,
            provenance: ctx.provenance(&path, r)?,
        };
        let same = |o: &&FeeRate| o.tier == rate.tier && o.scale == rate.scale && o.regime == rate.regime;
        if out.iter().filter(same).any(|o| o.from == rate.from) {
            return Err(ctx.err(
                join(&path, "from"),
                "another rate for this tier, scale and regime starts the same day",
            ));
        }
        out.push(rate);
    }
    Ok(out)
}

/// `amount_minor` (one amount) or `by_term` (an amount per value of the term field).
fn amount(
    ctx: &Ctx,
    path: &str,
    r: &Table,
    basis: Option<&FeeBasis>,
    fields: &[FieldSpec],
) -> Result<RateAmount, CatalogueError> {
    match (r.get("amount_minor"), r.get("by_term")) {
        (Some(_), None) => Ok(RateAmount::Flat(ctx.int(path, r, "amount_minor", 0, MAX_MONEY)?)),
        (None, Some(Value::Table(terms))) => {
            let at = join(path, "by_term");
            let Some(field) = basis.and_then(|b| b.term_field.as_deref()) else {
                return Err(ctx.err(at, "amounts by term need fee_basis.term_field"));
            };
            let values = choice_values(ctx, &at, fields, field)?;
            if terms.is_empty() {
                return Err(ctx.err(at, "needs at least one term"));
            }
            let mut list = Vec::with_capacity(terms.len());
            for (term, _) in terms {
                if !values.contains(term) {
                    return Err(ctx.err(join(&at, term), format!("not a choice of {field:?}")));
                }
                list.push((term.clone(), ctx.int(&at, terms, term, 0, MAX_MONEY)?));
            }
            Ok(RateAmount::ByTerm(list))
        }
        _ => Err(ctx.err(path, "needs either amount_minor or by_term (a table of amounts by term)")),
    }
}
