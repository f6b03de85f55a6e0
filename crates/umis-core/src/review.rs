//! The officers' review queue: the findings of stay control, open or resolved, a page at a
//! time. Listing them is a read of personal data, so it is audited.

use serde::Serialize;
use umis_domain::Date;
use umis_store::{AuditEntry, ReviewQuery, Store, StoreError};

/// Most items in one page.
pub const MAX_PAGE: u32 = 500;

/// One review item as the API shows it.
#[derive(Debug, Serialize)]
pub struct ReviewItem {
    /// Stable identity, also the pagination cursor.
    pub key: String,
    /// Rule pack that produced it.
    pub pack: String,
    /// `overstay`, `unregistered_stay` or `anomaly`.
    pub kind: String,
    /// Issuing state of the traveller's document.
    pub issuing_state: String,
    /// The traveller's document number.
    pub document_number: String,
    /// The stay's entry date or the anomaly's date.
    pub date: Date,
    /// `open` or `resolved`.
    pub status: String,
    /// Why it was resolved (`obsolete`: new data no longer supports it).
    pub resolution: Option<String>,
    /// The finding exactly as the scan wrote it (same fields, same order).
    pub finding: Option<Box<serde_json::value::RawValue>>,
}

/// A page of the queue and the cursor of the next one.
#[derive(Debug, Serialize)]
pub struct ReviewPage {
    /// The items, in key order.
    pub items: Vec<ReviewItem>,
    /// Pass as `after` for the next page; `null` on the last page.
    pub next_after: Option<String>,
}

/// Lists review items for `actor`.
pub fn review_queue(
    store: &Store,
    status: Option<&str>,
    after: Option<&str>,
    limit: u32,
    actor: &str,
) -> Result<ReviewPage, StoreError> {
    let limit = limit.clamp(1, MAX_PAGE);
    let detail = serde_json::json!({ "status": status.unwrap_or("any"), "limit": limit }).to_string();
    let rows = store.review_items(
        &ReviewQuery { status, after, limit },
        &AuditEntry { actor, action: "findings.list", object: "findings", outcome: "ok", detail: &detail },
    )?;
    let next_after = (rows.len() as u32 == limit).then(|| rows.last().map(|r| r.key.clone())).flatten();
    let items = rows
        .into_iter()
        .map(|r| ReviewItem {
            key: r.key,
            pack: r.row.pack,
            kind: r.row.kind,
            issuing_state: r.traveller.issuing_state,
            document_number: r.traveller.document_number,
            date: r.row.date,
            status: r.row.status,
            resolution: r.row.resolution,
            finding: serde_json::value::RawValue::from_string(r.row.detail).ok(),
        })
        .collect();
    Ok(ReviewPage { items, next_after })
}
