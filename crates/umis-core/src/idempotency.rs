//! Idempotency keys for creating requests: a client that retries a POST with the same
//! `Idempotency-Key` gets the first answer again instead of a second resource. A key reused
//! with a different request is refused.

use crate::clock::Clock;
use umis_store::{Store, StoreError, jobs};

/// What a key says about a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Replay {
    /// Not seen before: do the work, then [`remember`] the answer.
    New,
    /// Seen with this very request: here is the answer (status, JSON body).
    Answer(u16, String),
    /// Seen with a different request.
    Mismatch,
}

/// Whether a key is well formed: 1–200 printable ASCII characters.
pub fn valid_key(key: &str) -> bool {
    (1..=200).contains(&key.len()) && key.bytes().all(|b| (0x21..0x7f).contains(&b))
}

fn request_hash(request: &[u8]) -> String {
    crate::hex::sha256_hex(request)
}

/// Looks a key up for `user`.
pub fn check(store: &Store, user: &str, key: &str, request: &[u8]) -> Result<Replay, StoreError> {
    let found = store.read(|db| jobs::idempotent_answer(db, user, key))?;
    Ok(match found {
        None => Replay::New,
        Some((hash, status, body)) if hash == request_hash(request) => {
            Replay::Answer(u16::try_from(status).unwrap_or(200), body)
        }
        Some(_) => Replay::Mismatch,
    })
}

/// Stores the answer given to a keyed request.
pub fn remember(
    store: &Store,
    clock: &Clock,
    user: &str,
    key: &str,
    request: &[u8],
    status: u16,
    body: &str,
) -> Result<(), StoreError> {
    let now = clock.now_rfc3339();
    store.transact(|db| {
        jobs::store_idempotent_answer(db, user, key, &request_hash(request), i64::from(status), body, &now)
    })
}
