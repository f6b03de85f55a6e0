//! `umis import crossings|permits|registrations FILE`.

use super::{CliError, CliResult, Context};
use clap::{Args, ValueEnum};
use std::fs::File;
use std::io::{BufWriter, IsTerminal, Read, Write};
use std::path::PathBuf;
use umis_core::import::{Format, ImportError, ImportRequest, RecordKind, run_import};

#[derive(ValueEnum, Clone, Copy, Debug)]
pub enum KindArg {
    Crossings,
    Permits,
    Registrations,
}

#[derive(ValueEnum, Clone, Copy, Debug)]
pub enum FormatArg {
    Csv,
    Jsonl,
}

#[derive(Args, Debug)]
pub struct ImportArgs {
    /// Which records the file holds.
    kind: KindArg,
    /// The file to read; `-` reads standard input.
    file: String,
    /// The encoding; taken from the file name (.csv, .jsonl) when absent.
    #[arg(long)]
    format: Option<FormatArg>,
    /// Write rejected and conflicting rows here, as JSON Lines.
    #[arg(long)]
    rejects: Option<PathBuf>,
    /// Print the summary as one JSON object.
    #[arg(long)]
    json: bool,
    /// Records per committed batch.
    #[arg(long, default_value_t = 50_000, value_parser = clap::value_parser!(u32).range(1..=1_000_000))]
    batch_rows: u32,
}

fn open_input(file: &str) -> Result<(Box<dyn Read>, Option<u64>), CliError> {
    if file == "-" {
        return Ok((Box::new(std::io::stdin().lock()), None));
    }
    let meta = std::fs::metadata(file).map_err(|e| {
        let why =
            if e.kind() == std::io::ErrorKind::NotFound { "no such file".to_owned() } else { e.to_string() };
        CliError::Input(format!("{file}: {why}"))
    })?;
    if meta.is_dir() {
        return Err(CliError::Input(format!("{file}: is a directory")));
    }
    let f = File::open(file).map_err(|e| CliError::Input(format!("{file}: {e}")))?;
    Ok((Box::new(f), Some(meta.len())))
}

pub fn run(ctx: &Context, args: ImportArgs) -> CliResult {
    let kind = match args.kind {
        KindArg::Crossings => RecordKind::Crossings,
        KindArg::Permits => RecordKind::Permits,
        KindArg::Registrations => RecordKind::Registrations,
    };
    let format = match (args.format, Format::from_file_name(&args.file)) {
        (Some(FormatArg::Csv), _) => Format::Csv,
        (Some(FormatArg::Jsonl), _) => Format::Jsonl,
        (None, Some(f)) => f,
        (None, None) => {
            return Err(CliError::Input(format!(
                "{}: cannot tell the format from the name; pass --format csv or --format jsonl",
                args.file
            )));
        }
    };
    let (input, size) = open_input(&args.file)?;
    let mut rejects: Option<BufWriter<File>> = match &args.rejects {
        None => None,
        Some(p) => Some(BufWriter::new(
            File::create(p).map_err(|e| CliError::Input(format!("{}: {e}", p.display())))?,
        )),
    };
    let store = ctx.store()?;
    let bar = progress_bar(size);
    let source = if args.file == "-" { "stdin".to_owned() } else { args.file.clone() };
    let req =
        ImportRequest { kind, format, source: &source, actor: "cli", batch_rows: args.batch_rows as usize };
    let mut sink = |r: &umis_core::import::Reject| -> std::io::Result<()> {
        if let Some(w) = rejects.as_mut() {
            serde_json::to_writer(&mut *w, r)?;
            w.write_all(b"\n")?;
        }
        Ok(())
    };
    let mut progress = |bytes: u64, s: &umis_core::import::ImportSummary| {
        if let Some(b) = &bar {
            b.set_position(bytes);
            b.set_message(format!("{} rows", s.read));
        }
    };
    let result = run_import(&store, input, req, &mut sink, &mut progress);
    if let Some(b) = &bar {
        b.finish_and_clear();
    }
    let summary = result.map_err(|e| match e {
        ImportError::Unusable(u) => CliError::Input(format!("{}: {u}", args.file)),
        other => CliError::Failure(anyhow::Error::new(other).context(format!("importing {}", args.file))),
    })?;
    if let Some(mut w) = rejects {
        w.flush()?;
    }
    if args.json {
        println!("{}", serde_json::to_string(&summary)?);
    } else {
        println!("{} {}: {summary}", kind.as_str(), args.file);
    }
    peak_memory_report();
    Ok(())
}

fn progress_bar(size: Option<u64>) -> Option<indicatif::ProgressBar> {
    if !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = indicatif::ProgressBar::new(size.unwrap_or(0));
    let style = indicatif::ProgressStyle::with_template("{bar:40} {bytes}/{total_bytes} {msg} {elapsed}")
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar());
    bar.set_style(style);
    Some(bar)
}

/// With `UMIS_REPORT_PEAK_RSS=1`, prints the process's peak resident memory to standard error
/// (read by the benchmark, which runs imports and scans as child processes).
pub fn peak_memory_report() {
    if std::env::var_os("UMIS_REPORT_PEAK_RSS").is_none() {
        return;
    }
    if let Ok(status) = std::fs::read_to_string("/proc/self/status")
        && let Some(line) = status.lines().find(|l| l.starts_with("VmHWM:"))
    {
        eprintln!("peak-rss {}", line.trim_start_matches("VmHWM:").trim());
    }
}
