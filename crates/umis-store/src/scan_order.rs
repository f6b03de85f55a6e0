//! The scan's order, made in memory: both dialects read crossings in one sequential pass (no
//! index walk, no database sort) and this module orders them by traveller (issuing state, then
//! document number, bytewise), instant and record id.
//!
//! Traveller keys are interned, so a million rows cost one small record per row plus the
//! record id; the sort is on integers except for the rare tie of equal instants.

use crate::StoreError;
use crate::rows::ScanCrossing;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use umis_domain::{Direction, EntryBasisKind};

struct Row {
    traveller: u32,
    occurred_at_ns: i64,
    /// Byte range of the record id in [`ScanOrder::ids`].
    record_id: (u32, u32),
    direction: Direction,
    entry_basis: Option<EntryBasisKind>,
    stay_days: Option<u16>,
    nationality: [u8; 3],
}

/// Collects rows in any order and hands them back in scan order.
#[derive(Default)]
pub(crate) struct ScanOrder {
    keys: HashMap<Box<str>, u32, BuildHasherDefault<Fnv>>,
    travellers: Vec<(Box<str>, Box<str>)>,
    rows: Vec<Row>,
    /// Every record id, end to end: one allocation instead of one per row.
    ids: String,
    key_buf: String,
}

/// FNV-1a: traveller keys are short and not attacker-chosen at this point (they passed
/// validation on import), so a fast non-keyed hash is the right trade.
#[derive(Default)]
struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 { 0xcbf2_9ce4_8422_2325 } else { self.0 };
        for &b in bytes {
            h = (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
        }
        self.0 = h;
    }
}

impl ScanOrder {
    #[expect(clippy::too_many_arguments, reason = "one argument per stored column")]
    pub(crate) fn push(
        &mut self,
        issuing_state: &str,
        document_number: &str,
        occurred_at_ns: i64,
        record_id: &str,
        direction: Direction,
        entry_basis: Option<EntryBasisKind>,
        stay_days: Option<u16>,
        nationality: &str,
    ) -> Result<(), StoreError> {
        let traveller = self.intern(issuing_state, document_number)?;
        let n = nationality.as_bytes();
        let nationality = if n.len() == 3 { [n[0], n[1], n[2]] } else { *b"???" };
        let start = self.ids.len();
        self.ids.push_str(record_id);
        let (Ok(a), Ok(b)) = (u32::try_from(start), u32::try_from(self.ids.len())) else {
            return Err(StoreError::Corrupt("record ids exceed 4 GiB".into()));
        };
        self.rows.push(Row {
            traveller,
            occurred_at_ns,
            record_id: (a, b),
            direction,
            entry_basis,
            stay_days,
            nationality,
        });
        Ok(())
    }

    /// The number of a traveller, given on first sight.
    fn intern(&mut self, issuing_state: &str, document_number: &str) -> Result<u32, StoreError> {
        self.key_buf.clear();
        self.key_buf.push_str(issuing_state);
        self.key_buf.push('\t');
        self.key_buf.push_str(document_number);
        if let Some(&t) = self.keys.get(self.key_buf.as_str()) {
            return Ok(t);
        }
        let t = u32::try_from(self.travellers.len())
            .map_err(|_| StoreError::Corrupt("too many travellers".into()))?;
        self.keys.insert(self.key_buf.as_str().into(), t);
        self.travellers.push((issuing_state.into(), document_number.into()));
        Ok(t)
    }

    /// Takes in the rows another collector gathered (another part of the same table).
    pub(crate) fn merge(&mut self, other: ScanOrder) -> Result<(), StoreError> {
        let mut remap = Vec::with_capacity(other.travellers.len());
        for (state, doc) in &other.travellers {
            let t = self.intern(state, doc)?;
            remap.push(t);
        }
        let offset = u32::try_from(self.ids.len())
            .map_err(|_| StoreError::Corrupt("record ids exceed 4 GiB".into()))?;
        self.ids.push_str(&other.ids);
        self.rows.reserve(other.rows.len());
        for mut row in other.rows {
            row.traveller = remap[row.traveller as usize];
            row.record_id = (row.record_id.0 + offset, row.record_id.1 + offset);
            self.rows.push(row);
        }
        Ok(())
    }

    /// Sorts and hands every row to `f`.
    pub(crate) fn emit(mut self, f: &mut dyn FnMut(ScanCrossing<'_>)) {
        self.keys = HashMap::default();
        let ids = std::mem::take(&mut self.ids);
        let id = |r: &Row| &ids[r.record_id.0 as usize..r.record_id.1 as usize];
        let mut order: Vec<u32> = (0..self.travellers.len() as u32).collect();
        order.sort_unstable_by(|&a, &b| self.travellers[a as usize].cmp(&self.travellers[b as usize]));
        let mut rank = vec![0u32; order.len()];
        for (r, &t) in order.iter().enumerate() {
            rank[t as usize] = r as u32;
        }
        // From here on a row's traveller is its rank, so the sort compares plain integers.
        for row in &mut self.rows {
            row.traveller = rank[row.traveller as usize];
        }
        let travellers: Vec<&(Box<str>, Box<str>)> =
            order.iter().map(|&t| &self.travellers[t as usize]).collect();
        self.rows.sort_unstable_by(|a, b| {
            (a.traveller, a.occurred_at_ns)
                .cmp(&(b.traveller, b.occurred_at_ns))
                .then_with(|| id(a).cmp(id(b)))
        });
        for row in &self.rows {
            let (state, doc) = travellers[row.traveller as usize];
            f(ScanCrossing {
                issuing_state: state,
                document_number: doc,
                occurred_at_ns: row.occurred_at_ns,
                record_id: id(row),
                direction: row.direction,
                entry_basis: row.entry_basis,
                stay_days: row.stay_days,
                nationality: std::str::from_utf8(&row.nationality).unwrap_or("???"),
            });
        }
    }
}
