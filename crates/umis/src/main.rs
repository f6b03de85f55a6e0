//! `umis`: the command line of the Unified Migration Information System.
//!
//! Every command is a thin client of `umis-core`; this file only parses arguments, opens the
//! database and maps failures to exit statuses (2 for unusable input or usage, 1 otherwise).

mod cli;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// Unified Migration Information System: stay control, e-services and documents for a
/// national migration authority.
#[derive(Parser, Debug)]
#[command(name = "umis", version, about, long_about = None)]
struct Cli {
    /// Database URL: sqlite://PATH (created on first use) or postgres://USER@HOST:PORT/DB.
    #[arg(long, global = true, env = "UMIS_DATABASE_URL", default_value = "sqlite://umis.db")]
    database: String,
    /// Directory of rule-pack files (az.toml, schengen.toml) overriding the built-in packs.
    #[arg(long, global = true, env = "UMIS_RULES_DIR")]
    rules: Option<std::path::PathBuf>,
    /// Directory of the Ed25519 keys that sign permits and decisions (created, owner-only, on
    /// first use). Keep it off the database server.
    #[arg(long, global = true, env = "UMIS_KEYS_DIR", default_value = "umis-keys")]
    keys: std::path::PathBuf,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Load demo data into the database (if empty) and serve the API, printing its address.
    Demo(cli::serve::DemoArgs),
    /// Serve the HTTP API.
    Serve(cli::serve::ServeArgs),
    /// Apply pending database migrations.
    Migrate,
    /// Import crossings, permits or registrations from CSV or JSON Lines.
    Import(cli::import::ImportArgs),
    /// Evaluate every traveller's stays as of a date and write the findings as JSON Lines.
    Scan(cli::scan::ScanArgs),
    /// Answer one stay-calculator request: JSON on standard input, JSON on standard output.
    StayCalc(cli::calc::CalcArgs),
    /// Inspect the rule packs.
    Rules {
        #[command(subcommand)]
        command: cli::rules::RulesCommand,
    },
    /// Check an issued document offline, with only the published public keys.
    Verify(cli::verify::VerifyArgs),
    /// Signing keys of issued documents.
    Keys {
        #[command(subcommand)]
        command: cli::keys::KeysCommand,
    },
    /// Administration: API tokens, accounts, offices.
    Admin {
        #[command(subcommand)]
        command: cli::admin::AdminCommand,
    },
    /// Case lifecycle: the daily sweep of deadlines that end cases.
    Cases {
        #[command(subcommand)]
        command: cli::cases::CasesCommand,
    },
    /// The audit log.
    Audit {
        #[command(subcommand)]
        command: cli::audit::AuditCommand,
    },
    /// Generate synthetic interchange files (crossings, permits, registrations).
    DemoData(cli::demo_data::DemoDataArgs),
}

fn main() -> ExitCode {
    // A bug must not greet an operator with a backtrace: one line, then the usual panic exit.
    std::panic::set_hook(Box::new(|info| {
        let at = info.location().map(|l| format!(" at {}:{}", l.file(), l.line())).unwrap_or_default();
        eprintln!("umis: internal error{at}; nothing half-written was committed. Please report it.");
    }));
    let cli = Cli::parse();
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("UMIS_LOG")
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn")),
        )
        .with_writer(std::io::stderr)
        .init();
    let ctx = cli::Context { database: cli.database, rules: cli.rules, keys: cli.keys };
    let result = match cli.command {
        Command::Demo(args) => cli::serve::demo(&ctx, args),
        Command::Serve(args) => cli::serve::serve(&ctx, args),
        Command::Migrate => cli::migrate(&ctx),
        Command::Import(args) => cli::import::run(&ctx, args),
        Command::Scan(args) => cli::scan::run(&ctx, args),
        Command::StayCalc(args) => cli::calc::run(&ctx, args),
        Command::Rules { command } => cli::rules::run(&ctx, command),
        Command::Admin { command } => cli::admin::run(&ctx, command),
        Command::Verify(args) => cli::verify::run(args),
        Command::Keys { command } => cli::keys::run(&ctx, command),
        Command::Audit { command } => cli::audit::run(&ctx, command),
        Command::Cases { command } => cli::cases::run(&ctx, command),
        Command::DemoData(args) => cli::demo_data::run(args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("umis: {e}");
            e.exit_code()
        }
    }
}
