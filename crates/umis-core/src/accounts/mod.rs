//! Accounts: passwords, second factors, sessions and sign-in throttling.

pub mod password;
pub mod session;
pub mod throttle;
pub mod totp;
pub mod totp_key;
pub mod users;

use umis_store::StoreError;

/// Why an account operation was refused.
#[derive(Debug, thiserror::Error)]
pub enum AccountError {
    /// Wrong name or password, locked or disabled account: deliberately one answer.
    #[error("the user name or password is not right")]
    SignInRefused,
    /// No live session.
    #[error("sign in first")]
    NotSignedIn,
    /// Too many failures; try again later.
    #[error("too many attempts; try again in {retry_after_secs} s")]
    Throttled {
        /// Seconds to wait.
        retry_after_secs: u64,
    },
    /// A field is wrong.
    #[error("{field}: {message}")]
    Invalid {
        /// The field.
        field: String,
        /// What is wrong.
        message: String,
    },
    /// A new password the password rules refuse (the problem names itself in any language).
    #[error("{field}: {problem}")]
    Password {
        /// The field (`password`, `new_password`).
        field: String,
        /// Why.
        problem: password::PasswordProblem,
    },
    /// The actor may not do this.
    #[error("{0}")]
    Forbidden(String),
    /// No such account.
    #[error("no such account")]
    NotFound,
    /// Hashing failed.
    #[error("internal error: {0}")]
    Internal(String),
    /// The database failed.
    #[error("{0}")]
    Store(#[from] StoreError),
}

impl AccountError {
    pub(crate) fn invalid(field: &str, message: &str) -> AccountError {
        AccountError::Invalid { field: field.into(), message: message.into() }
    }
}
