//! The officers' review queue as the JSON API shows it: the findings of stay control, open or
//! resolved, a page at a time. The read itself (audited: it is personal data) is the portal's
//! findings queue, `control::findings_page`; this module only renders it.

use crate::control::{self, ControlError};
use serde::Serialize;
use umis_domain::Date;
use umis_store::control::{FindingFilter, FindingListRow};
use umis_store::{Store, StoreError};

/// Most items in one page.
pub const MAX_PAGE: u32 = control::MAX_PAGE;

/// One review item as the API shows it.
#[derive(Debug, Serialize)]
pub struct ReviewItem {
    /// Stable identity, also the pagination cursor.
    pub key: String,
    /// Rule pack that produced it.
    pub pack: String,
    /// `overstay`, `unregistered_stay`, `anomaly` or `trp_absence`.
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

/// Lists review items for the API client `actor` (the audit trail's name for it): the
/// portal's findings queue ([`control::findings_page`]), rendered as the API's wire type.
pub fn review_queue(
    store: &Store,
    status: Option<&str>,
    after: Option<&str>,
    limit: u32,
    actor: &str,
) -> Result<ReviewPage, ControlError> {
    let filter = FindingFilter { kind: None, status, after, limit: limit.clamp(1, MAX_PAGE) };
    let page = control::findings_page(store, actor, &filter)?;
    let items = page.items.into_iter().map(ReviewItem::try_from).collect::<Result<_, _>>()?;
    Ok(ReviewPage { items, next_after: page.next_after })
}

impl TryFrom<FindingListRow> for ReviewItem {
    type Error = ControlError;

    fn try_from(r: FindingListRow) -> Result<ReviewItem, ControlError> {
        let date = Date::parse(&r.finding_date)
            .map_err(|_| StoreError::Corrupt(format!("finding date: {:?}", r.finding_date)))?;
        Ok(ReviewItem {
            key: r.key,
            pack: r.pack,
            kind: r.kind,
            issuing_state: r.issuing_state,
            document_number: r.document_number,
            date,
            status: r.status,
            resolution: r.resolution,
            finding: serde_json::value::RawValue::from_string(r.detail).ok(),
        })
    }
}
