//! The officers' review queue as the JSON API shows it: the findings of stay control, open or
//! resolved, a page at a time. The read itself (audited: it is personal data) is the portal's
//! findings queue, `control::findings_page`; this module only renders it.

use crate::control::{self, ControlError};
use serde::Serialize;
use umis_domain::{Date, FindingKind, FindingStatus, Resolution};
use umis_store::Store;
use umis_store::control::{FindingFilter, FindingListRow};

/// Most items in one page.
pub const MAX_PAGE: u32 = control::MAX_PAGE;

/// One review item as the API shows it.
#[derive(Debug, Serialize)]
pub struct ReviewItem {
    /// Stable identity, also the pagination cursor.
    pub key: String,
    /// Rule pack that produced it.
    pub pack: String,
    /// What was found.
    pub kind: FindingKind,
    /// Issuing state of the traveller's document.
    pub issuing_state: String,
    /// The traveller's document number.
    pub document_number: String,
    /// The stay's entry date or the anomaly's date.
    pub date: Date,
    /// Whether it still waits for an officer.
    pub status: FindingStatus,
    /// Why it was resolved (`obsolete`: new data no longer supports it).
    pub resolution: Option<Resolution>,
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

/// Lists review items for the API client `actor` (the audit trail's name for it): the
/// portal's findings queue ([`control::findings_page`]), rendered as the API's wire type.
pub fn review_queue(
    store: &Store,
    status: Option<&str>,
    after: Option<&str>,
    limit: u32,
    actor: &str,
) -> Result<ReviewPage, ControlError> {
    let status = control::status_filter(status)?;
    let filter = FindingFilter { kind: None, status, after, limit: limit.clamp(1, MAX_PAGE) };
    let page = control::findings_page(store, actor, &filter)?;
    let items = page.items.into_iter().map(ReviewItem::from).collect();
    Ok(ReviewPage { items, next_after: page.next_after })
}

impl From<FindingListRow> for ReviewItem {
    fn from(r: FindingListRow) -> ReviewItem {
        ReviewItem {
            key: r.key,
            pack: r.pack,
            kind: r.kind,
            issuing_state: r.issuing_state,
            document_number: r.document_number,
            date: r.finding_date,
            status: r.status,
            resolution: r.resolution,
            finding: serde_json::value::RawValue::from_string(r.detail).ok(),
        }
    }
}
