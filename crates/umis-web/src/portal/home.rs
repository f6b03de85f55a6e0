//! The start page: what umis does, the e-services, the public tools; for a signed-in person,
//! the places their role works in.

use super::chrome::{Chrome, Params, Viewer, render};
use super::errors::PageError;
use super::{PageAccess, PageRoute, page};
use crate::AppState;
use askama::Template;
use axum::extract::State;
use axum::response::Response;
use axum::routing::get;
use std::sync::Arc;

/// The pages of this module.
pub const ROUTES: &[PageRoute] = &[page("GET", "/", PageAccess::Public, || get(start))];

/// A service as the start page lists it.
pub struct ServiceLink {
    /// Service code.
    pub code: String,
    /// Name in the page's language.
    pub name: String,
}

#[derive(Template)]
#[template(path = "portal/home.html")]
struct HomePage {
    page: Chrome,
    services: Vec<ServiceLink>,
    notice: Option<String>,
}

async fn start(State(state): State<Arc<AppState>>, viewer: Viewer, q: Params) -> Result<Response, PageError> {
    let services = state
        .packs
        .catalogue()
        .services()
        .iter()
        .map(|s| ServiceLink { code: s.code().to_owned(), name: s.names().get(viewer.lang).to_owned() })
        .collect();
    let notice = if q.has("signed_out") {
        Some(viewer.t("home-signed-out"))
    } else if q.has("welcome") {
        Some(viewer.t("home-welcome"))
    } else {
        None
    };
    render(&HomePage { page: viewer.chrome("home-title"), services, notice })
}
