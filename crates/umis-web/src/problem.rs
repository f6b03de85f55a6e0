//! Errors as RFC 9457 problem details: one type, rendered in one place. Internal failures are
//! logged with their cause and answered with a generic message.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

/// One invalid field of a request.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct FieldProblem {
    /// Path of the field in the request (`stays[2].exit`, `as_of`).
    pub field: String,
    /// What is wrong with it.
    pub problem: String,
    /// A stable code for programs (`required`, `too_long`, `unknown_field`, …), when known.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub code: String,
    /// The numbers the code's message quotes (`min` of a too-short password), for the pages
    /// that word the problem in the reader's language; the API sends `problem` instead.
    #[serde(skip)]
    pub args: Vec<(&'static str, i64)>,
}

/// An error answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ApiError {
    /// 401: no valid credentials.
    Unauthenticated,
    /// 403: credentials valid, role not allowed.
    Forbidden,
    /// 403 with a reason: the caller may not do this to this object.
    Denied(String),
    /// 404: no such resource.
    NotFound,
    /// 409: the resource's state does not allow this now.
    Conflict(String),
    /// 413: body over the cap.
    TooLarge(usize),
    /// 422: the request is understood but invalid.
    Invalid { detail: String, errors: Vec<FieldProblem> },
    /// 429: rate limit.
    TooManyRequests { retry_after_secs: u64 },
    /// 500: our fault; the cause was logged.
    Internal,
}

#[derive(Serialize)]
struct Body<'a> {
    #[serde(rename = "type")]
    kind: &'a str,
    title: &'a str,
    status: u16,
    detail: &'a str,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    errors: &'a [FieldProblem],
}

impl ApiError {
    /// A 422 naming one field.
    pub fn field(field: impl Into<String>, problem: impl Into<String>) -> ApiError {
        let (field, problem) = (field.into(), problem.into());
        let detail = if field.is_empty() { problem.clone() } else { format!("{field}: {problem}") };
        ApiError::Invalid {
            detail,
            errors: vec![FieldProblem { field, problem, code: String::new(), args: Vec::new() }],
        }
    }

    /// A refused new password: its English words, its code and the numbers its message quotes.
    pub fn password(field: String, problem: &umis_core::accounts::password::PasswordProblem) -> ApiError {
        let words = problem.to_string();
        ApiError::Invalid {
            detail: format!("{field}: {words}"),
            errors: vec![FieldProblem {
                field,
                problem: words,
                code: problem.code().to_owned(),
                args: problem.args(),
            }],
        }
    }

    /// Logs an internal failure and hides it from the client.
    pub fn internal(cause: &dyn std::fmt::Display) -> ApiError {
        tracing::error!(error = %cause, "internal error");
        ApiError::Internal
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, title, detail, errors): (StatusCode, &str, String, &[FieldProblem]) = match &self {
            ApiError::Unauthenticated => (
                StatusCode::UNAUTHORIZED,
                "Unauthenticated",
                "sign in, or present a valid API token".into(),
                &[],
            ),
            ApiError::Forbidden => {
                (StatusCode::FORBIDDEN, "Forbidden", "your role may not do that".into(), &[])
            }
            ApiError::Denied(why) => (StatusCode::FORBIDDEN, "Forbidden", why.clone(), &[]),
            ApiError::NotFound => (StatusCode::NOT_FOUND, "Not found", "no such resource".into(), &[]),
            ApiError::Conflict(why) => (StatusCode::CONFLICT, "Conflict", why.clone(), &[]),
            ApiError::TooLarge(max) => (
                StatusCode::PAYLOAD_TOO_LARGE,
                "Request body too large",
                format!("the body may be at most {max} bytes"),
                &[],
            ),
            ApiError::Invalid { detail, errors } => {
                (StatusCode::UNPROCESSABLE_ENTITY, "Invalid request", detail.clone(), errors.as_slice())
            }
            ApiError::TooManyRequests { .. } => {
                (StatusCode::TOO_MANY_REQUESTS, "Too many requests", "slow down and retry later".into(), &[])
            }
            ApiError::Internal => (
                StatusCode::INTERNAL_SERVER_ERROR,
                "Internal error",
                "the request could not be completed".into(),
                &[],
            ),
        };
        let body = Body { kind: "about:blank", title, status: status.as_u16(), detail: &detail, errors };
        let json = serde_json::to_vec(&body).unwrap_or_default();
        let mut response = (status, json).into_response();
        let headers = response.headers_mut();
        headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/problem+json"));
        if let ApiError::TooManyRequests { retry_after_secs } = self
            && let Ok(v) = HeaderValue::from_str(&retry_after_secs.to_string())
        {
            headers.insert(header::RETRY_AFTER, v);
        }
        if self == ApiError::Unauthenticated {
            headers.insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        response
    }
}

/// 503 for a request the server stopped waiting for (`crate::layers`). Work it started (a
/// database write) may still complete, so the detail tells the client to check before sending
/// it again.
pub fn timed_out(retry_after_secs: u64) -> Response {
    let status = StatusCode::SERVICE_UNAVAILABLE;
    let body = Body {
        kind: "about:blank",
        title: "Request timed out",
        status: status.as_u16(),
        detail: "the request took too long and was stopped; it may or may not have taken effect",
        errors: &[],
    };
    let json = serde_json::to_vec(&body).unwrap_or_default();
    let mut response = (status, json).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/problem+json"));
    if let Ok(v) = HeaderValue::from_str(&retry_after_secs.to_string()) {
        headers.insert(header::RETRY_AFTER, v);
    }
    response
}
