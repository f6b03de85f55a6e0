//! The appeal board's desk: `GET /board/appeals`, the appeals of every office by deadline (the
//! core's case list, which gives the board the appeals and nothing else), and
//! `POST /office/cases/{id}/court`, the court stage of a decided appeal (the same core function
//! as the API's `POST /api/v1/cases/{id}/court`). The board opens and decides an appeal on the
//! officers' case page, with the same steps.

use super::super::chrome::{Chrome, Params, Viewer, render, see_other};
use super::super::errors::PageError;
use super::super::form::{Errors, Form};
use super::case::{Input, Line, build, grounds_line, load, refused};
use super::procedure::DateInput;
use super::queue::Row;
use super::{core, page_error, plausible_key, show_date};
use crate::AppState;
use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;
use std::sync::Arc;
use umis_core::actor::Actor;
use umis_core::cases::{CaseError, CaseQuery, CaseView, CourtEntry, list_cases, record_court_stage};
use umis_domain::appeal::ChallengeResult;

/// Appeals on one page of the board's queue.
const PAGE_SIZE: u32 = 25;

/// The service whose cases are appeals.
const APPEAL_SERVICE: &str = "appeal";

#[derive(Template)]
#[template(path = "portal/officer/board.html")]
struct BoardPage {
    page: Chrome,
    /// Appeals still to decide, then those decided (their court stage may follow).
    sections: [Section; 2],
    next: Option<String>,
    first_page: bool,
}

/// One table of the board's list, with the words around it.
struct Section {
    /// The fragment id and the message-key stem (`board-open`, `board-none-open`).
    id: &'static str,
    /// A hint under the heading, if any.
    hint: Option<&'static str>,
    rows: Vec<Row>,
}

/// `GET /board/appeals`: the appeals by deadline, those still to decide first.
pub(super) async fn appeals(
    State(state): State<Arc<AppState>>,
    viewer: Viewer,
    q: Params,
) -> Result<Response, PageError> {
    let actor = viewer.actor()?;
    let after = q.get("after").filter(|c| c.len() <= 120 && c.split_once('|').is_some()).map(str::to_owned);
    let query = CaseQuery {
        service: Some(APPEAL_SERVICE.to_owned()),
        after: after.clone(),
        limit: Some(PAGE_SIZE),
        ..CaseQuery::default()
    };
    let (st, who) = (state.clone(), actor.clone());
    let list = match core(move || list_cases(&st.store, &st.clock, &who, &query)).await? {
        Ok(list) => list,
        // A cursor the core cannot read starts the list again.
        Err(CaseError::Invalid(_)) => return Ok(see_other("/board/appeals")),
        Err(e) => return Err(page_error(e)),
    };
    let cat = state.packs.catalogue();
    let (open, decided): (Vec<_>, Vec<_>) = list.items.iter().partition(|c| c.state.is_open());
    let rows = |cases: Vec<&umis_core::cases::CaseSummary>| {
        cases.into_iter().map(|c| Row::of(&viewer, cat, c)).collect()
    };
    render(&BoardPage {
        page: viewer.chrome("board-title"),
        sections: [
            Section { id: "open", hint: None, rows: rows(open) },
            Section { id: "decided", hint: Some("board-decided-hint"), rows: rows(decided) },
        ],
        next: list
            .next
            .map(|n| form_urlencoded::Serializer::new(String::new()).append_pair("after", &n).finish()),
        first_page: after.is_some(),
    })
}

/// What an appeal challenges, and its court stage, as summary lines.
pub(super) fn appeal_facts(viewer: &Viewer, v: &CaseView) -> Vec<Line> {
    let Some(a) = &v.appeal else { return Vec::new() };
    let mut out = vec![Line {
        label: viewer.t("board-act"),
        value: viewer.t(&format!("board-act-{}", a.act.as_str())),
    }];
    if let Some(r) = &a.act_receipt {
        out.push(Line { label: viewer.t("board-act-receipt"), value: r.clone() });
    }
    if let Some(g) = &a.act_grounds {
        out.push(Line { label: viewer.t("board-act-grounds"), value: grounds_line(viewer, g) });
    }
    if let Some(c) = &a.court {
        out.push(Line {
            label: viewer.t("board-claim-filed"),
            value: show_date(viewer, Some(&c.claim_filed_on)),
        });
        if let (Some(j), Some(on)) = (&c.judgment, &c.judgment_on) {
            out.push(Line {
                label: viewer.t("board-judgment"),
                value: format!(
                    "{} ({})",
                    viewer.t(&format!("board-judgment-{j}")),
                    show_date(viewer, Some(on))
                ),
            });
        }
    }
    out
}

/// The court stage's form as the page shows it.
pub struct CourtForm {
    /// `claim_filed` (no claim recorded yet) or `judgment`.
    pub stage: &'static str,
}

/// The values of the court stage's form, kept when it is refused.
#[derive(Debug, Default)]
pub struct CourtInput {
    /// `upheld` or `dismissed`.
    pub result: String,
    /// The day of the claim or judgment.
    pub on: DateInput,
}

/// The court stage's form, for a member of the appeal board on a decided appeal whose judgment
/// is not recorded yet (the core checks all of it again when the form is posted).
pub(super) fn court_form(actor: &Actor, v: &CaseView) -> Option<CourtForm> {
    let appeal = v.appeal.as_ref().filter(|_| actor.role.decides_appeals() && v.state.decided())?;
    match &appeal.court {
        None => Some(CourtForm { stage: "claim_filed" }),
        Some(c) if c.judgment.is_none() => Some(CourtForm { stage: "judgment" }),
        Some(_) => None,
    }
}

/// Reads the court form: the stage, for a judgment its result, and the day.
fn court_entry(
    viewer: &Viewer,
    form: &Form,
    errors: &mut Errors,
    input: &mut CourtInput,
) -> Result<Option<CourtEntry>, PageError> {
    let on = super::procedure::date_field(viewer, errors, form, "court_on", &mut input.on);
    let entry = match form.get("stage") {
        "claim_filed" => CourtEntry::ClaimFiled { on },
        "judgment" => {
            input.result = form.get("result").to_owned();
            let Some(result) = ChallengeResult::parse(&input.result) else {
                errors.add("result", viewer.t("board-error-choose-result"));
                return Ok(None);
            };
            CourtEntry::Judgment { result, on }
        }
        _ => return Err(PageError::BadRequest),
    };
    Ok(errors.is_empty().then_some(entry))
}

/// `POST /office/cases/{id}/court`: records the claim filed against a decided appeal, then the
/// court's judgment (an upheld one annuls the act, as the core does for the API).
pub(super) async fn court(
    State(state): State<Arc<AppState>>,
    viewer: Viewer,
    Path(id): Path<String>,
    form: Form,
) -> Result<Response, PageError> {
    let actor = viewer.actor()?;
    if !plausible_key(&id) {
        return Err(PageError::NotFound);
    }
    let mut errors = Errors::new();
    let mut input = Input::default();
    if let Some(entry) = court_entry(&viewer, &form, &mut errors, &mut input.court)? {
        let (st, who, case_id) = (state.clone(), actor.clone(), id.clone());
        match core(move || {
            record_court_stage(&st.store, st.packs.catalogue(), &st.clock, &who, &case_id, entry)
        })
        .await?
        {
            Ok(_) => return Ok(see_other(&format!("/office/cases/{id}?done=court"))),
            Err(CaseError::Invalid(problems)) => {
                for p in problems {
                    let (field, key) = match (p.field.as_str(), p.code.as_str()) {
                        (_, "in_future") => ("court_on", "officer-error-date-future"),
                        (_, "before_claim") => ("court_on", "board-error-before-claim"),
                        ("on", _) => ("court_on", "officer-error-date"),
                        (_, "no_claim") => ("", "board-error-no-claim"),
                        _ => ("", "board-error-recorded"),
                    };
                    errors.add(field, viewer.t(key));
                }
            }
            Err(CaseError::Forbidden(_)) => errors.add("", viewer.t("board-error-court-forbidden")),
            Err(e) => return Err(page_error(e)),
        }
    }
    let file = load(&state, &viewer, &actor, &id).await?;
    refused(build(&state, &viewer, &actor, file, errors, input, None).await?)
}
