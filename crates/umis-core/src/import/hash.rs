//! Content hashes of records: equal for the same facts however they were encoded (CSV or
//! JSON, any UTC offset for the same instant), so a re-sent record is a duplicate and a changed
//! one a conflict.

use super::fields::Record;
use xxhash_rust::xxh3::Xxh3;

struct Canon(Xxh3);

impl Canon {
    fn text(&mut self, s: &str) -> &mut Canon {
        self.0.update(&[0x01]);
        self.0.update(s.as_bytes());
        self.0.update(&[0x1F]);
        self
    }

    fn opt(&mut self, s: Option<&str>) -> &mut Canon {
        match s {
            Some(s) => self.text(s),
            None => {
                self.0.update(&[0x00, 0x1F]);
                self
            }
        }
    }

    fn int(&mut self, n: i64) -> &mut Canon {
        self.0.update(&[0x02]);
        self.0.update(&n.to_le_bytes());
        self
    }
}

/// The 64-bit content hash of a record (xxh3), as a signed integer for the database.
pub(crate) fn content_hash(record: &Record) -> i64 {
    let mut c = Canon(Xxh3::new());
    match record {
        Record::Crossing(x) => {
            c.text(&x.record_id).text(x.direction.as_str()).int(x.occurred_at.nanos()).text(&x.border_point);
            c.text(&x.document_type).text(&x.document_number).text(x.issuing_state.as_str());
            c.opt(x.document_expiry.map(|d| d.to_string()).as_deref()).text(&x.surname);
            c.opt(x.given_names.as_deref()).text(&x.date_of_birth).text(x.sex.as_str());
            c.text(x.nationality.as_str()).opt(x.entry_basis.map(|b| b.as_str()));
            c.opt(x.entry_basis_reference.as_deref()).int(x.stay_days.map_or(-1, i64::from));
        }
        Record::Permit(p) => {
            c.text(&p.permit_number).text(p.kind.as_str()).text(p.issuing_state.as_str());
            c.text(&p.document_number).int(p.valid_from.days().into()).int(p.valid_until.days().into());
            c.opt(p.employer_tin.as_deref()).text(p.status.as_str());
        }
        Record::Registration(r) => {
            c.text(&r.registration_id).text(r.issuing_state.as_str()).text(&r.document_number);
            c.int(r.submitted_on.days().into()).text(&r.address).text(r.host_kind.as_str());
            c.int(r.stay_from.days().into()).int(r.stay_until.map_or(i64::MIN, |d| d.days().into()));
        }
    }
    c.0.digest() as i64
}
