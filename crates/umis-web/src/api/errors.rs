//! How the core's refusals become problem details: one exhaustive mapping per error type.

use crate::problem::{ApiError, FieldProblem};
use umis_core::accounts::AccountError;
use umis_core::cases::CaseError;

impl From<CaseError> for ApiError {
    fn from(e: CaseError) -> ApiError {
        match e {
            CaseError::NotFound => ApiError::NotFound,
            CaseError::Forbidden(why) => ApiError::Denied(why),
            CaseError::Invalid(problems) => {
                let detail = problems
                    .iter()
                    .map(|p| format!("{}: {}", p.field, p.message))
                    .collect::<Vec<_>>()
                    .join("; ");
                let errors = problems
                    .into_iter()
                    .map(|p| FieldProblem {
                        field: p.field,
                        problem: p.message,
                        code: p.code,
                        args: Vec::new(),
                    })
                    .collect();
                ApiError::Invalid { detail, errors }
            }
            CaseError::Transition(t) => ApiError::Conflict(t.to_string()),
            e @ (CaseError::Stale
            | CaseError::NotEditable
            | CaseError::NoDocumentsNow
            | CaseError::TierPaid
            | CaseError::QuotaExhausted { .. }
            | CaseError::BeyondCalendar(_)
            | CaseError::AlreadyRevoked
            | CaseError::Fee(_)) => ApiError::Conflict(e.to_string()),
            CaseError::Internal(m) => ApiError::internal(&m),
            CaseError::Store(s) => ApiError::internal(&s),
        }
    }
}

impl From<AccountError> for ApiError {
    fn from(e: AccountError) -> ApiError {
        match e {
            AccountError::SignInRefused => ApiError::Unauthenticated,
            AccountError::NotSignedIn => ApiError::Unauthenticated,
            AccountError::Throttled { retry_after_secs } => ApiError::TooManyRequests { retry_after_secs },
            AccountError::Invalid { field, message } => ApiError::field(field, message),
            AccountError::Password { field, problem } => ApiError::password(field, &problem),
            AccountError::Forbidden(why) => ApiError::Denied(why),
            AccountError::NotFound => ApiError::NotFound,
            AccountError::Internal(m) => ApiError::internal(&m),
            AccountError::Store(s) => ApiError::internal(&s),
        }
    }
}

impl From<umis_core::control::ControlError> for ApiError {
    fn from(e: umis_core::control::ControlError) -> ApiError {
        use umis_core::control::ControlError;
        match e {
            ControlError::NotFound => ApiError::NotFound,
            ControlError::Forbidden(why) => ApiError::Denied(why),
            ControlError::Invalid { field, message } => ApiError::field(field, message),
            e @ ControlError::TooLong { .. } => ApiError::field("", e.to_string()),
            e @ ControlError::AlreadyResolved => ApiError::Conflict(e.to_string()),
            ControlError::Store(s) => ApiError::internal(&s),
        }
    }
}

impl From<umis_core::StoreError> for ApiError {
    fn from(e: umis_core::StoreError) -> ApiError {
        ApiError::internal(&e)
    }
}

/// The one way handlers run synchronous core and store work off the async threads. The error
/// keeps its meaning through its mapping to [`ApiError`] (a 404 stays a 404, a storage failure
/// is a logged 500); a failed thread is a logged 500. Pages map the result on to `PageError`.
pub(crate) async fn run<T: Send + 'static, E: Into<ApiError> + Send + 'static>(
    f: impl FnOnce() -> Result<T, E> + Send + 'static,
) -> Result<T, ApiError> {
    match tokio::task::spawn_blocking(f).await {
        Ok(r) => r.map_err(Into::into),
        Err(join) => Err(ApiError::internal(&join)),
    }
}

/// Parses a JSON body into `T`, naming the offending field on failure (unknown fields too:
/// the wire types refuse them, so `status` or `decided_by` in a body is an error, not ignored).
pub(crate) fn parse_json<T: serde::de::DeserializeOwned>(body: &[u8]) -> Result<T, ApiError> {
    let de = &mut serde_json::Deserializer::from_slice(body);
    serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        let field = if path == "." { String::new() } else { path };
        ApiError::field(field, e.inner().to_string())
    })
}
