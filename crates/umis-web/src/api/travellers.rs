//! `GET /api/v1/travellers/{issuing_state}/{document_number}/status`: an officer's view of one
//! traveller, audited.

use super::errors::run;
use crate::problem::ApiError;
use crate::{AppState, Caller};
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, header};
use serde::Deserialize;
use std::sync::Arc;
use umis_core::TokenRow;
use umis_core::traveller::{TravellerStatus, parse_key, traveller_status};
use umis_rules::Lang;

/// Query parameters.
#[derive(Deserialize)]
pub struct StatusQuery {
    as_of: Option<String>,
    pack: Option<String>,
}

/// The traveller's stays, lawful status, findings and trace as of a date (today by default).
pub(crate) async fn status(
    State(state): State<Arc<AppState>>,
    caller: Caller<TokenRow>,
    headers: HeaderMap,
    Path((issuing_state, document_number)): Path<(String, String)>,
    query: Result<Query<StatusQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Json<TravellerStatus>, ApiError> {
    let token = caller.who;
    let Query(q) = query.map_err(|_| ApiError::field("", "query string is malformed"))?;
    let key = parse_key(&issuing_state, &document_number).ok_or_else(|| {
        ApiError::field("issuing_state/document_number", "not a country code and document number")
    })?;
    let as_of = match q.as_of.as_deref() {
        None => umis_core::clock::today_utc(),
        Some(d) => umis_domain::Date::parse(d).map_err(|e| ApiError::field("as_of", e.to_string()))?,
    };
    if !umis_core::scan::valid_as_of(as_of) {
        return Err(ApiError::field("as_of", "must be within 1900-2199"));
    }
    let pack_name = q.pack.unwrap_or_else(|| "az".to_owned());
    if state.packs.get(&pack_name).is_none() {
        return Err(ApiError::field("pack", format!("unknown rule pack {pack_name:?}")));
    }
    let lang =
        Lang::parse(headers.get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()).unwrap_or("en"));
    let st = state.clone();
    let answer = run(move || {
        let pack = st.packs.get(&pack_name).ok_or_else(|| ApiError::internal(&"the rule pack vanished"))?;
        Ok::<_, ApiError>(traveller_status(
            &st.store,
            pack,
            &key,
            as_of,
            &format!("token:{}", token.name),
            lang,
        )?)
    })
    .await?;
    Ok(Json(answer))
}
