//! The canonical JSON writer shared by credentials and revocation lists.
//!
//! Signatures cover bytes, so every issuer must write the same bytes for the same values. The
//! rule is deliberately small enough to re-implement anywhere: members in a fixed order, no
//! whitespace, strings as raw UTF-8 with only `"` and `\` escaped (as `\"` and `\\`). Control
//! characters never reach the writer: every field refuses them when it is built.

/// Appends `value` as a JSON string in canonical form.
pub(crate) fn push_str(out: &mut String, value: &str) {
    out.push('"');
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Appends `"key":"value"`, preceded by a comma unless it opens the object.
pub(crate) fn push_member(out: &mut String, key: &str, value: &str) {
    if !out.ends_with('{') {
        out.push(',');
    }
    push_str(out, key);
    out.push(':');
    push_str(out, value);
}

/// A text fit for an error message: control characters replaced and cut to `max` characters,
/// so hostile input can neither flood a log nor drive a terminal.
pub(crate) fn printable(s: &str, max: usize) -> String {
    s.chars().take(max).map(|c| if c.is_control() { '?' } else { c }).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_only_quote_and_backslash() {
        let cases = [
            ("plain", r#""plain""#),
            (r#"a"b"#, r#""a\"b""#),
            (r"a\b", r#""a\\b""#),
            ("Əli / Şəkər", r#""Əli / Şəkər""#),
            ("", r#""""#),
        ];
        for (input, expected) in cases {
            let mut out = String::new();
            push_str(&mut out, input);
            assert_eq!(out, expected, "{input:?}");
        }
    }

    #[test]
    fn members_are_comma_separated() {
        let mut out = String::from("{");
        push_member(&mut out, "a", "1");
        push_member(&mut out, "b", "2");
        out.push('}');
        assert_eq!(out, r#"{"a":"1","b":"2"}"#);
        assert_eq!(printable("a\u{1b}[31mb", 4), "a?[3");
    }
}
