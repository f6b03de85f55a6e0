//! The history of one traveller: trips, permits and registrations, planned together so that
//! they agree with each other the way real records do.
//!
//! Most travellers are visitors (a holiday, a business trip, a long family visit, a shuttle
//! trader crossing every few weeks); a few percent live in Azerbaijan on a chain of permits and
//! travel out and back (see `residents`). Lawful behaviour is the rule; the generator plants the exceptions that
//! stay control exists to find: stays past their limit, registrations filed late or never,
//! permits that lapse while the holder remains, and gaps in the border feed.

use super::people::{Person, Regime};
use super::places::{address, border_point, host_kind, time_of_day};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use umis_domain::Date;

/// The legal basis checked at an entry.
pub(super) struct Basis {
    pub kind: &'static str,
    pub reference: Option<String>,
    pub stay_days: Option<u16>,
}

impl Basis {
    /// Days of stay the basis allows by itself (the `az` pack's limits).
    pub(super) fn limit(&self) -> i32 {
        match self.kind {
            "visa_free" => 90,
            "e_visa" | "visa" => self.stay_days.map_or(30, i32::from),
            _ => 0,
        }
    }
}

/// One stay: an entry and, unless the traveller is still inside, its exit.
pub(super) struct Stay {
    pub entry: Date,
    pub entry_secs: u32,
    pub entry_point: &'static str,
    /// Exit day, seconds after local midnight, border point.
    pub exit: Option<(Date, u32, &'static str)>,
    pub basis: Basis,
    /// The feed lost the entry record (an exit without entry).
    pub drop_entry: bool,
    /// The feed lost the exit record (an entry without exit).
    pub drop_exit: bool,
}

/// A permit of the traveller.
pub(super) struct PermitRec {
    pub number: String,
    pub kind: &'static str,
    pub from: Date,
    pub until: Date,
    pub tin: Option<String>,
    pub revoked: bool,
}

impl PermitRec {
    /// Makes day `d` lawful (active, of a lawful kind, in validity).
    pub(super) fn covers(&self, d: Date) -> bool {
        !self.revoked
            && matches!(
                self.kind,
                "temporary_residence" | "permanent_residence" | "refugee" | "stay_extension"
            )
            && self.from <= d
            && d <= self.until
    }

    /// Exempts a stay entered on `d` from registration.
    pub(super) fn exempts(&self, d: Date) -> bool {
        self.covers(d) && self.kind != "stay_extension"
    }
}

/// A registration at place of stay.
pub(super) struct RegRec {
    pub id: String,
    pub submitted: Date,
    pub address: String,
    pub host: &'static str,
    pub from: Date,
    pub until: Option<Date>,
}

/// Everything generated for one traveller; reused from one traveller to the next.
#[derive(Default)]
pub(super) struct Plan {
    pub stays: Vec<Stay>,
    pub permits: Vec<PermitRec>,
    pub regs: Vec<RegRec>,
}

/// The generator's state across travellers.
pub(super) struct Ctx {
    pub rng: StdRng,
    pub as_of: Date,
    /// First day of the two-year window the feed covers.
    pub start: Date,
    permit_seq: u64,
    reg_seq: u64,
}

impl Ctx {
    pub(super) fn new(seed: u64, as_of: Date) -> Ctx {
        Ctx {
            rng: StdRng::seed_from_u64(seed),
            as_of,
            start: as_of.add_days(-729),
            permit_seq: 0,
            reg_seq: 0,
        }
    }

    /// True `per_mille` times in a thousand.
    pub(super) fn chance(&mut self, per_mille: u32) -> bool {
        self.rng.random_range(0..1000) < per_mille
    }

    /// A whole number in `lo..=hi` (`lo` when the range is empty).
    pub(super) fn range(&mut self, lo: i32, hi: i32) -> i32 {
        if hi <= lo { lo } else { self.rng.random_range(lo..=hi) }
    }

    pub(super) fn permit_number(&mut self, kind: &str, from: Date) -> String {
        self.permit_seq += 1;
        let prefix = match kind {
            "temporary_residence" => "MYI",
            "permanent_residence" => "DYI",
            "work" => "IIC",
            "refugee" => "QSV",
            _ => "UZT",
        };
        format!("{prefix}-{}-{:07}", from.year(), self.permit_seq)
    }

    fn registration_id(&mut self, on: Date) -> String {
        self.reg_seq += 1;
        format!("QEY-{}-{:08}", on.year(), self.reg_seq)
    }
}

/// The basis a visitor of this nationality enters on.
pub(super) fn visitor_basis(ctx: &mut Ctx, person: &Person, entry: Date) -> Basis {
    let issued = entry.add_days(-ctx.range(1, 25));
    let (y, m, d) = issued.ymd();
    match person.nat.regime {
        Regime::VisaFree => Basis { kind: "visa_free", reference: None, stay_days: None },
        Regime::EVisa => {
            let reference = format!("EV{:02}{m:02}{d:02}{:04}", y % 100, ctx.range(0, 9999));
            Basis { kind: "e_visa", reference: Some(reference), stay_days: Some(30) }
        }
        Regime::Visa => {
            let days = [30, 30, 30, 60, 90][ctx.range(0, 4) as usize];
            Basis {
                kind: "visa",
                reference: Some(format!("AZV{:07}", ctx.range(0, 9_999_999))),
                stay_days: Some(days),
            }
        }
    }
}

/// Adds a stay of `len` days entered on `entry`; returns its exit day, or `None` when the
/// traveller is still inside on the evaluation date.
pub(super) fn push_stay(
    ctx: &mut Ctx,
    person: &Person,
    plan: &mut Plan,
    entry: Date,
    len: i32,
    basis: Basis,
) -> Option<Date> {
    let nat = person.nat;
    let (entry_point, air) = border_point(nat.land, nat.land_pct, &mut ctx.rng);
    let mut entry_secs = time_of_day(air, &mut ctx.rng);
    let last = entry.add_days(len.max(1) - 1);
    let exit = if last <= ctx.as_of {
        let (point, air) = if ctx.chance(800) {
            (entry_point, air)
        } else {
            border_point(nat.land, nat.land_pct, &mut ctx.rng)
        };
        let mut secs = time_of_day(air, &mut ctx.rng);
        if last == entry {
            entry_secs = ctx.range(6 * 3600, 14 * 3600) as u32;
            secs = ctx.range(entry_secs as i32 + 3600, 23 * 3600) as u32;
        }
        Some((last, secs, point))
    } else {
        None
    };
    let stay = Stay { entry, entry_secs, entry_point, exit, basis, drop_entry: false, drop_exit: false };
    plan.stays.push(stay);
    exit.map(|e| e.0)
}

fn trip_length(ctx: &mut Ctx, limit: i32) -> i32 {
    match ctx.range(0, 99) {
        0..50 => ctx.range(1, 7),
        50..80 => ctx.range(8, 20),
        80..82 => limit,
        _ => ctx.range(21, if limit >= 90 { 88 } else { limit - 1 }),
    }
}

fn overstay_days(ctx: &mut Ctx) -> i32 {
    match ctx.range(0, 99) {
        0..70 => ctx.range(1, 7),
        70..90 => ctx.range(8, 30),
        _ => ctx.range(31, 120),
    }
}

/// A visitor: one to a handful of trips (a shuttle trader: dozens of short ones).
fn visitor(ctx: &mut Ctx, person: &Person, plan: &mut Plan, frequent: bool) -> bool {
    let trips = if frequent {
        ctx.range(8, 30)
    } else {
        match ctx.range(0, 99) {
            0..60 => 1,
            60..81 => 2,
            81..90 => 3,
            90..95 => 4,
            _ => ctx.range(5, 8),
        }
    };
    let window = ctx.as_of.days_since(ctx.start) + 1;
    let mut day = ctx.start.add_days(ctx.range(0, (window / (trips + 1)).min(400)));
    let overstayer = !frequent && ctx.chance(35);
    let overstay_trip = if overstayer { ctx.range(0, trips - 1) } else { -1 };
    let extension_trip =
        if !overstayer && !frequent && ctx.chance(20) { ctx.range(0, trips - 1) } else { -1 };
    for t in 0..trips {
        if day > ctx.as_of {
            break;
        }
        let basis = visitor_basis(ctx, person, day);
        let limit = basis.limit();
        let mut len = if frequent { ctx.range(1, 4) } else { trip_length(ctx, limit) };
        if t == overstay_trip {
            len = limit + overstay_days(ctx);
        } else if t == extension_trip && day.add_days(limit) <= ctx.as_of {
            let extra = ctx.range(30, 90);
            let from = day.add_days(limit - ctx.range(0, 7));
            let until = day.add_days(limit + extra - 1);
            let number = ctx.permit_number("stay_extension", from);
            plan.permits.push(PermitRec {
                number,
                kind: "stay_extension",
                from,
                until,
                tin: None,
                revoked: false,
            });
            len =
                if ctx.chance(100) { limit + extra + ctx.range(1, 10) } else { limit + ctx.range(1, extra) };
        }
        let Some(exit) = push_stay(ctx, person, plan, day, len, basis) else { break };
        let gap = if frequent { ctx.range(3, 40) } else { ctx.range(1, 2 * (window / trips - 10).max(3)) };
        day = exit.add_days(gap);
    }
    overstayer
}

/// Registrations at place of stay for the stays that need one, filed on time by most hosts.
fn register(ctx: &mut Ctx, person: &Person, plan: &mut Plan, overstayer: bool) {
    let deadline = if person.nat.code == "KAZ" { 30 } else { 15 };
    for i in 0..plan.stays.len() {
        let (entry, exit) = (plan.stays[i].entry, plan.stays[i].exit.map(|e| e.0));
        if plan.permits.iter().any(|p| p.exempts(entry)) {
            continue;
        }
        let last = exit.unwrap_or(ctx.as_of);
        let until = exit.or_else(|| Some(ctx.as_of.add_days(ctx.range(1, 40))));
        if last.days_since(entry) <= deadline {
            if ctx.chance(300) {
                push_registration(ctx, plan, entry, "hotel", entry, until);
            }
            continue;
        }
        if ctx.chance(if overstayer { 300 } else { 45 }) {
            if ctx.chance(400) {
                let late = entry.add_days(deadline + ctx.range(1, 20)).min(last);
                push_registration(ctx, plan, late, "private", late, until);
            }
            continue;
        }
        let host = host_kind(&mut ctx.rng);
        let submitted = entry.add_days(match host {
            "hotel" => ctx.range(0, 1),
            "self" => ctx.range(2, deadline),
            _ => ctx.range(1, deadline),
        });
        let from = if host == "hotel" { entry } else { submitted.add_days(-ctx.range(0, 3)).max(entry) };
        let planned = if host == "hotel" || ctx.chance(600) { until } else { None };
        push_registration(ctx, plan, submitted, host, from, planned);
        if last.days_since(submitted) > 20 && ctx.chance(100) {
            let moved = submitted.add_days(ctx.range(10, last.days_since(submitted)));
            push_registration(ctx, plan, moved, "private", moved, None);
        }
    }
}

fn push_registration(
    ctx: &mut Ctx,
    plan: &mut Plan,
    on: Date,
    host: &'static str,
    from: Date,
    until: Option<Date>,
) {
    let id = ctx.registration_id(on);
    let address = address(host, &mut ctx.rng);
    let until = until.filter(|u| *u >= from);
    plan.regs.push(RegRec { id, submitted: on, address, host, from, until });
}

/// Plans the whole history of one traveller into `plan` (cleared first).
pub(super) fn plan_traveller(ctx: &mut Ctx, person: &Person, plan: &mut Plan) {
    plan.stays.clear();
    plan.permits.clear();
    plan.regs.clear();
    let code = person.nat.code;
    let resident_per_mille = match code {
        "XXA" => 850,
        "AFG" | "SYR" => 400,
        _ => 60,
    };
    let mut overstayer = false;
    if ctx.chance(resident_per_mille) {
        super::residents::resident(ctx, person, plan);
    } else {
        let frequent = ctx.chance(if person.nat.land_pct > 0 { 50 } else { 8 });
        overstayer = visitor(ctx, person, plan, frequent);
    }
    register(ctx, person, plan, overstayer);
    if ctx.chance(5) {
        feed_gap(ctx, plan);
    }
}

/// Loses one crossing of the traveller, as a real feed sometimes does.
fn feed_gap(ctx: &mut Ctx, plan: &mut Plan) {
    let n = plan.stays.len();
    let closed: Vec<usize> = (0..n).filter(|&i| plan.stays[i].exit.is_some()).collect();
    let followed: Vec<usize> = closed.iter().copied().filter(|&i| i + 1 < n).collect();
    if !followed.is_empty() && ctx.chance(600) {
        let i = followed[ctx.range(0, followed.len() as i32 - 1) as usize];
        plan.stays[i].drop_exit = true;
    } else if !closed.is_empty() {
        let i = closed[ctx.range(0, closed.len() as i32 - 1) as usize];
        plan.stays[i].drop_entry = true;
    }
}
