//! Posted forms: the body read within a cap, the session's CSRF token checked in constant time,
//! fields by name; and the error summary a page shows when a form is refused.

use super::chrome::Viewer;
use super::errors::PageError;
use crate::problem::ApiError;
use axum::extract::{FromRequest, Request};
use subtle::ConstantTimeEq;

/// Largest form body a page accepts (uploads use their own extractor and cap).
pub const MAX_FORM_BYTES: usize = 64 * 1024;
/// Longest value of one text field; longer values are refused by the field's page, never cut.
pub const MAX_FIELD_CHARS: usize = 2_000;
/// The hidden field every form carries.
pub const CSRF_FIELD: &str = "csrf_token";

/// A posted `application/x-www-form-urlencoded` form whose CSRF token matched the session.
#[derive(Debug, Clone, Default)]
pub struct Form {
    pairs: Vec<(String, String)>,
}

impl Form {
    /// Builds a form from pairs (tests, multi-step pages that carry answers along).
    pub fn from_pairs(pairs: Vec<(String, String)>) -> Form {
        Form { pairs }
    }

    /// The first value of `name`, trimmed; empty if absent.
    pub fn get(&self, name: &str) -> &str {
        self.pairs.iter().find(|(k, _)| k == name).map(|(_, v)| v.trim()).unwrap_or("")
    }

    /// Every value of `name` (checkboxes).
    pub fn all(&self, name: &str) -> Vec<&str> {
        self.pairs.iter().filter(|(k, _)| k == name).map(|(_, v)| v.trim()).collect()
    }

    /// Every field but the CSRF token, in order.
    pub fn pairs(&self) -> impl Iterator<Item = (&str, &str)> {
        self.pairs.iter().filter(|(k, _)| k != CSRF_FIELD).map(|(k, v)| (k.as_str(), v.trim()))
    }
}

impl<S: Send + Sync> FromRequest<S> for Form {
    type Rejection = PageError;

    async fn from_request(request: Request, _: &S) -> Result<Form, PageError> {
        let viewer = request.extensions().get::<Viewer>().cloned().ok_or(PageError::Internal)?;
        let body = crate::api::read_body(request.into_body(), MAX_FORM_BYTES).await.map_err(|e| match e {
            ApiError::TooLarge(_) => PageError::TooLarge,
            _ => PageError::BadRequest,
        })?;
        let pairs: Vec<(String, String)> =
            form_urlencoded::parse(&body).map(|(k, v)| (k.into_owned(), v.into_owned())).collect();
        let form = Form { pairs };
        check_token(&viewer, form.pairs.iter().find(|(k, _)| k == CSRF_FIELD).map(|(_, v)| v.as_str()))?;
        Ok(form)
    }
}

/// Whether the request's body is `multipart/form-data` (a form with files).
pub(crate) fn is_multipart(request: &Request) -> bool {
    request
        .headers()
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.to_ascii_lowercase().starts_with("multipart/form-data"))
}

/// A form posted with a session must carry that session's token. Forms posted without a session
/// (sign-in, status lookup) have none to carry; the guard has already refused them if they came
/// from another site.
pub fn check_token(viewer: &Viewer, given: Option<&str>) -> Result<(), PageError> {
    let Some(session) = &viewer.session else { return Ok(()) };
    let given = given.unwrap_or("");
    let ok =
        !session.csrf_token.is_empty() && bool::from(given.as_bytes().ct_eq(session.csrf_token.as_bytes()));
    if ok { Ok(()) } else { Err(PageError::BadToken) }
}

/// One problem with a form, tied to the field (its element id) it is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    /// The field's `id` (the summary links to it); empty for the form as a whole.
    pub field: String,
    /// The message, in the page's language.
    pub message: String,
}

/// The problems of a refused form, shown as an error summary at the top of the page and next
/// to each field.
#[derive(Debug, Clone, Default)]
pub struct Errors {
    /// The problems, in the order of the fields.
    pub list: Vec<FieldError>,
}

impl Errors {
    /// No problems yet.
    pub fn new() -> Errors {
        Errors::default()
    }
    /// Adds a problem with `field`.
    pub fn add(&mut self, field: &str, message: String) {
        self.list.push(FieldError { field: field.to_owned(), message });
    }
    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }
    /// The message about `field`, if any (shown next to it).
    pub fn of(&self, field: &str) -> Option<&str> {
        self.list.iter().find(|e| e.field == field).map(|e| e.message.as_str())
    }
    /// Whether `field` has a problem (for its error class).
    pub fn has(&self, field: &str) -> bool {
        self.of(field).is_some()
    }

    /// The problems a core refusal names, in the viewer's language where a message exists for
    /// them (the core speaks English; `form-problem-<code>` keys translate its codes).
    pub fn from_api(viewer: &Viewer, e: &ApiError) -> Option<Errors> {
        let mut errors = Errors::new();
        match e {
            ApiError::Invalid { detail, errors: problems } => {
                for p in problems {
                    let key = format!("form-problem-{}", p.code);
                    let args: Vec<(&str, super::i18n::Arg)> =
                        p.args.iter().map(|(name, n)| (*name, (*n).into())).collect();
                    let translated = super::i18n::t_args(viewer.lang, &key, &args);
                    let message = if p.code.is_empty() || translated == key {
                        format!("{}: {}", field_label(viewer, &p.field), p.problem)
                    } else {
                        translated
                    };
                    errors.add(&p.field, message);
                }
                if errors.is_empty() {
                    errors.add("", detail.clone());
                }
            }
            ApiError::Conflict(detail) | ApiError::Denied(detail) => {
                errors.add("", format!("{}: {detail}", viewer.t("form-refused")))
            }
            _ => return None,
        }
        Some(errors)
    }
}

/// The refusal of a deadline the business-day calendar cannot count, naming the years it
/// covers and the year it would need.
pub fn beyond_calendar(viewer: &Viewer, b: &umis_rules::services::BeyondCalendar) -> String {
    let year = |y: i32| y.to_string().into();
    viewer.ta(
        "form-beyond-calendar",
        &[("first", year(b.first)), ("last", year(b.last)), ("year", year(b.year))],
    )
}

/// The label of a case-form field (`field-<name>`), or its name if none is written.
pub fn field_label(viewer: &Viewer, field: &str) -> String {
    let key = format!("field-{}", field.rsplit('.').next().unwrap_or(field));
    let label = viewer.t(&key);
    if label == key { field.to_owned() } else { label }
}

/// Checks one text field: required, at most `max` characters, no control characters.
pub fn text_field(
    viewer: &Viewer,
    errors: &mut Errors,
    form: &Form,
    name: &str,
    required: bool,
    max: usize,
) -> String {
    let value = form.get(name);
    if value.is_empty() {
        if required {
            errors.add(name, viewer.ta("form-required", &[("field", field_label(viewer, name).into())]));
        }
    } else if value.chars().count() > max {
        errors.add(
            name,
            viewer.ta(
                "form-too-long",
                &[("field", field_label(viewer, name).into()), ("max", (max as i64).into())],
            ),
        );
    } else if value.chars().any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t') {
        errors.add(name, viewer.ta("form-bad-characters", &[("field", field_label(viewer, name).into())]));
    }
    value.to_owned()
}
