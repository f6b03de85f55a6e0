//! `GET /verify?credential=…`: the public verification page. Paste the text of a document's QR
//! code (or follow the link a scanner opens) and see whether it is genuine, in force and not
//! revoked, and what it says — in Azerbaijani, English or Russian (`lang`).

use super::escape;
use crate::AppState;
use crate::problem::ApiError;
use axum::extract::{Query, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use std::sync::Arc;
use umis_rules::Lang;

/// The page's query.
#[derive(Deserialize)]
pub struct VerifyQuery {
    credential: Option<String>,
    lang: Option<String>,
}

struct Words {
    title: &'static str,
    prompt: &'static str,
    button: &'static str,
    valid: &'static str,
    invalid: &'static str,
}

fn words(lang: Lang) -> Words {
    match lang {
        Lang::Az => Words {
            title: "Sənədin yoxlanılması",
            prompt: "QR kodun mətni",
            button: "Yoxla",
            valid: "Sənəd həqiqidir və qüvvədədir.",
            invalid: "Sənəd qəbul edilmir.",
        },
        Lang::En => Words {
            title: "Verify a document",
            prompt: "The text of the QR code",
            button: "Verify",
            valid: "The document is genuine and in force.",
            invalid: "The document is not accepted.",
        },
        Lang::Ru => Words {
            title: "Проверка документа",
            prompt: "Текст QR-кода",
            button: "Проверить",
            valid: "Документ подлинный и действует.",
            invalid: "Документ не принят.",
        },
    }
}

/// The verification page.
pub async fn page(
    State(state): State<Arc<AppState>>,
    peer: crate::api::Peer,
    query: Result<Query<VerifyQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Response, ApiError> {
    let Query(q) = query.map_err(|e| ApiError::field("", e.body_text()))?;
    let lang = match q.lang.as_deref() {
        None | Some("az") => Lang::Az,
        Some("en") => Lang::En,
        Some("ru") => Lang::Ru,
        Some(_) => return Err(ApiError::field("lang", "az, en or ru")),
    };
    let w = words(lang);
    let mut result = String::new();
    if let Some(token) = q.credential.filter(|t| !t.trim().is_empty()) {
        state
            .status_limiter
            .check(crate::api::client_ip(peer))
            .map_err(|retry_after_secs| ApiError::TooManyRequests { retry_after_secs })?;
        if token.len() > 4096 {
            return Err(ApiError::field("credential", "too long to be a credential"));
        }
        let st = state.clone();
        let token = token.trim().to_owned();
        let answer = crate::api::blocking(move || {
            umis_core::verify::verify_credential(&st.store, &st.keys, &st.clock, &token)
        })
        .await?;
        let verdict = if answer.valid { w.valid } else { w.invalid };
        result.push_str(&format!(
            "<section aria-live=\"polite\"><h2>{}</h2><p>{}</p>",
            escape(verdict),
            escape(&answer.reason)
        ));
        if let Some(serde_json::Value::Object(claims)) = &answer.claims {
            result.push_str("<dl>");
            for (k, v) in claims {
                let text = match v {
                    serde_json::Value::String(s) => s.clone(),
                    serde_json::Value::Null => continue,
                    other => other.to_string(),
                };
                result.push_str(&format!("<dt>{}</dt><dd>{}</dd>", escape(k), escape(&text)));
            }
            result.push_str("</dl>");
        }
        result.push_str("</section>");
    }
    let html = format!(
        "<!doctype html><html lang=\"{lang}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{title} — umis</title></head>\
         <body><main><h1>{title}</h1><form method=\"get\" action=\"/verify\">\
         <input type=\"hidden\" name=\"lang\" value=\"{lang}\">\
         <label for=\"credential\">{prompt}</label> <input id=\"credential\" name=\"credential\" size=\"60\" maxlength=\"4096\" autocomplete=\"off\">\
         <button type=\"submit\">{button}</button></form>{result}\
         <p><a href=\"/verify?lang=az\">Azərbaycanca</a> · <a href=\"/verify?lang=en\">English</a> · <a href=\"/verify?lang=ru\">Русский</a></p>\
         </main></body></html>",
        lang = match lang {
            Lang::Az => "az",
            Lang::En => "en",
            Lang::Ru => "ru",
        },
        title = escape(w.title),
        prompt = escape(w.prompt),
        button = escape(w.button),
    );
    let mut r = html.into_response();
    r.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8"));
    Ok(r)
}
