//! Pages of the portal: employers see the year's work-permit quota, their work-permit and
//! extension applications, and their foreign employees by permit expiry. Applying and
//! extending use the general filing pages (`/services/{code}`).

use super::chrome::{Chrome, Viewer, render};
use super::errors::PageError;
use super::{PageAccess, PageRoute, page};
use crate::AppState;
use crate::api::errors::run;
use askama::Template;
use axum::extract::State;
use axum::response::Response;
use axum::routing::get;
use std::sync::Arc;
use umis_core::hosting::{self, EXPIRY_WARNING_DAYS, Employee, WorkCase};
use umis_domain::Role;

const EMPLOYERS: PageAccess = PageAccess::Person(&[Role::Employer]);

/// The pages of this module.
pub const ROUTES: &[PageRoute] = &[
    page("GET", "/employer", EMPLOYERS, || get(permits_page)),
    page("GET", "/employer/employees", EMPLOYERS, || get(employees_page)),
];

/// The year's quota as the page shows it.
struct Quota {
    quota: i64,
    used: i64,
    left: i64,
}

#[derive(Template)]
#[template(path = "portal/employer/permits.html")]
struct PermitsPage {
    page: Chrome,
    year: i64,
    quota: Option<Quota>,
    cases: Vec<WorkCase>,
}

impl PermitsPage {
    fn quota_heading(&self) -> String {
        self.page.t1("employer-quota-heading", "year", self.year)
    }
    fn quota_none(&self) -> String {
        self.page.t1("employer-quota-none", "year", self.year)
    }
}

async fn permits_page(State(state): State<Arc<AppState>>, viewer: Viewer) -> Result<Response, PageError> {
    let actor = viewer.actor()?;
    let year = state.clock.today().year();
    let st = state.clone();
    let (quota, cases) = run(move || {
        let q = hosting::work_quota(&st.store, year)?;
        let c = hosting::work_cases(&st.store, &actor)?;
        Ok::<_, umis_core::cases::CaseError>((q, c))
    })
    .await?;
    let quota = quota.map(|(quota, used)| Quota { quota, used, left: (quota - used).max(0) });
    render(&PermitsPage {
        page: viewer.chrome("employer-permits-title"),
        year: i64::from(year),
        quota,
        cases,
    })
}

#[derive(Template)]
#[template(path = "portal/employer/employees.html")]
struct EmployeesPage {
    page: Chrome,
    employees: Vec<Employee>,
}

impl EmployeesPage {
    fn lead(&self) -> String {
        self.page.t1("employer-employees-lead", "days", EXPIRY_WARNING_DAYS)
    }
    fn expiring(&self) -> usize {
        self.employees.iter().filter(|e| e.expiring).count()
    }
    fn warning(&self) -> String {
        self.page.t1("employer-employees-warning", "count", self.expiring() as i64)
    }
    fn days_left(&self, e: &Employee) -> String {
        self.page.t1("employer-employees-days", "days", e.days_left)
    }
}

async fn employees_page(State(state): State<Arc<AppState>>, viewer: Viewer) -> Result<Response, PageError> {
    let actor = viewer.actor()?;
    let st = state.clone();
    let employees = run(move || hosting::employees(&st.store, &st.clock, &actor)).await?;
    render(&EmployeesPage { page: viewer.chrome("employer-employees-title"), employees })
}
