//! Delivering queued notifications: the job table is filled in the transaction of each status
//! change; this worker reads due jobs, sends each through the configured channel (SMTP when
//! configured, the local outbox otherwise) and records the result. Temporary failures are
//! retried with growing delays. A message says no more than a case's public status, except the
//! notice of a document's cancellation, which is the act's notification: it names the coded
//! grounds and how to appeal, in the holder's language.

use crate::cases::{CANCELLATION_NOTICE, cancellation_notice, status_message};
use crate::clock::Clock;
use umis_notify::{Address, Channel, DeliveryError, Message};
use umis_rules::Lang;
use umis_rules::services::Catalogue;
use umis_store::{Store, StoreError, accounts, cases, jobs};

/// A store failure while reading a notice: the pass stops, as when reading the jobs fails.
fn store_error(e: crate::cases::CaseError) -> StoreError {
    match e {
        crate::cases::CaseError::Store(s) => s,
        other => StoreError::Corrupt(other.to_string()),
    }
}

/// Attempts before a temporarily failing message is given up.
pub const MAX_ATTEMPTS: i64 = 8;

/// What one pass of the worker did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Delivered {
    /// Sent.
    pub sent: usize,
    /// To be retried.
    pub retrying: usize,
    /// Given up.
    pub failed: usize,
}

/// Sends up to `limit` due notifications through `channel`.
pub fn deliver_due(
    store: &Store,
    cat: &Catalogue,
    clock: &Clock,
    channel: &dyn Channel,
    limit: i64,
) -> Result<Delivered, StoreError> {
    let due = store.read(|db| jobs::due_notifications(db, clock.now_ns(), limit))?;
    let mut out = Delivered::default();
    for job in due {
        let found = store.read(|db| {
            let user = accounts::user_by_id(db, &job.user_id)?;
            let case = cases::case_by_id(db, &job.case_id)?;
            Ok::<_, StoreError>(user.zip(case))
        })?;
        let outcome = match found {
            None => Err(DeliveryError::Permanent("the account or case no longer exists".into())),
            Some((user, case)) => match user.email.as_deref().map(Address::parse) {
                None => Err(DeliveryError::Permanent("no e-mail address on the account".into())),
                Some(Err(e)) => Err(DeliveryError::Permanent(format!("unusable address: {e}"))),
                Some(Ok(to)) => {
                    let lang = Lang::parse(&user.lang);
                    let receipt = case.receipt.clone().unwrap_or_else(|| "-".into());
                    let notice = if job.message == CANCELLATION_NOTICE {
                        store.read(|db| cancellation_notice(db, cat, &case, lang)).map_err(store_error)?
                    } else {
                        None
                    };
                    let (subject, body) =
                        notice.unwrap_or_else(|| status_message(&receipt, &job.message, lang));
                    Message::new(to, &subject, &body, &format!("n{}", job.id))
                        .map_err(|e| DeliveryError::Permanent(format!("cannot form the message: {e}")))
                        .and_then(|m| channel.deliver(&m))
                }
            },
        };
        let now = clock.now_rfc3339();
        let (status, next, error) = match outcome {
            Ok(()) => {
                out.sent += 1;
                ("sent", 0, None)
            }
            Err(DeliveryError::Temporary(e)) if job.attempts + 1 < MAX_ATTEMPTS => {
                out.retrying += 1;
                let wait_secs = 30_i64 << job.attempts.clamp(0, 10);
                ("queued", clock.now_ns() + wait_secs * 1_000_000_000, Some(e))
            }
            Err(DeliveryError::Temporary(e) | DeliveryError::Permanent(e)) => {
                out.failed += 1;
                ("failed", 0, Some(e))
            }
        };
        store.transact(|db| jobs::finish_notification(db, job.id, status, next, error.as_deref(), &now))?;
    }
    Ok(out)
}
