//! `GET /office/queue`: the office's cases by deadline, filtered by a GET form, a page at a time.

use super::super::chrome::{Chrome, Params, Viewer, render};
use super::super::errors::PageError;
use super::{core, page_error, service_name, show_day, state_tag};
use crate::AppState;
use askama::Template;
use axum::extract::State;
use axum::response::Response;
use std::sync::Arc;
use umis_core::actor::Actor;
use umis_core::cases::{CaseQuery, CaseSummary, list_cases};
use umis_core::casework::queue_counts;
use umis_domain::case_state::StateName;
use umis_rules::services::Catalogue;

/// Cases on one page of the queue.
const PAGE_SIZE: u32 = 25;

/// A choice of a filter.
pub struct Choice {
    /// Value.
    pub value: String,
    /// Label.
    pub label: String,
    /// Whether it is chosen.
    pub selected: bool,
}

/// A case as the queue lists it.
pub struct Row {
    /// Case id (link).
    pub id: String,
    /// Receipt number.
    pub receipt: String,
    /// Service name.
    pub service: String,
    /// State code.
    pub state: StateName,
    /// Tag colour.
    pub tag: &'static str,
    /// Filing date.
    pub submitted: String,
    /// Deadline.
    pub due: String,
    /// Past the deadline.
    pub overdue: bool,
}

/// Open cases of one state.
pub struct Count {
    /// State code.
    pub state: StateName,
    /// Cases.
    pub cases: i64,
    /// Of which overdue.
    pub overdue: i64,
}

#[derive(Template)]
#[template(path = "portal/officer/queue.html")]
struct QueuePage {
    page: Chrome,
    services: Vec<Choice>,
    states: Vec<Choice>,
    mine: bool,
    overdue_only: bool,
    rows: Vec<Row>,
    shown: i64,
    counts: Vec<Count>,
    total: i64,
    total_overdue: i64,
    next: Option<String>,
    first_page: Option<String>,
    filtered: bool,
}

/// The link to the queue with these filters (and cursor).
fn queue_link(
    service: Option<&str>,
    state: Option<&str>,
    mine: bool,
    overdue: bool,
    after: Option<&str>,
) -> String {
    let mut q = form_urlencoded::Serializer::new(String::new());
    if let Some(s) = service {
        q.append_pair("service", s);
    }
    if let Some(s) = state {
        q.append_pair("state", s);
    }
    if mine {
        q.append_pair("mine", "1");
    }
    if overdue {
        q.append_pair("overdue", "1");
    }
    if let Some(a) = after {
        q.append_pair("after", a);
    }
    let q = q.finish();
    if q.is_empty() { "/office/queue".to_owned() } else { format!("/office/queue?{q}") }
}

/// Whether a cursor has the shape the queue hands out: `due date or ~`, `|`, `hex id`.
fn plausible_cursor(c: &str) -> bool {
    c.len() <= 120
        && c.split_once('|').is_some_and(|(due, id)| {
            (due == "~" || umis_domain::Date::parse(due).is_ok()) && super::plausible_key(id)
        })
}

/// The states the queue can be narrowed to: the open ones, forwarded cases (whose decree the
/// office enters), and decisions not yet closed.
fn offered(s: StateName) -> bool {
    to_do(s) || matches!(s, StateName::Approved | StateName::Refused)
}

/// Whether a case in state `s` is still work for the office: open, or forwarded and waiting for
/// its decree to be entered.
fn to_do(s: StateName) -> bool {
    s.is_open() || s == StateName::Forwarded
}

impl Row {
    /// A case of the core's list, worded for the reader.
    pub fn of(viewer: &Viewer, cat: &Catalogue, c: &CaseSummary) -> Row {
        Row {
            id: c.id.clone(),
            receipt: c.receipt.clone().unwrap_or_else(|| c.id.chars().take(8).collect()),
            service: service_name(cat, viewer, &c.service),
            state: c.state,
            tag: state_tag(c.state),
            submitted: show_day(viewer, c.submitted_on),
            due: show_day(viewer, c.due_on),
            overdue: c.overdue,
        }
    }
}

/// The queue's filters as the GET form sent them; unknown values are ignored, never passed on.
struct Filters {
    service: Option<String>,
    state: Option<StateName>,
    mine: bool,
    overdue_only: bool,
    after: Option<String>,
}

impl Filters {
    fn parse(q: &Params, cat: &Catalogue) -> Filters {
        Filters {
            service: q.get("service").filter(|s| cat.get(s).is_some()).map(str::to_owned),
            state: q.get("state").and_then(StateName::parse).filter(|s| offered(*s)),
            mine: q.get("mine") == Some("1"),
            overdue_only: q.get("overdue") == Some("1"),
            after: q.get("after").filter(|c| plausible_cursor(c)).map(str::to_owned),
        }
    }

    /// The core's question for one page of the queue.
    fn query(&self) -> CaseQuery {
        CaseQuery {
            state: self.state.map(|s| s.as_str().to_owned()),
            service: self.service.clone(),
            mine: Some(self.mine),
            office: None,
            after: self.after.clone(),
            limit: Some(PAGE_SIZE),
        }
    }

    /// The link to the queue with these filters, from `after` on.
    fn link(&self, after: Option<&str>) -> String {
        queue_link(
            self.service.as_deref(),
            self.state.map(StateName::as_str),
            self.mine,
            self.overdue_only,
            after,
        )
    }

    fn any(&self) -> bool {
        self.service.is_some() || self.state.is_some() || self.mine || self.overdue_only
    }
}

/// The services the filter offers (asylum services only to refugee-status officers).
fn service_choices(viewer: &Viewer, actor: &Actor, cat: &Catalogue, f: &Filters) -> Vec<Choice> {
    cat.services()
        .iter()
        .filter(|s| !s.sensitive() || actor.role.works_sensitive_cases())
        .map(|s| Choice {
            value: s.code().to_owned(),
            label: s.names().get(viewer.lang).to_owned(),
            selected: f.service.as_deref() == Some(s.code()),
        })
        .collect()
}

/// The states the filter offers.
fn state_choices(viewer: &Viewer, f: &Filters) -> Vec<Choice> {
    StateName::ALL
        .iter()
        .filter(|s| offered(**s))
        .map(|s| Choice {
            value: s.as_str().to_owned(),
            label: viewer.t(&format!("officer-state-{s}")),
            selected: f.state == Some(*s),
        })
        .collect()
}

pub(super) async fn queue(
    State(state): State<Arc<AppState>>,
    viewer: Viewer,
    q: Params,
) -> Result<Response, PageError> {
    let actor = viewer.actor()?;
    let catalogue = state.packs.catalogue();
    let f = Filters::parse(&q, catalogue);
    let query = f.query();
    let (st, who) = (state.clone(), actor.clone());
    let list = core(move || list_cases(&st.store, &st.clock, &who, &query)).await?.map_err(page_error)?;
    let (st, who) = (state.clone(), actor.clone());
    let counts = core(move || queue_counts(&st.store, &st.clock, &who)).await?.map_err(page_error)?;

    // The queue is in deadline order, so overdue cases come first: once a page shows a case
    // that is not overdue, no later page has any.
    let more_overdue = list.items.last().is_some_and(|c| c.overdue);
    let rows: Vec<Row> = list
        .items
        .iter()
        .filter(|c| !f.overdue_only || c.overdue)
        // Without a chosen status the queue is the work still to do: decided, closed and
        // withdrawn cases and drafts are left out.
        .filter(|c| f.state.is_some() || to_do(c.state))
        .map(|c| Row::of(&viewer, catalogue, c))
        .collect();
    let counts: Vec<Count> =
        counts.into_iter().map(|c| Count { state: c.state, cases: c.cases, overdue: c.overdue }).collect();
    render(&QueuePage {
        page: viewer.chrome("officer-queue-title"),
        services: service_choices(&viewer, &actor, catalogue, &f),
        states: state_choices(&viewer, &f),
        mine: f.mine,
        overdue_only: f.overdue_only,
        shown: rows.len() as i64,
        rows,
        total: counts.iter().map(|c| c.cases).sum(),
        total_overdue: counts.iter().map(|c| c.overdue).sum(),
        counts,
        next: list.next.as_deref().filter(|_| !f.overdue_only || more_overdue).map(|c| f.link(Some(c))),
        first_page: f.after.as_ref().map(|_| f.link(None)),
        filtered: f.any(),
    })
}
