//! RFC 4180 CSV with a header row, read record by record with bounded memory.
//!
//! A quoted field may span lines; a quote left open to the end of the input (or beyond the
//! record cap) rejects only the line it started on, and the lines it swallowed are parsed again.

use super::fields::{MAX_FIELDS, Raw, RawRow, RecordKind, fields_of};
use super::lines::{Line, LineReader};
use super::{RowError, RowVisitor, Unusable};
use std::io::{self, BufRead};

/// How splitting one record ended.
#[derive(Debug, PartialEq, Eq)]
enum Split {
    Complete,
    /// The record ends inside a quoted field: it continues on the next line.
    Open,
    Malformed(&'static str),
}

/// Splits `rec` into unescaped fields stored in `out`, with their byte ranges in `ranges`.
fn split(rec: &[u8], out: &mut Vec<u8>, ranges: &mut Vec<(usize, usize)>) -> Split {
    #[derive(Clone, Copy, PartialEq)]
    enum S {
        Start,
        Unquoted,
        Quoted,
        QuoteInQuoted,
    }
    out.clear();
    ranges.clear();
    let mut state = S::Start;
    let mut begin = 0;
    for &b in rec {
        state = match (state, b) {
            (S::Start, b'"') => S::Quoted,
            (S::Start | S::Unquoted | S::QuoteInQuoted, b',') => {
                ranges.push((begin, out.len()));
                begin = out.len();
                S::Start
            }
            (S::Start | S::Unquoted, _) if b == b'"' => {
                return Split::Malformed("quote inside an unquoted field");
            }
            (S::Start | S::Unquoted, _) => {
                out.push(b);
                S::Unquoted
            }
            (S::Quoted, b'"') => S::QuoteInQuoted,
            (S::Quoted, _) => {
                out.push(b);
                S::Quoted
            }
            (S::QuoteInQuoted, b'"') => {
                out.push(b'"');
                S::Quoted
            }
            (S::QuoteInQuoted, _) => return Split::Malformed("text after a closing quote"),
        };
    }
    if state == S::Quoted {
        return Split::Open;
    }
    ranges.push((begin, out.len()));
    Split::Complete
}

/// Rows of a CSV file whose header has been checked.
pub(crate) struct CsvSource<R> {
    lines: LineReader<R>,
    /// For each column of the header, the field it fills.
    columns: Vec<usize>,
    record: Vec<u8>,
    record_lines: Vec<Line>,
    out: Vec<u8>,
    ranges: Vec<(usize, usize)>,
    max_record_bytes: usize,
}

fn strip_bom(bytes: &mut Vec<u8>) {
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        bytes.drain(..3);
    }
}

impl<R: BufRead> CsvSource<R> {
    /// Reads and checks the header: every column known, none twice, every required one there.
    pub(crate) fn new(
        reader: R,
        kind: RecordKind,
        max_record_bytes: usize,
    ) -> Result<CsvSource<R>, Unusable> {
        let mut lines = LineReader::new(reader, max_record_bytes);
        let mut header = loop {
            match lines.next_line().map_err(Unusable::io)? {
                None => return Err(Unusable("has no header row".into())),
                Some(l) if l.too_long => return Err(Unusable("header row is too long".into())),
                Some(l) if l.bytes.is_empty() => continue,
                Some(l) => break l.bytes,
            }
        };
        strip_bom(&mut header);
        let (mut out, mut ranges) = (Vec::new(), Vec::new());
        if split(&header, &mut out, &mut ranges) != Split::Complete {
            return Err(Unusable("header row is not valid CSV".into()));
        }
        let text = std::str::from_utf8(&out).map_err(|_| Unusable("header row is not UTF-8".into()))?;
        let specs = fields_of(kind);
        let mut columns = Vec::with_capacity(ranges.len());
        for &(a, b) in &ranges {
            let name = &text[a..b];
            let field = specs.iter().position(|s| s.name.replace('.', "_") == name).ok_or_else(|| {
                let shown: String = name.chars().take(40).collect();
                Unusable(format!("header has unknown column {shown:?} for {}", kind.as_str()))
            })?;
            if columns.contains(&field) {
                return Err(Unusable(format!("header names column {name:?} twice")));
            }
            columns.push(field);
        }
        let missing: Vec<String> = (0..specs.len())
            .filter(|i| specs[*i].required_column && !columns.contains(i))
            .map(|i| specs[i].name.replace('.', "_"))
            .collect();
        if !missing.is_empty() {
            return Err(Unusable(format!("header lacks required columns: {}", missing.join(", "))));
        }
        Ok(CsvSource {
            lines,
            columns,
            record: Vec::new(),
            record_lines: Vec::new(),
            out,
            ranges,
            max_record_bytes,
        })
    }

    /// An unclosed quote: reject the line it opened on and read the swallowed lines again.
    fn give_back_open_record(&mut self, visit: &mut RowVisitor<'_>) -> bool {
        let mut lines = std::mem::take(&mut self.record_lines);
        let first = lines.remove(0);
        self.lines.push_back(lines);
        visit(first.number, Err("quoted field is never closed".into()));
        true
    }

    fn visit_complete(&mut self, visit: &mut RowVisitor<'_>) {
        let number = self.record_lines[0].number;
        if self.ranges.len() != self.columns.len() {
            let reason = format!("has {} fields, the header has {}", self.ranges.len(), self.columns.len());
            // The identifier is still worth reporting when its column is readable.
            let record_id = self
                .columns
                .iter()
                .position(|&f| f == 0)
                .and_then(|c| self.ranges.get(c))
                .and_then(|&(a, b)| std::str::from_utf8(&self.out[a..b]).ok())
                .filter(|id| !id.is_empty() && id.chars().count() <= 64 && !id.contains('\0'))
                .map(str::to_owned);
            return visit(number, Err(RowError { reason, record_id }));
        }
        let Ok(text) = std::str::from_utf8(&self.out) else {
            return visit(number, Err("is not valid UTF-8 (the file must be UTF-8)".into()));
        };
        if text.contains('\0') {
            return visit(number, Err("contains a NUL byte".into()));
        }
        let mut row: RawRow<'_> = [None; MAX_FIELDS];
        for (&(a, b), &field) in self.ranges.iter().zip(&self.columns) {
            if b > a {
                row[field] = Some(Raw::Str(&text[a..b]));
            }
        }
        visit(number, Ok(&row));
    }
}

impl<R: BufRead> super::RowSource for CsvSource<R> {
    /// Reads the next record and hands it (or why it is refused) to `visit`; `false` at the end.
    fn next_row(&mut self, visit: &mut RowVisitor<'_>) -> io::Result<bool> {
        self.record.clear();
        self.record_lines.clear();
        let mut open = false;
        loop {
            let Some(line) = self.lines.next_line()? else {
                if self.record_lines.is_empty() {
                    return Ok(false);
                }
                return Ok(self.give_back_open_record(visit));
            };
            if line.too_long {
                if self.record_lines.is_empty() {
                    visit(
                        line.number,
                        Err(format!("line longer than {} bytes", self.max_record_bytes).into()),
                    );
                    return Ok(true);
                }
                self.record_lines.push(line);
                return Ok(self.give_back_open_record(visit));
            }
            if self.record_lines.is_empty() && line.bytes.is_empty() {
                continue;
            }
            if !self.record_lines.is_empty() {
                self.record.push(b'\n');
            }
            // Parity of quotes so far: odd means the record continues on the next line. Only the
            // new line is counted, so a long open quote costs linear time.
            let quotes = line.bytes.iter().filter(|b| **b == b'"').count();
            open ^= quotes % 2 == 1;
            self.record.extend_from_slice(&line.bytes);
            self.record_lines.push(line);
            if open {
                if self.record.len() <= self.max_record_bytes {
                    continue;
                }
                return Ok(self.give_back_open_record(visit));
            }
            match split(&self.record, &mut self.out, &mut self.ranges) {
                Split::Open => return Ok(self.give_back_open_record(visit)),
                Split::Malformed(why) => {
                    // Reject the line the record began on; lines it swallowed are read again.
                    let mut lines = std::mem::take(&mut self.record_lines);
                    let first = lines.remove(0);
                    self.lines.push_back(lines);
                    visit(first.number, Err(RowError { reason: why.to_owned(), record_id: None }));
                    return Ok(true);
                }
                Split::Complete => {
                    self.visit_complete(visit);
                    return Ok(true);
                }
            }
        }
    }

    fn bytes_read(&self) -> u64 {
        self.lines.bytes_read()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(rec: &str) -> (Split, Vec<String>) {
        let (mut out, mut ranges) = (Vec::new(), Vec::new());
        let s = split(rec.as_bytes(), &mut out, &mut ranges);
        (s, ranges.iter().map(|&(a, b)| String::from_utf8_lossy(&out[a..b]).into_owned()).collect())
    }

    #[test]
    fn splits_rfc4180_records() {
        let v = |xs: &[&str]| xs.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(fields("a,b,c"), (Split::Complete, v(&["a", "b", "c"])));
        assert_eq!(fields("a,,"), (Split::Complete, v(&["a", "", ""])));
        assert_eq!(fields(r#""a,1","say ""hi""",x"#), (Split::Complete, v(&["a,1", r#"say "hi""#, "x"])));
        assert_eq!(fields("\"line\nbreak\",b"), (Split::Complete, v(&["line\nbreak", "b"])));
        assert_eq!(fields("\"open,b").0, Split::Open);
        assert_eq!(fields("a\"b,c").0, Split::Malformed("quote inside an unquoted field"));
        assert_eq!(fields("\"a\"b,c").0, Split::Malformed("text after a closing quote"));
    }
}
