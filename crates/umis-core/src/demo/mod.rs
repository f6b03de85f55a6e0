//! A deterministic synthetic population for demonstrations, load tests and trying umis out
//! without personal data.
//!
//! Real border, permit and registration data is personal data and can never leave its
//! system, yet a demo, a benchmark or a new officer's training needs a realistic volume of it.
//! [`generate`] writes the three interchange files (`crossings.csv`, `permits.csv`,
//! `registrations.csv`, exactly as `interchange.md` specifies) for a chosen number of
//! travellers over the two years before a date: many nationalities and scripts, real border
//! points, trips of every length, permits and registrations that agree with the trips, and a
//! few percent of the cases stay control exists to find. The same spec always gives the same
//! bytes, so a demo or a test can be rebuilt anywhere. Travellers are generated and written
//! one at a time, so memory stays flat whatever the size.

mod check;
mod csv;
mod names;
mod people;
mod places;
mod residents;
#[cfg(test)]
mod tests;
mod trips;

pub use check::DemoSummary;

use csv::CsvOut;
use people::Person;
use std::io;
use std::path::{Path, PathBuf};
use trips::{Ctx, Plan};
use umis_domain::Date;

/// What to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemoSpec {
    /// Number of distinct travellers (travel documents); at most 10,000,000.
    pub travellers: usize,
    /// Seed of the random generator: the same spec gives byte-identical files.
    pub seed: u64,
    /// The evaluation date: crossings fall in the two years up to and including it.
    pub as_of: Date,
}

/// The files written and their data rows (headers not counted).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoFiles {
    /// `crossings.csv`.
    pub crossings: PathBuf,
    /// `permits.csv`.
    pub permits: PathBuf,
    /// `registrations.csv`.
    pub registrations: PathBuf,
    /// Data rows in `crossings.csv`.
    pub crossing_rows: u64,
    /// Data rows in `permits.csv`.
    pub permit_rows: u64,
    /// Data rows in `registrations.csv`.
    pub registration_rows: u64,
}

const CROSSING_HEADER: &[&str] = &[
    "record_id",
    "direction",
    "occurred_at",
    "border_point",
    "document_type",
    "document_number",
    "document_issuing_state",
    "document_expiry",
    "person_surname",
    "person_given_names",
    "person_date_of_birth",
    "person_sex",
    "person_nationality",
    "entry_basis_kind",
    "entry_basis_reference",
    "entry_basis_stay_days",
];
const PERMIT_HEADER: &[&str] = &[
    "permit_number",
    "kind",
    "holder_issuing_state",
    "holder_document_number",
    "valid_from",
    "valid_until",
    "employer_tin",
    "status",
];
const REGISTRATION_HEADER: &[&str] = &[
    "registration_id",
    "holder_issuing_state",
    "holder_document_number",
    "submitted_on",
    "address",
    "host_kind",
    "stay_from",
    "stay_until",
];

/// Writes `crossings.csv`, `permits.csv` and `registrations.csv` into `out_dir` (which must
/// exist), replacing files of those names.
pub fn generate(spec: &DemoSpec, out_dir: &Path) -> io::Result<DemoFiles> {
    generate_with_summary(spec, out_dir).map(|(files, _)| files)
}

/// As [`generate`], and also says what stay control should find in the data under the `az`
/// rules as of `spec.as_of`.
pub fn generate_with_summary(spec: &DemoSpec, out_dir: &Path) -> io::Result<(DemoFiles, DemoSummary)> {
    let invalid = |msg: &str| io::Error::new(io::ErrorKind::InvalidInput, msg.to_owned());
    if spec.travellers > people::MAX_TRAVELLERS {
        return Err(invalid("a demo holds at most 10,000,000 travellers"));
    }
    if !(1910..=2190).contains(&spec.as_of.year()) {
        return Err(invalid("the demo date must be in 1910-2190"));
    }
    let files = DemoFiles {
        crossings: out_dir.join("crossings.csv"),
        permits: out_dir.join("permits.csv"),
        registrations: out_dir.join("registrations.csv"),
        crossing_rows: 0,
        permit_rows: 0,
        registration_rows: 0,
    };
    let mut out = Outputs {
        crossings: CsvOut::create(&files.crossings, CROSSING_HEADER)?,
        permits: CsvOut::create(&files.permits, PERMIT_HEADER)?,
        registrations: CsvOut::create(&files.registrations, REGISTRATION_HEADER)?,
        crossing_seq: 0,
    };
    let mut ctx = Ctx::new(spec.seed, spec.as_of);
    let offset = splitmix(spec.seed);
    let mut plan = Plan::default();
    let mut summary = DemoSummary::default();
    for index in 0..spec.travellers {
        let person = people::person(&mut ctx.rng, index as u64, offset, spec.as_of);
        trips::plan_traveller(&mut ctx, &person, &mut plan);
        check::judge(&plan, person.nat.code == "KAZ", spec.as_of, &mut summary);
        out.write(&person, &plan)?;
    }
    let files = DemoFiles {
        crossing_rows: out.crossings.finish()?,
        permit_rows: out.permits.finish()?,
        registration_rows: out.registrations.finish()?,
        ..files
    };
    Ok((files, summary))
}

/// One round of SplitMix64: spreads a seed into an unrelated-looking number.
fn splitmix(seed: u64) -> u64 {
    let mut z = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

struct Outputs {
    crossings: CsvOut,
    permits: CsvOut,
    registrations: CsvOut,
    crossing_seq: u64,
}

impl Outputs {
    fn write(&mut self, person: &Person, plan: &Plan) -> io::Result<()> {
        for stay in &plan.stays {
            if !stay.drop_entry {
                self.crossing(person, stay.entry, stay.entry_secs, stay.entry_point, Some(&stay.basis))?;
            }
            if let Some((day, secs, point)) = stay.exit
                && !stay.drop_exit
            {
                self.crossing(person, day, secs, point, None)?;
            }
        }
        let (state, number) = (person.nat.issuer, person.doc_number.as_str());
        for p in &plan.permits {
            let w = &mut self.permits;
            w.field(&p.number)?;
            w.field(p.kind)?;
            w.field(state)?;
            w.field(number)?;
            w.date(p.from)?;
            w.date(p.until)?;
            w.opt(p.tin.as_deref())?;
            w.field(if p.revoked { "revoked" } else { "active" })?;
            w.end_row()?;
        }
        for r in &plan.regs {
            let w = &mut self.registrations;
            w.field(&r.id)?;
            w.field(state)?;
            w.field(number)?;
            w.date(r.submitted)?;
            w.field(&r.address)?;
            w.field(r.host)?;
            w.date(r.from)?;
            match r.until {
                Some(d) => w.date(d)?,
                None => w.opt(None)?,
            }
            w.end_row()?;
        }
        Ok(())
    }

    fn crossing(
        &mut self,
        person: &Person,
        day: Date,
        secs: u32,
        point: &str,
        basis: Option<&trips::Basis>,
    ) -> io::Result<()> {
        self.crossing_seq += 1;
        let seq = self.crossing_seq;
        let w = &mut self.crossings;
        w.display(format_args!("{point}-{}-{seq:08}", day.year()))?;
        w.field(if basis.is_some() { "entry" } else { "exit" })?;
        // One record in three is reported in UTC (`Z`), the others in Baku time (`+04:00`).
        w.timestamp(day, secs, seq.is_multiple_of(3))?;
        w.field(point)?;
        w.field(person.doc_type)?;
        w.field(&person.doc_number)?;
        w.field(person.nat.issuer)?;
        match person.expiry {
            Some(d) => w.date(d)?,
            None => w.opt(None)?,
        }
        w.field(&person.surname)?;
        w.opt(person.given_names.as_deref())?;
        w.field(&person.date_of_birth)?;
        w.field(person.sex)?;
        w.field(person.nat.code)?;
        match basis {
            Some(b) => {
                w.field(b.kind)?;
                w.opt(b.reference.as_deref())?;
                match b.stay_days {
                    Some(n) => w.display(n)?,
                    None => w.opt(None)?,
                }
            }
            None => {
                for _ in 0..3 {
                    w.opt(None)?;
                }
            }
        }
        w.end_row()
    }
}
