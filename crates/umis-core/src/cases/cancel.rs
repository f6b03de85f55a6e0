//! Cancelling (revoking) an issued document as a procedure: an officer proposes it on coded
//! grounds of the catalogue (`[[cancellation_grounds]]`), a second officer confirms it (four
//! eyes) or sends it back; on confirmation the document is revoked (published on the revocation
//! list, a permit stops counting in stay control) and the holder is notified. A confirmed
//! cancellation is an act the holder may appeal; an upheld appeal or judgment annuls it.

use super::CaseError;
use super::access::staff_may_work_on;
use super::appeals::CANCELLATION_NOTICE;
use super::effects::{IssuedCredential, set_permit_status};
use super::grounds::{self, GroundKind, GroundsView};
use crate::actor::Actor;
use crate::clock::Clock;
use umis_domain::case_state::TransitionError;
use umis_rules::Lang;
use umis_rules::services::{Catalogue, OutcomeKind, Unit};
use umis_store::acts::{self, CancellationRow};
use umis_store::cases::CaseRow;
use umis_store::sql::{Db, WriteDb};
use umis_store::{AuditEntry, Store, cases, documents, jobs};

/// Longest note added to the grounds of a cancellation.
const MAX_NOTE: usize = 1_000;

/// A step of the cancellation procedure, as the API receives it.
#[derive(Debug, Clone, serde::Deserialize)]
#[serde(tag = "action", rename_all = "snake_case", deny_unknown_fields)]
pub enum CancellationStep {
    /// Propose the cancellation, citing coded grounds.
    Propose {
        /// Codes of the cancellation grounds (at least one).
        grounds: Vec<String>,
        /// Free text that adds to them.
        #[serde(default)]
        note: Option<String>,
    },
    /// Confirm the proposal (a second officer): the document is revoked.
    Confirm,
    /// Send the proposal back (a second officer): it is dropped.
    SendBack,
}

/// Where a document's cancellation stands, as shown.
#[derive(Debug, Clone, serde::Serialize)]
pub struct CancellationView {
    /// `proposed`, `in_force` or `annulled`.
    pub state: &'static str,
    /// The coded grounds and the note.
    pub grounds: Option<GroundsView>,
    /// The day it took effect.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub confirmed_on: Option<String>,
    /// The day an upheld challenge annulled it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub annulled_on: Option<String>,
    /// Who proposed it (for the pages' four-eyes hint; never sent).
    #[serde(skip)]
    pub proposed_by: String,
}

/// The cancellation of document `number` as `staff` (or, with `false`, the holder) may see it:
/// the holder sees it once it took effect.
pub(crate) fn cancellation_view(
    db: &mut dyn Db,
    cat: &Catalogue,
    number: &str,
    staff: bool,
) -> Result<Option<CancellationView>, CaseError> {
    let Some(c) = acts::cancellation_of(db, number)? else { return Ok(None) };
    let state = match (&c.confirmed_on, &c.annulled_on) {
        (_, Some(_)) => "annulled",
        (Some(_), None) => "in_force",
        (None, None) if staff => "proposed",
        (None, None) => return Ok(None),
    };
    Ok(Some(CancellationView {
        state,
        grounds: grounds::view(cat, GroundKind::Cancellation, &c.ground_codes, c.note.as_deref()),
        confirmed_on: c.confirmed_on,
        annulled_on: c.annulled_on,
        proposed_by: c.proposed_by,
    }))
}

/// Takes one step of the cancellation of document `number`.
pub fn cancel_document(
    store: &Store,
    cat: &Catalogue,
    clock: &Clock,
    actor: &Actor,
    number: &str,
    step: CancellationStep,
) -> Result<IssuedCredential, CaseError> {
    let today = clock.today().to_string();
    let now = clock.now_rfc3339();
    store.transact(|db| {
        let issued = documents::issued_by_number(db, number)?.ok_or(CaseError::NotFound)?;
        let case = cases::case_by_id(db, &issued.case_id)?
            .filter(|c| staff_may_work_on(actor, c))
            .ok_or(CaseError::NotFound)?;
        if issued.revoked_on.is_some() {
            return Err(CaseError::AlreadyRevoked);
        }
        let action = match step {
            CancellationStep::Propose { grounds, note } => {
                propose(db, cat, actor, &issued, &case, grounds, note, &now)?;
                "document.cancel_propose"
            }
            CancellationStep::Confirm => {
                let pending = pending(db, number, actor)?;
                acts::confirm_cancellation(db, number, &actor.id, &today)?;
                let reason = pending.note.clone().unwrap_or_else(|| pending.ground_codes.join(", "));
                documents::revoke_issued(db, number, &today, &reason)?;
                set_permit_status(db, &case, &issued, "revoked", &today)?;
                jobs::enqueue_notification(
                    db,
                    &case.id,
                    &case.owner_id,
                    CANCELLATION_NOTICE,
                    &now,
                    clock.now_ns(),
                )?;
                "document.revoke"
            }
            CancellationStep::SendBack => {
                pending(db, number, actor)?;
                acts::drop_cancellation_proposal(db, number)?;
                "document.cancel_send_back"
            }
        };
        db.audit(&AuditEntry {
            actor: &actor.audit_name(),
            action,
            object: &format!("document:{number}"),
            outcome: "ok",
            detail: &serde_json::json!({ "case": case.id, "doc_type": issued.doc_type }).to_string(),
        })?;
        let row = documents::issued_by_number(db, number)?.ok_or(CaseError::NotFound)?;
        let mut view = IssuedCredential::from(row);
        view.cancellation = cancellation_view(db, cat, number, true)?;
        Ok(view)
    })
}

#[expect(clippy::too_many_arguments, reason = "one transaction's context, passed through")]
fn propose(
    db: &mut dyn WriteDb,
    cat: &Catalogue,
    actor: &Actor,
    issued: &documents::IssuedRow,
    case: &CaseRow,
    codes: Vec<String>,
    note: Option<String>,
    now: &str,
) -> Result<(), CaseError> {
    let mut cited: Vec<String> = Vec::new();
    for code in codes.iter().map(|c| c.trim()).filter(|c| !c.is_empty()) {
        if !cat.cancellation_grounds(&issued.kind).any(|g| g.code == code) {
            return Err(CaseError::invalid(
                "grounds",
                "unknown_ground",
                format!("{code:?} is not a cancellation ground of this document"),
            ));
        }
        if !cited.iter().any(|c| c == code) {
            cited.push(code.to_owned());
        }
    }
    if cited.is_empty() {
        return Err(CaseError::invalid("grounds", "required", "cite at least one ground of cancellation"));
    }
    let note = note.map(|n| n.trim().to_owned()).filter(|n| !n.is_empty());
    if note.as_ref().is_some_and(|n| {
        n.chars().count() > MAX_NOTE || n.chars().any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
    }) {
        return Err(CaseError::invalid(
            "note",
            "too_long",
            "a note is plain text of at most 1000 characters",
        ));
    }
    let row = CancellationRow {
        number: issued.number.clone(),
        case_id: case.id.clone(),
        ground_codes: cited,
        note,
        proposed_by: actor.id.clone(),
        proposed_at: now.to_owned(),
        confirmed_by: None,
        confirmed_on: None,
        annulled_on: None,
    };
    if !acts::propose_cancellation(db, &row)? {
        return Err(CaseError::invalid("grounds", "already_proposed", "a cancellation is proposed already"));
    }
    Ok(())
}

/// The pending proposal, which a second officer (never its proposer) confirms or sends back.
fn pending(db: &mut dyn Db, number: &str, actor: &Actor) -> Result<CancellationRow, CaseError> {
    let pending = acts::cancellation_of(db, number)?
        .filter(|c| c.confirmed_on.is_none())
        .ok_or_else(|| CaseError::invalid("action", "nothing_proposed", "no cancellation is proposed"))?;
    if pending.proposed_by == actor.id {
        return Err(CaseError::Transition(TransitionError::FourEyes));
    }
    Ok(pending)
}

/// The notice of the cancellation in force of a document of `case`, in `lang` (subject, text):
/// the document and the day, each coded ground in the catalogue's words with its article, the
/// note, and how to appeal: the appeal service, the period from receipt of the notice, then the
/// court. `None` when no cancellation of the case is in force (annulled in the meantime).
pub(crate) fn cancellation_notice(
    db: &mut dyn Db,
    cat: &Catalogue,
    case: &CaseRow,
    lang: Lang,
) -> Result<Option<(String, String)>, CaseError> {
    let Some(c) = super::appeals::cancellation_in_force(db, &case.id)? else { return Ok(None) };
    let receipt = case.receipt.clone().unwrap_or_else(|| "-".into());
    let text = |key: &str, args: &[(&str, umis_words::Arg)]| umis_words::t_args(lang, key, args);
    let subject = text(
        "notice-cancellation-subject",
        &[("receipt", receipt.as_str().into()), ("number", c.number.as_str().into())],
    );
    let mut body = format!("{receipt}\n\n");
    body.push_str(&text(
        "notice-cancellation-intro",
        &[("number", c.number.as_str().into()), ("date", c.confirmed_on.clone().unwrap_or_default().into())],
    ));
    body.push('\n');
    let view = grounds::view(cat, GroundKind::Cancellation, &c.ground_codes, c.note.as_deref());
    for line in view.as_ref().map(|v| v.lines(lang)).unwrap_or_default() {
        body.push_str(&format!("- {line}\n"));
    }
    if let Some(note) = view.and_then(|v| v.note) {
        body.push_str(&format!("\n{note}\n"));
    }
    let period = super::appeals::complaint_period(cat);
    let unit = match period.unit {
        Unit::BusinessDays => "business_days",
        Unit::CalendarDays => "calendar_days",
        Unit::Months => "months",
        Unit::Years => "years",
    };
    let period = text(&format!("notice-period-{unit}"), &[("count", period.count.into())]);
    let service = cat
        .services()
        .iter()
        .find(|s| matches!(s.outcome().kind, OutcomeKind::Appeal { .. }))
        .map(|s| s.names().get(lang).to_owned())
        .unwrap_or_default();
    let appeal = text(
        "notice-cancellation-appeal",
        &[("period", period.into()), ("service", service.into()), ("receipt", receipt.as_str().into())],
    );
    body.push_str(&format!("\n{appeal}\n"));
    Ok(Some((subject, body)))
}

/// The Fluent keys of the cancellation notice, for the completeness test.
pub const NOTICE_WORDS: [&str; 7] = [
    "notice-cancellation-subject",
    "notice-cancellation-intro",
    "notice-cancellation-appeal",
    "notice-period-business_days",
    "notice-period-calendar_days",
    "notice-period-months",
    "notice-period-years",
];
