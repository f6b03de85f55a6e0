//! The e-services portal: server-rendered pages (askama templates, auto-escaped) in the look of
//! the govuk-frontend design system under umis's own identity, in Azerbaijani, English and
//! Russian (Fluent files under `locales/`).
//!
//! Like the API, the portal's authorization is data: every area module lists its pages in a
//! `ROUTES` table with the access each needs, the router is built from those tables, and one
//! layer ([`guard`]) enforces the rule before any handler runs — a visitor without a session is
//! sent to the sign-in page, a person without the role gets an audited refusal. Forms carry
//! the session's CSRF token ([`form`]); pages work without JavaScript, and the one script
//! (`/assets/umis.js`) only adds the session-timeout warning and the camera QR scanner.

pub mod account;
pub mod applicant;
pub mod assets;
pub mod chrome;
pub mod employer;
pub mod errors;
pub mod fee_basis;
pub mod form;
pub mod guard;
pub mod home;
pub mod host;
pub mod i18n;
pub mod office_control;
pub mod officer;
pub mod operator;
pub mod public;
pub mod supervisor;

use crate::AppState;
use axum::routing::MethodRouter;
use std::sync::Arc;
use umis_domain::Role;

/// Who may open a page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageAccess {
    /// Anyone, signed in or not.
    Public,
    /// A session, even one still waiting for its second factor (the code page, sign-out).
    SignedIn,
    /// A signed-in person (second factor done) holding one of these roles.
    Person(&'static [Role]),
}

/// One page (or form target) of the portal.
#[derive(Clone, Copy)]
pub struct PageRoute {
    /// HTTP method: `GET` for pages, `POST` for form targets.
    pub method: &'static str,
    /// Path template, axum syntax.
    pub path: &'static str,
    /// Who may open it.
    pub access: PageAccess,
    /// Its handler.
    pub handler: fn() -> MethodRouter<Arc<AppState>>,
}

impl std::fmt::Debug for PageRoute {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {} {:?}", self.method, self.path, self.access)
    }
}

/// A page of the portal (for the area tables).
pub const fn page(
    method: &'static str,
    path: &'static str,
    access: PageAccess,
    handler: fn() -> MethodRouter<Arc<AppState>>,
) -> PageRoute {
    PageRoute { method, path, access, handler }
}

/// Every area's pages, in one list: the portal's single source of truth for access.
pub fn routes() -> impl Iterator<Item = &'static PageRoute> {
    [
        home::ROUTES,
        account::ROUTES,
        assets::ROUTES,
        public::ROUTES,
        applicant::ROUTES,
        host::ROUTES,
        employer::ROUTES,
        operator::ROUTES,
        officer::ROUTES,
        office_control::ROUTES,
        supervisor::ROUTES,
    ]
    .into_iter()
    .flatten()
}

/// The portal's pages as a router, each behind [`guard`] with its access rule.
pub fn router(state: Arc<AppState>) -> axum::Router<Arc<AppState>> {
    let mut paths: Vec<(&str, MethodRouter<Arc<AppState>>)> = Vec::new();
    for rule in routes() {
        let route = (rule.handler)()
            .layer(axum::middleware::from_fn_with_state((state.clone(), *rule), guard::enforce));
        match paths.iter_mut().find(|(p, _)| *p == rule.path) {
            Some((_, existing)) => *existing = std::mem::take(existing).merge(route),
            None => paths.push((rule.path, route)),
        }
    }
    let mut router = axum::Router::new();
    for (path, route) in paths {
        router = router.route(path, route);
    }
    router
}
