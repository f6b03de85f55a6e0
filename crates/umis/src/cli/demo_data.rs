//! `umis demo-data`: a synthetic population written as interchange files, and the loader that
//! `umis demo` uses (through the same import path as real data).

use super::{CliError, CliResult, date_arg};
use clap::Args;
use std::path::{Path, PathBuf};
use umis_core::demo::{DemoSpec, generate};
use umis_core::import::{Format, ImportRequest, RecordKind, run_import};
use umis_domain::Date;
use umis_rules::Packs;
use umis_store::Store;

#[derive(Args, Debug)]
pub struct DemoDataArgs {
    /// How many travellers (about 4.5 crossings each).
    #[arg(long, default_value_t = 2_000)]
    travellers: usize,
    /// Seed of the generator: the same seed gives the same files.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// The "today" of the data (YYYY-MM-DD): trips fall in the two years before it.
    #[arg(long)]
    as_of: String,
    /// Directory to write crossings.csv, permits.csv and registrations.csv into.
    #[arg(long)]
    out: PathBuf,
}

pub fn run(args: DemoDataArgs) -> CliResult {
    let as_of = date_arg("--as-of", &args.as_of)?;
    std::fs::create_dir_all(&args.out)
        .map_err(|e| CliError::Input(format!("{}: {e}", args.out.display())))?;
    let files = generate(&DemoSpec { travellers: args.travellers, seed: args.seed, as_of }, &args.out)?;
    println!(
        "wrote {} crossings, {} permits, {} registrations to {}",
        files.crossing_rows,
        files.permit_rows,
        files.registration_rows,
        args.out.display()
    );
    Ok(())
}

/// Generates a population, imports it and scans it as of `today`.
pub fn load_demo(store: &Store, packs: &Packs, travellers: usize, today: Date) -> CliResult {
    let dir = std::env::temp_dir().join(format!("umis-demo-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let result = (|| -> CliResult {
        let files = generate(&DemoSpec { travellers, seed: 1, as_of: today }, &dir)?;
        import_file(store, RecordKind::Permits, &files.permits)?;
        import_file(store, RecordKind::Registrations, &files.registrations)?;
        import_file(store, RecordKind::Crossings, &files.crossings)?;
        let pack = packs.default_pack();
        let summary = umis_core::scan::run_scan(store, pack, today, "demo", &mut std::io::sink())?;
        println!("scanned as of {today}: {} findings", summary.findings);
        Ok(())
    })();
    let _ = std::fs::remove_dir_all(&dir);
    result
}

fn import_file(store: &Store, kind: RecordKind, path: &Path) -> CliResult {
    let file = std::fs::File::open(path)?;
    let req = ImportRequest { kind, format: Format::Csv, source: "demo", actor: "demo", batch_rows: 10_000 };
    let summary = run_import(store, file, req, &mut |_| Ok(()), &mut |_, _| {})?;
    println!("  {}: {summary}", kind.as_str());
    Ok(())
}
