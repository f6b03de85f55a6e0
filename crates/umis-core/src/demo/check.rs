//! What stay control should find in the generated data, counted while it is generated.
//!
//! The generator plants overstays, missed registrations and feed gaps on purpose, but chance
//! also plays a part (a planted overstay cut short by the evaluation date is no overstay yet).
//! So the summary is not a count of intentions: each traveller's records are judged here by the
//! `az` definitions of `stay-rules.md`, which gives the scan an exact figure to agree with.

use super::trips::Plan;
use umis_domain::Date;

/// The findings the generated data holds under the `az` rules, as of the demo's date.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DemoSummary {
    /// Travellers generated.
    pub travellers: u64,
    /// Travellers holding at least one permit.
    pub permit_holders: u64,
    /// Stays that are evaluated (not dropped by a feed gap).
    pub stays: u64,
    /// Stays still open on the evaluation date.
    pub still_inside: u64,
    /// Stays with at least one unlawful day (`overstay` findings).
    pub overstays: u64,
    /// Unlawful days over all overstays.
    pub overstay_days: u64,
    /// Travellers with at least one overstay.
    pub overstay_travellers: u64,
    /// Stays that run past their registration deadline and are not exempt by a permit.
    pub registration_required: u64,
    /// Of those, the ones without a registration in time (`unregistered_stay` findings).
    pub unregistered_stays: u64,
    /// `exit_without_entry` anomalies.
    pub exits_without_entry: u64,
    /// `entry_without_exit` anomalies.
    pub entries_without_exit: u64,
}

/// Judges one traveller's plan and adds the findings to `sum`.
pub(super) fn judge(plan: &Plan, kaz: bool, as_of: Date, sum: &mut DemoSummary) {
    sum.travellers += 1;
    if !plan.permits.is_empty() {
        sum.permit_holders += 1;
    }
    let before = sum.overstays;
    let mut open: Option<usize> = None;
    for (i, stay) in plan.stays.iter().enumerate() {
        if !stay.drop_entry {
            if open.is_some() {
                sum.entries_without_exit += 1;
            }
            open = Some(i);
        }
        if let Some((exit, _, _)) = stay.exit
            && !stay.drop_exit
        {
            match open.take() {
                Some(o) => judge_stay(plan, o, exit, kaz, sum),
                None => sum.exits_without_entry += 1,
            }
        }
    }
    if let Some(o) = open {
        sum.still_inside += 1;
        judge_stay(plan, o, as_of, kaz, sum);
    }
    if sum.overstays > before {
        sum.overstay_travellers += 1;
    }
}

fn judge_stay(plan: &Plan, index: usize, last: Date, kaz: bool, sum: &mut DemoSummary) {
    let stay = &plan.stays[index];
    let entry = stay.entry;
    sum.stays += 1;
    let allowed_until = entry.add_days(stay.basis.limit() - 1);
    let mut unlawful = 0;
    let mut d = entry;
    while d <= last {
        if d > allowed_until && !plan.permits.iter().any(|p| p.covers(d)) {
            unlawful += 1;
        }
        d = d.add_days(1);
    }
    if unlawful > 0 {
        sum.overstays += 1;
        sum.overstay_days += unlawful;
    }
    let deadline = entry.add_days(if kaz { 30 } else { 15 });
    if last > deadline && !plan.permits.iter().any(|p| p.exempts(entry)) {
        sum.registration_required += 1;
        if !plan.regs.iter().any(|r| entry <= r.submitted && r.submitted <= deadline) {
            sum.unregistered_stays += 1;
        }
    }
}
