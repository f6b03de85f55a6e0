//! Case transitions under load: each client walks one case after another through its whole
//! lifecycle over HTTP — the applicant opens a draft, uploads the required document and
//! submits; an officer accepts; the supervisor assigns; the officer starts the review and
//! proposes approval; a second officer confirms. Every request is timed.
//!
//! A closed loop: each client sends its next request when the previous answer is in, so the
//! rate is what the server sustains at this concurrency, not an offered rate. A request
//! answered with anything but 2xx ends that case (the client starts a new one) and is counted.

use super::client::{Conn, Request, Session};
use super::stats;
use super::world::{Filing, People, Person, filing};
use crate::error::CliError;
use std::net::SocketAddr;
use std::time::{Duration, Instant};

/// A tiny valid PDF, the uploaded document.
const PDF: &[u8] = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n";

/// The requests of one case's walk, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    Create,
    Upload,
    Submit,
    Accept,
    Assign,
    StartReview,
    Propose,
    Confirm,
}

const STEPS: [Step; 8] = [
    Step::Create,
    Step::Upload,
    Step::Submit,
    Step::Accept,
    Step::Assign,
    Step::StartReview,
    Step::Propose,
    Step::Confirm,
];

impl Step {
    fn name(self) -> &'static str {
        match self {
            Step::Create => "create",
            Step::Upload => "upload",
            Step::Submit => "submit",
            Step::Accept => "accept",
            Step::Assign => "assign",
            Step::StartReview => "start_review",
            Step::Propose => "propose",
            Step::Confirm => "confirm",
        }
    }
}

/// A submitted case, for the public status lookup.
pub(super) struct Filed {
    /// Its receipt number.
    pub receipt: String,
    /// The holder's date of birth.
    pub birth_date: String,
}

/// What the clients measured together.
pub(super) struct Outcome {
    latencies: Vec<(Step, Duration)>,
    non_2xx: u64,
    errors: u64,
    decided: u64,
    seconds: f64,
    first_problem: Option<String>,
    /// Every case that got a receipt.
    pub filed: Vec<Filed>,
}

impl Outcome {
    fn empty() -> Outcome {
        Outcome {
            latencies: Vec::new(),
            non_2xx: 0,
            errors: 0,
            decided: 0,
            seconds: 0.0,
            first_problem: None,
            filed: Vec::new(),
        }
    }

    fn absorb(&mut self, other: Outcome) {
        self.latencies.extend(other.latencies);
        self.non_2xx += other.non_2xx;
        self.errors += other.errors;
        self.decided += other.decided;
        self.first_problem = self.first_problem.take().or(other.first_problem);
        self.filed.extend(other.filed);
    }
}

/// Runs every client against `server` for `seconds`; each applicant is one client.
pub(super) fn load(server: SocketAddr, people: &People, seconds: u64) -> Result<Outcome, CliError> {
    let officers = people.officers.len();
    if officers < 2 {
        return Err(CliError::Input("four eyes: at least two officers".into()));
    }
    // The catalogue the server runs with by default: the builtin one, parsed once here.
    let cat = umis_rules::services::Catalogue::builtin().map_err(|e| CliError::Failure(e.into()))?;
    let mut clients = Vec::with_capacity(people.applicants.len());
    for (i, applicant) in people.applicants.iter().enumerate() {
        clients.push(Client {
            server,
            applicant,
            first: &people.officers[i % officers],
            second: &people.officers[(i + 1) % officers],
            supervisor: &people.supervisor,
            filing: filing(&cat, i)?,
            broken: false,
            out: Outcome::empty(),
        });
    }
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
    let start = Instant::now();
    let deadline = start + Duration::from_secs(seconds);
    let mut total = runtime.block_on(async {
        let clients: Vec<_> = clients.into_iter().map(|c| c.run(deadline)).collect();
        let mut total = Outcome::empty();
        for out in join_all(clients).await {
            total.absorb(out);
        }
        total
    });
    total.seconds = start.elapsed().as_secs_f64();
    Ok(total)
}

/// Polls every future to completion, concurrently, on the current task (the clients borrow
/// the people, so they cannot be spawned as independent tasks).
async fn join_all<F: std::future::Future>(futures: Vec<F>) -> Vec<F::Output> {
    let mut pinned: Vec<_> = futures.into_iter().map(Box::pin).collect();
    let mut done: Vec<Option<F::Output>> = pinned.iter().map(|_| None).collect();
    std::future::poll_fn(|cx| {
        let mut pending = false;
        for (f, slot) in pinned.iter_mut().zip(done.iter_mut()) {
            if slot.is_none() {
                match f.as_mut().poll(cx) {
                    std::task::Poll::Ready(v) => *slot = Some(v),
                    std::task::Poll::Pending => pending = true,
                }
            }
        }
        if pending { std::task::Poll::Pending } else { std::task::Poll::Ready(()) }
    })
    .await;
    done.into_iter().flatten().collect()
}

/// One client: an applicant and the staff who decide their cases.
struct Client<'a> {
    server: SocketAddr,
    applicant: &'a Person,
    first: &'a Person,
    second: &'a Person,
    supervisor: &'a Person,
    filing: Filing,
    /// The last request failed on the connection (not with a status).
    broken: bool,
    out: Outcome,
}

/// Which of a client's connections a request goes over.
#[derive(Clone, Copy)]
enum Side {
    Applicant,
    Staff,
}

impl Client<'_> {
    async fn run(mut self, deadline: Instant) -> Outcome {
        let applicant = Conn::connect(self.server, Some(self.applicant.source)).await;
        let staff = Conn::connect(self.server, Some(self.first.source)).await;
        let (Ok(mut applicant), Ok(mut staff)) = (applicant, staff) else {
            self.out.errors += 1;
            return self.out;
        };
        let mut conns = [&mut applicant, &mut staff];
        while Instant::now() < deadline {
            if self.walk(&mut conns, deadline).await.is_none() && std::mem::take(&mut self.broken) {
                // A connection broke: make new ones, or stop if the server is gone.
                match (
                    Conn::connect(self.server, Some(self.applicant.source)).await,
                    Conn::connect(self.server, Some(self.first.source)).await,
                ) {
                    (Ok(a), Ok(s)) => (*conns[0], *conns[1]) = (a, s),
                    _ => break,
                }
            }
        }
        self.out
    }

    /// Walks one case; `None` when it stopped early (deadline, refusal or broken connection).
    async fn walk(&mut self, conns: &mut [&mut Conn; 2], deadline: Instant) -> Option<()> {
        let create = self.filing.create.clone();
        let case = self.send(conns, deadline, Step::Create, Side::Applicant, "", &create).await?;
        let Some(id) = case["id"].as_str().map(str::to_owned) else {
            self.out.errors += 1;
            self.out.first_problem.get_or_insert("create answered without a case id".into());
            return None;
        };
        for doc in self.filing.documents.clone() {
            let path = format!("/api/v1/cases/{id}/documents?{doc}");
            self.send(conns, deadline, Step::Upload, Side::Applicant, &path, PDF).await?;
        }
        let submitted = self.act(conns, deadline, Step::Submit, &id, r#"{"action":"submit"}"#).await?;
        if let Some(receipt) = submitted["receipt"].as_str() {
            let birth_date = self.filing.birth_date.clone();
            self.out.filed.push(Filed { receipt: receipt.to_owned(), birth_date });
        }
        self.act(conns, deadline, Step::Accept, &id, r#"{"action":"accept"}"#).await?;
        let assign = serde_json::json!({ "action": "assign", "officer": self.first.id }).to_string();
        self.act(conns, deadline, Step::Assign, &id, &assign).await?;
        self.act(conns, deadline, Step::StartReview, &id, r#"{"action":"start_review"}"#).await?;
        let propose = r#"{"action":"propose","decision":"approve"}"#;
        self.act(conns, deadline, Step::Propose, &id, propose).await?;
        let decided = self.act(conns, deadline, Step::Confirm, &id, r#"{"action":"confirm"}"#).await?;
        self.out.decided += u64::from(decided["state"] == "approved");
        Some(())
    }

    async fn act(
        &mut self,
        conns: &mut [&mut Conn; 2],
        deadline: Instant,
        step: Step,
        id: &str,
        body: &str,
    ) -> Option<serde_json::Value> {
        let side = if step == Step::Submit { Side::Applicant } else { Side::Staff };
        let path = format!("/api/v1/cases/{id}/actions");
        self.send(conns, deadline, step, side, &path, body.as_bytes()).await
    }

    /// Sends one timed request as the person whose turn `step` is; the answer's JSON if 2xx.
    async fn send(
        &mut self,
        conns: &mut [&mut Conn; 2],
        deadline: Instant,
        step: Step,
        side: Side,
        path: &str,
        body: &[u8],
    ) -> Option<serde_json::Value> {
        if Instant::now() >= deadline {
            return None;
        }
        let session: &Session = match step {
            Step::Create | Step::Upload | Step::Submit => &self.applicant.session,
            Step::Assign => &self.supervisor.session,
            Step::Confirm => &self.second.session,
            Step::Accept | Step::StartReview | Step::Propose => &self.first.session,
        };
        let (path, content_type) = match step {
            Step::Create => ("/api/v1/cases", "application/json"),
            Step::Upload => (path, "application/pdf"),
            _ => (path, "application/json"),
        };
        let req = Request { method: "POST", path, content_type, body, session: Some(session) };
        let conn = match side {
            Side::Applicant => &mut *conns[0],
            Side::Staff => &mut *conns[1],
        };
        let start = Instant::now();
        match conn.send(&req).await {
            Ok(reply) if (200..300).contains(&reply.status) => {
                self.out.latencies.push((step, start.elapsed()));
                Some(reply.json())
            }
            Ok(reply) => {
                self.out.non_2xx += 1;
                let why = String::from_utf8_lossy(&reply.body[..reply.body.len().min(300)]).into_owned();
                self.out.first_problem.get_or_insert(format!(
                    "{} answered {}: {why}",
                    step.name(),
                    reply.status
                ));
                None
            }
            Err(e) => {
                self.out.errors += 1;
                self.broken = true;
                self.out.first_problem.get_or_insert(format!("{}: {e}", step.name()));
                None
            }
        }
    }
}

/// Prints the figures of a case load.
pub(super) fn report(out: &Outcome, clients: usize) {
    let cores = std::thread::available_parallelism().map_or(0, std::num::NonZero::get);
    let all: Vec<Duration> = out.latencies.iter().map(|(_, d)| *d).collect();
    let n = all.len();
    let s = stats::summarise(all);
    let (p50, p95, p99) = s.map_or((0.0, 0.0, 0.0), |s| (s.p50, s.p95, s.p99));
    println!(
        "bench: case transitions: {:.0} req/s at {clients} clients, p50/p95/p99 = {p50:.1}/{p95:.1}/{p99:.1} ms, non-2xx {}, errors {} (closed loop; server and load generator share this {cores}-core machine)",
        n as f64 / out.seconds.max(1e-9),
        out.non_2xx,
        out.errors
    );
    let steps: Vec<String> = STEPS
        .iter()
        .filter_map(|&step| {
            let d = out.latencies.iter().filter(|(s, _)| *s == step).map(|(_, d)| *d).collect();
            stats::summarise(d).map(|s| format!("{} {:.1}/{:.1}", step.name(), s.p50, s.p99))
        })
        .collect();
    println!(
        "bench: case transitions: {} cases approved, {} filed, in {:.1} s; p50/p99 ms per step: {}",
        out.decided,
        out.filed.len(),
        out.seconds,
        steps.join(", ")
    );
    if let Some(p) = &out.first_problem {
        println!("bench: case transitions: first failure: {p}");
    }
}
