//! The demo generator's files are what the importers accept: every row of a generated
//! population imports with no reject and no conflict, and the generator is deterministic.

use std::fs::File;
use umis_core::demo::{DemoSpec, generate};
use umis_core::import::{Format, ImportRequest, RecordKind, run_import};
use umis_domain::Date;

type TestResult = Result<(), Box<dyn std::error::Error>>;

fn spec(travellers: usize, seed: u64) -> Result<DemoSpec, Box<dyn std::error::Error>> {
    Ok(DemoSpec { travellers, seed, as_of: Date::parse("2026-07-10")? })
}

#[test]
fn every_generated_row_imports() -> TestResult {
    let dir = tempfile::tempdir()?;
    let files = generate(&spec(2_000, 42)?, dir.path())?;
    assert!(files.crossing_rows > 7_000, "{files:?}");
    assert!(files.permit_rows > 50 && files.registration_rows > 500, "{files:?}");
    let db = dir.path().join("umis.db");
    let store = umis_store::Store::open(&format!("sqlite://{}", db.display()))?;
    let inputs = [
        (RecordKind::Crossings, &files.crossings, files.crossing_rows),
        (RecordKind::Permits, &files.permits, files.permit_rows),
        (RecordKind::Registrations, &files.registrations, files.registration_rows),
    ];
    for (kind, path, rows) in inputs {
        let req =
            ImportRequest { kind, format: Format::Csv, source: "demo", actor: "test", batch_rows: 1000 };
        let mut rejects = Vec::new();
        let summary = run_import(
            &store,
            File::open(path)?,
            req,
            &mut |r| {
                rejects.push(r.clone());
                Ok(())
            },
            &mut |_, _| {},
        )?;
        assert_eq!(rejects, vec![], "{kind:?}");
        assert_eq!(summary.rejected, 0, "{kind:?}: {summary}");
        assert_eq!(summary.conflict, 0, "{kind:?}: {summary}");
        assert_eq!(summary.duplicate, 0, "{kind:?}: {summary}");
        assert_eq!(summary.imported, rows, "{kind:?}: {summary}");
    }
    Ok(())
}

#[test]
fn the_same_seed_gives_the_same_bytes() -> TestResult {
    let (a, b, c) = (tempfile::tempdir()?, tempfile::tempdir()?, tempfile::tempdir()?);
    let fa = generate(&spec(1_500, 9)?, a.path())?;
    let fb = generate(&spec(1_500, 9)?, b.path())?;
    let fc = generate(&spec(1_500, 10)?, c.path())?;
    for (x, y, z) in [
        (&fa.crossings, &fb.crossings, &fc.crossings),
        (&fa.permits, &fb.permits, &fc.permits),
        (&fa.registrations, &fb.registrations, &fc.registrations),
    ] {
        let (x, y, z) = (std::fs::read(x)?, std::fs::read(y)?, std::fs::read(z)?);
        assert!(x == y, "same seed, different bytes");
        assert!(x != z, "different seed, same bytes");
    }
    Ok(())
}

#[test]
fn the_scan_finds_what_the_generator_planted() -> TestResult {
    let dir = tempfile::tempdir()?;
    let spec = spec(3_000, 5)?;
    let (files, planted) = umis_core::demo::generate_with_summary(&spec, dir.path())?;
    let db = dir.path().join("umis.db");
    let store = umis_store::Store::open(&format!("sqlite://{}", db.display()))?;
    for (kind, path) in [
        (RecordKind::Crossings, &files.crossings),
        (RecordKind::Permits, &files.permits),
        (RecordKind::Registrations, &files.registrations),
    ] {
        let req =
            ImportRequest { kind, format: Format::Csv, source: "demo", actor: "test", batch_rows: 1000 };
        run_import(&store, File::open(path)?, req, &mut |_| Ok(()), &mut |_, _| {})?;
    }
    let packs = umis_rules::Packs::builtin()?;
    let mut out = Vec::new();
    let found = umis_core::scan::run_scan(&store, packs.default_pack(), spec.as_of, "test", &mut out)?;
    assert_eq!(found.overstays, planted.overstays, "{planted:?}");
    assert_eq!(found.unregistered_stays, planted.unregistered_stays, "{planted:?}");
    assert_eq!(found.anomalies, planted.exits_without_entry + planted.entries_without_exit, "{planted:?}");
    Ok(())
}
