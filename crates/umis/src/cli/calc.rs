//! `umis stay-calc`: a calculator request on standard input, the response on standard output.

use super::{CliError, CliResult, Context};
use clap::Args;
use std::io::Read;
use umis_rules::Lang;

/// Largest request read from standard input.
const MAX_REQUEST_BYTES: u64 = 1024 * 1024;

#[derive(Args, Debug)]
pub struct CalcArgs {
    /// Language of the trace: az, en or ru.
    #[arg(long, default_value = "en")]
    lang: String,
}

pub fn run(ctx: &Context, args: CalcArgs) -> CliResult {
    let packs = ctx.packs()?;
    let mut body = Vec::new();
    std::io::stdin().lock().take(MAX_REQUEST_BYTES + 1).read_to_end(&mut body)?;
    if body.len() as u64 > MAX_REQUEST_BYTES {
        return Err(CliError::Input(format!("request is larger than {MAX_REQUEST_BYTES} bytes")));
    }
    let response = umis_core::calc::stay_calc(&packs, &body, Lang::parse(&args.lang))
        .map_err(|p| CliError::Input(format!("stay-calc: {p}")))?;
    println!("{}", serde_json::to_string_pretty(&response)?);
    Ok(())
}
