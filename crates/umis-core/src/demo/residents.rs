//! Residents: foreigners and stateless persons who live in Azerbaijan on a chain of permits.
//!
//! Their records have a shape of their own that stay control must handle: long stays covered
//! by temporary or permanent residence, work permits beside them, renewals that follow each
//! other without a gap, the odd permit revoked and reissued, and a few chains that lapse while
//! the holder stays on (an overstay that starts on the day after the last permit ends).

use super::people::Person;
use super::trips::{Basis, Ctx, PermitRec, Plan, push_stay, visitor_basis};
use umis_domain::Date;

/// Plans someone who lives in Azerbaijan on permits and travels out and back.
pub(super) fn resident(ctx: &mut Ctx, person: &Person, plan: &mut Plan) {
    let code = person.nat.code;
    let kind = match (code, ctx.range(0, 99)) {
        ("XXA", 0..70) => "permanent_residence",
        ("XXA", 70..80) | ("AFG" | "SYR", 0..50) => "refugee",
        (_, 0..85) => "temporary_residence",
        _ => "permanent_residence",
    };
    let worker = kind == "temporary_residence" && code != "XXA" && ctx.chance(650);
    let arrival = ctx.start.add_days(ctx.range(0, 500));
    let by_permit = ctx.chance(550);
    let first_basis = visitor_basis(ctx, person, arrival);
    let permit_start = if by_permit {
        arrival.add_days(-ctx.range(30, 400))
    } else {
        arrival.add_days(ctx.range(3, first_basis.limit().min(30) - 3))
    };
    let mut entry = arrival;
    let mut first = Some(first_basis);
    let mut left_for_good = false;
    loop {
        let len = if kind == "refugee" { ctx.range(200, 700) } else { ctx.range(30, 160) };
        let basis =
            first.take().unwrap_or(Basis { kind: "residence_permit", reference: None, stay_days: None });
        let Some(exit) = push_stay(ctx, person, plan, entry, len, basis) else { break };
        if ctx.chance(60) {
            left_for_good = true;
            break;
        }
        entry = exit.add_days(ctx.range(4, 25) + 1);
        if entry > ctx.as_of {
            break;
        }
    }
    let (last_entry, last_exit) = match plan.stays.last() {
        Some(s) => (s.entry, s.exit.map(|e| e.0)),
        None => return,
    };
    let last_day = last_exit.unwrap_or(ctx.as_of);
    let lapse = kind == "temporary_residence"
        && last_entry > permit_start
        && last_day > last_entry
        && ctx.chance(100);
    let cover_until = if lapse {
        let lo = last_entry.max(permit_start);
        lo.add_days(ctx.range(0, last_day.days_since(lo) - 1))
    } else if left_for_good {
        // No permit is issued after the evaluation date.
        last_day.add_days(ctx.range(0, 300)).min(ctx.as_of)
    } else {
        ctx.as_of
    };
    let tin =
        worker.then(|| format!("{}", 1_000_000_000 + ctx.range(0, 2999) as u64 * 2_654_435 % 8_999_999_999));
    issue_permits(ctx, plan, kind, (permit_start, cover_until), lapse, tin.as_deref());
    for stay in plan.stays.iter_mut().filter(|s| s.basis.kind == "residence_permit") {
        let permit = plan.permits.iter().find(|p| p.kind == kind && p.covers(stay.entry));
        stay.basis.reference = permit.map(|p| p.number.clone());
    }
}

/// Issues the permits of `kind` from the first day of `cover` until they cover its last
/// (a lapsed resident's last permit ends there), with a revoked duplicate now and then, and a
/// work permit beside each for a worker with a `tin`.
fn issue_permits(
    ctx: &mut Ctx,
    plan: &mut Plan,
    kind: &'static str,
    cover: (Date, Date),
    lapse: bool,
    tin: Option<&str>,
) {
    let (mut from, cover_until) = cover;
    loop {
        let days = match kind {
            "temporary_residence" => [365, 365, 365, 730, 730, 1095][ctx.range(0, 5) as usize],
            _ => 1826,
        };
        let mut until = from.add_days(days - 1);
        let done = until >= cover_until;
        if done && lapse {
            until = cover_until;
        }
        if ctx.chance(30) {
            let number = ctx.permit_number(kind, from);
            plan.permits.push(PermitRec { number, kind, from, until, tin: None, revoked: true });
        }
        let number = ctx.permit_number(kind, from);
        plan.permits.push(PermitRec { number, kind, from, until, tin: None, revoked: false });
        if let Some(tin) = tin {
            let revoked = ctx.chance(50);
            for status in [true, false].into_iter().filter(|r| revoked || !r) {
                let number = ctx.permit_number("work", from);
                let tin = Some(tin.to_owned());
                plan.permits.push(PermitRec { number, kind: "work", from, until, tin, revoked: status });
            }
        }
        if done {
            break;
        }
        from = until.add_days(1);
    }
}
