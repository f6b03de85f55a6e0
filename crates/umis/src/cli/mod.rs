//! The subcommands, one module each, and what they share: the context (database URL, rule
//! packs) and the error type that decides the exit status.

pub mod admin;
pub mod audit;
pub mod background;
pub mod calc;
pub mod cases;
pub mod demo_accounts;
pub mod demo_data;
pub mod error;
pub mod import;
pub mod keys;
pub mod rules;
pub mod scan;
pub mod serve;
pub mod verify;

use std::path::PathBuf;
use umis_rules::Packs;
use umis_store::Store;

pub use error::{CliError, CliResult};

/// What every command may need.
pub struct Context {
    /// The database URL.
    pub database: String,
    /// The rule-pack override directory.
    pub rules: Option<PathBuf>,
    /// The credential signing keys' directory.
    pub keys: PathBuf,
}

impl Context {
    /// Opens the database and applies pending migrations.
    pub fn store(&self) -> Result<Store, CliError> {
        Store::open(&self.database).map_err(|e| match e {
            umis_store::StoreError::Url(_) => CliError::Input(e.to_string()),
            other => CliError::Failure(
                anyhow::Error::new(other)
                    .context(format!("cannot open database {}", umis_store::redact(&self.database))),
            ),
        })
    }

    /// The rule packs: built in, overridden by `--rules DIR`; an invalid pack is an input error.
    pub fn packs(&self) -> Result<Packs, CliError> {
        let packs = match &self.rules {
            None => Packs::builtin(),
            Some(dir) => {
                let entries = std::fs::read_dir(dir).map_err(|e| {
                    CliError::Input(format!("{}: cannot read rules directory: {e}", dir.display()))
                })?;
                let mut files = Vec::new();
                for entry in entries {
                    let path = entry.map_err(anyhow::Error::from)?.path();
                    if path.extension().is_some_and(|x| x == "toml") {
                        let text = std::fs::read_to_string(&path)
                            .map_err(|e| CliError::Input(format!("{}: {e}", path.display())))?;
                        let name =
                            path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                        files.push((name, text));
                    }
                }
                Packs::from_files(&files)
            }
        };
        packs.map_err(|e| CliError::Input(format!("invalid rule pack: {e}")))
    }
}

impl Context {
    /// The credential signing keys (a first key is created if the directory has none).
    pub fn keys(&self) -> Result<umis_credential::KeyRing, CliError> {
        umis_credential::KeyRing::load_or_create(&self.keys)
            .map_err(|e| CliError::Input(format!("{}: {e}", self.keys.display())))
    }

    /// The key TOTP secrets are sealed with, kept beside the signing keys (created if absent).
    pub fn totp_key(&self) -> Result<umis_core::accounts::totp_key::TotpKey, CliError> {
        umis_core::accounts::totp_key::TotpKey::load_or_create(&self.keys)
            .map_err(|e| CliError::Input(format!("{}: {e}", self.keys.display())))
    }
}

/// `umis migrate`.
pub fn migrate(ctx: &Context) -> CliResult {
    let store = Store::open_unmigrated(&ctx.database).map_err(|e| CliError::Input(e.to_string()))?;
    let applied = store.migrate()?;
    if applied.is_empty() {
        println!("database is up to date");
    } else {
        for name in applied {
            println!("applied {name}");
        }
    }
    Ok(())
}

/// Parses a `YYYY-MM-DD` argument.
pub fn date_arg(name: &str, value: &str) -> Result<umis_domain::Date, CliError> {
    umis_domain::Date::parse(value).map_err(|e| CliError::Input(format!("{name}: {e}: {value:?}")))
}
