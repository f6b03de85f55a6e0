//! Where a filed application stands in the administrative procedure, as its applicant reads it:
//! what happens next in the case's state (the duty to pay and what follows if it is not paid,
//! a suspension that stops the deadline, forwarding, an application left without consideration,
//! a lapse, a termination, a refusal and the appeal open against it), and the procedure's facts
//! (extensions with their reasons, interviews with their interpreter, the decree, the reason the
//! proceedings ended).

use super::{show_date, t_or};
use crate::portal::chrome::Viewer;
use crate::portal::i18n;
use umis_core::cases::{CaseView, TerminationReason, decree_of};
use umis_domain::case_state::StateName;
use umis_rules::services::Catalogue;

/// A label and value of the status page's summary list.
pub(super) struct Fact {
    pub label: String,
    pub value: String,
}

/// What happens next, in the reader's language, for the states whose next step is not plain
/// from the state's name.
pub(super) fn next_step(viewer: &Viewer, view: &CaseView) -> Option<String> {
    let lang = viewer.lang;
    let p = &view.procedure;
    Some(match view.state {
        StateName::AwaitingPayment => {
            let d = p.duty.as_ref()?;
            viewer.ta(
                "applicant-next-awaiting_payment",
                &[
                    ("amount", i18n::money(lang, d.amount_minor).into()),
                    ("number", d.payment_number.clone().into()),
                    ("date", show_date(lang, &d.due_by).into()),
                ],
            )
        }
        StateName::LapsedUnpaid => {
            let on = p.duty.as_ref().and_then(|d| d.lapsed_on.as_deref()).map(|d| show_date(lang, d));
            viewer.ta("applicant-next-lapsed_unpaid", &[("date", on.unwrap_or_default().into())])
        }
        StateName::ProceedingsTerminated => {
            let reason = view.outcome.as_deref().and_then(TerminationReason::parse);
            let why = reason.map(|r| viewer.t(&format!("applicant-termination-{r}")));
            viewer.ta("applicant-next-proceedings_terminated", &[("reason", why.unwrap_or_default().into())])
        }
        StateName::Suspended
        | StateName::Forwarded
        | StateName::LeftWithoutConsideration
        | StateName::Refused => viewer.t(&format!("applicant-next-{}", view.state)),
        _ => return None,
    })
}

/// The facts of the procedure the applicant is told: extensions and their reasons, interviews,
/// forwarding, the decree.
pub(super) fn facts(cat: &Catalogue, viewer: &Viewer, view: &CaseView) -> Vec<Fact> {
    let lang = viewer.lang;
    let mut out = Vec::new();
    let p = &view.procedure;
    for e in &p.extensions {
        out.push(Fact {
            label: viewer.t("applicant-extended"),
            value: viewer.ta(
                "applicant-extended-value",
                &[
                    ("from", show_date(lang, &e.previous_due_on).into()),
                    ("to", show_date(lang, &e.new_due_on).into()),
                    ("reason", e.reason.clone().into()),
                ],
            ),
        });
    }
    let milestones = cat.get(&view.service).map(|s| s.milestones()).unwrap_or_default();
    for i in &p.interviews {
        let name = milestones
            .iter()
            .find(|m| m.code == i.milestone)
            .map_or_else(|| i.milestone.clone(), |m| m.names.get(lang).to_owned());
        let value = match (&i.held_on, &i.scheduled_on) {
            (Some(on), _) => viewer.ta("applicant-interview-held", &[("date", show_date(lang, on).into())]),
            (None, Some(on)) => {
                let at = viewer.ta("applicant-interview-on", &[("date", show_date(lang, on).into())]);
                match i.interpreter_language.as_deref() {
                    Some(l) => {
                        let language = t_or(lang, &format!("language-{l}"), l);
                        format!(
                            "{at} {}",
                            viewer.ta("applicant-interview-interpreter", &[("language", language.into())])
                        )
                    }
                    None => at,
                }
            }
            (None, None) => continue,
        };
        out.push(Fact { label: name, value });
    }
    if let Some(on) = view.events.iter().rev().find(|e| e.event == "forward") {
        out.push(Fact { label: viewer.t("applicant-forwarded-on"), value: show_date(lang, &on.at) });
    }
    if let Some(d) = view.outcome.as_deref().and_then(decree_of) {
        let key = if d.granted { "applicant-decree-granted" } else { "applicant-decree-refused" };
        out.push(Fact {
            label: viewer.t("applicant-decree"),
            value: viewer.ta(key, &[("number", d.number.into()), ("date", i18n::date(lang, d.date).into())]),
        });
    }
    out
}
