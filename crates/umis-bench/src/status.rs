//! The public status lookup under load: receipts of the cases the case benchmark filed, with
//! the holder's real date of birth or (one lookup in four) a wrong one, which must be answered
//! 404 like an unknown receipt.

use super::cases::Filed;
use super::client::{Conn, Request};
use super::http::{Load, run_load};
use super::stats;
use crate::error::CliError;
use std::net::SocketAddr;
use std::sync::Arc;

/// One lookup in this many gives a wrong date of birth.
const WRONG_EVERY: u64 = 4;

/// The bodies of the lookups: (right date, wrong date) for each filed case.
fn bodies(filed: &[Filed]) -> Vec<(Vec<u8>, Vec<u8>)> {
    filed
        .iter()
        .map(|f| {
            let wrong = umis_domain::Date::parse(&f.birth_date)
                .map_or_else(|_| "1900-01-01".to_owned(), |d| d.add_days(1).to_string());
            let body = |birth: &str| {
                serde_json::json!({ "receipt": f.receipt, "birth_date": birth, "lang": "en" })
                    .to_string()
                    .into_bytes()
            };
            (body(&f.birth_date), body(&wrong))
        })
        .collect()
}

/// The body of connection `conn`'s `n`-th lookup: cases in turn, spread over connections.
fn pick(all: &[(Vec<u8>, Vec<u8>)], conn: usize, n: u64) -> Vec<u8> {
    let len = all.len().max(1) as u64;
    let k = (conn as u64).wrapping_mul(7_919).wrapping_add(n) % len;
    let (right, wrong) = match all.get(usize::try_from(k).unwrap_or(0)) {
        Some(pair) => pair,
        None => return Vec::new(),
    };
    if n % WRONG_EVERY == WRONG_EVERY - 1 { wrong.clone() } else { right.clone() }
}

/// Checks that the server tells a right date from a wrong one before timing it.
fn sanity(server: SocketAddr, sample: &(Vec<u8>, Vec<u8>)) -> Result<(), CliError> {
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
    let statuses = runtime.block_on(async {
        let mut conn = Conn::connect(server, None).await?;
        let mut statuses = Vec::new();
        for body in [&sample.0, &sample.1] {
            let req = Request {
                method: "POST",
                path: "/api/v1/status",
                content_type: "application/json",
                body,
                session: None,
            };
            statuses.push(conn.send(&req).await?.status);
        }
        Ok::<_, super::client::ClientError>(statuses)
    });
    match statuses {
        Ok(s) if s == [200, 404] => Ok(()),
        Ok(s) => Err(CliError::Failure(anyhow::anyhow!(
            "status lookup: a right and a wrong date of birth were answered {s:?}, not [200, 404]"
        ))),
        Err(e) => Err(CliError::Failure(anyhow::anyhow!("status lookup: {e}"))),
    }
}

/// Loads `POST /api/v1/status` with lookups of `filed` and prints the figures.
pub(super) fn load(
    server: SocketAddr,
    filed: &[Filed],
    connections: usize,
    seconds: u64,
) -> Result<(), CliError> {
    let all = bodies(filed);
    let Some(sample) = all.first() else {
        println!("bench: status lookup: skipped, no case was filed");
        return Ok(());
    };
    sanity(server, sample)?;
    let all = Arc::new(all);
    let load = Load {
        path: "/api/v1/status",
        connections,
        seconds,
        body: Arc::new(move |conn, n| pick(&all, conn, n)),
        expected: |s| s == 200 || s == 404,
    };
    let m = run_load(server, &load)?;
    let n = m.latencies.len();
    let (p50, p99) = stats::summarise(m.latencies).map_or((0.0, 0.0), |s| (s.p50, s.p99));
    println!(
        "bench: status lookup: {:.0} req/s at {connections} connections for {seconds} s, p50/p99 = {p50:.2}/{p99:.2} ms, non-2xx-or-404 {}, errors {} ({} receipts, 1 lookup in {WRONG_EVERY} with a wrong date of birth; closed loop)",
        n as f64 / m.seconds.max(1e-9),
        m.unexpected,
        m.errors,
        filed.len()
    );
    Ok(())
}

#[cfg(test)]
#[expect(clippy::unwrap_used, reason = "tests fail loudly")]
mod tests {
    use super::*;

    fn filed(receipt: &str, birth: &str) -> Filed {
        Filed { receipt: receipt.into(), birth_date: birth.into() }
    }

    fn birth_of(body: &[u8]) -> String {
        let v: serde_json::Value = serde_json::from_slice(body).unwrap();
        v["birth_date"].as_str().unwrap().to_owned()
    }

    #[test]
    fn one_lookup_in_four_has_the_day_after_the_birth_date() {
        let all = bodies(&[filed("R1", "1990-12-31"), filed("R2", "not a date")]);
        let check = |n: u64, want: &str| assert_eq!(birth_of(&pick(&all[..1], 3, n)), want, "lookup {n}");
        for (n, want) in [(0, "1990-12-31"), (1, "1990-12-31"), (2, "1990-12-31"), (3, "1991-01-01")] {
            check(n, want);
        }
        assert_eq!(birth_of(&all[1].1), "1900-01-01", "an unreadable date still gives a wrong one");
    }

    #[test]
    fn lookups_cover_every_case_and_nothing_is_asked_of_an_empty_list() {
        let all = bodies(&(0..10).map(|i| filed(&format!("R{i}"), "1990-01-01")).collect::<Vec<_>>());
        let receipts: std::collections::BTreeSet<String> = (0..10)
            .map(|n| {
                let v: serde_json::Value = serde_json::from_slice(&pick(&all, 5, n)).unwrap();
                v["receipt"].as_str().unwrap().to_owned()
            })
            .collect();
        assert_eq!(receipts.len(), 10);
        assert!(pick(&[], 0, 0).is_empty());
    }
}
