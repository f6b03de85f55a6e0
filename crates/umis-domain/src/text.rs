//! Checks shared by every free-text field: present, within its length, free of control
//! characters (a NUL or an escape sequence in a name is corruption, not a name).

/// A field-level refusal: which field, and what is wrong with it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {problem}")]
pub struct FieldError {
    /// The field's name as the interchange spec writes it (`document.number`).
    pub field: &'static str,
    /// What is wrong, in words an operator can act on.
    pub problem: String,
}

impl FieldError {
    /// A refusal of `field` for `problem`.
    pub fn new(field: &'static str, problem: impl Into<String>) -> FieldError {
        FieldError { field, problem: problem.into() }
    }
}

/// A required field's value, or the refusal naming it.
pub fn required<'a>(field: &'static str, value: Option<&'a str>) -> Result<&'a str, FieldError> {
    match value {
        Some(v) if !v.is_empty() => Ok(v),
        _ => Err(FieldError::new(field, "is required")),
    }
}

/// Checks length (in characters) and refuses control characters.
pub fn text(field: &'static str, value: &str, min: usize, max: usize) -> Result<String, FieldError> {
    if let Some(c) = value.chars().find(|c| c.is_control()) {
        return Err(FieldError::new(field, format!("contains control character U+{:04X}", u32::from(c))));
    }
    let n = value.chars().count();
    if n < min || n > max {
        return Err(FieldError::new(field, format!("must be {min}-{max} characters, found {n}")));
    }
    Ok(value.to_owned())
}

/// A travel-document number: upper-cased, then 1–20 characters of `A-Z`, `0-9` and `<`.
pub fn document_number(field: &'static str, value: &str) -> Result<String, FieldError> {
    let upper = value.to_ascii_uppercase();
    let ok = (1..=20).contains(&upper.len())
        && upper.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'<');
    if ok { Ok(upper) } else { Err(FieldError::new(field, "must be 1-20 characters of A-Z, 0-9 or <")) }
}
