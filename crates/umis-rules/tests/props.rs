//! Properties of the engine and the calculator that must hold for any input: input order does
//! not matter, permits never make things worse, counts stay within their bounds.

use proptest::prelude::*;
use umis_domain::{Date, Direction, EntryBasisKind, PermitKind};
use umis_rules::calc::{CalcPermitIn, CalcStayIn};
use umis_rules::{
    CalcRequest, CrossingIn, Evaluation, Lang, Packs, PermitIn, RegistrationIn, TravellerIn, calculate,
    evaluate,
};

fn base() -> Date {
    Date::parse("2025-01-01").unwrap_or(Date::MIN)
}

fn as_of() -> Date {
    base().add_days(500)
}

fn packs() -> Packs {
    Packs::builtin().unwrap_or_else(|e| unreachable!("builtin packs load: {e}"))
}

fn crossing() -> impl Strategy<Value = (bool, i32, i64, Option<usize>, Option<u16>)> {
    (any::<bool>(), 0i32..520, 0i64..86_400, prop::option::of(0usize..5), prop::option::of(1u16..60))
}

fn permit() -> impl Strategy<Value = PermitIn> {
    (0usize..5, 0i32..500, 0i32..200, prop::bool::weighted(0.8)).prop_map(|(k, from, len, active)| PermitIn {
        kind: PermitKind::ALL[k],
        valid_from: base().add_days(from),
        valid_until: base().add_days(from + len),
        active,
    })
}

fn traveller() -> impl Strategy<Value = TravellerIn> {
    let crossings = prop::collection::vec(crossing(), 0..12);
    let permits = prop::collection::vec(permit(), 0..3);
    let registrations = prop::collection::vec(0i32..500, 0..3);
    (crossings, permits, registrations).prop_map(|(cs, permits, regs)| TravellerIn {
        crossings: cs
            .into_iter()
            .enumerate()
            .map(|(i, (entry, day, second, basis, stay_days))| {
                let at = i64::from(base().add_days(day).days()) * 86_400 + second;
                CrossingIn {
                    record_id: format!("r{i:02}"),
                    direction: if entry { Direction::Entry } else { Direction::Exit },
                    utc_seconds: at,
                    utc_nanos: at * 1_000_000_000,
                    basis: basis.map(|b| EntryBasisKind::ALL[b]),
                    stay_days,
                    nationality: None,
                }
            })
            .collect(),
        permits,
        registrations: regs
            .into_iter()
            .map(|n| RegistrationIn { submitted_on: base().add_days(n) })
            .collect(),
    })
}

fn total_overstay(e: &Evaluation) -> u32 {
    e.stays.iter().map(|s| s.overstay_days).sum()
}

/// The rolling rule by brute force: every day checked against every day of its window.
fn naive_schengen_overstay(e: &Evaluation, permits: &[PermitIn]) -> Vec<u32> {
    let covered = |d: Date| permits.iter().any(|p| p.kind != PermitKind::Work && p.covers(d));
    let counted =
        |d: Date| !covered(d) && e.stays.iter().any(|s| !s.dropped && s.entry_date <= d && d <= s.last_day);
    let window = |d: Date| (0..180).filter(|k| counted(d.add_days(-k))).count();
    e.stays
        .iter()
        .map(|s| {
            if s.dropped {
                return 0;
            }
            let days = (0..=s.last_day.days_since(s.entry_date)).map(|k| s.entry_date.add_days(k));
            days.filter(|d| counted(*d) && window(*d) > 90).count() as u32
        })
        .collect()
}

proptest! {
    #[test]
    fn az_agrees_with_definitions_5_and_6(t in traveller()) {
        let packs = packs();
        let pack = packs.default_pack();
        let e = evaluate(pack, &t, as_of());
        for s in e.stays.iter().filter(|s| !s.dropped) {
            let limit = s.limit.unwrap_or(0) as i32;
            let lawful = |d: Date| {
                d <= s.entry_date.add_days(limit - 1)
                    || t.permits.iter().any(|p| p.kind != PermitKind::Work && p.covers(d))
            };
            let days: Vec<Date> = (0..=s.last_day.days_since(s.entry_date)).map(|k| s.entry_date.add_days(k)).collect();
            let unlawful: Vec<&Date> = days.iter().filter(|d| !lawful(**d)).collect();
            prop_assert_eq!(s.overstay_days as usize, unlawful.len());
            prop_assert_eq!(s.first_unlawful_day.as_ref(), unlawful.first().copied());
        }
    }

    #[test]
    fn schengen_agrees_with_brute_force(t in traveller()) {
        let packs = packs();
        let pack = packs.get("schengen").ok_or_else(|| TestCaseError::fail("pack"))?;
        let e = evaluate(pack, &t, as_of());
        let got: Vec<u32> = e.stays.iter().map(|s| if s.dropped { 0 } else { s.overstay_days }).collect();
        prop_assert_eq!(got, naive_schengen_overstay(&e, &t.permits));
    }

    #[test]
    fn input_order_never_changes_a_result(
        (t, shuffled) in traveller().prop_flat_map(|t| { let c = t.crossings.clone(); (Just(t), Just(c).prop_shuffle()) })
    ) {
        let packs = packs();
        for name in ["az", "schengen"] {
            let pack = packs.get(name).ok_or_else(|| TestCaseError::fail("pack"))?;
            let mut other = t.clone();
            other.crossings = shuffled.clone();
            other.permits.reverse();
            other.registrations.reverse();
            prop_assert_eq!(evaluate(pack, &t, as_of()), evaluate(pack, &other, as_of()), "{}", name);
        }
    }

    #[test]
    fn an_active_lawful_permit_never_adds_an_overstay(t in traveller(), extra in permit()) {
        let packs = packs();
        let extra = PermitIn { kind: PermitKind::TemporaryResidence, active: true, ..extra };
        for name in ["az", "schengen"] {
            let pack = packs.get(name).ok_or_else(|| TestCaseError::fail("pack"))?;
            let before = evaluate(pack, &t, as_of());
            let mut more = t.clone();
            more.permits.push(extra);
            let after = evaluate(pack, &more, as_of());
            prop_assert!(total_overstay(&after) <= total_overstay(&before), "{}", name);
            for (a, b) in after.stays.iter().zip(&before.stays) {
                prop_assert!(a.overstay_days <= b.overstay_days, "{}", name);
            }
            let count = |e: &Evaluation| e.findings.iter().filter(|f| f.kind().as_str() == "overstay").count();
            prop_assert!(count(&after) <= count(&before), "{}", name);
        }
    }

    #[test]
    fn stays_and_findings_are_well_formed(t in traveller()) {
        let packs = packs();
        for name in ["az", "schengen"] {
            let pack = packs.get(name).ok_or_else(|| TestCaseError::fail("pack"))?;
            let e = evaluate(pack, &t, as_of());
            for s in &e.stays {
                prop_assert!(s.entry_date <= s.last_day && s.last_day <= as_of());
                prop_assert!(s.overstay_days <= s.days());
                if !s.dropped {
                    prop_assert_eq!(s.lawful_days + s.overstay_days, s.days());
                    prop_assert_eq!(s.first_unlawful_day.is_some(), s.overstay_days > 0);
                }
            }
            let keys: Vec<_> = e.findings.iter().map(|f| (f.date(), ["overstay", "unregistered_stay", "anomaly"].iter().position(|k| *k == f.kind().as_str()))).collect();
            prop_assert!(keys.windows(2).all(|w| w[0] <= w[1]), "{:?}", keys);
        }
    }

    #[test]
    fn calculator_invariants(
        stays in prop::collection::vec((0i32..400, prop::option::of(0i32..120)), 0..6),
        permits in prop::collection::vec((0i32..500, 0i32..100), 0..2),
        offset in 0i32..520,
        control in any::<bool>(),
        az in any::<bool>(),
    ) {
        let day = |n: i32| base().add_days(n).to_string();
        let req = CalcRequest {
            pack: if az { "az" } else { "schengen" }.into(),
            mode: if control { "control" } else { "planning" }.into(),
            date: day(offset),
            stays: stays.iter().map(|(e, len)| CalcStayIn { entry: day(*e), exit: len.map(|l| day(e + l)), ..CalcStayIn::default() }).collect(),
            permits: Some(permits.iter().map(|(f, l)| CalcPermitIn { kind: "refugee".into(), valid_from: day(*f), valid_until: day(f + l) }).collect()),
            ..CalcRequest::default()
        };
        let date = base().add_days(offset);
        let r = calculate(&packs(), &req, Lang::En).map_err(|e| TestCaseError::fail(e.to_string()))?;
        if let Some(p) = r.possible_stay_until {
            prop_assert!(p >= date);
        }
        prop_assert!(az || r.days_used <= 180);
        if !az && !control && permits.is_empty() {
            prop_assert!(r.max_stay_days.is_some_and(|m| m <= 90));
        }
        if control {
            prop_assert_eq!(r.max_stay_days, None);
            prop_assert_eq!(r.next_entry.is_some(), r.possible_stay_until.is_none());
        } else {
            let max = r.max_stay_days.unwrap_or(0);
            prop_assert_eq!(r.latest_exit, (max > 0).then(|| date.add_days(max as i32 - 1)));
            prop_assert_eq!(r.next_entry.is_some(), max == 0);
        }
        if let Some(next) = r.next_entry {
            prop_assert!(next.date > date && next.max_stay_days >= 1);
        }
        for o in &r.overstays {
            prop_assert!(o.entry <= o.first_unlawful_day && o.first_unlawful_day <= o.last_day && o.last_day <= date);
            prop_assert!(o.overstay_days as i32 <= o.last_day.days_since(o.first_unlawful_day) + 1);
        }
    }
}
