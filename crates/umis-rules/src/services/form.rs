//! Validating a submitted form against its service: every problem at once, so a person fixes
//! the whole form in one round trip, and nothing the form does not declare gets through — a
//! field named `status`, `fee` or `decided_by` is an attempt to set what only officers set.

use super::model::FieldType;
use super::outcome::OutcomeKind;
use super::service::Service;
use super::values::{FieldProblem, ProblemCode, ValidForm, parse_value};
use std::collections::BTreeMap;

/// Longest unknown field name quoted back in a problem.
const MAX_QUOTED_NAME: usize = 64;

/// Validates `form` (field name → submitted text) for `service`: trims surrounding whitespace,
/// refuses control characters, checks every field's type and limits, and refuses fields the
/// service does not declare. Returns the typed form, or every problem: undeclared fields first
/// (by name), then the declared fields in form order, then dates out of order.
pub fn validate_form(
    service: &Service,
    form: &BTreeMap<String, String>,
) -> Result<ValidForm, Vec<FieldProblem>> {
    let mut problems: Vec<FieldProblem> = form
        .keys()
        .filter(|name| service.field(name).is_none())
        .map(|name| FieldProblem { field: quoted_name(name), code: ProblemCode::UnknownField })
        .collect();
    let mut values = BTreeMap::new();
    for spec in service.fields() {
        let raw = form.get(&spec.name).map_or("", |v| v.trim());
        if raw.is_empty() {
            if spec.required {
                problems.push(FieldProblem { field: spec.name.clone(), code: ProblemCode::Required });
            }
            continue;
        }
        let multiline = matches!(spec.kind, FieldType::Text { multiline: true, .. });
        let parsed = clean(raw, multiline).and_then(|text| parse_value(&spec.kind, &text));
        match parsed {
            Ok(value) => {
                values.insert(spec.name.clone(), value);
            }
            Err(code) => problems.push(FieldProblem { field: spec.name.clone(), code }),
        }
    }
    let form = ValidForm { service: service.code().to_owned(), values };
    for spec in service.fields() {
        if let FieldType::Date { not_before: Some(other) } = &spec.kind
            && let (Some(this), Some(earliest)) = (form.date(&spec.name), form.date(other))
            && this < earliest
        {
            problems.push(FieldProblem { field: spec.name.clone(), code: ProblemCode::OutOfOrder });
        }
    }
    // A term longer than the law allows for the ground would be charged and not granted.
    if let OutcomeKind::Permit(p) = &service.outcome().kind
        && let Some(term) = p.term_field.as_deref()
        && p.term_too_long(&form)
    {
        problems.push(FieldProblem { field: term.to_owned(), code: ProblemCode::OutOfRange });
    }
    if problems.is_empty() { Ok(form) } else { Err(problems) }
}

/// Refuses control characters and text-direction overrides (which make a name display as
/// something else); a multiline field keeps line feeds, with CR LF turned into LF.
fn clean(raw: &str, multiline: bool) -> Result<String, ProblemCode> {
    let text = if multiline && raw.contains('\r') { raw.replace("\r\n", "\n") } else { raw.to_owned() };
    let bad = |c: char| (c.is_control() && !(multiline && c == '\n')) || is_bidi_control(c);
    if text.chars().any(bad) { Err(ProblemCode::ControlCharacter) } else { Ok(text) }
}

/// The embedding, override and isolate controls of Unicode's bidirectional algorithm.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// An unknown field's name as the problem quotes it: printable, at most 64 characters.
fn quoted_name(name: &str) -> String {
    name.chars()
        .take(MAX_QUOTED_NAME)
        .map(|c| if c.is_control() || is_bidi_control(c) { '?' } else { c })
        .collect()
}
