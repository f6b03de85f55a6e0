//! The e-services a person may file, a start page for each, and opening a draft.

use super::{SELF_FILER, service};
use crate::AppState;
use crate::api::errors::run;
use crate::portal::chrome::{Chrome, Viewer, render, see_other};
use crate::portal::errors::PageError;
use crate::portal::form::Form;
use crate::portal::i18n::Lang;
use crate::problem::ApiError;
use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;
use std::sync::Arc;
use umis_core::cases::{self, NewCase};
use umis_rules::services::{Filer, Service, Unit};

/// A service in a list.
struct ServiceItem {
    code: String,
    name: String,
}

#[derive(Template)]
#[template(path = "portal/applicant/services.html")]
struct ServicesPage {
    page: Chrome,
    services: Vec<ServiceItem>,
}

fn filer_of(role: umis_domain::Role) -> Option<Filer> {
    Filer::parse(role.as_str())
}

/// `GET /services`: what the signed-in person's role may file.
pub(super) async fn list(State(state): State<Arc<AppState>>, viewer: Viewer) -> Result<Response, PageError> {
    let actor = viewer.actor()?;
    let cat = state.packs.catalogue();
    let services = cat
        .services()
        .iter()
        .filter(|s| filer_of(actor.role).is_some_and(|f| s.may_file(f)))
        .map(|s| ServiceItem { code: s.code().to_owned(), name: s.names().get(viewer.lang).to_owned() })
        .collect();
    render(&ServicesPage { page: viewer.chrome("applicant-services-title"), services })
}

/// A fee tier as the start page shows it.
pub(super) struct TierView {
    pub code: String,
    pub name: String,
    pub amount: i64,
    pub per_days: Option<i64>,
    pub deadline: String,
}

/// The fee tiers of a service in the reader's words.
pub(super) fn tiers(svc: &Service, lang: Lang) -> Vec<TierView> {
    svc.fees()
        .iter()
        .map(|t| TierView {
            code: t.code.clone(),
            name: super::t_or(lang, &format!("applicant-tier-{}", t.code), &t.code),
            amount: t.amount_minor,
            per_days: t.per_days.map(i64::from),
            deadline: deadline_text(lang, t.deadline.count, t.deadline.unit),
        })
        .collect()
}

/// The fee tiers priced for a draft's answers on day `on` (the term asked for, the person's
/// scale, the regime, with the regime's shorter deadline); once the term is known the amount is
/// the whole fee, not a rate per period. A tier the law prices nowhere for these answers keeps
/// its listed amount (filing then names the answer to change).
pub(super) fn priced_tiers(
    svc: &Service,
    form: &std::collections::BTreeMap<String, String>,
    on: umis_domain::Date,
    lang: Lang,
) -> Vec<TierView> {
    let mut list = tiers(svc, lang);
    for t in &mut list {
        if let Ok(q) = svc.quote(&t.code, form, on) {
            t.amount = q.amount_minor;
            if q.term.is_some() {
                t.per_days = None;
            }
            t.deadline = deadline_text(lang, q.deadline.count, q.deadline.unit);
        }
    }
    list
}

/// "Decided within 20 business days".
pub(super) fn deadline_text(lang: Lang, count: u32, unit: Unit) -> String {
    crate::portal::i18n::t_args(
        lang,
        &format!("applicant-deadline-{}", unit.as_str()),
        &[("count", i64::from(count).into())],
    )
}

/// A document a service asks for.
pub(super) struct DocItem {
    pub name: String,
    pub required: bool,
}

/// An office a case may be filed with.
struct OfficeItem {
    code: String,
    name: String,
}

#[derive(Template)]
#[template(path = "portal/applicant/start.html")]
struct StartPage {
    page: Chrome,
    code: String,
    filers: Vec<String>,
    documents: Vec<DocItem>,
    tiers: Vec<TierView>,
    /// Whether the duty depends on more than the tier (term, age, study, regime).
    fee_depends: bool,
    conditions: Vec<String>,
    offices: Vec<OfficeItem>,
    chosen_office: String,
    may_file: bool,
    signed_in: bool,
    sign_in_link: String,
}

/// `GET /services/{code}`: what the service is, who may apply, what it needs and costs.
pub(super) async fn start_page(
    State(state): State<Arc<AppState>>,
    viewer: Viewer,
    Path(code): Path<String>,
) -> Result<Response, PageError> {
    let svc = service(state.packs.catalogue(), &code)?;
    let lang = viewer.lang;
    let person = viewer.person().cloned();
    let may_file = person.as_ref().is_some_and(|a| {
        matches!(SELF_FILER, crate::portal::PageAccess::Person(roles) if roles.contains(&a.role))
            && filer_of(a.role).is_some_and(|f| svc.may_file(f))
    });
    let offices = if may_file {
        let st = state.clone();
        run(move || umis_core::filing::filing_offices(&st.store))
            .await?
            .into_iter()
            .map(|o| OfficeItem { code: o.code, name: o.name })
            .collect()
    } else {
        Vec::new()
    };
    let chosen_office = person.and_then(|a| a.office).unwrap_or_default();
    let next = form_urlencoded::Serializer::new(String::new())
        .append_pair("next", &format!("/services/{}", svc.code()))
        .finish();
    render(&StartPage {
        page: viewer.chrome_titled(svc.names().get(lang).to_owned()),
        code: svc.code().to_owned(),
        filers: svc.filed_by().iter().map(|f| viewer.t(&format!("role-{}", f.as_str()))).collect(),
        documents: svc
            .documents()
            .iter()
            .map(|d| DocItem { name: d.names.get(lang).to_owned(), required: d.required })
            .collect(),
        tiers: tiers(svc, lang),
        fee_depends: svc.fee_basis().is_some(),
        conditions: svc.eligibility().iter().map(|r| r.names.get(lang).to_owned()).collect(),
        offices,
        chosen_office,
        may_file,
        signed_in: viewer.person().is_some(),
        sign_in_link: format!("/sign-in?{next}"),
    })
}

/// `POST /services/{code}/start`: opens a draft with the office chosen and goes to its task
/// list.
pub(super) async fn start(
    State(state): State<Arc<AppState>>,
    viewer: Viewer,
    Path(code): Path<String>,
    form: Form,
) -> Result<Response, PageError> {
    let svc = service(state.packs.catalogue(), &code)?;
    let actor = viewer.actor()?;
    let office = form.get("office");
    let office =
        (!office.is_empty() && office.len() <= 16 && office.bytes().all(|b| b.is_ascii_alphanumeric()))
            .then(|| office.to_owned());
    let req = NewCase { service: svc.code().to_owned(), fee_tier: None, office, form: Default::default() };
    let st = state.clone();
    match run(move || cases::create_case(&st.store, st.packs.catalogue(), &st.clock, &actor, req)).await {
        Ok(view) => Ok(see_other(&format!("/applications/{}", view.id))),
        // An office that does not exist: the radios offer only real ones, so the form was altered.
        Err(ApiError::Invalid { .. }) => Err(PageError::BadRequest),
        Err(ApiError::Denied(_)) => Err(PageError::Forbidden),
        Err(e) => Err(e.into()),
    }
}
