//! The administrative procedure on the case page: the forms of the steps that decide nothing on
//! the merits (suspend, resume, terminate, extend the deadline, exempt from the duty, forward,
//! enter a decree, schedule and record interviews), read into the core's `CaseAction`, and the
//! facts of the procedure the page shows (the stopped clock, extensions, interviews, forwarding,
//! the decree, the duty, an exemption, a lapse, a termination, an appeal and its court stage).
//!
//! Which of these steps the officer may take is the core's answer (`CaseView::actions`); what a
//! value must be (a later deadline within the bound, an interview of this procedure, a language
//! code) is checked by the core, whose refusals this module words per field.

use super::super::chrome::Viewer;
use super::super::form::{Errors, Form};
use super::super::i18n;
use super::case::{Line, Opt, note};
use super::show_date;
use umis_core::cases::{CaseAction, CaseView, Decision, TerminationReason, decree_of};
use umis_domain::Date;
use umis_domain::case_state::StateName;
use umis_domain::payment_number::DutyExemption;
use umis_rules::services::Service;

/// Longest decree number (the core's limit).
const MAX_DECREE_NUMBER: usize = 40;

/// A date as typed into the three boxes of the GOV.UK date input.
#[derive(Debug, Default, Clone)]
pub struct DateInput {
    /// Day box.
    pub day: String,
    /// Month box.
    pub month: String,
    /// Year box.
    pub year: String,
}

impl DateInput {
    /// The boxes of the date field `name` (`name-day`, `name-month`, `name-year`).
    fn read(form: &Form, name: &str) -> DateInput {
        let get = |part: &str| form.get(&format!("{name}-{part}")).chars().take(8).collect::<String>();
        DateInput { day: get("day"), month: get("month"), year: get("year") }
    }

    /// The date the boxes make, if they make a real one.
    fn date(&self) -> Option<Date> {
        let digits =
            |s: &str, max: usize| !s.is_empty() && s.len() <= max && s.bytes().all(|b| b.is_ascii_digit());
        if !(digits(&self.day, 2) && digits(&self.month, 2) && self.year.len() == 4 && digits(&self.year, 4))
        {
            return None;
        }
        Date::parse(&format!("{}-{:0>2}-{:0>2}", self.year, self.month, self.day)).ok()
    }
}

/// The values of the procedure's forms, kept when a form is refused.
#[derive(Debug, Default)]
pub struct ProcedureInput {
    /// Suspend: which authority and why.
    pub suspend_note: String,
    /// Terminate: the coded reason and a note.
    pub terminate_reason: String,
    pub terminate_note: String,
    /// Extend: the new deadline and why.
    pub extend_on: DateInput,
    pub extend_reason: String,
    /// Exempt: the coded exemption and the document seen.
    pub exemption: String,
    pub exempt_note: String,
    /// Forward: a note for the file.
    pub forward_note: String,
    /// Decree: granted or refused, its number and date.
    pub decree_decision: String,
    pub decree_number: String,
    pub decree_on: DateInput,
    /// Schedule an interview: which, when, the interpreter's language.
    pub interview_milestone: String,
    pub interview_on: DateInput,
    pub interpreter_language: String,
    /// Record an interview held: which, and when.
    pub held_milestone: String,
    pub held_on: DateInput,
}

/// The procedure's steps the page posts.
pub const STEP_NAMES: [&str; 9] = [
    "suspend",
    "resume",
    "terminate",
    "extend_deadline",
    "exempt_from_duty",
    "forward",
    "record_decree",
    "schedule_interview",
    "record_interview",
];

/// A date field: required and real; the ISO day for the core (empty when refused).
pub(super) fn date_field(
    viewer: &Viewer,
    errors: &mut Errors,
    form: &Form,
    name: &str,
    into: &mut DateInput,
) -> String {
    *into = DateInput::read(form, name);
    match into.date() {
        Some(d) => d.to_string(),
        None => {
            errors.add(name, viewer.t("officer-error-date"));
            String::new()
        }
    }
}

/// A choice of a closed list: its value if it is one of the list's, else an error on `field`.
fn choice<T>(
    viewer: &Viewer,
    errors: &mut Errors,
    field: &str,
    value: &str,
    parse: fn(&str) -> Option<T>,
    message: &str,
) -> Option<T> {
    let parsed = parse(value);
    if parsed.is_none() {
        errors.add(field, viewer.t(message));
    }
    parsed
}

/// The core step a procedure form asks for (`None` when the form is refused); `Err` when
/// `name` is no step of the procedure.
pub(super) fn parse(
    viewer: &Viewer,
    form: &Form,
    errors: &mut Errors,
    input: &mut ProcedureInput,
    name: &str,
) -> Result<Option<CaseAction>, ()> {
    let action = match name {
        "suspend" => {
            input.suspend_note = note(viewer, errors, form, "suspend_note", "officer-suspend-note", true);
            Some(CaseAction::Suspend { note: input.suspend_note.clone() })
        }
        "resume" => Some(CaseAction::Resume),
        "terminate" => {
            input.terminate_reason = form.get("terminate_reason").to_owned();
            input.terminate_note =
                note(viewer, errors, form, "terminate_note", "officer-terminate-note", false);
            let reason = choice(
                viewer,
                errors,
                "terminate_reason",
                &input.terminate_reason,
                TerminationReason::parse,
                "officer-error-choose-reason",
            );
            reason.map(|reason| CaseAction::Terminate {
                reason,
                note: (!input.terminate_note.is_empty()).then(|| input.terminate_note.clone()),
            })
        }
        "extend_deadline" => {
            let due_on = date_field(viewer, errors, form, "extend_on", &mut input.extend_on);
            input.extend_reason = note(viewer, errors, form, "extend_reason", "officer-extend-reason", true);
            Some(CaseAction::ExtendDeadline { due_on, reason: input.extend_reason.clone() })
        }
        "exempt_from_duty" => {
            input.exemption = form.get("exemption").to_owned();
            let exemption = choice(
                viewer,
                errors,
                "exemption",
                &input.exemption,
                DutyExemption::parse,
                "officer-error-choose-exemption",
            );
            input.exempt_note = note(viewer, errors, form, "exempt_note", "officer-exempt-note", true);
            exemption
                .map(|exemption| CaseAction::ExemptFromDuty { exemption, note: input.exempt_note.clone() })
        }
        "forward" => {
            input.forward_note = note(viewer, errors, form, "forward_note", "officer-forward-note", false);
            Some(CaseAction::Forward {
                note: (!input.forward_note.is_empty()).then(|| input.forward_note.clone()),
            })
        }
        "record_decree" => decree(viewer, form, errors, input),
        "schedule_interview" | "record_interview" => {
            interview(viewer, form, errors, input, name == "schedule_interview")
        }
        _ => return Err(()),
    };
    Ok(action.filter(|_| errors.is_empty()))
}

/// The decree form: granted or refused, its number and its date.
fn decree(
    viewer: &Viewer,
    form: &Form,
    errors: &mut Errors,
    input: &mut ProcedureInput,
) -> Option<CaseAction> {
    input.decree_decision = form.get("decree_decision").to_owned();
    let decision = choice(
        viewer,
        errors,
        "decree_decision",
        &input.decree_decision,
        Decision::parse,
        "officer-error-choose-decision",
    );
    input.decree_number = form.get("decree_number").to_owned();
    let n = input.decree_number.chars().count();
    if n == 0 || n > MAX_DECREE_NUMBER || input.decree_number.chars().any(char::is_control) {
        errors.add(
            "decree_number",
            viewer.ta("officer-error-decree-number", &[("max", (MAX_DECREE_NUMBER as i64).into())]),
        );
    }
    let date = date_field(viewer, errors, form, "decree_on", &mut input.decree_on);
    decision.map(|decision| CaseAction::RecordDecree { decision, number: input.decree_number.clone(), date })
}

/// The interview forms: which interview and its day; scheduling also names the interpreter's
/// language, recording names the day it took place.
fn interview(
    viewer: &Viewer,
    form: &Form,
    errors: &mut Errors,
    input: &mut ProcedureInput,
    schedule: bool,
) -> Option<CaseAction> {
    let (field, date) =
        if schedule { ("interview_milestone", "interview_on") } else { ("held_milestone", "held_on") };
    let milestone = form.get(field).to_owned();
    if milestone.is_empty() {
        errors.add(field, viewer.t("officer-error-choose-interview"));
    }
    if !schedule {
        let on = date_field(viewer, errors, form, date, &mut input.held_on);
        input.held_milestone.clone_from(&milestone);
        return Some(CaseAction::RecordInterview { milestone, on });
    }
    let on = date_field(viewer, errors, form, date, &mut input.interview_on);
    input.interview_milestone.clone_from(&milestone);
    input.interpreter_language = form.get("interpreter_language").chars().take(16).collect();
    let interpreter_language =
        (!input.interpreter_language.is_empty()).then(|| input.interpreter_language.clone());
    Some(CaseAction::ScheduleInterview { milestone, on, interpreter_language })
}

/// The field of the page a core problem with a procedure step is about.
pub(super) fn field_for(action: &str, core_field: &str) -> Option<&'static str> {
    Some(match (action, core_field) {
        ("suspend", "note") => "suspend_note",
        ("terminate", "note") => "terminate_note",
        ("extend_deadline", "note") => "extend_reason",
        ("extend_deadline", "due_on") => "extend_on",
        ("exempt_from_duty", "note") => "exempt_note",
        ("forward", "note") => "forward_note",
        ("record_decree", "number") => "decree_number",
        ("record_decree", "date") => "decree_on",
        ("schedule_interview", "milestone") => "interview_milestone",
        ("schedule_interview", "on") => "interview_on",
        ("schedule_interview", "interpreter_language") => "interpreter_language",
        ("record_interview", "milestone") => "held_milestone",
        ("record_interview", "on") => "held_on",
        (_, "action") => "",
        _ => return None,
    })
}

/// The officer's words for a core problem with a procedure field, if it has its own.
pub(super) fn message(viewer: &Viewer, field: &str, code: &str) -> Option<String> {
    let key = match (field, code) {
        ("decree_number", _) => {
            return Some(
                viewer.ta("officer-error-decree-number", &[("max", (MAX_DECREE_NUMBER as i64).into())]),
            );
        }
        (_, "not_a_date") => "officer-error-date",
        (_, "in_future") => "officer-error-date-future",
        ("extend_on", "not_later") => "officer-error-extend-not-later",
        ("extend_on", "too_late") => "officer-error-extend-too-late",
        ("extend_on", "no_deadline") => "officer-error-extend-no-deadline",
        (_, "unknown_interview") => "officer-error-choose-interview",
        (_, "not_a_language") => "officer-error-language",
        (_, "not_forwarded" | "forwarded_for_decision") => "officer-error-not-allowed",
        _ => return None,
    };
    Some(viewer.t(key))
}

/// The coded reasons to end proceedings, in the reader's language.
pub(super) fn termination_reasons(viewer: &Viewer) -> Vec<Opt> {
    TerminationReason::ALL
        .iter()
        .map(|r| Opt { value: r.as_str().to_owned(), label: viewer.t(&format!("officer-termination-{r}")) })
        .collect()
}

/// The coded exemptions from the duty, in the reader's language.
pub(super) fn exemptions(viewer: &Viewer) -> Vec<Opt> {
    DutyExemption::ALL
        .iter()
        .map(|e| Opt { value: e.as_str().to_owned(), label: viewer.t(&format!("officer-exemption-{e}")) })
        .collect()
}

/// The interviews of the service's procedure (its milestones that are interviews).
pub(super) fn interviews(viewer: &Viewer, svc: Option<&Service>) -> Vec<Opt> {
    svc.map(|s| s.milestones())
        .unwrap_or_default()
        .iter()
        .filter(|m| m.code.ends_with("_interview"))
        .map(|m| Opt { value: m.code.clone(), label: m.names.get(viewer.lang).to_owned() })
        .collect()
}

/// The facts of the procedure, as summary lines: what stopped or moved the clock, what the
/// case waits for and how it ended.
pub(super) fn facts(viewer: &Viewer, svc: Option<&Service>, v: &CaseView, today: Date) -> Vec<Line> {
    let mut out = Vec::new();
    let mut line = |key: &str, value: String| out.push(Line { label: viewer.t(key), value });
    let p = &v.procedure;
    if let Some(since) = p.clock_stopped_on.as_deref() {
        let stood = Date::parse(since.get(..10).unwrap_or(since)).map_or(0, |d| today.days_since(d).max(0));
        line(
            "officer-clock-stopped",
            viewer.ta(
                "officer-clock-stopped-value",
                &[("date", show_date(viewer, Some(since)).into()), ("days", i64::from(stood).into())],
            ),
        );
    }
    if let Some(by) = p.reply_by.as_deref() {
        line("officer-reply-by", show_date(viewer, Some(by)));
    }
    for e in &p.extensions {
        line(
            "officer-extended",
            viewer.ta(
                "officer-extended-value",
                &[
                    ("from", show_date(viewer, Some(&e.previous_due_on)).into()),
                    ("to", show_date(viewer, Some(&e.new_due_on)).into()),
                    ("reason", e.reason.clone().into()),
                ],
            ),
        );
    }
    for i in &p.interviews {
        line("officer-interview", interview_line(viewer, svc, i));
    }
    if let Some(on) = v.events.iter().rev().find(|e| e.event == "forward").map(|e| e.at.clone()) {
        line("officer-forwarded-on", show_date(viewer, Some(&on)));
    }
    if let Some(d) = v.outcome.as_deref().and_then(decree_of) {
        line("officer-decree", decree_line(viewer, &d));
    }
    if let Some(d) = &p.duty {
        line("officer-duty", duty_line(viewer, d));
    }
    if let Some(e) = p.duty_exemption.as_deref() {
        line("officer-exemption", viewer.t(&format!("officer-exemption-{e}")));
    }
    if v.state == StateName::ProceedingsTerminated
        && let Some(r) = v.outcome.as_deref().and_then(TerminationReason::parse)
    {
        line("officer-termination", viewer.t(&format!("officer-termination-{r}")));
    }
    out
}

/// An interview as one line: which, when it is scheduled (and with which interpreter), when held.
fn interview_line(viewer: &Viewer, svc: Option<&Service>, i: &umis_core::cases::InterviewView) -> String {
    let name = svc
        .and_then(|s| s.milestones().iter().find(|m| m.code == i.milestone))
        .map_or_else(|| i.milestone.clone(), |m| m.names.get(viewer.lang).to_owned());
    let mut parts = vec![name];
    if let Some(on) = i.scheduled_on.as_deref() {
        parts.push(viewer.ta("officer-interview-scheduled", &[("date", show_date(viewer, Some(on)).into())]));
    }
    if let Some(l) = i.interpreter_language.as_deref() {
        parts.push(
            viewer.ta("officer-interview-interpreter", &[("language", language_name(viewer, l).into())]),
        );
    }
    if let Some(on) = i.held_on.as_deref() {
        parts.push(viewer.ta("officer-interview-held", &[("date", show_date(viewer, Some(on)).into())]));
    }
    parts.join("; ")
}

/// A language's name in the reader's language where the portal knows it, else its code.
pub(crate) fn language_name(viewer: &Viewer, code: &str) -> String {
    let key = format!("language-{code}");
    let name = viewer.t(&key);
    if name == key { code.to_owned() } else { format!("{name} ({code})") }
}

/// A decree as one line in the reader's language.
fn decree_line(viewer: &Viewer, d: &umis_core::cases::DecreeView) -> String {
    let key = if d.granted { "officer-decree-granted" } else { "officer-decree-refused" };
    viewer.ta(key, &[("number", d.number.clone().into()), ("date", i18n::date(viewer.lang, d.date).into())])
}

/// The duty after the decision as one line: its payment number, amount and pay-by day, and
/// whether it was paid or lapsed.
fn duty_line(viewer: &Viewer, d: &umis_core::cases::DutyView) -> String {
    let mut s = viewer.ta(
        "officer-duty-value",
        &[
            ("number", d.payment_number.clone().into()),
            ("amount", i18n::money(viewer.lang, d.amount_minor).into()),
            ("date", show_date(viewer, Some(&d.due_by)).into()),
        ],
    );
    if let Some(paid) = d.paid_at.as_deref() {
        s.push_str(&format!(
            " — {}",
            viewer.ta("officer-duty-paid", &[("date", show_date(viewer, Some(paid)).into())])
        ));
    } else if let Some(lapsed) = d.lapsed_on.as_deref() {
        s.push_str(&format!(
            " — {}",
            viewer.ta("officer-duty-lapsed", &[("date", show_date(viewer, Some(lapsed)).into())])
        ));
    }
    s
}
