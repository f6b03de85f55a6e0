//! `umis-bench`: the performance figures of umis, measured on generated data, in suites. It is
//! a binary of its own so that the load generator, its HTTP client and its scrapers do not ship
//! in the production `umis` binary.
//!
//! `stay`: imports and scans run as child processes of the `umis` binary (as an operator would
//! run them), so wall time and peak memory are the real command's. The same CSV is also loaded by
//! sqlite3's own `.import` into an equivalent table (same primary key, traveller index) as the
//! yardstick; then the stay calculator is loaded over HTTP.
//! `cases`: case lifecycles and the public status lookup over HTTP against `umis serve`.
//! `audit`: verification of a million-record audit chain.
//! `pages`: every portal page each demo role reaches, server time and weight.
//! Figures are printed, never asserted: they depend on the machine.

mod audit;
mod cases;
mod client;
mod http;
mod pages;
mod stats;
mod status;
mod world;

mod error;

use clap::{Parser, ValueEnum};
use error::{CliError, CliResult};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::sync::OnceLock;
use std::time::Instant;

/// Measure import, scan, calculator, case, audit and page throughput of umis on generated data.
#[derive(Parser, Debug)]
#[command(name = "umis-bench", version, about, long_about = None)]
pub struct BenchArgs {
    /// The `umis` binary to measure (default: the one next to this program).
    #[arg(long, env = "UMIS_BIN")]
    umis: Option<PathBuf>,
    /// Travellers to generate (220,000 give about a million crossings).
    #[arg(long, default_value_t = 220_000)]
    travellers: usize,
    /// Working directory for generated files and databases.
    #[arg(long, default_value = "bench-data")]
    dir: PathBuf,
    /// PostgreSQL server to benchmark on (a fresh database is created and dropped);
    /// `none` skips PostgreSQL.
    #[arg(long, default_value = umis_store::testing::DEFAULT_POSTGRES_URL)]
    postgres: String,
    /// Seconds of load on the stay calculator.
    #[arg(long, default_value_t = 10)]
    http_seconds: u64,
    /// Concurrent connections of the load generator.
    #[arg(long, default_value_t = 32)]
    http_connections: usize,
    /// Which measurements to run.
    #[arg(long, value_enum, default_value_t = Suite::All)]
    suite: Suite,
    /// Concurrent clients walking cases through their lifecycle.
    #[arg(long, default_value_t = 50, value_parser = clap::value_parser!(u16).range(1..=10_000))]
    case_clients: u16,
    /// Seconds of case-lifecycle load.
    #[arg(long, default_value_t = 10)]
    case_seconds: u64,
    /// Officers who examine and confirm the cases, in pairs (at least two: four eyes).
    #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u16).range(2..=1_000))]
    case_officers: u16,
    /// Seconds of public status lookups.
    #[arg(long, default_value_t = 10)]
    status_seconds: u64,
    /// Concurrent connections of the status lookup load.
    #[arg(long, default_value_t = 32)]
    status_connections: usize,
    /// Requests per page in the portal's page benchmark.
    #[arg(long, default_value_t = 40)]
    page_rounds: usize,
    /// Audit records to generate and verify.
    #[arg(long, default_value_t = 1_000_000)]
    audit_records: u64,
}

/// A group of measurements.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Suite {
    /// Import, scan and the stay calculator.
    Stay,
    /// Case transitions and the public status lookup.
    Cases,
    /// Audit chain verification.
    Audit,
    /// The portal's pages, every role, with the demo data.
    Pages,
    /// All of them.
    All,
}

/// The "today" of the generated data, fixed so runs are comparable.
const AS_OF: &str = "2026-11-01";

struct Timed {
    seconds: f64,
    peak_rss: String,
    stdout: String,
}

/// The `umis` binary the children run, set once from the arguments.
static UMIS: OnceLock<PathBuf> = OnceLock::new();

/// The `umis` binary: `--umis`, or `umis` beside this program (cargo builds both into one
/// directory).
fn umis_exe() -> Result<PathBuf, CliError> {
    if let Some(path) = UMIS.get() {
        return Ok(path.clone());
    }
    let me = crate::umis_exe()?;
    Ok(me.with_file_name(format!("umis{}", std::env::consts::EXE_SUFFIX)))
}

fn run_child(args: &[&str], database: &str) -> Result<Timed, CliError> {
    let exe = umis_exe()?;
    let start = Instant::now();
    let out = Command::new(exe)
        .args(args)
        .env("UMIS_DATABASE_URL", database)
        .env("UMIS_REPORT_PEAK_RSS", "1")
        .output()?;
    let seconds = start.elapsed().as_secs_f64();
    let stderr = String::from_utf8_lossy(&out.stderr);
    if !out.status.success() {
        return Err(CliError::Failure(anyhow::anyhow!("umis {} failed: {stderr}", args.join(" "))));
    }
    let peak_rss = stderr.lines().find_map(|l| l.strip_prefix("peak-rss ")).unwrap_or("?").to_owned();
    Ok(Timed { seconds, peak_rss, stdout: String::from_utf8_lossy(&out.stdout).into_owned() })
}

fn rate(rows: u64, seconds: f64) -> String {
    format!("{:.0} rows/s", rows as f64 / seconds.max(1e-9))
}

fn path_str(p: &Path) -> String {
    p.display().to_string()
}

fn main() -> ExitCode {
    let args = BenchArgs::parse();
    match run(args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("umis-bench: {e}");
            e.exit_code()
        }
    }
}

fn run(args: BenchArgs) -> CliResult {
    if let Some(path) = &args.umis {
        let _ = UMIS.set(path.clone());
    }
    let umis = umis_exe()?;
    if !umis.is_file() {
        return Err(CliError::Input(format!(
            "{}: no umis binary (build it, or pass --umis)",
            umis.display()
        )));
    }
    std::fs::create_dir_all(&args.dir)?;
    if matches!(args.suite, Suite::Stay | Suite::All) {
        stay(&args)?;
    }
    if matches!(args.suite, Suite::Cases | Suite::All) {
        case_suite(&args)?;
    }
    if matches!(args.suite, Suite::Audit | Suite::All) {
        audit::run(&args.dir, args.audit_records)?;
    }
    if matches!(args.suite, Suite::Pages | Suite::All) {
        pages::run(&args.dir, args.page_rounds)?;
    }
    Ok(())
}

/// Case transitions, then status lookups of the cases filed, on one server.
fn case_suite(args: &BenchArgs) -> CliResult {
    let path = args.dir.join("cases.db");
    remove_sqlite(&path);
    let url = format!("sqlite://{}", path_str(&path));
    let (clients, officers) = (usize::from(args.case_clients), usize::from(args.case_officers));
    let start = Instant::now();
    let keys = args.dir.join("keys");
    let prepared = world::prepare(&url, &keys, clients, officers)?;
    let created = start.elapsed().as_secs_f64();
    let server = http::Server::start(&url, &keys)?;
    let start = Instant::now();
    let people = prepared.sign_in(server.addr)?;
    println!(
        "bench: cases: {} accounts created in {created:.1} s, signed in over HTTP (staff with TOTP) in {:.1} s",
        clients + officers + 1,
        start.elapsed().as_secs_f64()
    );
    let out = cases::load(server.addr, &people, args.case_seconds)?;
    cases::report(&out, clients);
    status::load(server.addr, &out.filed, args.status_connections, args.status_seconds)?;
    drop(server);
    remove_sqlite(&path);
    Ok(())
}

/// Import, scan, the sqlite3 yardstick, PostgreSQL if available, and the stay calculator.
fn stay(args: &BenchArgs) -> CliResult {
    let as_of = umis_domain::Date::parse(AS_OF).map_err(|e| CliError::Input(format!("as-of: {e}")))?;
    let start = Instant::now();
    let files = umis_core::demo::generate(
        &umis_core::demo::DemoSpec { travellers: args.travellers, seed: 7, as_of },
        &args.dir,
    )?;
    println!(
        "bench: generated {} travellers: {} crossings, {} permits, {} registrations in {:.1} s",
        args.travellers,
        files.crossing_rows,
        files.permit_rows,
        files.registration_rows,
        start.elapsed().as_secs_f64()
    );
    let sqlite_path = args.dir.join("bench.db");
    remove_sqlite(&sqlite_path);
    let sqlite_url = format!("sqlite://{}", path_str(&sqlite_path));
    let ours = import_and_scan("sqlite", &sqlite_url, &files, &args.dir)?;
    if let Some(baseline) = sqlite3_import(&files.crossings, &args.dir.join("sqlite3-baseline.db"))? {
        println!(
            "bench: sqlite3 .import of the same file into an equivalent indexed table: {baseline:.2} s; ratio umis/sqlite3 = {:.2}",
            ours / baseline
        );
    }
    if args.postgres != "none" {
        let name = format!("umis_bench_{}", std::process::id());
        let pg_url = umis_store::create_postgres_database(&args.postgres, &name)?;
        let result = import_and_scan("postgres", &pg_url, &files, &args.dir);
        let _ = umis_store::drop_postgres_database(&args.postgres, &name);
        result?;
        let same = std::fs::read(args.dir.join("findings-sqlite.jsonl"))?
            == std::fs::read(args.dir.join("findings-postgres.jsonl"))?;
        println!("bench: scan findings identical on SQLite and PostgreSQL: {same}");
    }
    http::calculator_load(&args.dir, args.http_seconds, args.http_connections)?;
    Ok(())
}

/// Imports the three files and scans; returns the crossing import's seconds.
fn import_and_scan(
    label: &str,
    url: &str,
    files: &umis_core::demo::DemoFiles,
    dir: &Path,
) -> Result<f64, CliError> {
    run_child(&["migrate"], url)?;
    let t = run_child(&["import", "crossings", &path_str(&files.crossings), "--json"], url)?;
    println!(
        "bench: import {label}: {} crossings in {:.2} s = {}, peak RSS {} ({})",
        files.crossing_rows,
        t.seconds,
        rate(files.crossing_rows, t.seconds),
        t.peak_rss,
        t.stdout.trim()
    );
    let crossings_seconds = t.seconds;
    for (kind, path, rows) in [
        ("permits", &files.permits, files.permit_rows),
        ("registrations", &files.registrations, files.registration_rows),
    ] {
        let t = run_child(&["import", kind, &path_str(path), "--json"], url)?;
        println!("bench: import {label}: {rows} {kind} in {:.2} s = {}", t.seconds, rate(rows, t.seconds));
    }
    let out = dir.join(format!("findings-{label}.jsonl"));
    let t = run_child(&["scan", "--as-of", AS_OF, "--output", &path_str(&out)], url)?;
    let findings = std::fs::read_to_string(&out)?.lines().count();
    println!(
        "bench: scan {label}: {} crossings, {findings} findings in {:.2} s, peak RSS {}",
        files.crossing_rows, t.seconds, t.peak_rss
    );
    Ok(crossings_seconds)
}

fn remove_sqlite(path: &Path) {
    for suffix in ["", "-wal", "-shm"] {
        let mut p = path.as_os_str().to_owned();
        p.push(suffix);
        let _ = std::fs::remove_file(p);
    }
}

/// sqlite3's own CSV import into a table with the same primary key and traveller index.
fn sqlite3_import(csv: &Path, db: &Path) -> Result<Option<f64>, CliError> {
    remove_sqlite(db);
    let script = format!(
        "PRAGMA journal_mode=WAL;\n\
         CREATE TABLE crossings (record_id TEXT PRIMARY KEY, direction TEXT, occurred_at TEXT, border_point TEXT, \
         document_type TEXT, document_number TEXT, document_issuing_state TEXT, document_expiry TEXT, \
         person_surname TEXT, person_given_names TEXT, person_date_of_birth TEXT, person_sex TEXT, \
         person_nationality TEXT, entry_basis_kind TEXT, entry_basis_reference TEXT, entry_basis_stay_days INTEGER);\n\
         CREATE INDEX crossings_traveller ON crossings (document_issuing_state, document_number);\n\
         .import --csv --skip 1 '{}' crossings\n",
        csv.display()
    );
    let start = Instant::now();
    let child = Command::new("sqlite3")
        .arg(db)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .spawn();
    let Ok(mut child) = child else {
        println!("bench: sqlite3 not installed; baseline skipped");
        return Ok(None);
    };
    if let Some(stdin) = child.stdin.as_mut() {
        use std::io::Write;
        stdin.write_all(script.as_bytes())?;
    }
    drop(child.stdin.take());
    let status = child.wait()?;
    let seconds = start.elapsed().as_secs_f64();
    remove_sqlite(db);
    if !status.success() {
        return Err(CliError::Failure(anyhow::anyhow!("sqlite3 .import failed")));
    }
    Ok(Some(seconds))
}
