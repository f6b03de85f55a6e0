//! The `umis` command as an operator runs it: help everywhere, one-line errors with exit status
//! 2 for unusable input, the import summary and rejects file, the calculator, the rule packs.

#![expect(clippy::unwrap_used, reason = "test code: a failure should stop the test")]

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn umis(dir: &Path, args: &[&str], stdin: Option<&[u8]>) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_umis"))
        .args(args)
        .current_dir(dir)
        .env("UMIS_DATABASE_URL", format!("sqlite://{}", dir.join("t.db").display()))
        .env_remove("UMIS_RULES_DIR")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    if let Some(input) = stdin {
        child.stdin.as_mut().unwrap().write_all(input).unwrap();
    }
    drop(child.stdin.take());
    let Output { status, stdout, stderr } = child.wait_with_output().unwrap();
    let run = Run {
        code: status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&stdout).into_owned(),
        stderr: String::from_utf8_lossy(&stderr).into_owned(),
    };
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    run
}

fn tmp() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

/// Creates the office `code` and gives the arguments that create the administrator `boss` in it.
fn boss_in_new_office<'a>(dir: &Path, code: &'a str, name: &str) -> [&'a str; 11] {
    let office = umis(dir, &["admin", "office", "create", "--code", code, "--name", name], None);
    assert_eq!(office.code, 0, "{}", office.stderr);
    [
        "admin",
        "user",
        "create",
        "--username",
        "boss",
        "--role",
        "admin",
        "--office",
        code,
        "--display-name",
        "Boss",
    ]
}

const HEADER: &str = "record_id,direction,occurred_at,border_point,document_type,document_number,document_issuing_state,person_surname,person_date_of_birth,person_sex,person_nationality,entry_basis_kind,entry_basis_stay_days";

#[test]
fn every_command_has_help() {
    let d = tmp();
    for cmd in [
        &[][..],
        &["demo"],
        &["serve"],
        &["migrate"],
        &["import"],
        &["scan"],
        &["stay-calc"],
        &["rules"],
        &["rules", "show"],
        &["admin"],
        &["admin", "token", "create"],
        &["admin", "token", "revoke"],
        &["admin", "user", "create"],
        &["admin", "user", "totp-code"],
        &["admin", "office", "create"],
        &["verify"],
        &["keys", "jwks"],
        &["keys", "rotate"],
        &["audit", "verify"],
        &["audit", "checkpoint"],
        &["demo-data"],
        &["cases", "sweep"],
    ] {
        let mut args = cmd.to_vec();
        args.push("--help");
        let r = umis(d.path(), &args, None);
        assert_eq!(r.code, 0, "{args:?}: {}", r.stderr);
        assert!(r.stdout.contains("Usage"), "{args:?}");
    }
}

#[test]
fn the_benchmark_is_not_part_of_the_production_binary() {
    let r = umis(tmp().path(), &["bench", "--help"], None);
    assert_eq!(r.code, 2, "`umis bench` is gone (the benchmark is `umis-bench`): {}", r.stdout);
}

#[test]
fn unusable_input_is_one_line_and_exit_status_2() {
    let d = tmp();
    std::fs::write(d.path().join("empty.csv"), "").unwrap();
    std::fs::write(d.path().join("data.txt"), "x").unwrap();
    let utf16: Vec<u8> =
        [0xFF, 0xFE].into_iter().chain(HEADER.encode_utf16().flat_map(|u| u.to_le_bytes())).collect();
    std::fs::write(d.path().join("utf16.csv"), utf16).unwrap();
    std::fs::create_dir(d.path().join("adir.csv")).unwrap();
    for (args, needle) in [
        (&["import", "crossings", "missing.csv"][..], "missing.csv: no such file"),
        (&["import", "crossings", "adir.csv"], "adir.csv: is a directory"),
        (&["import", "crossings", "empty.csv"], "empty.csv: is empty"),
        (&["import", "crossings", "utf16.csv"], "UTF-16"),
        (&["import", "crossings", "data.txt"], "--format"),
        (&["import", "crossings", "-"], "--format"),
        (&["scan", "--as-of", "2026-02-30"], "--as-of"),
        (&["scan", "--as-of", "2262-04-12"], "1900-2199"),
        (&["scan", "--as-of", "2026-07-10", "--pack", "mars"], "mars"),
        (&["rules", "show", "--on", "yesterday"], "--on"),
        (&["admin", "token", "create", "--name", "x", "--role", "god"], "role"),
        (&["admin", "token", "create", "--name", "a b", "--role", "officer"], "name"),
        (&["--database", "mysql://x", "migrate"], "unsupported database URL"),
    ] {
        let r = umis(d.path(), args, None);
        assert_eq!(r.code, 2, "{args:?}: {}", r.stderr);
        assert_eq!(r.stderr.trim().lines().count(), 1, "{args:?}: one line: {}", r.stderr);
        assert!(r.stderr.contains(needle), "{args:?}: {:?} should mention {needle}", r.stderr);
    }
}

#[test]
fn import_prints_a_summary_and_writes_rejects() {
    let d = tmp();
    let csv = format!(
        "{HEADER}\nA,entry,2026-01-10T09:00:00+04:00,GYD,P,X1,TUR,Y,1985-01-01,M,TUR,visa_free,\nB,entry,2026-01-10T09:00:00,GYD,P,X1,TUR,Y,1985-01-01,M,TUR,visa_free,\n"
    );
    std::fs::write(d.path().join("c.csv"), &csv).unwrap();
    let r = umis(d.path(), &["import", "crossings", "c.csv", "--json", "--rejects", "rej.jsonl"], None);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: serde_json::Value = serde_json::from_str(r.stdout.trim()).unwrap();
    assert_eq!(
        v,
        serde_json::json!({"read": 2, "imported": 1, "duplicate": 0, "conflict": 0, "rejected": 1})
    );
    let rejects = std::fs::read_to_string(d.path().join("rej.jsonl")).unwrap();
    let line: serde_json::Value = serde_json::from_str(rejects.trim()).unwrap();
    assert_eq!(line["line"], 3);
    assert_eq!(line["record_id"], "B");
    let r = umis(d.path(), &["import", "crossings", "-", "--format", "csv"], Some(csv.as_bytes()));
    assert_eq!(r.code, 0);
    assert!(r.stdout.contains("read 2, imported 0, duplicate 1, conflict 0, rejected 1"), "{}", r.stdout);
}

#[test]
fn stay_calc_answers_and_refuses_with_the_field() {
    let d = tmp();
    let req = r#"{"pack":"schengen","mode":"planning","date":"2015-01-01","stays":[{"entry":"2014-08-15","exit":"2014-09-30"}]}"#;
    let r = umis(d.path(), &["stay-calc"], Some(req.as_bytes()));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!((v["days_used"].as_u64(), v["max_stay_days"].as_u64()), (Some(47), Some(90)));
    assert_eq!(v["latest_exit"], "2015-03-31");
    let r = umis(d.path(), &["stay-calc", "--lang", "ru"], Some(req.as_bytes()));
    assert!(r.stdout.chars().any(|c| ('а'..='я').contains(&c)), "a Russian trace: {}", r.stdout);
    for (body, field) in [
        (req.replace("2014-09-30", "2014-08-01"), "stays[0].exit"),
        (req.replace("planning", "dreaming"), "mode"),
        ("not json".to_owned(), "stay-calc"),
        (String::new(), "stay-calc"),
    ] {
        let r = umis(d.path(), &["stay-calc"], Some(body.as_bytes()));
        assert_eq!(r.code, 2, "{body}");
        assert!(r.stderr.contains(field), "{body}: {}", r.stderr);
    }
}

#[test]
fn rules_show_the_law_in_force_on_a_date() {
    let d = tmp();
    let old = umis(d.path(), &["rules", "show", "--pack", "az", "--on", "2017-01-01"], None);
    let new = umis(d.path(), &["rules", "show", "--pack", "az", "--on", "2026-01-01"], None);
    assert_eq!((old.code, new.code), (0, 0));
    let deadline = |s: &str| s.lines().find(|l| l.contains("registration.deadline_days")).map(str::to_owned);
    assert!(deadline(&old.stdout).is_some_and(|l| l.contains("= 10")), "{}", old.stdout);
    assert!(deadline(&new.stdout).is_some_and(|l| l.contains("= 15")), "{}", new.stdout);
    assert!(new.stdout.contains("source:"));
    let rules = d.path().join("rules");
    std::fs::create_dir(&rules).unwrap();
    let az = include_str!("../../umis-rules/packs/az.toml").replacen(
        "from = \"2018-06-29\"",
        "from = \"2018-13-29\"",
        1,
    );
    std::fs::write(rules.join("az.toml"), az).unwrap();
    let r = umis(d.path(), &["--rules", "rules", "rules", "show"], None);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("az.toml") && r.stderr.contains("from"), "{}", r.stderr);
}

/// The e-service catalogue is read with the rule packs, once, at start: a broken one in
/// `--rules DIR` stops every command before it starts, naming the file, service, field and
/// problem; a valid one is taken.
#[test]
fn a_broken_catalogue_in_the_rules_directory_stops_the_start() {
    let d = tmp();
    let rules = d.path().join("rules");
    std::fs::create_dir(&rules).unwrap();
    let builtin = include_str!("../../umis-rules/packs/az-services.toml");
    std::fs::write(rules.join("az-services.toml"), builtin).unwrap();
    let ok = umis(d.path(), &["--rules", "rules", "rules", "show"], None);
    assert_eq!(ok.code, 0, "{}", ok.stderr);
    let broken = builtin.replacen("kind = \"permit\"", "kind = \"visa\"", 1);
    assert_ne!(broken, builtin);
    std::fs::write(rules.join("az-services.toml"), broken).unwrap();
    for args in [
        &["--rules", "rules", "rules", "show"][..],
        &["--rules", "rules", "serve", "--listen", "127.0.0.1:0"],
    ] {
        let r = umis(d.path(), args, None);
        assert_eq!(r.code, 2, "{args:?}: {}", r.stderr);
        assert_eq!(r.stderr.trim().lines().count(), 1, "{}", r.stderr);
        assert!(r.stderr.contains("az-services.toml") && r.stderr.contains("outcome.kind"), "{}", r.stderr);
        assert!(r.stderr.contains("unknown outcome"), "{}", r.stderr);
    }
}

#[test]
fn tokens_are_shown_once_and_names_are_unique() {
    let d = tmp();
    let r =
        umis(d.path(), &["admin", "token", "create", "--name", "border-1", "--role", "border-feed"], None);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.trim().starts_with("umis_") && r.stdout.trim().len() == 69);
    let secret = r.stdout.trim().as_bytes();
    for file in ["t.db", "t.db-wal"] {
        let bytes = std::fs::read(d.path().join(file)).unwrap_or_default();
        assert!(!bytes.windows(secret.len()).any(|w| w == secret), "the secret is not stored in {file}");
    }
    let r =
        umis(d.path(), &["admin", "token", "create", "--name", "border-1", "--role", "border-feed"], None);
    assert_eq!(r.code, 1);
    let r = umis(d.path(), &["admin", "token", "revoke", "--name", "border-1"], None);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let store = umis_store::Store::open(&format!("sqlite://{}", d.path().join("t.db").display())).unwrap();
    let secret = String::from_utf8_lossy(secret).into_owned();
    assert_eq!(umis_core::tokens::authenticate(&store, &secret).unwrap(), None, "a revoked token is refused");
    let r = umis(d.path(), &["admin", "token", "revoke", "--name", "border-1"], None);
    assert_eq!(r.code, 2, "revoking twice: nothing to revoke");
}

#[test]
fn the_audit_chain_verifies_and_a_witness_checkpoint_holds() {
    let d = tmp();
    let r = umis(d.path(), &["admin", "token", "create", "--name", "w", "--role", "officer"], None);
    assert_eq!(r.code, 0);
    let r = umis(d.path(), &["audit", "verify"], None);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.starts_with("audit chain verified: 1 records"), "{}", r.stdout);
    let r = umis(d.path(), &["audit", "checkpoint", "--key", "audit.key", "--out", "cp.json"], None);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let public_key = r.stderr.split("public key ").nth(1).map(str::trim).unwrap_or_default().to_owned();
    assert_eq!(public_key.len(), 64, "{}", r.stderr);
    let r =
        umis(d.path(), &["audit", "verify", "--checkpoint", "cp.json", "--public-key", &public_key], None);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let r = umis(d.path(), &["audit", "verify", "--checkpoint", "cp.json", "--public-key", "00"], None);
    assert_eq!(r.code, 2, "a malformed key is an input error");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(d.path().join("audit.key")).unwrap().permissions().mode();
        assert_eq!(mode & 0o077, 0, "the signing key is readable by its owner only");
    }
}

#[test]
fn the_first_administrator_is_created_from_the_command_line() {
    let d = tmp();
    let args = boss_in_new_office(d.path(), "BAK1", "Bakı");
    let weak = umis(d.path(), &args, Some(b"password\n"));
    assert_eq!(weak.code, 2, "a blocklisted password is refused: {}", weak.stderr);
    let ok = umis(d.path(), &args, Some(b"a long and unusual admin passphrase\n"));
    assert_eq!(ok.code, 0, "{}", ok.stderr);
    assert!(ok.stdout.contains("TOTP secret") && ok.stdout.contains("otpauth://totp/"), "{}", ok.stdout);
    let again = umis(d.path(), &args, Some(b"a long and unusual admin passphrase\n"));
    assert_eq!(again.code, 2, "user names are unique");
    let code = umis(d.path(), &["admin", "user", "totp-code", "--username", "boss"], None);
    assert_eq!(code.code, 2, "only demo accounts have codes umis shows");
}

#[test]
fn a_document_is_verified_offline_and_forgeries_and_revocations_are_refused() {
    use umis_credential::{Claims, DocType, KeyRing, NewClaims, RevocationEntry, RevocationList, render_pdf};
    let d = tmp();
    let keys = KeyRing::load_or_create(&d.path().join("umis-keys")).unwrap();
    let day = |s: &str| umis_domain::Date::parse(s).unwrap();
    let claims = Claims::new(NewClaims {
        doc_type: DocType::Permit,
        number: "P1-BAK1-2026-0000001-18".into(),
        kind: "temporary_residence".into(),
        holder: "Ivan Petrov".into(),
        travel_document: "RUS:751234567".into(),
        birth: day("1990-05-04"),
        valid_from: Some(day("2026-01-01")),
        valid_until: Some(day("2026-12-31")),
        employer: None,
        grounds: Vec::new(),
        issued: day("2026-01-01"),
    })
    .unwrap();
    let token = keys.sign(&claims);
    let pdf = render_pdf(&claims, &token, umis_rules::Lang::Az).unwrap();
    std::fs::write(d.path().join("permit.pdf"), &pdf).unwrap();
    let jwks = umis(d.path(), &["keys", "jwks"], None);
    assert_eq!(jwks.code, 0, "{}", jwks.stderr);
    std::fs::write(d.path().join("jwks.json"), &jwks.stdout).unwrap();
    let on = ["--jwks", "jwks.json", "--on", "2026-06-01"];
    let ok = umis(d.path(), &[&["verify", "permit.pdf"][..], &on].concat(), None);
    assert_eq!(ok.code, 0, "{} {}", ok.stdout, ok.stderr);
    assert!(ok.stdout.contains("VALID") && ok.stdout.contains("Ivan Petrov"), "{}", ok.stdout);
    let by_text = umis(d.path(), &[&["verify", token.as_str()][..], &on].concat(), None);
    assert_eq!(by_text.code, 0, "{}", by_text.stderr);
    let expired =
        umis(d.path(), &["verify", token.as_str(), "--jwks", "jwks.json", "--on", "2027-01-01"], None);
    assert_eq!(expired.code, 1);
    assert!(expired.stderr.contains("EXPIRED"), "{}", expired.stderr);

    let mut forged = token.clone().into_bytes();
    let i = 12;
    forged[i] = if forged[i] == b'A' { b'B' } else { b'A' };
    let forged = String::from_utf8(forged).unwrap();
    let r = umis(d.path(), &[&["verify", forged.as_str()][..], &on].concat(), None);
    assert_eq!(r.code, 1, "{}", r.stdout);
    assert!(r.stderr.contains("REJECTED"), "{}", r.stderr);

    let mut tampered = pdf.clone();
    let at = tampered.windows(6).position(|w| w == b"UMIS1.").unwrap() + 20;
    tampered[at] = if tampered[at] == b'A' { b'B' } else { b'A' };
    std::fs::write(d.path().join("tampered.pdf"), &tampered).unwrap();
    let r = umis(d.path(), &[&["verify", "tampered.pdf"][..], &on].concat(), None);
    assert_ne!(r.code, 0, "a tampered PDF is not accepted: {}", r.stdout);

    let entry = RevocationEntry::new("P1-BAK1-2026-0000001-18", day("2026-03-01"), "Art. 52.1").unwrap();
    let list = RevocationList::sign(vec![entry], umis_domain::Instant::from_parts(0, 0), &keys).unwrap();
    std::fs::write(d.path().join("revoked.json"), list.to_json()).unwrap();
    let r =
        umis(d.path(), &[&["verify", "permit.pdf", "--revocations", "revoked.json"][..], &on].concat(), None);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("revoked"), "{}", r.stderr);
    std::fs::write(d.path().join("jwks-bad.json"), "{\"keys\":[]}").unwrap();
    let r = umis(d.path(), &["verify", "permit.pdf", "--jwks", "jwks-bad.json"], None);
    assert_eq!(r.code, 2, "an empty key set is unusable input: {}", r.stderr);
}

/// Starts `umis demo` on port 0 in `dir`, waits until it listens, stops it; its output.
fn demo_once(dir: &Path) -> String {
    use std::io::BufRead;
    let mut child = Command::new(env!("CARGO_BIN_EXE_umis"))
        .args(["demo", "--listen", "127.0.0.1:0", "--travellers", "20"])
        .current_dir(dir)
        .env("UMIS_DATABASE_URL", format!("sqlite://{}", dir.join("t.db").display()))
        .env_remove("UMIS_RULES_DIR")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut out = String::new();
    for line in std::io::BufReader::new(child.stdout.take().unwrap()).lines() {
        let line = line.unwrap();
        out.push_str(&line);
        out.push('\n');
        if line.starts_with("press Ctrl-C") {
            break;
        }
    }
    child.kill().unwrap();
    child.wait().unwrap();
    out
}

#[test]
fn demo_runs_on_an_empty_database_or_its_own_and_refuses_any_other() {
    let d = tmp();
    let first = demo_once(d.path());
    assert!(first.contains("created demo offices, accounts and applications"), "{first}");
    assert!(first.contains("demo-appeal-board "), "the appeal board has a demo account: {first}");
    // The demo's second factors are sealed with the key file beside the signing keys, and
    // `totp-code` opens them with it.
    assert!(d.path().join("umis-keys/totp-secrets.key").is_file());
    let code = umis(d.path(), &["admin", "user", "totp-code", "--username", "demo-admin"], None);
    assert_eq!(code.code, 0, "{}", code.stderr);
    let digits = code.stdout.trim();
    assert!(digits.len() == 6 && digits.bytes().all(|b| b.is_ascii_digit()), "{digits}");
    let again = demo_once(d.path());
    assert!(again.contains("listening on http://"), "a demo database is reused: {again}");

    // A database with a real administrator: nothing is written, the operator is told why.
    let prod = tmp();
    let args = boss_in_new_office(prod.path(), "HQ", "HQ");
    let boss = umis(prod.path(), &args, Some(b"a long and unusual admin passphrase\n"));
    assert_eq!(boss.code, 0, "{}", boss.stderr);
    let refused = umis(prod.path(), &["demo", "--listen", "127.0.0.1:0"], None);
    assert_eq!(refused.code, 2, "{}", refused.stderr);
    assert!(refused.stderr.contains("not a demo database"), "{}", refused.stderr);
    assert_eq!(refused.stderr.trim().lines().count(), 1, "{}", refused.stderr);
    let admin = umis(prod.path(), &["admin", "user", "totp-code", "--username", "demo-admin"], None);
    assert!(admin.stderr.contains("no account"), "no demo account was created: {}", admin.stderr);

    // Imported data without any account is refused too.
    let data = tmp();
    let csv =
        format!("{HEADER}\nA,entry,2026-01-10T09:00:00+04:00,GYD,P,X1,TUR,Y,1985-01-01,M,TUR,visa_free,\n");
    std::fs::write(data.path().join("c.csv"), csv).unwrap();
    let import = umis(data.path(), &["import", "crossings", "c.csv"], None);
    assert_eq!(import.code, 0, "{}", import.stderr);
    let refused = umis(data.path(), &["demo", "--listen", "127.0.0.1:0"], None);
    assert_eq!(refused.code, 2, "{}", refused.stderr);
}

#[test]
fn the_deadline_sweep_runs_from_the_command_line() {
    let d = tmp();
    let r = umis(d.path(), &["cases", "sweep"], None);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stdout.trim(), "lapsed unpaid: 0; left without consideration: 0");
}

/// Runs `umis serve` with SMTP settings that must stop the start; a server that starts anyway
/// is killed after 30 seconds and fails the test.
fn serve_refused(dir: &Path, args: &[&str], password: Option<&str>) -> Run {
    let mut command = Command::new(env!("CARGO_BIN_EXE_umis"));
    command
        .args(["serve", "--listen", "127.0.0.1:0"])
        .args(args)
        .current_dir(dir)
        .env("UMIS_DATABASE_URL", format!("sqlite://{}", dir.join("t.db").display()))
        .env_remove("UMIS_RULES_DIR")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for var in [
        "UMIS_SMTP_RELAY",
        "UMIS_SMTP_TLS",
        "UMIS_SMTP_USERNAME",
        "UMIS_SMTP_PASSWORD_FILE",
        "UMIS_SMTP_CA_FILE",
    ] {
        command.env_remove(var);
    }
    match password {
        Some(p) => command.env("UMIS_SMTP_PASSWORD", p),
        None => command.env_remove("UMIS_SMTP_PASSWORD"),
    };
    let mut child = command.spawn().unwrap();
    let started = std::time::Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > std::time::Duration::from_secs(30) {
            child.kill().unwrap();
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let Output { status, stdout, stderr } = child.wait_with_output().unwrap();
    Run {
        code: status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&stdout).into_owned(),
        stderr: String::from_utf8_lossy(&stderr).into_owned(),
    }
}

#[test]
fn smtp_settings_that_would_leak_the_password_or_cannot_work_stop_the_start() {
    let d = tmp();
    std::fs::write(d.path().join("password"), "from-a-file\n").unwrap();
    std::fs::write(d.path().join("not-a-ca.pem"), "hello\n").unwrap();
    let secret = "s3cret-relay-password";
    let cases: [(&[&str], Option<&str>, &str); 9] = [
        (
            &["--smtp-relay", "127.0.0.1:2525", "--smtp-tls", "none", "--smtp-username", "umis"],
            Some(secret),
            "in clear",
        ),
        (&["--smtp-relay", "relay.example:587", "--smtp-username", "umis"], None, "needs a password"),
        (&["--smtp-relay", "relay.example:587"], Some(secret), "--smtp-username is not"),
        (
            &[
                "--smtp-relay",
                "relay.example:587",
                "--smtp-username",
                "umis",
                "--smtp-password-file",
                "password",
            ],
            Some(secret),
            "not both",
        ),
        (&["--smtp-relay", "relay.example:587", "--smtp-ca-file", "missing.pem"], None, "missing.pem"),
        (
            &["--smtp-relay", "relay.example:587", "--smtp-ca-file", "not-a-ca.pem"],
            None,
            "no PEM certificate",
        ),
        (&["--smtp-relay", "relay.example"], None, "HOST:PORT"),
        (&["--smtp-relay", "relay.example:587", "--smtp-tls", "ssl"], None, "--smtp-tls"),
        // The password has no command-line option: it would show in the process list.
        (&["--smtp-relay", "relay.example:587", "--smtp-password", secret], None, "--smtp-password"),
    ];
    for (args, password, needle) in cases {
        let r = serve_refused(d.path(), args, password);
        assert_eq!(r.code, 2, "{args:?}: {} {}", r.stdout, r.stderr);
        assert!(r.stderr.contains(needle), "{args:?}: {:?} should mention {needle}", r.stderr);
        assert!(
            !r.stderr.contains(secret) || args.contains(&secret),
            "{args:?}: the password leaked: {}",
            r.stderr
        );
        assert!(!r.stdout.contains("listening"), "{args:?}: the server started: {}", r.stdout);
    }
}
