//! The service-centre counter: the operator's desk (today's applications of the office), the
//! identity check from the passport and its machine-readable zone, the choice of service that
//! opens the draft for the person, the fee taken in person and the printable receipt.
//!
//! The rules (check digits, expiry, who may take which fee) are the core's
//! (`umis_core::cases::counter`); these pages collect the answers, carry the checked passport
//! from one step to the next in hidden fields (checked again at every step) and show refusals
//! as error summaries.

use super::chrome::{Chrome, Params, Viewer, render, see_other};
use super::errors::PageError;
use super::form::{Errors, Form, MAX_FIELD_CHARS};
use super::{PageAccess, PageRoute, page};
use crate::AppState;
use crate::api::errors::run;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use std::sync::Arc;
use umis_core::cases::CaseError;
use umis_core::cases::counter::{self, CounterCase, PassportData, TakeFee};
use umis_domain::{Date, Role};
use umis_rules::services::{Catalogue, Filer};

const OPERATOR: PageAccess = PageAccess::Person(&[Role::Operator]);

/// The pages of this module.
pub const ROUTES: &[PageRoute] = &[
    page("GET", "/counter", OPERATOR, || get(desk)),
    page("GET", "/counter/identity", OPERATOR, || get(identity_page)),
    page("POST", "/counter/identity", OPERATOR, || post(identity)),
    page("POST", "/counter/file", OPERATOR, || post(file)),
    page("GET", "/counter/cases/{id}/fee", OPERATOR, || get(fee_page)),
    page("POST", "/counter/cases/{id}/fee", OPERATOR, || post(fee)),
    page("GET", "/counter/cases/{id}/receipt", OPERATOR, || get(receipt)),
];

/// The passport fields of the identity form, in page order (their ids and names).
const PASSPORT_FIELDS: [&str; 11] = [
    "document_code",
    "issuing_state",
    "document_number",
    "surname",
    "given_names",
    "nationality",
    "date_of_birth",
    "sex",
    "expiry",
    "mrz_line1",
    "mrz_line2",
];

/// Longest value any counter field takes before the core looks at it (longer is refused).
const MAX_COUNTER_FIELD: usize = 200;

fn is_case_id(id: &str) -> bool {
    id.len() == 32 && id.bytes().all(|b| b.is_ascii_hexdigit())
}

fn parse_date(s: &str) -> Option<Date> {
    s.get(..10).and_then(|d| Date::parse(d).ok())
}

/// A refusal status for a page that shows an error summary.
fn refused(mut r: Response) -> Response {
    *r.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    r
}

/// The core's problems as form errors in the page's language, tied to the page's fields.
fn problems_to_errors(viewer: &Viewer, e: &CaseError) -> Option<Errors> {
    let mut errors = Errors::new();
    match e {
        CaseError::Invalid(problems) => {
            for p in problems {
                let field = match p.field.strip_prefix("form.").unwrap_or(&p.field) {
                    "document_issuer" => "issuing_state",
                    "fee_tier" => "service",
                    other => other,
                }
                .to_owned();
                let label = viewer.t(&format!("operator-field-{field}"));
                let key = format!("operator-problem-{}", p.code);
                let mut message = viewer.ta(&key, &[("field", label.clone().into())]);
                if message == key {
                    message = viewer.ta("operator-problem-other", &[("field", label.into())]);
                }
                let field = if field.starts_with("documents.") { String::new() } else { field };
                errors.add(&field, message);
            }
        }
        CaseError::Stale
        | CaseError::NotEditable
        | CaseError::NoDocumentsNow
        | CaseError::TierPaid
        | CaseError::QuotaExhausted { .. }
        | CaseError::AlreadyRevoked
        | CaseError::Fee(_)
        | CaseError::Transition(_)
        | CaseError::Forbidden(_) => {
            errors.add("", viewer.t("operator-refused"));
        }
        CaseError::BeyondCalendar(b) => errors.add("", super::form::beyond_calendar(viewer, b)),
        CaseError::NotFound | CaseError::Internal(_) | CaseError::Store(_) => return None,
    }
    Some(errors)
}

fn core_error(e: CaseError) -> PageError {
    PageError::from(crate::problem::ApiError::from(e))
}

// --- The desk ---------------------------------------------------------------------------------

/// An application as the desk lists it.
struct DeskItem {
    id: String,
    receipt: String,
    service: String,
    person: String,
    state: umis_domain::case_state::StateName,
    fee_minor: i64,
    fee_paid: bool,
    opened: String,
    mine: bool,
}

#[derive(Template)]
#[template(path = "portal/operator/desk.html")]
struct DeskPage {
    page: Chrome,
    office: String,
    items: Vec<DeskItem>,
}

fn service_name(cat: &Catalogue, viewer: &Viewer, code: &str) -> String {
    cat.get(code).map_or_else(|| code.to_owned(), |s| s.names().get(viewer.lang).to_owned())
}

async fn desk(State(state): State<Arc<AppState>>, viewer: Viewer) -> Result<Response, PageError> {
    let actor = viewer.actor()?;
    let st = state.clone();
    let (office, cases) = run(move || counter::desk(&st.store, &st.clock, &actor)).await?;
    let items = cases
        .into_iter()
        .map(|c| DeskItem {
            receipt: c.receipt.clone().unwrap_or_default(),
            service: service_name(state.packs.catalogue(), &viewer, &c.service),
            person: c.person.clone(),
            state: c.state,
            fee_minor: c.fee_minor,
            fee_paid: c.fee_paid,
            opened: c.created_at.get(11..16).unwrap_or("").to_owned(),
            mine: c.filed_by_reader,
            id: c.id,
        })
        .collect();
    render(&DeskPage { page: viewer.chrome("operator-desk-title"), office, items })
}

// --- The identity check -----------------------------------------------------------------------

/// The identity form as typed (dates in their three parts).
#[derive(Debug, Clone, Default)]
struct IdentityAnswers {
    document_code: String,
    issuing_state: String,
    document_number: String,
    surname: String,
    given_names: String,
    nationality: String,
    sex: String,
    birth: [String; 3],
    expiry: [String; 3],
    mrz_line1: String,
    mrz_line2: String,
    photo_compared: bool,
}

fn date_parts(form: &Form, name: &str) -> [String; 3] {
    ["day", "month", "year"].map(|p| form.get(&format!("{name}-{p}")).to_owned())
}

/// `YYYY-MM-DD` from day, month and year as typed; empty if all three are empty, something
/// the core refuses as not a date if they are not numbers.
fn iso(parts: &[String; 3]) -> String {
    if parts.iter().all(String::is_empty) {
        return String::new();
    }
    let num = |s: &str| {
        (!s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse::<u32>().ok())
            .flatten()
    };
    match (num(&parts[0]), num(&parts[1]), num(&parts[2])) {
        (Some(d), Some(m), Some(y)) if parts[2].len() == 4 => format!("{y:04}-{m:02}-{d:02}"),
        _ => "invalid".into(),
    }
}

impl IdentityAnswers {
    fn from_form(form: &Form) -> IdentityAnswers {
        IdentityAnswers {
            document_code: form.get("document_code").to_owned(),
            issuing_state: form.get("issuing_state").to_ascii_uppercase(),
            document_number: form.get("document_number").to_ascii_uppercase(),
            surname: form.get("surname").to_owned(),
            given_names: form.get("given_names").to_owned(),
            nationality: form.get("nationality").to_ascii_uppercase(),
            sex: form.get("sex").to_owned(),
            birth: date_parts(form, "date_of_birth"),
            expiry: date_parts(form, "expiry"),
            mrz_line1: form.get("mrz_line1").to_ascii_uppercase(),
            mrz_line2: form.get("mrz_line2").to_ascii_uppercase(),
            photo_compared: form.get("photo_compared") == "yes",
        }
    }

    fn passport(&self) -> PassportData {
        PassportData {
            document_code: self.document_code.clone(),
            issuing_state: self.issuing_state.clone(),
            document_number: self.document_number.clone(),
            surname: self.surname.clone(),
            given_names: self.given_names.clone(),
            nationality: self.nationality.clone(),
            date_of_birth: iso(&self.birth),
            sex: self.sex.clone(),
            expiry: iso(&self.expiry),
            mrz_line1: self.mrz_line1.clone(),
            mrz_line2: self.mrz_line2.clone(),
            photo_compared: self.photo_compared,
        }
    }

    /// The answers as hidden fields for the next step.
    fn hidden(&self) -> Vec<(String, String)> {
        let mut h = vec![
            ("document_code".to_owned(), self.document_code.clone()),
            ("issuing_state".into(), self.issuing_state.clone()),
            ("document_number".into(), self.document_number.clone()),
            ("surname".into(), self.surname.clone()),
            ("given_names".into(), self.given_names.clone()),
            ("nationality".into(), self.nationality.clone()),
            ("sex".into(), self.sex.clone()),
            ("mrz_line1".into(), self.mrz_line1.clone()),
            ("mrz_line2".into(), self.mrz_line2.clone()),
        ];
        for (name, parts) in [("date_of_birth", &self.birth), ("expiry", &self.expiry)] {
            for (p, v) in ["day", "month", "year"].iter().zip(parts.iter()) {
                h.push((format!("{name}-{p}"), v.clone()));
            }
        }
        if self.photo_compared {
            h.push(("photo_compared".into(), "yes".into()));
        }
        h
    }
}

#[derive(Template)]
#[template(path = "portal/operator/identity.html")]
struct IdentityPage {
    page: Chrome,
    errors: Errors,
    a: IdentityAnswers,
}

async fn identity_page(viewer: Viewer) -> Result<Response, PageError> {
    render(&IdentityPage {
        page: viewer.chrome("operator-identity-title"),
        errors: Errors::new(),
        a: IdentityAnswers { document_code: "P".into(), ..IdentityAnswers::default() },
    })
}

/// Problems the page finds before the core looks: overlong or control characters anywhere.
fn precheck(viewer: &Viewer, form: &Form, names: &[&str]) -> Errors {
    let mut errors = Errors::new();
    for (name, value) in form.pairs() {
        let field =
            names.iter().find(|n| name == **n || name.strip_prefix(**n).is_some_and(|r| r.starts_with('-')));
        let Some(field) = field else { continue };
        if errors.has(field) {
            continue;
        }
        let label = viewer.t(&format!("operator-field-{field}"));
        if value.chars().count() > MAX_COUNTER_FIELD.min(MAX_FIELD_CHARS) {
            errors.add(field, viewer.ta("operator-problem-too_long", &[("field", label.into())]));
        } else if value.chars().any(char::is_control) {
            errors.add(field, viewer.ta("operator-problem-control_character", &[("field", label.into())]));
        }
    }
    errors
}

/// Checks the passport; the problems as form errors if any.
fn check(viewer: &Viewer, state: &AppState, form: &Form, a: &IdentityAnswers) -> Errors {
    let mut errors = precheck(viewer, form, &PASSPORT_FIELDS);
    if errors.is_empty()
        && let Err(ps) = counter::check_passport(&a.passport(), state.clock.today())
        && let Some(found) = problems_to_errors(viewer, &CaseError::Invalid(ps))
    {
        errors = found;
    }
    errors
}

fn identity_refused(viewer: &Viewer, errors: Errors, a: IdentityAnswers) -> Result<Response, PageError> {
    let page = viewer.chrome("operator-identity-title").with_errors(&errors);
    Ok(refused(render(&IdentityPage { page, errors, a })?))
}

/// A service option: one service at one fee tier.
struct ServiceOption {
    value: String,
    name: String,
    tier: String,
    fee_minor: i64,
}

fn service_options(cat: &Catalogue, viewer: &Viewer) -> Vec<ServiceOption> {
    cat.services()
        .iter()
        .filter(|s| s.may_file(Filer::Operator) && !s.sensitive())
        .flat_map(|s| {
            s.fees().iter().map(move |f| ServiceOption {
                value: format!("{}:{}", s.code(), f.code),
                name: s.names().get(viewer.lang).to_owned(),
                tier: viewer.t(&format!("operator-tier-{}", f.code)),
                fee_minor: f.amount_minor,
            })
        })
        .collect()
}

#[derive(Template)]
#[template(path = "portal/operator/service.html")]
struct ServicePage {
    page: Chrome,
    errors: Errors,
    a: IdentityAnswers,
    birth: Option<Date>,
    expiry: Option<Date>,
    hidden: Vec<(String, String)>,
    options: Vec<ServiceOption>,
    chosen: String,
}

fn service_page(
    cat: &Catalogue,
    viewer: &Viewer,
    errors: Errors,
    a: IdentityAnswers,
    chosen: String,
) -> Result<Response, PageError> {
    let p = a.passport();
    let page = viewer.chrome("operator-service-title").with_errors(&errors);
    let failed = !errors.is_empty();
    let r = render(&ServicePage {
        page,
        errors,
        birth: Date::parse(&p.date_of_birth).ok(),
        expiry: Date::parse(&p.expiry).ok(),
        hidden: a.hidden(),
        a,
        options: service_options(cat, viewer),
        chosen,
    })?;
    Ok(if failed { refused(r) } else { r })
}

async fn identity(
    State(state): State<Arc<AppState>>,
    viewer: Viewer,
    form: Form,
) -> Result<Response, PageError> {
    let a = IdentityAnswers::from_form(&form);
    let errors = check(&viewer, &state, &form, &a);
    if !errors.is_empty() {
        return identity_refused(&viewer, errors, a);
    }
    service_page(state.packs.catalogue(), &viewer, Errors::new(), a, String::new())
}

async fn file(State(state): State<Arc<AppState>>, viewer: Viewer, form: Form) -> Result<Response, PageError> {
    let actor = viewer.actor()?;
    let a = IdentityAnswers::from_form(&form);
    // The passport is checked again: the hidden fields come back from the browser.
    let errors = check(&viewer, &state, &form, &a);
    if !errors.is_empty() {
        return identity_refused(&viewer, errors, a);
    }
    let chosen = form.get("service").to_owned();
    let Some(option) =
        service_options(state.packs.catalogue(), &viewer).into_iter().find(|o| o.value == chosen)
    else {
        let mut errors = Errors::new();
        errors.add("service", viewer.t("operator-service-required"));
        return service_page(state.packs.catalogue(), &viewer, errors, a, String::new());
    };
    let (service, tier) = option.value.split_once(':').unwrap_or((&option.value, ""));
    let (service, tier) = (service.to_owned(), tier.to_owned());
    let passport = a.passport();
    let st = state.clone();
    let filed = super::officer::core(move || {
        counter::file_at_counter(
            &st.store,
            st.packs.catalogue(),
            &st.clock,
            &actor,
            &service,
            Some(&tier),
            &passport,
        )
    })
    .await?;
    match filed {
        Ok(view) => Ok(see_other(&format!("/applications/{}", view.id))),
        Err(e) => match problems_to_errors(&viewer, &e) {
            Some(errors) => service_page(state.packs.catalogue(), &viewer, errors, a, chosen),
            None => Err(core_error(e)),
        },
    }
}

// --- The fee ----------------------------------------------------------------------------------

#[derive(Template)]
#[template(path = "portal/operator/fee.html")]
struct FeePage {
    page: Chrome,
    errors: Errors,
    case: CounterCase,
    service: String,
    amount: String,
    method: String,
    reference: String,
    taken_on: Option<Date>,
    /// What the fee is based on (scale, term, regime).
    basis: String,
}

async fn load(
    state: &Arc<AppState>,
    viewer: &Viewer,
    id: &str,
    purpose: &'static str,
) -> Result<CounterCase, PageError> {
    if !is_case_id(id) {
        return Err(PageError::NotFound);
    }
    let actor = viewer.actor()?;
    let st = state.clone();
    let id = id.to_owned();
    Ok(run(move || counter::counter_case_for(&st.store, &actor, &id, purpose)).await?)
}

fn fee_view(
    state: &AppState,
    viewer: &Viewer,
    errors: Errors,
    case: CounterCase,
    amount: String,
    method: String,
    reference: String,
) -> Result<Response, PageError> {
    let page = viewer.chrome("operator-fee-title").with_errors(&errors);
    let failed = !errors.is_empty();
    let taken_on = case.payment.as_ref().and_then(|p| parse_date(&p.taken_at));
    let cat = state.packs.catalogue();
    let basis = fee_basis(cat, viewer, &case, state.clock.today());
    let r = render(&FeePage {
        page,
        errors,
        service: service_name(cat, viewer, &case.service),
        case,
        amount,
        method,
        reference,
        taken_on,
        basis,
    })?;
    Ok(if failed { refused(r) } else { r })
}

/// The basis of the case's fee in the reader's words, as computed on the day it was fixed
/// (filing, or today for a draft).
fn fee_basis(cat: &Catalogue, viewer: &Viewer, case: &CounterCase, today: Date) -> String {
    let Some(svc) = cat.get(&case.service) else { return String::new() };
    let on = case.submitted_on.unwrap_or(today);
    svc.quote(&case.fee_tier, &case.form, on).map_or_else(
        |_| String::new(),
        |q| {
            let basis = umis_core::cases::FeeBasisView::from(&q);
            crate::portal::fee_basis::basis_text(viewer.lang, svc, &case.fee_tier, &basis)
        },
    )
}

async fn fee_page(
    State(state): State<Arc<AppState>>,
    viewer: Viewer,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let case = load(&state, &viewer, &id, "counter_fee").await?;
    fee_view(&state, &viewer, Errors::new(), case, String::new(), String::new(), String::new())
}

/// An amount in manat as typed (`30`, `30.00`, `30,5`) in qəpik.
fn parse_amount(s: &str) -> Option<i64> {
    let s = s.trim().trim_start_matches('₼').trim_end_matches('₼').trim();
    let (whole, frac) = s.split_once(['.', ',']).unwrap_or((s, ""));
    if whole.is_empty() || whole.len() > 7 || frac.len() > 2 {
        return None;
    }
    if !whole.bytes().all(|b| b.is_ascii_digit()) || !frac.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let cents = match frac.len() {
        0 => 0,
        1 => frac.parse::<i64>().ok()? * 10,
        _ => frac.parse::<i64>().ok()?,
    };
    Some(whole.parse::<i64>().ok()? * 100 + cents)
}

async fn fee(
    State(state): State<Arc<AppState>>,
    viewer: Viewer,
    Path(id): Path<String>,
    form: Form,
) -> Result<Response, PageError> {
    let case = load(&state, &viewer, &id, "counter_fee").await?;
    let amount = form.get("amount").to_owned();
    let method = form.get("method").to_owned();
    let reference = form.get("reference").to_owned();
    let mut errors = precheck(&viewer, &form, &["amount", "method", "reference"]);
    let minor = parse_amount(&amount);
    if errors.is_empty() {
        if amount.is_empty() {
            let label = viewer.t("operator-field-amount");
            errors.add("amount", viewer.ta("operator-problem-required", &[("field", label.into())]));
        } else if minor.is_none() {
            errors.add("amount", viewer.t("operator-problem-not_an_amount"));
        }
    }
    if errors.is_empty()
        && let Some(minor) = minor
    {
        let actor = viewer.actor()?;
        let st = state.clone();
        let take = TakeFee { amount_minor: minor, method: method.clone(), reference: reference.clone() };
        let case_id = case.id.clone();
        let taken = super::officer::core(move || {
            let desk = counter::Desk { clock: &st.clock, catalogue: st.packs.catalogue(), keys: &st.keys };
            counter::take_fee(&st.store, &desk, &actor, &case_id, &take)
        })
        .await?;
        match taken {
            Ok(t) => {
                let flag = if t.repeated { "repeated" } else { "taken" };
                return Ok(see_other(&format!("/counter/cases/{}/receipt?{flag}=1", case.id)));
            }
            Err(e) => match problems_to_errors(&viewer, &e) {
                Some(found) => errors = found,
                None => return Err(core_error(e)),
            },
        }
    }
    fee_view(&state, &viewer, errors, case, amount, method, reference)
}

// --- The receipt ------------------------------------------------------------------------------

#[derive(Template)]
#[template(path = "portal/operator/receipt.html")]
struct ReceiptPage {
    page: Chrome,
    case: CounterCase,
    service: String,
    opened_on: Option<Date>,
    taken_on: Option<Date>,
    notice: Option<String>,
}

async fn receipt(
    State(state): State<Arc<AppState>>,
    viewer: Viewer,
    Path(id): Path<String>,
    q: Params,
) -> Result<Response, PageError> {
    let case = load(&state, &viewer, &id, "counter_receipt").await?;
    let notice = if q.has("taken") {
        Some(viewer.t("operator-receipt-taken"))
    } else if q.has("repeated") {
        Some(viewer.t("operator-receipt-repeated"))
    } else {
        None
    };
    render(&ReceiptPage {
        page: viewer.chrome("operator-receipt-title"),
        service: service_name(state.packs.catalogue(), &viewer, &case.service),
        opened_on: parse_date(&case.created_at),
        taken_on: case.payment.as_ref().and_then(|p| parse_date(&p.taken_at)),
        case,
        notice,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_are_read_the_ways_people_type_them() {
        assert_eq!(parse_amount("30"), Some(3000));
        assert_eq!(parse_amount("30.00"), Some(3000));
        assert_eq!(parse_amount("30,5"), Some(3050));
        assert_eq!(parse_amount("₼30.00"), Some(3000));
        for bad in ["", "-30", "30.001", "3e3", "thirty", "1' OR '1'='1", "99999999"] {
            assert_eq!(parse_amount(bad), None, "{bad}");
        }
    }

    #[test]
    fn dates_are_put_together_from_their_parts() {
        let p = |d: &str, m: &str, y: &str| [d.to_owned(), m.to_owned(), y.to_owned()];
        assert_eq!(iso(&p("12", "8", "1974")), "1974-08-12");
        assert_eq!(iso(&p("", "", "")), "");
        assert_eq!(iso(&p("12", "8", "74")), "invalid");
        assert_eq!(iso(&p("x", "8", "1974")), "invalid");
    }
}
