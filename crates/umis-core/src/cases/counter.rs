//! The service-centre counter: an operator checks a person's identity from their passport,
//! opens a draft for them with the identity fields taken from the document, takes the state
//! duty in person and prints the receipt.
//!
//! The identity check is recorded in the case's history (event `identity_check`, audited
//! like every step) in the transaction that opens the case, so no case opened at a counter
//! lacks it. A fee is taken once per case: a repeat answers with the first payment, a different
//! amount than due is refused, and only an operator of the case's own office may take it.

use super::catalogue;
use super::file::{NewCase, create_in};
use super::row::record;
use super::view::{CaseView, render};
use super::{CaseError, FeeRefusal, FieldProblem, form};
use crate::actor::Actor;
use crate::clock::Clock;
use std::collections::BTreeMap;
use umis_domain::case_state::StateName;
use umis_domain::{CountryCode, Date, Role};
use umis_mrz as mrz;
use umis_rules::services::Catalogue;
use umis_store::cases::{self, CaseRow};
use umis_store::payments::{self, PaymentRow};
use umis_store::sql::Db;
use umis_store::{AuditEntry, Store, accounts, documents};

/// Passport kinds a counter accepts (ICAO 9303 document codes of TD3 passports).
pub const PASSPORT_CODES: [&str; 3] = ["P", "PD", "PS"];
/// Longest payment receipt number.
pub const MAX_REFERENCE: usize = 40;
/// Longest name field (as the catalogue's identity fields).
pub const MAX_NAME: usize = 100;

/// A person's passport data as the operator read (or a scanner filled) it.
#[derive(Debug, Clone, Default)]
pub struct PassportData {
    /// `P`, `PD` or `PS`.
    pub document_code: String,
    /// Issuing state, ISO 3166-1 alpha-3 (or an ICAO code).
    pub issuing_state: String,
    /// Document number.
    pub document_number: String,
    /// Surname, in Latin letters as in the passport.
    pub surname: String,
    /// Given names, in Latin letters as in the passport.
    pub given_names: String,
    /// Nationality, three letters.
    pub nationality: String,
    /// Date of birth, `YYYY-MM-DD`.
    pub date_of_birth: String,
    /// `M`, `F` or `X`.
    pub sex: String,
    /// Date of expiry, `YYYY-MM-DD`.
    pub expiry: String,
    /// First line of the machine-readable zone.
    pub mrz_line1: String,
    /// Second line of the machine-readable zone.
    pub mrz_line2: String,
    /// The operator compared the photo with the person at the counter.
    pub photo_compared: bool,
}

fn problem(list: &mut Vec<FieldProblem>, field: &str, code: &str, message: &str) {
    if !list.iter().any(|p| p.field == field) {
        list.push(FieldProblem { field: field.into(), code: code.into(), message: message.into() });
    }
}

fn latin_name(s: &str) -> bool {
    s.chars().all(|c| {
        c == ' '
            || c == '-'
            || c == '\''
            || c == '’'
            || c.is_ascii_alphabetic()
            || (c.is_alphabetic() && ('\u{00C0}'..='\u{024F}').contains(&c))
            || c == 'Ə'
            || c == 'ə'
    }) && s.chars().any(char::is_alphabetic)
}

fn country(s: &str) -> Option<CountryCode> {
    let up = s.trim().to_ascii_uppercase();
    // Germany writes a single D in the zone.
    let up = if up == "D" { "DEU".to_owned() } else { up };
    CountryCode::parse(&up).ok()
}

/// Checks passport data against itself and its machine-readable zone: every field present and
/// well formed, the zone's check digits right, the zone saying what the fields say, the
/// document not expired, the photo compared. Every problem is named, by field.
pub fn check_passport(p: &PassportData, today: Date) -> Result<(), Vec<FieldProblem>> {
    let mut ps = Vec::new();
    check_identity_fields(p, &mut ps);
    let dates = check_dates(p, today, &mut ps);
    check_zone(p, dates, &mut ps);
    if !p.photo_compared {
        problem(&mut ps, "photo_compared", "photo_not_compared", "compare the photo with the person");
    }
    if ps.is_empty() { Ok(()) } else { Err(ps) }
}

/// The document code, countries, document number, names and sex, each on its own.
fn check_identity_fields(p: &PassportData, ps: &mut Vec<FieldProblem>) {
    if !PASSPORT_CODES.contains(&p.document_code.as_str()) {
        problem(ps, "document_code", "required", "choose the kind of passport");
    }
    for (field, value) in [("issuing_state", &p.issuing_state), ("nationality", &p.nationality)] {
        if value.trim().is_empty() {
            problem(ps, field, "required", "required");
        } else if country(value).is_none() {
            problem(ps, field, "not_a_country", "not a three-letter country code");
        }
    }
    if p.document_number.trim().is_empty() {
        problem(ps, "document_number", "required", "required");
    } else if umis_domain::text::document_number("document_number", p.document_number.trim()).is_err() {
        problem(ps, "document_number", "not_a_document_number", "1-20 letters and digits");
    }
    for (field, value) in [("surname", &p.surname), ("given_names", &p.given_names)] {
        let v = value.trim();
        if v.is_empty() {
            problem(ps, field, "required", "required");
        } else if v.chars().count() > MAX_NAME {
            problem(ps, field, "too_long", "too long");
        } else if !latin_name(v) {
            problem(ps, field, "not_latin", "letters of the Latin alphabet as in the passport");
        }
    }
}

/// Which of the two dates are dates (whatever their value), for comparing with the zone.
#[derive(Clone, Copy)]
struct DatesRead {
    birth: bool,
    expiry: bool,
}

/// Birth in the past, sex given, expiry not past.
fn check_dates(p: &PassportData, today: Date, ps: &mut Vec<FieldProblem>) -> DatesRead {
    let birth = Date::parse(p.date_of_birth.trim()).ok();
    match birth {
        _ if p.date_of_birth.trim().is_empty() => problem(ps, "date_of_birth", "required", "required"),
        None => problem(ps, "date_of_birth", "not_a_date", "not a date"),
        Some(d) if d >= today => problem(ps, "date_of_birth", "not_past", "must be in the past"),
        Some(_) => {}
    }
    if !["M", "F", "X"].contains(&p.sex.as_str()) {
        problem(ps, "sex", "required", "choose the sex as in the passport");
    }
    let expiry = Date::parse(p.expiry.trim()).ok();
    match expiry {
        _ if p.expiry.trim().is_empty() => problem(ps, "expiry", "required", "required"),
        None => problem(ps, "expiry", "not_a_date", "not a date"),
        Some(d) if d < today => problem(ps, "expiry", "expired", "the passport has expired"),
        Some(_) => {}
    }
    DatesRead { birth: birth.is_some(), expiry: expiry.is_some() }
}

/// Both zone lines present and valid, and saying what the fields say.
fn check_zone(p: &PassportData, dates: DatesRead, ps: &mut Vec<FieldProblem>) {
    let (l1, l2) = (p.mrz_line1.trim(), p.mrz_line2.trim());
    if l1.is_empty() {
        problem(ps, "mrz_line1", "required", "required");
    }
    if l2.is_empty() {
        problem(ps, "mrz_line2", "required", "required");
    }
    if l1.is_empty() || l2.is_empty() {
        return;
    }
    match mrz::parse_td3(l1, l2) {
        Err(e) => {
            let field = match e {
                mrz::MrzProblem::NotAPassport => "mrz_line1",
                mrz::MrzProblem::Length | mrz::MrzProblem::Characters
                    if l2.chars().count() == mrz::TD3_LINE =>
                {
                    "mrz_line1"
                }
                _ => "mrz_line2",
            };
            problem(ps, field, &format!("mrz_{}", e.code()), "the machine-readable zone is wrong");
        }
        Ok(z) => zone_mismatches(p, &z, dates, ps),
    }
}

/// Names every well-formed field the zone contradicts.
fn zone_mismatches(p: &PassportData, z: &mrz::Td3, dates: DatesRead, ps: &mut Vec<FieldProblem>) {
    let mismatch = |ps: &mut Vec<FieldProblem>, field: &str| {
        problem(ps, field, "mrz_mismatch", "differs from the machine-readable zone")
    };
    if PASSPORT_CODES.contains(&p.document_code.as_str()) && z.document_code != p.document_code {
        mismatch(ps, "document_code");
    }
    if country(&p.issuing_state).is_some() && country(&z.issuing_state) != country(&p.issuing_state) {
        mismatch(ps, "issuing_state");
    }
    if country(&p.nationality).is_some() && country(&z.nationality) != country(&p.nationality) {
        mismatch(ps, "nationality");
    }
    if !p.document_number.trim().is_empty()
        && z.document_number != p.document_number.trim().to_ascii_uppercase()
    {
        mismatch(ps, "document_number");
    }
    if !p.surname.trim().is_empty() && !mrz::name_matches(&p.surname, &z.surname) {
        mismatch(ps, "surname");
    }
    if !p.given_names.trim().is_empty() && !mrz::name_matches(&p.given_names, &z.given_names) {
        mismatch(ps, "given_names");
    }
    if dates.birth && mrz::yymmdd(p.date_of_birth.trim()).as_deref() != Some(&z.birth_yymmdd) {
        mismatch(ps, "date_of_birth");
    }
    let zone_sex = if z.sex == '<' { 'X' } else { z.sex };
    if ["M", "F", "X"].contains(&p.sex.as_str()) && p.sex != zone_sex.to_string() {
        mismatch(ps, "sex");
    }
    if dates.expiry && mrz::yymmdd(p.expiry.trim()).as_deref() != Some(&z.expiry_yymmdd) {
        mismatch(ps, "expiry");
    }
}

/// The identity fields of an application form, as the passport gives them.
pub fn identity_form(p: &PassportData) -> BTreeMap<String, String> {
    let code = |s: &str| country(s).map(|c| c.to_string()).unwrap_or_default();
    BTreeMap::from([
        ("surname".to_owned(), p.surname.trim().to_owned()),
        ("given_names".to_owned(), p.given_names.trim().to_owned()),
        ("date_of_birth".to_owned(), p.date_of_birth.trim().to_owned()),
        ("nationality".to_owned(), code(&p.nationality)),
        ("sex".to_owned(), p.sex.clone()),
        ("document_issuer".to_owned(), code(&p.issuing_state)),
        ("document_number".to_owned(), p.document_number.trim().to_ascii_uppercase()),
    ])
}

fn operator_office(actor: &Actor) -> Result<String, CaseError> {
    match (&actor.role, &actor.office) {
        (Role::Operator, Some(office)) => Ok(office.clone()),
        _ => Err(CaseError::Forbidden("only a service-centre operator works at a counter".into())),
    }
}

/// Opens a draft of `service` at the operator's own office for the person whose passport was
/// checked, with the identity fields filled from the passport, and records the check.
pub fn file_at_counter(
    store: &Store,
    cat: &Catalogue,
    clock: &Clock,
    actor: &Actor,
    service: &str,
    fee_tier: Option<&str>,
    passport: &PassportData,
) -> Result<CaseView, CaseError> {
    let office = operator_office(actor)?;
    let today = clock.today();
    check_passport(passport, today).map_err(CaseError::Invalid)?;
    let service = catalogue::service(cat, service)?;
    if !service.may_file(actor.role) || service.sensitive() {
        return Err(CaseError::invalid(
            "service",
            "not_at_counter",
            "this service is not filed at a counter",
        ));
    }
    let now = clock.now_rfc3339();
    let note = format!(
        "Identity checked at the counter from passport {} issued by {}, valid until {}: machine-readable \
         zone check digits correct and matching the data page, photo compared with the person.",
        passport.document_code,
        country(&passport.issuing_state).map(|c| c.to_string()).unwrap_or_default(),
        passport.expiry.trim(),
    );
    let new = NewCase {
        service: service.code().to_owned(),
        fee_tier: fee_tier.map(str::to_owned),
        office: Some(office),
        form: identity_form(passport),
    };
    let row = store.transact(|db| {
        let row = create_in(db, cat, clock, actor, new)?;
        record(db, actor, &row, "identity_check", StateName::Draft, Some(&note), &now)?;
        Ok::<_, CaseError>(row)
    })?;
    store.read(|db| render(db, cat, actor, &row, today))
}

/// How a fee was paid at the counter.
#[derive(Debug, Clone)]
pub struct TakeFee {
    /// Amount taken, in qəpik (must be the amount due).
    pub amount_minor: i64,
    /// `cash` or `card`.
    pub method: String,
    /// The payment's receipt number (cash register or card terminal slip).
    pub reference: String,
}

/// A fee taken.
#[derive(Debug, Clone)]
pub struct FeeTaken {
    /// The payment as recorded.
    pub payment: PaymentRow,
    /// Whether it had been recorded before (a repeat changes nothing).
    pub repeated: bool,
}

/// What the counter's fee desk works with: the clock, and for a duty that lets a grant take
/// effect, the catalogue and the signing keys.
pub struct Desk<'a> {
    /// The clock.
    pub clock: &'a Clock,
    /// The e-service catalogue.
    pub catalogue: &'a umis_rules::services::Catalogue,
    /// The credential signing keys.
    pub keys: &'a umis_credential::KeyRing,
}

/// States in which no fee is taken any more.
const NO_FEE_STATES: [StateName; 8] = [
    StateName::Withdrawn,
    StateName::Closed,
    StateName::Refused,
    StateName::Appealed,
    StateName::LapsedUnpaid,
    StateName::LeftWithoutConsideration,
    StateName::ProceedingsTerminated,
    StateName::Forwarded,
];

/// A case of the operator's own office (asylum cases are never handled at a counter).
fn counter_case(db: &mut dyn Db, actor: &Actor, id: &str) -> Result<CaseRow, CaseError> {
    let office = operator_office(actor)?;
    cases::case_by_id(db, id)?.filter(|r| r.office_code == office && !r.sensitive).ok_or(CaseError::NotFound)
}

/// Whether a payment receipt number is well formed: 1–40 of `A`–`Z`, `0`–`9`, `-`, `/`.
pub fn valid_reference(reference: &str) -> bool {
    (1..=MAX_REFERENCE).contains(&reference.len())
        && reference.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'-' || b == b'/')
}

/// Records that the fee due for a case was taken at the counter. Idempotent: a second call
/// answers with the first payment and writes nothing.
///
/// The duty of a residence or work permit is paid after the decision (review X1): before it
/// the counter takes nothing; once the case awaits payment, the duty taken here lets the grant
/// take effect as a payment against its number would.
pub fn take_fee(
    store: &Store,
    desk: &Desk<'_>,
    actor: &Actor,
    id: &str,
    fee: &TakeFee,
) -> Result<FeeTaken, CaseError> {
    let clock = desk.clock;
    let mut ps = Vec::new();
    if !["cash", "card"].contains(&fee.method.as_str()) {
        problem(&mut ps, "method", "required", "cash or card");
    }
    let reference = fee.reference.trim().to_ascii_uppercase();
    if reference.is_empty() {
        problem(&mut ps, "reference", "required", "required");
    } else if !valid_reference(&reference) {
        problem(&mut ps, "reference", "not_a_reference", "1-40 letters, digits, '-' or '/'");
    }
    let now = clock.now_rfc3339();
    store.transact(|db| {
        let mut row = counter_case(db, actor, id)?;
        if row.fee_minor == 0 {
            return Err(CaseError::Fee(FeeRefusal::NoneDue));
        }
        if fee.amount_minor != row.fee_minor {
            problem(&mut ps, "amount", "wrong_amount", "not the amount due");
        }
        if !ps.is_empty() {
            return Err(CaseError::Invalid(ps));
        }
        if let Some(payment) = payments::payment_for_case(db, &row.id)? {
            return Ok(FeeTaken { payment, repeated: true });
        }
        if row.fee_paid {
            return Err(CaseError::Fee(FeeRefusal::AlreadyPaid));
        }
        if NO_FEE_STATES.contains(&row.state) {
            return Err(CaseError::Fee(FeeRefusal::NotInThisState));
        }
        if super::duty::paid_after_decision(desk.catalogue, &row) && row.state != StateName::AwaitingPayment {
            return Err(CaseError::Fee(FeeRefusal::AfterDecision));
        }
        if payments::case_of_reference(db, &row.office_code, &reference)?.is_some() {
            return Err(CaseError::invalid(
                "reference",
                "reference_used",
                "this receipt number is already recorded",
            ));
        }
        row = mark_paid(db, desk, actor, row, &reference, &now)?;
        let payment = PaymentRow {
            case_id: row.id.clone(),
            amount_minor: row.fee_minor,
            method: fee.method.clone(),
            reference: reference.clone(),
            office_code: row.office_code.clone(),
            taken_by: actor.id.clone(),
            taken_at: now.clone(),
        };
        payments::insert_payment(db, &payment)?;
        let note = format!(
            "Fee of {}.{:02} AZN taken at the counter by {}, payment receipt {}.",
            row.fee_minor / 100,
            row.fee_minor % 100,
            fee.method,
            reference
        );
        record(db, actor, &row, "fee_taken", row.state, Some(&note), &now)?;
        Ok(FeeTaken { payment, repeated: false })
    })
}

/// Marks a case's fee paid; a duty awaited after the decision is paid against its payment
/// number, so the grant takes effect. The case as it now stands.
fn mark_paid(
    db: &mut dyn umis_store::sql::WriteDb,
    desk: &Desk<'_>,
    actor: &Actor,
    mut row: CaseRow,
    reference: &str,
    now: &str,
) -> Result<CaseRow, CaseError> {
    if row.state == StateName::AwaitingPayment {
        let duty = umis_store::procedure::duty_for_case(db, &row.id)?.ok_or(CaseError::NotFound)?;
        let paid = super::duty::Paid { amount_minor: row.fee_minor, reference, paid_at: now };
        super::duty::pay_in(db, desk.catalogue, desk.clock, desk.keys, actor, duty, &paid)?;
        return cases::case_by_id(db, &row.id)?.ok_or(CaseError::NotFound);
    }
    row.fee_paid = true;
    row.version += 1;
    cases::update_case(db, &row)?;
    Ok(row)
}

/// A case as the counter shows it.
#[derive(Debug, Clone)]
pub struct CounterCase {
    /// Case id.
    pub id: String,
    /// Receipt number, once submitted.
    pub receipt: Option<String>,
    /// Service code.
    pub service: String,
    /// Lifecycle state.
    pub state: StateName,
    /// The person's name, from the form.
    pub person: String,
    /// The person's travel document number.
    pub document_number: String,
    /// Fee tier.
    pub fee_tier: String,
    /// Fee due, in qəpik.
    pub fee_minor: i64,
    /// Whether it is paid.
    pub fee_paid: bool,
    /// The payment taken at a counter.
    pub payment: Option<PaymentRow>,
    /// Opened (RFC 3339).
    pub created_at: String,
    /// Filing date.
    pub submitted_on: Option<Date>,
    /// Office code.
    pub office: String,
    /// Office name.
    pub office_name: String,
    /// Whether the reader filed it (and may open it in the application pages).
    pub filed_by_reader: bool,
    /// Issued documents (number, type), for the filer only.
    pub issued: Vec<(String, String)>,
    /// The form's answers, from which the page shows what the fee is based on.
    pub form: std::collections::BTreeMap<String, String>,
}

fn counter_case_view(
    actor: &Actor,
    row: &CaseRow,
    payment: Option<PaymentRow>,
    office_name: &str,
    issued: Vec<(String, String)>,
) -> CounterCase {
    let f = form::from_json(&row.form);
    let get = |k: &str| f.get(k).cloned().unwrap_or_default();
    let person =
        [get("surname"), get("given_names")].into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>();
    CounterCase {
        id: row.id.clone(),
        receipt: row.receipt.clone(),
        service: row.service.clone(),
        state: row.state,
        person: person.join(" "),
        document_number: get("document_number"),
        fee_tier: row.fee_tier.clone(),
        fee_minor: row.fee_minor,
        fee_paid: row.fee_paid,
        payment,
        created_at: row.created_at.clone(),
        submitted_on: row.submitted_on,
        office: row.office_code.clone(),
        office_name: office_name.to_owned(),
        filed_by_reader: row.owner_id == actor.id,
        issued,
        form: f,
    }
}

fn office_name(db: &mut dyn Db, code: &str) -> Result<String, CaseError> {
    Ok(accounts::offices(db)?.into_iter().find(|o| o.code == code).map(|o| o.name).unwrap_or_default())
}

/// One case of the operator's office for its fee and receipt pages (an audited read).
pub fn counter_case_for(
    store: &Store,
    actor: &Actor,
    id: &str,
    purpose: &str,
) -> Result<CounterCase, CaseError> {
    store.transact(|db| {
        let row = counter_case(db, actor, id)?;
        let payment = payments::payment_for_case(db, &row.id)?;
        let issued = if row.owner_id == actor.id {
            documents::issued_for_case(db, &row.id)?
                .into_iter()
                .filter(|d| d.revoked_on.is_none())
                .map(|d| (d.number, d.doc_type))
                .collect()
        } else {
            Vec::new()
        };
        db.audit(&AuditEntry {
            actor: &actor.audit_name(),
            action: "case.read",
            object: &format!("case:{}", row.id),
            outcome: "ok",
            detail: &serde_json::json!({ "purpose": purpose, "sensitive": false }).to_string(),
        })?;
        let name = office_name(db, &row.office_code)?;
        Ok(counter_case_view(actor, &row, payment, &name, issued))
    })
}

/// The operator's desk: the cases of their office opened or paid today (UTC), newest first
/// (an audited read: the list names people).
pub fn desk(store: &Store, clock: &Clock, actor: &Actor) -> Result<(String, Vec<CounterCase>), CaseError> {
    let office = operator_office(actor)?;
    let since = clock.today().to_string();
    store.transact(|db| {
        let rows = payments::office_day(db, &office, &since, 200)?;
        db.audit(&AuditEntry {
            actor: &actor.audit_name(),
            action: "case.list",
            object: &format!("office:{office}"),
            outcome: "ok",
            detail: &serde_json::json!({ "purpose": "counter_desk", "count": rows.len() }).to_string(),
        })?;
        let name = office_name(db, &office)?;
        let list = rows
            .into_iter()
            .map(|d| counter_case_view(actor, &d.case, d.payment, &name, Vec::new()))
            .collect();
        Ok((name, list))
    })
}
