//! The outbox channel: one parseable `.eml` file per message id, written atomically, the same
//! file again when the same id is delivered twice, and nothing else left in the directory.

#![expect(clippy::unwrap_used, reason = "tests fail loudly")]

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use std::path::Path;
use umis_notify::{Address, Channel, HostName, Message, OutboxChannel};

fn outbox(dir: &Path) -> OutboxChannel {
    OutboxChannel::new(
        dir,
        Address::parse("noreply@umis.gov.az").unwrap(),
        HostName::parse("umis.gov.az").unwrap(),
    )
}

fn message(id: &str, body: &str) -> Message {
    Message::new(Address::parse("ali@example.az").unwrap(), "Заявление", body, id).unwrap()
}

fn files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Splits a stored file into headers (name, value) and the decoded body.
fn parse_eml(text: &str) -> (Vec<(String, String)>, String) {
    let (head, body) = text.split_once("\r\n\r\n").unwrap();
    let headers = head
        .split("\r\n")
        .map(|line| {
            let (name, value) = line.split_once(": ").unwrap();
            (name.to_owned(), value.to_owned())
        })
        .collect();
    let body = String::from_utf8(STANDARD.decode(body.replace("\r\n", "")).unwrap()).unwrap();
    (headers, body)
}

#[test]
fn writes_one_parseable_file_named_after_the_id() {
    let dir = tempfile::tempdir().unwrap();
    let channel = outbox(dir.path());
    assert_eq!(channel.name(), "outbox");
    channel.deliver(&message("job-7", "Bağışlayın,\nЗаявление принято.")).unwrap();
    assert_eq!(files(dir.path()), ["job-7.eml"]);
    let text = std::fs::read_to_string(channel.path_for("job-7")).unwrap();
    let (headers, body) = parse_eml(&text);
    let names: Vec<&str> = headers.iter().map(|(n, _)| n.as_str()).collect();
    let expected = [
        "Date",
        "From",
        "To",
        "Subject",
        "Message-ID",
        "Auto-Submitted",
        "MIME-Version",
        "Content-Type",
        "Content-Transfer-Encoding",
    ];
    assert_eq!(names, expected);
    assert_eq!(headers[4].1, "<job-7@umis.gov.az>");
    assert_eq!(headers[5].1, "auto-generated");
    assert_eq!(headers[3].1, "=?UTF-8?B?0JfQsNGP0LLQu9C10L3QuNC1?=");
    assert_eq!(body, "Bağışlayın,\r\nЗаявление принято.");
}

#[test]
fn delivering_the_same_id_again_overwrites_and_leaves_no_temporary_files() {
    let dir = tempfile::tempdir().unwrap();
    let channel = outbox(dir.path());
    for body in ["first", "second", "third"] {
        channel.deliver(&message("job-9", body)).unwrap();
    }
    channel.deliver(&message("job-10", "other")).unwrap();
    assert_eq!(files(dir.path()), ["job-10.eml", "job-9.eml"]);
    let (_, body) = parse_eml(&std::fs::read_to_string(dir.path().join("job-9.eml")).unwrap());
    assert_eq!(body, "third");
}

#[test]
fn concurrent_deliveries_of_one_id_leave_one_whole_file() {
    let dir = tempfile::tempdir().unwrap();
    let channel = outbox(dir.path());
    std::thread::scope(|s| {
        for t in 0..4 {
            let channel = &channel;
            s.spawn(move || {
                for i in 0..10 {
                    channel.deliver(&message("job-1", &format!("writer {t} round {i}"))).unwrap();
                }
            });
        }
    });
    assert_eq!(files(dir.path()), ["job-1.eml"]);
    let (_, body) = parse_eml(&std::fs::read_to_string(dir.path().join("job-1.eml")).unwrap());
    assert!(body.starts_with("writer ") && body.contains(" round "), "{body}");
}

#[test]
fn a_missing_directory_is_a_temporary_failure() {
    let dir = tempfile::tempdir().unwrap();
    let channel = outbox(&dir.path().join("not-created"));
    let err = channel.deliver(&message("job-1", "x")).unwrap_err();
    assert!(err.is_temporary(), "{err}");
    assert!(err.to_string().contains("cannot create file"), "{err}");
    assert_eq!(files(dir.path()), Vec::<String>::new());
}

#[test]
fn file_names_stay_inside_the_directory() {
    let channel = outbox(Path::new("/var/spool/umis"));
    let cases = [
        ("job-1", "/var/spool/umis/job-1.eml"),
        ("../../etc/passwd", "/var/spool/umis/______etc_passwd.eml"),
    ];
    for (id, path) in cases {
        assert_eq!(channel.path_for(id), Path::new(path), "{id:?}");
    }
}
