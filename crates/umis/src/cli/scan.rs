//! `umis scan --as-of DATE [--output FILE] [--extended]`.

use super::{CliError, CliResult, Context, date_arg};
use clap::Args;
use std::io::{BufWriter, Write};
use std::path::PathBuf;
use umis_core::scan::{ScanError, ScanOptions, run_scan_with};

#[derive(Args, Debug)]
pub struct ScanArgs {
    /// Evaluate stays as of this date (YYYY-MM-DD); later crossings are ignored.
    #[arg(long)]
    as_of: String,
    /// Write the findings here instead of standard output.
    #[arg(long)]
    output: Option<PathBuf>,
    /// The rule pack (default az).
    #[arg(long, default_value = "az")]
    pack: String,
    /// Also write umis's own findings (`trp_absence`: a temporary residence permit's holder
    /// abroad too long) after each traveller's lines; without it the output is exactly the
    /// stay-rules spec's. They are stored as review items either way.
    #[arg(long)]
    extended: bool,
}

pub fn run(ctx: &Context, args: ScanArgs) -> CliResult {
    let as_of = date_arg("--as-of", &args.as_of)?;
    if !umis_core::scan::valid_as_of(as_of) {
        return Err(CliError::Input(format!("--as-of: {as_of} is outside 1900-2199")));
    }
    let packs = ctx.packs()?;
    let pack =
        packs.get(&args.pack).ok_or_else(|| CliError::Input(format!("unknown rule pack {:?}", args.pack)))?;
    let store = ctx.store()?;
    let mut out: Box<dyn Write> = match &args.output {
        Some(p) => Box::new(BufWriter::new(
            std::fs::File::create(p).map_err(|e| CliError::Input(format!("{}: {e}", p.display())))?,
        )),
        None => Box::new(BufWriter::new(std::io::stdout().lock())),
    };
    let options = ScanOptions { extended: args.extended };
    let summary = run_scan_with(&store, pack, as_of, "cli", &mut out, options).map_err(|e| match e {
        ScanError::Output(io) => CliError::Failure(anyhow::Error::new(io).context("writing findings")),
        ScanError::Store(s) => CliError::Failure(anyhow::Error::new(s).context("scanning")),
    })?;
    drop(out);
    eprintln!(
        "scanned {} travellers ({} crossings) as of {as_of}: {} findings ({} overstays, {} unregistered stays, {} anomalies), {} TRP absences, {} registrations not ended; review items opened {}, resolved {}",
        summary.travellers,
        summary.crossings,
        summary.findings,
        summary.overstays,
        summary.unregistered_stays,
        summary.anomalies,
        summary.trp_absences,
        summary.registrations_not_ended,
        summary.opened,
        summary.resolved
    );
    if !summary.review_items_updated {
        eprintln!("a later scan of this pack exists: review items were left as they are");
    }
    super::import::peak_memory_report();
    Ok(())
}
