//! `GET /office/cases/{id}`: one case as an officer (or, for an appeal, the appeal board) works
//! on it, and `POST /office/cases/{id}/actions`: the lifecycle steps the core offers the reader,
//! each as its own small form carrying the version the officer read (the procedure's steps are
//! read in `procedure`).

use super::super::chrome::{Chrome, Params, Viewer, render, see_other};
use super::super::errors::PageError;
use super::super::form::{Errors, Form};
use super::super::i18n;
use super::board::{CourtForm, CourtInput, appeal_facts, court_form};
use super::procedure::{self, ProcedureInput};
use super::queue::Row;
use super::{core, page_error, plausible_key, service, service_name, show_date, show_day, state_tag};
use crate::AppState;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;
use std::sync::Arc;
use umis_core::actor::Actor;
use umis_core::cases::{CaseAction, CaseError, CaseView, Decision};
use umis_core::casework::{CaseFile, ReadAt, act_at, case_file};
use umis_domain::case_state::{StateName, Step as CaseStep, TransitionError};
use umis_rules::services::{Catalogue, FieldType, OutcomeKind, Service};

/// Longest note, grounds or question an officer may write (the core's limit).
pub const MAX_NOTE: usize = 4_000;

/// Which steps the case's state and the officer's part in it allow.
#[derive(Debug, Default)]
pub struct Actions {
    accept: bool,
    return_for_correction: bool,
    /// Assign: the supervisor chooses; another officer may take the case themselves.
    assign: bool,
    assign_choose: bool,
    start_review: bool,
    request_information: bool,
    propose: bool,
    confirm: bool,
    send_back: bool,
    close: bool,
    /// The procedure's steps.
    suspend: bool,
    resume: bool,
    terminate: bool,
    extend_deadline: bool,
    exempt_from_duty: bool,
    forward: bool,
    record_decree: bool,
    schedule_interview: bool,
    record_interview: bool,
    /// The viewer proposed the decision awaiting confirmation.
    own_proposal: bool,
    /// The case waits for the filer or for another officer.
    waiting_for: Option<String>,
}

impl Actions {
    fn any(&self) -> bool {
        self.accept
            || self.return_for_correction
            || self.assign
            || self.start_review
            || self.request_information
            || self.propose
            || self.confirm
            || self.send_back
            || self.close
            || self.suspend
            || self.resume
            || self.terminate
            || self.extend_deadline
            || self.exempt_from_duty
            || self.forward
            || self.record_decree
            || self.schedule_interview
            || self.record_interview
    }
}

impl Actions {
    /// The forms for the steps the lifecycle lets this officer take now, as the core answered.
    fn of(v: &CaseView) -> Actions {
        let has = |s: CaseStep| v.actions.contains(&s);
        let mut a = Actions {
            accept: has(CaseStep::Accept),
            return_for_correction: has(CaseStep::ReturnForCorrection),
            assign: has(CaseStep::Assign),
            assign_choose: has(CaseStep::Assign) && v.assigns_others,
            start_review: has(CaseStep::StartReview),
            request_information: has(CaseStep::RequestInformation),
            propose: has(CaseStep::Propose),
            confirm: has(CaseStep::Confirm),
            send_back: has(CaseStep::SendBack),
            close: has(CaseStep::Close),
            suspend: has(CaseStep::Suspend),
            resume: has(CaseStep::Resume),
            terminate: has(CaseStep::Terminate),
            extend_deadline: has(CaseStep::ExtendDeadline),
            exempt_from_duty: has(CaseStep::ExemptFromDuty),
            forward: has(CaseStep::Forward),
            record_decree: has(CaseStep::RecordDecree),
            schedule_interview: has(CaseStep::ScheduleInterview),
            record_interview: has(CaseStep::RecordInterview),
            own_proposal: false,
            waiting_for: None,
        };
        // A proposal awaiting confirmation that this officer may not confirm is their own: the
        // page still shows the two forms, under a note that another officer must use them.
        a.own_proposal = v.state == StateName::DecisionProposed && !a.confirm;
        if a.own_proposal {
            a.confirm = true;
            a.send_back = true;
        }
        if v.state.waits_for_filer() {
            a.waiting_for = Some("filer".into());
        } else if !a.any() && v.state.is_open() {
            a.waiting_for = Some("officer".into());
        }
        a
    }
}

/// The values of the action forms, kept when a form is refused.
#[derive(Debug, Default)]
pub struct Input {
    return_note: String,
    request_note: String,
    send_back_note: String,
    decision: String,
    /// The codes of the grounds ticked.
    grounds: Vec<String>,
    grounds_note: String,
    outcome: String,
    officer: String,
    /// The procedure's forms.
    pub(super) procedure: ProcedureInput,
    /// The court stage's form.
    pub(super) court: CourtInput,
}

impl Input {
    /// Whether the ground `code` was ticked (the form is shown again after a refusal).
    pub fn chose(&self, code: &str) -> bool {
        self.grounds.iter().any(|g| g == code)
    }
}

/// A label and value of a summary list.
pub struct Line {
    pub(super) label: String,
    pub(super) value: String,
}

/// An uploaded document.
pub struct Doc {
    name: String,
    kind: String,
    size: i64,
    uploaded: String,
    href: String,
}

/// An issued permit, certificate or decision.
pub struct Issued {
    number: String,
    kind: String,
    issued: String,
    valid_from: String,
    valid_until: String,
    revoked: String,
    revocable: bool,
}

/// A step of the history.
pub struct Step {
    when: String,
    event: String,
    who: String,
    state: String,
    note: Option<String>,
}

/// A choice of a radio group or select.
pub struct Opt {
    pub(super) value: String,
    pub(super) label: String,
}

/// The traveller's record in stay control, as the stay engine reads it today.
#[derive(Debug, Deserialize)]
pub struct Traveller {
    presence: String,
    lawful: Option<bool>,
    crossings: i64,
    permits: i64,
    registrations: i64,
    stays: Vec<Stay>,
    trace: Vec<String>,
}

/// One stay.
#[derive(Debug, Deserialize)]
pub struct Stay {
    entry_date: String,
    last_day: String,
    still_inside: bool,
    dropped: bool,
    entry_basis: String,
    limit_days: Option<i64>,
    lawful_days: i64,
    overstay_days: i64,
}

#[derive(Template)]
#[template(path = "portal/officer/case.html")]
pub(super) struct CasePage {
    page: Chrome,
    errors: Errors,
    stale: bool,
    notice: Option<String>,
    id: String,
    service: String,
    state: StateName,
    tag: &'static str,
    version: i64,
    summary: Vec<Line>,
    overdue: bool,
    application: Vec<Line>,
    documents: Vec<Doc>,
    eligible: bool,
    eligibility: Vec<String>,
    milestones: Vec<Line>,
    holder: Option<String>,
    traveller: Option<Traveller>,
    earlier: Vec<Row>,
    issued: Vec<Issued>,
    history: Vec<Step>,
    actions: Actions,
    officers: Vec<Opt>,
    outcomes: Vec<Opt>,
    /// The coded refusal grounds of the service, as checkboxes.
    grounds: Vec<Opt>,
    /// Where the case stands in the procedure (clock, extensions, interviews, duty, decree …).
    procedure: Vec<Line>,
    /// What an appeal challenges and its court stage (appeals only).
    appeal: Vec<Line>,
    terminations: Vec<Opt>,
    exemptions: Vec<Opt>,
    interviews: Vec<Opt>,
    /// The court stage's form, for the appeal board on a decided appeal.
    court: Option<CourtForm>,
    /// The viewer's queue, and its link's words.
    back: (&'static str, &'static str),
    /// Whether the viewer works the office's documents (the revocation page is theirs).
    may_revoke: bool,
    me: String,
    input: Input,
}

fn text_value(
    viewer: &Viewer,
    svc: Option<&umis_rules::services::Service>,
    field: &str,
    value: &str,
) -> String {
    let choice = svc.and_then(|s| s.field(field)).and_then(|f| match &f.kind {
        FieldType::Choice { choices } => {
            choices.iter().find(|c| c.value == value).map(|c| c.label.get(viewer.lang).to_owned())
        }
        FieldType::Date { .. } => umis_domain::Date::parse(value).ok().map(|d| i18n::date(viewer.lang, d)),
        _ => None,
    });
    choice.unwrap_or_else(|| value.to_owned())
}

/// The refusal grounds of the service, in the reader's language with their article.
fn ground_choices(cat: &Catalogue, viewer: &Viewer, code: &str) -> Vec<Opt> {
    cat.refusal_grounds(code)
        .map(|g| Opt {
            value: g.code.clone(),
            label: format!("{} ({})", g.names.get(viewer.lang), g.article),
        })
        .collect()
}

/// The grounds of a decision as one line in the reader's language: each coded ground with its
/// article, then the note.
pub(crate) fn grounds_line(viewer: &Viewer, g: &umis_core::cases::GroundsView) -> String {
    let mut parts = g.lines(viewer.lang);
    parts.extend(g.note.clone());
    parts.join("; ")
}

fn outcome_choices(cat: &Catalogue, viewer: &Viewer, code: &str) -> Vec<Opt> {
    match service(cat, code).map(|s| &s.outcome().kind) {
        Some(OutcomeKind::Affiliation { results, .. }) => results
            .iter()
            .map(|r| Opt {
                value: r.as_str().to_owned(),
                label: viewer.t(&format!("officer-outcome-{}", r.as_str())),
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// Reads the stays of the case's holder from stay control (an audited read), if the form
/// names them; a failure there leaves the section out rather than the page.
async fn traveller(
    state: &Arc<AppState>,
    viewer: &Viewer,
    actor: &Actor,
    file: &CaseFile,
) -> Option<Traveller> {
    let key = file.holder.clone()?;
    let st = state.clone();
    let who = actor.audit_name();
    let lang = viewer.lang;
    let answer = crate::api::errors::run(move || {
        let Some(pack) = st.packs.get("az") else {
            return Ok::<_, crate::problem::ApiError>(None);
        };
        let today = st.clock.today();
        Ok(umis_core::traveller::traveller_status(&st.store, pack, &key, today, &who, lang)
            .map_err(|e| tracing::error!(error = %e, "traveller read on a case page"))
            .ok()
            .and_then(|s| serde_json::to_value(&s).ok())
            .and_then(|v| serde_json::from_value::<Traveller>(v).ok()))
    })
    .await
    .ok()?;
    answer.map(|mut t| {
        for s in &mut t.stays {
            s.entry_date = show_date(viewer, Some(&s.entry_date));
            s.last_day = show_date(viewer, Some(&s.last_day));
        }
        t
    })
}

/// The summary list: service, office, dates, fee, and who holds or decided the case.
fn summary(viewer: &Viewer, cat: &Catalogue, file: &CaseFile) -> Vec<Line> {
    let v = &file.view;
    let mut summary = vec![
        Line { label: viewer.t("officer-service"), value: service_name(cat, viewer, &v.service) },
        Line { label: viewer.t("officer-office"), value: v.office.clone() },
        Line { label: viewer.t("officer-submitted"), value: show_day(viewer, v.submitted_on) },
        Line { label: viewer.t("officer-deadline"), value: show_day(viewer, v.due_on) },
        Line {
            label: viewer.t("officer-fee"),
            value: format!(
                "{} ({}) — {}",
                i18n::money(viewer.lang, v.fee_minor),
                viewer.t(if v.fee_paid { "officer-fee-paid" } else { "officer-fee-unpaid" }),
                cat.get(&v.service).map_or_else(String::new, |s| {
                    crate::portal::fee_basis::basis_text(viewer.lang, s, &v.fee_tier, &v.fee_basis)
                })
            ),
        },
    ];
    if let Some(o) = v.staff.as_ref().and_then(|s| s.officer.as_deref()) {
        let name = file.names.get(o).cloned().unwrap_or_else(|| o.chars().take(8).collect());
        summary.push(Line { label: viewer.t("officer-held-by"), value: name });
    }
    if let Some(p) =
        v.staff.as_ref().and_then(|s| s.proposal.clone()).filter(|_| v.state == StateName::DecisionProposed)
    {
        summary.push(Line {
            label: viewer.t("officer-proposal"),
            value: viewer.t(&format!("officer-decision-{p}")),
        });
    }
    if let Some(o) = &v.outcome {
        summary.push(Line {
            label: viewer.t("officer-outcome"),
            value: viewer.t(&format!("officer-outcome-{o}")),
        });
    }
    if let Some(g) = &v.grounds {
        summary.push(Line { label: viewer.t("officer-grounds"), value: grounds_line(viewer, g) });
    }
    if let Some(d) = v.decided_on {
        summary.push(Line { label: viewer.t("officer-decided"), value: show_day(viewer, Some(d)) });
    }
    summary
}

/// The application's answers in the service's field order, labelled and worded for the reader
/// (the raw names and values if the catalogue has no such service).
fn application(viewer: &Viewer, svc: Option<&Service>, v: &CaseView) -> Vec<Line> {
    match svc {
        Some(s) => s
            .fields()
            .iter()
            .filter_map(|f| {
                let value = v.form.get(&f.name)?;
                Some(Line {
                    label: f.label.get(viewer.lang).to_owned(),
                    value: text_value(viewer, svc, &f.name, value),
                })
            })
            .collect(),
        None => v.form.iter().map(|(k, val)| Line { label: k.clone(), value: val.clone() }).collect(),
    }
}

/// The uploaded documents, named as the service names them.
fn documents(viewer: &Viewer, svc: Option<&Service>, v: &CaseView) -> Vec<Doc> {
    v.documents
        .iter()
        .map(|d| Doc {
            name: svc
                .and_then(|s| s.documents().iter().find(|x| x.code == d.doc_type))
                .map_or_else(|| d.doc_type.clone(), |x| x.names.get(viewer.lang).to_owned()),
            kind: d.kind.to_uppercase(),
            size: (d.size + 1023) / 1024,
            uploaded: show_date(viewer, Some(&d.uploaded_at)),
            href: format!("/api/v1/cases/{}/documents/{}", v.id, d.id),
        })
        .collect()
}

/// The service's milestones counted from the day the case was submitted.
fn milestones(viewer: &Viewer, cat: &Catalogue, svc: Option<&Service>, v: &CaseView) -> Vec<Line> {
    match (svc, v.submitted_on) {
        (Some(s), Some(day)) => s
            .milestone_dates(cat.calendar(), day)
            .into_iter()
            .map(|(m, d)| Line {
                label: m.names.get(viewer.lang).to_owned(),
                value: match d {
                    Ok(d) => i18n::date(viewer.lang, d),
                    Err(b) => viewer.ta("form-beyond-calendar-date", &[("year", b.year.to_string().into())]),
                },
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// The holder's other cases, as rows of the queue.
fn earlier(viewer: &Viewer, cat: &Catalogue, file: &CaseFile) -> Vec<Row> {
    file.earlier.iter().map(|c| Row::of(viewer, cat, c)).collect()
}

/// The permits, certificates and decisions issued on the case.
fn issued(viewer: &Viewer, v: &CaseView) -> Vec<Issued> {
    v.issued
        .iter()
        .map(|d| Issued {
            number: d.number.clone(),
            kind: {
                let key = format!("officer-issued-{}", d.doc_type);
                let t = viewer.t(&key);
                if t == key { d.doc_type.clone() } else { t }
            },
            issued: show_date(viewer, Some(&d.issued_on)),
            valid_from: show_date(viewer, d.valid_from.as_deref()),
            valid_until: show_date(viewer, d.valid_until.as_deref()),
            revoked: show_date(viewer, d.revoked_on.as_deref()),
            revocable: d.revoked_on.is_none(),
        })
        .collect()
}

/// The case's events, newest first, with who took each step.
fn history(viewer: &Viewer, file: &CaseFile) -> Vec<Step> {
    file.view
        .events
        .iter()
        .rev()
        .map(|e| {
            let key = format!("officer-event-{}", e.event);
            let event = viewer.t(&key);
            let who = e.actor_id.as_deref().and_then(|id| file.names.get(id).cloned());
            let role = viewer.t(&format!("role-{}", e.actor_role));
            Step {
                when: format!("{} {}", show_date(viewer, Some(&e.at)), e.at.get(11..16).unwrap_or("")),
                event: if event == key { e.event.replace('_', " ") } else { event },
                who: who.map_or(role.clone(), |n| format!("{n} ({role})")),
                state: viewer.t(&format!("officer-state-{}", e.state)),
                note: e.note.clone(),
            }
        })
        .collect()
}

/// The officers the assign form offers: any of the office if the core says this officer gives
/// cases to others, else only themselves.
fn officers(actor: &Actor, file: &CaseFile) -> Vec<Opt> {
    file.officers
        .iter()
        .filter(|o| file.view.assigns_others || o.id == actor.id)
        .map(|o| Opt { value: o.id.clone(), label: o.name.clone() })
        .collect()
}

/// Builds the case page from what the core gave.
pub(super) async fn build(
    state: &Arc<AppState>,
    viewer: &Viewer,
    actor: &Actor,
    file: CaseFile,
    errors: Errors,
    input: Input,
    notice: Option<String>,
) -> Result<CasePage, PageError> {
    let traveller = traveller(state, viewer, actor, &file).await;
    let v = &file.view;
    let cat = state.packs.catalogue();
    let svc = service(cat, &v.service);
    let receipt = v.receipt.clone().unwrap_or_else(|| v.id.chars().take(8).collect());
    let page = viewer.chrome_titled(viewer.ta("officer-case-title", &[("receipt", receipt.clone().into())]));
    let stale = errors.list.iter().any(|e| e.message == viewer.t("officer-error-stale"));
    Ok(CasePage {
        page: page.with_errors(&errors),
        errors,
        stale,
        notice,
        id: v.id.clone(),
        service: service_name(cat, viewer, &v.service),
        state: v.state,
        tag: state_tag(v.state),
        version: v.version,
        summary: summary(viewer, cat, &file),
        overdue: v.overdue,
        application: application(viewer, svc, v),
        documents: documents(viewer, svc, v),
        eligible: file.eligible,
        eligibility: file.eligibility.clone(),
        milestones: milestones(viewer, cat, svc, v),
        holder: file.holder.as_ref().map(|h| format!("{} {}", h.issuing_state, h.document_number)),
        traveller,
        earlier: earlier(viewer, cat, &file),
        issued: issued(viewer, v),
        history: history(viewer, &file),
        actions: Actions::of(v),
        officers: officers(actor, &file),
        outcomes: outcome_choices(cat, viewer, &v.service),
        grounds: ground_choices(cat, viewer, &v.service),
        procedure: procedure::facts(viewer, svc, v, state.clock.today()),
        appeal: appeal_facts(viewer, v),
        terminations: procedure::termination_reasons(viewer),
        exemptions: procedure::exemptions(viewer),
        interviews: procedure::interviews(viewer, svc),
        court: court_form(actor, v),
        back: if actor.role.decides_appeals() {
            ("/board/appeals", "board-back")
        } else {
            ("/office/queue", "officer-back-to-queue")
        },
        may_revoke: actor.role.decides_cases(),
        me: actor.id.clone(),
        input,
    })
}

pub(super) async fn load(
    state: &Arc<AppState>,
    viewer: &Viewer,
    actor: &Actor,
    id: &str,
) -> Result<CaseFile, PageError> {
    if !plausible_key(id) {
        return Err(PageError::NotFound);
    }
    let (st, who, id, lang) = (state.clone(), actor.clone(), id.to_owned(), viewer.lang);
    core(move || case_file(&st.store, st.packs.catalogue(), &st.clock, &who, &id, lang))
        .await?
        .map_err(page_error)
}

pub(super) async fn case_page(
    State(state): State<Arc<AppState>>,
    viewer: Viewer,
    Path(id): Path<String>,
    q: Params,
) -> Result<Response, PageError> {
    let actor = viewer.actor()?;
    let file = load(&state, &viewer, &actor, &id).await?;
    let done = q
        .get("done")
        .filter(|d| ACTION_NAMES.contains(d) || procedure::STEP_NAMES.contains(d) || *d == "court");
    let notice = if let Some(done) = done {
        Some(viewer.t(&format!("officer-done-{done}")))
    } else {
        let notice = |key: &str, msg: &str| {
            q.get(key).filter(|n| plausible_key(n)).map(|n| viewer.ta(msg, &[("number", n.into())]))
        };
        notice("revoked", "officer-revoked-notice")
            .or_else(|| notice("cancel_proposed", "officer-cancel-proposed-notice"))
    };
    let page = build(&state, &viewer, &actor, file, Errors::new(), Input::default(), notice).await?;
    render(&page)
}

/// The steps the page posts.
const ACTION_NAMES: [&str; 9] = [
    "accept",
    "return_for_correction",
    "assign",
    "start_review",
    "request_information",
    "propose",
    "confirm",
    "send_back",
    "close",
];

/// Checks a note field: `required`, at most [`MAX_NOTE`] characters, plain text.
pub(super) fn note(
    viewer: &Viewer,
    errors: &mut Errors,
    form: &Form,
    field: &str,
    label: &str,
    required: bool,
) -> String {
    let value = form.get(field).to_owned();
    let label = viewer.t(label);
    if value.is_empty() {
        if required {
            errors.add(field, viewer.ta("form-required", &[("field", label.into())]));
        }
    } else if value.chars().count() > MAX_NOTE {
        errors.add(
            field,
            viewer.ta("form-too-long", &[("field", label.into()), ("max", (MAX_NOTE as i64).into())]),
        );
    } else if value.chars().any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t') {
        errors.add(field, viewer.ta("form-bad-characters", &[("field", label.into())]));
    }
    value
}

/// The core step a posted form asks for, or the problems with the form.
fn parse_action(
    viewer: &Viewer,
    form: &Form,
    errors: &mut Errors,
    input: &mut Input,
) -> Result<Option<CaseAction>, PageError> {
    let action = match form.get("action") {
        "accept" => CaseAction::Accept,
        "return_for_correction" => {
            input.return_note = note(viewer, errors, form, "return_note", "officer-return-note", true);
            CaseAction::ReturnForCorrection { note: input.return_note.clone() }
        }
        "assign" => {
            input.officer = form.get("officer").to_owned();
            // Whether this officer may give the case to someone else is the core's answer: it
            // refuses the step, and the refusal reads as this same field error.
            if input.officer.is_empty() || !plausible_key(&input.officer) {
                errors.add("officer", viewer.t("officer-error-choose-officer"));
            }
            CaseAction::Assign { officer: input.officer.clone() }
        }
        "start_review" => CaseAction::StartReview,
        "request_information" => {
            input.request_note = note(viewer, errors, form, "request_note", "officer-request-note", true);
            CaseAction::RequestInformation { note: input.request_note.clone() }
        }
        "propose" => {
            input.decision = form.get("decision").to_owned();
            let decision = Decision::parse(&input.decision);
            if decision.is_none() {
                errors.add("decision", viewer.t("officer-error-choose-decision"));
            }
            let refuse = decision == Some(Decision::Refuse);
            // Which codes are the service's is the core's answer (a refusal reads as a field error).
            input.grounds = form
                .all("grounds")
                .into_iter()
                .map(str::trim)
                .filter(|g| !g.is_empty())
                .map(str::to_owned)
                .collect();
            input.grounds_note = note(viewer, errors, form, "grounds_note", "officer-grounds-note", false);
            if refuse && input.grounds.is_empty() {
                errors.add("grounds", viewer.t("officer-error-grounds-required"));
            }
            // Only services with several outcomes show the choice; the core checks it.
            input.outcome = form.get("outcome").to_owned();
            let outcome = (!input.outcome.is_empty()).then(|| input.outcome.clone());
            CaseAction::Propose {
                // Without a valid decision the form is refused above and this is never sent.
                decision: decision.unwrap_or(Decision::Approve),
                grounds: (refuse && !input.grounds.is_empty()).then(|| input.grounds.clone()),
                note: (refuse && !input.grounds_note.is_empty()).then(|| input.grounds_note.clone()),
                outcome,
            }
        }
        "confirm" => CaseAction::Confirm,
        "send_back" => {
            input.send_back_note =
                note(viewer, errors, form, "send_back_note", "officer-send-back-note", false);
            CaseAction::SendBack {
                note: (!input.send_back_note.is_empty()).then(|| input.send_back_note.clone()),
            }
        }
        "close" => CaseAction::Close,
        other => {
            return procedure::parse(viewer, form, errors, &mut input.procedure, other)
                .map_err(|()| PageError::BadRequest);
        }
    };
    Ok(errors.is_empty().then_some(action))
}

/// The field of the page a core problem is about.
fn field_for(action: &str, core_field: &str) -> &'static str {
    if let Some(field) = procedure::field_for(action, core_field) {
        return field;
    }
    match (action, core_field) {
        ("return_for_correction", "note") => "return_note",
        ("request_information", "note") => "request_note",
        ("send_back", "note") => "send_back_note",
        ("propose", "note") => "grounds_note",
        (_, "officer") => "officer",
        (_, "decision") => "decision",
        (_, "grounds") => "grounds",
        (_, "outcome") => "outcome",
        _ => "",
    }
}

/// A refused step in the officer's words, or the page failure it is.
pub(super) fn refusal(
    viewer: &Viewer,
    action: &str,
    appeal: bool,
    e: CaseError,
    errors: &mut Errors,
) -> Result<(), PageError> {
    match e {
        CaseError::Transition(TransitionError::FourEyes) => {
            errors.add("", viewer.t("officer-error-four-eyes"))
        }
        CaseError::Transition(TransitionError::NoGrounds) => {
            errors.add("grounds", viewer.t("officer-error-grounds-required"))
        }
        CaseError::Transition(TransitionError::NotAllowed { .. }) => {
            errors.add("", viewer.t("officer-error-not-allowed"))
        }
        // On an appeal: a member who took part in the act, or one who does not hold the appeal.
        CaseError::Forbidden(_) if appeal => errors.add("", viewer.t("officer-error-forbidden-appeal")),
        // Only a supervisor gives a case to another officer; anyone else chose wrongly.
        CaseError::Forbidden(_) if action == "assign" => {
            errors.add("officer", viewer.t("officer-error-choose-officer"))
        }
        CaseError::Forbidden(_) => errors.add("", viewer.t("officer-error-forbidden")),
        CaseError::Stale => errors.add("", viewer.t("officer-error-stale")),
        CaseError::BeyondCalendar(b) => errors.add("", crate::portal::form::beyond_calendar(viewer, &b)),
        e @ (CaseError::NotEditable
        | CaseError::NoDocumentsNow
        | CaseError::TierPaid
        | CaseError::QuotaExhausted { .. }
        | CaseError::AlreadyRevoked
        | CaseError::Fee(_)) => errors.add("", format!("{}: {e}", viewer.t("form-refused"))),
        CaseError::Invalid(problems) => {
            for p in problems {
                let field = field_for(action, &p.field);
                if let Some(message) = procedure::message(viewer, field, &p.code) {
                    errors.add(field, message);
                    continue;
                }
                let message = match (field, p.code.as_str()) {
                    ("officer", _) => viewer.t("officer-error-choose-officer"),
                    ("decision", _) => viewer.t("officer-error-choose-decision"),
                    ("outcome", _) => viewer.t("officer-error-choose-outcome"),
                    ("grounds", _) => viewer.t("officer-error-grounds-unknown"),
                    (_, "required") => viewer.t("officer-error-note-required"),
                    (_, "too_long") => {
                        viewer.ta("officer-error-too-long", &[("max", (MAX_NOTE as i64).into())])
                    }
                    _ => format!("{}: {}", viewer.t("form-refused"), p.message),
                };
                errors.add(field, message);
            }
        }
        e @ (CaseError::NotFound | CaseError::Internal(_) | CaseError::Store(_)) => {
            return Err(page_error(e));
        }
    }
    Ok(())
}

pub(super) async fn case_action(
    State(state): State<Arc<AppState>>,
    viewer: Viewer,
    Path(id): Path<String>,
    form: Form,
) -> Result<Response, PageError> {
    let actor = viewer.actor()?;
    if !plausible_key(&id) {
        return Err(PageError::NotFound);
    }
    let action_name = form.get("action").to_owned();
    if !ACTION_NAMES.contains(&action_name.as_str()) && !procedure::STEP_NAMES.contains(&action_name.as_str())
    {
        return Err(PageError::BadRequest);
    }
    let mut errors = Errors::new();
    let mut input = Input::default();
    let Ok(version) = form.get("version").parse::<i64>() else {
        errors.add("", viewer.t("officer-error-stale"));
        let file = load(&state, &viewer, &actor, &id).await?;
        return refused(build(&state, &viewer, &actor, file, errors, input, None).await?);
    };
    let mut failed = None;
    if let Some(action) = parse_action(&viewer, &form, &mut errors, &mut input)? {
        let (st, who, case_id) = (state.clone(), actor.clone(), id.clone());
        match core(move || {
            act_at(
                &st.store,
                st.packs.catalogue(),
                &st.clock,
                &st.keys,
                &who,
                ReadAt { id: &case_id, version },
                action,
            )
        })
        .await?
        {
            Ok(_) => return Ok(see_other(&format!("/office/cases/{id}?done={action_name}"))),
            Err(e) => failed = Some(e),
        }
    }
    let file = load(&state, &viewer, &actor, &id).await?;
    if let Some(e) = failed {
        refusal(&viewer, &action_name, file.view.appeal_of.is_some(), e, &mut errors)?;
    }
    refused(build(&state, &viewer, &actor, file, errors, input, None).await?)
}

pub(super) fn refused(page: CasePage) -> Result<Response, PageError> {
    let mut r = render(&page)?;
    *r.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    Ok(r)
}
