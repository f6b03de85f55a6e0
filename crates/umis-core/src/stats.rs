//! Figures about the service: the public statistics (aggregates only, small counts withheld so
//! that no one person's application can be picked out — asylum claims above all) and an
//! office's dashboard for its supervisor (workload, overdue cases, decisions within the
//! statutory deadline), which is an audited read.

use crate::actor::Actor;
use crate::cases::CaseError;
use crate::clock::Clock;
use umis_domain::case_state::StateName;
use umis_domain::{Date, Role};
use umis_store::stats::{self, DecidedDates, MonthCount, OfficerLoad, OverdueCase};
use umis_store::{AuditEntry, Store};

/// Counts below this are never published (shown as "fewer than 5").
pub const SMALLEST_PUBLISHED: i64 = 5;
/// Months the statistics cover, the current one last.
pub const MONTHS: usize = 12;

/// A published count: the figure, or withheld because it is small.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Count {
    /// The figure (0 or at least [`SMALLEST_PUBLISHED`]).
    Shown(i64),
    /// Between 1 and [`SMALLEST_PUBLISHED`] − 1.
    Suppressed,
}

impl Count {
    /// A raw count made publishable.
    pub fn of(n: i64) -> Count {
        if n > 0 && n < SMALLEST_PUBLISHED { Count::Suppressed } else { Count::Shown(n) }
    }
    /// The figure, if shown (what a chart may draw; suppressed cells draw as 0).
    pub fn shown(self) -> Option<i64> {
        match self {
            Count::Shown(n) => Some(n),
            Count::Suppressed => None,
        }
    }
}

/// One row of a month table: a service or a document kind, one count per month.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Series {
    /// Service code or document kind.
    pub key: String,
    /// One count per month of [`PublicStats::months`].
    pub counts: Vec<Count>,
    /// The whole period's total (see [`Total`]).
    pub total: Total,
}

/// A published total: exact when none of its parts is withheld, otherwise rounded to the
/// nearest multiple of [`SMALLEST_PUBLISHED`] so that it cannot give a withheld part away.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Total {
    /// The figure.
    pub value: i64,
    /// Whether it is rounded.
    pub rounded: bool,
}

impl Total {
    /// The publishable total of raw `parts`.
    pub fn of(parts: &[i64]) -> Total {
        let sum: i64 = parts.iter().sum();
        if parts.iter().any(|&n| Count::of(n) == Count::Suppressed) {
            let step = SMALLEST_PUBLISHED;
            // Never below the smallest published figure: a rounded 0 would tell that the
            // withheld cells hold 1 or 2.
            Total { value: ((sum + step / 2) / step * step).max(step), rounded: true }
        } else {
            Total { value: sum, rounded: false }
        }
    }
}

/// Processing time of one service: days from submission to decision.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Processing {
    /// Service code.
    pub service: String,
    /// Decisions counted.
    pub decided: Count,
    /// Median days (withheld with fewer than [`SMALLEST_PUBLISHED`] decisions).
    pub median_days: Option<i64>,
    /// 90th percentile days (likewise).
    pub p90_days: Option<i64>,
}

/// The public statistics.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct PublicStats {
    /// The months covered, `YYYY-MM`, oldest first.
    pub months: Vec<String>,
    /// Applications submitted, per service.
    pub applications: Vec<Series>,
    /// Documents issued (permits, certificates, cards), per kind.
    pub issued: Vec<Series>,
    /// Processing times per service, over the whole period.
    pub processing: Vec<Processing>,
    /// Applications per month, all services.
    pub applications_per_month: Vec<Total>,
    /// Documents issued per month, all kinds.
    pub issued_per_month: Vec<Total>,
}

/// The `MONTHS` months up to the one of `today`, oldest first, and the first day of the first.
pub fn months_to(today: Date) -> (Vec<String>, String) {
    let (y, m, _) = today.ymd();
    let mut index = i64::from(y) * 12 + i64::from(m) - 1;
    index -= MONTHS as i64 - 1;
    let months: Vec<String> =
        (0..MONTHS as i64).map(|i| format!("{:04}-{:02}", (index + i) / 12, (index + i) % 12 + 1)).collect();
    let since = format!("{}-01", months[0]);
    (months, since)
}

fn raw(rows: &[MonthCount], key: &str, month: &str) -> i64 {
    rows.iter().filter(|r| r.key == key && r.month == month).map(|r| r.count).sum()
}

fn series(rows: &[MonthCount], months: &[String]) -> Vec<Series> {
    let mut keys: Vec<&str> = rows.iter().map(|r| r.key.as_str()).collect();
    keys.sort_unstable();
    keys.dedup();
    keys.into_iter()
        .map(|key| {
            let parts: Vec<i64> = months.iter().map(|m| raw(rows, key, m)).collect();
            Series {
                key: key.to_owned(),
                counts: parts.iter().map(|&n| Count::of(n)).collect(),
                total: Total::of(&parts),
            }
        })
        .collect()
}

fn per_month(rows: &[MonthCount], months: &[String]) -> Vec<Total> {
    let mut keys: Vec<&str> = rows.iter().map(|r| r.key.as_str()).collect();
    keys.sort_unstable();
    keys.dedup();
    months.iter().map(|m| Total::of(&keys.iter().map(|k| raw(rows, k, m)).collect::<Vec<_>>())).collect()
}

/// The value at percentile `p` (0..=100) of sorted `days`, nearest rank.
pub fn percentile(days: &[i64], p: usize) -> Option<i64> {
    if days.is_empty() {
        return None;
    }
    let rank = (p * days.len()).div_ceil(100).max(1);
    days.get(rank - 1).copied()
}

fn days_taken(d: &DecidedDates) -> Option<i64> {
    let from = Date::parse(&d.submitted_on).ok()?;
    let to = Date::parse(d.decided_on.get(..10).unwrap_or(&d.decided_on)).ok()?;
    Some(i64::from(to.days_since(from)).max(0))
}

fn by_service(rows: &[DecidedDates]) -> Vec<(String, Vec<&DecidedDates>)> {
    let mut out: Vec<(String, Vec<&DecidedDates>)> = Vec::new();
    for r in rows {
        match out.iter_mut().find(|(s, _)| *s == r.service) {
            Some((_, list)) => list.push(r),
            None => out.push((r.service.clone(), vec![r])),
        }
    }
    out
}

/// The public statistics of the last [`MONTHS`] months (every office, asylum included, small
/// counts withheld).
pub fn public_statistics(store: &Store, clock: &Clock) -> Result<PublicStats, CaseError> {
    let (months, since) = months_to(clock.today());
    let (apps, issued, decided) = store.read(|db| {
        Ok::<_, CaseError>((
            stats::applications_by_month(db, &since)?,
            stats::issued_by_month(db, &since)?,
            stats::decided_dates(db, &since, None, true)?,
        ))
    })?;
    let processing = by_service(&decided)
        .into_iter()
        .map(|(service, list)| {
            let mut days: Vec<i64> = list.iter().filter_map(|d| days_taken(d)).collect();
            days.sort_unstable();
            let enough = days.len() as i64 >= SMALLEST_PUBLISHED;
            Processing {
                service,
                decided: Count::of(list.len() as i64),
                median_days: if enough { percentile(&days, 50) } else { None },
                // With fewer than ten decisions the 90th percentile is one person's own figure.
                p90_days: if days.len() >= 10 { percentile(&days, 90) } else { None },
            }
        })
        .collect();
    Ok(PublicStats {
        applications: series(&apps, &months),
        issued: series(&issued, &months),
        applications_per_month: per_month(&apps, &months),
        issued_per_month: per_month(&issued, &months),
        months,
        processing,
    })
}

/// Decisions of one service at an office against the statutory deadline.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Timeliness {
    /// Service code.
    pub service: String,
    /// Decisions in the period.
    pub decided: i64,
    /// Of those, on or before their deadline (or without one).
    pub in_time: i64,
    /// Share in time, whole percent.
    pub percent: i64,
    /// Median days from submission to decision.
    pub median_days: Option<i64>,
}

/// What a supervisor sees of their office.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dashboard {
    /// The office.
    pub office: String,
    /// Open cases per lifecycle state.
    pub by_state: Vec<(StateName, i64)>,
    /// Open cases per officer working them.
    pub by_officer: Vec<OfficerLoad>,
    /// Open cases past their deadline, the longest overdue first.
    pub overdue: Vec<OverdueCase>,
    /// Whether there are more overdue cases than listed.
    pub overdue_more: bool,
    /// Decisions against the deadline, per service, over the last [`MONTHS`] months.
    pub timeliness: Vec<Timeliness>,
}

/// Most overdue cases the dashboard lists.
pub const OVERDUE_LISTED: i64 = 50;

/// The dashboard of the supervisor's own office (asylum cases, which only refugee-status
/// officers see, are left out); an audited read.
pub fn office_dashboard(store: &Store, clock: &Clock, actor: &Actor) -> Result<Dashboard, CaseError> {
    let office = match (&actor.role, &actor.office) {
        (Role::Supervisor, Some(o)) => o.clone(),
        _ => return Err(CaseError::Forbidden("only an office's supervisor sees its dashboard".into())),
    };
    let today = clock.today();
    let today_text = today.to_string();
    let (_, since) = months_to(today);
    store.transact(|db| {
        let by_state = stats::open_by_state(db, &office)?;
        let by_officer = stats::open_by_officer(db, &office, &today_text)?;
        let mut overdue = stats::overdue(db, &office, &today_text, OVERDUE_LISTED + 1)?;
        let overdue_more = overdue.len() as i64 > OVERDUE_LISTED;
        overdue.truncate(OVERDUE_LISTED as usize);
        let decided = stats::decided_dates(db, &since, Some(&office), false)?;
        db.audit(&AuditEntry {
            actor: &actor.audit_name(),
            action: "office.dashboard",
            object: &format!("office:{office}"),
            outcome: "ok",
            detail: &serde_json::json!({ "overdue": overdue.len() }).to_string(),
        })?;
        let timeliness = by_service(&decided)
            .into_iter()
            .map(|(service, list)| {
                let decided = list.len() as i64;
                let in_time = list
                    .iter()
                    .filter(|d| match &d.due_on {
                        Some(due) => d.decided_on.get(..10).unwrap_or(&d.decided_on) <= due.as_str(),
                        None => true,
                    })
                    .count() as i64;
                let mut days: Vec<i64> = list.iter().filter_map(|d| days_taken(d)).collect();
                days.sort_unstable();
                Timeliness {
                    service,
                    decided,
                    in_time,
                    percent: if decided > 0 { in_time * 100 / decided } else { 0 },
                    median_days: percentile(&days, 50),
                }
            })
            .collect();
        Ok(Dashboard { office: office.clone(), by_state, by_officer, overdue, overdue_more, timeliness })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_counts_are_withheld() {
        assert_eq!(Count::of(0), Count::Shown(0));
        assert_eq!(Count::of(4), Count::Suppressed);
        assert_eq!(Count::of(5), Count::Shown(5));
    }

    #[test]
    fn totals_with_withheld_parts_are_rounded() {
        assert_eq!(Total::of(&[10, 20]), Total { value: 30, rounded: false });
        assert_eq!(Total::of(&[10, 3]), Total { value: 15, rounded: true });
        assert_eq!(Total::of(&[1, 1]), Total { value: 5, rounded: true }, "never a telling 0");
    }

    #[test]
    fn percentiles_take_the_nearest_rank() {
        let days: Vec<i64> = (1..=10).collect();
        assert_eq!(percentile(&days, 50), Some(5));
        assert_eq!(percentile(&days, 90), Some(9));
        assert_eq!(percentile(&[7], 90), Some(7));
        assert_eq!(percentile(&[], 50), None);
    }

    #[test]
    fn twelve_months_end_with_the_current_one() {
        let got = Date::parse("2026-02-15").ok().map(months_to);
        let ends = got.as_ref().map(|(m, s)| (m.len(), m[0].as_str(), m[11].as_str(), s.as_str()));
        assert_eq!(ends, Some((12, "2025-03", "2026-02", "2025-03-01")));
    }
}
