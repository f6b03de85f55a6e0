//! The verification page's content in the portal's frame: the form (type or paste the code,
//! or scan it with the camera — `/assets/umis.js` drives the scanner) and the verdict with
//! what a genuine document says. The route itself (`GET /verify`) is the API's; its handler
//! in `pages::verify` builds the visitor and calls [`page`].

use crate::portal::chrome::{Chrome, Viewer, render};
use crate::portal::errors::PageError;
use askama::Template;
use axum::response::Response;
use umis_core::verify::VerifyAnswer;

/// One line of what a document says.
pub struct Claim {
    /// The field's name in the page's language.
    pub label: String,
    /// Its value, dates written the reader's way.
    pub value: String,
}

/// The verdict shown.
pub struct Verdict {
    /// `valid`, `expired`, `revoked`, `forged`, …
    pub status: String,
    /// Whether the document is valid.
    pub valid: bool,
    /// What the document says (genuine signatures only).
    pub claims: Vec<Claim>,
}

#[derive(Template)]
#[template(path = "portal/public/verify.html")]
struct VerifyPage {
    page: Chrome,
    errors: crate::portal::form::Errors,
    credential: String,
    verdict: Option<Verdict>,
    decoder: String,
}

/// Claim fields in the order shown (others follow, by name).
const ORDER: &[&str] = &[
    "doc_type",
    "kind",
    "number",
    "holder",
    "birth_date",
    "travel_document",
    "employer",
    "valid_from",
    "valid_until",
    "grounds",
    "issued",
    "kid",
];

fn claims(viewer: &Viewer, answer: &VerifyAnswer) -> Vec<Claim> {
    let Some(serde_json::Value::Object(map)) = &answer.claims else { return Vec::new() };
    let mut keys: Vec<&String> = map.keys().collect();
    keys.sort_by_key(|k| (ORDER.iter().position(|o| o == k).unwrap_or(ORDER.len()), k.as_str()));
    keys.into_iter()
        .filter_map(|k| {
            let text = match map.get(k)? {
                serde_json::Value::String(s) => s.clone(),
                serde_json::Value::Null => return None,
                // The coded grounds of a decision, as codes (the decision's PDF words them).
                serde_json::Value::Array(items) => {
                    items.iter().filter_map(|i| i.as_str()).collect::<Vec<_>>().join(", ")
                }
                other => other.to_string(),
            };
            let value = match (k.as_str(), super::parse_date(&text)) {
                ("birth_date" | "valid_from" | "valid_until" | "issued", Some(d)) => {
                    crate::portal::i18n::date(viewer.lang, d)
                }
                ("doc_type", _) => translated(viewer, "public-verify-doc-", &text),
                ("kind", _) => translated(viewer, "public-verify-kind-", &text),
                _ => text,
            };
            let label = translated(viewer, "public-verify-claim-", k);
            Some(Claim { label, value })
        })
        .collect()
}

/// The message `prefix` + `code` if one is written, else the code made readable.
fn translated(viewer: &Viewer, prefix: &str, code: &str) -> String {
    let key = format!("{prefix}{code}");
    let t = viewer.t(&key);
    if t == key { code.replace('_', " ") } else { t }
}

/// Longest text accepted as a credential (a real one is a few hundred characters).
pub const MAX_CREDENTIAL_CHARS: usize = 4096;

/// The page for `viewer`: the form, with `credential` and its verdict when one was given.
pub fn page(viewer: &Viewer, credential: &str, answer: Option<&VerifyAnswer>) -> Result<Response, PageError> {
    let verdict =
        answer.map(|a| Verdict { status: a.status.to_owned(), valid: a.valid, claims: claims(viewer, a) });
    render(&VerifyPage {
        page: viewer.chrome("public-verify-title"),
        errors: crate::portal::form::Errors::new(),
        credential: credential.to_owned(),
        verdict,
        decoder: crate::portal::assets::url("jsqr.js"),
    })
}

/// The page refusing a text too long to be a credential (422), the text not echoed back.
pub fn too_long(viewer: &Viewer) -> Result<Response, PageError> {
    let mut errors = crate::portal::form::Errors::new();
    errors.add(
        "credential",
        viewer.ta(
            "form-too-long",
            &[
                ("field", viewer.t("public-verify-code").into()),
                ("max", (MAX_CREDENTIAL_CHARS as i64).into()),
            ],
        ),
    );
    let mut r = render(&VerifyPage {
        page: viewer.chrome("public-verify-title").with_errors(&errors),
        errors,
        credential: String::new(),
        verdict: None,
        decoder: crate::portal::assets::url("jsqr.js"),
    })?;
    *r.status_mut() = axum::http::StatusCode::UNPROCESSABLE_ENTITY;
    Ok(r)
}
