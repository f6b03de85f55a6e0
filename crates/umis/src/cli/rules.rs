//! `umis rules show [--pack P] [--on DATE]`: what the law in a pack says on a date.

use super::{CliError, CliResult, Context, date_arg};
use clap::Subcommand;

#[derive(Subcommand, Debug)]
pub enum RulesCommand {
    /// Print the parameters in force on a date, each with its legal source.
    Show {
        /// The pack (az, schengen); all packs when absent.
        #[arg(long)]
        pack: Option<String>,
        /// The date (YYYY-MM-DD); today when absent.
        #[arg(long)]
        on: Option<String>,
    },
}

pub fn run(ctx: &Context, cmd: RulesCommand) -> CliResult {
    let RulesCommand::Show { pack, on } = cmd;
    let packs = ctx.packs()?;
    let on = match on {
        Some(d) => date_arg("--on", &d)?,
        None => umis_core::clock::today_utc(),
    };
    let names: Vec<String> = match pack {
        Some(p) if packs.get(&p).is_some() => vec![p],
        Some(p) => {
            return Err(CliError::Input(format!(
                "unknown rule pack {p:?} (known: {})",
                packs.names().join(", ")
            )));
        }
        None => packs.names().into_iter().map(str::to_owned).collect(),
    };
    for name in names {
        let Some(p) = packs.get(&name) else { continue };
        println!("{} — {} ({}), in force on {on}", p.name(), p.title(), p.kind().as_str());
        for param in p.show(on) {
            let mark = if param.unverified { " [unverified]" } else { "" };
            println!("  {} = {}  (from {}){mark}", param.name, param.value, param.from);
            println!("      source: {}", param.source);
            if let Some(note) = &param.note {
                println!("      note: {note}");
            }
        }
    }
    Ok(())
}
