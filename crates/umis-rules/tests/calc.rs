//! The stay calculator's refusals (each naming its field) and the finer points of its
//! semantics: open stays, permits in the rolling window, a controlled day outside every stay.

use umis_domain::Date;
use umis_rules::calc::{CalcPermitIn, CalcStayIn, NextEntry};
use umis_rules::{CalcError, CalcRequest, Lang, Packs, calculate};

type TestResult = Result<(), Box<dyn std::error::Error>>;

fn d(s: &str) -> Date {
    Date::parse(s).unwrap_or(Date::MIN)
}

fn stay(entry: &str, exit: Option<&str>) -> CalcStayIn {
    CalcStayIn { entry: entry.into(), exit: exit.map(Into::into), ..CalcStayIn::default() }
}

fn base() -> CalcRequest {
    CalcRequest {
        pack: "schengen".into(),
        mode: "control".into(),
        date: "2014-11-30".into(),
        stays: vec![stay("2014-08-15", Some("2014-09-30"))],
        ..CalcRequest::default()
    }
}

#[test]
fn bad_requests_name_the_field() -> TestResult {
    let packs = Packs::builtin()?;
    let permit = |kind: &str, from: &str, until: &str| CalcPermitIn {
        kind: kind.into(),
        valid_from: from.into(),
        valid_until: until.into(),
    };
    type Edit = Box<dyn Fn(&mut CalcRequest)>;
    let cases: Vec<(Edit, &str, &str)> = vec![
        (Box::new(|r| r.pack = "mars".into()), "pack", "unknown pack \"mars\""),
        (Box::new(|r| r.mode = "check".into()), "mode", "\"check\" is not control or planning"),
        (Box::new(|r| r.date = "2014-11-31".into()), "date", "no such day"),
        (Box::new(|r| r.date = "30.11.2014".into()), "date", "not a date"),
        (Box::new(|r| r.date = "1899-12-31".into()), "date", "1899-12-31 is outside"),
        (Box::new(|r| r.date = "2200-01-01".into()), "date", "2200-01-01 is outside"),
        (
            Box::new(|r| r.stays.push(stay("2014-10-05", Some("2014-10-01")))),
            "stays[1].exit",
            "2014-10-01 is before",
        ),
        (Box::new(|r| r.stays.push(stay("2014-1005", None))), "stays[1].entry", "not a date"),
        (Box::new(|r| r.stays = vec![stay("2014-01-01", None); 1001]), "stays", "1001 stays, more than 1000"),
        (
            Box::new(|r| r.stays[0].basis = Some("tourist".into())),
            "stays[0].basis",
            "\"tourist\" is not one of",
        ),
        (Box::new(|r| r.stays[0].stay_days = Some(0)), "stays[0].stay_days", "0 is outside 1..=3650"),
        (Box::new(|r| r.basis = Some("VISA".into())), "basis", "\"VISA\" is not one of"),
        (Box::new(|r| r.stay_days = Some(3651)), "stay_days", "3651 is outside"),
        (Box::new(|r| r.nationality = Some("usa".into())), "nationality", "not an ISO"),
        (
            Box::new(move |r| r.permits = Some(vec![permit("visa", "2014-01-01", "2014-02-01")])),
            "permits[0].kind",
            "\"visa\" is not one of",
        ),
        (
            Box::new(move |r| r.permits = Some(vec![permit("refugee", "2014-03-01", "2014-02-01")])),
            "permits[0].valid_until",
            "2014-02-01 is before",
        ),
        (
            Box::new(move |r| r.permits = Some(vec![permit("refugee", "2014-03-01", "2300-02-01")])),
            "permits[0].valid_until",
            "2300-02-01 is outside",
        ),
    ];
    for (edit, field, problem) in cases {
        let mut req = base();
        edit(&mut req);
        let err: Option<CalcError> = calculate(&packs, &req, Lang::En).err();
        assert_eq!(err.as_ref().map(|e| e.field.as_str()), Some(field));
        assert!(
            err.as_ref().is_some_and(|e| e.problem.contains(problem)),
            "{field}: {err:?} lacks {problem:?}"
        );
    }
    Ok(())
}

#[test]
fn finer_points() -> TestResult {
    let packs = Packs::builtin()?;
    let trp = |from: &str, until: &str| {
        Some(vec![CalcPermitIn {
            kind: "temporary_residence".into(),
            valid_from: from.into(),
            valid_until: until.into(),
        }])
    };
    type Edit = Box<dyn Fn(&mut CalcRequest)>;
    // (edit of the base request, days_used, possible_stay_until, next_entry)
    type Case = (Edit, u32, Option<&'static str>, Option<(&'static str, u32)>);
    let cases: Vec<Case> = vec![
        // An open stay runs through the date: same as exiting on it.
        (Box::new(|r| r.stays.push(stay("2014-11-01", None))), 77, Some("2014-12-13"), None),
        // A controlled day outside every stay counts as present: 47 + 1.
        (Box::new(|_| ()), 48, Some("2015-01-11"), None),
        // Permit-covered days count in no window.
        (Box::new(move |r| r.permits = trp("2014-08-01", "2014-09-30")), 1, Some("2015-02-27"), None),
        // Exits after the date are cut to it.
        (Box::new(|r| r.stays.push(stay("2014-11-01", Some("2015-03-01")))), 77, Some("2014-12-13"), None),
        // A stay of 90 days ending the day before: the controlled day is unlawful, the entry is
        // refused, and a refused entry is not a day of stay when the next entry is searched.
        (
            Box::new(|r| r.stays = vec![stay("2014-09-01", Some("2014-11-29"))]),
            91,
            None,
            Some(("2015-02-28", 90)),
        ),
    ];
    for (i, (edit, used, possible, next)) in cases.into_iter().enumerate() {
        let mut req = base();
        edit(&mut req);
        let got = calculate(&packs, &req, Lang::Az)?;
        assert_eq!(got.days_used, used, "case {i}");
        assert_eq!(got.possible_stay_until, possible.map(d), "case {i}");
        assert_eq!(got.next_entry, next.map(|(e, n)| NextEntry { date: d(e), max_stay_days: n }), "case {i}");
        assert_eq!((got.max_stay_days, got.latest_exit), (None, None), "case {i}: control mode");
        assert_eq!(got.pack, "schengen");
    }
    Ok(())
}

#[test]
fn requests_refuse_unknown_fields_and_default_the_rest() -> TestResult {
    let ok: CalcRequest =
        toml::from_str("pack = \"az\"\nmode = \"planning\"\ndate = \"2026-01-01\"\nstays = []\n")?;
    assert_eq!((ok.permits, ok.basis, ok.nationality), (None, None, None));
    let typo = toml::from_str::<CalcRequest>(
        "pack = \"az\"\nmode = \"planning\"\ndate = \"2026-01-01\"\nstays = []\npermit = []\n",
    );
    assert!(typo.is_err_and(|e| e.to_string().contains("unknown field `permit`")));
    Ok(())
}
