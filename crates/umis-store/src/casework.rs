//! What an office's work queue needs besides the cases themselves: how many open cases it
//! holds in each state and how many of them are past their deadline. "Open" is the domain's
//! [`StateName::is_open`], the same set the dashboards and statistics count.

use crate::StoreError;
use crate::cases::state_list;
use crate::sql::{Db, Val};
use umis_domain::case_state::StateName;

/// Open cases of one state at an office.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StateCount {
    /// Lifecycle state name.
    pub state: StateName,
    /// Cases in it.
    pub cases: i64,
    /// Of those, past their deadline.
    pub overdue: i64,
}

/// Open cases of `office` by state (asylum cases only with `include_sensitive`), with how many
/// are due before `today`. States without cases are left out.
pub fn open_counts(
    db: &mut dyn Db,
    office: &str,
    include_sensitive: bool,
    today: &str,
) -> Result<Vec<StateCount>, StoreError> {
    let (placeholders, open) = state_list(4, StateName::open());
    let sql = format!(
        "SELECT state, COUNT(*), SUM(CASE WHEN due_on IS NOT NULL AND due_on < $3 THEN 1 ELSE 0 END) \
         FROM cases WHERE office_code = $1 AND (sensitive = 0 OR $2 = 1) AND state IN ({placeholders}) \
         GROUP BY state ORDER BY state"
    );
    let mut params = vec![Val::Text(office), Val::Int(i64::from(include_sensitive)), Val::Text(today)];
    params.extend(open);
    db.rows(&sql, &params)?
        .iter()
        .map(|r| {
            let state = crate::cases::state_name(r, 0)?;
            Ok(StateCount {
                state,
                cases: r.int(1)?,
                // A case whose clock stands still is not late.
                overdue: if state.clock_stopped() { 0 } else { r.opt_int(2)?.unwrap_or(0) },
            })
        })
        .collect()
}
