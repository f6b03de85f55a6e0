//! `GET/POST /status`: an application's status from its receipt number and the holder's date
//! of birth. The number's check digits catch typing errors; an unknown number and a wrong
//! date get the same answer, so the page cannot be used to learn which numbers exist.

use crate::AppState;
use crate::api::errors::run;
use crate::portal::chrome::{Chrome, Viewer, render};
use crate::portal::errors::PageError;
use crate::portal::form::{Errors, Form};
use askama::Template;
use axum::extract::State;
use axum::response::Response;
use std::sync::Arc;
use umis_domain::receipt::{Receipt, ReceiptError};

/// What the lookup found.
pub struct Found {
    /// The receipt, normalised.
    pub receipt: String,
    /// The status code (`approved`, …).
    pub code: String,
    /// The status message in the page's language.
    pub message: String,
    /// The statutory deadline, while the case is open.
    pub due_on: Option<umis_domain::Date>,
}

#[derive(Template)]
#[template(path = "portal/public/status.html")]
struct StatusPage {
    page: Chrome,
    errors: Errors,
    receipt: String,
    day: String,
    month: String,
    year: String,
    found: Option<Found>,
    not_found: bool,
}

fn blank(viewer: &Viewer, errors: Errors) -> StatusPage {
    StatusPage {
        page: viewer.chrome("public-status-title").with_errors(&errors),
        errors,
        receipt: String::new(),
        day: String::new(),
        month: String::new(),
        year: String::new(),
        found: None,
        not_found: false,
    }
}

/// The lookup form.
pub async fn form(viewer: Viewer) -> Result<Response, PageError> {
    render(&blank(&viewer, Errors::new()))
}

/// Longest value a field of this form takes.
const MAX_FIELD: usize = 40;

fn too_long(s: &str) -> bool {
    s.chars().count() > MAX_FIELD
}

/// Checks the receipt number; answers it normalised (empty when it is wrong).
fn receipt_field(viewer: &Viewer, receipt: &str, errors: &mut Errors) -> String {
    if receipt.is_empty() {
        errors.add("receipt", viewer.t("public-status-receipt-required"));
    } else if too_long(receipt) {
        errors.add("receipt", viewer.t("public-status-receipt-format"));
    } else {
        match Receipt::parse(receipt) {
            Ok(r) => return r.to_string(),
            Err(ReceiptError::Checksum) => errors.add("receipt", viewer.t("public-status-receipt-typo")),
            Err(ReceiptError::Format) => errors.add("receipt", viewer.t("public-status-receipt-format")),
        }
    }
    String::new()
}

/// Checks the date of birth's three boxes: a real day in 1900–2199, not after `today`.
fn birth_field(
    viewer: &Viewer,
    today: umis_domain::Date,
    (day, month, year): (&str, &str, &str),
    errors: &mut Errors,
) -> Option<umis_domain::Date> {
    if day.is_empty() && month.is_empty() && year.is_empty() {
        errors.add("birth_day", viewer.t("public-status-birth-required"));
        return None;
    }
    let num = |s: &str, max: u32| -> Option<u32> {
        (s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
            .filter(|n| *n >= 1 && *n <= max)
    };
    let date = match (num(day, 31), num(month, 12), num(year, 2199)) {
        (Some(d), Some(m), Some(y)) if y >= 1900 => {
            umis_domain::Date::parse(&format!("{y:04}-{m:02}-{d:02}")).ok()
        }
        _ => None,
    };
    match date {
        Some(d) if d <= today => return Some(d),
        Some(_) => errors.add("birth_day", viewer.t("public-status-birth-future")),
        None => errors.add("birth_day", viewer.t("public-status-birth-invalid")),
    }
    None
}

/// The lookup.
pub async fn lookup(
    State(state): State<Arc<AppState>>,
    viewer: Viewer,
    form: Form,
) -> Result<Response, PageError> {
    state.status_limiter.check(viewer.client).map_err(PageError::TooMany)?;
    let mut errors = Errors::new();
    let receipt = form.get("receipt").to_owned();
    let (day, month, year) = (
        form.get("birth_day").to_owned(),
        form.get("birth_month").to_owned(),
        form.get("birth_year").to_owned(),
    );
    let normalised = receipt_field(&viewer, &receipt, &mut errors);
    let birth = birth_field(&viewer, state.clock.today(), (&day, &month, &year), &mut errors);
    if let (true, Some(birth)) = (errors.is_empty(), birth) {
        let mut page = blank(&viewer, Errors::new());
        let st = state.clone();
        let lang = viewer.lang;
        let r = normalised.clone();
        let found =
            run(move || umis_core::cases::public_status(&st.store, &r, &birth.to_string(), lang)).await?;
        match found {
            Some(s) => {
                page.found = Some(Found {
                    receipt: s.receipt,
                    code: s.status.to_owned(),
                    message: s.message,
                    due_on: s.due_on,
                })
            }
            None => page.not_found = true,
        }
        page.receipt = normalised;
        page.day = day;
        page.month = month;
        page.year = year;
        return render(&page);
    }
    let mut page = blank(&viewer, errors);
    let keep = |s: String| if too_long(&s) { String::new() } else { s };
    page.receipt = keep(receipt);
    page.day = keep(day);
    page.month = keep(month);
    page.year = keep(year);
    let mut r = render(&page)?;
    *r.status_mut() = axum::http::StatusCode::UNPROCESSABLE_ENTITY;
    Ok(r)
}

/// The tag colour of a status.
pub fn tag_class(code: &str) -> &'static str {
    match code {
        "approved" => "govuk-tag--green",
        "refused" => "govuk-tag--red",
        "action_needed" => "govuk-tag--yellow",
        "withdrawn" | "closed" => "govuk-tag--grey",
        _ => "govuk-tag--blue",
    }
}
