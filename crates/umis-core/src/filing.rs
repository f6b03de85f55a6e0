//! What a filer's pages need besides the case steps themselves: the offices an application may
//! be filed with, changing a draft's fee tier, and the eligibility rules that can be judged
//! from the form alone, as guidance before submitting.

use crate::actor::Actor;
use crate::cases::{CaseError, FieldProblem};
use crate::clock::Clock;
use std::collections::BTreeMap;
use umis_domain::{CountryCode, Date};
use umis_rules::services::{Catalogue, Fact, Facts, OutcomeKind, evaluate_eligibility_on};
use umis_rules::{Lang, Packs, RulePack, registration_obligation};
use umis_store::accounts::{self, OfficeRow};
use umis_store::cases::{self, CaseEventRow};
use umis_store::{AuditEntry, Store};

fn invalid(field: &str, code: &str, message: &str) -> CaseError {
    CaseError::Invalid(vec![FieldProblem { field: field.into(), code: code.into(), message: message.into() }])
}

/// The offices an application may be filed with (headquarters first, then by code).
pub fn filing_offices(store: &Store) -> Result<Vec<OfficeRow>, CaseError> {
    let mut list = store.read(|db| accounts::offices(db).map_err(CaseError::from))?;
    list.sort_by(|a, b| (a.kind != "headquarters", &a.code).cmp(&(b.kind != "headquarters", &b.code)));
    Ok(list)
}

/// Sets the fee tier of a draft (or of an application returned for correction) its filer
/// holds; audited and recorded in the history like any edit.
pub fn choose_fee_tier(
    store: &Store,
    cat: &Catalogue,
    clock: &Clock,
    actor: &Actor,
    id: &str,
    tier: &str,
) -> Result<(), CaseError> {
    let now = clock.now_rfc3339();
    store.transact(|db| {
        let mut row =
            cases::case_by_id(db, id)?.filter(|r| r.owner_id == actor.id).ok_or(CaseError::NotFound)?;
        if !row.state.editable() {
            return Err(CaseError::NotEditable);
        }
        // A fee taken at the counter was the chosen tier's: the tier stays as paid.
        if row.fee_tier != tier && umis_store::payments::payment_for_case(db, &row.id)?.is_some() {
            return Err(CaseError::TierPaid);
        }
        let service = cat
            .get(&row.service)
            .ok_or_else(|| invalid("fee_tier", "unknown_fee_tier", "no such fee tier for this service"))?;
        // The tier's fee for what the form asks (term, scale, regime), as filing will charge it.
        let form = crate::cases::form::from_json(&row.form);
        let fee = service.quote(tier, &form, clock.today()).map_err(|e| match e {
            umis_rules::services::FeeError::UnknownTier => {
                invalid("fee_tier", "unknown_fee_tier", "no such fee tier for this service")
            }
            other => invalid("fee_tier", "no_fee_for_term", &other.to_string()),
        })?;
        row.fee_tier = fee.tier.clone();
        row.fee_minor = fee.amount_minor;
        row.fee_paid = fee.amount_minor == 0;
        row.version += 1;
        cases::update_case(db, &row)?;
        cases::insert_event(
            db,
            &row.id,
            &CaseEventRow {
                at: now.clone(),
                actor_id: actor.id.clone(),
                actor_role: actor.role.as_str().to_owned(),
                event: "edit".into(),
                from_state: row.state,
                to_state: row.state,
                note: None,
            },
        )?;
        db.audit(&AuditEntry {
            actor: &actor.audit_name(),
            action: "case.edit",
            object: &format!("case:{}", row.id),
            outcome: "ok",
            detail: &serde_json::json!({ "service": row.service, "fee_tier": row.fee_tier }).to_string(),
        })?;
        Ok(())
    })
}

/// One eligibility rule as a filer may read it before submitting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Guidance {
    /// The condition, in the reader's language.
    pub condition: String,
    /// Whether the form's answers meet it; `None` when the form cannot tell (the office checks).
    pub met: Option<bool>,
    /// The last day to apply, for rules counted from a date of the form.
    pub apply_by: Option<Date>,
}

/// The service's eligibility rules judged on the form's answers as of `today`; rules on facts
/// the form does not hold (permits held, quotas, years of residence) are listed unjudged.
pub fn eligibility_guidance(
    packs: &Packs,
    service: &str,
    form: &BTreeMap<String, String>,
    today: Date,
    lang: Lang,
) -> Vec<Guidance> {
    let Some(s) = packs.catalogue().get(service) else { return Vec::new() };
    let date = |k: &str| form.get(k).and_then(|v| Date::parse(v).ok());
    let facts = Facts {
        date_of_birth: date("date_of_birth"),
        nationality: form.get("nationality").and_then(|v| CountryCode::parse(v).ok()),
        stay_until: date("current_stay_until").or_else(|| date("stay_until")),
        stay_from: date("stay_from"),
        permit_until: date("current_permit_until"),
        ..Facts::default()
    };
    let known = |f: Fact| match f {
        Fact::Age => facts.date_of_birth.is_some(),
        Fact::Nationality => facts.nationality.is_some(),
        Fact::StayUntil => facts.stay_until.is_some(),
        Fact::StayFrom => facts.stay_from.is_some(),
        Fact::PermitUntil => facts.permit_until.is_some(),
        _ => false,
    };
    let mut lines: Vec<Guidance> =
        evaluate_eligibility_on(s, &facts, today, Some(packs.catalogue().calendar()))
            .trace
            .into_iter()
            .map(|line| {
                let judged = known(line.test.fact());
                Guidance {
                    condition: line.names.get(lang).to_owned(),
                    met: judged.then_some(line.passed),
                    apply_by: if judged { line.apply_by } else { None },
                }
            })
            .collect();
    if matches!(s.outcome().kind, OutcomeKind::Registration { .. }) {
        lines.extend(registration_guidance(packs.default_pack(), form, lang));
    }
    lines
}

/// Whether the stay the registration form describes must be registered, by the stay pack's
/// rule (the one the scan applies): a line that informs and never refuses, since a registration
/// that is not required is still welcome.
fn registration_guidance(pack: &RulePack, form: &BTreeMap<String, String>, lang: Lang) -> Option<Guidance> {
    let date = |k: &str| form.get(k).and_then(|v| Date::parse(v).ok());
    let arrival = date("arrival_date")?;
    let last_day = date("stay_until")?;
    let nationality = form.get("nationality").and_then(|v| CountryCode::parse(v).ok());
    let o = registration_obligation(pack, arrival, last_day, nationality)?;
    let rendered = o.line.render(lang);
    let condition = rendered.split_once("] ").map_or(rendered.as_str(), |(_, sentence)| sentence).to_owned();
    Some(Guidance { condition, met: Some(true), apply_by: o.required.then_some(o.deadline) })
}
