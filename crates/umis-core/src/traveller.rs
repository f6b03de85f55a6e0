//! One traveller for an officer: stored records, stays, whether they are lawfully present on a
//! date, findings and the trace of rules applied, read once by [`read_traveller`] (audited in
//! the same transaction) for the API and the portal alike.

use crate::findings::{absence_line, finding_line};
use serde::Serialize;
use umis_domain::{CountryCode, Date, FindingKind, FindingStatus, Resolution};
use umis_rules::{
    AbsenceBreach, CrossingIn, Evaluation, Lang, PermitIn, RegistrationIn, RulePack, StayOut, TravellerIn,
    evaluate_traced, trp_absences,
};
use umis_store::control::{ResolutionRow, resolutions_of};
use umis_store::{AuditEntry, Store, StoreError, TravellerKey, TravellerRecords};

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
    kind: FindingKind,
    date: Date,
    status: FindingStatus,
    resolution: Option<Resolution>,
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
    /// Temporary residence permits whose holder was abroad too long, as `umis scan --extended`
    /// writes them (not part of the spec's `findings`).
    trp_absences: Vec<Box<serde_json::value::RawValue>>,
    review_items: Vec<ReviewItem>,
    trace: Vec<String>,
}

/// One traveller as an officer reads them: every stored record, the officers' resolutions of
/// the review items, and the stay engine's answer as of a date. The JSON API
/// ([`traveller_status`]) and the portal (`control::traveller_file`) both render this.
#[derive(Debug)]
pub struct TravellerRead {
    /// The document.
    pub key: TravellerKey,
    /// The evaluation date.
    pub as_of: Date,
    /// The rule pack used.
    pub pack: String,
    /// Crossings, permits, registrations and review items as stored.
    pub records: TravellerRecords,
    /// Officers' resolutions of the review items, oldest first.
    pub resolutions: Vec<ResolutionRow>,
    /// The stay engine's stays, findings and trace (the absence rule's lines included).
    pub eval: Evaluation,
    /// Temporary residence permits whose holder was abroad too long: the permit number and
    /// when the limit was exceeded.
    pub absences: Vec<(String, AbsenceBreach)>,
    /// `present` (a stay runs through the date), `absent`, or `unknown` (no crossings).
    pub presence: &'static str,
    /// Whether the date is a lawful day, when present.
    pub lawful: Option<bool>,
}

impl TravellerRead {
    /// Whether nothing at all is stored for the document.
    pub fn is_empty(&self) -> bool {
        let r = &self.records;
        r.crossings.is_empty() && r.permits.is_empty() && r.registrations.is_empty() && r.findings.is_empty()
    }
}

/// Reads one traveller and evaluates them as of `as_of`: the records and the audit record of
/// the read (by `who`, as the audit trail names the reader) in one transaction. The caller has
/// checked that `who` may read travellers.
pub fn read_traveller(
    store: &Store,
    who: &str,
    pack: &RulePack,
    key: &TravellerKey,
    as_of: Date,
) -> Result<TravellerRead, StoreError> {
    let object = format!("{}/{}", key.issuing_state, key.document_number);
    let detail = serde_json::json!({ "as_of": as_of.to_string(), "pack": pack.name() }).to_string();
    let audit =
        AuditEntry { actor: who, action: "traveller.read", object: &object, outcome: "ok", detail: &detail };
    let (records, resolutions) = store.transact(|db| {
        db.audit(&audit)?;
        let records = umis_store::traveller::records(db, key)?;
        let resolutions = resolutions_of(db, &key.issuing_state, &key.document_number)?;
        Ok::<_, StoreError>((records, resolutions))
    })?;
    let input = engine_input(&records);
    let mut eval = evaluate_traced(pack, &input, as_of);
    let absences: Vec<(String, AbsenceBreach)> = trp_absences(pack, &input, as_of)
        .into_iter()
        .map(|a| {
            (records.permits.get(a.permit).map_or_else(String::new, |p| p.permit_number.clone()), a.breach)
        })
        .collect();
    eval.trace.extend(absences.iter().map(|(number, b)| b.trp_line(number)));
    let current = eval.stays.iter().rev().find(|s| !s.dropped && s.open);
    let presence = match (records.crossings.is_empty(), current) {
        (true, _) => "unknown",
        (false, Some(_)) => "present",
        (false, None) => "absent",
    };
    let lawful = current
        .map(|s| s.first_unlawful_day.is_none_or(|d| d > as_of) || covered(&input.permits, pack, as_of));
    Ok(TravellerRead {
        key: key.clone(),
        as_of,
        pack: pack.name().to_owned(),
        records,
        resolutions,
        eval,
        absences,
        presence,
        lawful,
    })
}

/// The stored records as the stay engine takes them.
pub(crate) fn engine_input(rec: &TravellerRecords) -> TravellerIn {
    TravellerIn {
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
    }
}

/// Evaluates one traveller as of `as_of` for the JSON API, audited as read by `actor`.
pub fn traveller_status(
    store: &Store,
    pack: &RulePack,
    key: &TravellerKey,
    as_of: Date,
    actor: &str,
    lang: Lang,
) -> Result<TravellerStatus, StoreError> {
    let read = read_traveller(store, actor, pack, key, as_of)?;
    let review_items = read
        .records
        .findings
        .iter()
        .map(|f| ReviewItem {
            pack: f.pack.clone(),
            kind: f.kind,
            date: f.finding_date,
            status: f.status,
            resolution: f.resolution,
        })
        .collect();
    Ok(TravellerStatus {
        issuing_state: key.issuing_state.clone(),
        document_number: key.document_number.clone(),
        as_of,
        pack: read.pack,
        presence: read.presence,
        lawful: read.lawful,
        crossings: read.records.crossings.len(),
        permits: read.records.permits.len(),
        registrations: read.records.registrations.len(),
        stays: read.eval.stays.iter().map(StayView::from).collect(),
        findings: read
            .eval
            .findings
            .iter()
            .filter_map(|f| serde_json::value::RawValue::from_string(finding_line(key, f)).ok())
            .collect(),
        trp_absences: read
            .absences
            .iter()
            .filter_map(|(number, b)| {
                serde_json::value::RawValue::from_string(absence_line(key, number, b)).ok()
            })
            .collect(),
        review_items,
        trace: read.eval.trace.iter().map(|t| t.render(lang)).collect(),
    })
}

impl From<&StayOut> for StayView {
    fn from(s: &StayOut) -> StayView {
        StayView {
            entry_date: s.entry_date,
            last_day: s.last_day,
            still_inside: s.open,
            dropped: s.dropped,
            entry_basis: s.basis.as_str().to_owned(),
            limit_days: s.limit,
            lawful_days: s.lawful_days,
            overstay_days: s.overstay_days,
            first_unlawful_day: s.first_unlawful_day,
        }
    }
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
