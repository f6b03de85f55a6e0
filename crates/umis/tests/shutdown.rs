//! `umis serve` stops cleanly on SIGTERM, as a supervisor (systemd, a container runtime) stops
//! it: no new connections, the request in flight answered, exit status 0. On SQLite and
//! PostgreSQL.

#![expect(clippy::unwrap_used, reason = "test code: a failure should stop the test")]

use std::io::{BufRead, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use umis_store::testing::TestDb;

const BODY: &str = r#"{"pack":"az","mode":"control","date":"2026-06-01","stays":[{"entry":"2026-03-01"}]}"#;

/// Starts `umis serve` on port 0 over `url` in `dir`; the child and the address it listens on.
fn serve(dir: &std::path::Path, url: &str) -> (std::process::Child, SocketAddr) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_umis"))
        .args(["serve", "--listen", "127.0.0.1:0"])
        .current_dir(dir)
        .env("UMIS_DATABASE_URL", url)
        .env_remove("UMIS_RULES_DIR")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = std::io::BufReader::new(child.stdout.take().unwrap()).lines();
    let line = lines.next().unwrap().unwrap();
    let addr =
        line.strip_prefix("umis is listening on http://").unwrap().strip_suffix("/api/v1/health").unwrap();
    (child, addr.parse().unwrap())
}

/// Whether a new connection to `addr` is refused within a few seconds.
fn refuses_connections(addr: SocketAddr) -> bool {
    let deadline = Instant::now() + Duration::from_secs(5);
    while Instant::now() < deadline {
        if TcpStream::connect_timeout(&addr, Duration::from_millis(200)).is_err() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    false
}

#[test]
fn sigterm_drains_the_request_in_flight_and_exits_0() {
    for db in TestDb::both().unwrap() {
        let dir = tempfile::tempdir().unwrap();
        let (mut child, addr) = serve(dir.path(), &db.url);

        // A request whose body is only half sent: the handler is running, waiting for the rest.
        let mut conn = TcpStream::connect(addr).unwrap();
        conn.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
        let head = format!(
            "POST /api/v1/stay-calculator HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n",
            BODY.len()
        );
        let (first, rest) = BODY.split_at(BODY.len() / 2);
        conn.write_all(head.as_bytes()).unwrap();
        conn.write_all(first.as_bytes()).unwrap();
        conn.flush().unwrap();
        std::thread::sleep(Duration::from_millis(300));

        let killed = Command::new("kill").args(["-TERM", &child.id().to_string()]).status().unwrap();
        assert!(killed.success());
        assert!(refuses_connections(addr), "{:?}: no new connections after SIGTERM", db.dialect());

        conn.write_all(rest.as_bytes()).unwrap();
        let mut answer = String::new();
        conn.read_to_string(&mut answer).unwrap();
        assert!(
            answer.starts_with("HTTP/1.1 200"),
            "{:?}: the request in flight is answered: {answer}",
            db.dialect()
        );
        let body = answer.split_once("\r\n\r\n").map(|(_, b)| b).unwrap_or_default();
        assert!(
            serde_json::from_str::<serde_json::Value>(body).is_ok(),
            "{:?}: a whole answer: {body}",
            db.dialect()
        );

        let deadline = Instant::now() + Duration::from_secs(30);
        let status = loop {
            if let Some(status) = child.try_wait().unwrap() {
                break status;
            }
            assert!(Instant::now() < deadline, "{:?}: the server stops after draining", db.dialect());
            std::thread::sleep(Duration::from_millis(20));
        };
        assert_eq!(status.code(), Some(0), "{:?}: exit status 0 after SIGTERM", db.dialect());
    }
}
