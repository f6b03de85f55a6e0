//! Failures of a page. A handler returns a [`PageError`]; it becomes a bare answer marked with
//! [`PageFailure`], and the guard, which knows the visitor's language, renders the error page
//! around it. Nothing about the cause (database, file paths) reaches the page.

use crate::problem::ApiError;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

/// Why a page could not be shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PageError {
    /// No such page or object for this visitor (also objects they may not see).
    NotFound,
    /// The visitor's role may not open the page.
    Forbidden,
    /// The form did not carry this session's CSRF token, or came from another site.
    BadToken,
    /// The visitor must sign in first.
    SignInNeeded,
    /// The request is malformed beyond what a form's error summary can say.
    BadRequest,
    /// The body is larger than the page accepts.
    TooLarge,
    /// Too many requests from this client; try again after the seconds given.
    TooMany(u64),
    /// Something failed on our side (logged).
    Internal,
}

/// Marks a failed page's answer for the guard to render.
#[derive(Debug, Clone)]
pub struct PageFailure(pub PageError);

impl PageError {
    /// The HTTP status of the failure.
    pub fn status(&self) -> StatusCode {
        match self {
            PageError::NotFound => StatusCode::NOT_FOUND,
            PageError::Forbidden | PageError::BadToken => StatusCode::FORBIDDEN,
            PageError::SignInNeeded => StatusCode::UNAUTHORIZED,
            PageError::BadRequest => StatusCode::BAD_REQUEST,
            PageError::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            PageError::TooMany(_) => StatusCode::TOO_MANY_REQUESTS,
            PageError::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The message keys of the error page's title and text.
    pub fn keys(&self) -> (&'static str, &'static str) {
        match self {
            PageError::NotFound => ("error-not-found-title", "error-not-found-text"),
            PageError::Forbidden => ("error-forbidden-title", "error-forbidden-text"),
            PageError::BadToken => ("error-token-title", "error-token-text"),
            PageError::SignInNeeded => ("error-sign-in-title", "error-sign-in-text"),
            PageError::BadRequest => ("error-bad-request-title", "error-bad-request-text"),
            PageError::TooLarge => ("error-too-large-title", "error-too-large-text"),
            PageError::TooMany(_) => ("error-too-many-title", "error-too-many-text"),
            PageError::Internal => ("error-internal-title", "error-internal-text"),
        }
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let mut r = self.status().into_response();
        if let PageError::TooMany(secs) = self
            && let Ok(v) = axum::http::HeaderValue::from_str(&secs.to_string())
        {
            r.headers_mut().insert(axum::http::header::RETRY_AFTER, v);
        }
        r.extensions_mut().insert(PageFailure(self));
        r
    }
}

impl From<ApiError> for PageError {
    fn from(e: ApiError) -> PageError {
        match e {
            ApiError::NotFound => PageError::NotFound,
            ApiError::Forbidden => PageError::Forbidden,
            ApiError::Unauthenticated => PageError::SignInNeeded,
            ApiError::TooManyRequests { retry_after_secs } => PageError::TooMany(retry_after_secs),
            ApiError::TooLarge(_) => PageError::TooLarge,
            ApiError::Denied(_) => PageError::Forbidden,
            ApiError::Conflict(_) | ApiError::Invalid { .. } => PageError::BadRequest,
            ApiError::Internal => PageError::Internal,
        }
    }
}
