//! Delivery into a local directory: each message becomes one RFC 5322 `.eml` file, for
//! installations without a mail relay, for demos, and for inspecting what would have been sent.
//!
//! Files are written atomically (temporary file in the same directory, fsync, rename), so a
//! reader scanning for `*.eml` never sees half a message, and a crash leaves either the old file
//! or the new one. The file name comes from the message id alone, which makes delivery
//! idempotent: a job retried after a crash overwrites its own file instead of adding a second.

use super::{Address, Channel, DeliveryError, HostName, Message, render_eml};
use std::fs::{self, File, OpenOptions};
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::SystemTime;

/// Distinguishes temporary files of concurrent deliveries within one process.
static TEMP_COUNTER: AtomicU64 = AtomicU64::new(0);

/// A directory of `.eml` files as a delivery channel.
#[derive(Debug, Clone)]
pub struct OutboxChannel {
    dir: PathBuf,
    from: Address,
    helo_name: HostName,
}

impl OutboxChannel {
    /// An outbox writing into `dir` (which must exist), with `from` and `helo_name` filling the
    /// From and Message-ID headers exactly as the SMTP channel would.
    pub fn new(dir: impl Into<PathBuf>, from: Address, helo_name: HostName) -> OutboxChannel {
        OutboxChannel { dir: dir.into(), from, helo_name }
    }

    /// Where the message with this id is (or will be) stored.
    pub fn path_for(&self, id: &str) -> PathBuf {
        self.dir.join(format!("{}.eml", file_stem(id)))
    }
}

impl Channel for OutboxChannel {
    fn deliver(&self, m: &Message) -> Result<(), DeliveryError> {
        let eml = render_eml(m, &self.from, &self.helo_name, SystemTime::now());
        write_atomically(&self.dir, &self.path_for(m.id()), eml.as_bytes())
    }

    fn name(&self) -> &'static str {
        "outbox"
    }
}

/// The id with every character outside `[A-Za-z0-9_-]` replaced by `_`, so that no id can
/// name another directory, a hidden file or a device; at most 128 characters, never empty.
fn file_stem(id: &str) -> String {
    let stem: String = id
        .chars()
        .take(super::MAX_ID_LEN)
        .map(|c| if c.is_ascii_alphanumeric() || c == '-' { c } else { '_' })
        .collect();
    if stem.is_empty() { "_".to_owned() } else { stem }
}

/// Writes `bytes` to `target` through a temporary file in `dir`. Every failure is temporary:
/// a full disk or a missing directory is an operator's fix, after which a retry succeeds.
fn write_atomically(dir: &Path, target: &Path, bytes: &[u8]) -> Result<(), DeliveryError> {
    let temp = dir.join(format!(
        ".{}.{}-{}.tmp",
        target.file_stem().map(|s| s.to_string_lossy()).unwrap_or_default(),
        std::process::id(),
        TEMP_COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    let fail = |step: &str, e: std::io::Error| {
        DeliveryError::Temporary(format!("outbox {}: cannot {step}: {e}", dir.display()))
    };
    let mut file =
        OpenOptions::new().write(true).create_new(true).open(&temp).map_err(|e| fail("create file", e))?;
    let written = file.write_all(bytes).and_then(|()| file.sync_all());
    drop(file);
    if let Err(e) = written.and_then(|()| fs::rename(&temp, target)) {
        // The temporary file must not linger next to the messages.
        let _removed = fs::remove_file(&temp);
        return Err(fail("write message", e));
    }
    // Make the rename itself durable. Some platforms cannot open a directory; the message is
    // already complete in place there, so that is not worth failing the delivery for.
    if let Ok(d) = File::open(dir) {
        let _synced = d.sync_all();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_become_safe_file_stems() {
        let long = "a".repeat(300);
        let cases = [
            ("job-42", "job-42"),
            ("Job_7-x", "Job_7-x"),
            ("../../etc/passwd", "______etc_passwd"),
            (".hidden", "_hidden"),
            ("a b\r\nc", "a_b__c"),
            ("Заявка", "______"),
            ("", "_"),
            ("nul\0", "nul_"),
            (long.as_str(), &long[..128]),
        ];
        for (id, stem) in cases {
            assert_eq!(file_stem(id), stem, "{id:?}");
        }
    }
}
