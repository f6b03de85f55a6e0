//! After filing: the list of a person's applications, one application's status (history,
//! requests for information with an answer form, withdrawal, issued documents), the
//! confirmation page, and the issued documents' PDFs.

use super::{
    after_action, load, refusal, service, service_name, show_date, show_opt_day, state_name, t_or, tag_class,
};
use crate::AppState;
use crate::api::errors::run;
use crate::portal::chrome::{Chrome, Viewer, render, see_other};
use crate::portal::errors::PageError;
use crate::portal::form::{Errors, Form, text_field};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use std::sync::Arc;
use umis_core::cases::{self, CaseAction, CaseQuery, CaseView};
use umis_domain::case_state::{StateName, Step as CaseStep};
use umis_rules::services::Catalogue;

/// An application in the list.
struct Row {
    id: String,
    service: String,
    receipt: String,
    state: String,
    tag: &'static str,
    submitted: String,
    due: String,
    overdue: bool,
}

#[derive(Template)]
#[template(path = "portal/applicant/list.html")]
struct ListPage {
    page: Chrome,
    rows: Vec<Row>,
}

/// `GET /applications`: every application of the signed-in person, drafts first.
pub(super) async fn list(State(state): State<Arc<AppState>>, viewer: Viewer) -> Result<Response, PageError> {
    let actor = viewer.actor()?;
    let st = state.clone();
    let mut items = Vec::new();
    let mut after: Option<String> = None;
    // A person's own applications are few; read them all, a hundred at a time.
    for _ in 0..20 {
        let q = CaseQuery { after: after.clone(), limit: Some(100), ..CaseQuery::default() };
        let (st, actor) = (st.clone(), actor.clone());
        let page = run(move || cases::list_cases(&st.store, &st.clock, &actor, &q)).await?;
        items.extend(page.items);
        match page.next {
            Some(n) => after = Some(n),
            None => break,
        }
    }
    items.sort_by_key(|c| c.state != StateName::Draft);
    let lang = viewer.lang;
    let rows = items
        .into_iter()
        .map(|c| Row {
            service: service_name(state.packs.catalogue(), lang, &c.service),
            receipt: c.receipt.clone().unwrap_or_default(),
            tag: tag_class(c.state),
            state: state_name(lang, c.state),
            submitted: show_opt_day(lang, c.submitted_on),
            due: show_opt_day(lang, c.due_on),
            overdue: c.overdue,
            id: c.id,
        })
        .collect();
    render(&ListPage { page: viewer.chrome("applicant-list-title"), rows })
}

/// A step of the history.
struct Step {
    at: String,
    what: String,
    note: Option<String>,
}

/// An issued document.
struct IssuedView {
    number: String,
    kind: String,
    valid: String,
    revoked: bool,
}

#[derive(Template)]
#[template(path = "portal/applicant/status.html")]
struct StatusPage {
    page: Chrome,
    id: String,
    receipt: String,
    state: String,
    state_code: StateName,
    tag: &'static str,
    submitted: String,
    due: String,
    overdue: bool,
    decided: Option<String>,
    /// The grounds of a refusal in the reader's language: each coded ground with its article,
    /// then the note.
    grounds: Vec<String>,
    request: Option<String>,
    errors: Errors,
    answer: String,
    may_withdraw: bool,
    may_upload: bool,
    steps: Vec<Step>,
    issued: Vec<IssuedView>,
    duty: Option<DutyShown>,
    reply_by: Option<String>,
    offer_stateless_residence: bool,
    /// What happens next in this state.
    next: Option<String>,
    /// The procedure's facts: extensions, interviews, forwarding, the decree.
    facts: Vec<super::progress::Fact>,
}

/// The state duty to pay after the decision, as the applicant quotes it to the bank.
struct DutyShown {
    number: String,
    amount: String,
    pay_by: String,
    unpaid: bool,
}

fn status_page(
    cat: &Catalogue,
    viewer: &Viewer,
    view: &CaseView,
    errors: Errors,
    answer: String,
) -> Result<Response, PageError> {
    let lang = viewer.lang;
    let request = (view.state == StateName::InformationRequested)
        .then(|| {
            view.events.iter().rev().find(|e| e.event == "request_information").and_then(|e| e.note.clone())
        })
        .flatten();
    let steps = view
        .events
        .iter()
        .rev()
        .map(|e| Step {
            at: show_date(lang, &e.at),
            what: t_or(lang, &format!("applicant-event-{}", e.event), &e.event),
            note: e.note.clone().filter(|n| !n.is_empty()),
        })
        .collect();
    let issued = view
        .issued
        .iter()
        .map(|i| IssuedView {
            number: i.number.clone(),
            kind: t_or(lang, &format!("applicant-issued-{}", i.doc_type), &i.kind),
            valid: match (&i.valid_from, &i.valid_until) {
                (Some(f), Some(u)) => format!("{} – {}", show_date(lang, f), show_date(lang, u)),
                (Some(f), None) => show_date(lang, f),
                _ => show_date(lang, &i.issued_on),
            },
            revoked: i.revoked_on.is_some(),
        })
        .collect();
    let page = viewer.chrome_titled(service_name(cat, lang, &view.service)).with_errors(&errors);
    render(&StatusPage {
        page,
        id: view.id.clone(),
        receipt: view.receipt.clone().unwrap_or_default(),
        state: state_name(lang, view.state),
        state_code: view.state,
        tag: tag_class(view.state),
        submitted: show_opt_day(lang, view.submitted_on),
        due: show_opt_day(lang, view.due_on),
        overdue: view.overdue,
        decided: view.decided_on.map(|d| super::i18n::date(lang, d)),
        grounds: view
            .grounds
            .as_ref()
            .map(|g| g.lines(lang).into_iter().chain(g.note.clone()).collect())
            .unwrap_or_default(),
        request,
        errors,
        answer,
        may_withdraw: view.actions.contains(&CaseStep::Withdraw),
        may_upload: view.state.accepts_documents(),
        steps,
        issued,
        duty: view.procedure.duty.as_ref().map(|d| DutyShown {
            number: d.payment_number.clone(),
            amount: crate::portal::i18n::money(lang, d.amount_minor),
            pay_by: show_date(lang, &d.due_by),
            unpaid: d.paid_at.is_none() && d.lapsed_on.is_none(),
        }),
        reply_by: view.procedure.reply_by.as_deref().map(|d| show_date(lang, d)),
        next: super::progress::next_step(viewer, view),
        facts: super::progress::facts(cat, viewer, view),
        // Citizenship that could not be determined: the person's path is residence as a
        // stateless person (review 1.9), offered here.
        offer_stateless_residence: view.service == "citizenship_affiliation"
            && view.state == StateName::Approved
            && view.outcome.as_deref() == Some("undetermined"),
    })
}

/// `GET /applications/{id}`: a draft's task list, or a filed application's status.
pub(super) async fn overview(
    State(state): State<Arc<AppState>>,
    viewer: Viewer,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let view = load(&state, &viewer, &id).await?;
    if view.state.editable() {
        let svc = service(state.packs.catalogue(), &view.service)?;
        return super::draft::task_list(&viewer, &view, svc);
    }
    status_page(state.packs.catalogue(), &viewer, &view, Errors::new(), String::new())
}

#[derive(Template)]
#[template(path = "portal/applicant/confirmation.html")]
struct ConfirmationPage {
    page: Chrome,
    id: String,
    receipt: String,
    due: String,
}

/// `GET /applications/{id}/confirmation`: the receipt number and what happens next.
pub(super) async fn confirmation(
    State(state): State<Arc<AppState>>,
    viewer: Viewer,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let view = load(&state, &viewer, &id).await?;
    let Some(receipt) = view.receipt.clone().filter(|_| view.state != StateName::Draft) else {
        return Ok(see_other(&format!("/applications/{}", view.id)));
    };
    render(&ConfirmationPage {
        page: viewer.chrome("applicant-confirmation-title"),
        id: view.id.clone(),
        receipt,
        due: show_opt_day(viewer.lang, view.due_on),
    })
}

/// Longest answer to a request for information.
const MAX_ANSWER_CHARS: usize = 2_000;

/// `POST /applications/{id}/answer`: answers the office's request for information.
pub(super) async fn answer(
    State(state): State<Arc<AppState>>,
    viewer: Viewer,
    Path(id): Path<String>,
    posted: Form,
) -> Result<Response, PageError> {
    let view = load(&state, &viewer, &id).await?;
    let mut errors = Errors::new();
    let note = text_field(&viewer, &mut errors, &posted, "answer", true, MAX_ANSWER_CHARS);
    if errors.is_empty() {
        let actor = viewer.actor()?;
        let st = state.clone();
        let case_id = view.id.clone();
        let action = CaseAction::ProvideInformation { note: note.clone() };
        let done = run(move || {
            cases::act(&st.store, st.packs.catalogue(), &st.clock, &st.keys, &actor, &case_id, action)
        })
        .await;
        if let Some(back) = after_action(&viewer, &view.id, done, refusal, &mut errors, "answer")? {
            return Ok(back);
        }
    }
    let mut r = status_page(state.packs.catalogue(), &viewer, &view, errors, note)?;
    *r.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    Ok(r)
}

#[derive(Template)]
#[template(path = "portal/applicant/withdraw.html")]
struct WithdrawPage {
    page: Chrome,
    id: String,
    service: String,
    receipt: String,
    errors: Errors,
}

/// `GET /applications/{id}/withdraw`: asks to confirm the withdrawal.
pub(super) async fn withdraw_page(
    State(state): State<Arc<AppState>>,
    viewer: Viewer,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let view = load(&state, &viewer, &id).await?;
    render(&WithdrawPage {
        page: viewer.chrome("applicant-withdraw-title"),
        id: view.id.clone(),
        service: service_name(state.packs.catalogue(), viewer.lang, &view.service),
        receipt: view.receipt.clone().unwrap_or_default(),
        errors: Errors::new(),
    })
}

/// `POST /applications/{id}/withdraw`: withdraws the application once confirmed.
pub(super) async fn withdraw(
    State(state): State<Arc<AppState>>,
    viewer: Viewer,
    Path(id): Path<String>,
    posted: Form,
) -> Result<Response, PageError> {
    let view = load(&state, &viewer, &id).await?;
    let mut errors = Errors::new();
    match posted.get("confirm") {
        "yes" => {
            let actor = viewer.actor()?;
            let st = state.clone();
            let case_id = view.id.clone();
            let done = run(move || {
                cases::act(
                    &st.store,
                    st.packs.catalogue(),
                    &st.clock,
                    &st.keys,
                    &actor,
                    &case_id,
                    CaseAction::Withdraw,
                )
            })
            .await;
            if let Some(back) = after_action(&viewer, &view.id, done, refusal, &mut errors, "confirm-0")? {
                return Ok(back);
            }
        }
        "no" => return Ok(see_other(&format!("/applications/{}", view.id))),
        _ => errors.add("confirm-0", viewer.t("applicant-withdraw-required")),
    }
    let page = viewer.chrome("applicant-withdraw-title").with_errors(&errors);
    let mut r = render(&WithdrawPage {
        page,
        id: view.id.clone(),
        service: service_name(state.packs.catalogue(), viewer.lang, &view.service),
        receipt: view.receipt.clone().unwrap_or_default(),
        errors,
    })?;
    *r.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    Ok(r)
}

/// `GET /applications/{id}/issued/{number}`: an issued document of the application as a PDF in
/// the reader's language (an audited read).
pub(super) async fn issued_pdf(
    State(state): State<Arc<AppState>>,
    viewer: Viewer,
    Path((id, number)): Path<(String, String)>,
) -> Result<Response, PageError> {
    let view = load(&state, &viewer, &id).await?;
    if !view.issued.iter().any(|i| i.number == number) {
        return Err(PageError::NotFound);
    }
    let actor = viewer.actor()?;
    let st = state.clone();
    let lang = viewer.lang;
    let n = number.clone();
    let bytes = run(move || {
        umis_core::verify::issued_pdf(&st.store, st.packs.catalogue(), &st.keys, &st.clock, &actor, &n, lang)
    })
    .await?;
    let name = format!(
        "{}.pdf",
        number.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '-').collect::<String>()
    );
    Ok(crate::api::cases::attachment("application/pdf", &name, bytes))
}
