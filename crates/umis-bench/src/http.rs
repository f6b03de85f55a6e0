//! The server under load and closed-loop load on one route: `umis serve` runs as a child
//! process of this binary (as an operator runs it), and N keep-alive connections each send the
//! next request when the previous answer is in. Server and generator share the machine's
//! cores; the figures say so.

use super::client::{Conn, Request};
use super::stats;
use crate::error::{CliError, CliResult};
use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

const BODY: &str = r#"{"pack":"schengen","mode":"control","date":"2014-11-30","stays":[{"entry":"2014-08-15","exit":"2014-09-30"},{"entry":"2014-11-01","exit":"2014-11-30"}]}"#;

/// A running `umis serve`, stopped when dropped.
pub(super) struct Server {
    child: Child,
    /// Where it listens.
    pub addr: SocketAddr,
}

impl Server {
    /// Starts `umis serve` on `database` with its signing keys in `keys`, the public routes'
    /// per-client limit (calculator and status lookup) lifted so that the load generator, one
    /// client, is not throttled.
    pub fn start(database: &str, keys: &Path) -> Result<Server, CliError> {
        let exe = crate::umis_exe()?;
        let mut child = Command::new(exe)
            .args(["serve", "--listen", "127.0.0.1:0", "--calc-rate", "1e12", "--calc-burst", "1e12"])
            .env("UMIS_DATABASE_URL", database)
            .env("UMIS_KEYS_DIR", keys)
            .stdout(Stdio::piped())
            .spawn()?;
        match read_address(&mut child) {
            Some(addr) => Ok(Server { child, addr }),
            None => {
                let _ = child.kill();
                let _ = child.wait();
                Err(CliError::Failure(anyhow::anyhow!("umis serve did not print its address")))
            }
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn read_address(server: &mut Child) -> Option<SocketAddr> {
    let stdout = server.stdout.take()?;
    let mut line = String::new();
    BufReader::new(stdout).read_line(&mut line).ok()?;
    let rest = line.split("http://").nth(1)?;
    rest.split('/').next()?.trim().parse().ok()
}

/// A closed-loop load on one route.
pub(super) struct Load {
    /// The route (POST, JSON).
    pub path: &'static str,
    /// Concurrent keep-alive connections.
    pub connections: usize,
    /// How long.
    pub seconds: u64,
    /// The body of a connection's n-th request.
    pub body: Arc<dyn Fn(usize, u64) -> Vec<u8> + Send + Sync>,
    /// The statuses that count as answered (anything else is counted, not hidden).
    pub expected: fn(u16) -> bool,
}

/// What a load measured.
pub(super) struct Measured {
    /// Latencies of the expected answers.
    pub latencies: Vec<Duration>,
    /// Answers with another status.
    pub unexpected: u64,
    /// Requests without an answer (broken connection, unreadable answer).
    pub errors: u64,
    /// Wall time from the first request to the last answer.
    pub seconds: f64,
}

/// Runs `load` against `addr` on this thread (the generator takes one core at most).
pub(super) fn run_load(addr: SocketAddr, load: &Load) -> Result<Measured, CliError> {
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
    let start = Instant::now();
    let deadline = start + Duration::from_secs(load.seconds);
    let per_connection = runtime.block_on(async {
        let tasks: Vec<_> = (0..load.connections)
            .map(|i| {
                let (body, expected, path) = (load.body.clone(), load.expected, load.path);
                tokio::spawn(connection(addr, deadline, i, path, body, expected))
            })
            .collect();
        let mut all = Vec::new();
        for t in tasks {
            all.push(t.await.unwrap_or_else(|_| Measured::failed()));
        }
        all
    });
    let seconds = start.elapsed().as_secs_f64();
    let mut total = Measured { latencies: Vec::new(), unexpected: 0, errors: 0, seconds };
    for m in per_connection {
        total.latencies.extend(m.latencies);
        total.unexpected += m.unexpected;
        total.errors += m.errors;
    }
    Ok(total)
}

impl Measured {
    fn failed() -> Measured {
        Measured { latencies: Vec::new(), unexpected: 0, errors: 1, seconds: 0.0 }
    }
}

async fn connection(
    addr: SocketAddr,
    deadline: Instant,
    index: usize,
    path: &'static str,
    body: Arc<dyn Fn(usize, u64) -> Vec<u8> + Send + Sync>,
    expected: fn(u16) -> bool,
) -> Measured {
    let mut m = Measured { latencies: Vec::new(), unexpected: 0, errors: 0, seconds: 0.0 };
    let Ok(mut conn) = Conn::connect(addr, None).await else { return Measured::failed() };
    let mut n = 0;
    while Instant::now() < deadline {
        let bytes = body(index, n);
        n += 1;
        let req =
            Request { method: "POST", path, content_type: "application/json", body: &bytes, session: None };
        let start = Instant::now();
        match conn.send(&req).await {
            Ok(reply) if expected(reply.status) => m.latencies.push(start.elapsed()),
            Ok(_) => m.unexpected += 1,
            Err(_) => {
                // A broken connection is counted and replaced, as a client would.
                m.errors += 1;
                match Conn::connect(addr, None).await {
                    Ok(c) => conn = c,
                    Err(_) => return m,
                }
            }
        }
    }
    m
}

/// Starts `umis serve` on a scratch database in `dir`, loads the calculator, prints the figures.
pub(super) fn calculator_load(dir: &Path, seconds: u64, connections: usize) -> CliResult {
    let db = dir.join("calculator.db");
    super::remove_sqlite(&db);
    let server = Server::start(&format!("sqlite://{}", db.display()), &dir.join("keys"))?;
    let load = Load {
        path: "/api/v1/stay-calculator",
        connections,
        seconds,
        body: Arc::new(|_, _| BODY.as_bytes().to_vec()),
        expected: |s| s == 200,
    };
    let m = run_load(server.addr, &load)?;
    drop(server);
    super::remove_sqlite(&db);
    let n = m.latencies.len();
    let s = stats::summarise(m.latencies).map_or((0.0, 0.0), |s| (s.p50, s.p99));
    println!(
        "bench: stay calculator over HTTP: {:.0} req/s at {connections} connections for {seconds} s, p50 {:.2} ms, p99 {:.2} ms, non-200 {} errors {} (closed loop; server and load generator share this machine's cores)",
        n as f64 / m.seconds.max(1e-9),
        s.0,
        s.1,
        m.unexpected,
        m.errors
    );
    Ok(())
}
