//! One traveller's status for an officer: stays, whether they are lawfully present on a date,
//! findings and the trace of rules applied. Every such read is audited in the same transaction.

use crate::findings::finding_line;
use serde::Serialize;
use umis_domain::{CountryCode, Date};
use umis_rules::{CrossingIn, Lang, PermitIn, RegistrationIn, RulePack, TravellerIn, evaluate_traced};
use umis_store::{AuditEntry, Store, StoreError, TravellerKey};

/// A stay as an officer sees it.
#[derive(Debug, Serialize)]
pub struct StayView {
    entry_date: Date,
    last_day: Date,
    still_inside: bool,
    dropped: bool,
    entry_basis: String,
    limit_days: Option<u32>,
    lawful_days: u32,
    overstay_days: u32,
    first_unlawful_day: Option<Date>,
}

/// A stored review item.
#[derive(Debug, Serialize)]
pub struct ReviewItem {
    pack: String,
    kind: String,
    date: Date,
    status: String,
    resolution: Option<String>,
}

/// The answer to "what is this traveller's status on this date?".
#[derive(Debug, Serialize)]
pub struct TravellerStatus {
    issuing_state: String,
    document_number: String,
    as_of: Date,
    pack: String,
    /// `present` (a stay runs through the date), `absent`, or `unknown` (no crossings).
    presence: &'static str,
    /// Whether the date is a lawful day, when present.
    lawful: Option<bool>,
    crossings: usize,
    permits: usize,
    registrations: usize,
    stays: Vec<StayView>,
    findings: Vec<Box<serde_json::value::RawValue>>,
    review_items: Vec<ReviewItem>,
    trace: Vec<String>,
}

/// Evaluates one traveller as of `as_of` and audits the read as `actor`.
pub fn traveller_status(
    store: &Store,
    pack: &RulePack,
    key: &TravellerKey,
    as_of: Date,
    actor: &str,
    lang: Lang,
) -> Result<TravellerStatus, StoreError> {
    let object = format!("{}/{}", key.issuing_state, key.document_number);
    let detail = serde_json::json!({ "as_of": as_of.to_string(), "pack": pack.name() }).to_string();
    let rec = store.traveller(
        key,
        &AuditEntry { actor, action: "traveller.read", object: &object, outcome: "ok", detail: &detail },
    )?;
    let input = TravellerIn {
        crossings: rec
            .crossings
            .iter()
            .map(|c| CrossingIn {
                record_id: c.record_id.clone(),
                direction: c.direction,
                utc_seconds: c.occurred_at.seconds(),
                utc_nanos: c.occurred_at.nanos(),
                basis: c.entry_basis,
                stay_days: c.stay_days,
                nationality: Some(c.nationality),
            })
            .collect(),
        permits: rec
            .permits
            .iter()
            .map(|p| PermitIn {
                kind: p.kind,
                valid_from: p.valid_from,
                valid_until: p.valid_until,
                active: p.status == umis_domain::PermitStatus::Active,
            })
            .collect(),
        registrations: rec
            .registrations
            .iter()
            .map(|r| RegistrationIn { submitted_on: r.submitted_on })
            .collect(),
    };
    let eval = evaluate_traced(pack, &input, as_of);
    let current = eval.stays.iter().rev().find(|s| !s.dropped && s.open);
    let presence = match (rec.crossings.is_empty(), current) {
        (true, _) => "unknown",
        (false, Some(_)) => "present",
        (false, None) => "absent",
    };
    let lawful = current
        .map(|s| s.first_unlawful_day.is_none_or(|d| d > as_of) || covered(&input.permits, pack, as_of));
    Ok(TravellerStatus {
        issuing_state: key.issuing_state.clone(),
        document_number: key.document_number.clone(),
        as_of,
        pack: pack.name().to_owned(),
        presence,
        lawful,
        crossings: rec.crossings.len(),
        permits: rec.permits.len(),
        registrations: rec.registrations.len(),
        stays: eval
            .stays
            .iter()
            .map(|s| StayView {
                entry_date: s.entry_date,
                last_day: s.last_day,
                still_inside: s.open,
                dropped: s.dropped,
                entry_basis: s.basis.as_str().to_owned(),
                limit_days: s.limit,
                lawful_days: s.lawful_days,
                overstay_days: s.overstay_days,
                first_unlawful_day: s.first_unlawful_day,
            })
            .collect(),
        findings: eval
            .findings
            .iter()
            .filter_map(|f| serde_json::value::RawValue::from_string(finding_line(key, f)).ok())
            .collect(),
        review_items: rec
            .findings
            .into_iter()
            .map(|f| ReviewItem {
                pack: f.pack,
                kind: f.kind,
                date: f.date,
                status: f.status,
                resolution: f.resolution,
            })
            .collect(),
        trace: eval.trace.iter().map(|t| t.render(lang)).collect(),
    })
}

fn covered(permits: &[PermitIn], pack: &RulePack, day: Date) -> bool {
    let lawful = pack.lawful_permits(day);
    permits.iter().any(|p| p.active && lawful.contains(p.kind) && p.covers(day))
}

/// Parses the path parts of a traveller (issuing state, document number) as the importer does.
pub fn parse_key(issuing_state: &str, document_number: &str) -> Option<TravellerKey> {
    let state = CountryCode::parse(issuing_state).ok()?;
    let doc = umis_domain::text::document_number("document_number", document_number).ok()?;
    Some(TravellerKey { issuing_state: state.to_string(), document_number: doc })
}
