//! The temporary residence permit's absence rule: a holder abroad more than N days (90) within
//! any M-day window (180) while the permit runs must have it cancelled, and permanent residence
//! needs the same continuity over the years of temporary residence it builds on.
//!
//! Days abroad come from the crossings alone: the days strictly between an exit and the next
//! entry, and from an exit to the evaluation date when no entry follows. Exit and entry days
//! are days of stay (stay-rules spec, definition 3), so they are never days abroad. Two exits
//! in a row (an `exit_without_entry` anomaly after the first) leave the first absence's end
//! unknown, so it counts nothing: nobody is accused on a gap in the data. Before the first
//! crossing nothing is known, so nothing counts either.
//!
//! One function, [`first_breach`], judges both uses: the scan's `trp_absence` finding
//! ([`trp_absences`]) and permanent residence eligibility ([`continuity_breach`]).

use crate::days::DaySet;
use crate::pack::RulePack;
use crate::stay::{CrossingIn, TravellerIn};
use crate::trace::{Rule, TraceLine};
use umis_domain::{Date, Direction};

/// The first time the days abroad in a window went over the limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AbsenceBreach {
    /// The first day on which the window ending that day held more days abroad than allowed.
    pub first_exceeded_day: Date,
    /// The first day of that window.
    pub window_start: Date,
    /// Days abroad in that window.
    pub days_abroad: u32,
    /// The most days abroad allowed in a window.
    pub limit: u32,
    /// The window's length in days.
    pub window_days: u32,
}

/// A permit whose holder was abroad too long while it ran.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TrpAbsence {
    /// The permit's index in [`TravellerIn::permits`] (the caller knows its number).
    pub permit: usize,
    /// When and how the limit was exceeded.
    pub breach: AbsenceBreach,
}

/// The crossings up to `as_of` in the order they happened, each as its local date and
/// direction (ties broken by record id, as the stay engine does).
pub fn crossings_in_order(pack: &RulePack, crossings: &[CrossingIn], as_of: Date) -> Vec<(Date, Direction)> {
    let mut order: Vec<&CrossingIn> = crossings.iter().collect();
    order.sort_by(|a, b| {
        (a.utc_seconds, a.utc_nanos)
            .cmp(&(b.utc_seconds, b.utc_nanos))
            .then_with(|| a.record_id.cmp(&b.record_id))
    });
    order
        .into_iter()
        .map(|c| (pack.local_date(c.utc_seconds), c.direction))
        .take_while(|(date, _)| *date <= as_of)
        .collect()
}

/// The days the traveller was abroad up to `as_of`, as intervals of local dates.
pub fn days_abroad(pack: &RulePack, crossings: &[CrossingIn], as_of: Date) -> Vec<(Date, Date)> {
    let mut out = Vec::new();
    let mut left_on: Option<Date> = None;
    for (date, direction) in crossings_in_order(pack, crossings, as_of) {
        match direction {
            Direction::Exit => left_on = Some(date),
            Direction::Entry => {
                if let Some(exit) = left_on.take()
                    && date.days_since(exit) > 1
                {
                    out.push((exit.add_days(1), date.add_days(-1)));
                }
            }
        }
    }
    if let Some(exit) = left_on
        && as_of > exit
    {
        out.push((exit.add_days(1), as_of));
    }
    out
}

/// The first day in `judged` (inclusive) on which the window ending that day holds more of the
/// `abroad` days than allowed; `rule(d)` gives `(limit, window days)` for day `d`, `None` where
/// no rule is in force. Only a day abroad can push the count up, so only those are looked at.
pub fn first_breach(
    abroad: &[(Date, Date)],
    judged: (Date, Date),
    rule: impl Fn(Date) -> Option<(u32, u32)>,
) -> Option<AbsenceBreach> {
    let set = DaySet::from_intervals(abroad.to_vec());
    let (from, to) = judged;
    for (a, b) in set.within(from, to) {
        let mut d = a;
        while d <= b {
            if let Some((limit, window_days)) = rule(d) {
                let start = d.add_days(1 - i32::try_from(window_days).unwrap_or(1));
                let count = set.count(start, d);
                if count > limit {
                    return Some(AbsenceBreach {
                        first_exceeded_day: d,
                        window_start: start,
                        days_abroad: count,
                        limit,
                        window_days,
                    });
                }
            }
            d = d.add_days(1);
        }
    }
    None
}

/// Every active permit of the kinds the pack's absence rule names whose holder, as of
/// `as_of`, was abroad more than the limit within a window while the permit ran. Only days
/// abroad the permit covers count, and none before the rule came into force: nobody is held to
/// a rule for days before it existed.
pub fn trp_absences(pack: &RulePack, t: &TravellerIn, as_of: Date) -> Vec<TrpAbsence> {
    let Some(rule_from) = pack.absence_rule_from() else { return Vec::new() };
    let kinds = pack.absence_permits(as_of);
    let held: Vec<(usize, _)> =
        t.permits.iter().enumerate().filter(|(_, p)| p.active && kinds.contains(p.kind)).collect();
    if held.is_empty() || as_of < rule_from {
        return Vec::new();
    }
    let abroad = days_abroad(pack, &t.crossings, as_of);
    if abroad.is_empty() {
        return Vec::new();
    }
    let mut out = Vec::new();
    for (index, p) in held {
        let (from, until) = (p.valid_from.max(rule_from), p.valid_until.min(as_of));
        let covered: Vec<(Date, Date)> =
            abroad.iter().map(|(a, b)| ((*a).max(from), (*b).min(until))).filter(|(a, b)| a <= b).collect();
        let judged = (from, until);
        if let Some(breach) = first_breach(&covered, judged, |d| pack.absence_rule(d)) {
            out.push(TrpAbsence { permit: index, breach });
        }
    }
    out
}

/// Whether the traveller kept the continuity permanent residence asks for over `from..=to`:
/// the first window in that span with more days abroad than the measure in force on `to`
/// allows (the measure applies to the whole span looked back over, since eligibility is
/// judged by the law of the filing day), or `None` when there is none or the pack has no
/// absence rule.
pub fn continuity_breach(
    pack: &RulePack,
    crossings: &[CrossingIn],
    from: Date,
    to: Date,
) -> Option<AbsenceBreach> {
    let (limit, window, _) = pack.absence_measure(to)?;
    let abroad: Vec<(Date, Date)> = days_abroad(pack, crossings, to)
        .into_iter()
        .map(|(a, b)| (a.max(from), b))
        .filter(|(a, b)| a <= b)
        .collect();
    first_breach(&abroad, (from, to), |_| Some((limit, window)))
}

/// [`continuity_breach`] over the `years` before `on` (the years a service asks of temporary
/// residence): the first day looked at, and the breach if any.
pub fn continuity_over_years(
    pack: &RulePack,
    crossings: &[CrossingIn],
    on: Date,
    years: u32,
) -> (Date, Option<AbsenceBreach>) {
    let months = i32::try_from(years).unwrap_or(i32::MAX / 12).saturating_mul(12);
    let from = crate::services::add_months(on, -months);
    (from, continuity_breach(pack, crossings, from, on))
}

impl AbsenceBreach {
    /// The trace line of a TRP absence finding for the permit numbered `permit_number`.
    pub fn trp_line(&self, permit_number: &str) -> TraceLine {
        TraceLine::new(
            Rule::TrpAbsence,
            vec![
                permit_number.into(),
                self.days_abroad.into(),
                self.window_days.into(),
                self.window_start.into(),
                self.first_exceeded_day.into(),
                self.limit.into(),
            ],
        )
    }
}

/// The trace line of a continuity check over `from..=to`: the breach, or the measure kept.
pub fn continuity_line(pack: &RulePack, breach: Option<&AbsenceBreach>, from: Date, to: Date) -> TraceLine {
    match breach {
        Some(b) => TraceLine::new(
            Rule::ContinuityBroken,
            vec![
                b.days_abroad.into(),
                b.window_days.into(),
                b.window_start.into(),
                b.first_exceeded_day.into(),
                b.limit.into(),
                from.into(),
                to.into(),
            ],
        ),
        None => {
            let (limit, window, _) = pack.absence_measure(to).unwrap_or((0, 0, ""));
            TraceLine::new(Rule::ContinuityKept, vec![from.into(), to.into(), limit.into(), window.into()])
        }
    }
}
