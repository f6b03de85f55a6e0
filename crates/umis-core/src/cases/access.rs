//! Object-level rules: who may see a case and who may take each step on it.
//!
//! Function-level rules (which roles reach which endpoint) live in the web layer's route
//! table; these are the data-level rules behind them, checked on the object itself so that no
//! endpoint can forget them. Asylum cases are visible only to refugee-status officers (and
//! to whoever filed them); auditors and administrators never see case bodies.

use crate::actor::Actor;
use umis_domain::Role;
use umis_domain::case_state::Party;
use umis_store::cases::CaseRow;

/// Whether `actor` may read `case` at all.
pub(crate) fn may_see(actor: &Actor, case: &CaseRow) -> bool {
    if actor.id == case.owner_id {
        return true;
    }
    staff_may_work_on(actor, case)
}

/// Whether `actor` is staff who may examine `case`: the right role, the right office, and for
/// asylum cases the refugee-status role. An appeal is the appeal board's, whatever the office
/// (it sits at headquarters, above the office whose act is challenged), and no office's.
pub(crate) fn staff_may_work_on(actor: &Actor, case: &CaseRow) -> bool {
    if case.appeal_of.is_some() {
        return actor.role.decides_appeals();
    }
    let role_ok =
        if case.sensitive { actor.role.works_sensitive_cases() } else { actor.role.decides_cases() };
    role_ok && actor.sees_office(&case.office_code)
}

/// Whether `actor` filed `case` (or files for the person at the counter).
pub(crate) fn is_filer(actor: &Actor, case: &CaseRow) -> bool {
    actor.id == case.owner_id
}

/// Whether `actor` sees what only staff see (eligibility trace, officer names, grounds drafts).
pub(crate) fn sees_staff_fields(actor: &Actor, case: &CaseRow) -> bool {
    staff_may_work_on(actor, case)
}

/// How `actor` stands to `case`, for the lifecycle's question "which steps may they take now?".
pub(crate) fn party<'a>(actor: &'a Actor, case: &CaseRow) -> Party<'a> {
    Party {
        id: &actor.id,
        filer: is_filer(actor, case),
        staff: staff_may_work_on(actor, case),
        assigns_others: assigns_others(actor),
    }
}

/// Whether `actor` may give a case to another officer (not only take it themselves).
pub(crate) fn assigns_others(actor: &Actor) -> bool {
    actor.role == Role::Supervisor
}
