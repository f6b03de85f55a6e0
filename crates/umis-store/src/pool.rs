//! A bounded connection pool: at most `max_size` connections exist at once, a caller waits (up
//! to a deadline, then gets [`StoreError::Busy`]) when all are lent out, and a connection that
//! sat idle is checked before it is lent again; a broken one is dropped and replaced.
//!
//! Both drivers are synchronous and the web layer calls the store from blocking threads (up to
//! 512 of them under tokio), so without a bound a load spike would open more connections than
//! PostgreSQL allows and fail everyone at once; with it, the excess waits its turn.

use crate::StoreError;
use std::ops::{Deref, DerefMut};
use std::sync::{Condvar, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

type Opener<C> = Box<dyn Fn() -> Result<C, StoreError> + Send + Sync>;
type Checker<C> = Box<dyn Fn(&mut C) -> bool + Send + Sync>;

/// How a pool is sized and how it looks after its connections.
pub(crate) struct Limits {
    /// Most connections open at once (lent out and idle).
    pub max_size: usize,
    /// How long a caller waits for a connection before giving up.
    pub wait: Duration,
    /// A connection idle for longer than this is checked before it is lent again.
    pub check_after_idle: Duration,
}

struct State<C> {
    /// Idle connections with the moment each came back, most recent last.
    idle: Vec<(C, Instant)>,
    /// Connections that exist: idle, lent out, or being opened.
    open: usize,
}

/// The connections of one database, and how to open and check another.
pub(crate) struct Pool<C> {
    state: Mutex<State<C>>,
    returned: Condvar,
    open: Opener<C>,
    healthy: Checker<C>,
    limits: Limits,
}

impl<C> Pool<C> {
    pub(crate) fn new(open: Opener<C>, healthy: Checker<C>, limits: Limits) -> Pool<C> {
        let limits = Limits { max_size: limits.max_size.max(1), ..limits };
        Pool {
            state: Mutex::new(State { idle: Vec::new(), open: 0 }),
            returned: Condvar::new(),
            open,
            healthy,
            limits,
        }
    }

    fn lock(&self) -> MutexGuard<'_, State<C>> {
        // The state stays consistent whatever panicked while holding it (counts and a stack).
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// An idle connection (checked if it idled long), a new one while under the bound, or the
    /// next one given back; `Busy` when none comes back in time.
    pub(crate) fn get(&self) -> Result<Pooled<'_, C>, StoreError> {
        let deadline = Instant::now() + self.limits.wait;
        let mut state = self.lock();
        loop {
            if let Some((mut conn, since)) = state.idle.pop() {
                if since.elapsed() <= self.limits.check_after_idle {
                    return Ok(Pooled { pool: self, conn: Some(conn) });
                }
                drop(state);
                if (self.healthy)(&mut conn) {
                    return Ok(Pooled { pool: self, conn: Some(conn) });
                }
                tracing::warn!("dropped a broken database connection from the pool");
                drop(conn);
                state = self.lock();
                state.open -= 1;
                continue;
            }
            if state.open < self.limits.max_size {
                state.open += 1;
                drop(state);
                return match (self.open)() {
                    Ok(conn) => Ok(Pooled { pool: self, conn: Some(conn) }),
                    Err(e) => {
                        self.forget();
                        Err(e)
                    }
                };
            }
            let now = Instant::now();
            if now >= deadline {
                return Err(StoreError::Busy(format!(
                    "all {} database connections stayed busy for {} ms",
                    self.limits.max_size,
                    self.limits.wait.as_millis()
                )));
            }
            state =
                self.returned.wait_timeout(state, deadline - now).unwrap_or_else(PoisonError::into_inner).0;
        }
    }

    fn give_back(&self, conn: C) {
        self.lock().idle.push((conn, Instant::now()));
        self.returned.notify_one();
    }

    /// A connection was dropped (broken, or never opened): its place is free.
    fn forget(&self) {
        self.lock().open -= 1;
        self.returned.notify_one();
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
        if self.conn.take().is_some() {
            self.pool.forget();
        }
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
            if std::thread::panicking() {
                // A panic left the connection in an unknown state (a read's `query_only`, a
                // half-read result): it is not lent again.
                drop(conn);
                self.pool.forget();
            } else {
                self.pool.give_back(conn);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #![expect(clippy::unwrap_used, reason = "test code: a failure should stop the test")]

    use super::*;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

    /// A stand-in connection: its number, and whether the "server" still knows it.
    struct Fake {
        id: usize,
        alive: Arc<AtomicBool>,
    }

    fn pool(max_size: usize, wait_ms: u64, opened: Arc<AtomicUsize>) -> Pool<Fake> {
        Pool::new(
            Box::new(move || {
                Ok(Fake { id: opened.fetch_add(1, Ordering::SeqCst), alive: Arc::new(AtomicBool::new(true)) })
            }),
            Box::new(|c: &mut Fake| c.alive.load(Ordering::SeqCst)),
            Limits { max_size, wait: Duration::from_millis(wait_ms), check_after_idle: Duration::ZERO },
        )
    }

    #[test]
    fn more_users_than_connections_all_get_one_in_turn() {
        let opened = Arc::new(AtomicUsize::new(0));
        let pool = pool(3, 10_000, opened.clone());
        let at_once = AtomicUsize::new(0);
        let most = AtomicUsize::new(0);
        std::thread::scope(|s| {
            for _ in 0..12 {
                s.spawn(|| {
                    for _ in 0..20 {
                        let conn = pool.get().unwrap();
                        let now = at_once.fetch_add(1, Ordering::SeqCst) + 1;
                        most.fetch_max(now, Ordering::SeqCst);
                        std::thread::sleep(Duration::from_micros(200));
                        at_once.fetch_sub(1, Ordering::SeqCst);
                        drop(conn);
                    }
                });
            }
        });
        assert!(most.load(Ordering::SeqCst) <= 3, "never more than the pool's size in use");
        assert!(opened.load(Ordering::SeqCst) <= 3, "never more than the pool's size opened");
    }

    #[test]
    fn a_caller_waits_then_gets_a_clear_error() {
        let pool = pool(1, 50, Arc::new(AtomicUsize::new(0)));
        let held = pool.get().unwrap();
        let started = Instant::now();
        let err = pool.get().err().unwrap();
        assert!(started.elapsed() >= Duration::from_millis(50));
        assert!(matches!(err, StoreError::Busy(_)));
        assert!(err.to_string().contains("all 1 database connections stayed busy"), "{err}");
        drop(held);
        assert!(pool.get().is_ok(), "a returned connection is lent again");
    }

    #[test]
    fn a_broken_idle_connection_is_replaced() {
        let opened = Arc::new(AtomicUsize::new(0));
        let pool = pool(1, 1_000, opened.clone());
        let conn = pool.get().unwrap();
        let (first, alive) = (conn.id, conn.alive.clone());
        drop(conn);
        alive.store(false, Ordering::SeqCst);
        let conn = pool.get().unwrap();
        assert_ne!(conn.id, first, "the broken connection was not lent again");
        assert!(conn.alive.load(Ordering::SeqCst));
        assert_eq!(opened.load(Ordering::SeqCst), 2);
    }

    #[test]
    fn a_connection_on_loan_during_a_panic_is_not_lent_again() {
        let opened = Arc::new(AtomicUsize::new(0));
        let pool = pool(1, 1_000, opened.clone());
        let caught = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let _conn = pool.get().unwrap();
            // What a panicking caller's closure does to the connection it holds.
            std::panic::resume_unwind(Box::new("the caller failed"));
        }));
        assert!(caught.is_err());
        assert_eq!(pool.get().unwrap().id, 1, "a new connection took the place of the one on loan");
        assert_eq!(opened.load(Ordering::SeqCst), 2);
    }

    #[test]
    fn a_discarded_connection_frees_its_place() {
        let pool = pool(1, 1_000, Arc::new(AtomicUsize::new(0)));
        pool.get().unwrap().discard();
        assert!(pool.get().is_ok());
    }
}
