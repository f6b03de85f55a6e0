//! The portal's pages under measurement: `umis demo` runs as a child process (the README's
//! first command, demo data and accounts), every demo role signs in through the pages
//! themselves (password, then the TOTP code for staff), and a crawler follows the links each
//! role sees, so "every page" means every page a person can reach, with real data behind it.
//! Each page is then fetched repeatedly on one keep-alive connection and its server time
//! summarised; its weight is the HTML plus the style sheet and script as they travel (gzip).

use super::client::{Conn, Request, Session};
use super::stats;
use crate::error::{CliError, CliResult};
use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Instant;

/// The demo accounts whose pages are measured (anonymous visitors first).
const ROLES: &[&str] =
    &["", "demo-applicant", "demo-host", "demo-employer", "demo-operator", "demo-officer", "demo-supervisor"];
/// The demo accounts' password (printed by `umis demo`).
const DEMO_PASSWORD: &str = "umis demo password 2026";
/// Pages crawled per role at most.
const MAX_PAGES_PER_ROLE: usize = 60;
/// Pages of the same shape (ids replaced) measured at most.
const MAX_PER_SHAPE: usize = 2;
/// The target: every page rendered under this at p95.
const TARGET_P95_MS: f64 = 50.0;
/// The target page weight without images.
const TARGET_WEIGHT_BYTES: usize = 200 * 1024;

struct Demo {
    child: Child,
    addr: SocketAddr,
}

impl Drop for Demo {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start_demo(dir: &Path) -> Result<Demo, CliError> {
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir)?;
    let exe = crate::umis_exe()?;
    let mut child = Command::new(exe)
        .args(["demo", "--listen", "127.0.0.1:0"])
        .current_dir(dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()?;
    let stdout = child.stdout.take().ok_or_else(|| CliError::Failure(anyhow::anyhow!("no demo output")))?;
    let mut lines = BufReader::new(stdout).lines();
    let addr = loop {
        let Some(Ok(line)) = lines.next() else {
            let _ = child.kill();
            return Err(CliError::Failure(anyhow::anyhow!("umis demo stopped before listening")));
        };
        if let Some(rest) = line.strip_prefix("listening on http://") {
            break rest
                .trim()
                .parse()
                .map_err(|e| CliError::Failure(anyhow::anyhow!("address {rest}: {e}")))?;
        }
    };
    // Keep reading the demo's output so it never blocks on a full pipe.
    std::thread::spawn(move || for _ in lines {});
    Ok(Demo { child, addr })
}

fn totp_code(dir: &Path, username: &str) -> Result<String, CliError> {
    let exe = crate::umis_exe()?;
    let out = Command::new(exe)
        .args(["admin", "user", "totp-code", "--username", username])
        .current_dir(dir)
        .output()?;
    let text = String::from_utf8_lossy(&out.stdout);
    text.split_whitespace()
        .next()
        .map(str::to_owned)
        .ok_or_else(|| CliError::Failure(anyhow::anyhow!("no TOTP code for {username}")))
}

fn form(pairs: &[(&str, &str)]) -> String {
    form_urlencoded::Serializer::new(String::new()).extend_pairs(pairs).finish()
}

/// The value of the first hidden CSRF field in a page.
fn csrf_of(html: &str) -> String {
    html.split("name=\"csrf_token\" value=\"")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .unwrap_or_default()
        .to_owned()
}

async fn get(
    conn: &mut Conn,
    path: &str,
    session: Option<&Session>,
) -> Result<super::client::Reply, CliError> {
    let req = Request { method: "GET", path, content_type: "text/plain", body: b"", session };
    conn.send(&req).await.map_err(|e| CliError::Failure(anyhow::anyhow!("GET {path}: {e}")))
}

async fn post(
    conn: &mut Conn,
    path: &str,
    body: &str,
    session: Option<&Session>,
) -> Result<super::client::Reply, CliError> {
    let req = Request {
        method: "POST",
        path,
        content_type: "application/x-www-form-urlencoded",
        body: body.as_bytes(),
        session,
    };
    conn.send(&req).await.map_err(|e| CliError::Failure(anyhow::anyhow!("POST {path}: {e}")))
}

/// Signs a demo account in through the sign-in pages.
async fn sign_in(conn: &mut Conn, dir: &Path, username: &str) -> Result<Session, CliError> {
    let r = post(
        conn,
        "/sign-in",
        &form(&[("username", username), ("password", DEMO_PASSWORD), ("next", "/")]),
        None,
    )
    .await?;
    let cookie = r.set_cookie.ok_or_else(|| CliError::Failure(anyhow::anyhow!("{username}: no session")))?;
    let half = Session { cookie, csrf: String::new() };
    let code_page = get(conn, "/sign-in/code", Some(&half)).await?;
    if code_page.status != 200 {
        return Ok(half);
    }
    let csrf = csrf_of(&String::from_utf8_lossy(&code_page.body));
    let code = totp_code(dir, username)?;
    let r = post(
        conn,
        "/sign-in/code",
        &form(&[("code", &code), ("csrf_token", &csrf), ("next", "/")]),
        Some(&half),
    )
    .await?;
    let cookie =
        r.set_cookie.ok_or_else(|| CliError::Failure(anyhow::anyhow!("{username}: the code was refused")))?;
    Ok(Session { cookie, csrf: String::new() })
}

/// Same-site page links of a page (no API, assets, downloads or sign-out).
fn links(html: &str) -> Vec<String> {
    html.split("href=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .map(|h| h.replace("&amp;", "&").replace("&#x2F;", "/"))
        .filter(|h| h.starts_with('/') && !h.starts_with("//"))
        .filter(|h| !h.starts_with("/api/") && !h.starts_with("/assets/") && !h.starts_with("/.well-known"))
        .filter(|h| {
            // Downloads (CSV, PDFs of issued documents, uploaded files) are not pages.
            !h.contains("lang=")
                && !h.ends_with(".csv")
                && !h.contains("/pdf")
                && !h.contains("/documents/")
                && !h.contains("/issued/")
        })
        .map(|h| h.split('#').next().unwrap_or_default().to_owned())
        .collect()
}

/// A page's shape: path segments that look like ids replaced, query dropped.
fn shape(path: &str) -> String {
    let p = path.split('?').next().unwrap_or_default();
    p.split('/')
        .map(|seg| {
            let digits = seg.chars().filter(char::is_ascii_digit).count();
            if seg.len() >= 8 && digits >= 3 { "{}" } else { seg }
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// Pages behind GET forms that links do not reach: searches and calculations with answers.
const FORM_PAGES: &[&str] = &[
    // A name search in another script than the data's (a scan of every traveller's names).
    "/office/travellers?name=%D0%9C%D0%B0%D0%BC%D0%B5%D0%B4%D0%BE%D0%B2",
    "/office/travellers?name=Ivanov",
    "/stay-calculator?pack=schengen&mode=control&date=2026-11-28&entry_0=2026-08-01&exit_0=2026-09-15&entry_1=2026-10-20",
    "/registration-deadline?arrival=2026-11-20",
];

/// The pages a role reaches from the start page (and the form answers it may open).
async fn crawl(conn: &mut Conn, session: Option<&Session>) -> Result<Vec<String>, CliError> {
    let mut queue: VecDeque<String> =
        std::iter::once("/").chain(FORM_PAGES.iter().copied()).map(str::to_owned).collect();
    let mut seen = BTreeSet::new();
    let mut shapes: BTreeMap<String, usize> = BTreeMap::new();
    let mut pages = Vec::new();
    while let Some(path) = queue.pop_front() {
        if pages.len() >= MAX_PAGES_PER_ROLE || !seen.insert(path.clone()) {
            continue;
        }
        let count = shapes.entry(shape(&path)).or_default();
        if *count >= MAX_PER_SHAPE {
            continue;
        }
        let r = get(conn, &path, session).await?;
        if r.status != 200 {
            continue;
        }
        *count += 1;
        pages.push(path);
        queue.extend(links(&String::from_utf8_lossy(&r.body)));
    }
    Ok(pages)
}

/// One measured page.
struct Measured {
    role: String,
    path: String,
    summary: stats::Summary,
    html_bytes: usize,
    /// Answers other than 200 among the rounds (the public calculators' per-client limit).
    not_ok: usize,
}

/// Crawls every role's pages and measures them; prints the figures.
pub(super) fn run(dir: &Path, rounds: usize) -> CliResult {
    let dir = dir.join("pages");
    let start = Instant::now();
    let demo = start_demo(&dir)?;
    println!("bench: pages: umis demo ready in {:.1} s at {}", start.elapsed().as_secs_f64(), demo.addr);
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
    let measured = runtime.block_on(measure_all(&dir, demo.addr, rounds))?;
    drop(demo);
    report(&measured);
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}

async fn measure_all(dir: &Path, addr: SocketAddr, rounds: usize) -> Result<Vec<Measured>, CliError> {
    let mut out = Vec::new();
    for role in ROLES {
        let mut conn =
            Conn::connect(addr, None).await.map_err(|e| CliError::Failure(anyhow::anyhow!("{e}")))?;
        let session = if role.is_empty() { None } else { Some(sign_in(&mut conn, dir, role).await?) };
        let pages = crawl(&mut conn, session.as_ref()).await?;
        for path in pages {
            let mut times = Vec::with_capacity(rounds);
            let mut html_bytes = 0;
            let mut not_ok = 0;
            for _ in 0..rounds {
                let t = Instant::now();
                let r = get(&mut conn, &path, session.as_ref()).await?;
                times.push(t.elapsed());
                if r.status == 200 {
                    html_bytes = html_bytes.max(r.body.len());
                } else {
                    not_ok += 1;
                }
            }
            if let Some(summary) = stats::summarise(times) {
                let role = if role.is_empty() { "anonymous".to_owned() } else { (*role).to_owned() };
                out.push(Measured { role, path, summary, html_bytes, not_ok });
            }
        }
    }
    Ok(out)
}

fn report(measured: &[Measured]) {
    let assets = ["umis.css", "umis.js"]
        .iter()
        .filter_map(|n| umis_web::portal::assets::transfer_size(n))
        .sum::<usize>();
    let mut slowest: Vec<&Measured> = measured.iter().collect();
    slowest.sort_by(|a, b| b.summary.p95.total_cmp(&a.summary.p95));
    println!(
        "bench: pages: {:<16} {:>8} {:>8} {:>8} {:>9} {:>7}  page",
        "role", "p50 ms", "p95 ms", "max ms", "HTML B", "not 200"
    );
    for m in &slowest {
        println!(
            "bench: pages: {:<16} {:>8.2} {:>8.2} {:>8.2} {:>9} {:>7}  {}",
            m.role, m.summary.p50, m.summary.p95, m.summary.max, m.html_bytes, m.not_ok, m.path
        );
    }
    let worst = slowest.first().map_or(0.0, |m| m.summary.p95);
    let over = measured.iter().filter(|m| m.summary.p95 >= TARGET_P95_MS).count();
    let heaviest = measured.iter().map(|m| m.html_bytes).max().unwrap_or(0) + assets;
    println!(
        "bench: pages: {} pages of {} roles; worst p95 {worst:.2} ms (target < {TARGET_P95_MS} ms), {over} over target",
        measured.len(),
        ROLES.len()
    );
    println!(
        "bench: pages: heaviest page {heaviest} bytes = HTML + style sheet and script as sent gzip ({assets} B); target < {TARGET_WEIGHT_BYTES} B"
    );
}

#[cfg(test)]
mod tests {
    #[test]
    fn links_keep_only_pages_of_this_site() {
        let html = r#"<a href="/applications">a</a><a href="https://x.example/">b</a><a href="//x.example/">c</a>
            <a href="/api/v1/cases">d</a><a href="/?lang=en">e</a><a href="/office/queue?status=a&amp;page=2">f</a>
            <a href="/assets/umis.css">g</a><a href="/statistics.csv">h</a><a href="/applications/x/issued/P1">i</a>"#;
        assert_eq!(
            super::links(html),
            vec!["/applications".to_owned(), "/office/queue?status=a&page=2".to_owned()]
        );
    }

    #[test]
    fn ids_make_one_shape() {
        assert_eq!(super::shape("/office/cases/c-20261128-0001?x=1"), "/office/cases/{}");
        assert_eq!(super::shape("/office/queue"), "/office/queue");
    }
}
