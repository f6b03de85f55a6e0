//! The stay calculator: one traveller's question answered from the request alone (no stored
//! data), for `umis stay-calc` and `POST /api/v1/stay-calculator`. This module owns the request
//! and response bodies and their validation; `calc_run` holds the arithmetic.
//!
//! The request refuses unknown fields (`deny_unknown_fields`): a misspelt `"permit"` would
//! otherwise be dropped silently and the traveller judged without their permit.

use crate::calc_run::{Question, answer};
use crate::pack::Packs;
use crate::stay::{PermitIn, StayOut};
use crate::trace::Lang;
use serde::{Deserialize, Serialize};
use umis_domain::{CountryCode, Date, EntryBasisKind, PermitKind};

/// Most stays a request may carry.
pub const MAX_STAYS: usize = 1000;
/// Most permits a request may carry.
pub const MAX_PERMITS: usize = 1000;

/// The request body. Dates are read as strings and parsed here, so errors can name the field.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CalcRequest {
    /// Rule pack name (`az`, `schengen`).
    pub pack: String,
    /// `control` or `planning`.
    pub mode: String,
    /// The controlled day, or the first day of the planned stay.
    pub date: String,
    /// Past stays, entry and exit days inclusive.
    pub stays: Vec<CalcStayIn>,
    /// Permits, all taken as active; none when absent.
    #[serde(default)]
    pub permits: Option<Vec<CalcPermitIn>>,
    /// Entry basis of the planned stay or of a new stay starting on a controlled day
    /// (default `visa_free`).
    #[serde(default)]
    pub basis: Option<String>,
    /// The stay a visa grants, for that basis (1..=3650).
    #[serde(default)]
    pub stay_days: Option<i64>,
    /// The traveller's nationality (ISO 3166-1 alpha-3); unknown when absent.
    #[serde(default)]
    pub nationality: Option<String>,
}

/// One past stay of a request.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CalcStayIn {
    /// Entry day.
    pub entry: String,
    /// Exit day; absent for a stay still running (it runs through `date`).
    #[serde(default)]
    pub exit: Option<String>,
    /// Entry basis (per-stay packs), default `visa_free`.
    #[serde(default)]
    pub basis: Option<String>,
    /// Stay granted by the visa (per-stay packs), default the pack's.
    #[serde(default)]
    pub stay_days: Option<i64>,
}

/// One permit of a request.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CalcPermitIn {
    /// Permit kind (`temporary_residence`, ...).
    pub kind: String,
    /// First day covered.
    pub valid_from: String,
    /// Last day covered.
    pub valid_until: String,
}

/// The response body, fields in the order the spec gives; absent values are `null`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CalcResponse {
    /// The pack used.
    pub pack: String,
    /// `control` or `planning`.
    pub mode: String,
    /// The request's date.
    pub date: Date,
    /// Days of stay in the window (rolling packs) or of the current stay (per-stay packs).
    pub days_used: u32,
    /// Given stays with at least one unlawful day, by entry date.
    pub overstays: Vec<CalcOverstay>,
    /// Control: last day the traveller may remain, every day lawful; `null` if `date` is not.
    pub possible_stay_until: Option<Date>,
    /// Planning: consecutive lawful days from `date` (0 when `date` would be unlawful).
    pub max_stay_days: Option<u32>,
    /// Planning: the last of those days.
    pub latest_exit: Option<Date>,
    /// When `date` is unlawful (control) or no day can be stayed (planning): the next start.
    pub next_entry: Option<NextEntry>,
    /// Per-stay packs with a registration rule: the deadline of the stay `date` falls in or starts.
    pub registration_deadline: Option<Date>,
    /// Each rule and value used, in the requested language.
    pub trace: Vec<String>,
}

/// A given stay with unlawful days.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CalcOverstay {
    /// Entry day of the stay.
    pub entry: Date,
    /// Its first unlawful day.
    pub first_unlawful_day: Date,
    /// Its last day (the exit, or `date` for a stay with no exit).
    pub last_day: Date,
    /// Number of unlawful days.
    pub overstay_days: u32,
}

/// The earliest later day a stay could start, and how long it could last.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct NextEntry {
    /// The day.
    pub date: Date,
    /// Consecutive lawful days from it.
    pub max_stay_days: u32,
}

/// A bad request: the field (JSON-pointer-like, `stays[2].exit`) and what is wrong with it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {problem}")]
pub struct CalcError {
    /// The offending field.
    pub field: String,
    /// The problem.
    pub problem: String,
}

fn bad(field: impl Into<String>, problem: impl Into<String>) -> CalcError {
    CalcError { field: field.into(), problem: problem.into() }
}

/// Answers a calculator request with the pack it names; trace lines are rendered in `lang`.
pub fn calculate(packs: &Packs, req: &CalcRequest, lang: Lang) -> Result<CalcResponse, CalcError> {
    let pack = packs.get(&req.pack).ok_or_else(|| {
        bad("pack", format!("unknown pack {:?} (known: {})", req.pack, packs.names().join(", ")))
    })?;
    let control = match req.mode.as_str() {
        "control" => true,
        "planning" => false,
        other => return Err(bad("mode", format!("{other:?} is not control or planning"))),
    };
    let date = date("date", &req.date)?;
    if req.stays.len() > MAX_STAYS {
        return Err(bad("stays", format!("{} stays, more than {MAX_STAYS}", req.stays.len())));
    }
    let stays = req.stays.iter().enumerate().map(|(i, s)| stay(i, s, date)).collect::<Result<Vec<_>, _>>()?;
    let given = req.permits.as_deref().unwrap_or_default();
    if given.len() > MAX_PERMITS {
        return Err(bad("permits", format!("{} permits, more than {MAX_PERMITS}", given.len())));
    }
    let permits = given.iter().enumerate().map(|(i, p)| permit(i, p)).collect::<Result<Vec<_>, _>>()?;
    let q = Question {
        pack,
        control,
        date,
        stays,
        permits,
        basis: basis("basis", req.basis.as_deref())?,
        stay_days: stay_days("stay_days", req.stay_days)?,
        nationality: match req.nationality.as_deref() {
            None => None,
            Some(n) => Some(CountryCode::parse(n).map_err(|e| bad("nationality", format!("{e}: {n:?}")))?),
        },
    };
    let (mut resp, trace) = answer(&q);
    resp.pack = pack.name().to_owned();
    resp.mode = req.mode.clone();
    resp.trace = trace.iter().map(|l| l.render(lang)).collect();
    Ok(resp)
}

/// Parses a date and checks it lies within 1900-01-01..=2199-12-31.
fn date(field: &str, text: &str) -> Result<Date, CalcError> {
    let d = Date::parse(text).map_err(|e| bad(field, format!("{e}: {text:?}")))?;
    let (year, _, _) = d.ymd();
    if !(1900..=2199).contains(&year) {
        return Err(bad(field, format!("{text} is outside 1900-01-01..2199-12-31")));
    }
    Ok(d)
}

fn basis(field: &str, text: Option<&str>) -> Result<EntryBasisKind, CalcError> {
    match text {
        None => Ok(EntryBasisKind::VisaFree),
        Some(b) => EntryBasisKind::parse(b)
            .ok_or_else(|| bad(field, format!("{b:?} is not one of {}", EntryBasisKind::expected()))),
    }
}

fn stay_days(field: &str, n: Option<i64>) -> Result<Option<u16>, CalcError> {
    match n {
        None => Ok(None),
        Some(n) if (1..=3650).contains(&n) => Ok(u16::try_from(n).ok()),
        Some(n) => Err(bad(field, format!("{n} is outside 1..=3650"))),
    }
}

/// A given stay; an exit after `date` is cut to `date` and a stay entered after it is kept
/// but judged as empty (`calc_run` skips stays entered after `date`).
fn stay(i: usize, s: &CalcStayIn, on: Date) -> Result<StayOut, CalcError> {
    let entry = date(&format!("stays[{i}].entry"), &s.entry)?;
    let exit = match &s.exit {
        None => None,
        Some(text) => {
            let exit = date(&format!("stays[{i}].exit"), text)?;
            if exit < entry {
                return Err(bad(format!("stays[{i}].exit"), format!("{exit} is before the entry {entry}")));
            }
            Some(exit)
        }
    };
    let basis = basis(&format!("stays[{i}].basis"), s.basis.as_deref())?;
    let days = stay_days(&format!("stays[{i}].stay_days"), s.stay_days)?;
    let mut out = StayOut::new(entry, exit.unwrap_or(on).min(on), basis, days);
    out.open = exit.is_none_or(|x| x > on);
    Ok(out)
}

fn permit(i: usize, p: &CalcPermitIn) -> Result<PermitIn, CalcError> {
    let kind = PermitKind::parse(&p.kind).ok_or_else(|| {
        bad(format!("permits[{i}].kind"), format!("{:?} is not one of {}", p.kind, PermitKind::expected()))
    })?;
    let valid_from = date(&format!("permits[{i}].valid_from"), &p.valid_from)?;
    let valid_until = date(&format!("permits[{i}].valid_until"), &p.valid_until)?;
    if valid_until < valid_from {
        let problem = format!("{valid_until} is before valid_from {valid_from}");
        return Err(bad(format!("permits[{i}].valid_until"), problem));
    }
    Ok(PermitIn { kind, valid_from, valid_until, active: true })
}
