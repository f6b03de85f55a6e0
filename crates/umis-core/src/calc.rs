//! The stay calculator's JSON edge: parse the request body naming the exact field that is
//! wrong, then ask the rules crate. Shared by `umis stay-calc` and the public API.

use umis_rules::{CalcRequest, CalcResponse, Lang, Packs, calculate};

/// A request the calculator refuses, with the field named (`stays[2].exit`, or empty for the
/// body as a whole).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}{problem}", if field.is_empty() { String::new() } else { format!("{field}: ") })]
pub struct CalcProblem {
    /// The field, as a path into the request.
    pub field: String,
    /// What is wrong.
    pub problem: String,
}

/// Parses `body` and answers it.
pub fn stay_calc(packs: &Packs, body: &[u8], lang: Lang) -> Result<CalcResponse, CalcProblem> {
    let mut de = serde_json::Deserializer::from_slice(body);
    let req: CalcRequest = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = e.path().to_string();
        let field = if path == "." { String::new() } else { path };
        let inner = e.into_inner();
        let problem =
            if inner.is_eof() { "request body is incomplete JSON".to_owned() } else { inner.to_string() };
        CalcProblem { field, problem }
    })?;
    de.end().map_err(|e| CalcProblem {
        field: String::new(),
        problem: format!("trailing data after the request: {e}"),
    })?;
    calculate(packs, &req, lang).map_err(|e| CalcProblem { field: e.field, problem: e.problem })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem(body: &str) -> Option<CalcProblem> {
        let packs = Packs::builtin().ok()?;
        stay_calc(&packs, body.as_bytes(), Lang::En).err()
    }

    #[test]
    fn names_the_field_that_is_wrong() {
        let p = problem(r#"{"pack":"az","mode":"control","date":"2026-01-01","stays":[{"entry":7}]}"#);
        assert_eq!(p.map(|p| p.field), Some("stays[0].entry".to_owned()));
        let p = problem(r#"{"pack":"az","mode":"control","date":"2026-02-30","stays":[]}"#);
        assert_eq!(p.map(|p| p.field), Some("date".to_owned()));
        let p = problem(r#"{"pack":"nope","mode":"control","date":"2026-01-01","stays":[]}"#);
        assert_eq!(p.map(|p| p.field), Some("pack".to_owned()));
        assert!(problem("[1,2]").is_some());
        assert!(problem("").is_some());
        assert!(problem(&format!("{}{}", "[".repeat(1000), "]".repeat(1000))).is_some());
    }
}
