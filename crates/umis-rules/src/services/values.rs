//! Typed form values: what one submitted string becomes once its field's type accepts it, and
//! the stable problem codes when it does not. Values are never echoed in a problem: a form
//! holds personal data, and a refugee's narrative must not end up in a log line.

use super::model::{Choice, FieldType};
use std::collections::BTreeMap;
use std::fmt;
use umis_domain::receipt::Receipt;
use umis_domain::{CountryCode, Date};

/// One accepted form value, typed by its field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldValue {
    /// Free text, trimmed.
    Text(String),
    /// A date.
    Date(Date),
    /// A country.
    Country(CountryCode),
    /// A travel-document number, upper-cased.
    DocumentNumber(String),
    /// A case receipt number.
    Receipt(Receipt),
    /// The chosen value.
    Choice(String),
    /// A whole number.
    Integer(i64),
    /// An amount in qəpik.
    Money(i64),
    /// An e-mail address (domain lower-cased).
    Email(String),
    /// A phone number `+` and digits.
    Phone(String),
    /// A taxpayer identification number.
    Tin(String),
}

impl fmt::Display for FieldValue {
    /// The canonical text of the value, as a case stores it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FieldValue::Text(s)
            | FieldValue::DocumentNumber(s)
            | FieldValue::Choice(s)
            | FieldValue::Email(s)
            | FieldValue::Phone(s)
            | FieldValue::Tin(s) => f.write_str(s),
            FieldValue::Date(d) => write!(f, "{d}"),
            FieldValue::Country(c) => write!(f, "{c}"),
            FieldValue::Receipt(r) => write!(f, "{r}"),
            FieldValue::Integer(n) | FieldValue::Money(n) => write!(f, "{n}"),
        }
    }
}

/// A form every field of which passed its service's validation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidForm {
    pub(crate) service: String,
    pub(crate) values: BTreeMap<String, FieldValue>,
}

impl ValidForm {
    /// The code of the service the form was validated for.
    pub fn service(&self) -> &str {
        &self.service
    }

    /// The value of a field, if the form has it (optional fields left empty are absent).
    pub fn get(&self, field: &str) -> Option<&FieldValue> {
        self.values.get(field)
    }

    /// The value of a date field.
    pub fn date(&self, field: &str) -> Option<Date> {
        match self.values.get(field) {
            Some(FieldValue::Date(d)) => Some(*d),
            _ => None,
        }
    }

    /// Every value, by field name.
    pub fn values(&self) -> &BTreeMap<String, FieldValue> {
        &self.values
    }
}

/// Why a field was refused; the code is stable, the API and the UI translate it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ProblemCode {
    /// A required field is missing or blank.
    Required,
    /// Longer than the field allows.
    TooLong,
    /// Contains a control character (or a text-direction override).
    ControlCharacter,
    /// Not a date `YYYY-MM-DD` of the calendar.
    NotADate,
    /// Not a known country code.
    NotACountry,
    /// Not a travel-document number.
    NotADocumentNumber,
    /// Not a receipt number, or its check digits do not match.
    NotAReceipt,
    /// Not one of the field's choices.
    NotInChoices,
    /// Not a whole number.
    NotANumber,
    /// A number outside the field's bounds.
    OutOfRange,
    /// Not an e-mail address.
    NotAnEmail,
    /// Not a phone number in international form.
    NotAPhone,
    /// Not ten digits.
    NotATin,
    /// A date before the date it must follow.
    OutOfOrder,
    /// The service's form has no such field.
    UnknownField,
}

impl ProblemCode {
    /// The stable code.
    pub fn as_str(self) -> &'static str {
        match self {
            ProblemCode::Required => "required",
            ProblemCode::TooLong => "too_long",
            ProblemCode::ControlCharacter => "control_character",
            ProblemCode::NotADate => "not_a_date",
            ProblemCode::NotACountry => "not_a_country",
            ProblemCode::NotADocumentNumber => "not_a_document_number",
            ProblemCode::NotAReceipt => "not_a_receipt",
            ProblemCode::NotInChoices => "not_in_choices",
            ProblemCode::NotANumber => "not_a_number",
            ProblemCode::OutOfRange => "out_of_range",
            ProblemCode::NotAnEmail => "not_an_email",
            ProblemCode::NotAPhone => "not_a_phone",
            ProblemCode::NotATin => "not_a_tin",
            ProblemCode::OutOfOrder => "out_of_order",
            ProblemCode::UnknownField => "unknown_field",
        }
    }
}

/// A refused field: its name and the problem, never its value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldProblem {
    /// The field's name (an unknown name is shortened and stripped of unprintable characters).
    pub field: String,
    /// What is wrong.
    pub code: ProblemCode,
}

impl fmt::Display for FieldProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.code.as_str())
    }
}

/// Longest non-text value accepted before parsing (an e-mail address is at most 254).
const MAX_SHORT_BYTES: usize = 320;

/// Parses one trimmed, non-empty value free of control characters by its field type.
pub(crate) fn parse_value(kind: &FieldType, raw: &str) -> Result<FieldValue, ProblemCode> {
    if !matches!(kind, FieldType::Text { .. }) && raw.len() > MAX_SHORT_BYTES {
        return Err(ProblemCode::TooLong);
    }
    match kind {
        FieldType::Text { max, .. } => {
            // At most four bytes per character: a longer string is too long without counting.
            if raw.len() > max.saturating_mul(4) || raw.chars().count() > *max {
                return Err(ProblemCode::TooLong);
            }
            Ok(FieldValue::Text(raw.to_owned()))
        }
        FieldType::Date { .. } => Date::parse(raw).map(FieldValue::Date).map_err(|_| ProblemCode::NotADate),
        FieldType::Country => CountryCode::parse(&raw.to_ascii_uppercase())
            .map(FieldValue::Country)
            .map_err(|_| ProblemCode::NotACountry),
        FieldType::DocumentNumber => umis_domain::text::document_number("document_number", raw)
            .map(FieldValue::DocumentNumber)
            .map_err(|_| ProblemCode::NotADocumentNumber),
        FieldType::Receipt => {
            Receipt::parse(raw).map(FieldValue::Receipt).map_err(|_| ProblemCode::NotAReceipt)
        }
        FieldType::Choice { choices } => choice(choices, raw),
        FieldType::Integer { min, max } => {
            let n = integer(raw)?;
            if (*min..=*max).contains(&n) { Ok(FieldValue::Integer(n)) } else { Err(ProblemCode::OutOfRange) }
        }
        FieldType::Money { max } => {
            if !raw.bytes().all(|b| b.is_ascii_digit()) {
                return Err(ProblemCode::NotANumber);
            }
            let n = integer(raw)?;
            if n <= *max { Ok(FieldValue::Money(n)) } else { Err(ProblemCode::OutOfRange) }
        }
        FieldType::Email => email(raw).map(FieldValue::Email).ok_or(ProblemCode::NotAnEmail),
        FieldType::Phone => phone(raw).map(FieldValue::Phone).ok_or(ProblemCode::NotAPhone),
        FieldType::Tin => {
            let ok = raw.len() == 10 && raw.bytes().all(|b| b.is_ascii_digit());
            if ok { Ok(FieldValue::Tin(raw.to_owned())) } else { Err(ProblemCode::NotATin) }
        }
    }
}

fn choice(choices: &[Choice], raw: &str) -> Result<FieldValue, ProblemCode> {
    match choices.iter().find(|c| c.value == raw) {
        Some(c) => Ok(FieldValue::Choice(c.value.clone())),
        None => Err(ProblemCode::NotInChoices),
    }
}

/// A whole number: an optional minus and ASCII digits; digits too many for 64 bits are out of
/// range rather than not a number.
fn integer(raw: &str) -> Result<i64, ProblemCode> {
    let digits = raw.strip_prefix('-').unwrap_or(raw);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(ProblemCode::NotANumber);
    }
    raw.parse::<i64>().map_err(|_| ProblemCode::OutOfRange)
}

/// `local@domain`: ASCII, one `@`, a local part of 1–64 characters without spaces or
/// specials, a domain of at least two labels of letters, digits and inner hyphens.
fn email(raw: &str) -> Option<String> {
    if raw.len() > 254 {
        return None;
    }
    let (local, domain) = raw.split_once('@')?;
    let local_ok = (1..=64).contains(&local.len())
        && local.bytes().all(|b| b.is_ascii_graphic() && !b"\"(),:;<>@[\\]".contains(&b))
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..");
    let labels: Vec<&str> = domain.split('.').collect();
    let label_ok = |l: &&str| {
        (1..=63).contains(&l.len())
            && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
            && !l.starts_with('-')
            && !l.ends_with('-')
    };
    (local_ok && labels.len() >= 2 && labels.iter().all(label_ok))
        .then(|| format!("{local}@{}", domain.to_ascii_lowercase()))
}

/// `+` and 7–15 digits (E.164), the first not zero; spaces, hyphens and parentheses between
/// digits are dropped.
fn phone(raw: &str) -> Option<String> {
    let rest = raw.strip_prefix('+')?;
    let mut digits = String::with_capacity(16);
    for c in rest.chars() {
        match c {
            '0'..='9' => digits.push(c),
            ' ' | '-' | '(' | ')' => {}
            _ => return None,
        }
    }
    let ok = (7..=15).contains(&digits.len()) && !digits.starts_with('0');
    ok.then(|| format!("+{digits}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_and_phones() {
        let emails = [
            ("a@b.az", Some("a@b.az")),
            ("Ali.Veli@Mail.GOV.AZ", Some("Ali.Veli@mail.gov.az")),
            ("a@b", None),
            ("@b.az", None),
            ("a@@b.az", None),
            ("a b@c.az", None),
            ("a@-b.az", None),
            ("a@b..az", None),
            (".a@b.az", None),
            ("ə@b.az", None),
        ];
        for (raw, want) in emails {
            assert_eq!(email(raw).as_deref(), want, "{raw:?}");
        }
        let phones = [
            ("+994 12 345-67-89", Some("+994123456789")),
            ("+1 (202) 555-0100", Some("+12025550100")),
            ("994123456789", None),
            ("+0123456789", None),
            ("+12345", None),
            ("+1234567890123456", None),
            ("+99412x4567", None),
        ];
        for (raw, want) in phones {
            assert_eq!(phone(raw).as_deref(), want, "{raw:?}");
        }
    }

    #[test]
    fn integers_tell_garbage_from_overflow() {
        assert_eq!(integer("-12"), Ok(-12));
        assert_eq!(integer("99999999999999999999"), Err(ProblemCode::OutOfRange));
        for bad in ["", "-", "1.5", "1e3", "+3", "١٢"] {
            assert_eq!(integer(bad), Err(ProblemCode::NotANumber), "{bad:?}");
        }
    }
}
