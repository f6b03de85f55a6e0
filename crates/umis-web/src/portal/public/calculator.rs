//! `GET /stay-calculator` and `GET /registration-deadline`: the stay calculator of both rule
//! packs and the registration deadline after arrival, as GET forms (the answer is a page that
//! can be bookmarked and shared; nothing is stored). Both ask the rules engine exactly what
//! `POST /api/v1/stay-calculator` asks it, rate-limited the same way.

use crate::AppState;
use crate::portal::chrome::{Chrome, Params, Viewer, render};
use crate::portal::errors::PageError;
use crate::portal::form::Errors;
use askama::Template;
use axum::extract::State;
use axum::response::Response;
use std::sync::Arc;
use umis_domain::Date;
use umis_rules::calc::CalcStayIn;
use umis_rules::{CalcRequest, CalcResponse, calculate};

/// Rows of past stays the form offers.
pub const STAY_ROWS: usize = 10;

/// One row of past stays as typed.
pub struct StayRow {
    /// Row number from 0.
    pub index: usize,
    /// Row number from 1, as the page says it.
    pub n: i64,
    /// Entry date as typed.
    pub entry: String,
    /// Exit date as typed.
    pub exit: String,
}

impl StayRow {
    /// The row's two date fields: (part, element id, value).
    pub fn cells(&self) -> Vec<(&'static str, String, String)> {
        vec![
            ("entry", format!("entry_{}", self.index), self.entry.clone()),
            ("exit", format!("exit_{}", self.index), self.exit.clone()),
        ]
    }
}

/// A stay with unlawful days, for the result table.
pub struct OverstayRow {
    /// Entry day.
    pub entry: Date,
    /// First unlawful day.
    pub first: Date,
    /// Last day.
    pub last: Date,
    /// Unlawful days.
    pub days: i64,
}

/// The calculator's answer as the page shows it.
pub struct Answer {
    /// Days of stay counted.
    pub days_used: i64,
    /// Control: last lawful day from the date on.
    pub possible_stay_until: Option<Date>,
    /// Planning: consecutive lawful days.
    pub max_stay_days: Option<i64>,
    /// Planning: the last of them.
    pub latest_exit: Option<Date>,
    /// The next day a stay could start, and for how long.
    pub next_entry: Option<(Date, i64)>,
    /// Registration deadline (per-stay packs with the rule).
    pub registration_deadline: Option<Date>,
    /// Stays with unlawful days.
    pub overstays: Vec<OverstayRow>,
    /// How the answer was worked out, in the page's language.
    pub trace: Vec<String>,
}

impl Answer {
    fn of(r: CalcResponse) -> Answer {
        Answer {
            days_used: i64::from(r.days_used),
            possible_stay_until: r.possible_stay_until,
            max_stay_days: r.max_stay_days.map(i64::from),
            latest_exit: r.latest_exit,
            next_entry: r.next_entry.map(|n| (n.date, i64::from(n.max_stay_days))),
            registration_deadline: r.registration_deadline,
            overstays: r
                .overstays
                .iter()
                .map(|o| OverstayRow {
                    entry: o.entry,
                    first: o.first_unlawful_day,
                    last: o.last_day,
                    days: i64::from(o.overstay_days),
                })
                .collect(),
            trace: r.trace,
        }
    }
}

#[derive(Template)]
#[template(path = "portal/public/stay_calculator.html")]
struct StayPage {
    page: Chrome,
    errors: Errors,
    pack: String,
    mode: String,
    date: String,
    nationality: String,
    rows: Vec<StayRow>,
    answer: Option<Answer>,
}

/// Longest value a field of these forms keeps (dates and codes are short).
const MAX_FIELD: usize = 20;

fn field(q: &Params, name: &str) -> String {
    let v = q.get(name).unwrap_or("");
    if v.chars().count() > MAX_FIELD { v.chars().take(MAX_FIELD).collect() } else { v.to_owned() }
}

fn too_long(q: &Params, name: &str) -> bool {
    q.get(name).is_some_and(|v| v.chars().count() > MAX_FIELD)
}

/// Checks a date field: `required`, a real day in 1900–2199.
fn date_field(viewer: &Viewer, errors: &mut Errors, q: &Params, name: &str, label: &str, required: bool) {
    match q.get(name) {
        None if required => {
            errors.add(name, viewer.ta("public-calc-date-required", &[("field", label.into())]))
        }
        None => {}
        Some(v) if too_long(q, name) || super::parse_date(v).is_none() => {
            errors.add(name, viewer.ta("public-calc-date-invalid", &[("field", label.into())]))
        }
        Some(_) => {}
    }
}

fn nationality(viewer: &Viewer, errors: &mut Errors, q: &Params) -> Option<String> {
    let v = q.get("nationality")?;
    let upper = v.to_ascii_uppercase();
    if too_long(q, "nationality") || umis_domain::CountryCode::parse(&upper).is_err() {
        errors.add("nationality", viewer.t("public-calc-nationality-invalid"));
        return None;
    }
    Some(upper)
}

/// Where on the page a field the rules engine names is (`stays[2].exit` → `exit_2`).
fn field_id(engine_field: &str) -> String {
    if let Some(rest) = engine_field.strip_prefix("stays[")
        && let Some((n, part)) = rest.split_once("].")
    {
        return format!("{part}_{n}");
    }
    match engine_field {
        "pack" | "mode" | "date" | "nationality" => engine_field.to_owned(),
        _ => String::new(),
    }
}

fn limited(state: &AppState, viewer: &Viewer) -> Result<(), PageError> {
    state.calc_limiter.check(viewer.client).map_err(PageError::TooMany)
}

/// The past-stay rows of the form, as typed.
fn stay_rows(q: &Params) -> Vec<StayRow> {
    (0..STAY_ROWS)
        .map(|i| StayRow {
            index: i,
            n: i as i64 + 1,
            entry: field(q, &format!("entry_{i}")),
            exit: field(q, &format!("exit_{i}")),
        })
        .collect()
}

/// Checks the past-stay rows; answers the filled ones, each with its row number.
fn parse_stays(viewer: &Viewer, errors: &mut Errors, q: &Params) -> Vec<(usize, CalcStayIn)> {
    let mut stays = Vec::new();
    for i in 0..STAY_ROWS {
        let (e, x) = (format!("entry_{i}"), format!("exit_{i}"));
        let n = (i + 1) as i64;
        let entry_label = viewer.ta("public-calc-entry-n", &[("n", n.into())]);
        let exit_label = viewer.ta("public-calc-exit-n", &[("n", n.into())]);
        if q.get(&x).is_some() && q.get(&e).is_none() {
            errors.add(&e, viewer.ta("public-calc-date-required", &[("field", entry_label.clone().into())]));
        }
        date_field(viewer, errors, q, &e, &entry_label, false);
        date_field(viewer, errors, q, &x, &exit_label, false);
        if let Some(entry) = q.get(&e) {
            stays.push((
                i,
                CalcStayIn {
                    entry: entry.to_owned(),
                    exit: q.get(&x).map(str::to_owned),
                    ..Default::default()
                },
            ));
        }
    }
    stays
}

/// The page field of the engine's refusal: the engine numbers the stays it was given, the
/// page numbers its rows.
fn refused_field(engine_field: &str, stays: &[(usize, CalcStayIn)]) -> String {
    if let Some(rest) = engine_field.strip_prefix("stays[")
        && let Some((n, part)) = rest.split_once("].")
        && let Some((row, _)) = n.parse::<usize>().ok().and_then(|k| stays.get(k))
    {
        return format!("{part}_{row}");
    }
    field_id(engine_field)
}

/// Checks the asked form and, if it is right, asks the rules engine; what is wrong goes into
/// `errors`.
fn ask(
    state: &AppState,
    viewer: &Viewer,
    q: &Params,
    pack: &str,
    mode: &str,
    errors: &mut Errors,
) -> Option<Answer> {
    if q.get("pack").is_some_and(|p| p != pack) {
        errors.add("pack", viewer.t("public-calc-pack-required"));
    }
    if q.get("mode").is_some_and(|m| m != mode) {
        errors.add("mode", viewer.t("public-calc-mode-required"));
    }
    date_field(viewer, errors, q, "date", &viewer.t("public-calc-date"), true);
    let nat = nationality(viewer, errors, q);
    let stays = parse_stays(viewer, errors, q);
    if !errors.is_empty() {
        return None;
    }
    let req = CalcRequest {
        pack: pack.to_owned(),
        mode: mode.to_owned(),
        date: q.get("date").unwrap_or("").to_owned(),
        stays: stays.iter().map(|(_, s)| s.clone()).collect(),
        nationality: nat,
        ..Default::default()
    };
    match calculate(&state.packs, &req, viewer.lang) {
        Ok(r) => Some(Answer::of(r)),
        Err(e) => {
            let id = refused_field(&e.field, &stays);
            let key =
                if id.starts_with("exit_") { "public-calc-exit-before-entry" } else { "public-calc-refused" };
            errors.add(&id, viewer.t(key));
            None
        }
    }
}

/// The stay calculator.
pub async fn stay(
    State(state): State<Arc<AppState>>,
    viewer: Viewer,
    q: Params,
) -> Result<Response, PageError> {
    let asked = q.has("date") || q.has("pack");
    let pack = q.get("pack").filter(|p| ["az", "schengen"].contains(p)).unwrap_or("az").to_owned();
    let mode = q.get("mode").filter(|m| ["control", "planning"].contains(m)).unwrap_or("control").to_owned();
    let rows = stay_rows(&q);
    let mut errors = Errors::new();
    let mut answer = None;
    if asked {
        limited(&state, &viewer)?;
        answer = ask(&state, &viewer, &q, &pack, &mode, &mut errors);
    }
    let page = viewer.chrome("public-calc-title").with_errors(&errors);
    let bad = !errors.is_empty();
    let mut r = render(&StayPage {
        page,
        errors,
        pack,
        mode,
        date: field(&q, "date"),
        nationality: field(&q, "nationality"),
        rows,
        answer,
    })?;
    if bad {
        *r.status_mut() = axum::http::StatusCode::UNPROCESSABLE_ENTITY;
    }
    Ok(r)
}

#[derive(Template)]
#[template(path = "portal/public/registration_deadline.html")]
struct DeadlinePage {
    page: Chrome,
    errors: Errors,
    arrival: String,
    nationality: String,
    deadline: Option<Date>,
    trace: Vec<String>,
}

/// The registration-deadline calculator (the `az` pack's rule: days after the arrival,
/// depending on nationality).
pub async fn deadline(
    State(state): State<Arc<AppState>>,
    viewer: Viewer,
    q: Params,
) -> Result<Response, PageError> {
    let mut errors = Errors::new();
    let (mut deadline, mut trace) = (None, Vec::new());
    if q.has("arrival") {
        limited(&state, &viewer)?;
        date_field(&viewer, &mut errors, &q, "arrival", &viewer.t("public-deadline-arrival"), true);
        let nat = nationality(&viewer, &mut errors, &q);
        if errors.is_empty() {
            let req = CalcRequest {
                pack: "az".into(),
                mode: "planning".into(),
                date: q.get("arrival").unwrap_or("").to_owned(),
                nationality: nat,
                ..Default::default()
            };
            match calculate(&state.packs, &req, viewer.lang) {
                Ok(r) => {
                    deadline = r.registration_deadline;
                    trace = r.trace;
                }
                Err(_) => errors.add("arrival", viewer.t("public-calc-refused")),
            }
        }
    }
    let page = viewer.chrome("public-deadline-title").with_errors(&errors);
    let bad = !errors.is_empty();
    let mut r = render(&DeadlinePage {
        page,
        errors,
        arrival: field(&q, "arrival"),
        nationality: field(&q, "nationality"),
        deadline,
        trace,
    })?;
    if bad {
        *r.status_mut() = axum::http::StatusCode::UNPROCESSABLE_ENTITY;
    }
    Ok(r)
}
