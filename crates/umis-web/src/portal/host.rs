//! Pages of the portal: hosts register their guests' place of stay — one guest on one page, or
//! a hotel's guest list as CSV — and follow each guest's registration deadline.

use super::chrome::{Chrome, Viewer, render, see_other};
use super::errors::PageError;
use super::form::{Errors, Form, check_token, is_multipart};
use super::{PageAccess, PageRoute, page};
use crate::AppState;
use crate::api::errors::run;
use crate::problem::ApiError;
use askama::Template;
use axum::extract::{DefaultBodyLimit, FromRequest, Multipart, Path, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use std::collections::BTreeMap;
use std::sync::Arc;
use umis_core::actor::Actor;
use umis_core::hosting::{self, GUEST_COLUMNS, GuestLine, MAX_SHEET_ROWS, OPTIONAL_COLUMNS};
use umis_domain::Role;

const HOSTS: PageAccess = PageAccess::Person(&[Role::Host]);
/// Largest body of the one-guest form: the passport copy (10 MiB) and the fields.
const REGISTER_BODY_BYTES: usize = 11 * 1024 * 1024;
/// Largest body of a guest-list upload: the list and the passport copies.
const UPLOAD_BODY_BYTES: usize = 64 * 1024 * 1024;

/// The pages of this module.
pub const ROUTES: &[PageRoute] = &[
    page("GET", "/host/register", HOSTS, || get(register_page)),
    page("POST", "/host/register", HOSTS, || {
        post(register).layer(DefaultBodyLimit::max(REGISTER_BODY_BYTES))
    }),
    page("GET", "/host/upload", HOSTS, || get(upload_page)),
    page("POST", "/host/upload", HOSTS, || post(upload).layer(DefaultBodyLimit::max(UPLOAD_BODY_BYTES))),
    page("GET", "/host/upload/example.csv", HOSTS, || get(example_csv)),
    page("GET", "/host/registered/{id}", HOSTS, || get(registered)),
    page("GET", "/host/guests", HOSTS, || get(guests_page)),
];

/// The identity and stay fields of the one-guest form, in page order: (name, input type).
const TEXT_FIELDS: [(&str, &str); 9] = [
    ("surname", "text"),
    ("given_names", "text"),
    ("date_of_birth", "date"),
    ("nationality", "text"),
    ("document_issuer", "text"),
    ("document_number", "text"),
    ("arrival_date", "date"),
    ("departure_date", "date"),
    ("address", "text"),
];
/// Host kinds a host may name (a foreigner registering themself is not a host).
const HOST_KINDS: [&str; 3] = ["hotel", "private", "other"];
const SEXES: [&str; 3] = ["M", "F", "X"];

/// A posted multipart form: text fields and files, CSRF token checked.
struct Posted {
    fields: BTreeMap<String, String>,
    files: Vec<(String, String, Vec<u8>)>,
}

impl Posted {
    fn get(&self, name: &str) -> &str {
        self.fields.get(name).map_or("", |v| v.trim())
    }
    fn file(&self, name: &str) -> Option<&[u8]> {
        self.files.iter().find(|(n, _, b)| n == name && !b.is_empty()).map(|(_, _, b)| b.as_slice())
    }
}

async fn read_multipart(viewer: &Viewer, request: Request, text_cap: usize) -> Result<Posted, PageError> {
    let multipart = is_multipart(&request);
    if !multipart {
        // A plain form (no files): its token is checked by the form reader.
        let form = Form::from_request(request, &()).await?;
        let fields = form.pairs().map(|(k, v)| (k.to_owned(), v.to_owned())).collect();
        return Ok(Posted { fields, files: Vec::new() });
    }
    let Ok(mut mp) = Multipart::from_request(request, &()).await else {
        check_token(viewer, None)?;
        return Err(PageError::BadRequest);
    };
    let mut posted = Posted { fields: BTreeMap::new(), files: Vec::new() };
    let too_large = |e: axum::extract::multipart::MultipartError| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE { PageError::TooLarge } else { PageError::BadRequest }
    };
    while let Some(field) = mp.next_field().await.map_err(too_large)? {
        let name = field.name().unwrap_or("").chars().take(64).collect::<String>();
        let file_name = field.file_name().map(|f| f.chars().take(255).collect::<String>());
        let bytes = field.bytes().await.map_err(too_large)?;
        match file_name {
            Some(f) => {
                if posted.files.len() > MAX_SHEET_ROWS {
                    return Err(PageError::BadRequest);
                }
                posted.files.push((name, f, bytes.to_vec()));
            }
            None => {
                if bytes.len() > text_cap || posted.fields.len() > 50 {
                    return Err(PageError::TooLarge);
                }
                let text = String::from_utf8(bytes.to_vec()).map_err(|_| PageError::BadRequest)?;
                posted.fields.entry(name).or_insert(text);
            }
        }
    }
    check_token(viewer, posted.fields.get(super::form::CSRF_FIELD).map(String::as_str))?;
    Ok(posted)
}

fn label(viewer: &Viewer, field: &str) -> String {
    viewer.t(&format!("host-field-{field}"))
}

/// A core or list problem as a sentence about `field`.
fn problem(viewer: &Viewer, field: &str, code: &str) -> String {
    let key = format!("host-problem-{code}");
    let m = viewer.ta(&key, &[("field", label(viewer, field).into())]);
    if m == key { viewer.ta("host-problem-invalid", &[("field", label(viewer, field).into())]) } else { m }
}

#[derive(Template)]
#[template(path = "portal/host/register.html")]
struct RegisterPage {
    page: Chrome,
    errors: Errors,
    values: BTreeMap<String, String>,
    fields: [(&'static str, &'static str); 9],
    host_kinds: [&'static str; 3],
    sexes: [&'static str; 3],
}

impl RegisterPage {
    fn val(&self, name: &str) -> &str {
        self.values.get(name).map_or("", String::as_str)
    }
}

async fn register_page(viewer: Viewer) -> Result<Response, PageError> {
    let mut values = BTreeMap::new();
    values.insert("host_kind".to_owned(), "private".to_owned());
    render(&RegisterPage {
        page: viewer.chrome("host-register-title"),
        errors: Errors::new(),
        values,
        fields: TEXT_FIELDS,
        host_kinds: HOST_KINDS,
        sexes: SEXES,
    })
}

#[derive(Template)]
#[template(path = "portal/host/registered.html")]
struct RegisteredPage {
    page: Chrome,
    number: String,
    receipt: String,
    name: String,
    document: String,
    address: String,
    stay_from: String,
    stay_until: String,
}

async fn register(
    State(state): State<Arc<AppState>>,
    viewer: Viewer,
    request: Request,
) -> Result<Response, PageError> {
    let actor = viewer.actor()?;
    let posted = read_multipart(&viewer, request, super::form::MAX_FIELD_CHARS * 4).await?;
    let mut errors = Errors::new();
    let mut values: BTreeMap<String, String> = BTreeMap::new();
    for (name, _) in TEXT_FIELDS {
        values.insert(name.to_owned(), posted.get(name).to_owned());
    }
    let mut identity = values.clone();
    for code in ["nationality", "document_issuer", "document_number"] {
        identity.insert(code.to_owned(), posted.get(code).to_uppercase());
    }
    identity.insert("sex".into(), posted.get("sex").to_owned());
    values.insert("sex".into(), posted.get("sex").to_owned());
    let host_kind = posted.get("host_kind").to_owned();
    values.insert("host_kind".into(), host_kind.clone());
    if !HOST_KINDS.contains(&host_kind.as_str()) {
        errors.add("host_kind", problem(&viewer, "host_kind", "required"));
    }
    for (name, _) in TEXT_FIELDS {
        if values[name].chars().count() > 300 {
            errors.add(name, problem(&viewer, name, "too_long"));
        }
    }
    let form = hosting::guest_form(&identity, &host_kind, "");
    let passport = posted.file(hosting::PASSPORT_COPY).map(<[u8]>::to_vec);
    if errors.is_empty() {
        for (field, code) in hosting::check_guest(state.packs.catalogue(), &form) {
            let field = if field == "host_kind" { "host_kind".to_owned() } else { field };
            errors.add(&field, problem(&viewer, &field, &code));
        }
    }
    if passport.is_none() {
        errors.add(hosting::PASSPORT_COPY, problem(&viewer, hosting::PASSPORT_COPY, "required"));
    }
    if errors.is_empty()
        && let Some(copy) = passport
    {
        let st = state.clone();
        let actor = actor.clone();
        match run(move || {
            hosting::register_guest(&st.store, st.packs.catalogue(), &st.clock, &st.keys, &actor, form, &copy)
        })
        .await
        {
            // Post, redirect, get: reloading the confirmation must not register the guest twice.
            Ok(case) => return Ok(see_other(&format!("/host/registered/{}", case.id))),
            Err(e @ (ApiError::Invalid { .. } | ApiError::Conflict(_) | ApiError::Denied(_))) => {
                for (field, message) in refusal(&viewer, &e) {
                    errors.add(&field, message);
                }
            }
            Err(e) => return Err(e.into()),
        }
    }
    let page = viewer.chrome("host-register-title").with_errors(&errors);
    let mut r = render(&RegisterPage {
        page,
        errors,
        values,
        fields: TEXT_FIELDS,
        host_kinds: HOST_KINDS,
        sexes: SEXES,
    })?;
    *r.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    Ok(r)
}

/// The core's refusal of a guest as (field, sentence) pairs, the field named as the host's
/// forms name it.
fn refusal(viewer: &Viewer, e: &ApiError) -> Vec<(String, String)> {
    match e {
        ApiError::Invalid { errors: problems, .. } => problems
            .iter()
            .map(|p| {
                let field = p.field.trim_start_matches("form.");
                let field = match field {
                    f if f.starts_with("documents.") => hosting::PASSPORT_COPY,
                    "stay_from" => "arrival_date",
                    "stay_until" => "departure_date",
                    f => f,
                };
                let message = if field == hosting::PASSPORT_COPY && p.code != "required" {
                    file_problem(viewer, &p.code)
                } else {
                    problem(viewer, field, &p.code)
                };
                (field.to_owned(), message)
            })
            .collect(),
        _ => Errors::from_api(viewer, e)
            .unwrap_or_default()
            .list
            .into_iter()
            .map(|fe| (fe.field, fe.message))
            .collect(),
    }
}

fn file_problem(viewer: &Viewer, code: &str) -> String {
    let key = format!("host-file-{code}");
    let m = viewer.t(&key);
    if m == key { viewer.t("host-file-corrupt") } else { m }
}

/// One row problem of a guest list, as the page lists it.
struct RowProblem {
    line: usize,
    column: String,
    message: String,
}

#[derive(Template)]
#[template(path = "portal/host/upload.html")]
struct UploadPage {
    page: Chrome,
    errors: Errors,
    problems: Vec<RowProblem>,
    columns: [&'static str; 12],
    optional: [&'static str; 2],
    max_rows: usize,
}

impl UploadPage {
    fn new(page: Chrome) -> UploadPage {
        UploadPage {
            page,
            errors: Errors::new(),
            problems: Vec::new(),
            columns: GUEST_COLUMNS,
            optional: OPTIONAL_COLUMNS,
            max_rows: MAX_SHEET_ROWS,
        }
    }
    fn is_optional(&self, c: &str) -> bool {
        self.optional.contains(&c)
    }
    fn columns_caption(&self) -> String {
        self.page.t1("host-upload-columns-caption", "max", self.max_rows as i64)
    }
}

async fn upload_page(viewer: Viewer) -> Result<Response, PageError> {
    render(&UploadPage::new(viewer.chrome("host-upload-title")))
}

/// A guest of the list ready to register: its line, the guest form and the passport copy.
type ReadyGuest = (usize, BTreeMap<String, String>, Vec<u8>);

/// The posted passport copy named after a row's document number (`AB123.jpg` for `ab123`).
fn passport_copy(posted: &Posted, row: &hosting::SheetRow) -> Option<Vec<u8>> {
    let doc = row.fields.get("document_number").map(|d| d.to_uppercase()).unwrap_or_default();
    posted
        .files
        .iter()
        .find(|(n, f, b)| {
            n == "passport_copies"
                && !b.is_empty()
                && f.rsplit_once('.').map_or(f.as_str(), |(stem, _)| stem).to_uppercase() == doc
        })
        .map(|(_, _, b)| b.clone())
}

/// Checks one row of the list and its passport copy: the row's problems go on the page, and a
/// row without any is the guest ready to register.
fn check_row(
    viewer: &Viewer,
    posted: &Posted,
    row: &hosting::SheetRow,
    p: &mut UploadPage,
) -> Option<ReadyGuest> {
    let mut problems = row.problems.clone();
    let copy = passport_copy(posted, row);
    match &copy {
        None if problems.is_empty() => problems.push((hosting::PASSPORT_COPY.into(), "missing_copy".into())),
        Some(bytes) => {
            if let Err(r) = umis_upload::accept(bytes, &umis_upload::Limits::default()) {
                problems.push((hosting::PASSPORT_COPY.into(), format!("file-{}", r.code())));
            }
        }
        None => {}
    }
    for (column, code) in &problems {
        let message = match code.strip_prefix("file-") {
            Some(c) => file_problem(viewer, c),
            None if column.is_empty() => viewer.t(&format!("host-problem-{code}")),
            None => problem(viewer, column, code),
        };
        p.problems.push(RowProblem { line: row.line, column: column.clone(), message });
    }
    let copy = copy.filter(|_| problems.is_empty())?;
    let mut identity = row.fields.clone();
    for code in ["nationality", "document_issuer", "document_number"] {
        if let Some(v) = identity.get_mut(code) {
            *v = v.to_uppercase();
        }
    }
    Some((row.line, hosting::guest_form(&identity, "hotel", ""), copy))
}

/// Counts the refused rows in the page's error summary.
fn rows_refused(viewer: &Viewer, p: &mut UploadPage) {
    p.errors.add(
        "problems",
        viewer.ta("host-upload-rows-refused", &[("count", (p.problems.len() as i64).into())]),
    );
}

/// The parse step: reads the posted list and checks every row, putting what is wrong on the
/// page and answering the guests ready to register.
fn read_guests(state: &AppState, viewer: &Viewer, posted: &Posted, p: &mut UploadPage) -> Vec<ReadyGuest> {
    let sheet =
        posted.files.iter().find(|(n, _, b)| n == "guests" && !b.is_empty()).map(|(_, _, b)| b.as_slice());
    let rows = match sheet {
        None => {
            p.errors.add("guests", viewer.t("host-sheet-empty"));
            return Vec::new();
        }
        Some(bytes) => match hosting::read_sheet(state.packs.catalogue(), bytes, "hotel") {
            Ok(rows) => rows,
            Err(refusal) => {
                p.errors.add("guests", viewer.t(&format!("host-sheet-{}", refusal.code())));
                return Vec::new();
            }
        },
    };
    let ready = rows.iter().filter_map(|row| check_row(viewer, posted, row, p)).collect();
    if !p.problems.is_empty() {
        rows_refused(viewer, p);
    }
    ready
}

/// The register step: the core registers the whole list in one transaction, all or none. A
/// registered list answers the redirect; a refused guest goes on the page against its line.
async fn register_guests(
    state: &Arc<AppState>,
    viewer: &Viewer,
    actor: &Actor,
    ready: Vec<ReadyGuest>,
    p: &mut UploadPage,
) -> Result<Option<Response>, PageError> {
    let lines: Vec<usize> = ready.iter().map(|(line, _, _)| *line).collect();
    let guests: Vec<_> = ready.into_iter().map(|(_, form, copy)| (form, copy)).collect();
    let st = state.clone();
    let actor = actor.clone();
    let outcome = run(move || {
        Ok::<_, ApiError>(hosting::register_guests(
            &st.store,
            st.packs.catalogue(),
            &st.clock,
            &st.keys,
            &actor,
            guests,
        ))
    })
    .await?;
    match outcome {
        // Post, redirect, get: reloading the answer must not register the list again.
        Ok(cases) => Ok(Some(see_other(&format!("/host/guests?registered={}", cases.len())))),
        Err(hosting::GuestRefused { index: Some(index), error }) => {
            let e = ApiError::from(error);
            if !matches!(e, ApiError::Invalid { .. } | ApiError::Conflict(_) | ApiError::Denied(_)) {
                return Err(e.into());
            }
            let line = lines.get(index).copied().unwrap_or_default();
            for (column, message) in refusal(viewer, &e) {
                p.problems.push(RowProblem { line, column, message });
            }
            rows_refused(viewer, p);
            Ok(None)
        }
        Err(hosting::GuestRefused { index: None, error }) => Err(ApiError::from(error).into()),
    }
}

async fn upload(
    State(state): State<Arc<AppState>>,
    viewer: Viewer,
    request: Request,
) -> Result<Response, PageError> {
    let actor = viewer.actor()?;
    let posted = read_multipart(&viewer, request, 4_096).await?;
    let mut p = UploadPage::new(viewer.chrome("host-upload-title"));
    let ready = read_guests(&state, &viewer, &posted, &mut p);
    if p.errors.is_empty()
        && let Some(done) = register_guests(&state, &viewer, &actor, ready, &mut p).await?
    {
        return Ok(done);
    }
    p.page = viewer.chrome("host-upload-title").with_errors(&p.errors);
    let mut r = render(&p)?;
    *r.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    Ok(r)
}

async fn example_csv(State(state): State<Arc<AppState>>) -> Response {
    let body = hosting::example_sheet(state.clock.today());
    let mut r = body.into_response();
    r.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("text/csv; charset=utf-8"));
    r.headers_mut().insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_static("attachment; filename=\"guests-example.csv\""),
    );
    r
}

#[derive(Template)]
#[template(path = "portal/host/guests.html")]
struct GuestsPage {
    page: Chrome,
    guests: Vec<GuestLine>,
    /// How many guests a list upload just registered (shown as a success banner).
    registered: Option<String>,
}

impl GuestsPage {
    fn caption(&self) -> String {
        self.page.t1("host-guests-caption", "count", self.guests.len() as i64)
    }
}

async fn guests_page(
    State(state): State<Arc<AppState>>,
    viewer: Viewer,
    params: super::chrome::Params,
) -> Result<Response, PageError> {
    let actor = viewer.actor()?;
    let st = state.clone();
    let guests = run(move || hosting::guests(&st.store, &st.clock, st.packs.default_pack(), &actor)).await?;
    let registered = params
        .get("registered")
        .and_then(|n| n.parse::<u32>().ok())
        .map(|n| viewer.ta("host-upload-done-count", &[("count", n.into())]));
    render(&GuestsPage { page: viewer.chrome("host-guests-title"), guests, registered })
}

/// `GET /host/registered/{id}`: the confirmation of one registration (the host's own only:
/// the core answers "not found" for anyone else's case).
async fn registered(
    State(state): State<Arc<AppState>>,
    viewer: Viewer,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let actor = viewer.actor()?;
    let st = state.clone();
    let case = run(move || {
        umis_core::cases::get_case(
            &st.store,
            st.packs.catalogue(),
            &st.clock,
            &actor,
            &id,
            "registration confirmation",
        )
    })
    .await?;
    let number = hosting::registration_number(&case).ok_or(PageError::NotFound)?;
    let f = &case.form;
    let g = |k: &str| f.get(k).cloned().unwrap_or_default();
    let date = |k: &str| {
        f.get(k).and_then(|d| umis_domain::Date::parse(d).ok()).map(|d| super::i18n::date(viewer.lang, d))
    };
    render(&RegisteredPage {
        page: viewer.chrome("host-registered-title"),
        number,
        receipt: case.receipt.clone().unwrap_or_default(),
        name: format!("{} {}", g("surname"), g("given_names")),
        document: format!("{} {}", g("document_issuer"), g("document_number")),
        address: g("address"),
        stay_from: date("stay_from").unwrap_or_default(),
        stay_until: date("stay_until").unwrap_or_default(),
    })
}
