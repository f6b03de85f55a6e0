//! A registration at place of stay left open after its holder left the country. On departure
//! the host or the foreigner tells the migration service and the person is de-registered
//! (migration.gov.az/en/useful_detail/567); a registration that still runs after the holder's
//! exit, with no return while it ran, was not ended as it should have been.
//!
//! The law sets no period for the notice, so umis judges only what the crossings prove and
//! never early: an exit on a day the registration still covered, no entry again before its last
//! day, and that last day passed. A registration recorded without a last day is not judged: the
//! law ends it with the visa's stay period or after 90 days, which the record does not carry, so
//! it may have lapsed before the exit. A trip abroad from which the holder returned while the
//! registration ran keeps the place of stay and is not a finding. A de-registration ends the
//! registration on the day of departure, so an exit that day is covered.

use crate::absence::crossings_in_order;
use crate::pack::RulePack;
use crate::stay::CrossingIn;
use umis_domain::{Date, Direction};

/// The days a registration at place of stay covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RegistrationPeriod {
    /// Its first day.
    pub from: Date,
    /// Its last day; `None` when it was recorded without one (then it is not judged).
    pub until: Option<Date>,
}

/// A registration its holder left behind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotEnded {
    /// The registration's index in the periods given (the caller knows its number).
    pub registration: usize,
    /// The day of the exit it should have ended on.
    pub exit_date: Date,
}

/// The registrations in `periods` that the traveller's exits left open, judged as of `as_of`.
pub fn registrations_not_ended(
    pack: &RulePack,
    crossings: &[CrossingIn],
    periods: &[RegistrationPeriod],
    as_of: Date,
) -> Vec<NotEnded> {
    let order = crossings_in_order(pack, crossings, as_of);
    periods
        .iter()
        .enumerate()
        .filter_map(|(i, p)| {
            left_open(&order, *p, as_of).map(|exit_date| NotEnded { registration: i, exit_date })
        })
        .collect()
}

/// The first exit that left `p` open: on a day it covered (before its last day), with no entry
/// again up to its last day, which has passed.
fn left_open(order: &[(Date, Direction)], p: RegistrationPeriod, as_of: Date) -> Option<Date> {
    let until = p.until.filter(|u| as_of > *u)?;
    let covers = |d: Date| d >= p.from && d < until;
    order.iter().enumerate().find_map(|(i, &(day, direction))| {
        if direction != Direction::Exit || !covers(day) {
            return None;
        }
        let back = order[i + 1..]
            .iter()
            .find(|(_, dir)| *dir == Direction::Entry)
            .is_some_and(|&(entry, _)| entry <= until);
        (!back).then_some(day)
    })
}
