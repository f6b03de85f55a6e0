//! What decisions set off, in the decision's transaction: a granted permit enters the stay
//! engine's permit table at once (so the next scan and the next traveller lookup see it), a
//! granted registration satisfies the registration rule, every decision is issued as a signed
//! credential, and an appeal's decision acts on the challenged case (`appeal_acts`).

use super::appeal_acts::decide_appeal;
use super::asylum;
use super::cancel::CancellationView;
use super::catalogue::{Grant, Holder, Service};
use super::{CaseError, form};
use crate::actor::Actor;
use umis_credential::{Claims, DocType, KeyRing, NewClaims};
use umis_domain::Date;
use umis_domain::appeal::ChallengeResult;
use umis_domain::case_state::StateName;
use umis_rules::services::Catalogue;
use umis_store::cases::{self, CaseRow};
use umis_store::documents::{self, IssuedRow, StayPermit, StayRegistration};
use umis_store::sql::WriteDb;

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
    /// Its cancellation procedure, if one was proposed (the holder sees it once it took effect).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cancellation: Option<CancellationView>,
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
            cancellation: None,
        }
    }
}

/// The context effects run in.
pub(crate) struct Effects<'a> {
    cat: &'a Catalogue,
    keys: &'a KeyRing,
    today: Date,
    now: &'a str,
}

impl<'a> Effects<'a> {
    pub(crate) fn new(cat: &'a Catalogue, keys: &'a KeyRing, today: Date, now: &'a str) -> Effects<'a> {
        Effects { cat, keys, today, now }
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
                    decide_appeal(db, self.cat, actor, row, ChallengeResult::Upheld, self.today, self.now)?;
                    // The claim is examined again: the certificate runs on.
                    asylum::set_last_day(db, original, Date::MAX)?;
                }
                // Refugee status replaces the certificate from today.
                asylum::set_last_day(db, &row.id, self.today)?;
            }
            StateName::Refused => {
                self.issue(db, row, &holder, "decision", &format!("{}_refused", row.service), None)?;
                // A refusal is final only when the period to challenge it (by appeal, then in
                // court) passes unused: counted from its presumed delivery, so that the
                // certificate never ends before the period can have run.
                let delivered = self.cat.appeal_terms().presumed_delivery.last_day_from(self.today);
                let final_on = super::appeals::complaint_period(self.cat).last_day_from(delivered);
                if let Some(original) = &row.appeal_of {
                    decide_appeal(
                        db,
                        self.cat,
                        actor,
                        row,
                        ChallengeResult::Dismissed,
                        self.today,
                        self.now,
                    )?;
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
        let mut fields = new_claims(doc_type, &number, kind, holder, validity, self.today, &row.id);
        // A refusal decision names the coded grounds it rests on, signed with it.
        if row.state == StateName::Refused && fields.doc_type == DocType::Decision {
            fields.grounds = row.ground_codes.clone();
        }
        let claims = Claims::new(fields)
            .map_err(|e| CaseError::Internal(format!("cannot issue the document: {e}")))?;
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

/// The credential's claims, unchecked and without grounds. A holder without a travel document
/// (a stateless person, a refugee who arrived without one) is named by the case: `XXX:` and the
/// case id's first characters.
fn new_claims(
    doc_type: &str,
    number: &str,
    kind: &str,
    holder: &Holder,
    validity: Option<(Date, Option<Date>)>,
    today: Date,
    case_id: &str,
) -> NewClaims {
    let travel_document = match (&holder.issuing_state, &holder.document_number) {
        (Some(state), Some(number)) => format!("{state}:{number}"),
        _ => format!("XXX:{}", case_id.get(..12).unwrap_or(case_id).to_uppercase()),
    };
    let doc_type = DocType::parse(doc_type).unwrap_or(DocType::Decision);
    let birth = holder.birth_date.as_deref().and_then(|d| Date::parse(d).ok()).unwrap_or(today);
    let name: String = holder.name.chars().take(100).collect::<String>().trim().to_owned();
    NewClaims {
        doc_type,
        number: number.to_owned(),
        kind: kind.to_owned(),
        holder: if name.is_empty() { "-".into() } else { name },
        travel_document,
        birth,
        valid_from: validity.map(|v| v.0),
        valid_until: validity.and_then(|v| v.1),
        employer: holder.employer_tin.clone(),
        grounds: Vec::new(),
        issued: today,
    }
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

/// Sets the status of a permit issued from `case` in the stay engine's table (`revoked` when
/// it is cancelled, `active` when a cancellation is annulled); other documents have no row there.
pub(crate) fn set_permit_status(
    db: &mut dyn WriteDb,
    case: &CaseRow,
    issued: &IssuedRow,
    status: &str,
    today: &str,
) -> Result<(), CaseError> {
    if issued.doc_type != "permit" {
        return Ok(());
    }
    documents::upsert_stay_permit(
        db,
        &StayPermit {
            number: &issued.number,
            kind: &issued.kind,
            issuing_state: case.holder_state.as_deref().unwrap_or_default(),
            document_number: case.holder_document.as_deref().unwrap_or_default(),
            valid_from: issued.valid_from.as_deref().unwrap_or(today),
            valid_until: issued.valid_until.as_deref().unwrap_or(today),
            employer_tin: case.employer_tin.as_deref(),
            status,
            content_hash: content_hash(&issued.number),
        },
    )?;
    Ok(())
}
