//! Typed reads from the catalogue's TOML tables. Every read knows the service it is in and the
//! path of the field, so a refusal says exactly what a lawyer has to fix.

use super::model::{Period, Provenance, Texts, Unit};
use toml::{Table, Value};
use umis_domain::Date;

/// A catalogue file that failed to load: `service: field: problem`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{service}: {field}: {problem}")]
pub struct CatalogueError {
    /// The service code, or the section (`calendar`, `common_fields`, `catalogue`).
    pub service: String,
    /// The field's path within it, e.g. `fees[1].deadline.unit`.
    pub field: String,
    /// What is wrong.
    pub problem: String,
}

/// The place being read: the service (or section) errors are attributed to.
pub(crate) struct Ctx {
    pub service: String,
}

/// `path.key`, or `key` at the top.
pub(crate) fn join(path: &str, key: &str) -> String {
    if path.is_empty() { key.to_owned() } else { format!("{path}.{key}") }
}

/// Longest code (service, field, document, fee, rule, milestone).
const MAX_CODE: usize = 48;

impl Ctx {
    pub fn new(service: impl Into<String>) -> Ctx {
        Ctx { service: service.into() }
    }

    pub fn err(&self, field: impl Into<String>, problem: impl Into<String>) -> CatalogueError {
        CatalogueError { service: self.service.clone(), field: field.into(), problem: problem.into() }
    }

    /// Refuses keys outside `allowed`: a misspelt key must not silently drop a value.
    pub fn keys(&self, path: &str, t: &Table, allowed: &[&str]) -> Result<(), CatalogueError> {
        match t.keys().find(|k| !allowed.contains(&k.as_str())) {
            Some(k) => {
                Err(self.err(join(path, k), format!("unknown key (expected: {})", allowed.join(", "))))
            }
            None => Ok(()),
        }
    }

    pub fn str<'t>(&self, path: &str, t: &'t Table, key: &str) -> Result<&'t str, CatalogueError> {
        match t.get(key) {
            Some(Value::String(s)) if !s.trim().is_empty() && !s.chars().any(char::is_control) => Ok(s),
            Some(Value::String(_)) => {
                Err(self.err(join(path, key), "must not be empty or hold control characters"))
            }
            Some(_) => Err(self.err(join(path, key), "expected a string")),
            None => Err(self.err(join(path, key), "missing")),
        }
    }

    pub fn opt_str<'t>(
        &self,
        path: &str,
        t: &'t Table,
        key: &str,
    ) -> Result<Option<&'t str>, CatalogueError> {
        if t.contains_key(key) { self.str(path, t, key).map(Some) } else { Ok(None) }
    }

    /// A `true`/`false`; `default` when absent, or an error when there is none.
    pub fn flag(
        &self,
        path: &str,
        t: &Table,
        key: &str,
        default: Option<bool>,
    ) -> Result<bool, CatalogueError> {
        match (t.get(key), default) {
            (Some(Value::Boolean(b)), _) => Ok(*b),
            (Some(_), _) => Err(self.err(join(path, key), "expected true or false")),
            (None, Some(d)) => Ok(d),
            (None, None) => Err(self.err(join(path, key), "missing (true or false)")),
        }
    }

    pub fn int(&self, path: &str, t: &Table, key: &str, min: i64, max: i64) -> Result<i64, CatalogueError> {
        match t.get(key) {
            Some(Value::Integer(n)) if (min..=max).contains(n) => Ok(*n),
            Some(Value::Integer(n)) => {
                Err(self.err(join(path, key), format!("{n} is outside {min}..={max}")))
            }
            Some(_) => Err(self.err(join(path, key), "expected a whole number")),
            None => Err(self.err(join(path, key), "missing")),
        }
    }

    pub fn opt_int(
        &self,
        path: &str,
        t: &Table,
        key: &str,
        min: i64,
        max: i64,
    ) -> Result<Option<i64>, CatalogueError> {
        if t.contains_key(key) { self.int(path, t, key, min, max).map(Some) } else { Ok(None) }
    }

    /// A code: a lower-case ASCII letter, then letters, digits and `_`, at most 48.
    pub fn code(&self, path: &str, t: &Table, key: &str) -> Result<String, CatalogueError> {
        let s = self.str(path, t, key)?;
        let ok = s.len() <= MAX_CODE
            && s.starts_with(|c: char| c.is_ascii_lowercase())
            && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
        if ok {
            Ok(s.to_owned())
        } else {
            Err(self.err(join(path, key), format!("{s:?} is not a code (a-z, 0-9, _; at most {MAX_CODE})")))
        }
    }

    /// A table `{ az, en, ru }` of non-empty texts.
    pub fn texts(&self, path: &str, t: &Table, key: &str) -> Result<Texts, CatalogueError> {
        let path = join(path, key);
        let inner = match t.get(key) {
            Some(Value::Table(inner)) => inner,
            Some(_) => return Err(self.err(path, "expected a table { az, en, ru }")),
            None => return Err(self.err(path, "missing (a table { az, en, ru })")),
        };
        self.keys(&path, inner, &["az", "en", "ru"])?;
        let get = |lang| self.str(&path, inner, lang).map(str::to_owned);
        Ok(Texts { az: get("az")?, en: get("en")?, ru: get("ru")? })
    }

    pub fn table<'t>(&self, path: &str, t: &'t Table, key: &str) -> Result<&'t Table, CatalogueError> {
        match t.get(key) {
            Some(Value::Table(inner)) => Ok(inner),
            Some(_) => Err(self.err(join(path, key), "expected a table")),
            None => Err(self.err(join(path, key), "missing")),
        }
    }

    /// An array of tables (`[[key]]`); absent is empty.
    pub fn tables<'t>(&self, path: &str, t: &'t Table, key: &str) -> Result<Vec<&'t Table>, CatalogueError> {
        let Some(value) = t.get(key) else { return Ok(Vec::new()) };
        let Value::Array(items) = value else {
            return Err(self.err(join(path, key), "expected a list of tables"));
        };
        items
            .iter()
            .enumerate()
            .map(|(i, item)| match item {
                Value::Table(inner) => Ok(inner),
                _ => Err(self.err(format!("{}[{i}]", join(path, key)), "expected a table")),
            })
            .collect()
    }

    /// A required array of strings.
    pub fn strings<'t>(&self, path: &str, t: &'t Table, key: &str) -> Result<Vec<&'t str>, CatalogueError> {
        let path = join(path, key);
        let Some(Value::Array(items)) = t.get(key) else {
            return Err(self.err(path, "missing or not a list of strings"));
        };
        items
            .iter()
            .enumerate()
            .map(|(i, item)| match item {
                Value::String(s) if !s.is_empty() => Ok(s.as_str()),
                _ => Err(self.err(format!("{path}[{i}]"), "expected a non-empty string")),
            })
            .collect()
    }

    /// `source` (required), `unverified` (default false) and `note` (required when unverified).
    pub fn provenance(&self, path: &str, t: &Table) -> Result<Provenance, CatalogueError> {
        let source = self.str(path, t, "source")?.to_owned();
        let unverified = self.flag(path, t, "unverified", Some(false))?;
        let note = self.opt_str(path, t, "note")?.map(str::to_owned);
        if unverified && note.is_none() {
            return Err(self.err(join(path, "note"), "an unverified value needs a note saying why"));
        }
        Ok(Provenance { source, unverified, note })
    }

    /// A period `{ count, unit }` with `unit` among `units`; zero only when `zero` allows it.
    pub fn period(
        &self,
        path: &str,
        t: &Table,
        key: &str,
        units: &[Unit],
        zero: bool,
    ) -> Result<Period, CatalogueError> {
        let path = join(path, key);
        let inner = match t.get(key) {
            Some(Value::Table(inner)) => inner,
            Some(_) => return Err(self.err(path, "expected a table { count, unit }")),
            None => return Err(self.err(path, "missing (a table { count, unit })")),
        };
        self.keys(&path, inner, &["count", "unit"])?;
        let name = self.str(&path, inner, "unit")?;
        let unit = Unit::parse(name).filter(|u| units.contains(u)).ok_or_else(|| {
            let allowed: Vec<&str> = units.iter().map(|u| u.as_str()).collect();
            self.err(join(&path, "unit"), format!("{name:?} is not one of {}", allowed.join(", ")))
        })?;
        let max = match unit {
            Unit::BusinessDays => 1000,
            Unit::CalendarDays => 3660,
            Unit::Months => 120,
            Unit::Years => 10,
        };
        let count = self.int(&path, inner, "count", i64::from(!zero), max)?;
        Ok(Period { count: u32::try_from(count).unwrap_or(0), unit })
    }

    /// A date written `"YYYY-MM-DD"` or as a TOML date.
    pub fn date(&self, path: &str, v: &Value) -> Result<Date, CatalogueError> {
        let text = match v {
            Value::String(s) => s.clone(),
            Value::Datetime(dt) => dt.to_string(),
            _ => return Err(self.err(path, "expected a date \"YYYY-MM-DD\"")),
        };
        Date::parse(&text).map_err(|_| self.err(path, format!("not a date: {text:?}")))
    }
}
