//! A small connection pool: connections are opened on demand and kept for reuse.
//!
//! Both drivers are synchronous; the web layer calls the store from blocking threads, so a
//! mutex-guarded stack of idle connections is all the pooling needed.

use crate::StoreError;
use std::ops::{Deref, DerefMut};
use std::sync::Mutex;

type Opener<C> = Box<dyn Fn() -> Result<C, StoreError> + Send + Sync>;

/// Idle connections of one database, and how to open another.
pub(crate) struct Pool<C> {
    idle: Mutex<Vec<C>>,
    open: Opener<C>,
    max_idle: usize,
}

impl<C> Pool<C> {
    pub(crate) fn new(open: Opener<C>, max_idle: usize) -> Pool<C> {
        Pool { idle: Mutex::new(Vec::new()), open, max_idle }
    }

    /// An idle connection, or a new one.
    pub(crate) fn get(&self) -> Result<Pooled<'_, C>, StoreError> {
        let reused = self.idle.lock().ok().and_then(|mut idle| idle.pop());
        let conn = match reused {
            Some(c) => c,
            None => (self.open)()?,
        };
        Ok(Pooled { pool: self, conn: Some(conn) })
    }

    fn give_back(&self, conn: C) {
        if let Ok(mut idle) = self.idle.lock()
            && idle.len() < self.max_idle
        {
            idle.push(conn);
        }
    }
}

/// A connection on loan; it goes back to the pool when dropped.
pub(crate) struct Pooled<'a, C> {
    pool: &'a Pool<C>,
    conn: Option<C>,
}

impl<C> Pooled<'_, C> {
    /// Drops the connection instead of returning it (after an error that may have broken it).
    pub(crate) fn discard(mut self) {
        self.conn = None;
    }
}

impl<C> Deref for Pooled<'_, C> {
    type Target = C;
    fn deref(&self) -> &C {
        // Invariant: `conn` is Some until drop or discard, both of which consume the guard.
        self.conn.as_ref().unwrap_or_else(|| unreachable!("pooled connection used after release"))
    }
}

impl<C> DerefMut for Pooled<'_, C> {
    fn deref_mut(&mut self) -> &mut C {
        self.conn.as_mut().unwrap_or_else(|| unreachable!("pooled connection used after release"))
    }
}

impl<C> Drop for Pooled<'_, C> {
    fn drop(&mut self) {
        if let Some(conn) = self.conn.take() {
            self.pool.give_back(conn);
        }
    }
}
