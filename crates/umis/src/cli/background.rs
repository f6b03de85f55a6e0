//! The server's background work: delivering queued notifications, deleting expired sessions,
//! ending cases whose duty payment window or reply period ran out, and signing checkpoints of
//! the audit chain into a witness directory. Each runs on its own
//! thread and stops with the server.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;
use umis_notify::{Address, Channel, HostName, OutboxChannel, SmtpChannel, SmtpConfig, SmtpLogin};
use umis_web::AppState;

/// How the background jobs are configured.
#[derive(clap::Args, Debug, Clone)]
pub struct BackgroundArgs {
    /// SMTP relay (`HOST:PORT`, e.g. `mail.example.az:587`) for notifications; without it they
    /// are written as .eml files into --outbox.
    #[arg(long, env = "UMIS_SMTP_RELAY")]
    pub smtp_relay: Option<String>,
    /// How the connection to the relay is protected: `starttls` (required: a relay that does not
    /// offer it gets nothing), `tls` (TLS from the first byte, usually port 465) or `none` (only
    /// for a relay on the same host or a test relay; never with a password).
    #[arg(long, env = "UMIS_SMTP_TLS", default_value = "starttls", value_parser = ["starttls", "tls", "none"])]
    pub smtp_tls: String,
    /// User name for the relay's AUTH (PLAIN or LOGIN, only over TLS). The password comes from
    /// the environment variable UMIS_SMTP_PASSWORD or from --smtp-password-file, never from the
    /// command line.
    #[arg(long, env = "UMIS_SMTP_USERNAME")]
    pub smtp_username: Option<String>,
    /// File whose content (less a final line break) is the relay password.
    #[arg(long, env = "UMIS_SMTP_PASSWORD_FILE")]
    pub smtp_password_file: Option<PathBuf>,
    /// PEM file of certificate authorities trusted for the relay besides the public (webpki)
    /// roots, for a relay whose certificate comes from a private authority.
    #[arg(long, env = "UMIS_SMTP_CA_FILE")]
    pub smtp_ca_file: Option<PathBuf>,
    /// Seconds to wait for the relay to connect, to answer or to take data, each time.
    #[arg(long, env = "UMIS_SMTP_TIMEOUT", default_value_t = 10)]
    pub smtp_timeout: u64,
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

/// The environment variable holding the relay password.
const PASSWORD_VAR: &str = "UMIS_SMTP_PASSWORD";

fn channel(args: &BackgroundArgs) -> Result<Box<dyn Channel>, String> {
    let from = Address::parse(&args.mail_from).map_err(|e| format!("--mail-from: {e}"))?;
    let helo = HostName::parse(from.domain()).map_err(|e| format!("--mail-from: {e}"))?;
    Ok(match &args.smtp_relay {
        Some(relay) => {
            let config = smtp_config(relay, args, std::env::var(PASSWORD_VAR).ok())?;
            Box::new(SmtpChannel::new(config, from, helo).map_err(|e| e.to_string())?)
        }
        None => {
            std::fs::create_dir_all(&args.outbox).map_err(|e| format!("{}: {e}", args.outbox.display()))?;
            Box::new(OutboxChannel::new(args.outbox.clone(), from, helo))
        }
    })
}

/// The relay's settings from the options and from the value of UMIS_SMTP_PASSWORD, if set.
fn smtp_config(
    relay: &str,
    args: &BackgroundArgs,
    env_password: Option<String>,
) -> Result<SmtpConfig, String> {
    let (host, port) = relay.rsplit_once(':').ok_or("--smtp-relay must be HOST:PORT")?;
    let port = port.parse().map_err(|_| "--smtp-relay port must be a number from 1 to 65535")?;
    if port == 0 {
        return Err("--smtp-relay port must be a number from 1 to 65535".to_owned());
    }
    // An IPv6 address is written in brackets, as in a URL.
    let host = host.strip_prefix('[').and_then(|h| h.strip_suffix(']')).unwrap_or(host);
    let mut config = SmtpConfig::new(host, port);
    config.tls = args.smtp_tls.parse().map_err(|e| format!("--smtp-tls: {e}"))?;
    config.timeout = Duration::from_secs(args.smtp_timeout.max(1));
    config.extra_ca_file = args.smtp_ca_file.clone();
    let password = match (&args.smtp_password_file, env_password.filter(|p| !p.is_empty())) {
        (Some(_), Some(_)) => {
            return Err(format!(
                "give the SMTP password either in {PASSWORD_VAR} or in --smtp-password-file, not both"
            ));
        }
        (Some(path), None) => Some(read_password(path)?),
        (None, from_env) => from_env,
    };
    config.login = match (&args.smtp_username, password) {
        (Some(user), Some(password)) => Some(SmtpLogin::new(user, &password).map_err(|e| e.to_string())?),
        (Some(_), None) => {
            return Err(format!(
                "--smtp-username needs a password in {PASSWORD_VAR} or --smtp-password-file"
            ));
        }
        (None, Some(_)) => return Err("an SMTP password is set but --smtp-username is not".to_owned()),
        (None, None) => None,
    };
    Ok(config)
}

/// The password file's content less one final line break (what `echo` or an editor adds).
fn read_password(path: &std::path::Path) -> Result<String, String> {
    let text =
        std::fs::read_to_string(path).map_err(|e| format!("--smtp-password-file {}: {e}", path.display()))?;
    let password = text.strip_suffix('\n').map(|t| t.strip_suffix('\r').unwrap_or(t)).unwrap_or(&text);
    if password.is_empty() {
        return Err(format!("--smtp-password-file {}: the file is empty", path.display()));
    }
    Ok(password.to_owned())
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
