//! Audit verification at scale: a fresh SQLite database gets a million audit records shaped
//! like real ones (case steps by staff, sign-ins, traveller reads, audited denials with their
//! JSON detail), appended through the chain like any other record, in a few large
//! transactions. Then the whole chain is checked twice: in-process through
//! `Store::verify_audit`, and by `umis audit verify` as an operator runs it.

use super::{remove_sqlite, run_child};
use crate::error::{CliError, CliResult};
use std::path::Path;
use std::time::Instant;
use umis_store::{AuditEntry, Store, StoreError};

/// Records appended per transaction.
const PER_TRANSACTION: u64 = 100_000;

/// A deterministic 128-bit id in hex, like the ids umis gives cases and accounts.
fn id(n: u64) -> String {
    // splitmix64: well spread, so ids look random but runs are repeatable.
    let mix = |mut z: u64| {
        z = z.wrapping_add(0x9e37_79b9_7f4a_7c15);
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    };
    format!("{:016x}{:016x}", mix(n), mix(n ^ 0x5555_5555_5555_5555))
}

/// The fields of the `n`-th generated record, as owned strings.
struct Shaped {
    actor: String,
    action: String,
    object: String,
    outcome: &'static str,
    detail: String,
}

const CASE_STEPS: [(&str, &str, &str); 6] = [
    ("submit", "draft", "submitted"),
    ("accept", "submitted", "accepted"),
    ("assign", "accepted", "assigned"),
    ("start_review", "assigned", "in_review"),
    ("propose", "in_review", "decision_proposed"),
    ("confirm", "decision_proposed", "approved"),
];

/// Record `n`: mostly case steps, then sign-ins, traveller reads and denials.
fn shaped(n: u64) -> Shaped {
    let staff = id(n % 200);
    let case = id(1_000_000 + n / 6);
    match n % 10 {
        0..=5 => {
            let (event, from, to) = CASE_STEPS[usize::try_from(n % 6).unwrap_or(0)];
            let receipt = format!("BAK1-2026-{:06}", n / 6 % 1_000_000);
            Shaped {
                actor: format!("{staff} officer@BAK1"),
                action: format!("case.{event}"),
                object: format!("case:{case}"),
                outcome: "ok",
                detail: serde_json::json!({
                    "service": "stay_extension", "receipt": receipt, "from": from, "to": to, "office": "BAK1"
                })
                .to_string(),
            }
        }
        6 => Shaped {
            actor: format!("user:{staff}"),
            action: "session.second_factor".into(),
            object: "-".into(),
            outcome: "ok",
            detail: "{}".into(),
        },
        7 | 8 => Shaped {
            actor: "token:border-officer-7".into(),
            action: "traveller.read".into(),
            object: format!("RUS/{:09}", n % 1_000_000_000),
            outcome: "ok",
            detail: serde_json::json!({ "purpose": "border_check", "records": n % 17 }).to_string(),
        },
        _ => Shaped {
            actor: format!("{} applicant@-", id(n)),
            action: "case.read".into(),
            object: "-".into(),
            outcome: "denied",
            detail: r#"{"reason":"object"}"#.into(),
        },
    }
}

/// Appends `records` generated records to the chain of `store`, `per_transaction` at a time.
fn generate(store: &Store, records: u64, per_transaction: u64) -> Result<(), StoreError> {
    let mut n = 0;
    while n < records {
        let end = n.saturating_add(per_transaction.max(1)).min(records);
        store.transact(|db| {
            for i in n..end {
                let s = shaped(i);
                db.audit(&AuditEntry {
                    actor: &s.actor,
                    action: &s.action,
                    object: &s.object,
                    outcome: s.outcome,
                    detail: &s.detail,
                })?;
            }
            Ok::<_, StoreError>(())
        })?;
        n = end;
    }
    Ok(())
}

/// This process's peak resident memory so far (Linux), as the kernel words it.
fn peak_rss() -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| s.lines().find_map(|l| l.strip_prefix("VmHWM:").map(|v| v.trim().to_owned())))
        .unwrap_or_else(|| "?".to_owned())
}

/// Generates `records` audit records in `dir/audit.db`, verifies them, prints the figures.
pub(super) fn run(dir: &Path, records: u64) -> CliResult {
    let path = dir.join("audit.db");
    remove_sqlite(&path);
    let url = format!("sqlite://{}", path.display());
    let store = Store::open(&url)?;
    let before = store.counts()?.audit_log;
    let start = Instant::now();
    generate(&store, records, PER_TRANSACTION)?;
    let seconds = start.elapsed().as_secs_f64();
    let size = std::fs::metadata(&path).map_or(0, |m| m.len());
    println!(
        "bench: audit: generated {records} records in {seconds:.1} s = {:.0} records/s, appended through the hash chain in {} transactions; database {:.0} MB",
        records as f64 / seconds.max(1e-9),
        records.div_ceil(PER_TRANSACTION),
        size as f64 / 1e6
    );
    let start = Instant::now();
    let report = store.verify_audit(None)?;
    let seconds = start.elapsed().as_secs_f64();
    if let Some((at, why)) = &report.broken {
        return Err(CliError::Failure(anyhow::anyhow!("generated audit chain broken at {at}: {why}")));
    }
    if report.records != before + records {
        return Err(CliError::Failure(anyhow::anyhow!(
            "verified {} audit records, expected {}",
            report.records,
            before + records
        )));
    }
    println!(
        "bench: audit verify: {} records in {seconds:.2} s (target < 10 s), in-process Store::verify_audit; bench process peak RSS {} (generation included)",
        report.records,
        peak_rss()
    );
    drop(store);
    let t = run_child(&["audit", "verify"], &url)?;
    println!(
        "bench: audit verify: `umis audit verify` as a child process: {:.2} s: {}",
        t.seconds,
        t.stdout.trim()
    );
    remove_sqlite(&path);
    Ok(())
}

#[cfg(test)]
#[expect(clippy::unwrap_used, reason = "tests fail loudly")]
mod tests {
    use super::*;

    #[test]
    fn records_look_like_real_ones_and_differ() {
        let check = |n: u64, action: &str, outcome: &str| {
            let s = shaped(n);
            assert_eq!((s.action.as_str(), s.outcome), (action, outcome), "record {n}");
            let detail: serde_json::Value = serde_json::from_str(&s.detail).unwrap();
            assert!(detail.is_object(), "record {n}: {}", s.detail);
        };
        for (n, action, outcome) in [
            (0, "case.submit", "ok"),
            (5, "case.confirm", "ok"),
            (6, "session.second_factor", "ok"),
            (7, "traveller.read", "ok"),
            (9, "case.read", "denied"),
            (999_999, "case.read", "denied"),
        ] {
            check(n, action, outcome);
        }
        assert_eq!(id(1).len(), 32);
        assert_ne!(id(1), id(2));
        assert_eq!(id(42), id(42), "runs are repeatable");
    }

    #[test]
    fn a_generated_chain_verifies_and_spans_transactions() {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}", dir.path().join("a.db").display());
        let store = Store::open(&url).unwrap();
        let before = store.counts().unwrap().audit_log;
        generate(&store, 23, 10).unwrap();
        let report = store.verify_audit(None).unwrap();
        assert_eq!(report.broken, None);
        assert_eq!(report.records, before + 23);
    }
}
