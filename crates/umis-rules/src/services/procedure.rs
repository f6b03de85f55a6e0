//! The periods of the administrative procedure that every e-service shares, as the catalogue's
//! `[procedure]` table gives them, each with its legal source: the window for paying the state
//! duty after a positive decision, the reply period of a request for information, and the
//! longest extension of a deadline the office may grant.

use super::calendar::{BeyondCalendar, Calendar};
use super::model::{Period, Provenance, Unit};
use super::read::{CatalogueError, Ctx};
use toml::Table;
use umis_domain::Date;

/// One procedural period and its legal source.
#[derive(Debug, Clone)]
pub struct ProcedurePeriod {
    /// How long.
    pub period: Period,
    /// Where the law says so.
    pub provenance: Provenance,
}

/// The shared procedural periods.
#[derive(Debug, Clone)]
pub struct Procedure {
    /// Unpaid this long after the last day of the consideration period, a grant lapses.
    pub payment_window: ProcedurePeriod,
    /// Unanswered this long after it was made, a request for information leaves the
    /// application without consideration.
    pub reply_period: ProcedurePeriod,
    /// The office may extend a deadline by at most this much.
    pub max_extension: ProcedurePeriod,
}

impl Procedure {
    /// The last day for paying the duty of a grant whose consideration period ended on
    /// `period_end` (each of these refuses a date beyond the calendar's years).
    pub fn payment_due_by(&self, calendar: &Calendar, period_end: Date) -> Result<Date, BeyondCalendar> {
        calendar.deadline(period_end, &self.payment_window.period)
    }

    /// The last day for answering a request for information made on `asked_on`.
    pub fn reply_by(&self, calendar: &Calendar, asked_on: Date) -> Result<Date, BeyondCalendar> {
        calendar.deadline(asked_on, &self.reply_period.period)
    }

    /// The latest date a deadline of `due_on` may be extended to.
    pub fn latest_extension(&self, calendar: &Calendar, due_on: Date) -> Result<Date, BeyondCalendar> {
        calendar.deadline(due_on, &self.max_extension.period)
    }
}

pub(crate) fn read(root: &Table) -> Result<Procedure, CatalogueError> {
    let ctx = Ctx::new("procedure");
    let t = ctx.table("", root, "procedure")?;
    let names = ["payment_window", "reply_period", "max_extension"];
    ctx.keys("", t, &names)?;
    let one = |key: &str| -> Result<ProcedurePeriod, CatalogueError> {
        let inner = ctx.table("", t, key)?;
        ctx.keys(key, inner, &["period", "source", "unverified", "note"])?;
        Ok(ProcedurePeriod {
            period: ctx.period(key, inner, "period", &[Unit::BusinessDays, Unit::CalendarDays], false)?,
            provenance: ctx.provenance(key, inner)?,
        })
    };
    Ok(Procedure {
        payment_window: one("payment_window")?,
        reply_period: one("reply_period")?,
        max_extension: one("max_extension")?,
    })
}
