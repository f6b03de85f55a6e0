//! Reading a rule pack from TOML, refusing anything doubtful: a pack that does not validate
//! stops start-up, so every error names the file, the field and the problem.

use crate::pack::{PackKind, Params, RulePack};
use crate::params::{Dated, PermitSet, Series, StayLimit, basis_index};
use crate::tz::ZoneTable;
use toml::{Table, Value};
use umis_domain::{CountryCode, Date, EntryBasisKind, PermitKind};

/// A rule pack that failed to load: `file: field: problem`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}: {field}: {problem}")]
pub struct PackError {
    /// The file name as given (`az.toml`).
    pub file: String,
    /// The field, e.g. `param stay_limit.visa_free[1].from`.
    pub field: String,
    /// What is wrong with it.
    pub problem: String,
}

/// Keys every parameter value may carry besides its type's own.
const COMMON_KEYS: [&str; 5] = ["from", "value", "source", "unverified", "note"];
/// Largest number of days any parameter may hold (ten years).
const MAX_DAYS: i64 = 3650;

struct Ctx<'a> {
    file: &'a str,
}

impl Ctx<'_> {
    fn err(&self, field: impl Into<String>, problem: impl Into<String>) -> PackError {
        PackError { file: self.file.to_owned(), field: field.into(), problem: problem.into() }
    }
}

/// Parses and validates one pack file; `expected_name` is the file stem the pack must carry.
pub(crate) fn parse_pack(file: &str, expected_name: &str, text: &str) -> Result<RulePack, PackError> {
    let ctx = Ctx { file };
    let root: Table = text.parse().map_err(|e: toml::de::Error| {
        let line = e.span().map(|s| text[..s.start.min(text.len())].lines().count().max(1));
        let field = line.map_or_else(|| "(file)".to_owned(), |l| format!("line {l}"));
        ctx.err(field, format!("TOML syntax: {}", e.message().trim()))
    })?;
    check_keys(&ctx, "", &root, &["pack", "param"])?;
    let header = table(&ctx, "pack", root.get("pack"))?;
    check_keys(&ctx, "pack.", header, &["name", "kind", "title"])?;
    let name = string(&ctx, "pack.name", header.get("name"))?;
    if name != expected_name {
        return Err(ctx.err("pack.name", format!("{name:?} does not match the file name {expected_name:?}")));
    }
    let kind = match string(&ctx, "pack.kind", header.get("kind"))? {
        "per_stay" => PackKind::PerStay,
        "rolling_window" => PackKind::RollingWindow,
        other => return Err(ctx.err("pack.kind", format!("{other:?} is not per_stay or rolling_window"))),
    };
    let title = match header.get("title") {
        None => String::new(),
        some => string(&ctx, "pack.title", some)?.to_owned(),
    };
    let mut params = Params::default();
    let mut leaves = Vec::new();
    collect_leaves(&ctx, "", table(&ctx, "param", root.get("param"))?, &mut leaves)?;
    for (path, value) in leaves {
        read_param(&ctx, kind, &path, value, &mut params)?;
    }
    let zone = check_params(&ctx, kind, &params)?;
    Ok(RulePack { name: name.to_owned(), kind, title, zone, params })
}

fn collect_leaves<'t>(
    ctx: &Ctx<'_>,
    prefix: &str,
    t: &'t Table,
    out: &mut Vec<(String, &'t Value)>,
) -> Result<(), PackError> {
    for (key, value) in t {
        let path = if prefix.is_empty() { key.clone() } else { format!("{prefix}.{key}") };
        match value {
            Value::Table(inner) => collect_leaves(ctx, &path, inner, out)?,
            Value::Array(_) => out.push((path, value)),
            _ => {
                return Err(
                    ctx.err(format!("param {path}"), "expected a list of dated values ([[param...]])")
                );
            }
        }
    }
    Ok(())
}

fn read_param(
    ctx: &Ctx<'_>,
    kind: PackKind,
    path: &str,
    value: &Value,
    p: &mut Params,
) -> Result<(), PackError> {
    let per_stay = kind == PackKind::PerStay;
    let wrong_kind =
        || ctx.err(format!("param {path}"), format!("not a parameter of a {} pack", kind.as_str()));
    let parts: Vec<&str> = path.split('.').collect();
    match parts.as_slice() {
        ["time_zone"] => p.time_zone = series(ctx, path, value, &[], text)?,
        ["lawful_permits"] => p.lawful_permits = series(ctx, path, value, &[], permits)?,
        ["stay_limit", basis] if per_stay => {
            let Some(b) = EntryBasisKind::parse(basis) else {
                let known = EntryBasisKind::expected();
                return Err(ctx.err(format!("param {path}"), format!("unknown entry basis (known: {known})")));
            };
            p.stay_limit[basis_index(b)] = series(ctx, path, value, &["use_record_stay_days"], stay_limit)?;
        }
        ["registration", "deadline_days"] if per_stay => {
            p.deadline_days = series(ctx, path, value, &[], |c, f, e| days(c, f, e, 1, 365))?;
        }
        ["registration", "exempting_permits"] if per_stay => {
            p.exempting_permits = series(ctx, path, value, &[], permits)?;
        }
        ["registration", "deadline_override", code] if per_stay => {
            let Ok(country) = CountryCode::parse(code) else {
                return Err(ctx.err(format!("param {path}"), format!("{code:?} is not a country code")));
            };
            let s = series(ctx, path, value, &[], |c, f, e| days(c, f, e, 1, 365))?;
            p.deadline_override.push((country, s));
        }
        ["stay_limit_override", basis, code] if per_stay => {
            let Some(b) = EntryBasisKind::parse(basis) else {
                let known = EntryBasisKind::expected();
                return Err(ctx.err(format!("param {path}"), format!("unknown entry basis (known: {known})")));
            };
            let Ok(country) = CountryCode::parse(code) else {
                return Err(ctx.err(format!("param {path}"), format!("{code:?} is not a country code")));
            };
            let s = series(ctx, path, value, &["use_record_stay_days"], stay_limit)?;
            p.stay_limit_override.push((b, country, s));
        }
        ["absence", "days_abroad"] if per_stay => {
            p.absence_days = series(ctx, path, value, &[], |c, f, e| days(c, f, e, 1, MAX_DAYS))?;
        }
        ["absence", "window_days"] if per_stay => {
            p.absence_window = series(ctx, path, value, &[], |c, f, e| days(c, f, e, 1, MAX_DAYS))?;
        }
        ["absence", "permit_kinds"] if per_stay => {
            p.absence_permits = series(ctx, path, value, &[], permits)?;
        }
        ["visa_stay_max", "single_entry"] if per_stay => {
            p.visa_max_single = series(ctx, path, value, &[], |c, f, e| days(c, f, e, 1, MAX_DAYS))?;
        }
        ["visa_stay_max", "multiple_entry"] if per_stay => {
            p.visa_max_multiple = series(ctx, path, value, &[], |c, f, e| days(c, f, e, 1, MAX_DAYS))?;
        }
        ["window", "days"] if !per_stay => {
            p.window_days = series(ctx, path, value, &[], |c, f, e| days(c, f, e, 1, MAX_DAYS))?
        }
        ["window", "limit"] if !per_stay => {
            p.window_limit = series(ctx, path, value, &[], |c, f, e| days(c, f, e, 1, MAX_DAYS))?
        }
        ["stay_limit", _]
        | ["stay_limit_override", _, _]
        | ["registration", ..]
        | ["absence", "days_abroad" | "window_days" | "permit_kinds"]
        | ["visa_stay_max", "single_entry" | "multiple_entry"]
        | ["window", "days" | "limit"] => return Err(wrong_kind()),
        _ => return Err(ctx.err(format!("param {path}"), "unknown parameter")),
    }
    Ok(())
}

/// Reads a list of dated values; `read` turns one entry's `value` (and extra keys) into a `T`.
fn series<T>(
    ctx: &Ctx<'_>,
    path: &str,
    value: &Value,
    extra: &[&str],
    read: impl Fn(&Ctx<'_>, &str, &Table) -> Result<T, PackError>,
) -> Result<Series<T>, PackError> {
    let Value::Array(items) = value else {
        return Err(ctx.err(format!("param {path}"), "expected a list of dated values"));
    };
    let mut values: Vec<(usize, Dated<T>)> = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let field = format!("param {path}[{i}]");
        let Value::Table(entry) = item else { return Err(ctx.err(field, "expected a table")) };
        let allowed: Vec<&str> = COMMON_KEYS.iter().chain(extra).copied().collect();
        check_keys(ctx, &format!("{field}."), entry, &allowed)?;
        let from = date(ctx, &format!("{field}.from"), entry.get("from"))?;
        let source = string(ctx, &format!("{field}.source"), entry.get("source"))?;
        let unverified = match entry.get("unverified") {
            None => false,
            Some(Value::Boolean(b)) => *b,
            Some(_) => return Err(ctx.err(format!("{field}.unverified"), "expected true or false")),
        };
        let note = match entry.get("note") {
            None => None,
            some => Some(string(ctx, &format!("{field}.note"), some)?.to_owned()),
        };
        if unverified && note.is_none() {
            return Err(ctx.err(format!("{field}.note"), "an unverified value needs a note saying why"));
        }
        let value = read(ctx, &field, entry)?;
        values.push((i, Dated { from, value, source: source.to_owned(), unverified, note }));
    }
    values.sort_by_key(|(_, v)| v.from);
    for pair in values.windows(2) {
        if pair[0].1.from == pair[1].1.from {
            let (a, b) = (pair[0].0.min(pair[1].0), pair[0].0.max(pair[1].0));
            let problem = format!("same date as [{a}].from ({})", pair[0].1.from);
            return Err(ctx.err(format!("param {path}[{b}].from"), problem));
        }
    }
    Ok(Series::new(values.into_iter().map(|(_, v)| v).collect()))
}

fn text(ctx: &Ctx<'_>, field: &str, entry: &Table) -> Result<String, PackError> {
    Ok(string(ctx, &format!("{field}.value"), entry.get("value"))?.to_owned())
}

fn days(ctx: &Ctx<'_>, field: &str, entry: &Table, min: i64, max: i64) -> Result<u16, PackError> {
    let field = format!("{field}.value");
    match entry.get("value") {
        Some(Value::Integer(n)) if (min..=max).contains(n) => {
            u16::try_from(*n).map_err(|_| ctx.err(&field, "out of range"))
        }
        Some(Value::Integer(n)) => Err(ctx.err(field, format!("{n} is outside {min}..={max}"))),
        Some(_) => Err(ctx.err(field, "expected a whole number of days")),
        None => Err(ctx.err(field, "missing")),
    }
}

fn stay_limit(ctx: &Ctx<'_>, field: &str, entry: &Table) -> Result<StayLimit, PackError> {
    let days = days(ctx, field, entry, 0, MAX_DAYS)?;
    let use_record_stay_days = match entry.get("use_record_stay_days") {
        None => false,
        Some(Value::Boolean(b)) => *b,
        Some(_) => return Err(ctx.err(format!("{field}.use_record_stay_days"), "expected true or false")),
    };
    Ok(StayLimit { days, use_record_stay_days })
}

fn permits(ctx: &Ctx<'_>, field: &str, entry: &Table) -> Result<PermitSet, PackError> {
    let field = format!("{field}.value");
    let Some(Value::Array(items)) = entry.get("value") else {
        return Err(ctx.err(field, "expected a list of permit kinds"));
    };
    let mut set = PermitSet::default();
    for (i, item) in items.iter().enumerate() {
        let name = string(ctx, &format!("{field}[{i}]"), Some(item))?;
        let Some(kind) = PermitKind::parse(name) else {
            let problem = format!("unknown permit kind {name:?} (known: {})", PermitKind::expected());
            return Err(ctx.err(format!("{field}[{i}]"), problem));
        };
        if set.contains(kind) {
            return Err(ctx.err(format!("{field}[{i}]"), format!("{name:?} listed twice")));
        }
        set = set.with(kind);
    }
    Ok(set)
}

fn check_params(ctx: &Ctx<'_>, kind: PackKind, p: &Params) -> Result<ZoneTable, PackError> {
    let missing = |name: &str| ctx.err(format!("param {name}"), "required parameter missing");
    if p.time_zone.is_empty() {
        return Err(missing("time_zone"));
    }
    if p.lawful_permits.is_empty() {
        return Err(missing("lawful_permits"));
    }
    if kind == PackKind::PerStay {
        for basis in EntryBasisKind::ALL {
            if p.stay_limit[basis_index(*basis)].is_empty() {
                return Err(missing(&format!("stay_limit.{basis}")));
            }
        }
    } else {
        for (name, s) in [("window.days", &p.window_days), ("window.limit", &p.window_limit)] {
            if s.is_empty() {
                return Err(missing(name));
            }
        }
        for (i, v) in p.window_limit.values().iter().enumerate() {
            let days = p.window_days.at_or_first(v.from).map_or(0, |w| w.value);
            if v.value > days {
                let problem = format!("limit {} exceeds the window of {days} days in force then", v.value);
                return Err(ctx.err(format!("param window.limit[{i}].value"), problem));
            }
        }
    }
    check_absence(ctx, p)?;
    let zones = p.time_zone.values();
    if zones.len() > 1 {
        return Err(
            ctx.err("param time_zone[1]", "only one time zone per pack (crossing dates need one zone)")
        );
    }
    let name = zones.first().map_or("", |z| z.value.as_str());
    ZoneTable::load(name).ok_or_else(|| {
        ctx.err("param time_zone[0].value", format!("{name:?} is not in the time-zone database"))
    })
}

/// The absence rule comes whole (days, window and permit kinds, or none of them), with at
/// most as many days abroad as its window holds, each value's window the one in force then.
fn check_absence(ctx: &Ctx<'_>, p: &Params) -> Result<(), PackError> {
    let parts = [p.absence_days.is_empty(), p.absence_window.is_empty(), p.absence_permits.is_empty()];
    if parts.iter().all(|e| *e) {
        return Ok(());
    }
    for (name, empty) in
        ["absence.days_abroad", "absence.window_days", "absence.permit_kinds"].iter().zip(parts)
    {
        if empty {
            return Err(ctx.err(
                format!("param {name}"),
                "the absence rule needs days_abroad, window_days and permit_kinds",
            ));
        }
    }
    for (i, v) in p.absence_days.values().iter().enumerate() {
        let Some(window) = p.absence_window.at(v.from) else {
            let problem = format!("no absence.window_days is in force on {}", v.from);
            return Err(ctx.err(format!("param absence.days_abroad[{i}].from"), problem));
        };
        if v.value >= window.value {
            let problem = format!(
                "{} days abroad must be fewer than the window of {} days in force then",
                v.value, window.value
            );
            return Err(ctx.err(format!("param absence.days_abroad[{i}].value"), problem));
        }
    }
    Ok(())
}

fn check_keys(ctx: &Ctx<'_>, prefix: &str, t: &Table, allowed: &[&str]) -> Result<(), PackError> {
    match t.keys().find(|k| !allowed.contains(&k.as_str())) {
        Some(k) => {
            Err(ctx.err(format!("{prefix}{k}"), format!("unknown key (expected: {})", allowed.join(", "))))
        }
        None => Ok(()),
    }
}

fn table<'t>(ctx: &Ctx<'_>, field: &str, v: Option<&'t Value>) -> Result<&'t Table, PackError> {
    match v {
        Some(Value::Table(t)) => Ok(t),
        Some(_) => Err(ctx.err(field, "expected a table")),
        None => Err(ctx.err(field, "missing")),
    }
}

fn string<'t>(ctx: &Ctx<'_>, field: &str, v: Option<&'t Value>) -> Result<&'t str, PackError> {
    match v {
        Some(Value::String(s)) if !s.trim().is_empty() => Ok(s),
        Some(Value::String(_)) => Err(ctx.err(field, "must not be empty")),
        Some(_) => Err(ctx.err(field, "expected a string")),
        None => Err(ctx.err(field, "missing")),
    }
}

fn date(ctx: &Ctx<'_>, field: &str, v: Option<&Value>) -> Result<Date, PackError> {
    let text = match v {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Datetime(dt)) => dt.to_string(),
        Some(_) => return Err(ctx.err(field, "expected a date \"YYYY-MM-DD\"")),
        None => return Err(ctx.err(field, "missing")),
    };
    Date::parse(&text).map_err(|_| ctx.err(field, format!("not a date {text:?}")))
}
