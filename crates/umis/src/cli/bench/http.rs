//! A small closed-loop HTTP/1.1 load generator for the stay calculator: N keep-alive
//! connections on loopback, each sending the next request when the previous answer is in.
//! Server and generator share the machine's cores; the figure says so.

use crate::cli::{CliError, CliResult};
use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

const BODY: &str = r#"{"pack":"schengen","mode":"control","date":"2014-11-30","stays":[{"entry":"2014-08-15","exit":"2014-09-30"},{"entry":"2014-11-01","exit":"2014-11-30"}]}"#;

/// Starts `umis serve` without a rate limit, loads the calculator, prints the figures.
pub fn calculator_load(seconds: u64, connections: usize) -> CliResult {
    let exe = std::env::current_exe()?;
    let db = std::env::temp_dir().join(format!("umis-bench-http-{}.db", std::process::id()));
    let mut server = Command::new(exe)
        .args(["serve", "--listen", "127.0.0.1:0", "--calc-rate", "1e12", "--calc-burst", "1e12"])
        .env("UMIS_DATABASE_URL", format!("sqlite://{}", db.display()))
        .stdout(Stdio::piped())
        .spawn()?;
    let addr = read_address(&mut server);
    let result = match addr {
        Some(addr) => load(addr, seconds, connections),
        None => Err(CliError::Failure(anyhow::anyhow!("server did not print its address"))),
    };
    let _ = server.kill();
    let _ = server.wait();
    for suffix in ["", "-wal", "-shm"] {
        let mut p = db.clone().into_os_string();
        p.push(suffix);
        let _ = std::fs::remove_file(p);
    }
    result
}

fn read_address(server: &mut std::process::Child) -> Option<SocketAddr> {
    let stdout = server.stdout.take()?;
    let mut line = String::new();
    BufReader::new(stdout).read_line(&mut line).ok()?;
    let rest = line.split("http://").nth(1)?;
    rest.split('/').next()?.trim().parse().ok()
}

fn load(addr: SocketAddr, seconds: u64, connections: usize) -> CliResult {
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let results = runtime.block_on(async move {
        let tasks: Vec<_> = (0..connections).map(|_| tokio::spawn(connection(addr, deadline))).collect();
        let mut all = Vec::new();
        for t in tasks {
            all.push(t.await.unwrap_or_else(|_| (Vec::new(), 1)));
        }
        all
    });
    let mut latencies: Vec<Duration> = results.iter().flat_map(|(l, _)| l.iter().copied()).collect();
    let errors: u64 = results.iter().map(|(_, e)| *e).sum();
    latencies.sort();
    let n = latencies.len();
    let pct = |p: f64| {
        latencies.get(((n as f64 * p) as usize).min(n.saturating_sub(1))).copied().unwrap_or_default()
    };
    println!(
        "bench: stay calculator over HTTP: {:.0} req/s at {connections} connections for {seconds} s, p50 {:.2} ms, p99 {:.2} ms, non-200 or errors {errors} (server and load generator share this machine's cores)",
        n as f64 / seconds as f64,
        pct(0.50).as_secs_f64() * 1000.0,
        pct(0.99).as_secs_f64() * 1000.0
    );
    Ok(())
}

async fn connection(addr: SocketAddr, deadline: Instant) -> (Vec<Duration>, u64) {
    let request = format!(
        "POST /api/v1/stay-calculator HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{BODY}",
        BODY.len()
    );
    let mut latencies = Vec::new();
    let Ok(mut stream) = tokio::net::TcpStream::connect(addr).await else { return (latencies, 1) };
    let mut buf = Vec::with_capacity(8192);
    while Instant::now() < deadline {
        let start = Instant::now();
        if stream.write_all(request.as_bytes()).await.is_err() {
            return (latencies, 1);
        }
        match read_response(&mut stream, &mut buf).await {
            Some(200) => latencies.push(start.elapsed()),
            _ => return (latencies, 1),
        }
    }
    (latencies, 0)
}

/// Reads one response; returns its status code.
async fn read_response(stream: &mut tokio::net::TcpStream, buf: &mut Vec<u8>) -> Option<u16> {
    buf.clear();
    let mut chunk = [0u8; 8192];
    loop {
        if let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = std::str::from_utf8(&buf[..end]).ok()?;
            let status: u16 = head.split_whitespace().nth(1)?.parse().ok()?;
            let length: usize = head
                .lines()
                .find_map(|l| {
                    l.to_ascii_lowercase().strip_prefix("content-length:").map(|v| v.trim().to_owned())
                })?
                .parse()
                .ok()?;
            while buf.len() < end + 4 + length {
                let n = stream.read(&mut chunk).await.ok()?;
                if n == 0 {
                    return None;
                }
                buf.extend_from_slice(&chunk[..n]);
            }
            return Some(status);
        }
        let n = stream.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        buf.extend_from_slice(&chunk[..n]);
    }
}
