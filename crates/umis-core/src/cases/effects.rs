//! What decisions set off, in the decision's transaction: a granted permit enters the stay
//! engine's permit table at once (so the next scan and the next traveller lookup see it), a
//! granted registration satisfies the registration rule, every decision is issued as a signed
//! credential, an appeal re-opens or closes the refused case, and revocation works back the
//! same way.

use super::asylum;
use super::catalogue::{Grant, Holder, Service};
use super::row::{record, set_state, state_of};
use super::{CaseError, form};
use crate::actor::Actor;
use crate::clock::Clock;
use umis_credential::{Claims, DocType, KeyRing, NewClaims};
use umis_domain::Date;
use umis_domain::case_state::{CaseEvent, StateName};
use umis_store::cases::{self, CaseRow};
use umis_store::documents::{self, IssuedRow, StayPermit, StayRegistration};
use umis_store::sql::WriteDb;
use umis_store::{AuditEntry, Store, jobs};

/// A document issued from a case, as listed on the case.
#[derive(Debug, Clone, serde::Serialize)]
pub struct IssuedCredential {
    /// Document number.
    pub number: String,
    /// `permit`, `decision`, `registration`, `certificate`.
    pub doc_type: String,
    /// Kind.
    pub kind: String,
    /// The signed credential (the QR code's content).
    pub credential: String,
    /// Issued on.
    pub issued_on: String,
    /// Valid from.
    pub valid_from: Option<String>,
    /// Valid until.
    pub valid_until: Option<String>,
    /// Revoked on.
    pub revoked_on: Option<String>,
}

impl From<IssuedRow> for IssuedCredential {
    fn from(r: IssuedRow) -> Self {
        IssuedCredential {
            number: r.number,
            doc_type: r.doc_type,
            kind: r.kind,
            credential: r.credential,
            issued_on: r.issued_on,
            valid_from: r.valid_from,
            valid_until: r.valid_until,
            revoked_on: r.revoked_on,
        }
    }
}

/// The context effects run in.
pub(crate) struct Effects<'a> {
    keys: &'a KeyRing,
    today: Date,
    now: &'a str,
}

impl<'a> Effects<'a> {
    pub(crate) fn new(keys: &'a KeyRing, today: Date, now: &'a str) -> Effects<'a> {
        Effects { keys, today, now }
    }

    /// Runs what the step that just moved `row` out of `from_state` sets off.
    pub(crate) fn after_step(
        &mut self,
        db: &mut dyn WriteDb,
        actor: &Actor,
        row: &CaseRow,
        service: &Service,
        from_state: StateName,
    ) -> Result<(), CaseError> {
        let holder = service.holder(&form::from_json(&row.form));
        match row.state {
            StateName::Accepted if from_state == StateName::Submitted && service.sensitive() => {
                // A refugee-status claimant holds a temporary certificate for the whole procedure,
                // and is lawfully present while it runs.
                let number = self.issue(db, row, &holder, "certificate", asylum::CERTIFICATE_KIND, None)?;
                asylum::open(db, &holder, &number, self.today, content_hash(&number))?;
            }
            StateName::AwaitingPayment => {
                // The quota is the decision's: a unit is held when the permit is granted, so a
                // payment never meets a quota spent in the meantime.
                let answers = form::from_json(&row.form);
                if let Grant::Permit { kind, .. } =
                    service.grant(&answers, row.outcome.as_deref(), self.today)?
                {
                    self.take_quota(db, service, kind, &answers)?;
                }
            }
            StateName::Approved => {
                let quota_held = from_state == StateName::AwaitingPayment;
                self.grant(db, actor, row, service, &holder, quota_held)?;
                if let Some(original) = &row.appeal_of {
                    decide_appeal(db, actor, row, true, self.now)?;
                    // The claim is examined again: the certificate runs on.
                    asylum::set_last_day(db, original, Date::MAX)?;
                }
                // Refugee status replaces the certificate from today.
                asylum::set_last_day(db, &row.id, self.today)?;
            }
            StateName::Refused => {
                self.issue(db, row, &holder, "decision", &format!("{}_refused", row.service), None)?;
                // A refusal is final only when the period to challenge it (by appeal, then in
                // court) passes unused.
                let final_on = self.today.add_days(service.appeal_period_days());
                if let Some(original) = &row.appeal_of {
                    decide_appeal(db, actor, row, false, self.now)?;
                    asylum::set_last_day(db, original, final_on)?;
                }
                asylum::set_last_day(db, &row.id, final_on)?;
            }
            StateName::Withdrawn | StateName::Closed => asylum::set_last_day(db, &row.id, self.today)?,
            _ => {}
        }
        Ok(())
    }

    /// Takes a unit of this year's work-permit quota for a work permit (work in the liberated
    /// territories is outside the quota).
    fn take_quota(
        &self,
        db: &mut dyn WriteDb,
        service: &Service,
        kind: umis_domain::PermitKind,
        answers: &std::collections::BTreeMap<String, String>,
    ) -> Result<(), CaseError> {
        if kind == umis_domain::PermitKind::Work
            && !service.outside_quota(answers)
            && !cases::take_work_quota(db, i64::from(self.today.year()))?
        {
            return Err(CaseError::QuotaExhausted { year: self.today.year() });
        }
        Ok(())
    }

    /// Issues the permit and puts it into stay control; an open-ended permit is keyed by the
    /// largest date there is.
    fn grant_permit(
        &mut self,
        db: &mut dyn WriteDb,
        row: &CaseRow,
        holder: &Holder,
        kind: umis_domain::PermitKind,
        (from, until): (Date, Option<Date>),
    ) -> Result<(), CaseError> {
        let number = self.issue(db, row, holder, "permit", kind.as_str(), Some((from, until)))?;
        documents::upsert_stay_permit(
            db,
            &StayPermit {
                number: &number,
                kind: kind.as_str(),
                issuing_state: holder.issuing_state.as_deref().unwrap_or_default(),
                document_number: holder.document_number.as_deref().unwrap_or_default(),
                valid_from: &from.to_string(),
                valid_until: &until.unwrap_or(Date::MAX).to_string(),
                employer_tin: holder.employer_tin.as_deref(),
                status: "active",
                content_hash: content_hash(&number),
            },
        )?;
        Ok(())
    }

    fn grant(
        &mut self,
        db: &mut dyn WriteDb,
        actor: &Actor,
        row: &CaseRow,
        service: &Service,
        holder: &Holder,
        quota_held: bool,
    ) -> Result<(), CaseError> {
        let answers = form::from_json(&row.form);
        match service.grant(&answers, row.outcome.as_deref(), self.today)? {
            Grant::Permit { kind, from, until } => {
                if !quota_held {
                    self.take_quota(db, service, kind, &answers)?;
                }
                self.grant_permit(db, row, holder, kind, (from, until))?;
            }
            Grant::Registration { address, host_kind, from, until } => {
                let number = self.issue(
                    db,
                    row,
                    holder,
                    "registration",
                    "place_of_stay",
                    Some((from, Some(until.unwrap_or(from)))),
                )?;
                documents::insert_stay_registration(
                    db,
                    &StayRegistration {
                        id: &number,
                        issuing_state: holder.issuing_state.as_deref().unwrap_or_default(),
                        document_number: holder.document_number.as_deref().unwrap_or_default(),
                        submitted_on: &self.today.to_string(),
                        address: &address,
                        host_kind: &host_kind,
                        stay_from: &from.to_string(),
                        stay_until: until.map(|d| d.to_string()).as_deref(),
                        content_hash: content_hash(&number),
                    },
                )?;
            }
            Grant::Deregistration { registration, departed } => {
                deregister(db, actor, row, &registration, departed)?;
                self.issue(db, row, holder, "decision", "deregistration", Some((departed, Some(departed))))?;
            }
            Grant::Decision { kind } => {
                self.issue(db, row, holder, "decision", &kind, None)?;
                if kind.ends_with("_undetermined") {
                    // Citizenship that could not be determined: the person is documented as
                    // stateless, which is how statelessness is resolved in practice.
                    self.issue(db, row, holder, "certificate", "stateless_person_certificate", None)?;
                }
                if kind.ends_with("_recognised") {
                    // A recognised citizen is documented by the identity-document authority
                    // (review 1.9): the notice waits for the interagency exchange.
                    umis_store::procedure::insert_outbound_notice(
                        db,
                        &umis_store::procedure::OutboundNotice {
                            case_id: row.id.clone(),
                            recipient: "identity_documents".into(),
                            kind: "citizenship_recognised".into(),
                            created_at: self.now.to_owned(),
                            sent_at: None,
                        },
                    )?;
                }
            }
        }
        Ok(())
    }

    /// Signs and records one issued document; returns its number.
    fn issue(
        &mut self,
        db: &mut dyn WriteDb,
        row: &CaseRow,
        holder: &Holder,
        doc_type: &str,
        kind: &str,
        validity: Option<(Date, Option<Date>)>,
    ) -> Result<String, CaseError> {
        let receipt = row.receipt.clone().unwrap_or_else(|| row.id.clone());
        let prefix = match doc_type {
            "permit" => "P",
            "registration" => "R",
            "certificate" => "C",
            _ => "D",
        };
        let n = documents::issued_for_case(db, &row.id)?.len() + 1;
        let number = format!("{prefix}{n}-{receipt}");
        let claims = claims(doc_type, &number, kind, holder, validity, self.today, &row.id)?;
        let credential = self.keys.sign(&claims);
        documents::insert_issued(
            db,
            &IssuedRow {
                number: number.clone(),
                case_id: row.id.clone(),
                doc_type: doc_type.to_owned(),
                kind: kind.to_owned(),
                credential,
                issued_on: self.today.to_string(),
                valid_from: validity.map(|v| v.0.to_string()),
                valid_until: validity.and_then(|v| v.1).map(|d| d.to_string()),
                revoked_on: None,
                revoke_reason: None,
            },
        )?;
        Ok(number)
    }
}

/// The credential's claims. A holder without a travel document (a stateless person, a refugee
/// who arrived without one) is named by the case: `XXX:` and the case id's first characters.
fn claims(
    doc_type: &str,
    number: &str,
    kind: &str,
    holder: &Holder,
    validity: Option<(Date, Option<Date>)>,
    today: Date,
    case_id: &str,
) -> Result<Claims, CaseError> {
    let travel_document = match (&holder.issuing_state, &holder.document_number) {
        (Some(state), Some(number)) => format!("{state}:{number}"),
        _ => format!("XXX:{}", case_id.get(..12).unwrap_or(case_id).to_uppercase()),
    };
    let doc_type = DocType::parse(doc_type).unwrap_or(DocType::Decision);
    let birth = holder.birth_date.as_deref().and_then(|d| Date::parse(d).ok()).unwrap_or(today);
    let name: String = holder.name.chars().take(100).collect::<String>().trim().to_owned();
    Claims::new(NewClaims {
        doc_type,
        number: number.to_owned(),
        kind: kind.to_owned(),
        holder: if name.is_empty() { "-".into() } else { name },
        travel_document,
        birth,
        valid_from: validity.map(|v| v.0),
        valid_until: validity.and_then(|v| v.1),
        employer: holder.employer_tin.clone(),
        issued: today,
    })
    .map_err(|e| CaseError::Internal(format!("cannot issue the document: {e}")))
}

/// Content hash of a permit or registration issued by umis: derived from its number, which is
/// unique, so the import path's duplicate detection never mistakes it for an imported record.
fn content_hash(number: &str) -> i64 {
    i64::from_le_bytes(xxhash_rust::xxh3::xxh3_64(number.as_bytes()).to_le_bytes())
}

/// De-registration on departure: the registration must be one umis issued, and the filer the
/// one who registered the person, the person themself, or counter staff. Its last day becomes
/// the departure date.
fn deregister(
    db: &mut dyn WriteDb,
    actor: &Actor,
    row: &CaseRow,
    number: &str,
    departed: Date,
) -> Result<(), CaseError> {
    let problem = |m: &str| CaseError::invalid("form.registration_number", "not_deregistrable", m);
    let issued = documents::issued_by_number(db, number)?
        .filter(|d| d.doc_type == "registration" && d.revoked_on.is_none())
        .ok_or_else(|| problem("no registration in force has this number"))?;
    let registered = cases::case_by_id(db, &issued.case_id)?.ok_or(CaseError::NotFound)?;
    let same_person = registered.holder_state.is_some()
        && registered.holder_state == row.holder_state
        && registered.holder_document == row.holder_document;
    let may = registered.owner_id == row.owner_id || actor.role == umis_domain::Role::Operator;
    if !(same_person && may) {
        return Err(problem("this registration is not one you filed for this person"));
    }
    if issued.valid_from.as_deref().and_then(|d| Date::parse(d).ok()).is_some_and(|from| departed < from) {
        return Err(problem("the departure date is before the registration began"));
    }
    documents::end_registration(db, number, &departed.to_string())?;
    Ok(())
}

/// Filing an appeal freezes the refused case (refused → appealed).
pub(crate) fn open_appeal(
    db: &mut dyn WriteDb,
    actor: &Actor,
    appeal: &mut CaseRow,
    receipt: &str,
    appeal_days: i32,
    today: Date,
    now: &str,
) -> Result<(), CaseError> {
    let problem = |m: &str| CaseError::invalid("form.appealed_receipt", "not_appealable", m);
    let mut original = cases::case_by_receipt(db, receipt)?
        .filter(|o| o.owner_id == appeal.owner_id)
        .ok_or_else(|| problem("no refused application of yours has this receipt number"))?;
    let before = state_of(&original);
    let after = before
        .apply(&CaseEvent::Appeal)
        .map_err(|_| problem("only a refused application can be appealed"))?;
    if let Some(decided) = original.decided_on.as_deref().and_then(|d| Date::parse(d).ok())
        && today.days_since(decided) > appeal_days
    {
        return Err(problem("the period for appealing this decision has ended"));
    }
    set_state(&mut original, &after);
    original.version += 1;
    cases::update_case(db, &original)?;
    record(db, actor, &original, "appeal", before.state_name(), None, now)?;
    // A claimant who challenges a refusal stays lawfully until the appeal is decided.
    asylum::set_last_day(db, &original.id, Date::MAX)?;
    // The appeal is examined where the refused case was decided.
    appeal.appeal_of = Some(original.id.clone());
    appeal.office_code.clone_from(&original.office_code);
    Ok(())
}

/// The appeal's decision: upheld re-opens the refused case for examination, dismissed closes it.
fn decide_appeal(
    db: &mut dyn WriteDb,
    actor: &Actor,
    appeal: &CaseRow,
    upheld: bool,
    now: &str,
) -> Result<(), CaseError> {
    let Some(id) = appeal.appeal_of.as_deref() else { return Ok(()) };
    let mut original = cases::case_by_id(db, id)?.ok_or(CaseError::NotFound)?;
    let before = state_of(&original);
    let after = before.apply(&CaseEvent::DecideAppeal { upheld })?;
    set_state(&mut original, &after);
    original.version += 1;
    cases::update_case(db, &original)?;
    record(db, actor, &original, "decide_appeal", before.state_name(), None, now)?;
    jobs::enqueue_notification(db, &original.id, &original.owner_id, original.state.as_str(), now, 0)?;
    Ok(())
}

/// Revokes an issued document: the credential is published as revoked and a permit stops
/// counting in stay control at once.
pub fn revoke_document(
    store: &Store,
    clock: &Clock,
    actor: &Actor,
    number: &str,
    reason: &str,
) -> Result<IssuedCredential, CaseError> {
    let reason = reason.trim();
    if reason.is_empty() || reason.chars().count() > 1000 {
        return Err(CaseError::invalid(
            "reason",
            "required",
            "give the legal reason, at most 1000 characters",
        ));
    }
    let today = clock.today().to_string();
    let now = clock.now_rfc3339();
    store.transact(|db| {
        let issued = documents::issued_by_number(db, number)?.ok_or(CaseError::NotFound)?;
        let case = cases::case_by_id(db, &issued.case_id)?
            .filter(|c| super::access::staff_may_work_on(actor, c))
            .ok_or(CaseError::NotFound)?;
        if !documents::revoke_issued(db, number, &today, reason)? {
            return Err(CaseError::AlreadyRevoked);
        }
        if issued.doc_type == "permit" {
            let holder = (
                case.holder_state.as_deref().unwrap_or_default(),
                case.holder_document.as_deref().unwrap_or_default(),
            );
            documents::upsert_stay_permit(
                db,
                &StayPermit {
                    number,
                    kind: &issued.kind,
                    issuing_state: holder.0,
                    document_number: holder.1,
                    valid_from: issued.valid_from.as_deref().unwrap_or(&today),
                    valid_until: issued.valid_until.as_deref().unwrap_or(&today),
                    employer_tin: case.employer_tin.as_deref(),
                    status: "revoked",
                    content_hash: content_hash(number),
                },
            )?;
        }
        db.audit(&AuditEntry {
            actor: &actor.audit_name(),
            action: "document.revoke",
            object: &format!("document:{number}"),
            outcome: "ok",
            detail: &serde_json::json!({ "case": case.id, "doc_type": issued.doc_type }).to_string(),
        })?;
        jobs::enqueue_notification(db, &case.id, &case.owner_id, "document_revoked", &now, clock.now_ns())?;
        let row = documents::issued_by_number(db, number)?.ok_or(CaseError::NotFound)?;
        Ok(row.into())
    })
}
