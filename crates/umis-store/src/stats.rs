//! Aggregate figures over cases and issued documents, for the public statistics and an office's
//! dashboard. Counting happens in the database; the caller suppresses small counts before
//! anything is published.

use crate::StoreError;
use crate::cases::{state_list, state_name};
use crate::sql::{Db, Val};
use umis_domain::case_state::StateName;

/// A count of something in one month (`YYYY-MM`) for one key (a service, a document kind).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonthCount {
    /// The service or document kind.
    pub key: String,
    /// `YYYY-MM`.
    pub month: String,
    /// How many.
    pub count: i64,
}

/// A decided case's dates, for processing times.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecidedDates {
    /// The service.
    pub service: String,
    /// Submission day.
    pub submitted_on: String,
    /// Decision day.
    pub decided_on: String,
    /// Statutory deadline, if the case had one.
    pub due_on: Option<String>,
}

fn month_counts(db: &mut dyn Db, sql: &str, params: &[Val<'_>]) -> Result<Vec<MonthCount>, StoreError> {
    db.rows(sql, params)?
        .into_iter()
        .map(|r| Ok(MonthCount { key: r.text(0)?, month: r.text(1)?, count: r.int(2)? }))
        .collect()
}

/// Applications submitted per service and month, from `since` (a `YYYY-MM-DD` day) on.
pub fn applications_by_month(db: &mut dyn Db, since: &str) -> Result<Vec<MonthCount>, StoreError> {
    month_counts(
        db,
        "SELECT service, substr(submitted_on, 1, 7) AS m, COUNT(*) FROM cases \
         WHERE submitted_on IS NOT NULL AND submitted_on >= $1 GROUP BY service, m ORDER BY service, m",
        &[Val::Text(since)],
    )
}

/// Documents issued (not decisions) per kind and month, from `since` on.
pub fn issued_by_month(db: &mut dyn Db, since: &str) -> Result<Vec<MonthCount>, StoreError> {
    month_counts(
        db,
        "SELECT kind, substr(issued_on, 1, 7) AS m, COUNT(*) FROM issued_documents \
         WHERE doc_type <> 'decision' AND issued_on >= $1 GROUP BY kind, m ORDER BY kind, m",
        &[Val::Text(since)],
    )
}

/// The dates of every case decided from `since` on; of one office only when `office` is given,
/// without asylum cases when `include_sensitive` is false.
pub fn decided_dates(
    db: &mut dyn Db,
    since: &str,
    office: Option<&str>,
    include_sensitive: bool,
) -> Result<Vec<DecidedDates>, StoreError> {
    let rows = db.rows(
        "SELECT service, submitted_on, decided_on, due_on FROM cases \
         WHERE decided_on IS NOT NULL AND submitted_on IS NOT NULL AND decided_on >= $1 \
         AND (CAST($2 AS TEXT) IS NULL OR office_code = $2) AND ($3 = 1 OR sensitive = 0) \
         ORDER BY service",
        &[Val::Text(since), office.into(), Val::Int(i64::from(include_sensitive))],
    )?;
    rows.into_iter()
        .map(|r| {
            Ok(DecidedDates {
                service: r.text(0)?,
                submitted_on: r.text(1)?,
                decided_on: r.text(2)?,
                due_on: r.opt_text(3)?,
            })
        })
        .collect()
}

/// Open cases of `office` (without asylum cases) per state.
pub fn open_by_state(db: &mut dyn Db, office: &str) -> Result<Vec<(StateName, i64)>, StoreError> {
    let (open, names) = state_list(2, StateName::open());
    let sql = format!(
        "SELECT state, COUNT(*) FROM cases WHERE office_code = $1 AND sensitive = 0 \
         AND state IN ({open}) GROUP BY state ORDER BY state"
    );
    let mut params = vec![Val::Text(office)];
    params.extend(names);
    db.rows(&sql, &params)?.into_iter().map(|r| Ok((state_name(&r, 0)?, r.int(1)?))).collect()
}

/// An officer's open cases at an office.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OfficerLoad {
    /// The officer's account id.
    pub officer_id: String,
    /// Their display name (empty if the account is gone).
    pub name: String,
    /// Cases assigned to or examined by them.
    pub open: i64,
    /// Of those, past their statutory deadline on `today`.
    pub overdue: i64,
}

/// Open cases of `office` (without asylum cases) per officer working them.
pub fn open_by_officer(db: &mut dyn Db, office: &str, today: &str) -> Result<Vec<OfficerLoad>, StoreError> {
    let (held, mut names) = state_list(3, StateName::ALL.iter().copied().filter(|s| s.held_by_officer()));
    // Overdue only where the clock runs: a case waiting for an answer is not late.
    let (running, running_names) = state_list(3 + names.len(), StateName::clock_runs());
    names.extend(running_names);
    let sql = format!(
        "SELECT c.state_actor, COALESCE(MAX(u.display_name), ''), COUNT(*), \
         SUM(CASE WHEN c.due_on IS NOT NULL AND c.due_on < $2 AND c.state IN ({running}) THEN 1 ELSE 0 END) \
         FROM cases c LEFT JOIN users u ON u.id = c.state_actor \
         WHERE c.office_code = $1 AND c.sensitive = 0 AND c.state_actor IS NOT NULL \
         AND c.state IN ({held}) \
         GROUP BY c.state_actor ORDER BY COUNT(*) DESC, c.state_actor"
    );
    let mut params = vec![Val::Text(office), Val::Text(today)];
    params.extend(names);
    let rows = db.rows(&sql, &params)?;
    rows.into_iter()
        .map(|r| {
            Ok(OfficerLoad { officer_id: r.text(0)?, name: r.text(1)?, open: r.int(2)?, overdue: r.int(3)? })
        })
        .collect()
}

/// An open case past its statutory deadline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OverdueCase {
    /// Case id.
    pub id: String,
    /// Receipt number.
    pub receipt: Option<String>,
    /// Service.
    pub service: String,
    /// Lifecycle state.
    pub state: StateName,
    /// The deadline that passed.
    pub due_on: String,
    /// The officer working it, if any.
    pub officer: Option<String>,
}

/// Open cases of `office` (without asylum cases) whose deadline is before `today` and whose
/// clock runs, the longest overdue first; at most `limit`.
pub fn overdue(
    db: &mut dyn Db,
    office: &str,
    today: &str,
    limit: i64,
) -> Result<Vec<OverdueCase>, StoreError> {
    let (open, names) = state_list(4, StateName::clock_runs());
    let sql = format!(
        "SELECT c.id, c.receipt, c.service, c.state, c.due_on, u.display_name FROM cases c \
         LEFT JOIN users u ON u.id = c.state_actor \
         WHERE c.office_code = $1 AND c.sensitive = 0 AND c.due_on IS NOT NULL AND c.due_on < $2 \
         AND c.state IN ({open}) ORDER BY c.due_on, c.id LIMIT $3"
    );
    let mut params = vec![Val::Text(office), Val::Text(today), Val::Int(limit)];
    params.extend(names);
    db.rows(&sql, &params)?
        .into_iter()
        .map(|r| {
            Ok(OverdueCase {
                id: r.text(0)?,
                receipt: r.opt_text(1)?,
                service: r.text(2)?,
                state: state_name(&r, 3)?,
                due_on: r.text(4)?,
                officer: r.opt_text(5)?,
            })
        })
        .collect()
}
