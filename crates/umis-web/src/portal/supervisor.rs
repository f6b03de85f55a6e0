//! The supervisor's office: workload by status and by officer, overdue cases, and decisions
//! against the statutory deadline, per service (asylum cases, seen only by refugee-status
//! officers, are left out). Opening it is an audited read.

use super::chrome::{Chrome, Viewer, render};
use super::errors::PageError;
use super::public::charts::{Bar, BarChart};
use super::{PageAccess, PageRoute, page};
use crate::AppState;
use crate::api::errors::run;
use askama::Template;
use axum::extract::State;
use axum::response::Response;
use axum::routing::get;
use std::sync::Arc;
use umis_core::stats::Dashboard;
use umis_domain::Role;

/// The pages of this module.
pub const ROUTES: &[PageRoute] =
    &[page("GET", "/office/dashboard", PageAccess::Person(&[Role::Supervisor]), || get(dashboard))];

/// An overdue case as listed.
pub struct OverdueRow {
    /// Case id (the link).
    pub id: String,
    /// Receipt number.
    pub receipt: String,
    /// Service name.
    pub service: String,
    /// State code.
    pub state: umis_domain::case_state::StateName,
    /// The deadline.
    pub due_on: Option<umis_domain::Date>,
    /// Days past it.
    pub days_over: i64,
    /// Officer working it.
    pub officer: String,
}

#[derive(Template)]
#[template(path = "portal/supervisor/dashboard.html")]
struct DashboardPage {
    page: Chrome,
    d: Dashboard,
    open_total: i64,
    overdue: Vec<OverdueRow>,
    services: Vec<String>,
    state_svg: String,
    time_svg: String,
}

async fn dashboard(State(state): State<Arc<AppState>>, viewer: Viewer) -> Result<Response, PageError> {
    let actor = viewer.actor()?;
    let st = state.clone();
    let d = run(move || umis_core::stats::office_dashboard(&st.store, &st.clock, &actor)).await?;
    let today = state.clock.today();
    let name = |code: &str| super::public::service_name(state.packs.catalogue(), viewer.lang, code);
    let overdue = d
        .overdue
        .iter()
        .map(|c| {
            let due = super::public::parse_date(&c.due_on);
            OverdueRow {
                id: c.id.clone(),
                receipt: c.receipt.clone().unwrap_or_else(|| c.id.clone()),
                service: name(&c.service),
                state: c.state,
                due_on: due,
                days_over: due.map(|x| i64::from(today.days_since(x))).unwrap_or(0),
                officer: c.officer.clone().unwrap_or_default(),
            }
        })
        .collect();
    let state_chart = BarChart {
        id: "chart-states".into(),
        title: viewer.t("supervisor-by-state"),
        desc: viewer.t("supervisor-by-state-desc"),
        bars: d
            .by_state
            .iter()
            .map(|(s, n)| Bar {
                label: viewer.t(&format!("supervisor-state-{s}")),
                value: *n,
                text: super::i18n::number(viewer.lang, *n),
            })
            .collect(),
    };
    let time_chart = BarChart {
        id: "chart-deadline".into(),
        title: viewer.t("supervisor-in-time"),
        desc: viewer.t("supervisor-in-time-desc"),
        bars: d
            .timeliness
            .iter()
            .map(|t| Bar { label: name(&t.service), value: t.percent, text: format!("{} %", t.percent) })
            .collect(),
    };
    render(&DashboardPage {
        page: viewer.chrome_titled(viewer.ta("supervisor-title", &[("office", d.office.clone().into())])),
        open_total: d.by_state.iter().map(|(_, n)| n).sum(),
        services: d.timeliness.iter().map(|t| name(&t.service)).collect(),
        overdue,
        state_svg: state_chart.svg(),
        time_svg: time_chart.svg(),
        d,
    })
}
