//! An officer's desk: one case with everything needed to decide it (the eligibility trace in
//! the reader's language, the person's other cases, the officers who may take it, the names
//! behind the history), steps taken on the version the officer read, the office's queue
//! counts, and the issued document a revocation is about.
//!
//! Every rule stays where it is: who may see a case and take a step is the cases module's
//! decision; this module only gathers and checks the version an officer saw.

use crate::actor::Actor;
use crate::cases::{self, CaseAction, CaseError, CaseSummary, CaseView, IssuedCredential, may_see_case};
use crate::clock::Clock;
use std::collections::BTreeMap;
use umis_credential::KeyRing;
use umis_domain::{Date, Role};
use umis_rules::Lang;
use umis_rules::services::Catalogue;
use umis_store::cases::{CaseFilter, CaseRow};
use umis_store::casework::StateCount;
use umis_store::sql::Db;
use umis_store::{AuditEntry, Store, TravellerKey, accounts};

/// An officer a case may be given to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OfficerChoice {
    /// Account id.
    pub id: String,
    /// Name as shown.
    pub name: String,
}

/// One case as an officer works on it.
#[derive(Debug, Clone)]
pub struct CaseFile {
    /// The case as the officer may see it (the read is audited).
    pub view: CaseView,
    /// Whose case it is, as filed (issuing state, document number), if the form names them.
    pub holder: Option<TravellerKey>,
    /// Whether every eligibility rule is met.
    pub eligible: bool,
    /// The eligibility rules and how they came out, in the reader's language.
    pub eligibility: Vec<String>,
    /// The same person's other cases the officer may see, by deadline.
    pub earlier: Vec<CaseSummary>,
    /// Officers of the case's office who may take it.
    pub officers: Vec<OfficerChoice>,
    /// Display names of the accounts the case's history and state name.
    pub names: BTreeMap<String, String>,
}

/// Reads a case for an officer, with the eligibility trace in `lang`. Someone who may not see
/// the case gets `NotFound`; the read and the look at the person's other cases are audited.
pub fn case_file(
    store: &Store,
    cat: &Catalogue,
    clock: &Clock,
    actor: &Actor,
    id: &str,
    lang: Lang,
) -> Result<CaseFile, CaseError> {
    let view = cases::get_case(store, cat, clock, actor, id, "case_work")?;
    let today = clock.today();
    store.transact(|db| {
        let row = umis_store::cases::case_by_id(db, id)?
            .filter(|r| may_see_case(actor, r))
            .ok_or(CaseError::NotFound)?;
        let holder = match (&row.holder_state, &row.holder_document) {
            (Some(s), Some(d)) if !s.is_empty() && !d.is_empty() => {
                Some(TravellerKey { issuing_state: s.clone(), document_number: d.clone() })
            }
            _ => None,
        };
        let earlier = match &holder {
            Some(h) => other_cases(db, actor, &row, h, today)?,
            None => Vec::new(),
        };
        if holder.is_some() {
            db.audit(&AuditEntry {
                actor: &actor.audit_name(),
                action: "case.related",
                object: &format!("case:{}", row.id),
                outcome: "ok",
                detail: &serde_json::json!({ "count": earlier.len() }).to_string(),
            })?;
        }
        // A service the catalogue no longer has: no rules to show, rather than no case file.
        let (eligible, eligibility) = match cat.get(&row.service) {
            Some(service) => cases::service_eligibility(cat, service, db, &row, &view.form, today, lang)?,
            None => (false, Vec::new()),
        };
        let officers = officers_for(db, &row)?;
        let mut names = BTreeMap::new();
        let ids = view
            .events
            .iter()
            .filter_map(|e| e.actor_id.clone())
            .chain(row.state_actor.clone())
            .chain(officers.iter().map(|o| o.id.clone()));
        for account in ids {
            if names.contains_key(&account) {
                continue;
            }
            if let Some(u) = accounts::user_by_id(db, &account)? {
                names.insert(account, u.display_name);
            }
        }
        Ok(CaseFile { view: view.clone(), holder, eligible, eligibility, earlier, officers, names })
    })
}

/// The holder's other cases `actor` may see (their own office's; asylum cases only for
/// refugee-status officers).
fn other_cases(
    db: &mut dyn Db,
    actor: &Actor,
    row: &CaseRow,
    holder: &TravellerKey,
    today: Date,
) -> Result<Vec<CaseSummary>, CaseError> {
    let filter = CaseFilter {
        include_sensitive: actor.role.works_sensitive_cases(),
        holder: Some((&holder.issuing_state, &holder.document_number)),
        limit: 50,
        ..CaseFilter::default()
    };
    Ok(umis_store::cases::list_cases(db, &filter)?
        .into_iter()
        .filter(|r| r.id != row.id && may_see_case(actor, r))
        .map(|r| CaseSummary {
            overdue: cases::overdue(&r, today),
            id: r.id,
            receipt: r.receipt,
            service: r.service,
            office: r.office_code,
            state: r.state,
            submitted_on: r.submitted_on,
            due_on: r.due_on,
        })
        .collect())
}

/// Officers of the case's office who may take it, by user name.
fn officers_for(db: &mut dyn Db, row: &CaseRow) -> Result<Vec<OfficerChoice>, CaseError> {
    let mut out = Vec::new();
    for &role in Role::DECIDERS {
        for u in accounts::users_by_role(db, role, Some(&row.office_code))? {
            let who =
                Actor { id: u.id.clone(), role, office: u.office_code.clone(), all_offices: u.all_offices };
            if u.disabled_at.is_none() && may_see_case(&who, row) && who.id != row.owner_id {
                out.push(OfficerChoice { id: u.id, name: u.display_name });
            }
        }
    }
    Ok(out)
}

/// A case as an officer read it: its id and the version they saw.
#[derive(Debug, Clone, Copy)]
pub struct ReadAt<'a> {
    /// Case id.
    pub id: &'a str,
    /// The version read.
    pub version: i64,
}

/// Takes a step on a case if it is still at the version the officer read; a case changed
/// since is refused with [`CaseError::Stale`] and nothing is written.
pub fn act_at(
    store: &Store,
    cat: &Catalogue,
    clock: &Clock,
    keys: &KeyRing,
    actor: &Actor,
    case: ReadAt<'_>,
    action: CaseAction,
) -> Result<CaseView, CaseError> {
    let step = cases::Request { expected: Some(case.version), action };
    let row = store.transact(|db| cases::act_in(db, cat, clock, keys, actor, case.id, step))?;
    // The answer is read after the commit, outside the writers' queue.
    store.read(|db| cases::render(db, cat, actor, &row, clock.today()))
}

/// Open cases of the actor's office by state, with how many are overdue (asylum cases only
/// for refugee-status officers).
pub fn queue_counts(store: &Store, clock: &Clock, actor: &Actor) -> Result<Vec<StateCount>, CaseError> {
    let Some(office) = actor.office.as_deref().filter(|_| actor.role.decides_cases()) else {
        return Ok(Vec::new());
    };
    let today = clock.today().to_string();
    let sensitive = actor.role.works_sensitive_cases();
    Ok(store.read(|db| umis_store::casework::open_counts(db, office, sensitive, &today))?)
}

/// An issued document and the case it came from, for an officer who may work on that case.
#[derive(Debug, Clone)]
pub struct IssuedOnCase {
    /// The document.
    pub document: IssuedCredential,
    /// The case's id.
    pub case_id: String,
    /// The case's receipt number.
    pub receipt: Option<String>,
    /// The case's service.
    pub service: String,
}

/// The issued document `number`, if `actor` may work on its case (otherwise `NotFound`).
pub fn issued_on_case(
    store: &Store,
    cat: &Catalogue,
    actor: &Actor,
    number: &str,
) -> Result<IssuedOnCase, CaseError> {
    if !actor.role.decides_cases() {
        return Err(CaseError::NotFound);
    }
    store.read(|db| {
        let issued = umis_store::documents::issued_by_number(db, number)?.ok_or(CaseError::NotFound)?;
        let case = umis_store::cases::case_by_id(db, &issued.case_id)?
            .filter(|c| may_see_case(actor, c) && c.owner_id != actor.id)
            .ok_or(CaseError::NotFound)?;
        let mut document = IssuedCredential::from(issued);
        document.cancellation = crate::cases::cancellation_view(db, cat, number, true)?;
        Ok(IssuedOnCase { case_id: case.id, receipt: case.receipt, service: case.service, document })
    })
}
