//! A small JSON Schema validator for the subset the OpenAPI document uses on responses: `$ref`,
//! `type` (one or several, `null` among them), `enum`, `const`, `properties`, `required`,
//! `additionalProperties`, `items`, `oneOf`, `minimum`, `maximum`, `minLength`, `maxLength`,
//! `maxItems` and the `date` and `date-time` formats. `pattern` is not checked (no regex engine
//! in the workspace); a keyword outside the subset is reported, so the document cannot
//! silently outgrow what the tests check.

use serde_json::Value;

const KNOWN: &[&str] = &[
    "$ref",
    "type",
    "enum",
    "const",
    "properties",
    "required",
    "additionalProperties",
    "items",
    "oneOf",
    "minimum",
    "maximum",
    "minLength",
    "maxLength",
    "maxItems",
    "format",
    "pattern",
    "description",
    "example",
];

/// The problems of `value` against `schema`, each with its JSON path; empty when it conforms.
pub fn validate(doc: &Value, schema: &Value, value: &Value) -> Vec<String> {
    let mut problems = Vec::new();
    check(doc, schema, value, "$", &mut problems);
    problems
}

/// The schema a local `$ref` points to.
pub fn resolve<'a>(doc: &'a Value, reference: &str) -> Option<&'a Value> {
    doc.pointer(reference.strip_prefix('#')?)
}

fn type_matches(name: &str, value: &Value) -> bool {
    match name {
        "null" => value.is_null(),
        "boolean" => value.is_boolean(),
        "integer" => value.is_i64() || value.is_u64(),
        "number" => value.is_number(),
        "string" => value.is_string(),
        "array" => value.is_array(),
        "object" => value.is_object(),
        _ => false,
    }
}

fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b.iter().enumerate().all(|(i, c)| if i == 4 || i == 7 { *c == b'-' } else { c.is_ascii_digit() })
        && (1..=12).contains(&s[5..7].parse::<u8>().unwrap_or(0))
        && (1..=31).contains(&s[8..10].parse::<u8>().unwrap_or(0))
}

fn is_date_time(s: &str) -> bool {
    let Some((date, time)) = s.split_once('T') else { return false };
    let zone_ok = time.ends_with('Z') || time.rfind(['+', '-']).is_some_and(|i| time.len() - i == 6);
    is_date(date) && time.len() >= 9 && time.as_bytes()[2] == b':' && time.as_bytes()[5] == b':' && zone_ok
}

fn check(doc: &Value, schema: &Value, value: &Value, at: &str, out: &mut Vec<String>) {
    let Some(map) = schema.as_object() else {
        out.push(format!("{at}: the schema is not an object"));
        return;
    };
    if let Some(unknown) = map.keys().find(|k| !KNOWN.contains(&k.as_str())) {
        out.push(format!("{at}: keyword {unknown} is outside the checked subset"));
    }
    if let Some(reference) = map.get("$ref").and_then(Value::as_str) {
        match resolve(doc, reference) {
            Some(target) => check(doc, target, value, at, out),
            None => out.push(format!("{at}: unresolved {reference}")),
        }
        return;
    }
    if let Some(t) = map.get("type") {
        let names: Vec<&str> = match t {
            Value::String(s) => vec![s.as_str()],
            Value::Array(a) => a.iter().filter_map(Value::as_str).collect(),
            _ => vec![],
        };
        if !names.iter().any(|n| type_matches(n, value)) {
            out.push(format!("{at}: {value} is not of type {t}"));
            return;
        }
    }
    if let Some(choices) = map.get("enum").and_then(Value::as_array)
        && !choices.contains(value)
    {
        out.push(format!("{at}: {value} is not one of {}", Value::Array(choices.clone())));
    }
    if let Some(c) = map.get("const")
        && c != value
    {
        out.push(format!("{at}: {value} is not {c}"));
    }
    if let Some(alternatives) = map.get("oneOf").and_then(Value::as_array) {
        let passing = alternatives.iter().filter(|alt| validate(doc, alt, value).is_empty()).count();
        if passing != 1 {
            out.push(format!("{at}: {passing} of the oneOf alternatives match, not exactly one"));
        }
    }
    match value {
        Value::Object(members) => check_object(doc, map, members, at, out),
        Value::Array(items) => {
            if map.get("maxItems").and_then(Value::as_u64).is_some_and(|max| items.len() as u64 > max) {
                out.push(format!("{at}: more than maxItems items"));
            }
            if let Some(item_schema) = map.get("items") {
                for (i, item) in items.iter().enumerate() {
                    check(doc, item_schema, item, &format!("{at}[{i}]"), out);
                }
            }
        }
        Value::String(s) => check_string(map, s, at, out),
        Value::Number(n) => {
            let x = n.as_f64().unwrap_or(f64::NAN);
            if map.get("minimum").and_then(Value::as_f64).is_some_and(|min| x < min) {
                out.push(format!("{at}: {x} is below the minimum"));
            }
            if map.get("maximum").and_then(Value::as_f64).is_some_and(|max| x > max) {
                out.push(format!("{at}: {x} is above the maximum"));
            }
        }
        _ => {}
    }
}

fn check_object(
    doc: &Value,
    map: &serde_json::Map<String, Value>,
    members: &serde_json::Map<String, Value>,
    at: &str,
    out: &mut Vec<String>,
) {
    let properties = map.get("properties").and_then(Value::as_object);
    for name in map.get("required").and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str)
    {
        if !members.contains_key(name) {
            out.push(format!("{at}: required member {name} is missing"));
        }
    }
    for (name, member) in members {
        let path = format!("{at}.{name}");
        match (properties.and_then(|p| p.get(name)), map.get("additionalProperties")) {
            (Some(s), _) => check(doc, s, member, &path, out),
            (None, Some(Value::Bool(false))) => out.push(format!("{path}: not allowed here")),
            (None, Some(extra @ Value::Object(_))) => check(doc, extra, member, &path, out),
            (None, _) => {}
        }
    }
}

fn check_string(map: &serde_json::Map<String, Value>, s: &str, at: &str, out: &mut Vec<String>) {
    let chars = s.chars().count() as u64;
    if map.get("minLength").and_then(Value::as_u64).is_some_and(|min| chars < min) {
        out.push(format!("{at}: shorter than minLength"));
    }
    if map.get("maxLength").and_then(Value::as_u64).is_some_and(|max| chars > max) {
        out.push(format!("{at}: longer than maxLength"));
    }
    match map.get("format").and_then(Value::as_str) {
        Some("date") if !is_date(s) => out.push(format!("{at}: {s:?} is not a date")),
        Some("date-time") if !is_date_time(s) => out.push(format!("{at}: {s:?} is not a date-time")),
        _ => {}
    }
}
