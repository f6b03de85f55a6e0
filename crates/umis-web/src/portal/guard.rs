//! The one layer in front of every portal page: works out the visitor ([`Viewer`]), enforces
//! the page's [`PageAccess`] before the handler runs, refuses cross-site form posts, renders
//! failures as pages in the visitor's language and sets the portal's security policy.

use super::chrome::{Viewer, render};
use super::errors::{PageError, PageFailure};
use super::{PageAccess, PageRoute, i18n};
use crate::AppState;
use crate::problem::ApiError;
use crate::session_auth;
use askama::Template;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::sync::Arc;

/// The portal's content security policy: its own style sheet and script, no inline code,
/// forms only to itself, never framed. `media-src`/`img-src` admit the camera preview of the
/// QR scanner.
pub const PORTAL_CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; \
                              media-src 'self' blob: mediastream:; connect-src 'self'; font-src 'self'; \
                              base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// The cookie that remembers the visitor's language choice.
pub const LANG_COOKIE: &str = "umis_lang";

/// Checks `rule` for the request, runs the page, and finishes its answer.
pub async fn enforce(
    State((state, rule)): State<(Arc<AppState>, PageRoute)>,
    mut request: Request,
    next: Next,
) -> Response {
    let (viewer, chosen) = viewer_of(&state, &request).await;
    let (headers, method) = (request.headers().clone(), request.method().clone());
    let mut response = match admit(&state, &rule, &viewer, &headers, &method).await {
        Ok(()) => {
            request.extensions_mut().insert(viewer.clone());
            let response = next.run(request).await;
            let failure = response.extensions().get::<PageFailure>().map(|PageFailure(e)| e.clone());
            match failure {
                Some(e) => match audit_refusal(&state, &rule, &viewer, e).await {
                    // A throttled record is counted in the next one; the refusal stands.
                    Ok(()) | Err(PageError::TooMany(_)) => response,
                    // The refusal could not be recorded: the visitor gets the failure, not it.
                    Err(e) => e.into_response(),
                },
                None => response,
            }
        }
        Err(e) => e.into_response(),
    };
    if let Some(PageFailure(e)) = response.extensions().get::<PageFailure>().cloned() {
        response = failure_page(&viewer, &e, response);
    }
    finish(&mut response, chosen);
    response
}

/// The visitor of a request, and the language they chose with `?lang=` (if any).
fn viewer_of(
    state: &Arc<AppState>,
    request: &Request,
) -> impl std::future::Future<Output = (Viewer, Option<i18n::Lang>)> + Send + 'static {
    let client = request
        .extensions()
        .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
        .map(|axum::extract::ConnectInfo(a)| a.ip());
    let headers = request.headers().clone();
    let path_and_query =
        request.uri().path_and_query().map(|p| p.as_str().to_owned()).unwrap_or_else(|| "/".into());
    let chosen = query_lang(request.uri().query().unwrap_or(""));
    let state = state.clone();
    async move { viewer_from(&state, &headers, path_and_query, chosen, client).await }
}

pub(crate) async fn viewer_from(
    state: &Arc<AppState>,
    headers: &HeaderMap,
    path_and_query: String,
    chosen: Option<i18n::Lang>,
    client: Option<std::net::IpAddr>,
) -> (Viewer, Option<i18n::Lang>) {
    let lang = chosen.or_else(|| cookie_lang(headers)).unwrap_or_else(|| {
        i18n::negotiate(headers.get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()).unwrap_or(""))
    });
    // A session that cannot be read counts as none: the visitor is anonymous (fails closed).
    let session: Option<_> = session_auth::current_session(state, headers).await.unwrap_or_default();
    (Viewer { lang, session, path_and_query, client }, chosen)
}

/// Any path nothing else answers: the API's problem document under `/api/` (and the
/// well-known files), the portal's "page not found" everywhere else.
pub async fn fallback(State(state): State<Arc<AppState>>, request: Request) -> Response {
    let path = request.uri().path();
    if path.starts_with("/api/") || path.starts_with("/.well-known/") {
        return ApiError::NotFound.into_response();
    }
    let (viewer, chosen) = viewer_of(&state, &request).await;
    let e = PageError::NotFound;
    let mut response = failure_page(&viewer, &e, e.clone().into_response());
    finish(&mut response, chosen);
    response
}

async fn admit(
    state: &Arc<AppState>,
    rule: &PageRoute,
    viewer: &Viewer,
    headers: &HeaderMap,
    method: &Method,
) -> Result<(), PageError> {
    let changes = !matches!(*method, Method::GET | Method::HEAD);
    let action = format!("portal {} {}", rule.method, rule.path);
    let audit_name =
        viewer.session.as_ref().map(|s| s.actor.audit_name()).unwrap_or_else(|| "anonymous".into());
    // A form posted from another site is refused whoever sends it: browsers say where a
    // request comes from, and the session cookie is SameSite=Strict besides.
    if changes && !session_auth::same_site(headers) {
        deny(state, viewer, audit_name, action, ApiError::Denied("cross-site form".into())).await?;
        return Err(PageError::BadToken);
    }
    match rule.access {
        PageAccess::Public => Ok(()),
        PageAccess::SignedIn if viewer.session.is_some() => Ok(()),
        PageAccess::SignedIn => {
            deny(state, viewer, audit_name, action, ApiError::Unauthenticated).await?;
            Err(PageError::SignInNeeded)
        }
        PageAccess::Person(roles) => match &viewer.session {
            None => {
                deny(state, viewer, audit_name, action, ApiError::Unauthenticated).await?;
                Err(PageError::SignInNeeded)
            }
            Some(s) if !s.complete => {
                deny(state, viewer, audit_name, action, ApiError::Unauthenticated).await?;
                Err(PageError::SignInNeeded)
            }
            Some(s) if !roles.contains(&s.actor.role) => {
                deny(state, viewer, audit_name, action, ApiError::Forbidden).await?;
                Err(PageError::Forbidden)
            }
            Some(_) => Ok(()),
        },
    }
}

/// Audits a refusal a page handler answered (an object the visitor may not see or act on, a
/// form without this session's token), like the API's object-level refusals. The audit write is
/// throttled per client (a throttled one is counted in the next record written); a failed
/// write is an error for the caller to answer.
async fn audit_refusal(
    state: &Arc<AppState>,
    rule: &PageRoute,
    viewer: &Viewer,
    failure: PageError,
) -> Result<(), PageError> {
    let denial = match failure {
        PageError::NotFound => ApiError::NotFound,
        PageError::Forbidden => ApiError::Forbidden,
        PageError::BadToken => ApiError::Denied("missing or wrong CSRF token".into()),
        PageError::SignInNeeded => ApiError::Unauthenticated,
        _ => return Ok(()),
    };
    let actor = viewer.session.as_ref().map(|s| s.actor.audit_name()).unwrap_or_else(|| "anonymous".into());
    let action = format!("portal {} {}", rule.method, rule.path);
    deny(state, viewer, actor, action, denial).await
}

async fn deny(
    state: &Arc<AppState>,
    viewer: &Viewer,
    actor: String,
    action: String,
    denial: ApiError,
) -> Result<(), PageError> {
    session_auth::deny(state, viewer.client, actor, action, &denial).await.map_err(PageError::from)
}

/// The error page for `e`; a visitor who must sign in is sent to the sign-in page instead,
/// with the way back.
fn failure_page(viewer: &Viewer, e: &PageError, bare: Response) -> Response {
    if *e == PageError::SignInNeeded {
        let waiting_for_code = viewer.session.as_ref().is_some_and(|s| !s.complete);
        let to = if waiting_for_code {
            "/sign-in/code".to_owned()
        } else {
            let back = viewer.path_and_query.clone();
            let next = form_urlencoded::Serializer::new(String::new()).append_pair("next", &back).finish();
            format!("/sign-in?{next}")
        };
        return super::chrome::see_other(&to);
    }
    let (title, text) = e.keys();
    let page = ErrorPage { page: viewer.chrome(title), text: viewer.t(text) };
    let mut r = render(&page).unwrap_or_else(|_| e.status().into_response());
    *r.status_mut() = e.status();
    if let Some(retry) = bare.headers().get(header::RETRY_AFTER) {
        r.headers_mut().insert(header::RETRY_AFTER, retry.clone());
    }
    r
}

/// The page for a request the server stopped waiting for (`crate::layers`), in the language
/// the request asks for. It is written from the headers alone, without the session: the
/// database may be what is slow. What was asked may still complete, and the page says so.
pub(crate) fn timeout_page(headers: &HeaderMap, path_and_query: String, retry_after_secs: u64) -> Response {
    let lang = cookie_lang(headers).unwrap_or_else(|| {
        i18n::negotiate(headers.get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()).unwrap_or(""))
    });
    let viewer = Viewer { lang, session: None, path_and_query, client: None };
    let page = ErrorPage { page: viewer.chrome("error-timeout-title"), text: viewer.t("error-timeout-text") };
    let status = axum::http::StatusCode::SERVICE_UNAVAILABLE;
    let mut r = render(&page).unwrap_or_else(|_| status.into_response());
    *r.status_mut() = status;
    if let Ok(v) = HeaderValue::from_str(&retry_after_secs.to_string()) {
        r.headers_mut().insert(header::RETRY_AFTER, v);
    }
    finish(&mut r, None);
    r
}

/// Sets the portal's security headers (and the language cookie when `chosen`) on an answer.
pub(crate) fn finish(response: &mut Response, chosen: Option<i18n::Lang>) {
    let h = response.headers_mut();
    h.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(PORTAL_CSP));
    // With `no-referrer` a browser sends `Origin: null` on the portal's own form posts, and the
    // cross-site check could not tell them from a forged post; `same-origin` still sends
    // nothing to other sites.
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("same-origin"));
    if let Some(lang) = chosen {
        let cookie =
            format!("{LANG_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly", i18n::code(lang));
        if let Ok(v) = HeaderValue::from_str(&cookie) {
            h.append(header::SET_COOKIE, v);
        }
    }
    response.extensions_mut().insert(crate::api::docs::OwnCsp);
}

fn query_lang(query: &str) -> Option<i18n::Lang> {
    form_urlencoded::parse(query.as_bytes()).find(|(k, _)| k == "lang").and_then(|(_, v)| i18n::from_code(&v))
}

fn cookie_lang(headers: &HeaderMap) -> Option<i18n::Lang> {
    session_auth::cookie_values(headers, LANG_COOKIE).find_map(i18n::from_code)
}

#[derive(Template)]
#[template(path = "portal/error.html")]
struct ErrorPage {
    page: super::chrome::Chrome,
    text: String,
}
