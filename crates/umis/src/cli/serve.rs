//! `umis serve` and `umis demo`: the HTTP API on 127.0.0.1, its address printed.

mod test_clock;

use super::{CliError, CliResult, Context};
use clap::Args;
use std::future::IntoFuture as _;
use std::net::SocketAddr;
use std::sync::Arc;
use umis_web::AppState;
use umis_web::limit::RateLimit;

#[derive(Args, Debug)]
pub struct ServeArgs {
    /// Address to listen on (port 0 picks a free port).
    #[arg(long, default_value = "127.0.0.1:8080", env = "UMIS_LISTEN")]
    listen: SocketAddr,
    /// Public calculator requests per second per client.
    #[arg(long, default_value_t = 20.0)]
    calc_rate: f64,
    /// Public calculator burst per client.
    #[arg(long, default_value_t = 100.0)]
    calc_burst: f64,
    #[command(flatten)]
    background: super::background::BackgroundArgs,
}

#[derive(Args, Debug)]
pub struct DemoArgs {
    #[command(flatten)]
    serve: ServeArgs,
    /// Travellers to generate when the database is empty.
    #[arg(long, default_value_t = 2_000)]
    travellers: usize,
    /// Tests only: a clock that SIGUSR1 moves one TOTP step on (see `serve/test_clock.rs`).
    #[arg(long, hide = true)]
    test_clock: bool,
}

pub fn serve(ctx: &Context, args: ServeArgs) -> CliResult {
    let limit = RateLimit { per_second: args.calc_rate, burst: args.calc_burst };
    let (store, totp_key) = (ctx.store()?, ctx.totp_key()?);
    let sealed = umis_core::accounts::totp_key::seal_clear_secrets(&store, &totp_key)
        .map_err(|e| CliError::Failure(anyhow::anyhow!("sealing TOTP secrets stored in clear: {e}")))?;
    if sealed > 0 {
        tracing::info!(sealed, "TOTP secrets stored in clear by an older version are now sealed");
    }
    let state = AppState::new(store, ctx.packs()?, limit, ctx.keys()?, totp_key);
    run_server(Arc::new(state), args.listen, &args.background, |addr| {
        println!("umis is listening on http://{addr}/api/v1/health");
    })
}

/// How long requests in flight may run on after a shutdown signal before the server stops
/// without them.
const DRAIN: std::time::Duration = std::time::Duration::from_secs(20);
/// How long blocking work (a database call a request started) may run on after that.
const BLOCKING_GRACE: std::time::Duration = std::time::Duration::from_secs(5);

/// Serves `state` on `listen` until Ctrl-C or SIGTERM; `ready` is told the bound address.
///
/// On either signal the server stops accepting connections, lets the requests in flight finish
/// (for at most [`DRAIN`]), then stops the background threads and returns.
pub fn run_server(
    state: Arc<AppState>,
    listen: SocketAddr,
    background: &super::background::BackgroundArgs,
    ready: impl FnOnce(SocketAddr),
) -> CliResult {
    let jobs = super::background::start(&state, background).map_err(CliError::Input)?;
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    // The last reference to the state (and so to the database connections) is dropped after
    // the runtime: the PostgreSQL driver blocks when it closes a connection.
    let keep = state.clone();
    let result = runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(listen)
            .await
            .map_err(|e| CliError::Input(format!("cannot listen on {listen}: {e}")))?;
        // Listening for the signals before the address is announced: a supervisor that stops
        // the server right after it started gets a clean stop, not the default of SIGTERM.
        let signal = shutdown_signal()?;
        ready(listener.local_addr()?);
        let app = umis_web::app(state).into_make_service_with_connect_info::<SocketAddr>();
        let (stopping, stopped) = tokio::sync::oneshot::channel::<()>();
        let server = axum::serve(listener, app).with_graceful_shutdown(async move {
            signal.await;
            tracing::info!("shutting down: no new connections, draining the requests in flight");
            let _ = stopping.send(());
        });
        let drain_timeout = async move {
            match stopped.await {
                Ok(()) => tokio::time::sleep(DRAIN).await,
                // The server ended without a signal: its own result decides.
                Err(_) => std::future::pending().await,
            }
        };
        tokio::select! {
            served = server.into_future() => served?,
            () = drain_timeout => {
                tracing::warn!(seconds = DRAIN.as_secs(), "requests still in flight after the drain period; stopping");
            }
        }
        Ok(())
    });
    jobs.stop();
    runtime.shutdown_timeout(BLOCKING_GRACE);
    drop(keep);
    result
}

/// Resolves on Ctrl-C (SIGINT) or SIGTERM, whichever comes first.
fn shutdown_signal() -> std::io::Result<impl std::future::Future<Output = ()>> {
    #[cfg(unix)]
    let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())?;
    Ok(async move {
        #[cfg(unix)]
        let terminated = async move {
            term.recv().await;
        };
        #[cfg(not(unix))]
        let terminated = std::future::pending::<()>();
        tokio::select! {
            _ = tokio::signal::ctrl_c() => {}
            () = terminated => {}
        }
    })
}

pub fn demo(ctx: &Context, args: DemoArgs) -> CliResult {
    let store = ctx.store()?;
    super::demo_accounts::check_database(&store, &ctx.database)?;
    let packs = ctx.packs()?;
    let today = umis_core::clock::today_utc();
    if store.counts()?.crossings == 0 {
        println!(
            "loading demo data ({} travellers) into {} ...",
            args.travellers,
            umis_store::redact(&ctx.database)
        );
        super::demo_data::load_demo(&store, &packs, args.travellers, today)?;
    }
    let officer = umis_core::tokens::create_token(&store, &unique_name("demo-officer"), "officer", "demo")?;
    let feed =
        umis_core::tokens::create_token(&store, &unique_name("demo-border-feed"), "border-feed", "demo")?;
    let counts = store.counts()?;
    let example = umis_core::review::review_queue(&store, Some("open"), None, 1, "demo")?
        .items
        .into_iter()
        .next()
        .map_or_else(|| "RUS/123456789".to_owned(), |i| format!("{}/{}", i.issuing_state, i.document_number));
    let limit = RateLimit { per_second: args.serve.calc_rate, burst: args.serve.calc_burst };
    let keys = ctx.keys()?;
    let totp_key = ctx.totp_key()?;
    if super::demo_accounts::ensure(&store, packs.catalogue(), &keys, &totp_key)? {
        println!("created demo offices, accounts and applications");
    }
    let mut state = AppState::new(store, packs, limit, keys, totp_key);
    if args.test_clock {
        state.clock = test_clock::start()?;
    }
    let mut background = args.serve.background.clone();
    background.witness_dir.get_or_insert_with(|| "umis-witness".into());
    run_server(Arc::new(state), args.serve.listen, &background, |addr| {
        println!(
            "umis demo: {} crossings, {} permits, {} registrations, {} open findings",
            counts.crossings, counts.permits, counts.registrations, counts.findings_open
        );
        println!("listening on http://{addr}");
        println!("  portal:          open http://{addr}/ in a browser and sign in with a demo account below");
        println!("  health:          curl http://{addr}/api/v1/health");
        println!(
            "  stay calculator: curl -d '{{\"pack\":\"az\",\"mode\":\"control\",\"date\":\"{today}\",\"stays\":[{{\"entry\":\"{}\"}}]}}' http://{addr}/api/v1/stay-calculator",
            today.add_days(-100)
        );
        println!("  officer token:     {officer}");
        println!("  border-feed token: {feed}");
        println!(
            "  review queue:      curl -H 'Authorization: Bearer {officer}' http://{addr}/api/v1/findings"
        );
        println!(
            "  a traveller:       curl -H 'Authorization: Bearer {officer}' http://{addr}/api/v1/travellers/{example}/status"
        );
        for line in super::demo_accounts::describe() {
            println!("{line}");
        }
        println!(
            "  sign in:           curl -c jar -H 'Content-Type: application/json' -d '{{\"username\":\"demo-applicant\",\"password\":\"{}\"}}' http://{addr}/api/v1/session",
            super::demo_accounts::DEMO_PASSWORD
        );
        println!("  e-services:        curl http://{addr}/api/v1/services");
        println!("  API description:   http://{addr}/api/openapi.json");
        println!("  verification keys: http://{addr}/.well-known/jwks.json");
        let notifications = match &background.smtp_relay {
            Some(relay) => format!("sent through the SMTP relay {relay}"),
            None => format!("written to {}", background.outbox.display()),
        };
        println!(
            "  notifications are {notifications} and signed audit checkpoints are written to {}",
            background.witness_dir.as_deref().map(|p| p.display().to_string()).unwrap_or_default()
        );
        println!("press Ctrl-C to stop");
    })
}

fn unique_name(prefix: &str) -> String {
    let nanos =
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or(0);
    format!("{prefix}-{nanos}")
}
