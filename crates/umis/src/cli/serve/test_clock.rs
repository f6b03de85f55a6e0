//! The demo server's test clock (`umis demo --test-clock`, hidden): the system clock plus an
//! offset that moves one TOTP step (30 s) forward on every SIGUSR1, the new offset printed as
//! `test clock: +N s`. The browser tests use it to sign the same staff account in again at once
//! with the next step's code instead of waiting up to 30 s for it. Nothing else changes: each
//! code still works once and never after a newer one, and only whoever may signal the process
//! (its own user) can move the clock; `umis serve` has no such option.

use super::CliError;
use tokio::signal::unix::{SignalKind, signal};
use umis_core::clock::Clock;

/// How far one signal moves the clock: one TOTP step.
const STEP_SECS: i64 = 30;

/// A shifted clock, moved on by every SIGUSR1 from now on (listening starts before this
/// returns, so a signal can never meet the default action, which ends the process).
pub fn start() -> Result<Clock, CliError> {
    let clock = Clock::shifted();
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
    let mut signals = runtime.block_on(async { signal(SignalKind::user_defined1()) })?;
    let moved = clock.clone();
    std::thread::spawn(move || {
        runtime.block_on(async move {
            let mut offset = 0;
            while signals.recv().await.is_some() {
                moved.advance_secs(STEP_SECS);
                offset += STEP_SECS;
                println!("test clock: +{offset} s");
            }
        });
    });
    Ok(clock)
}
