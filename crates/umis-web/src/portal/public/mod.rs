//! Public pages, open to anyone: the stay calculator, the registration-deadline calculator,
//! the application status lookup, document verification and the statistics. Each asks the
//! core exactly what the public API asks it and is rate-limited the same way.

pub mod calculator;
pub mod charts;
pub mod statistics;
pub mod status;
pub mod verify;

use super::{PageAccess, PageRoute, page};
use axum::routing::{get, post};

/// The pages of this module. (`GET /verify` is the API's route, rendered by [`verify`].)
pub const ROUTES: &[PageRoute] = &[
    page("GET", "/stay-calculator", PageAccess::Public, || get(calculator::stay)),
    page("GET", "/registration-deadline", PageAccess::Public, || get(calculator::deadline)),
    page("GET", "/status", PageAccess::Public, || get(status::form)),
    page("POST", "/status", PageAccess::Public, || post(status::lookup)),
    page("GET", "/statistics", PageAccess::Public, || get(statistics::page)),
    page("GET", "/statistics.csv", PageAccess::Public, || get(statistics::csv)),
];

/// A date typed in a form (`YYYY-MM-DD`, as date fields send it), checked to lie in 1900–2199.
pub(crate) fn parse_date(text: &str) -> Option<umis_domain::Date> {
    let d = umis_domain::Date::parse(text.trim()).ok()?;
    (1900..=2199).contains(&d.ymd().0).then_some(d)
}

/// A service's name in the page's language (its code if the catalogue does not know it).
pub(crate) fn service_name(
    cat: &umis_rules::services::Catalogue,
    lang: super::i18n::Lang,
    code: &str,
) -> String {
    cat.get(code).map_or_else(|| code.to_owned(), |s| s.names().get(lang).to_owned())
}
