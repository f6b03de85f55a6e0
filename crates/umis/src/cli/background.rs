//! The server's background work: delivering queued notifications, deleting expired sessions,
//! ending cases whose duty payment window or reply period ran out, and signing checkpoints of
//! the audit chain into a witness directory. Each runs on its own
//! thread and stops with the server.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;
use umis_notify::{Address, Channel, HostName, OutboxChannel, SmtpChannel};
use umis_web::AppState;

/// How the background jobs are configured.
#[derive(clap::Args, Debug, Clone)]
pub struct BackgroundArgs {
    /// SMTP relay (`HOST:PORT`, on a trusted network) for notifications; without it they are
    /// written as .eml files into --outbox.
    #[arg(long, env = "UMIS_SMTP_RELAY")]
    pub smtp_relay: Option<String>,
    /// Directory the local outbox writes notifications to.
    #[arg(long, env = "UMIS_OUTBOX_DIR", default_value = "umis-outbox")]
    pub outbox: PathBuf,
    /// Sender address of notifications.
    #[arg(long, env = "UMIS_MAIL_FROM", default_value = "no-reply@umis.example")]
    pub mail_from: String,
    /// Directory a witness reads signed audit checkpoints from (none: no periodic checkpoints).
    #[arg(long, env = "UMIS_WITNESS_DIR")]
    pub witness_dir: Option<PathBuf>,
    /// The checkpoint signing key file (created if absent; keep it off the database server).
    #[arg(long, env = "UMIS_CHECKPOINT_KEY", default_value = "umis-keys/audit-checkpoint.key")]
    pub checkpoint_key: PathBuf,
    /// Seconds between checkpoints.
    #[arg(long, default_value_t = 300)]
    pub checkpoint_every: u64,
}

/// Seconds between sweeps of expired sessions.
const SESSION_SWEEP_SECS: u64 = 300;

/// Seconds between sweeps of the deadlines that end cases (an hour: the periods are in days).
const DEADLINE_SWEEP_SECS: u64 = 3600;

/// Running background threads; stopping joins them.
pub struct Background {
    stop: Arc<AtomicBool>,
    threads: Vec<std::thread::JoinHandle<()>>,
}

impl Background {
    /// Signals the threads and waits for them.
    pub fn stop(self) {
        self.stop.store(true, Ordering::SeqCst);
        for t in self.threads {
            let _ = t.join();
        }
    }
}

/// Sleeps `secs` in short steps, returning early (false) when asked to stop.
fn wait(stop: &AtomicBool, secs: u64) -> bool {
    for _ in 0..secs * 10 {
        if stop.load(Ordering::SeqCst) {
            return false;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    !stop.load(Ordering::SeqCst)
}

fn channel(args: &BackgroundArgs) -> Result<Box<dyn Channel>, String> {
    let from = Address::parse(&args.mail_from).map_err(|e| format!("--mail-from: {e}"))?;
    let helo = HostName::parse(from.domain()).map_err(|e| format!("--mail-from: {e}"))?;
    Ok(match &args.smtp_relay {
        Some(relay) => {
            let (host, port) = relay.rsplit_once(':').ok_or("--smtp-relay must be HOST:PORT")?;
            let port = port.parse().map_err(|_| "--smtp-relay port must be a number")?;
            Box::new(SmtpChannel::new(host, port, from, helo))
        }
        None => {
            std::fs::create_dir_all(&args.outbox).map_err(|e| format!("{}: {e}", args.outbox.display()))?;
            Box::new(OutboxChannel::new(args.outbox.clone(), from, helo))
        }
    })
}

/// Starts the background threads for `state`.
pub fn start(state: &Arc<AppState>, args: &BackgroundArgs) -> Result<Background, String> {
    let stop = Arc::new(AtomicBool::new(false));
    let mut threads = Vec::new();
    let channel = channel(args)?;
    let (st, halt) = (state.clone(), stop.clone());
    threads.push(std::thread::spawn(move || {
        while wait(&halt, 5) {
            let cat = st.packs.catalogue();
            if let Err(e) =
                umis_core::notify_worker::deliver_due(&st.store, cat, &st.clock, channel.as_ref(), 100)
            {
                tracing::warn!(error = %e, "notification delivery failed");
            }
        }
    }));
    let (st, halt) = (state.clone(), stop.clone());
    threads.push(std::thread::spawn(move || {
        // Expired sessions are already refused; sweeping them every few minutes keeps abandoned
        // ones (hash, CSRF token, user id) from piling up in the database.
        loop {
            match umis_core::accounts::session::sweep_expired(&st.store, &st.clock) {
                Ok(0) => {}
                Ok(n) => tracing::info!(sessions = n, "expired sessions deleted"),
                Err(e) => tracing::warn!(error = %e, "expired sessions not deleted"),
            }
            if !wait(&halt, SESSION_SWEEP_SECS) {
                break;
            }
        }
    }));
    let (st, halt) = (state.clone(), stop.clone());
    threads.push(std::thread::spawn(move || {
        // A grant unpaid after its payment window lapses, an unanswered request leaves the
        // application without consideration: by themselves, not when someone looks.
        loop {
            match umis_core::cases::sweep_deadlines(&st.store, &st.clock) {
                Ok(r) if r == umis_core::cases::SweepReport::default() => {}
                Ok(r) => tracing::info!(
                    lapsed_unpaid = r.lapsed_unpaid,
                    left_without_consideration = r.left_without_consideration,
                    "case deadlines swept"
                ),
                Err(e) => tracing::warn!(error = %e, "case deadlines not swept"),
            }
            if !wait(&halt, DEADLINE_SWEEP_SECS) {
                break;
            }
        }
    }));
    if let Some(dir) = args.witness_dir.clone() {
        std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        if let Some(parent) = args.checkpoint_key.parent() {
            std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
        }
        let key = super::audit::read_or_create_key(&args.checkpoint_key).map_err(|e| e.to_string())?;
        let (st, halt, every) = (state.clone(), stop.clone(), args.checkpoint_every.max(1));
        threads.push(std::thread::spawn(move || {
            let mut last = 0;
            loop {
                let at = st.clock.now_rfc3339();
                match umis_core::audit::create_checkpoint(&st.store, &key, &at) {
                    Ok(cp) if cp.records > last => {
                        last = cp.records;
                        let path = dir.join(format!("checkpoint-{:012}.json", cp.records));
                        let json = serde_json::to_string_pretty(&cp).unwrap_or_default();
                        if let Err(e) = std::fs::write(&path, json + "\n") {
                            tracing::warn!(error = %e, "cannot write the audit checkpoint");
                        }
                    }
                    Ok(_) => {}
                    Err(e) => tracing::error!(error = %e, "audit checkpoint refused"),
                }
                if !wait(&halt, every) {
                    break;
                }
            }
        }));
    }
    Ok(Background { stop, threads })
}
