//! The application form as stored: a JSON object of field name to text value.

use std::collections::BTreeMap;

/// The form as JSON text.
pub(crate) fn to_json(form: &BTreeMap<String, String>) -> String {
    serde_json::to_string(form).unwrap_or_else(|_| "{}".into())
}

/// The stored form (an empty one if the stored text is unreadable, which only an edit outside
/// umis could cause).
pub(crate) fn from_json(text: &str) -> BTreeMap<String, String> {
    serde_json::from_str(text).unwrap_or_default()
}
