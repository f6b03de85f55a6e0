//! What every page shares: the visitor ([`Viewer`], put on the request by the guard), and the
//! frame around a page's content ([`Chrome`]: header, navigation for the visitor's role,
//! language switcher, CSRF token, session-timeout warning, footer).

use super::errors::PageError;
use super::i18n::{self, Arg, Lang};
use askama::Template;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use umis_core::accounts::session::SessionInfo;
use umis_core::actor::Actor;
use umis_domain::{Date, Role};

/// How long an idle session lives (the core's rule); the page warns shortly before.
pub const IDLE_SECONDS: u64 = 30 * 60;

/// The visitor of a page: language, session (if any), where they are.
#[derive(Debug, Clone)]
pub struct Viewer {
    /// The language pages are written in.
    pub lang: Lang,
    /// The session, if the visitor has one (maybe still waiting for the second factor).
    pub session: Option<SessionInfo>,
    /// Path and query of the request (the language switcher keeps them).
    pub path_and_query: String,
    /// The client's address, for rate limits and audit throttling.
    pub client: Option<std::net::IpAddr>,
}

impl Viewer {
    /// The signed-in person (second factor done), if any.
    pub fn person(&self) -> Option<&Actor> {
        self.session.as_ref().filter(|s| s.complete).map(|s| &s.actor)
    }

    /// The signed-in person; the guard lets a handler of a `Person` page run only with one.
    pub fn actor(&self) -> Result<Actor, PageError> {
        self.person().cloned().ok_or(PageError::SignInNeeded)
    }

    /// The message `key` in the viewer's language.
    pub fn t(&self, key: &str) -> String {
        i18n::t(self.lang, key)
    }

    /// The message `key` with arguments in the viewer's language.
    pub fn ta(&self, key: &str, args: &[(&str, Arg)]) -> String {
        i18n::t_args(self.lang, key, args)
    }

    /// The frame of a page titled by the message `title_key`.
    pub fn chrome(&self, title_key: &str) -> Chrome {
        self.chrome_titled(self.t(title_key))
    }

    /// The frame of a page with an already written title (a receipt number, a name).
    pub fn chrome_titled(&self, title: String) -> Chrome {
        // A path such as `//evil.example/` (a request for an unknown page) would make the
        // switcher's links point off-site: such a page switches language on the start page.
        let here = if self.path_and_query.starts_with('/') && !self.path_and_query.starts_with("//") {
            self.path_and_query.as_str()
        } else {
            "/"
        };
        let path = here.split('?').next().unwrap_or("/").to_owned();
        let lang_links = i18n::LANGS
            .iter()
            .map(|&l| LangLink {
                href: with_lang(here, i18n::code(l)),
                code: i18n::code(l),
                label: i18n::t(l, "language-name"),
                current: l == self.lang,
            })
            .collect();
        let role = self.person().map(|a| a.role);
        let nav = nav_for(role)
            .iter()
            .map(|(href, key)| NavLink {
                href,
                label: self.t(key),
                current: path == *href || (href.len() > 1 && path.starts_with(&format!("{href}/"))),
            })
            .collect();
        let user = self.session.as_ref().filter(|s| s.complete).map(|s| UserBadge {
            name: s.display_name.clone(),
            role: self.t(&format!("role-{}", s.actor.role.as_str())),
        });
        Chrome {
            lang: self.lang,
            title,
            user,
            nav,
            lang_links,
            csrf: self.session.as_ref().map(|s| s.csrf_token.clone()).unwrap_or_default(),
            signed_in: self.session.is_some(),
            idle_seconds: IDLE_SECONDS,
            has_errors: false,
        }
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Viewer {
    type Rejection = PageError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Viewer, PageError> {
        parts.extensions.get::<Viewer>().cloned().ok_or(PageError::Internal)
    }
}

/// The query string's parameters of a page (never refused: a malformed query reads as empty).
#[derive(Debug, Clone, Default)]
pub struct Params(Vec<(String, String)>);

impl Params {
    /// Parses a query string.
    pub fn parse(query: &str) -> Params {
        Params(
            form_urlencoded::parse(query.as_bytes()).map(|(k, v)| (k.into_owned(), v.into_owned())).collect(),
        )
    }
    /// The first value of `name`, trimmed, if given and not empty.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0.iter().find(|(k, _)| k == name).map(|(_, v)| v.trim()).filter(|v| !v.is_empty())
    }
    /// Whether `name` is given at all.
    pub fn has(&self, name: &str) -> bool {
        self.0.iter().any(|(k, _)| k == name)
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Params {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Params, std::convert::Infallible> {
        Ok(Params::parse(parts.uri.query().unwrap_or("")))
    }
}

/// `path?query` with `lang=code` in place of any `lang` it had.
pub fn with_lang(path_and_query: &str, code: &str) -> String {
    let (path, query) = path_and_query.split_once('?').unwrap_or((path_and_query, ""));
    let mut kept: Vec<(String, String)> = form_urlencoded::parse(query.as_bytes())
        .filter(|(k, _)| k != "lang")
        .map(|(k, v)| (k.into(), v.into()))
        .collect();
    kept.push(("lang".into(), code.into()));
    let q = form_urlencoded::Serializer::new(String::new()).extend_pairs(kept).finish();
    format!("{path}?{q}")
}

/// The navigation of a role (for visitors without a session: the public services).
fn nav_for(role: Option<Role>) -> &'static [(&'static str, &'static str)] {
    const PUBLIC: &[(&str, &str)] = &[
        ("/status", "nav-status"),
        ("/stay-calculator", "nav-stay-calculator"),
        ("/registration-deadline", "nav-registration-deadline"),
        ("/verify", "nav-verify"),
        ("/statistics", "nav-statistics"),
    ];
    match role {
        None => PUBLIC,
        Some(Role::Applicant) => &[("/applications", "nav-applications"), ("/services", "nav-services")],
        Some(Role::Host) => &[
            ("/host/guests", "nav-host-guests"),
            ("/host/register", "nav-host-register"),
            ("/host/upload", "nav-host-upload"),
            ("/applications", "nav-applications"),
        ],
        Some(Role::Employer) => &[
            ("/employer", "nav-employer-permits"),
            ("/employer/employees", "nav-employer-employees"),
            ("/applications", "nav-applications"),
        ],
        Some(Role::Operator) => &[("/counter", "nav-counter"), ("/applications", "nav-applications")],
        Some(Role::Officer | Role::RefugeeOfficer) => &[
            ("/office/queue", "nav-office-queue"),
            ("/office/findings", "nav-office-findings"),
            ("/office/travellers", "nav-office-travellers"),
        ],
        Some(Role::Supervisor) => &[
            ("/office/dashboard", "nav-office-dashboard"),
            ("/office/queue", "nav-office-queue"),
            ("/office/findings", "nav-office-findings"),
            ("/office/travellers", "nav-office-travellers"),
        ],
        Some(Role::AppealBoard) => &[("/board/appeals", "nav-board-appeals")],
        Some(_) => &[("/", "nav-home")],
    }
}

/// The frame of a page; every page template has one as `page` and extends `portal/base.html`.
#[derive(Debug, Clone)]
pub struct Chrome {
    /// Language of the page.
    pub lang: Lang,
    /// The page's title (in `<title>` and usually the `<h1>`).
    pub title: String,
    /// The signed-in person's name and role, if any.
    pub user: Option<UserBadge>,
    /// Navigation links for the visitor's role.
    pub nav: Vec<NavLink>,
    /// The language switcher.
    pub lang_links: Vec<LangLink>,
    /// The session's CSRF token (empty without a session); every form posts it.
    pub csrf: String,
    /// Whether the visitor has a session (the sign-out button and timeout warning show).
    pub signed_in: bool,
    /// Idle timeout in seconds, for the warning script.
    pub idle_seconds: u64,
    /// Whether the page shows a refused form (the title then starts with "Error:").
    pub has_errors: bool,
}

impl Chrome {
    /// The same frame for a page that shows the problems of a refused form.
    pub fn with_errors(mut self, errors: &super::form::Errors) -> Chrome {
        self.has_errors = !errors.is_empty();
        self
    }
    /// The message `key` in the page's language.
    pub fn t(&self, key: &str) -> String {
        i18n::t(self.lang, key)
    }
    /// The message whose key is `prefix` followed by `suffix` (`role-` + a role's code).
    pub fn tp(&self, prefix: &str, suffix: impl std::fmt::Display) -> String {
        i18n::t(self.lang, &format!("{prefix}{suffix}"))
    }
    /// The message `key` with one argument.
    pub fn t1(&self, key: &str, name: &str, value: impl Into<Arg>) -> String {
        i18n::t_args(self.lang, key, &[(name, value.into())])
    }
    /// A date the reader's way.
    pub fn date(&self, d: &Date) -> String {
        i18n::date(self.lang, *d)
    }
    /// A whole number the reader's way.
    pub fn num(&self, n: &i64) -> String {
        i18n::number(self.lang, *n)
    }
    /// Money in minor units the reader's way.
    pub fn money(&self, minor: &i64) -> String {
        i18n::money(self.lang, minor.to_owned())
    }
    /// The page language's tag.
    pub fn code(&self) -> &'static str {
        i18n::code(self.lang)
    }
}

/// The signed-in person as the header shows them.
#[derive(Debug, Clone)]
pub struct UserBadge {
    /// Display name.
    pub name: String,
    /// Role, in the page's language.
    pub role: String,
}

/// A navigation link.
#[derive(Debug, Clone)]
pub struct NavLink {
    /// Target.
    pub href: &'static str,
    /// Text.
    pub label: String,
    /// Whether it is the current section.
    pub current: bool,
}

/// A language switcher link.
#[derive(Debug, Clone)]
pub struct LangLink {
    /// Target: this page in that language.
    pub href: String,
    /// Tag.
    pub code: &'static str,
    /// The language's own name.
    pub label: String,
    /// Whether it is the page's language.
    pub current: bool,
}

/// Renders a page template as an HTML answer.
pub fn render(template: &impl Template) -> Result<Response, PageError> {
    let body = template.render().map_err(|_| PageError::Internal)?;
    let mut r = body.into_response();
    r.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8"));
    Ok(r)
}

/// A `303 See Other` to `to` (after a form is accepted).
pub fn see_other(to: &str) -> Response {
    let mut r = axum::http::StatusCode::SEE_OTHER.into_response();
    if let Ok(v) = HeaderValue::from_str(to) {
        r.headers_mut().insert(header::LOCATION, v);
    }
    r
}
