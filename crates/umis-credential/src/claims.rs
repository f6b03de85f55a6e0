//! What a credential states, and its canonical payload: the exact bytes that get signed.
//!
//! The payload is a JSON object with short keys in this fixed order, absent optionals omitted:
//! `t` document type, `n` document number, `k` kind, `h` holder's name, `d` travel document
//! (`STATE:NUMBER`), `b` date of birth, `f` valid from, `u` valid until, `e` employer tax id,
//! `g` the coded grounds of a decision (codes joined by commas, e.g. a refusal's), `i` issued on,
//! `kid` signing key id. Strings are written as described in the canonical
//! writer (raw UTF-8, only `"` and `\` escaped), dates as `YYYY-MM-DD`. A payload is accepted
//! only if re-writing what was read gives back the very same bytes, so one document has exactly
//! one signed form and no verifier can be shown a variant that another reads differently.

use super::canonical::{printable, push_member};
use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use umis_domain::text::{FieldError, document_number, text};
use umis_domain::{CountryCode, Date, DateError};

/// Largest payload accepted, in bytes: the token has to fit a QR code a phone can read.
pub const MAX_PAYLOAD_BYTES: usize = 1000;

/// The payload keys, in canonical order.
const KEYS: [&str; 12] = ["t", "n", "k", "h", "d", "b", "f", "u", "e", "g", "i", "kid"];

/// Most coded grounds one document names (`g`), the longest code (a catalogue code's limit) and
/// the most bytes they take together: the token has to stay a QR code a phone reads.
pub const MAX_GROUNDS: usize = 8;
const MAX_GROUND_LEN: usize = 48;
/// See [`MAX_GROUNDS`].
pub const MAX_GROUNDS_BYTES: usize = 240;

/// The kind of document a credential stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DocType {
    /// A residence or work permit.
    Permit,
    /// A decision, e.g. on citizenship.
    Decision,
    /// A registration at place of stay.
    Registration,
    /// A certificate, e.g. of refugee status.
    Certificate,
}

impl DocType {
    /// Every document type.
    pub const ALL: [DocType; 4] =
        [DocType::Permit, DocType::Decision, DocType::Registration, DocType::Certificate];

    /// The wire name (`permit`, `decision`, `registration`, `certificate`).
    pub fn as_str(self) -> &'static str {
        match self {
            DocType::Permit => "permit",
            DocType::Decision => "decision",
            DocType::Registration => "registration",
            DocType::Certificate => "certificate",
        }
    }

    /// The document type for a wire name.
    pub fn parse(s: &str) -> Option<DocType> {
        DocType::ALL.into_iter().find(|t| t.as_str() == s)
    }
}

/// Why claims were refused, built or read from a payload.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ClaimsError {
    /// The payload is larger than [`MAX_PAYLOAD_BYTES`].
    #[error("the payload is {0} bytes; at most 1000 are allowed")]
    TooLong(usize),
    /// Not JSON, not an object, or a value that is not a string.
    #[error("the payload is not a JSON object whose values are all strings")]
    NotJson,
    /// A key this version does not know.
    #[error("unknown key {0:?}")]
    UnknownKey(String),
    /// A key given twice.
    #[error("key {0:?} appears twice")]
    DuplicateKey(&'static str),
    /// A required key is absent.
    #[error("key {0:?} is missing")]
    MissingKey(&'static str),
    /// `t` is not one of the document types.
    #[error("key \"t\" must be permit, decision, registration or certificate")]
    BadDocType,
    /// A date key that is not a calendar date `YYYY-MM-DD`.
    #[error("key {key:?}: {source}")]
    BadDate {
        /// The key.
        key: &'static str,
        /// What is wrong with it.
        source: DateError,
    },
    /// A text field refused (names the key and the problem, never the value).
    #[error("{0}")]
    Field(#[from] FieldError),
    /// Valid until lies before valid from.
    #[error("valid until (u) is before valid from (f)")]
    ValidityReversed,
    /// Well-formed, but not written in the one canonical form.
    #[error("the payload is not in canonical form (fixed key order, no whitespace, minimal escapes)")]
    NotCanonical,
}

/// The caller's input for a credential, before checking.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewClaims {
    /// Document type (`t`).
    pub doc_type: DocType,
    /// Document number (`n`): 1-40 characters of `A-Z`, `0-9`, `-`, `/`.
    pub number: String,
    /// Kind (`k`): 1-40 characters of `a-z`, `0-9`, `_`, e.g. `temporary_residence`.
    pub kind: String,
    /// Holder's name as printed (`h`): 1-100 characters, no control or bidi-override characters.
    pub holder: String,
    /// Travel document as `ISSUING_STATE:NUMBER` (`d`), e.g. `RUS:751234567`.
    pub travel_document: String,
    /// Date of birth (`b`).
    pub birth: Date,
    /// First valid day (`f`).
    pub valid_from: Option<Date>,
    /// Last valid day (`u`).
    pub valid_until: Option<Date>,
    /// Employer tax id (`e`): 1-20 characters of `A-Z`, `0-9`, `-`.
    pub employer: Option<String>,
    /// The coded grounds a decision rests on (`g`), in the order cited: at most 8 distinct codes
    /// of 1-48 characters of `a-z`, `0-9`, `_`, 240 bytes with their commas; none for most
    /// documents.
    pub grounds: Vec<String>,
    /// Issue date (`i`).
    pub issued: Date,
}

/// Checked claims: every value fits its rule, so the payload always parses back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claims {
    fields: NewClaims,
    kid: String,
}

fn charset(
    field: &'static str,
    value: &str,
    max: usize,
    ok: fn(u8) -> bool,
    what: &str,
) -> Result<(), FieldError> {
    if (1..=max).contains(&value.len()) && value.bytes().all(ok) {
        Ok(())
    } else {
        Err(FieldError::new(field, format!("must be 1-{max} characters of {what}")))
    }
}

/// Checks a document number (also used by revocation lists).
pub(crate) fn check_number(field: &'static str, n: &str) -> Result<(), FieldError> {
    charset(
        field,
        n,
        40,
        |b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'-' || b == b'/',
        "A-Z, 0-9, - or /",
    )
}

/// Checks a key id (also used by key rings, JWKS and revocation lists).
pub(crate) fn check_kid(field: &'static str, kid: &str) -> Result<(), FieldError> {
    charset(field, kid, 32, |b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-', "a-z, 0-9 or -")
}

/// Checks printable text: the common rules plus no bidi overrides (which could make a printed
/// name read differently from the signed one) and no padding around it.
pub(crate) fn check_text(field: &'static str, value: &str, min: usize, max: usize) -> Result<(), FieldError> {
    text(field, value, min, max)?;
    let bidi =
        |c: char| matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}');
    if value.chars().any(bidi) {
        return Err(FieldError::new(field, "contains a text-direction control character"));
    }
    if value.trim() != value {
        return Err(FieldError::new(field, "has leading or trailing spaces"));
    }
    Ok(())
}

fn check_travel_document(value: &str) -> Result<(), FieldError> {
    let bad = || FieldError::new("d", "must be ISSUING_STATE:NUMBER, e.g. RUS:751234567");
    let (state, number) = value.split_once(':').ok_or_else(bad)?;
    CountryCode::parse(state).map_err(|_| bad())?;
    // Canonical means already upper-case: a lower-case number would be re-written differently.
    if document_number("d", number).map_err(|_| bad())? != number {
        return Err(bad());
    }
    Ok(())
}

fn check_grounds(grounds: &[String]) -> Result<(), FieldError> {
    let code = |b: u8| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_';
    for (i, g) in grounds.iter().enumerate() {
        charset("g", g, MAX_GROUND_LEN, code, "a-z, 0-9 or _")?;
        if grounds[..i].contains(g) {
            return Err(FieldError::new("g", "names a ground twice"));
        }
    }
    let bytes = grounds.iter().map(|g| g.len() + 1).sum::<usize>().saturating_sub(1);
    if grounds.len() > MAX_GROUNDS || bytes > MAX_GROUNDS_BYTES {
        return Err(FieldError::new(
            "g",
            format!("names at most {MAX_GROUNDS} grounds of {MAX_GROUNDS_BYTES} bytes together"),
        ));
    }
    Ok(())
}

impl Claims {
    /// Checks the caller's input; the key id stays empty until a key ring signs the claims.
    pub fn new(fields: NewClaims) -> Result<Claims, ClaimsError> {
        check_number("n", &fields.number)?;
        charset(
            "k",
            &fields.kind,
            40,
            |b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_',
            "a-z, 0-9 or _",
        )?;
        check_text("h", &fields.holder, 1, 100)?;
        check_travel_document(&fields.travel_document)?;
        if let Some(e) = &fields.employer {
            charset(
                "e",
                e,
                20,
                |b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'-',
                "A-Z, 0-9 or -",
            )?;
        }
        check_grounds(&fields.grounds)?;
        if let (Some(f), Some(u)) = (fields.valid_from, fields.valid_until)
            && u < f
        {
            return Err(ClaimsError::ValidityReversed);
        }
        Ok(Claims { fields, kid: String::new() })
    }

    /// These claims bound to a signing key.
    pub(crate) fn with_kid(&self, kid: &str) -> Result<Claims, ClaimsError> {
        check_kid("kid", kid)?;
        Ok(Claims { fields: self.fields.clone(), kid: kid.to_owned() })
    }

    /// These claims bound to a key id the caller has already checked.
    pub(crate) fn bound_to(&self, kid: &str) -> Claims {
        Claims { fields: self.fields.clone(), kid: kid.to_owned() }
    }

    /// All values as given (without the key id).
    pub fn fields(&self) -> &NewClaims {
        &self.fields
    }

    /// The signing key's id; empty until signed.
    pub fn kid(&self) -> &str {
        &self.kid
    }

    /// The canonical payload (see the module documentation).
    pub fn payload(&self) -> String {
        let f = &self.fields;
        let mut out = String::with_capacity(256);
        out.push('{');
        push_member(&mut out, "t", f.doc_type.as_str());
        push_member(&mut out, "n", &f.number);
        push_member(&mut out, "k", &f.kind);
        push_member(&mut out, "h", &f.holder);
        push_member(&mut out, "d", &f.travel_document);
        push_member(&mut out, "b", &f.birth.to_string());
        if let Some(d) = f.valid_from {
            push_member(&mut out, "f", &d.to_string());
        }
        if let Some(d) = f.valid_until {
            push_member(&mut out, "u", &d.to_string());
        }
        if let Some(e) = &f.employer {
            push_member(&mut out, "e", e);
        }
        if !f.grounds.is_empty() {
            push_member(&mut out, "g", &f.grounds.join(","));
        }
        push_member(&mut out, "i", &f.issued.to_string());
        push_member(&mut out, "kid", &self.kid);
        out.push('}');
        out
    }

    /// Reads a payload, accepting only its canonical form with every key valid.
    pub fn parse_payload(bytes: &[u8]) -> Result<Claims, ClaimsError> {
        if bytes.len() > MAX_PAYLOAD_BYTES {
            return Err(ClaimsError::TooLong(bytes.len()));
        }
        let Members(members) = serde_json::from_slice(bytes).map_err(|_| ClaimsError::NotJson)?;
        let claims = from_members(members)?;
        if claims.payload().as_bytes() != bytes {
            return Err(ClaimsError::NotCanonical);
        }
        Ok(claims)
    }
}

fn from_members(members: Vec<(String, String)>) -> Result<Claims, ClaimsError> {
    let mut slots: [Option<String>; KEYS.len()] = Default::default();
    for (key, value) in members {
        let at = KEYS
            .iter()
            .position(|k| *k == key)
            .ok_or_else(|| ClaimsError::UnknownKey(printable(&key, 24)))?;
        if slots[at].replace(value).is_some() {
            return Err(ClaimsError::DuplicateKey(KEYS[at]));
        }
    }
    let [t, n, k, h, d, b, f, u, e, g, i, kid] = slots;
    let required = |v: Option<String>, key| v.ok_or(ClaimsError::MissingKey(key));
    let date = |v: String, key| Date::parse(&v).map_err(|source| ClaimsError::BadDate { key, source });
    let fields = NewClaims {
        doc_type: DocType::parse(&required(t, "t")?).ok_or(ClaimsError::BadDocType)?,
        number: required(n, "n")?,
        kind: required(k, "k")?,
        holder: required(h, "h")?,
        travel_document: required(d, "d")?,
        birth: date(required(b, "b")?, "b")?,
        valid_from: f.map(|v| date(v, "f")).transpose()?,
        valid_until: u.map(|v| date(v, "u")).transpose()?,
        employer: e,
        grounds: g.map(|g| g.split(',').map(str::to_owned).collect()).unwrap_or_default(),
        issued: date(required(i, "i")?, "i")?,
    };
    Claims::new(fields)?.with_kid(&required(kid, "kid")?)
}

/// The members of a JSON object in the order written, duplicates kept so they can be refused.
struct Members(Vec<(String, String)>);

impl<'de> Deserialize<'de> for Members {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Members, D::Error> {
        d.deserialize_map(MembersVisitor)
    }
}

struct MembersVisitor;

impl<'de> Visitor<'de> for MembersVisitor {
    type Value = Members;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("an object of strings")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Members, A::Error> {
        let mut out = Vec::new();
        while let Some(entry) = map.next_entry::<String, String>()? {
            out.push(entry);
        }
        Ok(Members(out))
    }
}

#[cfg(test)]
#[expect(clippy::unwrap_used, reason = "tests fail loudly")]
mod tests {
    use super::*;

    fn base() -> NewClaims {
        NewClaims {
            doc_type: DocType::Certificate,
            number: "RC-2026/17".into(),
            kind: "refugee".into(),
            holder: "Nərgiz Həsənova".into(),
            travel_document: "XXB:A1234567".into(),
            birth: Date::parse("2001-02-03").unwrap(),
            valid_from: None,
            valid_until: None,
            employer: None,
            grounds: Vec::new(),
            issued: Date::parse("2026-11-27").unwrap(),
        }
    }

    #[test]
    fn new_checks_every_field() {
        type Edit = fn(&mut NewClaims);
        let cases: [(Edit, Option<&str>); 19] = [
            (|c| c.grounds = vec!["false_information".into(), "absence_90_in_180".into()], None),
            (|c| c.grounds = vec![String::new()], Some("g")),
            (|c| c.grounds = vec!["a,b".into()], Some("g")),
            (|c| c.grounds = vec!["x".into(), "x".into()], Some("g")),
            (|c| c.grounds = (0..9).map(|i| format!("g{i}")).collect(), Some("g")),
            (|_| {}, None),
            (|c| c.number = "trp-1".into(), Some("n")),
            (|c| c.number = "A".repeat(41), Some("n")),
            (|c| c.kind = "Temporary".into(), Some("k")),
            (|c| c.kind = String::new(), Some("k")),
            (|c| c.holder = "x".repeat(101), Some("h")),
            (|c| c.holder = "tab\there".into(), Some("h")),
            (|c| c.holder = "name ".into(), Some("h")),
            (|c| c.travel_document = "ZZZ:123".into(), Some("d")),
            (|c| c.travel_document = "AZE123".into(), Some("d")),
            (|c| c.travel_document = "AZE:".into(), Some("d")),
            (|c| c.travel_document = "AZE:c1234".into(), Some("d")),
            (|c| c.employer = Some("12 34".into()), Some("e")),
            (|c| (c.valid_from, c.valid_until) = (Some(Date::MAX), Some(Date::MIN)), Some("f/u")),
        ];
        for (edit, refused) in cases {
            let mut c = base();
            edit(&mut c);
            let got = Claims::new(c.clone()).err().map(|e| match e {
                ClaimsError::Field(f) => f.field.to_owned(),
                ClaimsError::ValidityReversed => "f/u".to_owned(),
                other => other.to_string(),
            });
            assert_eq!(got.as_deref(), refused, "{c:?}");
        }
    }

    #[test]
    fn payload_round_trips_and_is_the_only_accepted_form() {
        let claims = Claims::new(base()).unwrap().with_kid("k1").unwrap();
        let payload = claims.payload();
        assert_eq!(
            payload,
            r#"{"t":"certificate","n":"RC-2026/17","k":"refugee","h":"Nərgiz Həsənova","d":"XXB:A1234567","b":"2001-02-03","i":"2026-11-27","kid":"k1"}"#
        );
        assert_eq!(Claims::parse_payload(payload.as_bytes()), Ok(claims));
        let escaped = payload.replace('/', "\\/");
        assert_eq!(Claims::parse_payload(escaped.as_bytes()), Err(ClaimsError::NotCanonical));
        assert_eq!(Claims::new(base()).unwrap().with_kid("").err().map(|_| ()), Some(()));
    }

    #[test]
    fn grounds_are_signed_in_their_place_and_read_back() {
        let mut refusal = base();
        refusal.doc_type = DocType::Decision;
        refusal.grounds = vec!["false_information".into(), "no_residence_ground".into()];
        let claims = Claims::new(refusal).unwrap().with_kid("k1").unwrap();
        let payload = claims.payload();
        assert!(payload.contains(r#""g":"false_information,no_residence_ground","i":"#), "{payload}");
        assert_eq!(Claims::parse_payload(payload.as_bytes()), Ok(claims));
        for bad in [r#""g":"","i":"#, r#""g":"a,,b","i":"#, r#""g":"A","i":"#] {
            let edited = payload.replace(r#""g":"false_information,no_residence_ground","i":"#, bad);
            assert!(Claims::parse_payload(edited.as_bytes()).is_err(), "{edited}");
        }
    }
}
