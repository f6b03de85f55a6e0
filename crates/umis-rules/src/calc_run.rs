//! The calculator's arithmetic, word by word from the stay-rules spec: days used, overstays of
//! the given stays, how long the traveller may stay or plan to stay, and when they may come
//! back. Every forward search looks at most [`HORIZON_DAYS`] days ahead (about three years): a
//! run still lawful at the horizon is reported as ending there, and no `next_entry` is given
//! when none starts within it.

use crate::calc::{CalcOverstay, CalcResponse, NextEntry};
use crate::days::DaySet;
use crate::judge::{cover_set, exempting_permit, judge_stays, registration_deadline};
use crate::pack::{PackKind, RulePack};
use crate::stay::{PermitIn, StayOut};
use crate::trace::{Rule, TraceLine, TraceValue};
use umis_domain::{CountryCode, Date, EntryBasisKind};

/// How far ahead, in days, the calculator searches for the end of a lawful run or a next entry.
pub const HORIZON_DAYS: u32 = 1100;

/// A validated calculator request.
pub(crate) struct Question<'p> {
    pub pack: &'p RulePack,
    pub control: bool,
    pub date: Date,
    pub stays: Vec<StayOut>,
    pub permits: Vec<PermitIn>,
    pub basis: EntryBasisKind,
    pub stay_days: Option<u16>,
    pub nationality: Option<CountryCode>,
}

/// What a lawful run from a day is judged against.
trait Run {
    /// Consecutive lawful days from `start`, the traveller present from `start` on.
    fn run_from(&self, start: Date) -> u32;
}

/// The answer (without pack, mode and rendered trace) and the trace lines.
pub(crate) fn answer(q: &Question<'_>) -> (CalcResponse, Vec<TraceLine>) {
    let pack = q.pack;
    let mut trace = vec![TraceLine::new(
        Rule::Pack,
        vec![pack.name().into(), pack.kind().as_str().into(), pack.time_zone().into()],
    )];
    let mut stays: Vec<StayOut> = q.stays.iter().filter(|s| s.entry_date <= q.date).cloned().collect();
    for s in &mut stays {
        s.nationality = q.nationality;
    }
    judge_stays(pack, &mut stays, &q.permits, q.date, Some(&mut trace));
    stays.sort_by_key(|s| (s.entry_date, s.last_day));
    let overstays = stays
        .iter()
        .filter_map(|s| {
            let first = s.first_unlawful_day.filter(|_| s.overstay_days > 0)?;
            Some(CalcOverstay {
                entry: s.entry_date,
                first_unlawful_day: first,
                last_day: s.last_day,
                overstay_days: s.overstay_days,
            })
        })
        .collect();
    let mut resp = CalcResponse {
        pack: String::new(),
        mode: String::new(),
        date: q.date,
        days_used: 0,
        overstays,
        possible_stay_until: None,
        max_stay_days: None,
        latest_exit: None,
        next_entry: None,
        registration_deadline: None,
        trace: Vec::new(),
    };
    match pack.kind() {
        PackKind::RollingWindow => rolling(q, &stays, &mut resp, &mut trace),
        PackKind::PerStay => per_stay(q, &stays, &mut resp, &mut trace),
    }
    (resp, trace)
}

/// Fills `possible_stay_until`, `max_stay_days`, `latest_exit` and `next_entry` from a run
/// judged at `date` (`now`) and one for starts after it (`later`).
fn fill_runs(
    q: &Question<'_>,
    now: &dyn Run,
    later: &dyn Run,
    resp: &mut CalcResponse,
    trace: &mut Vec<TraceLine>,
) {
    let n = now.run_from(q.date);
    let last = (n > 0).then(|| q.date.add_days(i32::try_from(n).unwrap_or(0) - 1));
    if q.control {
        resp.possible_stay_until = last;
        match last {
            Some(l) => trace.push(TraceLine::new(Rule::PossibleStayUntil, vec![q.date.into(), l.into()])),
            None => trace.push(TraceLine::new(Rule::DateUnlawful, vec![q.date.into()])),
        }
    } else {
        resp.max_stay_days = Some(n);
        resp.latest_exit = last;
        let exit = last.map_or_else(|| TraceValue::Text("—".to_owned()), TraceValue::from);
        trace.push(TraceLine::new(Rule::MaxStay, vec![q.date.into(), n.into(), exit]));
    }
    if n > 0 {
        return;
    }
    let found = (1..=HORIZON_DAYS).find_map(|k| {
        let e = q.date.add_days(i32::try_from(k).unwrap_or(0));
        let m = later.run_from(e);
        (m > 0).then_some(NextEntry { date: e, max_stay_days: m })
    });
    match found {
        Some(next) => {
            trace.push(TraceLine::new(Rule::NextEntry, vec![next.date.into(), next.max_stay_days.into()]));
            resp.next_entry = Some(next);
        }
        None => trace.push(TraceLine::new(Rule::NoNextEntry, vec![HORIZON_DAYS.into(), q.date.into()])),
    }
}

/// The rolling rule: past days of stay `past` (none on or after the run's start), permit
/// cover `cover`; each day of the run counts unless a permit covers it.
struct Rolling<'a> {
    pack: &'a RulePack,
    past: DaySet,
    cover: &'a DaySet,
}

impl Run for Rolling<'_> {
    fn run_from(&self, start: Date) -> u32 {
        let mut n = 0;
        while n < HORIZON_DAYS {
            let d = start.add_days(i32::try_from(n).unwrap_or(0));
            if !self.cover.contains(d) {
                let (days, limit) = self.pack.window(d);
                let window_start = d.add_days(1 - i32::try_from(days).unwrap_or(1));
                let present_from = window_start.max(start);
                let present = u32::try_from(d.days_since(present_from) + 1).unwrap_or(0);
                let count = self.past.count(window_start, d) + present - self.cover.count(present_from, d);
                if count > limit {
                    break;
                }
            }
            n += 1;
        }
        n
    }
}

fn rolling(q: &Question<'_>, stays: &[StayOut], resp: &mut CalcResponse, trace: &mut Vec<TraceLine>) {
    let cover = cover_set(&q.permits, q.pack.lawful_permits(q.date));
    let clipped = |end: Date| -> Vec<(Date, Date)> {
        stays.iter().map(|s| (s.entry_date, s.last_day.min(end))).collect()
    };
    let before = DaySet::from_intervals(clipped(q.date.add_days(-1))).minus(&cover);
    // The days actually stayed through `date`. In control mode `date` also counts towards
    // `days_used` (the traveller stands before the officer), but when `date` is unlawful and
    // outside every stay the entry is refused: that day is not a day of stay, so it does not
    // count when the next entry is searched.
    let stayed = DaySet::from_intervals(clipped(q.date)).minus(&cover);
    let mut through = clipped(q.date);
    if q.control {
        through.push((q.date, q.date));
    }
    let through = DaySet::from_intervals(through).minus(&cover);
    let (days, limit) = q.pack.window(q.date);
    let window_start = q.date.add_days(1 - i32::try_from(days).unwrap_or(1));
    let counted_end = if q.control { q.date } else { q.date.add_days(-1) };
    resp.days_used = through.count(window_start, counted_end);
    trace.push(TraceLine::new(
        Rule::WindowCount,
        vec![q.date.into(), resp.days_used.into(), days.into(), window_start.into(), limit.into()],
    ));
    trace.push(TraceLine::new(Rule::DaysUsed, vec![q.date.into(), resp.days_used.into()]));
    let now = Rolling { pack: q.pack, past: before.clone(), cover: &cover };
    let later = Rolling { pack: q.pack, past: if q.control { stayed } else { before }, cover: &cover };
    fill_runs(q, &now, &later, resp, trace);
}

/// The per-stay rule for a stay entered on `entry`: a day is lawful up to `entry + limit - 1`
/// or when a permit covers it. `entry: None` means each run starts a new stay at its start.
struct PerStay<'a> {
    pack: &'a RulePack,
    entry: Option<Date>,
    basis: EntryBasisKind,
    stay_days: Option<u16>,
    permits: &'a [PermitIn],
}

impl Run for PerStay<'_> {
    fn run_from(&self, start: Date) -> u32 {
        let entry = self.entry.unwrap_or(start);
        let limit = self.pack.stay_limit(self.basis, self.stay_days, entry);
        let cover = cover_set(self.permits, self.pack.lawful_permits(entry));
        let free_last = entry.add_days(i32::try_from(limit).unwrap_or(i32::MAX) - 1);
        let mut n = 0;
        while n < HORIZON_DAYS {
            let d = start.add_days(i32::try_from(n).unwrap_or(0));
            if d > free_last && !cover.contains(d) {
                break;
            }
            n += 1;
        }
        n
    }
}

fn per_stay(q: &Question<'_>, stays: &[StayOut], resp: &mut CalcResponse, trace: &mut Vec<TraceLine>) {
    let current = if q.control {
        stays.iter().filter(|s| s.entry_date <= q.date && q.date <= s.last_day).min_by_key(|s| s.entry_date)
    } else {
        None
    };
    let (entry, basis, stay_days) = match current {
        Some(s) => (s.entry_date, s.basis, s.stay_days),
        None => (q.date, q.basis, q.stay_days),
    };
    resp.days_used = if q.control { u32::try_from(q.date.days_since(entry) + 1).unwrap_or(0) } else { 0 };
    trace.push(TraceLine::new(Rule::DaysUsed, vec![q.date.into(), resp.days_used.into()]));
    if current.is_none() {
        let limit = q.pack.stay_limit(basis, stay_days, entry);
        let source = q.pack.stay_limit_dated(basis, entry).map_or("", |v| v.source.as_str());
        trace.push(TraceLine::new(
            Rule::Stay,
            vec![entry.into(), q.date.into(), basis.as_str().into(), limit.into(), source.into()],
        ));
    }
    let now = PerStay { pack: q.pack, entry: Some(entry), basis, stay_days, permits: &q.permits };
    let later =
        PerStay { pack: q.pack, entry: None, basis: q.basis, stay_days: q.stay_days, permits: &q.permits };
    fill_runs(q, &now, &later, resp, trace);
    if let Some(kind) = exempting_permit(q.pack, entry, &q.permits) {
        trace.push(TraceLine::new(Rule::RegistrationExempt, vec![entry.into(), kind.as_str().into()]));
    } else if let Some((due, line)) = registration_deadline(q.pack, entry, q.nationality) {
        resp.registration_deadline = Some(due);
        trace.push(line);
    } else if q.pack.has_registration_rule() {
        trace.push(TraceLine::new(Rule::NoRegistrationRule, vec![entry.into()]));
    }
}
