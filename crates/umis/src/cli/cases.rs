//! `umis cases sweep`: ends the cases whose deadlines ran out (a grant unpaid after its payment
//! window lapses; an application whose request for information went unanswered past the reply
//! period is left without consideration), as the server's background worker does every hour:
//! for a deployment that runs it from cron, or to catch up after the server was down.

use super::{CliResult, Context};
use umis_core::clock::Clock;

/// Case lifecycle commands.
#[derive(clap::Subcommand, Debug)]
pub enum CasesCommand {
    /// End the cases whose payment window or reply period ended before today.
    Sweep,
}

/// Runs a cases command.
pub fn run(ctx: &Context, cmd: CasesCommand) -> CliResult {
    match cmd {
        CasesCommand::Sweep => {
            let store = ctx.store()?;
            let report = umis_core::cases::sweep_deadlines(&store, &Clock::System)?;
            println!(
                "lapsed unpaid: {}; left without consideration: {}",
                report.lapsed_unpaid, report.left_without_consideration
            );
            Ok(())
        }
    }
}
