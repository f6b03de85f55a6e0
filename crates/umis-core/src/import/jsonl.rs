//! JSON Lines: one object per line, nested as the interchange spec writes it. The same
//! extraction serves the HTTP feed's JSON array bodies, element by element.

use super::fields::{FieldSpec, MAX_FIELDS, Raw, RawRow, RecordKind, fields_of};
use super::lines::LineReader;
use super::{RowError, RowVisitor};
use serde_json::{Map, Value};
use std::io::{self, BufRead};

fn raw(v: &Value) -> Option<Raw<'_>> {
    match v {
        Value::Null => None,
        Value::String(s) if s.is_empty() => None,
        Value::String(s) => Some(Raw::Str(s)),
        Value::Number(n) => Some(n.as_i64().map_or(Raw::Other("a non-integer number"), Raw::Int)),
        Value::Bool(_) => Some(Raw::Other("a boolean")),
        Value::Array(_) => Some(Raw::Other("an array")),
        Value::Object(_) => Some(Raw::Other("an object")),
    }
}

fn place<'a>(specs: &[FieldSpec], row: &mut RawRow<'a>, name: &str, v: &'a Value) -> Result<(), String> {
    let i = specs.iter().position(|s| s.name == name).ok_or_else(|| {
        let shown: String = name.chars().take(40).collect();
        format!("unknown field {shown:?}")
    })?;
    row[i] = raw(v);
    Ok(())
}

/// Maps one JSON value onto the fields of `kind`: it must be an object, nested objects only
/// where the spec nests, no unknown keys.
pub(crate) fn extract<'a>(kind: RecordKind, value: &'a Value) -> Result<RawRow<'a>, RowError> {
    let Value::Object(obj) = value else {
        return Err("is not a JSON object".into());
    };
    let id_field = fields_of(kind)[0].name;
    let record_id =
        obj.get(id_field).and_then(Value::as_str).filter(|s| !s.is_empty() && s.chars().count() <= 64);
    extract_object(kind, obj).map_err(|reason| RowError { reason, record_id: record_id.map(str::to_owned) })
}

fn extract_object<'a>(kind: RecordKind, obj: &'a Map<String, Value>) -> Result<RawRow<'a>, String> {
    let specs = fields_of(kind);
    let mut row: RawRow<'a> = [None; MAX_FIELDS];
    for (key, v) in obj {
        if key.contains('.') {
            let shown: String = key.chars().take(40).collect();
            return Err(format!("unknown field {shown:?} (nest it: {{\"a\": {{\"b\": …}}}})"));
        }
        let is_group = specs.iter().any(|s| s.name.split_once('.').is_some_and(|(g, _)| g == key));
        if !is_group {
            place(specs, &mut row, key, v)?;
            continue;
        }
        match v {
            Value::Null => {}
            Value::Object(inner) => nested(specs, &mut row, key, inner)?,
            _ => return Err(format!("{key} must be an object")),
        }
    }
    Ok(row)
}

fn nested<'a>(
    specs: &[FieldSpec],
    row: &mut RawRow<'a>,
    group: &str,
    inner: &'a Map<String, Value>,
) -> Result<(), String> {
    for (k, v) in inner {
        place(specs, row, &format!("{group}.{k}"), v)?;
    }
    Ok(())
}

/// Rows of a JSON Lines input.
pub(crate) struct JsonlSource<R> {
    lines: LineReader<R>,
    kind: RecordKind,
    max_line_bytes: usize,
}

impl<R: BufRead> JsonlSource<R> {
    pub(crate) fn new(reader: R, kind: RecordKind, max_line_bytes: usize) -> JsonlSource<R> {
        JsonlSource { lines: LineReader::new(reader, max_line_bytes), kind, max_line_bytes }
    }
}

/// Parses one JSON text and hands its row (or the refusal) to `visit`.
pub(crate) fn visit_line(kind: RecordKind, number: u64, bytes: &[u8], visit: &mut RowVisitor<'_>) {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return visit(number, Err("is not valid UTF-8 (the file must be UTF-8)".into()));
    };
    if text.contains('\0') {
        return visit(number, Err("contains a NUL byte".into()));
    }
    match serde_json::from_str::<Value>(text) {
        Err(e) => visit(number, Err(format!("is not valid JSON: {e}").into())),
        Ok(value) => visit_value(kind, number, &value, visit),
    }
}

/// Hands one parsed JSON value's row (or the refusal) to `visit`.
pub(crate) fn visit_value(kind: RecordKind, number: u64, value: &Value, visit: &mut RowVisitor<'_>) {
    match extract(kind, value) {
        Ok(row) => visit(number, Ok(&row)),
        Err(e) => visit(number, Err(e)),
    }
}

impl<R: BufRead> super::RowSource for JsonlSource<R> {
    /// Reads the next non-blank line and hands it to `visit`; `false` at the end.
    fn next_row(&mut self, visit: &mut RowVisitor<'_>) -> io::Result<bool> {
        loop {
            let Some(mut line) = self.lines.next_line()? else { return Ok(false) };
            if line.too_long {
                visit(line.number, Err(format!("line longer than {} bytes", self.max_line_bytes).into()));
                return Ok(true);
            }
            if line.number == 1 && line.bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
                line.bytes.drain(..3);
            }
            if line.bytes.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            visit_line(self.kind, line.number, &line.bytes, visit);
            return Ok(true);
        }
    }

    fn bytes_read(&self) -> u64 {
        self.lines.bytes_read()
    }
}
