//! Hosts and employers: registering guests at their place of stay (one at a time, or a hotel's
//! guest list as CSV), the host's guests with their registration deadlines, and an employer's
//! work permits and foreign employees.
//!
//! Every change goes through the cases use cases (`crate::cases`), which check who may file,
//! validate the form against the catalogue, number the case, register it and audit each step.
//! This module only puts the steps together and reads the results back.

use crate::actor::Actor;
use crate::cases::{self, CaseAction, CaseError, CaseView, FieldProblem, NewCase};
use crate::clock::Clock;
use std::collections::BTreeMap;
use umis_credential::KeyRing;
use umis_domain::case_state::StateName;
use umis_domain::{CountryCode, Date};
use umis_rules::RulePack;
use umis_rules::services::{Catalogue, validate_form};
use umis_store::Store;
use umis_store::cases::{CaseFilter, CaseRow};
use umis_store::documents;
use umis_upload::{self as upload, Limits};

/// The service a host files to register a guest.
pub const REGISTRATION: &str = "registration";
/// The services an employer files for its foreign workers.
pub const WORK_SERVICES: [&str; 2] = ["work_permit", "work_permit_extension"];
/// The document the registration service asks for.
pub const PASSPORT_COPY: &str = "passport_copy";

/// The columns of a guest list, in order (the header row must name exactly these).
pub const GUEST_COLUMNS: [&str; 12] = [
    "surname",
    "given_names",
    "date_of_birth",
    "sex",
    "nationality",
    "document_issuer",
    "document_number",
    "arrival_date",
    "departure_date",
    "address",
    "phone",
    "email",
];
/// Columns that may be left empty.
pub const OPTIONAL_COLUMNS: [&str; 2] = ["phone", "email"];
/// Largest guest list file.
pub const MAX_SHEET_BYTES: usize = 256 * 1024;
/// Most guests in one list.
pub const MAX_SHEET_ROWS: usize = 100;
/// Longest line of a guest list.
pub const MAX_LINE_CHARS: usize = 2_000;

/// The registration form of one guest, from the fields a host gives: the stay starts on the
/// arrival date and runs to the expected departure.
pub fn guest_form(
    identity: &BTreeMap<String, String>,
    host_kind: &str,
    host_name: &str,
) -> BTreeMap<String, String> {
    let mut form: BTreeMap<String, String> = identity
        .iter()
        .filter(|(k, v)| k.as_str() != "departure_date" && !v.trim().is_empty())
        .map(|(k, v)| (k.clone(), v.trim().to_owned()))
        .collect();
    if let Some(a) = identity.get("arrival_date").filter(|v| !v.trim().is_empty()) {
        form.insert("stay_from".into(), a.trim().to_owned());
    }
    if let Some(d) = identity.get("departure_date").filter(|v| !v.trim().is_empty()) {
        form.insert("stay_until".into(), d.trim().to_owned());
    }
    form.insert("host_kind".into(), host_kind.to_owned());
    if !host_name.trim().is_empty() {
        form.insert("host_name".into(), host_name.trim().to_owned());
    }
    form
}

/// The registration form's problems, by field name as the host wrote it (`stay_until` is the
/// departure date), without filing anything.
pub fn check_guest(cat: &Catalogue, form: &BTreeMap<String, String>) -> Vec<(String, String)> {
    let Some(service) = cat.get(REGISTRATION) else { return vec![("form".into(), "unavailable".into())] };
    match validate_form(service, form) {
        Ok(_) => Vec::new(),
        Err(ps) => {
            let mut out: Vec<(String, String)> = Vec::new();
            for p in ps {
                let field = match p.field.as_str() {
                    "stay_until" => "departure_date".to_owned(),
                    "stay_from" => "arrival_date".to_owned(),
                    f => f.to_owned(),
                };
                if !out.iter().any(|(f, _)| *f == field) {
                    out.push((field, p.code.as_str().to_owned()));
                }
            }
            out
        }
    }
}

/// Registers one guest: checks the form and the passport copy first, then files the case,
/// attaches the copy and submits it (the service is registered on filing), all in one
/// transaction. Returns the case.
pub fn register_guest(
    store: &Store,
    cat: &Catalogue,
    clock: &Clock,
    keys: &KeyRing,
    actor: &Actor,
    form: BTreeMap<String, String>,
    passport_copy: &[u8],
) -> Result<CaseView, CaseError> {
    let mut cases = register_guests(store, cat, clock, keys, actor, vec![(form, passport_copy.to_vec())])
        .map_err(|refused| refused.error)?;
    cases.pop().ok_or(CaseError::NotFound)
}

/// The guest of a list the service refused, by its place in the list, and why. Nothing of the
/// list was registered.
#[derive(Debug)]
pub struct GuestRefused {
    /// The guest's place in the list (from 0); none when the database failed, which no
    /// guest caused.
    pub index: Option<usize>,
    /// Why.
    pub error: CaseError,
}

/// What the list's transaction ends with when it does not commit: a guest refused, or the
/// database failing (which names no guest).
enum ListFailure {
    Guest(GuestRefused),
    Store(umis_store::StoreError),
}

impl From<umis_store::StoreError> for ListFailure {
    fn from(e: umis_store::StoreError) -> Self {
        ListFailure::Store(e)
    }
}

/// Registers a list of guests, each with its form and passport copy, all or none: every form
/// and copy is checked first, then every guest is filed, given the copy and registered in one
/// transaction, so a refusal (a guest already registered from that day, say) or a crash half
/// way leaves no guest of the list registered and the list can be sent again as it is.
pub fn register_guests(
    store: &Store,
    cat: &Catalogue,
    clock: &Clock,
    keys: &KeyRing,
    actor: &Actor,
    guests: Vec<(BTreeMap<String, String>, Vec<u8>)>,
) -> Result<Vec<CaseView>, GuestRefused> {
    let mut checked = Vec::with_capacity(guests.len());
    for (index, (form, copy)) in guests.into_iter().enumerate() {
        let refused = |error| GuestRefused { index: Some(index), error };
        let problems = check_guest(cat, &form);
        if !problems.is_empty() {
            return Err(refused(CaseError::Invalid(
                problems
                    .into_iter()
                    .map(|(field, code)| FieldProblem { message: code.replace('_', " "), field, code })
                    .collect(),
            )));
        }
        let accepted = upload::accept(&copy, &Limits::default()).map_err(|r| {
            refused(CaseError::Invalid(vec![FieldProblem {
                field: PASSPORT_COPY.into(),
                code: r.code().to_owned(),
                message: r.to_string(),
            }]))
        })?;
        checked.push((form, accepted));
    }
    let rows = store
        .transact(|db| {
            let mut rows = Vec::with_capacity(checked.len());
            for (index, (form, copy)) in checked.into_iter().enumerate() {
                let refused = |error| ListFailure::Guest(GuestRefused { index: Some(index), error });
                let new = NewCase { service: REGISTRATION.into(), fee_tier: None, office: None, form };
                let case = cases::create_in(db, cat, clock, actor, new).map_err(refused)?;
                cases::attach_in(db, cat, clock, actor, &case.id, PASSPORT_COPY, &copy).map_err(refused)?;
                let submit = cases::Request { expected: None, action: CaseAction::Submit };
                rows.push(cases::act_in(db, cat, clock, keys, actor, &case.id, submit).map_err(refused)?);
            }
            Ok::<_, ListFailure>(rows)
        })
        .map_err(|failure| match failure {
            ListFailure::Guest(refused) => refused,
            ListFailure::Store(e) => GuestRefused { index: None, error: e.into() },
        })?;
    // The answers are read after the commit, outside the writers' queue.
    let today = clock.today();
    store
        .read(|db| {
            rows.iter().map(|row| cases::render(db, cat, actor, row, today)).collect::<Result<Vec<_>, _>>()
        })
        .map_err(|error| GuestRefused { index: None, error })
}

/// The number of the registration a case produced, if it is registered.
pub fn registration_number(case: &CaseView) -> Option<String> {
    case.issued.iter().find(|i| i.doc_type == "registration").map(|i| i.number.clone())
}

/// Where a guest's registration stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GuestStatus {
    /// Registered on the date given.
    Registered,
    /// Not registered yet; the deadline has not passed.
    Due,
    /// Not registered and the deadline has passed.
    Overdue,
}

impl GuestStatus {
    /// A stable code (`registered`, `due`, `overdue`).
    pub fn as_str(self) -> &'static str {
        match self {
            GuestStatus::Registered => "registered",
            GuestStatus::Due => "due",
            GuestStatus::Overdue => "overdue",
        }
    }
}

/// One guest of a host.
#[derive(Debug, Clone)]
pub struct GuestLine {
    /// The case.
    pub case_id: String,
    /// Its receipt number, once filed.
    pub receipt: Option<String>,
    /// Surname and given names.
    pub name: String,
    /// Issuing state and number of the travel document.
    pub document: String,
    /// Arrival date.
    pub arrival: Option<Date>,
    /// The registration deadline (arrival plus the rule pack's days for the nationality).
    pub deadline: Option<Date>,
    /// When the registration was filed.
    pub registered_on: Option<Date>,
    /// Where it stands.
    pub status: GuestStatus,
}

fn form_of(row: &CaseRow) -> BTreeMap<String, String> {
    serde_json::from_str(&row.form).unwrap_or_default()
}

fn date_of(v: Option<&String>) -> Option<Date> {
    v.and_then(|s| Date::parse(s).ok())
}

/// The form's values under `keys` that are present, joined by a space (a name, a document).
fn joined(form: &BTreeMap<String, String>, keys: &[&str]) -> String {
    keys.iter().filter_map(|k| form.get(*k)).cloned().collect::<Vec<_>>().join(" ")
}

/// The actor's own cases of one service, at most `limit` of them.
fn owned_cases(
    db: &mut dyn umis_store::sql::Db,
    actor: &Actor,
    service: &str,
    limit: i64,
) -> Result<Vec<CaseRow>, umis_store::StoreError> {
    umis_store::cases::list_cases(
        db,
        &CaseFilter { owner_id: Some(&actor.id), service: Some(service), limit, ..CaseFilter::default() },
    )
}

/// The host's guests (registrations filed and drafts not yet filed), soonest deadline first.
pub fn guests(
    store: &Store,
    clock: &Clock,
    pack: &RulePack,
    actor: &Actor,
) -> Result<Vec<GuestLine>, CaseError> {
    let today = clock.today();
    let rows = store.read(|db| owned_cases(db, actor, REGISTRATION, 1_000))?;
    let mut out: Vec<GuestLine> = rows
        .iter()
        .filter(|r| r.state != StateName::Withdrawn)
        .map(|r| {
            let form = form_of(r);
            let arrival = date_of(form.get("arrival_date"));
            let nationality = form.get("nationality").and_then(|n| CountryCode::parse(n).ok());
            let deadline = arrival.and_then(|a| {
                pack.registration_rule(a, nationality).map(|rule| a.add_days(i32::from(rule.deadline_days)))
            });
            let registered_on = if r.receipt.is_some() { r.submitted_on } else { None };
            let status = match (registered_on, deadline) {
                (Some(_), _) => GuestStatus::Registered,
                (None, Some(d)) if d < today => GuestStatus::Overdue,
                _ => GuestStatus::Due,
            };
            let name = joined(&form, &["surname", "given_names"]);
            let document = joined(&form, &["document_issuer", "document_number"]);
            GuestLine {
                case_id: r.id.clone(),
                receipt: r.receipt.clone(),
                name,
                document,
                arrival,
                deadline,
                registered_on,
                status,
            }
        })
        .collect();
    out.sort_by(|a, b| {
        (a.deadline.is_none(), a.deadline, &a.case_id).cmp(&(b.deadline.is_none(), b.deadline, &b.case_id))
    });
    Ok(out)
}

/// A guest list refused as a whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SheetRefusal {
    /// No bytes.
    Empty,
    /// Larger than [`MAX_SHEET_BYTES`].
    TooLarge,
    /// Not UTF-8 text (a spreadsheet, UTF-16, an image …).
    NotText,
    /// A line longer than [`MAX_LINE_CHARS`].
    LineTooLong,
    /// More than [`MAX_SHEET_ROWS`] guests.
    TooManyRows,
    /// The header row does not name the columns.
    BadHeader,
    /// A quote is left open, or text follows a closing quote.
    Malformed,
    /// A header and no guest.
    NoRows,
}

impl SheetRefusal {
    /// A stable code.
    pub fn code(self) -> &'static str {
        match self {
            SheetRefusal::Empty => "empty",
            SheetRefusal::TooLarge => "too_large",
            SheetRefusal::NotText => "not_text",
            SheetRefusal::LineTooLong => "line_too_long",
            SheetRefusal::TooManyRows => "too_many_rows",
            SheetRefusal::BadHeader => "bad_header",
            SheetRefusal::Malformed => "malformed",
            SheetRefusal::NoRows => "no_rows",
        }
    }
}

/// One guest of a list: its line number (the header is line 1), the fields by column, and
/// the problems found, as (column, code).
#[derive(Debug, Clone)]
pub struct SheetRow {
    /// Line number in the file.
    pub line: usize,
    /// The values by column name.
    pub fields: BTreeMap<String, String>,
    /// Problems, as (column, code).
    pub problems: Vec<(String, String)>,
}

/// Splits CSV text (RFC 4180, read by the `csv` crate) into records, each with the line it
/// starts on; blank lines are skipped. A quote left open would swallow the rest of the list
/// into one cell, so an odd number of quotes refuses the whole file.
fn records(text: &str) -> Result<Vec<(usize, Vec<String>)>, SheetRefusal> {
    if text.bytes().filter(|b| *b == b'"').count() % 2 == 1 {
        return Err(SheetRefusal::Malformed);
    }
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
    let mut out = Vec::new();
    let (mut line, mut counted) = (1, 0);
    for record in reader.records() {
        let record = record.map_err(|_| SheetRefusal::Malformed)?;
        // The line a record starts on, counted up to its byte offset (a quoted cell may span
        // lines, so the records' own count would not do).
        let mut at = record.position().map_or(0, |p| usize::try_from(p.byte()).unwrap_or(usize::MAX));
        // The reader places a record after the CR of a CRLF (and before skipped blank lines).
        while text.as_bytes().get(at).is_some_and(|b| matches!(b, b'\r' | b'\n')) {
            at += 1;
        }
        let upto = at.clamp(counted, text.len());
        line += text.as_bytes()[counted..upto].iter().filter(|b| **b == b'\n').count();
        counted = upto;
        out.push((line, record.iter().map(str::to_owned).collect()));
    }
    Ok(out)
}

/// Whether a spreadsheet would read `value` as a formula (`=`, `+`, `-`, `@`, or a leading
/// tab or carriage return). A phone number in international form (`+994…`) is not one.
pub fn looks_like_formula(column: &str, value: &str) -> bool {
    let Some(first) = value.chars().next() else { return false };
    match first {
        '=' | '@' | '-' | '\t' | '\r' => true,
        '+' => !(column == "phone" && value[1..].chars().all(|c| c.is_ascii_digit() || c == ' ')),
        _ => false,
    }
}

/// Reads a guest list: the whole file is refused when it is not a CSV of these columns within
/// the limits; each row is then checked like the one-guest form, and its problems listed.
pub fn read_sheet(cat: &Catalogue, bytes: &[u8], host_kind: &str) -> Result<Vec<SheetRow>, SheetRefusal> {
    if bytes.is_empty() {
        return Err(SheetRefusal::Empty);
    }
    if bytes.len() > MAX_SHEET_BYTES {
        return Err(SheetRefusal::TooLarge);
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.contains(&0) {
        return Err(SheetRefusal::NotText);
    }
    let text = std::str::from_utf8(bytes).map_err(|_| SheetRefusal::NotText)?;
    if text.split('\n').any(|l| l.chars().count() > MAX_LINE_CHARS) {
        return Err(SheetRefusal::LineTooLong);
    }
    let mut recs = records(text)?.into_iter();
    let Some((_, header)) = recs.next() else { return Err(SheetRefusal::Empty) };
    let header: Vec<String> = header.iter().map(|h| h.trim().to_ascii_lowercase()).collect();
    if header.len() != GUEST_COLUMNS.len() || header.iter().zip(GUEST_COLUMNS).any(|(h, c)| h != c) {
        return Err(SheetRefusal::BadHeader);
    }
    let recs: Vec<(usize, Vec<String>)> = recs.collect();
    if recs.len() > MAX_SHEET_ROWS {
        return Err(SheetRefusal::TooManyRows);
    }
    if recs.is_empty() {
        return Err(SheetRefusal::NoRows);
    }
    let mut seen: Vec<String> = Vec::new();
    Ok(recs
        .into_iter()
        .map(|(line, values)| {
            let mut problems: Vec<(String, String)> = Vec::new();
            if values.len() != GUEST_COLUMNS.len() {
                problems.push((String::new(), "column_count".into()));
            }
            let fields: BTreeMap<String, String> = GUEST_COLUMNS
                .iter()
                .zip(values.iter())
                .map(|(c, v)| ((*c).to_owned(), v.trim().to_owned()))
                .collect();
            for (c, v) in &fields {
                if looks_like_formula(c, v) {
                    problems.push((c.clone(), "formula".into()));
                }
            }
            if problems.is_empty() {
                let form = guest_form(&fields, host_kind, "");
                problems.extend(check_guest(cat, &form));
                let doc = format!(
                    "{}/{}",
                    fields.get("document_issuer").map_or("", String::as_str),
                    fields.get("document_number").map_or("", String::as_str)
                );
                if problems.is_empty() {
                    if seen.contains(&doc) {
                        problems.push(("document_number".into(), "duplicate".into()));
                    }
                    seen.push(doc);
                }
            }
            SheetRow { line, fields, problems }
        })
        .collect())
}

/// The example guest list the upload page offers.
pub fn example_sheet(today: Date) -> String {
    let mut s = GUEST_COLUMNS.join(",");
    s.push_str("\r\n");
    s.push_str(&format!(
        "Ivanova,Anna,1988-04-12,F,RUS,RUS,751234567,{},{},\"Nizami küçəsi 10, mənzil 5, Bakı\",+994501234567,anna@example.test\r\n",
        today,
        today.add_days(7)
    ));
    s.push_str(&format!(
        "Yılmaz,Mehmet,1979-11-30,M,TUR,TUR,U12345678,{},{},\"Neftçilər prospekti 45, Bakı\",,\r\n",
        today.add_days(-1),
        today.add_days(3)
    ));
    s
}

/// A year's work-permit quota: (quota, used), if the year has one.
pub fn work_quota(store: &Store, year: i32) -> Result<Option<(i64, i64)>, CaseError> {
    Ok(store.read(|db| umis_store::cases::work_quota(db, i64::from(year)))?)
}

/// One of an employer's work-permit applications.
#[derive(Debug, Clone)]
pub struct WorkCase {
    /// The case.
    pub case_id: String,
    /// Service code.
    pub service: String,
    /// Receipt number.
    pub receipt: Option<String>,
    /// State.
    pub state: StateName,
    /// The worker's name.
    pub worker: String,
    /// Filing date.
    pub submitted_on: Option<Date>,
    /// Statutory deadline.
    pub due_on: Option<Date>,
}

/// The employer's work-permit and extension applications (drafts included), newest first.
pub fn work_cases(store: &Store, actor: &Actor) -> Result<Vec<WorkCase>, CaseError> {
    let mut out = Vec::new();
    for service in WORK_SERVICES {
        let rows = store.read(|db| owned_cases(db, actor, service, 500))?;
        out.extend(rows.iter().map(|r| {
            let form = form_of(r);
            WorkCase {
                case_id: r.id.clone(),
                service: r.service.clone(),
                receipt: r.receipt.clone(),
                state: r.state,
                worker: joined(&form, &["surname", "given_names"]),
                submitted_on: r.submitted_on,
                due_on: r.due_on,
            }
        }));
    }
    out.sort_by(|a, b| b.submitted_on.cmp(&a.submitted_on).then_with(|| a.case_id.cmp(&b.case_id)));
    Ok(out)
}

/// A foreign employee of an employer, with their newest work permit.
#[derive(Debug, Clone)]
pub struct Employee {
    /// Surname and given names.
    pub name: String,
    /// Issuing state and number of the travel document.
    pub document: String,
    /// The permit's number.
    pub permit: String,
    /// Last day of validity.
    pub valid_until: Date,
    /// Days from today to the last day (negative once expired).
    pub days_left: i64,
    /// Expires within [`EXPIRY_WARNING_DAYS`] (or has expired).
    pub expiring: bool,
}

/// Permits expiring within this many days are flagged.
pub const EXPIRY_WARNING_DAYS: i64 = 60;

/// The employer's foreign employees: one line per worker with their latest unrevoked work
/// permit issued from this employer's cases, soonest expiry first.
pub fn employees(store: &Store, clock: &Clock, actor: &Actor) -> Result<Vec<Employee>, CaseError> {
    let today = clock.today();
    let mut by_doc: BTreeMap<String, Employee> = BTreeMap::new();
    store.read(|db| {
        for service in WORK_SERVICES {
            let rows = owned_cases(db, actor, service, 1_000)?;
            for r in rows.iter().filter(|r| matches!(r.state, StateName::Approved | StateName::Closed)) {
                let form = form_of(r);
                for issued in documents::issued_for_case(db, &r.id)? {
                    if issued.doc_type != "permit" || issued.revoked_on.is_some() {
                        continue;
                    }
                    let Some(until) = date_of(issued.valid_until.as_ref()) else { continue };
                    let document = joined(&form, &["document_issuer", "document_number"]);
                    if by_doc.get(&document).is_some_and(|e| e.valid_until >= until) {
                        continue;
                    }
                    let days_left = i64::from(until.days_since(today));
                    let name = joined(&form, &["surname", "given_names"]);
                    by_doc.insert(
                        document.clone(),
                        Employee {
                            name,
                            document,
                            permit: issued.number.clone(),
                            valid_until: until,
                            days_left,
                            expiring: days_left <= EXPIRY_WARNING_DAYS,
                        },
                    );
                }
            }
        }
        Ok::<_, CaseError>(())
    })?;
    let mut out: Vec<Employee> = by_doc.into_values().collect();
    out.sort_by(|a, b| (a.valid_until, &a.name).cmp(&(b.valid_until, &b.name)));
    Ok(out)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn cat() -> Catalogue {
        Catalogue::builtin().unwrap()
    }

    #[test]
    fn a_well_formed_list_is_read_row_by_row() {
        let today = Date::parse("2026-11-20").unwrap();
        let rows = read_sheet(&cat(), example_sheet(today).as_bytes(), "hotel").unwrap();
        assert_eq!(rows.len(), 2);
        assert!(rows.iter().all(|r| r.problems.is_empty()), "{rows:?}");
        assert_eq!(rows[1].line, 3);
    }

    #[test]
    fn hostile_lists_are_refused_whole_or_by_row() {
        assert_eq!(read_sheet(&cat(), b"", "hotel").unwrap_err(), SheetRefusal::Empty);
        assert_eq!(read_sheet(&cat(), b"\xFF\xFEs\0u\0", "hotel").unwrap_err(), SheetRefusal::NotText);
        assert_eq!(read_sheet(&cat(), b"a,b\n1,2\n", "hotel").unwrap_err(), SheetRefusal::BadHeader);
        let long = format!("{}\n{}\n", GUEST_COLUMNS.join(","), "x".repeat(5_000));
        assert_eq!(read_sheet(&cat(), long.as_bytes(), "hotel").unwrap_err(), SheetRefusal::LineTooLong);
        let open = format!("{}\n\"open,", GUEST_COLUMNS.join(","));
        assert_eq!(read_sheet(&cat(), open.as_bytes(), "hotel").unwrap_err(), SheetRefusal::Malformed);
        let formula = format!(
            "{}\n=cmd|' /C calc'!A0,Anna,1988-04-12,F,RUS,RUS,751234567,2026-11-20,2026-11-27,Bakı,+994501234567,\n",
            GUEST_COLUMNS.join(",")
        );
        let rows = read_sheet(&cat(), formula.as_bytes(), "hotel").unwrap();
        assert_eq!(rows[0].problems, vec![("surname".to_owned(), "formula".to_owned())]);
    }

    #[test]
    fn phone_numbers_are_not_formulas() {
        assert!(!looks_like_formula("phone", "+994 50 123 45 67"));
        assert!(looks_like_formula("phone", "+1+cmd"));
        assert!(looks_like_formula("address", "+SUM(A1)"));
        assert!(looks_like_formula("surname", "@x"));
    }
}
