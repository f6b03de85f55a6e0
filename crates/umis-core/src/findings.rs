//! Findings on the wire: the scan's JSON Lines shape (field order as the spec prints it) and
//! the identity that makes a finding the same review item across scans. The `trp_absence`
//! finding is umis's own (the spec's scan output has no such line): it is stored for review
//! and written only by `umis scan --extended`.

use serde::Serialize;
use umis_domain::{Date, FindingKind};
use umis_rules::{AbsenceBreach, Finding, RegistrationPeriod};
use umis_store::TravellerKey;

#[derive(Serialize)]
struct Traveller<'a> {
    issuing_state: &'a str,
    document_number: &'a str,
}

#[derive(Serialize)]
#[serde(untagged)]
enum Line<'a> {
    Overstay {
        kind: FindingKind,
        traveller: Traveller<'a>,
        entry_date: Date,
        last_day: Date,
        overstay_days: u32,
        first_unlawful_day: Date,
    },
    Unregistered {
        kind: FindingKind,
        traveller: Traveller<'a>,
        entry_date: Date,
        deadline: Date,
    },
    Anomaly {
        kind: FindingKind,
        traveller: Traveller<'a>,
        anomaly: &'static str,
        date: Date,
    },
}

/// A temporary residence permit whose holder was abroad too long, as a line (field order
/// fixed): the permit, the first day the limit was exceeded, the window ending that day and
/// the days abroad in it, and the rule's values.
#[derive(Serialize)]
struct AbsenceLine<'a> {
    kind: FindingKind,
    traveller: Traveller<'a>,
    permit_number: &'a str,
    first_exceeded_day: Date,
    window_start: Date,
    days_abroad: u32,
    limit_days: u32,
    window_days: u32,
}

/// A `trp_absence` finding as a line of the extended scan output (without the newline).
pub fn absence_line(t: &TravellerKey, permit_number: &str, b: &AbsenceBreach) -> String {
    let line = AbsenceLine {
        kind: FindingKind::TrpAbsence,
        traveller: Traveller { issuing_state: &t.issuing_state, document_number: &t.document_number },
        permit_number,
        first_exceeded_day: b.first_exceeded_day,
        window_start: b.window_start,
        days_abroad: b.days_abroad,
        limit_days: b.limit,
        window_days: b.window_days,
    };
    // Serialising plain strings, numbers and dates cannot fail.
    serde_json::to_string(&line).unwrap_or_default()
}

/// The identity of a `trp_absence` finding: pack, traveller and permit. A permit is cancelled
/// once, so new crossings that move its first day keep the same review item.
pub fn absence_key(pack: &str, t: &TravellerKey, permit_number: &str) -> String {
    format!("{pack}|{}|{}|{}|{permit_number}", FindingKind::TrpAbsence, t.issuing_state, t.document_number)
}

/// A registration at place of stay its holder left running, as a line (field order fixed): the
/// registration, its period, and the exit it should have ended on.
#[derive(Serialize)]
struct NotEndedLine<'a> {
    kind: FindingKind,
    traveller: Traveller<'a>,
    registration_id: &'a str,
    registered_from: Date,
    registered_until: Option<Date>,
    exit_date: Date,
}

/// A `registration_not_ended` finding as a line of the extended scan output (no newline).
pub fn not_ended_line(
    t: &TravellerKey,
    registration_id: &str,
    p: &RegistrationPeriod,
    exit_date: Date,
) -> String {
    let line = NotEndedLine {
        kind: FindingKind::RegistrationNotEnded,
        traveller: Traveller { issuing_state: &t.issuing_state, document_number: &t.document_number },
        registration_id,
        registered_from: p.from,
        registered_until: p.until,
        exit_date,
    };
    // Serialising plain strings and dates cannot fail.
    serde_json::to_string(&line).unwrap_or_default()
}

/// The identity of a `registration_not_ended` finding: pack, traveller and registration (it is
/// left open once; a later exit that proves it again is the same review item).
pub fn not_ended_key(pack: &str, t: &TravellerKey, registration_id: &str) -> String {
    format!(
        "{pack}|{}|{}|{}|{registration_id}",
        FindingKind::RegistrationNotEnded,
        t.issuing_state,
        t.document_number
    )
}

/// One finding as a line of the scan's output (without the newline).
pub fn finding_line(t: &TravellerKey, f: &Finding) -> String {
    let traveller = Traveller { issuing_state: &t.issuing_state, document_number: &t.document_number };
    let line = match *f {
        Finding::Overstay { entry_date, last_day, overstay_days, first_unlawful_day } => Line::Overstay {
            kind: FindingKind::Overstay,
            traveller,
            entry_date,
            last_day,
            overstay_days,
            first_unlawful_day,
        },
        Finding::UnregisteredStay { entry_date, deadline } => {
            Line::Unregistered { kind: FindingKind::UnregisteredStay, traveller, entry_date, deadline }
        }
        Finding::Anomaly { anomaly, date } => {
            Line::Anomaly { kind: FindingKind::Anomaly, traveller, anomaly: anomaly.as_str(), date }
        }
    };
    // Serialising plain strings, numbers and dates cannot fail.
    serde_json::to_string(&line).unwrap_or_default()
}

/// The identity of a finding across scans: pack, kind, traveller and the stay (entry date) or
/// anomaly it is about. A longer overstay of the same stay is the same review item.
pub fn finding_key(pack: &str, t: &TravellerKey, f: &Finding) -> String {
    let what = match f {
        Finding::Anomaly { anomaly, .. } => anomaly.as_str(),
        _ => f.kind().as_str(),
    };
    format!("{pack}|{what}|{}|{}|{}", t.issuing_state, t.document_number, f.date())
}
