//! Imports against the interchange spec, on SQLite and PostgreSQL: good rows, bad rows, hostile
//! files. Every case checks the counts add up and that unusable input stores nothing.

#![expect(clippy::unwrap_used, reason = "test code: a failure should stop the test")]

use umis_core::import::{Format, ImportError, ImportRequest, ImportSummary, RecordKind, Reject, run_import};
use umis_store::testing::TestDb;

const HEADER: &str = "record_id,direction,occurred_at,border_point,document_type,document_number,document_issuing_state,document_expiry,person_surname,person_given_names,person_date_of_birth,person_sex,person_nationality,entry_basis_kind,entry_basis_reference,entry_basis_stay_days";
const ROW: &str = "GYD-2026-0000017,entry,2026-03-01T22:30:00Z,GYD,P,C01X00T47,DEU,2031-05-02,MÜLLER,ANNA MARIA,1990-05-04,F,DEU,e_visa,EV2602281234,30";
const JSON_ROW: &str = r#"{"record_id":"GYD-2026-0000017","direction":"entry","occurred_at":"2026-03-01T22:30:00Z","border_point":"GYD","document":{"type":"P","number":"C01X00T47","issuing_state":"DEU","expiry":"2031-05-02"},"person":{"surname":"MÜLLER","given_names":"ANNA MARIA","date_of_birth":"1990-05-04","sex":"F","nationality":"DEU"},"entry_basis":{"kind":"e_visa","reference":"EV2602281234","stay_days":30}}"#;

fn row(id: &str, f: impl Fn(&mut Vec<String>)) -> String {
    let mut cells: Vec<String> = ROW.split(',').map(str::to_owned).collect();
    cells[0] = id.to_owned();
    f(&mut cells);
    cells.join(",")
}

fn import(
    db: &TestDb,
    format: Format,
    input: &[u8],
    batch_rows: usize,
) -> (Result<ImportSummary, ImportError>, Vec<Reject>) {
    let mut rejects = Vec::new();
    let req =
        ImportRequest { kind: RecordKind::Crossings, format, source: "test", actor: "test", batch_rows };
    let result = run_import(
        &db.store,
        input,
        req,
        &mut |r| {
            rejects.push(r.clone());
            Ok(())
        },
        &mut |_, _| {},
    );
    if let Ok(s) = &result {
        assert_eq!(s.read, s.imported + s.duplicate + s.conflict + s.rejected, "counts add up: {s:?}");
        assert_eq!(rejects.len() as u64, s.rejected + s.conflict, "every reject and conflict is reported");
    }
    (result, rejects)
}

fn csv(rows: &[String]) -> Vec<u8> {
    format!("{HEADER}\n{}\n", rows.join("\n")).into_bytes()
}

fn summary(read: u64, imported: u64, duplicate: u64, conflict: u64, rejected: u64) -> ImportSummary {
    ImportSummary { read, imported, duplicate, conflict, rejected }
}

#[test]
fn the_spec_example_imports_once_in_either_encoding() {
    for db in TestDb::both().unwrap() {
        let (r, _) = import(&db, Format::Jsonl, JSON_ROW.as_bytes(), 100);
        assert_eq!(r.unwrap(), summary(1, 1, 0, 0, 0));
        let (r, _) = import(&db, Format::Csv, &csv(&[ROW.to_owned()]), 100);
        assert_eq!(r.unwrap(), summary(1, 0, 1, 0, 0), "the same record in CSV is a duplicate");
        // The same instant written in Baku time is the same fact.
        let baku = row("GYD-2026-0000017", |c| c[2] = "2026-03-02T02:30:00+04:00".into());
        assert_eq!(import(&db, Format::Csv, &csv(&[baku]), 100).0.unwrap(), summary(1, 0, 1, 0, 0));
        let changed = row("GYD-2026-0000017", |c| c[4] = "ID".into());
        let (r, rejects) = import(&db, Format::Csv, &csv(&[changed]), 100);
        assert_eq!(r.unwrap(), summary(1, 0, 0, 1, 0));
        assert_eq!(rejects[0].line, 2);
        assert!(rejects[0].reason.starts_with("conflict"));
        assert_eq!(db.store.counts().unwrap().crossings, 1, "the stored record is kept");
    }
}

#[test]
fn bad_rows_are_rejected_with_line_numbers_and_the_rest_imported() {
    let cases: Vec<(String, &str)> = vec![
        (row("R-date", |c| c[10] = "2026-02-30".into()), "person.date_of_birth"),
        (row("R-offset", |c| c[2] = "2026-03-01T22:30:00".into()), "no UTC offset"),
        (row("R-country", |c| c[6] = "ZZZ".into()), "document.issuing_state"),
        (row("R-doc", |c| c[5] = "AB-12".into()), "document.number"),
        (row("R-visa", |c| c[15] = "0".into()), "stay_days"),
        (row("R-dir", |c| c[1] = "in".into()), "direction"),
        (row("R-ragged", |c| c.push("extra".into())), "fields"),
        (format!("R-nul{}", &ROW[16..]).replace("ANNA", "AN\0NA"), "NUL"),
        (row("", |_| {}), "record_id"),
        (row(&"X".repeat(65), |_| {}), "record_id"),
    ];
    for db in TestDb::both().unwrap() {
        let mut rows: Vec<String> = cases.iter().map(|(r, _)| r.clone()).collect();
        rows.push(row("R-good", |_| {}));
        let (r, rejects) = import(&db, Format::Csv, &csv(&rows), 3);
        assert_eq!(r.unwrap(), summary(11, 1, 0, 0, 10));
        for (i, (reject, (_, expected))) in rejects.iter().zip(&cases).enumerate() {
            assert_eq!(reject.line, i as u64 + 2, "{reject:?}");
            assert!(
                reject.reason.contains(expected),
                "line {}: {:?} should mention {expected}",
                reject.line,
                reject.reason
            );
        }
        assert_eq!(rejects[0].record_id.as_deref(), Some("R-date"));
        assert_eq!(rejects[9].record_id, None, "an over-long identifier is not echoed");
    }
}

#[test]
fn unusable_input_is_refused_whole_and_stores_nothing() {
    let utf16: Vec<u8> =
        [0xFF, 0xFE].into_iter().chain(HEADER.encode_utf16().flat_map(|u| u.to_le_bytes())).collect();
    let random: Vec<u8> =
        (0u64..50_000).map(|i| (i.wrapping_mul(6_364_136_223_846_793_005) >> 29) as u8).collect();
    let cases: Vec<(&str, Format, Vec<u8>)> = vec![
        ("empty csv", Format::Csv, vec![]),
        ("empty jsonl", Format::Jsonl, vec![]),
        ("utf-16", Format::Csv, utf16),
        ("random bytes", Format::Csv, random.clone()),
        ("random bytes jsonl", Format::Jsonl, random),
        ("unknown column", Format::Csv, format!("{HEADER},favourite_colour\n").into_bytes()),
        ("missing column", Format::Csv, b"record_id,direction\nA,entry\n".to_vec()),
        ("header of another kind", Format::Csv, b"permit_number,kind\n".to_vec()),
    ];
    for db in TestDb::both().unwrap() {
        let before = db.store.counts().unwrap();
        for (name, format, input) in &cases {
            let (r, _) = import(&db, *format, input, 100);
            assert!(matches!(r, Err(ImportError::Unusable(_))), "{name}: {r:?}");
        }
        assert_eq!(db.store.counts().unwrap(), before, "nothing stored");
    }
}

#[test]
fn hostile_csv_shapes() {
    let twenty_mb = format!("{},{}", row("R-huge", |_| {}), "x".repeat(20 * 1024 * 1024));
    let input = format!(
        "\u{feff}{HEADER}\n{}\n\"unclosed,{}\n{}\n\n{}\n{}\r\n",
        row("R1", |_| {}),
        &ROW[..20],
        row("R2", |_| {}),
        twenty_mb,
        row("R3", |c| c[8] = "\"O'Brien, \"\"Bob\"\"\"".into()),
    );
    for db in TestDb::both().unwrap() {
        let (r, rejects) = import(&db, Format::Csv, input.as_bytes(), 100);
        assert_eq!(r.unwrap(), summary(5, 3, 0, 0, 2), "{rejects:?}");
        assert_eq!((rejects[0].line, rejects[0].reason.as_str()), (3, "quoted field is never closed"));
        assert_eq!(rejects[1].line, 6);
        assert!(rejects[1].reason.contains("longer than"));
        let key =
            umis_store::TravellerKey { issuing_state: "DEU".into(), document_number: "C01X00T47".into() };
        let audit =
            umis_store::AuditEntry { actor: "t", action: "t", object: "t", outcome: "ok", detail: "{}" };
        let surnames: Vec<String> =
            db.store.traveller(&key, &audit).unwrap().crossings.into_iter().map(|c| c.surname).collect();
        assert!(surnames.contains(&"O'Brien, \"Bob\"".to_owned()), "{surnames:?}");
    }
}

#[test]
fn a_header_alone_or_blank_lines_import_nothing_and_succeed() {
    for db in TestDb::both().unwrap() {
        for input in [format!("{HEADER}\n"), HEADER.to_owned(), format!("\n\n{HEADER}\r\n\r\n\n")] {
            assert_eq!(import(&db, Format::Csv, input.as_bytes(), 100).0.unwrap(), summary(0, 0, 0, 0, 0));
        }
        assert_eq!(import(&db, Format::Jsonl, b"\n \n\t\n", 100).0.unwrap(), summary(0, 0, 0, 0, 0));
    }
}

#[test]
fn repeated_identifiers_are_judged_against_the_store_whatever_the_batch_size() {
    let a = row("J", |_| {});
    let b = row("J", |c| c[4] = "ID".into());
    let cases = [
        (vec![a.clone(), a.clone()], summary(2, 1, 1, 0, 0)),
        (vec![a.clone(), b.clone()], summary(2, 1, 0, 1, 0)),
    ];
    let stored_cases = [
        (vec![b.clone(), b.clone()], summary(2, 0, 0, 2, 0)),
        (vec![b.clone(), a.clone()], summary(2, 0, 1, 1, 0)),
        (vec![a.clone(), b.clone(), a.clone()], summary(3, 0, 2, 1, 0)),
    ];
    for batch_rows in [1, 100] {
        for (rows, expected) in &cases {
            let db = TestDb::sqlite().unwrap();
            assert_eq!(
                import(&db, Format::Csv, &csv(rows), batch_rows).0.unwrap(),
                *expected,
                "batch {batch_rows}"
            );
        }
        for db in TestDb::both().unwrap() {
            import(&db, Format::Csv, &csv(std::slice::from_ref(&a)), 10).0.unwrap();
            for (rows, expected) in &stored_cases {
                let (r, rejects) = import(&db, Format::Csv, &csv(rows), batch_rows);
                assert_eq!(r.unwrap(), *expected, "batch {batch_rows}, {:?}", db.dialect());
                assert!(rejects.iter().all(|r| r.record_id.as_deref() == Some("J")));
            }
        }
    }
}

#[test]
fn a_stray_quote_loses_no_following_row() {
    let stray = row("R-stray", |c| c[8] = "\"MULLER".into());
    let next = row("R-next", |c| c[8] = "\"SMITH\"".into());
    let ragged = row("R-ragged", |c| c.push("x".into()));
    let open_lines = format!("\"{}", "\n".repeat(5_000));
    for db in TestDb::both().unwrap() {
        let (r, rejects) =
            import(&db, Format::Csv, &csv(&[stray.clone(), next.clone(), ragged.clone()]), 100);
        assert_eq!(r.unwrap(), summary(3, 1, 0, 0, 2), "{rejects:?}");
        assert_eq!((rejects[0].line, rejects[1].line), (2, 4));
        assert_eq!(rejects[1].record_id.as_deref(), Some("R-ragged"), "a readable id is reported");
        let input = format!("{HEADER}\n{open_lines}{}\n", row("R-after", |_| {}));
        let (r, _) = import(&db, Format::Csv, input.as_bytes(), 100);
        assert_eq!(r.unwrap().imported, 1, "the row after an unclosed quote is read again");
    }
}

#[test]
fn latin1_rows_are_rejected_one_by_one() {
    let mut input = csv(&[row("R1", |_| {}), row("R2", |c| c[8] = "M_LLER".into())]);
    let pos = input.windows(6).position(|w| w == b"M_LLER").unwrap();
    input[pos + 1] = 0xDC; // Ü in Latin-1
    for db in TestDb::both().unwrap() {
        let (r, rejects) = import(&db, Format::Csv, &input, 100);
        assert_eq!(r.unwrap(), summary(2, 1, 0, 0, 1));
        assert!(rejects[0].reason.contains("UTF-8"));
    }
}

#[test]
fn hostile_json_lines() {
    let nested = format!("{}1{}", "[".repeat(10_000), "]".repeat(10_000));
    let unknown = JSON_ROW.replace("\"border_point\"", "\"colour\":\"red\",\"border_point\"");
    let sql =
        JSON_ROW.replace("MÜLLER", "Robert'); DROP TABLE crossings;--").replace("GYD-2026-0000017", "SQL-1");
    let lines = [
        "[1,2,3]",
        "\"a string\"",
        &nested,
        "{\"record_id\": 5}",
        &unknown,
        "{not json",
        &JSON_ROW.replace("\"stay_days\":30", "\"stay_days\":\"30\""),
        &JSON_ROW.replace("\"document\":{", "\"document\":\"x\",\"d\":{"),
        &sql,
        JSON_ROW,
        JSON_ROW,
    ];
    for db in TestDb::both().unwrap() {
        let (r, rejects) = import(&db, Format::Jsonl, lines.join("\n").as_bytes(), 100);
        assert_eq!(r.unwrap(), summary(11, 2, 1, 0, 8), "{rejects:?}");
        assert_eq!(rejects.iter().map(|r| r.line).collect::<Vec<_>>(), [1, 2, 3, 4, 5, 6, 7, 8]);
        assert_eq!(rejects[4].record_id.as_deref(), Some("GYD-2026-0000017"), "a readable id is echoed");
        assert_eq!(db.store.counts().unwrap().crossings, 2, "SQL in a text field is stored as text");
    }
}

#[test]
fn batches_commit_independently_and_reruns_complete_them() {
    let rows: Vec<String> =
        (0..25).map(|i| row(&format!("B-{i:03}"), |c| c[5] = format!("DOC{i}"))).collect();
    for db in TestDb::both().unwrap() {
        let (r, _) = import(&db, Format::Csv, &csv(&rows[..10]), 4);
        assert_eq!(r.unwrap(), summary(10, 10, 0, 0, 0));
        let (r, _) = import(&db, Format::Csv, &csv(&rows), 4);
        assert_eq!(r.unwrap(), summary(25, 15, 10, 0, 0));
        assert_eq!(db.store.counts().unwrap().crossings, 25);
        assert_eq!(db.store.counts().unwrap().import_batches, 3 + 7);
    }
}

#[test]
fn permits_and_registrations_import_by_the_same_rules() {
    let permits = "permit_number,kind,holder_issuing_state,holder_document_number,valid_from,valid_until,employer_tin,status\n\
        P1,temporary_residence,IND,r1,2025-06-01,2026-05-31,,\n\
        P2,work,TUR,T1,2026-01-01,2026-12-31,,active\n\
        P3,work,TUR,T1,2026-01-01,2025-12-31,1234567890,active\n\
        P4,refugee,XXA,S1,2026-01-01,2026-12-31,,revoked\n";
    let regs = "registration_id,holder_issuing_state,holder_document_number,submitted_on,address,host_kind,stay_from,stay_until\n\
        G1,TUR,T1,2026-01-20,\"Baku, Nizami st. 5\",hotel,2026-01-10,\n\
        G2,TUR,T1,2026-01-20,Baku,castle,2026-01-10,\n";
    for db in TestDb::both().unwrap() {
        let mut rejects = Vec::new();
        let req = ImportRequest {
            kind: RecordKind::Permits,
            format: Format::Csv,
            source: "t",
            actor: "t",
            batch_rows: 10,
        };
        let s = run_import(
            &db.store,
            permits.as_bytes(),
            req,
            &mut |r| {
                rejects.push(r.clone());
                Ok(())
            },
            &mut |_, _| {},
        )
        .unwrap();
        assert_eq!(s, summary(4, 2, 0, 0, 2), "{rejects:?}");
        assert!(rejects[0].reason.contains("employer_tin") && rejects[1].reason.contains("valid_until"));
        let req = ImportRequest { kind: RecordKind::Registrations, ..req };
        let s = run_import(&db.store, regs.as_bytes(), req, &mut |_| Ok(()), &mut |_, _| {}).unwrap();
        assert_eq!(s, summary(2, 1, 0, 0, 1));
    }
}
