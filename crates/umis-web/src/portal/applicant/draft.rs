//! The draft: its task list, the short section pages that save to it, the fee tier, check
//! your answers and submission.

use super::services::{TierView, priced_tiers};
use super::{after_action, case_errors, load_editable, section_fields, sections, service, t_or};
use crate::AppState;
use crate::api::errors::run;
use crate::portal::chrome::{Chrome, Viewer, render, see_other};
use crate::portal::errors::PageError;
use crate::portal::fee_basis::basis_text;
use crate::portal::form::{Errors, Form};
use crate::portal::i18n::Lang;
use crate::problem::ApiError;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use std::collections::BTreeMap;
use std::sync::Arc;
use umis_core::cases::{self, CaseAction, CaseError, CaseView};
use umis_domain::case_state::StateName;
use umis_rules::services::{FieldSpec, FieldType, Service};

/// One task of the task list.
struct Task {
    name: String,
    href: String,
    id: String,
    /// `completed`, `incomplete`, `not_started` or `cannot_start`.
    status: &'static str,
    hint: String,
}

#[derive(Template)]
#[template(path = "portal/applicant/task_list.html")]
struct TaskListPage {
    page: Chrome,
    service: String,
    returned_note: Option<String>,
    groups: Vec<(String, Vec<Task>)>,
    done: i64,
    total: i64,
}

fn section_status(svc: &Service, form: &BTreeMap<String, String>, section: &str) -> &'static str {
    let fields = section_fields(svc, section);
    let given = fields.iter().filter(|f| form.contains_key(&f.name)).count();
    let missing = fields.iter().any(|f| f.required && !form.contains_key(&f.name));
    match (given, missing) {
        (0, true) => "not_started",
        (_, true) => "incomplete",
        _ => "completed",
    }
}

fn documents_status(svc: &Service, view: &CaseView) -> &'static str {
    let has = |code: &str| view.documents.iter().any(|d| d.doc_type == code);
    if svc.documents().iter().all(|d| !d.required || has(&d.code)) {
        if view.documents.is_empty() && svc.documents().iter().any(|d| !d.required) {
            "not_started"
        } else {
            "completed"
        }
    } else if view.documents.is_empty() {
        "not_started"
    } else {
        "incomplete"
    }
}

/// The task list of a draft (`GET /applications/{id}` while it may be changed).
pub(super) fn task_list(viewer: &Viewer, view: &CaseView, svc: &Service) -> Result<Response, PageError> {
    let lang = viewer.lang;
    let id = &view.id;
    let mut form_tasks: Vec<Task> = sections(svc)
        .into_iter()
        .map(|s| Task {
            name: viewer.t(&format!("applicant-section-{s}")),
            href: format!("/applications/{id}/section/{s}"),
            id: format!("task-{s}"),
            status: section_status(svc, &view.form, s),
            hint: String::new(),
        })
        .collect();
    let docs = Task {
        name: viewer.t("applicant-documents-title"),
        href: format!("/applications/{id}/documents"),
        id: "task-documents".into(),
        status: documents_status(svc, view),
        hint: viewer.ta("applicant-documents-count", &[("count", (view.documents.len() as i64).into())]),
    };
    let tier_name = t_or(lang, &format!("applicant-tier-{}", view.fee_tier), &view.fee_tier);
    let fee = Task {
        name: viewer.t("applicant-fee-title"),
        href: format!("/applications/{id}/fee"),
        id: "task-fee".into(),
        status: "completed",
        hint: format!("{tier_name} — {}", crate::portal::i18n::money(lang, view.fee_minor)),
    };
    let ready = form_tasks.iter().all(|t| t.status == "completed") && docs.status == "completed";
    let check = Task {
        name: viewer.t("applicant-check-title"),
        href: format!("/applications/{id}/check"),
        id: "task-check".into(),
        status: if ready { "not_started" } else { "cannot_start" },
        hint: String::new(),
    };
    let total = form_tasks.len() + 2;
    let done = form_tasks.iter().filter(|t| t.status == "completed").count()
        + usize::from(docs.status == "completed")
        + 1;
    for t in &mut form_tasks {
        if t.status == "completed" {
            t.hint.clear();
        }
    }
    let returned_note = (view.state == StateName::ReturnedForCorrection)
        .then(|| {
            view.events.iter().rev().find(|e| e.event == "return_for_correction").and_then(|e| e.note.clone())
        })
        .flatten();
    render(&TaskListPage {
        page: viewer.chrome("applicant-task-list-title"),
        service: svc.names().get(lang).to_owned(),
        returned_note,
        groups: vec![
            (viewer.t("applicant-group-form"), form_tasks),
            (viewer.t("applicant-group-evidence"), vec![docs, fee]),
            (viewer.t("applicant-group-submit"), vec![check]),
        ],
        done: done as i64,
        total: total as i64,
    })
}

/// One input of a section page.
struct FieldView {
    name: String,
    label: String,
    /// `text`, `textarea`, `date`, `radios`, `country`, `email`, `tel`.
    kind: &'static str,
    hint: String,
    required: bool,
    value: String,
    day: String,
    month: String,
    year: String,
    choices: Vec<(String, String)>,
    error: Option<String>,
    width: &'static str,
    autocomplete: &'static str,
}

#[derive(Template)]
#[template(path = "portal/applicant/section.html")]
struct SectionPage {
    page: Chrome,
    id: String,
    section: String,
    service: String,
    errors: Errors,
    fields: Vec<FieldView>,
}

fn field_view(lang: Lang, f: &FieldSpec, value: &str, errors: &Errors) -> FieldView {
    let (kind, width, autocomplete) = match (&f.kind, f.name.as_str()) {
        (FieldType::Text { multiline: true, .. }, _) => ("textarea", "", "off"),
        (FieldType::Date { .. }, "date_of_birth") => ("date", "", "bday"),
        (FieldType::Date { .. }, _) => ("date", "", "off"),
        (FieldType::Choice { .. }, _) => ("radios", "", "off"),
        (FieldType::Country, _) => ("country", "govuk-input--width-4", "off"),
        (FieldType::Email, _) => ("email", "govuk-!-width-two-thirds", "email"),
        (FieldType::Phone, _) => ("tel", "govuk-input--width-20", "tel"),
        (FieldType::Text { .. }, "surname") => ("text", "govuk-!-width-two-thirds", "family-name"),
        (FieldType::Text { .. }, "given_names") => ("text", "govuk-!-width-two-thirds", "given-name"),
        (FieldType::DocumentNumber | FieldType::Tin | FieldType::Receipt, _) => {
            ("text", "govuk-input--width-20", "off")
        }
        (FieldType::Integer { .. } | FieldType::Money { .. }, _) => ("text", "govuk-input--width-10", "off"),
        _ => ("text", "govuk-!-width-full", "off"),
    };
    let hint_key = format!("applicant-hint-{}", f.kind.name());
    let hint = t_or(lang, &hint_key, "");
    let choices = match &f.kind {
        FieldType::Choice { choices } => {
            choices.iter().map(|c| (c.value.clone(), c.label.get(lang).to_owned())).collect()
        }
        _ => Vec::new(),
    };
    let mut parts = value.splitn(3, '-');
    let (year, month, day) = if kind == "date" {
        let y = parts.next().unwrap_or("").to_owned();
        let m = parts.next().unwrap_or("").to_owned();
        let d = parts.next().unwrap_or("").to_owned();
        (y, m, d)
    } else {
        Default::default()
    };
    let anchor = super::field_anchor_kind(kind, &f.name);
    FieldView {
        name: f.name.clone(),
        label: f.label.get(lang).to_owned(),
        kind,
        hint,
        required: f.required,
        value: value.to_owned(),
        day,
        month,
        year,
        choices,
        error: errors.of(&anchor).map(str::to_owned),
        width,
        autocomplete,
    }
}

fn known_section(svc: &Service, name: &str) -> Result<&'static str, PageError> {
    sections(svc).into_iter().find(|s| *s == name).ok_or(PageError::NotFound)
}

/// `GET /applications/{id}/section/{name}`: a few questions of the form, with saved answers.
pub(super) async fn section_page(
    State(state): State<Arc<AppState>>,
    viewer: Viewer,
    Path((id, name)): Path<(String, String)>,
) -> Result<Response, PageError> {
    let view = match load_editable(&state, &viewer, &id).await? {
        Ok(v) => v,
        Err(r) => return Ok(r),
    };
    let svc = service(state.packs.catalogue(), &view.service)?;
    let section = known_section(svc, &name)?;
    let errors = Errors::new();
    let fields = section_fields(svc, section)
        .into_iter()
        .map(|f| field_view(viewer.lang, f, view.form.get(&f.name).map_or("", String::as_str), &errors))
        .collect();
    render(&SectionPage {
        page: viewer.chrome(&format!("applicant-section-{section}")),
        id: view.id.clone(),
        section: section.to_owned(),
        service: svc.names().get(viewer.lang).to_owned(),
        errors,
        fields,
    })
}

/// The value a date's three boxes make: `YYYY-MM-DD`, empty when all are empty; `None` when
/// a box holds something other than digits.
fn date_value(day: &str, month: &str, year: &str) -> Option<String> {
    if day.is_empty() && month.is_empty() && year.is_empty() {
        return Some(String::new());
    }
    let digits =
        |s: &str, max: usize| !s.is_empty() && s.len() <= max && s.bytes().all(|b| b.is_ascii_digit());
    if !(digits(day, 2) && digits(month, 2) && digits(year, 4)) || year.len() != 4 {
        return None;
    }
    Some(format!("{year}-{month:0>2}-{day:0>2}"))
}

/// A posted answer: the value to save, or — for a date whose boxes hold something other than
/// digits — the boxes as typed, after the problem went into `errors`.
fn posted_value(
    viewer: &Viewer,
    posted: &Form,
    f: &FieldSpec,
    errors: &mut Errors,
) -> Result<String, String> {
    if !matches!(f.kind, FieldType::Date { .. }) {
        return Ok(posted.get(&f.name).to_owned());
    }
    let (d, m, y) = (
        posted.get(&format!("{}-day", f.name)),
        posted.get(&format!("{}-month", f.name)),
        posted.get(&format!("{}-year", f.name)),
    );
    date_value(d, m, y).ok_or_else(|| {
        errors.add(
            &format!("{}-day", f.name),
            viewer.ta("applicant-problem-not_a_date", &[("field", f.label.get(viewer.lang).into())]),
        );
        format!("{y}-{m}-{d}")
    })
}

/// A posted section read against its fields.
struct Section {
    /// The answers as typed, shown again when the section is refused.
    entered: BTreeMap<String, String>,
    /// The draft's whole form with this section's answers in it.
    form: BTreeMap<String, String>,
    errors: Errors,
}

/// The parse step: reads and checks the section's answers into the draft's form.
fn read_section(
    viewer: &Viewer,
    svc: &Service,
    specs: &[&FieldSpec],
    posted: &Form,
    view: &CaseView,
) -> Section {
    let mut s = Section { entered: BTreeMap::new(), form: view.form.clone(), errors: Errors::new() };
    for f in specs {
        let value = match posted_value(viewer, posted, f, &mut s.errors) {
            Ok(v) => v,
            Err(typed) => {
                s.entered.insert(f.name.clone(), typed);
                continue;
            }
        };
        if value.is_empty() && f.required {
            s.errors.add(
                &super::field_anchor(svc, &f.name),
                viewer.ta("applicant-problem-required", &[("field", f.label.get(viewer.lang).into())]),
            );
        }
        s.entered.insert(f.name.clone(), value.clone());
        if value.is_empty() {
            s.form.remove(&f.name);
        } else {
            s.form.insert(f.name.clone(), value);
        }
    }
    s
}

/// The save step: the core stores the draft's form; its refusal of an answer goes into the
/// section's errors. Answers whether the draft was saved.
async fn save_draft(
    state: &Arc<AppState>,
    viewer: &Viewer,
    svc: &Service,
    id: &str,
    section: &mut Section,
) -> Result<bool, PageError> {
    let actor = viewer.actor()?;
    let st = state.clone();
    let case_id = id.to_owned();
    let form = section.form.clone();
    match run(move || {
        cases::update_draft(&st.store, st.packs.catalogue(), &st.clock, &actor, &case_id, &form)
    })
    .await
    {
        Ok(_) => Ok(true),
        Err(e @ (ApiError::Invalid { .. } | ApiError::Conflict(_))) => {
            if let Some(found) = case_errors(viewer, svc, &e, false) {
                section.errors = found;
            }
            Ok(false)
        }
        Err(e) => Err(e.into()),
    }
}

/// `POST /applications/{id}/section/{name}`: saves the section's answers into the draft.
pub(super) async fn save_section(
    State(state): State<Arc<AppState>>,
    viewer: Viewer,
    Path((id, name)): Path<(String, String)>,
    posted: Form,
) -> Result<Response, PageError> {
    let view = match load_editable(&state, &viewer, &id).await? {
        Ok(v) => v,
        Err(r) => return Ok(r),
    };
    let svc = service(state.packs.catalogue(), &view.service)?;
    let section = known_section(svc, &name)?;
    let specs = section_fields(svc, section);
    let mut read = read_section(&viewer, svc, &specs, &posted, &view);
    if read.errors.is_empty() && save_draft(&state, &viewer, svc, &view.id, &mut read).await? {
        return Ok(see_other(&format!("/applications/{}", view.id)));
    }
    let Section { entered, errors, .. } = read;
    let fields = specs
        .into_iter()
        .map(|f| field_view(viewer.lang, f, entered.get(&f.name).map_or("", String::as_str), &errors))
        .collect();
    let page = viewer.chrome(&format!("applicant-section-{section}")).with_errors(&errors);
    let mut r = render(&SectionPage {
        page,
        id: view.id.clone(),
        section: section.to_owned(),
        service: svc.names().get(viewer.lang).to_owned(),
        errors,
        fields,
    })?;
    *r.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    Ok(r)
}

#[derive(Template)]
#[template(path = "portal/applicant/fee.html")]
struct FeePage {
    page: Chrome,
    id: String,
    errors: Errors,
    tiers: Vec<TierView>,
    chosen: String,
    /// What the chosen tier's fee is based on.
    basis: String,
}

/// `GET /applications/{id}/fee`: the fee tiers, each with its amount and the deadline it buys.
pub(super) async fn fee_page(
    State(state): State<Arc<AppState>>,
    viewer: Viewer,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let view = match load_editable(&state, &viewer, &id).await? {
        Ok(v) => v,
        Err(r) => return Ok(r),
    };
    let svc = service(state.packs.catalogue(), &view.service)?;
    render(&FeePage {
        page: viewer.chrome("applicant-fee-title"),
        id: view.id.clone(),
        errors: Errors::new(),
        tiers: priced_tiers(svc, &view.form, state.clock.today(), viewer.lang),
        chosen: view.fee_tier.clone(),
        basis: basis_text(viewer.lang, svc, &view.fee_tier, &view.fee_basis),
    })
}

/// `POST /applications/{id}/fee`: keeps the tier chosen.
pub(super) async fn save_fee(
    State(state): State<Arc<AppState>>,
    viewer: Viewer,
    Path(id): Path<String>,
    posted: Form,
) -> Result<Response, PageError> {
    let view = match load_editable(&state, &viewer, &id).await? {
        Ok(v) => v,
        Err(r) => return Ok(r),
    };
    let svc = service(state.packs.catalogue(), &view.service)?;
    let tier = posted.get("fee_tier").to_owned();
    let mut errors = Errors::new();
    if svc.fee(&tier).is_none() {
        errors.add("fee_tier", viewer.t("applicant-fee-required"));
    } else {
        let actor = viewer.actor()?;
        let st = state.clone();
        let case_id = view.id.clone();
        let chosen = tier.clone();
        let done = run(move || {
            umis_core::filing::choose_fee_tier(
                &st.store,
                st.packs.catalogue(),
                &st.clock,
                &actor,
                &case_id,
                &chosen,
            )
        })
        .await;
        let shown: fn(&ApiError) -> bool = |e| matches!(e, ApiError::Invalid { .. } | ApiError::Conflict(_));
        if let Some(back) = after_action(&viewer, &view.id, done, shown, &mut errors, "fee_tier")? {
            return Ok(back);
        }
    }
    let page = viewer.chrome("applicant-fee-title").with_errors(&errors);
    let mut r = render(&FeePage {
        page,
        id: view.id.clone(),
        errors,
        tiers: priced_tiers(svc, &view.form, state.clock.today(), viewer.lang),
        chosen: view.fee_tier.clone(),
        basis: basis_text(viewer.lang, svc, &view.fee_tier, &view.fee_basis),
    })?;
    *r.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    Ok(r)
}

/// One answer on the check page.
struct Answer {
    id: String,
    label: String,
    value: String,
    href: String,
}

/// A group of answers with its heading.
struct AnswerGroup {
    title: String,
    rows: Vec<Answer>,
}

/// An eligibility rule as guidance.
struct GuidanceView {
    condition: String,
    /// `met`, `not_met` or `unknown`.
    verdict: &'static str,
    apply_by: Option<String>,
}

#[derive(Template)]
#[template(path = "portal/applicant/check.html")]
struct CheckPage {
    page: Chrome,
    id: String,
    service: String,
    errors: Errors,
    groups: Vec<AnswerGroup>,
    documents: Vec<String>,
    fee: String,
    deadline: String,
    guidance: Vec<GuidanceView>,
}

fn shown_value(lang: Lang, f: &FieldSpec, value: &str) -> String {
    match &f.kind {
        FieldType::Choice { choices } => choices
            .iter()
            .find(|c| c.value == value)
            .map_or_else(|| value.to_owned(), |c| c.label.get(lang).to_owned()),
        FieldType::Date { .. } => super::show_date(lang, value),
        _ => value.to_owned(),
    }
}

fn check_page_of(
    packs: &umis_rules::Packs,
    viewer: &Viewer,
    view: &CaseView,
    svc: &Service,
    errors: Errors,
    today: umis_domain::Date,
) -> Result<Response, PageError> {
    let lang = viewer.lang;
    let id = &view.id;
    let groups = sections(svc)
        .into_iter()
        .map(|s| AnswerGroup {
            title: viewer.t(&format!("applicant-section-{s}")),
            rows: section_fields(svc, s)
                .into_iter()
                .map(|f| Answer {
                    id: format!("answer-{}", f.name),
                    label: f.label.get(lang).to_owned(),
                    value: view.form.get(&f.name).map_or_else(String::new, |v| shown_value(lang, f, v)),
                    href: format!("/applications/{id}/section/{s}#{}", super::field_anchor(svc, &f.name)),
                })
                .collect(),
        })
        .collect();
    let documents = view
        .documents
        .iter()
        .map(|d| {
            svc.documents()
                .iter()
                .find(|s| s.code == d.doc_type)
                .map_or_else(|| d.doc_type.clone(), |s| s.names.get(lang).to_owned())
        })
        .collect();
    let fee = format!(
        "{} — {} ({})",
        t_or(lang, &format!("applicant-tier-{}", view.fee_tier), &view.fee_tier),
        crate::portal::i18n::money(lang, view.fee_minor),
        basis_text(lang, svc, &view.fee_tier, &view.fee_basis)
    );
    // The deadline the tier buys for these answers (shorter in the liberated territories).
    let deadline = svc
        .quote(&view.fee_tier, &view.form, today)
        .map(|q| super::services::deadline_text(lang, q.deadline.count, q.deadline.unit))
        .unwrap_or_default();
    let guidance = umis_core::filing::eligibility_guidance(packs, &view.service, &view.form, today, lang)
        .into_iter()
        .map(|g| GuidanceView {
            condition: g.condition,
            verdict: match g.met {
                Some(true) => "met",
                Some(false) => "not_met",
                None => "unknown",
            },
            apply_by: g.apply_by.map(|d| crate::portal::i18n::date(lang, d)),
        })
        .collect();
    let page = viewer.chrome("applicant-check-title").with_errors(&errors);
    render(&CheckPage {
        page,
        id: id.clone(),
        service: svc.names().get(lang).to_owned(),
        errors,
        groups,
        documents,
        fee,
        deadline,
        guidance,
    })
}

/// `GET /applications/{id}/check`: every answer with a way to change it, and the submit button.
pub(super) async fn check_page(
    State(state): State<Arc<AppState>>,
    viewer: Viewer,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let view = match load_editable(&state, &viewer, &id).await? {
        Ok(v) => v,
        Err(r) => return Ok(r),
    };
    let svc = service(state.packs.catalogue(), &view.service)?;
    check_page_of(&state.packs, &viewer, &view, svc, Errors::new(), state.clock.today())
}

/// `POST /applications/{id}/submit`: files the application; the core checks it whole.
pub(super) async fn submit(
    State(state): State<Arc<AppState>>,
    viewer: Viewer,
    Path(id): Path<String>,
    _posted: Form,
) -> Result<Response, PageError> {
    let view = match load_editable(&state, &viewer, &id).await? {
        Ok(v) => v,
        Err(r) => return Ok(r),
    };
    let svc = service(state.packs.catalogue(), &view.service)?;
    let actor = viewer.actor()?;
    let st = state.clone();
    let case_id = view.id.clone();
    // A deadline beyond the calendar's years is kept apart so the page can say so in its language.
    match run(move || {
        match cases::act(
            &st.store,
            st.packs.catalogue(),
            &st.clock,
            &st.keys,
            &actor,
            &case_id,
            CaseAction::Submit,
        ) {
            Err(CaseError::BeyondCalendar(b)) => Ok(Err(b)),
            other => other.map(Ok),
        }
    })
    .await
    {
        Ok(Ok(_)) => Ok(see_other(&format!("/applications/{}/confirmation", view.id))),
        Ok(Err(beyond)) => {
            let mut errors = Errors::new();
            errors.add("", crate::portal::form::beyond_calendar(&viewer, &beyond));
            let mut r = check_page_of(&state.packs, &viewer, &view, svc, errors, state.clock.today())?;
            *r.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            Ok(r)
        }
        Err(e @ (ApiError::Invalid { .. } | ApiError::Conflict(_))) => {
            let errors = case_errors(&viewer, svc, &e, true).unwrap_or_default();
            let mut r = check_page_of(&state.packs, &viewer, &view, svc, errors, state.clock.today())?;
            *r.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            Ok(r)
        }
        Err(e) => Err(e.into()),
    }
}
