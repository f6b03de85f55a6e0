//! Delivery of notifications: the message an applicant receives when their application changes
//! status, and the channels that carry it (an SMTP relay through `lettre`, or a local outbox
//! directory).
//!
//! Queuing and retrying belong to the job table; this module only turns one [`Message`] into one
//! delivery attempt and says whether a failure is worth retrying ([`DeliveryError`]). Everything
//! that ends up in a mail header is checked when the message is built, so a channel never has to
//! guard against header injection again.

mod address;
mod eml;
mod outbox;
mod smtp;

pub use address::{Address, AddressError, HostName};
pub use eml::{render_eml, rfc5322_date};
pub use outbox::OutboxChannel;
pub use smtp::{DEFAULT_TIMEOUT, SmtpChannel, SmtpConfig, SmtpConfigError, SmtpLogin, TlsMode};

/// Longest subject accepted, in characters: long enough for any status line, short enough that
/// the header stays far below the 998-octet line limit even when sent unencoded.
pub const MAX_SUBJECT_CHARS: usize = 250;
/// Largest body accepted, in bytes; notifications are short texts, not attachments.
pub const MAX_BODY_BYTES: usize = 1024 * 1024;
/// Longest idempotency id accepted.
pub const MAX_ID_LEN: usize = 128;

/// One notification ready to deliver: recipient, subject and plain-text body, plus the id that
/// makes a repeated delivery recognisable (the job id).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    to: Address,
    subject: String,
    body: String,
    id: String,
}

/// Why a message could not be built.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MessageError {
    /// A CR or LF in the subject would end the header and let the rest add headers of its own.
    #[error("subject contains a line break (CR or LF), which could add mail headers")]
    SubjectLineBreak,
    /// Other control characters have no place in a header and confuse mail clients.
    #[error("subject contains a control character")]
    SubjectControl,
    /// See [`MAX_SUBJECT_CHARS`].
    #[error("subject is longer than {MAX_SUBJECT_CHARS} characters")]
    SubjectTooLong,
    /// See [`MAX_BODY_BYTES`].
    #[error("body is larger than 1 MiB")]
    BodyTooLarge,
    /// The id becomes part of the Message-ID header and the outbox file name.
    #[error("message id must be 1 to {MAX_ID_LEN} characters of A-Z, a-z, 0-9, '_' and '-'")]
    BadId,
}

impl Message {
    /// Builds a message, refusing subjects that could inject headers and ids that are unsafe
    /// in a header or a file name.
    pub fn new(to: Address, subject: &str, body: &str, id: &str) -> Result<Message, MessageError> {
        if subject.contains(['\r', '\n']) {
            return Err(MessageError::SubjectLineBreak);
        }
        if subject.chars().any(char::is_control) {
            return Err(MessageError::SubjectControl);
        }
        if subject.chars().count() > MAX_SUBJECT_CHARS {
            return Err(MessageError::SubjectTooLong);
        }
        if body.len() > MAX_BODY_BYTES {
            return Err(MessageError::BodyTooLarge);
        }
        let id_ok = (1..=MAX_ID_LEN).contains(&id.len())
            && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
        if !id_ok {
            return Err(MessageError::BadId);
        }
        Ok(Message { to, subject: subject.to_owned(), body: body.to_owned(), id: id.to_owned() })
    }

    /// The recipient.
    pub fn to(&self) -> &Address {
        &self.to
    }

    /// The subject, free of control characters.
    pub fn subject(&self) -> &str {
        &self.subject
    }

    /// The plain-text body as given (line endings are normalised only when rendered).
    pub fn body(&self) -> &str {
        &self.body
    }

    /// The idempotency id: `[A-Za-z0-9_-]{1,128}`.
    pub fn id(&self) -> &str {
        &self.id
    }
}

/// Why a delivery failed, split by what the caller should do about it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DeliveryError {
    /// Retrying will not help (the relay refused the recipient, the message is unsendable).
    #[error("delivery failed permanently: {0}")]
    Permanent(String),
    /// Worth retrying later with backoff (relay down, busy, timed out, disk full).
    #[error("delivery failed temporarily: {0}")]
    Temporary(String),
}

impl DeliveryError {
    /// Whether the job should be retried.
    pub fn is_temporary(&self) -> bool {
        matches!(self, DeliveryError::Temporary(_))
    }
}

/// A way of delivering messages. Implementations must be safe to share between worker threads.
pub trait Channel: Send + Sync {
    /// Delivers one message, or says why not. Delivering the same message twice must be
    /// harmless as far as the channel can make it so (the outbox overwrites; SMTP cannot).
    fn deliver(&self, m: &Message) -> Result<(), DeliveryError>;
    /// A short fixed name for logs and configuration ("smtp", "outbox").
    fn name(&self) -> &'static str;
}
