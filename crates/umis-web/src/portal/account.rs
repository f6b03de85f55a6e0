//! Signing in and out, the second factor, creating an account, and keeping a session alive.

use super::chrome::{Chrome, Params, Viewer, render, see_other};
use super::errors::PageError;
use super::form::{Errors, Form, text_field};
use super::{PageAccess, PageRoute, page};
use crate::AppState;
use crate::api::errors::run;
use crate::problem::ApiError;
use crate::session_auth::{clear_cookie, session_cookie, session_secret};
use askama::Template;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::Response;
use axum::routing::{get, post};
use std::sync::Arc;
use umis_core::accounts::session::{self, NewSession};
use umis_core::accounts::users::{NewAccount, create_account};

/// The pages of this module.
pub const ROUTES: &[PageRoute] = &[
    page("GET", "/sign-in", PageAccess::Public, || get(sign_in_page)),
    page("POST", "/sign-in", PageAccess::Public, || post(sign_in)),
    page("GET", "/sign-in/code", PageAccess::SignedIn, || get(code_page)),
    page("POST", "/sign-in/code", PageAccess::SignedIn, || post(code)),
    page("POST", "/sign-out", PageAccess::SignedIn, || post(sign_out)),
    page("GET", "/account/new", PageAccess::Public, || get(new_account_page)),
    page("POST", "/account/new", PageAccess::Public, || post(new_account)),
    page("POST", "/session/keep-alive", PageAccess::SignedIn, || post(keep_alive)),
];

/// Where a sign-in may send the visitor back to: only a path of this site.
fn safe_next(next: &str) -> String {
    // Browsers drop tabs and line breaks inside a URL, so `/\t/evil.example` would become
    // `//evil.example`: no control or white-space character is followed.
    let ok = next.starts_with('/')
        && !next.starts_with("//")
        && !next.contains('\\')
        && !next.chars().any(|c| c.is_control() || c.is_whitespace())
        && next.len() <= 2_000;
    if ok { next.to_owned() } else { "/".to_owned() }
}

#[derive(Template)]
#[template(path = "portal/sign_in.html")]
struct SignInPage {
    page: Chrome,
    errors: Errors,
    username: String,
    next: String,
    expired: bool,
}

async fn sign_in_page(viewer: Viewer, q: Params) -> Result<Response, PageError> {
    let next = safe_next(q.get("next").unwrap_or("/"));
    let expired = q.has("expired");
    render(&SignInPage {
        page: viewer.chrome("sign-in-title"),
        errors: Errors::new(),
        username: String::new(),
        next,
        expired,
    })
}

fn limited(state: &AppState, viewer: &Viewer) -> Result<(), PageError> {
    state.signin_limiter.check(viewer.client).map_err(PageError::TooMany)
}

fn with_cookie(mut r: Response, cookie: &str) -> Response {
    if let Ok(v) = HeaderValue::from_str(cookie) {
        r.headers_mut().append(header::SET_COOKIE, v);
    }
    r
}

async fn sign_in(
    State(state): State<Arc<AppState>>,
    viewer: Viewer,
    form: Form,
) -> Result<Response, PageError> {
    limited(&state, &viewer)?;
    let mut errors = Errors::new();
    let username = text_field(&viewer, &mut errors, &form, "username", true, 64);
    let password = form.get("password").to_owned();
    if password.is_empty() {
        errors.add("password", viewer.t("sign-in-password-required"));
    } else if password.chars().count() > 256 {
        errors.add("password", viewer.t("sign-in-refused"));
    }
    let next = safe_next(form.get("next"));
    if errors.is_empty() {
        let st = state.clone();
        let name = username.clone();
        match run(move || session::sign_in(&st.store, &st.clock, &st.throttle, &name, &password)).await {
            Ok(s) => return Ok(signed_in(&s, &next)),
            Err(ApiError::Unauthenticated) => errors.add("username", viewer.t("sign-in-refused")),
            Err(ApiError::TooManyRequests { retry_after_secs }) => errors.add(
                "username",
                viewer.ta("sign-in-throttled", &[("seconds", (retry_after_secs as i64).into())]),
            ),
            Err(ApiError::Invalid { .. }) => errors.add("username", viewer.t("sign-in-refused")),
            Err(e) => return Err(e.into()),
        }
    }
    let page = viewer.chrome("sign-in-title").with_errors(&errors);
    let mut r = render(&SignInPage { page, errors, username, next, expired: false })?;
    *r.status_mut() = axum::http::StatusCode::UNPROCESSABLE_ENTITY;
    Ok(r)
}

fn signed_in(s: &NewSession, next: &str) -> Response {
    let to = if s.second_factor_required {
        let q = form_urlencoded::Serializer::new(String::new()).append_pair("next", next).finish();
        format!("/sign-in/code?{q}")
    } else {
        next.to_owned()
    };
    with_cookie(see_other(&to), &session_cookie(&s.secret))
}

#[derive(Template)]
#[template(path = "portal/sign_in_code.html")]
struct CodePage {
    page: Chrome,
    errors: Errors,
    next: String,
}

async fn code_page(viewer: Viewer, q: Params) -> Result<Response, PageError> {
    if viewer.person().is_some() {
        return Ok(see_other("/"));
    }
    let next = safe_next(q.get("next").unwrap_or("/"));
    render(&CodePage { page: viewer.chrome("sign-in-code-title"), errors: Errors::new(), next })
}

async fn code(
    State(state): State<Arc<AppState>>,
    viewer: Viewer,
    headers: HeaderMap,
    form: Form,
) -> Result<Response, PageError> {
    limited(&state, &viewer)?;
    let secret = session_secret(&headers).ok_or(PageError::SignInNeeded)?;
    let next = safe_next(form.get("next"));
    let mut errors = Errors::new();
    let given: String = form.get("code").chars().filter(|c| !c.is_whitespace()).collect();
    if given.len() != 6 || !given.bytes().all(|b| b.is_ascii_digit()) {
        errors.add("code", viewer.t("sign-in-code-format"));
    } else {
        let st = state.clone();
        match run(move || {
            session::second_factor(&st.store, &st.clock, &st.throttle, &st.totp_key, &secret, &given)
        })
        .await
        {
            Ok(s) => return Ok(signed_in(&s, &next)),
            Err(ApiError::TooManyRequests { retry_after_secs }) => errors.add(
                "code",
                viewer.ta("sign-in-throttled", &[("seconds", (retry_after_secs as i64).into())]),
            ),
            Err(ApiError::Unauthenticated | ApiError::Invalid { .. }) => {
                errors.add("code", viewer.t("sign-in-code-refused"))
            }
            Err(e) => return Err(e.into()),
        }
    }
    let page = viewer.chrome("sign-in-code-title").with_errors(&errors);
    let mut r = render(&CodePage { page, errors, next })?;
    *r.status_mut() = axum::http::StatusCode::UNPROCESSABLE_ENTITY;
    Ok(r)
}

async fn sign_out(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    _form: Form,
) -> Result<Response, PageError> {
    if let Some(secret) = session_secret(&headers) {
        let st = state.clone();
        run(move || session::sign_out(&st.store, &secret)).await?;
    }
    Ok(with_cookie(see_other("/?signed_out=1"), &clear_cookie()))
}

async fn keep_alive(_viewer: Viewer, _form: Form) -> Response {
    // The guard's session lookup has already counted this request as activity.
    axum::response::IntoResponse::into_response(axum::http::StatusCode::NO_CONTENT)
}

#[derive(Template)]
#[template(path = "portal/account_new.html")]
struct NewAccountPage {
    page: Chrome,
    errors: Errors,
    username: String,
    display_name: String,
    email: String,
    role: String,
}

async fn new_account_page(viewer: Viewer) -> Result<Response, PageError> {
    render(&NewAccountPage {
        page: viewer.chrome("account-new-title"),
        errors: Errors::new(),
        username: String::new(),
        display_name: String::new(),
        email: String::new(),
        role: "applicant".into(),
    })
}

/// Roles anyone may take when creating an account.
const SELF_SERVICE_ROLES: [&str; 3] = ["applicant", "host", "employer"];

async fn new_account(
    State(state): State<Arc<AppState>>,
    viewer: Viewer,
    form: Form,
) -> Result<Response, PageError> {
    limited(&state, &viewer)?;
    let mut errors = Errors::new();
    let username = text_field(&viewer, &mut errors, &form, "username", true, 64);
    let display_name = text_field(&viewer, &mut errors, &form, "display_name", true, 200);
    let email = text_field(&viewer, &mut errors, &form, "email", false, 254);
    let role = form.get("role").to_owned();
    if !SELF_SERVICE_ROLES.contains(&role.as_str()) {
        errors.add("role", viewer.t("account-new-role-required"));
    }
    let password = form.get("password").to_owned();
    if password.is_empty() {
        errors.add("password", viewer.t("sign-in-password-required"));
    } else if password != form.get("password_again") {
        errors.add("password_again", viewer.t("account-new-password-mismatch"));
    }
    if errors.is_empty() {
        let req = NewAccount {
            username: username.clone(),
            password: password.clone(),
            display_name: display_name.clone(),
            role: role.clone(),
            office: None,
            email: (!email.is_empty()).then(|| email.clone()),
            lang: Some(super::i18n::code(viewer.lang).to_owned()),
        };
        let st = state.clone();
        match run(move || create_account(&st.store, &st.clock, &st.totp_key, None, &req)).await {
            Ok(_) => {
                let st = state.clone();
                let name = username.clone();
                let s = run(move || session::sign_in(&st.store, &st.clock, &st.throttle, &name, &password))
                    .await?;
                return Ok(signed_in(&s, "/?welcome=1"));
            }
            Err(e @ ApiError::Invalid { .. }) => {
                if let Some(found) = Errors::from_api(&viewer, &e) {
                    errors.list.extend(found.list.into_iter().map(|mut fe| {
                        fe.field = match fe.field.as_str() {
                            "password" | "username" | "display_name" | "email" => fe.field,
                            _ => "username".into(),
                        };
                        fe
                    }));
                }
            }
            Err(e) => return Err(e.into()),
        }
    }
    let page = viewer.chrome("account-new-title").with_errors(&errors);
    let mut r = render(&NewAccountPage { page, errors, username, display_name, email, role })?;
    *r.status_mut() = axum::http::StatusCode::UNPROCESSABLE_ENTITY;
    Ok(r)
}

#[cfg(test)]
mod tests {
    #[test]
    fn only_paths_of_this_site_are_followed_after_sign_in() {
        assert_eq!(super::safe_next("/applications?x=1"), "/applications?x=1");
        for bad in [
            "//evil.example/",
            "https://evil.example/",
            "/\\evil",
            "",
            "javascript:alert(1)",
            "/\t/evil.example",
            "/\n/evil.example",
        ] {
            assert_eq!(super::safe_next(bad), "/", "{bad}");
        }
    }
}
