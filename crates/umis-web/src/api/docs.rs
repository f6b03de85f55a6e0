//! The API's own description: the hand-written OpenAPI 3.1 document and a documentation page
//! that renders it. Everything is compiled in, so the page works offline and loads nothing
//! from another origin; its script and style sheet are separate files because the page's
//! content security policy allows no inline code.

use crate::problem::ApiError;
use axum::extract::Path;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};

/// The OpenAPI document, exactly as written next to `Cargo.toml`.
pub const OPENAPI_JSON: &str = include_str!("../../openapi.json");

/// The documentation page's policy: its own script and style sheet, fetching only from this
/// origin, never framed. The rest of the API keeps the global `default-src 'none'`.
pub const DOCS_CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; \
                            img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const PAGE: &str = include_str!("../../assets/docs/index.html");

/// The page's separate files: (name, media type, content).
const ASSETS: &[(&str, &str, &str)] = &[
    ("docs.js", "text/javascript; charset=utf-8", include_str!("../../assets/docs/docs.js")),
    ("docs.css", "text/css; charset=utf-8", include_str!("../../assets/docs/docs.css")),
];

/// Marks a response that carries its own `Content-Security-Policy`, which the global
/// security-headers layer then keeps instead of replacing.
#[derive(Debug, Clone, Copy)]
pub struct OwnCsp;

fn text(media_type: &'static str, body: &'static str, csp: Option<&'static str>) -> Response {
    let mut r = body.into_response();
    r.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static(media_type));
    if let Some(policy) = csp {
        r.headers_mut().insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(policy));
        r.extensions_mut().insert(OwnCsp);
    }
    r
}

/// `GET /api/openapi.json`: the OpenAPI document.
pub(crate) async fn openapi_json() -> Response {
    text("application/json", OPENAPI_JSON, None)
}

/// `GET /api/docs`: the documentation page.
pub(crate) async fn page() -> Response {
    text("text/html; charset=utf-8", PAGE, Some(DOCS_CSP))
}

/// `GET /api/docs/{asset}`: the page's script or style sheet.
pub(crate) async fn asset(Path(name): Path<String>) -> Result<Response, ApiError> {
    let (_, media_type, body) = ASSETS.iter().find(|(n, _, _)| *n == name).ok_or(ApiError::NotFound)?;
    Ok(text(media_type, body, Some(DOCS_CSP)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_names_only_assets_that_are_served() {
        for (name, _, body) in ASSETS {
            assert!(PAGE.contains(&format!("/api/docs/{name}")), "{name} is not used by the page");
            assert!(!body.is_empty());
        }
        assert!(!PAGE.contains("<style") && !PAGE.contains(" style="), "no inline styles");
    }
}
