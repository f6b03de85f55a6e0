//! Which days of a stay are lawful (definitions 5–6 of the stay-rules spec for per-stay packs,
//! the rolling-window rule for `schengen`) and whether a stay needed registration
//! (definition 7). Shared by the scan engine and the stay calculator.

use crate::days::DaySet;
use crate::pack::{PackKind, RulePack};
use crate::params::PermitSet;
use crate::stay::{Finding, PermitIn, StayOut, TravellerIn};
use crate::trace::{Rule, TraceLine};
use umis_domain::{CountryCode, Date, EntryBasisKind, PermitKind};

/// The days covered by the traveller's active permits of the kinds in `kinds`.
pub(crate) fn cover_set(permits: &[PermitIn], kinds: PermitSet) -> DaySet {
    let raw = permits
        .iter()
        .filter(|p| p.active && kinds.contains(p.kind))
        .map(|p| (p.valid_from, p.valid_until))
        .collect();
    DaySet::from_intervals(raw)
}

/// Fills in limit, lawful days and overstay days of every stay that is not dropped.
/// Rolling-window packs use the lawful permit kinds in force on `as_of` (the evaluation date).
pub(crate) fn judge_stays(
    pack: &RulePack,
    stays: &mut [StayOut],
    permits: &[PermitIn],
    as_of: Date,
    mut tr: Option<&mut Vec<TraceLine>>,
) {
    if let Some(t) = tr.as_deref_mut() {
        trace_permits(pack, permits, as_of, t);
    }
    match pack.kind() {
        PackKind::PerStay => {
            for stay in stays.iter_mut().filter(|s| !s.dropped) {
                judge_per_stay(pack, stay, permits, tr.as_deref_mut());
            }
        }
        PackKind::RollingWindow => {
            let cover = cover_set(permits, pack.lawful_permits(as_of));
            let counted = DaySet::from_intervals(
                stays.iter().filter(|s| !s.dropped).map(|s| (s.entry_date, s.last_day)).collect(),
            )
            .minus(&cover);
            for stay in stays.iter_mut().filter(|s| !s.dropped) {
                judge_rolling(pack, stay, &counted, tr.as_deref_mut());
            }
        }
    }
}

fn trace_permits(pack: &RulePack, permits: &[PermitIn], as_of: Date, t: &mut Vec<TraceLine>) {
    let kinds = pack.lawful_permits(as_of);
    for p in permits.iter().filter(|p| p.active && kinds.contains(p.kind)) {
        let values = vec![p.kind.as_str().into(), p.valid_from.into(), p.valid_until.into()];
        t.push(TraceLine::new(Rule::PermitCovers, values));
    }
}

/// Definition 5–6: day d is lawful when `d <= E + limit - 1` or a lawful permit covers it.
fn judge_per_stay(
    pack: &RulePack,
    stay: &mut StayOut,
    permits: &[PermitIn],
    tr: Option<&mut Vec<TraceLine>>,
) {
    let entry = stay.entry_date;
    let limit = pack.stay_limit_for(stay.basis, stay.stay_days, entry, stay.nationality);
    stay.limit = Some(limit);
    let free_from = entry.add_days(i32::try_from(limit).unwrap_or(i32::MAX));
    let (over, first) = if free_from > stay.last_day {
        (0, None)
    } else if permits.is_empty() {
        (u32::try_from(stay.last_day.days_since(free_from) + 1).unwrap_or(0), Some(free_from))
    } else {
        let cover = cover_set(permits, pack.lawful_permits(entry));
        let span = u32::try_from(stay.last_day.days_since(free_from) + 1).unwrap_or(0);
        (span - cover.count(free_from, stay.last_day), cover.first_missing(free_from, stay.last_day))
    };
    stay.overstay_days = over;
    stay.first_unlawful_day = first.filter(|_| over > 0);
    stay.lawful_days = stay.days() - over;
    if let Some(t) = tr {
        t.push(stay_line(pack, entry, stay.last_day, stay.basis, limit, stay.nationality));
        t.push(outcome_line(stay));
    }
}

/// The trace line of a stay's limit: the general one, or the nationality's override.
pub(crate) fn stay_line(
    pack: &RulePack,
    entry: Date,
    last_day: Date,
    basis: EntryBasisKind,
    limit: u32,
    nationality: Option<CountryCode>,
) -> TraceLine {
    let (dated, override_for) = pack.stay_limit_rule(basis, entry, nationality);
    let source = dated.map_or("", |v| v.source.as_str());
    let mut values = vec![entry.into(), last_day.into(), basis.as_str().into(), limit.into(), source.into()];
    match override_for {
        Some(n) => {
            values.push(n.as_str().into());
            TraceLine::new(Rule::StayNationality, values)
        }
        None => TraceLine::new(Rule::Stay, values),
    }
}

fn outcome_line(stay: &StayOut) -> TraceLine {
    match stay.first_unlawful_day {
        Some(first) => TraceLine::new(
            Rule::Overstay,
            vec![stay.entry_date.into(), first.into(), stay.overstay_days.into(), stay.last_day.into()],
        ),
        None => TraceLine::new(Rule::WithinLimit, vec![stay.entry_date.into(), stay.last_day.into()]),
    }
}

/// Whether day `d` is lawful in a rolling-window pack when `counted` holds the days of stay
/// (permit-covered days already removed) and `d` is one of them.
pub(crate) fn window_count(pack: &RulePack, counted: &DaySet, d: Date) -> (u32, u32, u32) {
    let (days, limit) = pack.window(d);
    let start = d.add_days(1 - i32::try_from(days).unwrap_or(1));
    (counted.count(start, d), days, limit)
}

/// The rolling rule: a counted day d is unlawful when `[d - 179, d]` holds more than 90 days.
fn judge_rolling(pack: &RulePack, stay: &mut StayOut, counted: &DaySet, tr: Option<&mut Vec<TraceLine>>) {
    let (entry, last) = (stay.entry_date, stay.last_day);
    let (mut over, mut first) = (0u32, None);
    for (a, b) in counted.within(entry, last) {
        let (n, f) = unlawful_in_run(pack, counted, a, b);
        over += n;
        first = first.or(f);
    }
    stay.overstay_days = over;
    stay.first_unlawful_day = first;
    stay.lawful_days = stay.days() - over;
    if let Some(t) = tr {
        let day = first.unwrap_or(last);
        let (count, days, limit) = window_count(pack, counted, day);
        let start = day.add_days(1 - i32::try_from(days).unwrap_or(1));
        t.push(TraceLine::new(
            Rule::WindowCount,
            vec![day.into(), count.into(), days.into(), start.into(), limit.into()],
        ));
        t.push(outcome_line(stay));
    }
}

fn unlawful(pack: &RulePack, counted: &DaySet, d: Date) -> bool {
    let (count, _, limit) = window_count(pack, counted, d);
    count > limit
}

/// The unlawful days of a run `[a, b]` of consecutive counted days: how many, and the first.
/// Along such a run the window count never falls (each day adds itself and drops at most one
/// day), so with constant window parameters the unlawful days are a suffix of the run, found by
/// binary search; otherwise each day is checked.
fn unlawful_in_run(pack: &RulePack, counted: &DaySet, a: Date, b: Date) -> (u32, Option<Date>) {
    if !pack.window_is_constant() {
        let days = (0..=b.days_since(a)).map(|n| a.add_days(n)).filter(|d| unlawful(pack, counted, *d));
        return days.fold((0, None), |(n, first), d| (n + 1, first.or(Some(d))));
    }
    if !unlawful(pack, counted, b) {
        return (0, None);
    }
    let (mut lo, mut hi) = (a.days(), b.days());
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if unlawful(pack, counted, Date::from_days(mid)) {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    (u32::try_from(b.days() - lo + 1).unwrap_or(0), Some(Date::from_days(lo)))
}

/// Definition 7: the `unregistered_stay` finding for one judged stay, if any.
pub(crate) fn registration_finding(
    pack: &RulePack,
    stay: &StayOut,
    t: &TravellerIn,
    mut tr: Option<&mut Vec<TraceLine>>,
) -> Option<Finding> {
    if pack.kind() != PackKind::PerStay || !pack.has_registration_rule() {
        return None;
    }
    let entry = stay.entry_date;
    let mut note = |line: TraceLine| {
        if let Some(t) = tr.as_deref_mut() {
            t.push(line);
        }
    };
    let Some((due, line)) = registration_deadline(pack, entry, stay.nationality) else {
        note(TraceLine::new(Rule::NoRegistrationRule, vec![entry.into()]));
        return None;
    };
    note(line);
    if let Some(kind) = exempting_permit(pack, entry, &t.permits) {
        note(TraceLine::new(Rule::RegistrationExempt, vec![entry.into(), kind.as_str().into()]));
        return None;
    }
    let on_time = t.registrations.iter().map(|r| r.submitted_on).filter(|d| entry <= *d && *d <= due).min();
    if let Some(on) = on_time {
        note(TraceLine::new(Rule::Registered, vec![entry.into(), on.into()]));
        return None;
    }
    if stay.last_day <= due {
        return None;
    }
    note(TraceLine::new(Rule::Unregistered, vec![entry.into(), due.into()]));
    Some(Finding::UnregisteredStay { entry_date: entry, deadline: due })
}

/// The registration deadline `E + deadline_days` of a stay entered on `entry`, with the trace
/// line that explains it; `None` when no registration rule was in force on `entry`.
pub(crate) fn registration_deadline(
    pack: &RulePack,
    entry: Date,
    nationality: Option<CountryCode>,
) -> Option<(Date, TraceLine)> {
    let rule = pack.registration_rule(entry, nationality)?;
    let due = entry.add_days(i32::from(rule.deadline_days));
    let days = u32::from(rule.deadline_days);
    let line = match rule.override_for {
        Some(n) => TraceLine::new(
            Rule::RegistrationDeadlineNationality,
            vec![entry.into(), due.into(), days.into(), n.as_str().into(), rule.source.into()],
        ),
        None => TraceLine::new(
            Rule::RegistrationDeadline,
            vec![entry.into(), due.into(), days.into(), rule.source.into()],
        ),
    };
    Some((due, line))
}

/// An active permit of an exempting kind that covers the entry date, if any.
pub(crate) fn exempting_permit(pack: &RulePack, entry: Date, permits: &[PermitIn]) -> Option<PermitKind> {
    let kinds = pack.exempting_permits(entry);
    permits.iter().find(|p| kinds.contains(p.kind) && p.covers(entry)).map(|p| p.kind)
}
