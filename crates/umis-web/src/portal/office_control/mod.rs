//! Pages of the portal: stay control for office staff — the findings queue and officers'
//! resolutions of findings — and the traveller search with each traveller's file (also for
//! border officers). Every list, search and file is an audited read in the core.

use super::chrome::{Chrome, Params, Viewer, render, see_other};
use super::errors::PageError;
use super::form::{Errors, Form};
use super::{PageAccess, PageRoute, page};
use crate::AppState;
use crate::api::errors::run;
use crate::problem::ApiError;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use std::sync::Arc;
use umis_core::TravellerKey;
use umis_core::control::{
    self, ControlError, FindingFilter, FindingListRow, FindingsPage, Hit, MAX_NOTE_CHARS, Search,
    SearchAnswer, TravellerFile,
};
use umis_domain::{Date, FindingKind, FindingStatus, Resolution, Role};

const OFFICE_STAFF: PageAccess = PageAccess::Person(Role::DECIDERS);
const SEARCHERS: PageAccess = PageAccess::Person(Role::TRAVELLER_SEARCHERS);

/// The pages of this module.
pub const ROUTES: &[PageRoute] = &[
    page("GET", "/office/findings", OFFICE_STAFF, || get(findings_page)),
    page("POST", "/office/findings/{key}/resolve", OFFICE_STAFF, || post(resolve)),
    page("GET", "/office/travellers", SEARCHERS, || get(search_page)),
    page("GET", "/office/travellers/{issuing_state}/{document_number}", SEARCHERS, || get(traveller_page)),
];

/// Items per page of the queue.
const PAGE_SIZE: u32 = 50;
/// Longest query value looked at; longer ones are refused with a message.
const MAX_PARAM_CHARS: usize = 300;

/// Runs core work through the one blocking helper; a storage failure becomes the
/// internal-error page (logged), the rest stays the core's refusal for the page to word.
async fn core<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, ControlError> + Send + 'static,
) -> Result<Result<T, ControlError>, PageError> {
    match run(move || Ok::<_, ApiError>(f())).await? {
        Err(ControlError::Store(e)) => Err(ApiError::internal(&e).into()),
        r => Ok(r),
    }
}

fn refusal(e: ControlError) -> PageError {
    match e {
        ControlError::NotFound => PageError::NotFound,
        ControlError::Forbidden(_) => PageError::Forbidden,
        ControlError::Invalid { .. } | ControlError::TooLong { .. } | ControlError::AlreadyResolved => {
            PageError::BadRequest
        }
        ControlError::Store(e) => ApiError::internal(&e).into(),
    }
}

/// A path segment with everything but unreserved characters percent-encoded.
fn segment(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn traveller_href(issuing_state: &str, document_number: &str) -> String {
    format!("/office/travellers/{}/{}", segment(issuing_state), segment(document_number))
}

fn full_name(surname: Option<&str>, given: Option<&str>) -> String {
    match (surname, given) {
        (Some(s), Some(g)) => format!("{s} {g}"),
        (Some(s), None) => s.to_owned(),
        (None, Some(g)) => g.to_owned(),
        (None, None) => String::new(),
    }
}

/// A finding as a row of a table.
#[derive(Debug, Clone)]
struct FindingView {
    key: String,
    kind: FindingKind,
    date: Date,
    traveller: String,
    name: String,
    href: String,
    status: FindingStatus,
    resolution: Option<Resolution>,
    /// Overstay days, anomaly name or registration deadline, in words.
    detail: String,
    /// Form field ids of this finding's resolve form.
    n: usize,
}

impl FindingView {
    fn is_open(&self) -> bool {
        self.status == FindingStatus::Open
    }
}

/// A TRP absence review item in words: the permit, the days abroad in the window up to the
/// first day over the limit, and the exemption the officer must check.
fn absence_detail(viewer: &Viewer, detail: &serde_json::Value) -> String {
    let day = detail["first_exceeded_day"].as_str().and_then(|d| Date::parse(d).ok());
    day.map_or_else(String::new, |d| {
        let num = |k: &str| detail[k].as_i64().unwrap_or(0);
        viewer.ta(
            "control-detail-trp-absence",
            &[
                ("permit", detail["permit_number"].as_str().unwrap_or("").to_owned().into()),
                ("days", num("days_abroad").into()),
                ("window", num("window_days").into()),
                ("limit", num("limit_days").into()),
                ("day", super::i18n::date(viewer.lang, d).into()),
            ],
        )
    })
}

fn finding_view(viewer: &Viewer, row: &FindingListRow, n: usize) -> FindingView {
    let detail: serde_json::Value = serde_json::from_str(&row.detail).unwrap_or_default();
    let text = match row.kind {
        FindingKind::Overstay => {
            let days = detail["overstay_days"].as_i64().unwrap_or(0);
            viewer.ta("control-detail-overstay", &[("days", days.into())])
        }
        FindingKind::UnregisteredStay => {
            let deadline = detail["deadline"].as_str().and_then(|d| Date::parse(d).ok());
            deadline.map_or_else(String::new, |d| {
                viewer.ta(
                    "control-detail-unregistered",
                    &[("deadline", super::i18n::date(viewer.lang, d).into())],
                )
            })
        }
        FindingKind::TrpAbsence => absence_detail(viewer, &detail),
        FindingKind::RegistrationNotEnded => {
            let day = detail["exit_date"].as_str().and_then(|d| Date::parse(d).ok());
            day.map_or_else(String::new, |d| {
                viewer.ta(
                    "control-detail-registration-not-ended",
                    &[
                        ("registration", detail["registration_id"].as_str().unwrap_or("").to_owned().into()),
                        ("day", super::i18n::date(viewer.lang, d).into()),
                    ],
                )
            })
        }
        FindingKind::Anomaly => {
            let anomaly = detail["anomaly"].as_str().unwrap_or("");
            match anomaly {
                "exit_without_entry" | "entry_without_exit" => {
                    viewer.t(&format!("control-anomaly-{anomaly}"))
                }
                _ => String::new(),
            }
        }
    };
    FindingView {
        key: row.key.clone(),
        kind: row.kind,
        date: row.finding_date,
        traveller: format!("{} {}", row.issuing_state, row.document_number),
        name: full_name(row.surname.as_deref(), row.given_names.as_deref()),
        href: traveller_href(&row.issuing_state, &row.document_number),
        status: row.status,
        resolution: row.resolution,
        detail: text,
        n,
    }
}

#[derive(Template)]
#[template(path = "portal/office_control/findings.html")]
struct FindingsTemplate {
    page: Chrome,
    kinds: &'static [FindingKind],
    kind: String,
    status: String,
    items: Vec<FindingView>,
    next_href: Option<String>,
    first_href: Option<String>,
}

async fn findings_page(
    State(state): State<Arc<AppState>>,
    viewer: Viewer,
    q: Params,
) -> Result<Response, PageError> {
    let actor = viewer.actor()?;
    let kind = q.get("kind").unwrap_or("any").to_owned();
    let status = q.get("status").unwrap_or("open").to_owned();
    let (Ok(kind_filter), Ok(status_filter)) =
        (control::kind_filter(Some(&kind)), control::status_filter(Some(&status)))
    else {
        return Err(PageError::BadRequest);
    };
    let after = q.get("after").map(str::to_owned);
    if after.as_ref().is_some_and(|a| a.chars().count() > MAX_PARAM_CHARS) {
        return Err(PageError::BadRequest);
    }
    let st = state.clone();
    let a = after.clone();
    let page: FindingsPage = core(move || {
        control::findings_queue(
            &st.store,
            &actor,
            &FindingFilter {
                kind: kind_filter,
                status: status_filter,
                after: a.as_deref(),
                limit: PAGE_SIZE,
            },
        )
    })
    .await?
    .map_err(refusal)?;
    let query = |after: Option<&str>| {
        let mut ser = form_urlencoded::Serializer::new(String::new());
        ser.append_pair("kind", &kind).append_pair("status", &status);
        if let Some(a) = after {
            ser.append_pair("after", a);
        }
        format!("/office/findings?{}", ser.finish())
    };
    let next_href = page.next_after.as_deref().map(|a| query(Some(a)));
    let first_href = after.is_some().then(|| query(None));
    let items = page.items.iter().enumerate().map(|(i, r)| finding_view(&viewer, r, i)).collect();
    render(&FindingsTemplate {
        page: viewer.chrome("control-findings-title"),
        kinds: FindingKind::ALL,
        kind,
        status,
        items,
        next_href,
        first_href,
    })
}

/// A search result as a row.
struct HitView {
    name: String,
    traveller: String,
    href: String,
    nationality: String,
    date_of_birth: String,
    last_entry: Option<Date>,
    inside: bool,
    open_findings: i64,
    open_label: String,
}

fn hit_view(viewer: &Viewer, h: &Hit) -> HitView {
    HitView {
        name: full_name(Some(&h.surname), h.given_names.as_deref()),
        traveller: format!("{} {}", h.key.issuing_state, h.key.document_number),
        href: traveller_href(&h.key.issuing_state, &h.key.document_number),
        nationality: h.nationality.clone(),
        date_of_birth: h.date_of_birth.clone(),
        last_entry: h.last_entry,
        inside: h.inside,
        open_findings: h.open_findings,
        open_label: viewer.ta("control-open-findings", &[("count", h.open_findings.into())]),
    }
}

#[derive(Template)]
#[template(path = "portal/office_control/search.html")]
struct SearchTemplate {
    page: Chrome,
    errors: Errors,
    name: String,
    document_number: String,
    issuing_state: String,
    searched: bool,
    hits: Vec<HitView>,
    total: usize,
}

/// A date of birth in the reader's locale; one the border feed could not give in full
/// (unknown day or month) as recorded.
fn birth_date(page: &Chrome, raw: &str) -> String {
    Date::parse(raw).map_or_else(|_| raw.to_owned(), |d| page.date(&d))
}

impl SearchTemplate {
    fn birth(&self, raw: &str) -> String {
        birth_date(&self.page, raw)
    }
    fn results_heading(&self) -> String {
        self.page.t1("control-search-results", "count", self.total as i64)
    }
    fn more_text(&self) -> String {
        self.page.t1("control-search-more", "shown", self.hits.len() as i64)
    }
}

fn bounded(errors: &mut Errors, viewer: &Viewer, q: &Params, field: &str, max: usize) -> String {
    let v = q.get(field).unwrap_or("");
    if v.chars().count() > max {
        errors.add(field, viewer.ta("control-too-long", &[("max", (max as i64).into())]));
        return v.chars().take(max).collect();
    }
    v.to_owned()
}

async fn search_page(
    State(state): State<Arc<AppState>>,
    viewer: Viewer,
    q: Params,
) -> Result<Response, PageError> {
    let actor = viewer.actor()?;
    let mut errors = Errors::new();
    let name = bounded(&mut errors, &viewer, &q, "name", umis_names::MAX_QUERY_CHARS);
    let document_number = bounded(&mut errors, &viewer, &q, "document_number", 40);
    let issuing_state = bounded(&mut errors, &viewer, &q, "issuing_state", 10);
    let searched = q.has("name") || q.has("document_number") || q.has("issuing_state");
    let mut answer = SearchAnswer { hits: Vec::new(), total: 0 };
    if searched && errors.is_empty() {
        if name.is_empty() && document_number.is_empty() {
            errors.add("name", viewer.t("control-search-empty"));
        } else {
            let search = Search {
                document_number: (!document_number.is_empty()).then(|| document_number.clone()),
                issuing_state: (!issuing_state.is_empty()).then(|| issuing_state.clone()),
                name: (!name.is_empty()).then(|| name.clone()),
            };
            let st = state.clone();
            match core(move || control::search_travellers(&st.store, &actor, &search)).await? {
                Ok(a) => answer = a,
                Err(ControlError::Invalid { field, .. }) => {
                    errors.add(field, viewer.t(&format!("control-search-invalid-{field}")));
                }
                Err(e) => return Err(refusal(e)),
            }
        }
    }
    let page = viewer.chrome("control-search-title").with_errors(&errors);
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    let mut r = render(&SearchTemplate {
        page,
        hits: answer.hits.iter().map(|h| hit_view(&viewer, h)).collect(),
        total: answer.total,
        errors,
        name,
        document_number,
        issuing_state,
        searched,
    })?;
    *r.status_mut() = status;
    Ok(r)
}

#[derive(Template)]
#[template(path = "portal/office_control/traveller.html")]
struct TravellerTemplate {
    page: Chrome,
    errors: Errors,
    file: TravellerFile,
    findings: Vec<FindingView>,
    may_resolve: bool,
    resolutions: &'static [Resolution],
    /// The finding whose form was refused, and what was entered.
    refused: Option<(String, String, String)>,
    resolved: bool,
    max_note: usize,
}

impl TravellerTemplate {
    fn birth(&self, raw: &str) -> String {
        birth_date(&self.page, raw)
    }
    fn note_hint(&self) -> String {
        self.page.t1("control-resolve-note-hint", "max", self.max_note as i64)
    }
    fn chosen(&self, key: &str, resolution: &Resolution) -> bool {
        self.refused.as_ref().is_some_and(|(k, r, _)| k == key && r == resolution.as_str())
    }
    fn note_of(&self, key: &str) -> &str {
        self.refused.as_ref().filter(|(k, _, _)| k == key).map_or("", |(_, _, n)| n.as_str())
    }
    fn resolution_text(&self, key: &str) -> Vec<(String, String, String)> {
        self.file
            .resolutions
            .iter()
            .filter(|r| r.finding_key == key)
            .map(|r| {
                let day = r.resolved_at.get(..10).and_then(|d| Date::parse(d).ok());
                (
                    self.page.tp("control-resolution-", r.resolution.as_str()),
                    format!(
                        "{}{}",
                        r.resolved_by,
                        day.map(|d| format!(", {}", self.page.date(&d))).unwrap_or_default()
                    ),
                    r.note.clone(),
                )
            })
            .collect()
    }
}

fn parse_traveller(issuing_state: &str, document_number: &str) -> Result<TravellerKey, PageError> {
    if issuing_state.len() > 10 || document_number.len() > 40 {
        return Err(PageError::NotFound);
    }
    umis_core::traveller::parse_key(issuing_state, document_number).ok_or(PageError::NotFound)
}

async fn load_file(
    state: &Arc<AppState>,
    viewer: &Viewer,
    key: TravellerKey,
) -> Result<TravellerFile, PageError> {
    let actor = viewer.actor()?;
    let st = state.clone();
    let lang = viewer.lang;
    let as_of = state.clock.today();
    core(move || {
        let pack = st.packs.default_pack();
        control::traveller_file(&st.store, &actor, pack, &key, as_of, lang)
    })
    .await?
    .map_err(refusal)
}

fn traveller_template(
    viewer: &Viewer,
    file: TravellerFile,
    errors: Errors,
    refused: Option<(String, String, String)>,
    resolved: bool,
) -> TravellerTemplate {
    let name = full_name(file.surname.as_deref(), file.given_names.as_deref());
    let title = if name.is_empty() {
        format!("{} {}", file.key.issuing_state, file.key.document_number)
    } else {
        name.clone()
    };
    let findings = file.findings.iter().enumerate().map(|(i, r)| finding_view(viewer, r, i)).collect();
    let may_resolve = viewer.person().is_some_and(|a| a.role.decides_cases());
    let page = viewer.chrome_titled(title).with_errors(&errors);
    TravellerTemplate {
        page,
        errors,
        file,
        findings,
        may_resolve,
        resolutions: Resolution::BY_OFFICER,
        refused,
        resolved,
        max_note: MAX_NOTE_CHARS,
    }
}

async fn traveller_page(
    State(state): State<Arc<AppState>>,
    viewer: Viewer,
    Path((issuing_state, document_number)): Path<(String, String)>,
    q: Params,
) -> Result<Response, PageError> {
    let key = parse_traveller(&issuing_state, &document_number)?;
    let file = load_file(&state, &viewer, key).await?;
    render(&traveller_template(&viewer, file, Errors::new(), None, q.has("resolved")))
}

async fn resolve(
    State(state): State<Arc<AppState>>,
    viewer: Viewer,
    Path(key): Path<String>,
    form: Form,
) -> Result<Response, PageError> {
    let actor = viewer.actor()?;
    if key.chars().count() > MAX_PARAM_CHARS {
        return Err(PageError::NotFound);
    }
    let resolution = form.get("resolution").to_owned();
    let note = form.get("note").to_owned();
    let n = form.get("n").parse::<usize>().unwrap_or(0).min(1_000);
    let st = state.clone();
    let (k, r, t) = (key.clone(), resolution.clone(), note.clone());
    let outcome = core(move || control::resolve_finding(&st.store, &st.clock, &actor, &k, &r, &t)).await?;
    let (field, message) = match outcome {
        Ok(item) => {
            return Ok(see_other(&format!(
                "{}?resolved=1",
                traveller_href(&item.issuing_state, &item.document_number)
            )));
        }
        Err(ControlError::Invalid { field, .. }) => {
            let text = match field {
                "resolution" => viewer.t("control-resolve-choose"),
                "note" if note.trim().is_empty() => viewer.t("control-resolve-note-required"),
                _ => viewer.t("control-resolve-note-bad"),
            };
            (field, text)
        }
        Err(ControlError::TooLong { field, max }) => {
            (field, viewer.ta("control-too-long", &[("max", (max as i64).into())]))
        }
        Err(ControlError::AlreadyResolved) => ("", viewer.t("control-resolve-already")),
        Err(e) => return Err(refusal(e)),
    };
    // Show the traveller's file again with the problem next to the form.
    let tkey = {
        let st = state.clone();
        let k = key.clone();
        core(move || control::finding_traveller(&st.store, &k)).await?.map_err(refusal)?
    };
    let file = load_file(&state, &viewer, tkey).await?;
    let n = file.findings.iter().position(|f| f.key == key).unwrap_or(n);
    let mut errors = Errors::new();
    let id = if field.is_empty() { String::new() } else { format!("{field}-{n}") };
    errors.add(&id, message);
    let mut r = render(&traveller_template(&viewer, file, errors, Some((key, resolution, note)), false))?;
    *r.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    Ok(r)
}

/// A finding key as a path segment (templates).
pub fn segment_of(key: &str) -> String {
    segment(key)
}
