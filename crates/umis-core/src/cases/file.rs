//! Filing: a draft is created, edited and (in `act`) submitted by the person who files it.

use super::access::is_filer;
use super::catalogue;
use super::row::record;
use super::view::{CaseView, render};
use super::{CaseError, form, new_id};
use crate::actor::Actor;
use crate::clock::Clock;
use std::collections::BTreeMap;
use umis_domain::case_state::StateName;
use umis_rules::services::Catalogue;
use umis_store::cases::{self, CaseRow};
use umis_store::{Store, accounts};

/// What a filer sends to open a case. Only these fields are read: a body that also carries
/// `status`, `fee` or `decided_by` is refused by the web layer, never stored.
#[derive(Debug, Clone, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewCase {
    /// Service code from the catalogue.
    pub service: String,
    /// Fee tier code; the catalogue's first tier when absent.
    #[serde(default)]
    pub fee_tier: Option<String>,
    /// Office to file with; the operator's own office, or headquarters, when absent.
    #[serde(default)]
    pub office: Option<String>,
    /// The form so far (a draft may be incomplete).
    #[serde(default)]
    pub form: BTreeMap<String, String>,
}

/// The office a new case goes to.
fn office_for(
    db: &mut dyn umis_store::sql::Db,
    actor: &Actor,
    asked: Option<&str>,
) -> Result<String, CaseError> {
    let offices = accounts::offices(db)?;
    let code = match (asked, &actor.office) {
        (Some(code), _) => code.to_owned(),
        (None, Some(own)) => own.clone(),
        (None, None) => offices
            .iter()
            .find(|o| o.kind == "headquarters")
            .or(offices.first())
            .map(|o| o.code.clone())
            .ok_or_else(|| CaseError::invalid("office", "unknown_office", "no office is set up"))?,
    };
    if offices.iter().any(|o| o.code == code) {
        Ok(code)
    } else {
        Err(CaseError::invalid("office", "unknown_office", "no such office"))
    }
}

/// Opens a draft case.
pub fn create_case(
    store: &Store,
    cat: &Catalogue,
    clock: &Clock,
    actor: &Actor,
    req: NewCase,
) -> Result<CaseView, CaseError> {
    let row = store.transact(|db| create_in(db, cat, clock, actor, req))?;
    // The answer is read after the commit, outside the writers' queue.
    store.read(|db| render(db, cat, actor, &row, clock.today()))
}

/// Opens a draft case in a transaction of the caller's.
pub(crate) fn create_in(
    db: &mut dyn umis_store::sql::WriteDb,
    cat: &Catalogue,
    clock: &Clock,
    actor: &Actor,
    req: NewCase,
) -> Result<CaseRow, CaseError> {
    let service = catalogue::service(cat, &req.service)?;
    if !service.may_file(actor.role) {
        return Err(CaseError::Forbidden(format!("a {} cannot file this service", actor.role)));
    }
    let form = service.validate(&req.form, true)?;
    // The fee as the form so far prices it; re-computed on every change and fixed on filing.
    let fee = service.quote(req.fee_tier.as_deref(), &form, clock.today())?;
    let now = clock.now_rfc3339();
    let office = office_for(db, actor, req.office.as_deref())?;
    let row = CaseRow {
        fee_tier: fee.tier.clone(),
        fee_minor: fee.amount_minor,
        fee_paid: fee.amount_minor == 0,
        form: form::to_json(&form),
        sensitive: service.sensitive(),
        ..CaseRow::new_draft(&new_id(), service.code(), &office, &actor.id, &now)
    };
    cases::insert_case(db, &row)?;
    record(db, actor, &row, "create", StateName::Draft, None, &now)?;
    Ok(row)
}

/// Sets the case's fee to what its form now costs. A fee already taken at the counter was the
/// amount then due: an answer that would change it (a longer term) is refused, as a change of
/// tier is.
pub(crate) fn reprice(
    db: &mut dyn umis_store::sql::Db,
    row: &mut CaseRow,
    service: &catalogue::Service,
    form: &BTreeMap<String, String>,
    on: umis_domain::Date,
) -> Result<(), CaseError> {
    let fee = service.quote(Some(&row.fee_tier), form, on)?;
    if fee.amount_minor == row.fee_minor {
        return Ok(());
    }
    if umis_store::payments::payment_for_case(db, &row.id)?.is_some() {
        return Err(CaseError::TierPaid);
    }
    row.fee_minor = fee.amount_minor;
    row.fee_paid = fee.amount_minor == 0;
    Ok(())
}

/// Replaces the form of a draft (or of a case returned for correction).
pub fn update_draft(
    store: &Store,
    cat: &Catalogue,
    clock: &Clock,
    actor: &Actor,
    id: &str,
    new_form: &BTreeMap<String, String>,
) -> Result<CaseView, CaseError> {
    let now = clock.now_rfc3339();
    let row = store.transact(|db| {
        let mut row = cases::case_by_id(db, id)?.filter(|r| is_filer(actor, r)).ok_or(CaseError::NotFound)?;
        if !row.state.editable() {
            return Err(CaseError::NotEditable);
        }
        let service = catalogue::service(cat, &row.service)?;
        let valid = service.validate(new_form, true)?;
        reprice(db, &mut row, &service, &valid, clock.today())?;
        row.form = form::to_json(&valid);
        row.version += 1;
        cases::update_case(db, &row)?;
        record(db, actor, &row, "edit", row.state, None, &now)?;
        Ok::<_, CaseError>(row)
    })?;
    // The answer is read after the commit, outside the writers' queue.
    store.read(|db| render(db, cat, actor, &row, clock.today()))
}
