//! The CSV side of the generator: RFC 4180 fields and CRLF line ends written by the `csv`
//! crate, streaming through a `BufWriter`, and the timestamp and date spellings of the
//! interchange spec. Dates and instants are spelled into one reused buffer, so a million rows
//! are written without allocating per field.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::Path;
use umis_domain::Date;

/// One output file being written row by row.
pub(super) struct CsvOut {
    out: csv::Writer<BufWriter<File>>,
    rows: u64,
    scratch: Vec<u8>,
}

impl CsvOut {
    /// Creates `path` and writes its header row.
    pub(super) fn create(path: &Path, header: &[&str]) -> io::Result<CsvOut> {
        let file = BufWriter::with_capacity(1 << 20, File::create(path)?);
        let out = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(file);
        let mut csv = CsvOut { out, rows: 0, scratch: Vec::new() };
        csv.out.write_record(header)?;
        Ok(csv)
    }

    /// Writes a text field, quoted when it holds a comma, a quote or a line break.
    pub(super) fn field(&mut self, value: &str) -> io::Result<()> {
        Ok(self.out.write_field(value)?)
    }

    /// Writes an optional text field; `None` is an empty cell.
    pub(super) fn opt(&mut self, value: Option<&str>) -> io::Result<()> {
        self.field(value.unwrap_or(""))
    }

    /// Writes a field from its `Display` form.
    pub(super) fn display(&mut self, value: impl std::fmt::Display) -> io::Result<()> {
        self.scratch.clear();
        write!(self.scratch, "{value}")?;
        Ok(self.out.write_field(&self.scratch)?)
    }

    /// Writes a date, `YYYY-MM-DD`.
    pub(super) fn date(&mut self, d: Date) -> io::Result<()> {
        self.scratch.clear();
        write_date(&mut self.scratch, d)?;
        Ok(self.out.write_field(&self.scratch)?)
    }

    /// Writes the border check at `secs` after local midnight of `day` in Baku (UTC+4), in
    /// UTC with `Z` or in local time with `+04:00`: the same instant either way.
    pub(super) fn timestamp(&mut self, day: Date, secs: u32, utc: bool) -> io::Result<()> {
        let local = i64::from(day.days()) * 86_400 + i64::from(secs);
        let t = if utc { local - 4 * 3600 } else { local };
        let d = Date::from_days(i32::try_from(t.div_euclid(86_400)).unwrap_or(0));
        let s = t.rem_euclid(86_400);
        self.scratch.clear();
        write_date(&mut self.scratch, d)?;
        write!(self.scratch, "T{:02}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)?;
        self.scratch.extend_from_slice(if utc { b"Z" } else { b"+04:00" });
        Ok(self.out.write_field(&self.scratch)?)
    }

    /// Ends the current row.
    pub(super) fn end_row(&mut self) -> io::Result<()> {
        self.rows += 1;
        Ok(self.out.write_record(None::<&[u8]>)?)
    }

    /// Flushes the file; returns the number of data rows written.
    pub(super) fn finish(mut self) -> io::Result<u64> {
        self.out.flush()?;
        Ok(self.rows)
    }
}

fn write_date(out: &mut impl Write, d: Date) -> io::Result<()> {
    let (y, m, day) = d.ymd();
    let digits = [
        b'0' + (y / 1000 % 10) as u8,
        b'0' + (y / 100 % 10) as u8,
        b'0' + (y / 10 % 10) as u8,
        b'0' + (y % 10) as u8,
        b'-',
        b'0' + (m / 10) as u8,
        b'0' + (m % 10) as u8,
        b'-',
        b'0' + (day / 10) as u8,
        b'0' + (day % 10) as u8,
    ];
    out.write_all(&digits)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_only_what_needs_it_and_spells_instants_both_ways() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("t.csv");
        let mut csv = CsvOut::create(&path, &["a", "b", "c", "d", "e"])?;
        let day = Date::parse("2026-03-02")?;
        csv.field("plain ə")?;
        csv.field("\"Qala\" hostel, Bakı")?;
        csv.opt(None)?;
        csv.timestamp(day, 3600, true)?;
        csv.timestamp(day, 3600, false)?;
        csv.end_row()?;
        assert_eq!(csv.finish()?, 1);
        let text = std::fs::read_to_string(&path)?;
        assert_eq!(
            text,
            "a,b,c,d,e\r\nplain ə,\"\"\"Qala\"\" hostel, Bakı\",,2026-03-01T21:00:00Z,2026-03-02T01:00:00+04:00\r\n"
        );
        Ok(())
    }
}
