//! Notification jobs and idempotency keys, in portable SQL.

use crate::StoreError;
use crate::sql::{Db, Val, WriteDb};

/// A queued notification.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotificationRow {
    /// Job id.
    pub id: i64,
    /// The case it is about.
    pub case_id: String,
    /// The account to tell.
    pub user_id: String,
    /// The message key (a status of the fixed vocabulary), never personal data.
    pub message: String,
    /// Delivery attempts so far.
    pub attempts: i64,
}

/// Queues a notification, in the caller's transaction.
pub fn enqueue_notification(
    db: &mut dyn WriteDb,
    case_id: &str,
    user_id: &str,
    message: &str,
    now: &str,
    now_ns: i64,
) -> Result<(), StoreError> {
    db.exec(
        "INSERT INTO notifications (case_id, user_id, message, status, attempts, next_attempt_ns, created_at) \
         VALUES ($1, $2, $3, 'queued', 0, $4, $5)",
        &[Val::Text(case_id), Val::Text(user_id), Val::Text(message), Val::Int(now_ns), Val::Text(now)],
    )?;
    Ok(())
}

/// Notifications due for delivery, oldest first.
pub fn due_notifications(
    db: &mut dyn Db,
    now_ns: i64,
    limit: i64,
) -> Result<Vec<NotificationRow>, StoreError> {
    db.rows(
        "SELECT id, case_id, user_id, message, attempts FROM notifications \
         WHERE status = 'queued' AND next_attempt_ns <= $1 ORDER BY id LIMIT $2",
        &[Val::Int(now_ns), Val::Int(limit)],
    )?
    .iter()
    .map(|r| {
        Ok(NotificationRow {
            id: r.int(0)?,
            case_id: r.text(1)?,
            user_id: r.text(2)?,
            message: r.text(3)?,
            attempts: r.int(4)?,
        })
    })
    .collect()
}

/// Records a delivery attempt: `sent`, `failed` (given up) or back to `queued` with a later
/// attempt time.
pub fn finish_notification(
    db: &mut dyn WriteDb,
    id: i64,
    status: &str,
    next_attempt_ns: i64,
    error: Option<&str>,
    now: &str,
) -> Result<(), StoreError> {
    db.exec(
        "UPDATE notifications SET status = $2, attempts = attempts + 1, next_attempt_ns = $3, last_error = $4, \
         sent_at = CASE WHEN $2 = 'sent' THEN $5 ELSE sent_at END WHERE id = $1",
        &[Val::Int(id), Val::Text(status), Val::Int(next_attempt_ns), error.into(), Val::Text(now)],
    )?;
    Ok(())
}

/// Notification counts by status (queued, sent, failed).
pub fn notification_counts(db: &mut dyn Db) -> Result<[i64; 3], StoreError> {
    let mut out = [0; 3];
    for (i, s) in ["queued", "sent", "failed"].iter().enumerate() {
        let row =
            db.row("SELECT CAST(COUNT(*) AS BIGINT) FROM notifications WHERE status = $1", &[Val::Text(s)])?;
        out[i] = row.map_or(Ok(0), |r| r.int(0))?;
    }
    Ok(out)
}

/// The answer stored for an idempotency key: (request hash, status, body).
pub fn idempotent_answer(
    db: &mut dyn Db,
    user_id: &str,
    key: &str,
) -> Result<Option<(String, i64, String)>, StoreError> {
    db.row(
        "SELECT request_hash, status, body FROM idempotency_keys WHERE user_id = $1 AND key = $2",
        &[Val::Text(user_id), Val::Text(key)],
    )?
    .map(|r| Ok((r.text(0)?, r.int(1)?, r.text(2)?)))
    .transpose()
}

/// Stores the answer to a request made with an idempotency key, in the request's transaction.
pub fn store_idempotent_answer(
    db: &mut dyn WriteDb,
    user_id: &str,
    key: &str,
    request_hash: &str,
    status: i64,
    body: &str,
    now: &str,
) -> Result<(), StoreError> {
    db.exec(
        "INSERT INTO idempotency_keys (user_id, key, request_hash, status, body, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6)",
        &[
            Val::Text(user_id),
            Val::Text(key),
            Val::Text(request_hash),
            Val::Int(status),
            Val::Text(body),
            Val::Text(now),
        ],
    )?;
    Ok(())
}
