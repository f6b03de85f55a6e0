//! Building notifications: which addresses and host names are accepted, which subjects are
//! refused as header injection, and what the rendered RFC 5322 text looks like.

#![expect(clippy::unwrap_used, reason = "tests fail loudly")]

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use proptest::prelude::*;
use std::time::{Duration, UNIX_EPOCH};
use umis_notify::{
    Address, AddressError, DeliveryError, HostName, MAX_BODY_BYTES, Message, MessageError, render_eml,
};

fn check(input: &str, expected: Result<&str, AddressError>) {
    let got = Address::parse(input);
    assert_eq!(got.as_ref().map(Address::as_str).map_err(Clone::clone), expected, "{input:?}");
}

#[test]
fn valid_addresses() {
    let cases = [
        ("ali@example.az", "ali@example.az"),
        ("Ali.Veliyev@Mail.Example.AZ", "Ali.Veliyev@mail.example.az"),
        ("o'brien+visa@sub-domain.example.org", "o'brien+visa@sub-domain.example.org"),
        ("x@xn--80ak6aa92e.com", "x@xn--80ak6aa92e.com"),
        ("a!#$%&*/=?^_`{|}~-z@x.io", "a!#$%&*/=?^_`{|}~-z@x.io"),
        ("1@2.a3", "1@2.a3"),
    ];
    for (input, normalised) in cases {
        check(input, Ok(normalised));
    }
    let a = Address::parse("Ali@Example.AZ").unwrap();
    assert_eq!((a.local(), a.domain(), a.to_string().as_str()), ("Ali", "example.az", "Ali@example.az"));
}

#[test]
fn invalid_addresses() {
    let long_local = format!("{}@x.az", "a".repeat(65));
    let long_label = format!("a@{}.az", "b".repeat(64));
    let long_address = format!("a@{}.az", vec!["b".repeat(60); 5].join("."));
    let cases = [
        ("", AddressError::Empty),
        ("ali", AddressError::MissingAt),
        ("ali@x@y.az", AddressError::SeveralAts),
        ("\"a@b\"@x.az", AddressError::SeveralAts),
        ("@x.az", AddressError::EmptyLocal),
        ("ali@", AddressError::EmptyDomain),
        ("ali veli@x.az", AddressError::LocalCharacter),
        (" ali@x.az", AddressError::LocalCharacter),
        ("\"ali\"@x.az", AddressError::LocalCharacter),
        ("<ali@x.az", AddressError::LocalCharacter),
        ("ali\r\n@x.az", AddressError::LocalCharacter),
        ("a(b)@x.az", AddressError::LocalCharacter),
        ("a,b@x.az", AddressError::LocalCharacter),
        ("a\\b@x.az", AddressError::LocalCharacter),
        (".ali@x.az", AddressError::LocalDots),
        ("ali.@x.az", AddressError::LocalDots),
        ("a..li@x.az", AddressError::LocalDots),
        ("əli@x.az", AddressError::NonAsciiLocal),
        ("ali@пример.рф", AddressError::InternationalDomain),
        ("ali@bakı.az", AddressError::InternationalDomain),
        ("ali@x.az>", AddressError::LabelCharacter),
        ("ali@x.az\r\nDATA", AddressError::LabelCharacter),
        ("ali@x.az\r\nRCPT TO:<b@y.az>", AddressError::SeveralAts),
        ("ali@x.az ", AddressError::LabelCharacter),
        ("ali@x_y.az", AddressError::LabelCharacter),
        ("ali@[127.0.0.1]", AddressError::LabelCharacter),
        ("ali@.x.az", AddressError::EmptyLabel),
        ("ali@x..az", AddressError::EmptyLabel),
        ("ali@x.az.", AddressError::EmptyLabel),
        ("ali@-x.az", AddressError::LabelHyphen),
        ("ali@x-.az", AddressError::LabelHyphen),
        ("ali@localhost", AddressError::SingleLabel),
        ("ali@10.0.0.1", AddressError::NumericTopLevel),
        (long_local.as_str(), AddressError::LocalTooLong),
        (long_label.as_str(), AddressError::LabelTooLong),
        (long_address.as_str(), AddressError::TooLong),
    ];
    for (input, error) in cases {
        check(input, Err(error));
    }
}

#[test]
fn address_errors_do_not_repeat_the_address() {
    for input in ["secret.person@x_y.az", "secret.person@", "secret person@x.az", "secret.person@bakı.az"] {
        let message = Address::parse(input).unwrap_err().to_string();
        assert!(!message.contains("secret"), "{message}");
    }
    let idn = Address::parse("a@bakı.az").unwrap_err().to_string();
    assert!(idn.contains("internationalised") && idn.contains("xn--"), "{idn}");
}

#[test]
fn host_names() {
    let long = vec!["b".repeat(63); 4].join(".");
    let cases = [
        ("localhost", Ok("localhost")),
        ("UMIS.gov.az", Ok("umis.gov.az")),
        ("umis-app-1", Ok("umis-app-1")),
        ("", Err(AddressError::EmptyDomain)),
        ("umis.gov.az\r\nX: y", Err(AddressError::LabelCharacter)),
        ("umis gov", Err(AddressError::LabelCharacter)),
        ("127.0.0.1", Err(AddressError::NumericTopLevel)),
        ("umis..az", Err(AddressError::EmptyLabel)),
        ("сервер", Err(AddressError::InternationalDomain)),
        (long.as_str(), Err(AddressError::DomainTooLong)),
    ];
    for (input, expected) in cases {
        let got = HostName::parse(input);
        assert_eq!(got.as_ref().map(HostName::as_str).map_err(Clone::clone), expected, "{input:?}");
    }
}

fn to() -> Address {
    Address::parse("ali@example.az").unwrap()
}

#[test]
fn header_injection_and_unsafe_ids_are_refused() {
    let long_subject = "x".repeat(251);
    let big_body = "x".repeat(MAX_BODY_BYTES + 1);
    let long_id = "a".repeat(129);
    let cases = [
        ("Hi\r\nBcc: x@y.az", "body", "job-1", MessageError::SubjectLineBreak),
        ("Hi\nBcc: x@y.az", "body", "job-1", MessageError::SubjectLineBreak),
        ("Hi\rBcc: x@y.az", "body", "job-1", MessageError::SubjectLineBreak),
        ("Hi\0there", "body", "job-1", MessageError::SubjectControl),
        ("Hi\u{85}there", "body", "job-1", MessageError::SubjectControl),
        ("Hi\tthere", "body", "job-1", MessageError::SubjectControl),
        (long_subject.as_str(), "body", "job-1", MessageError::SubjectTooLong),
        ("Hi", big_body.as_str(), "job-1", MessageError::BodyTooLarge),
        ("Hi", "body", "", MessageError::BadId),
        ("Hi", "body", "job 1", MessageError::BadId),
        ("Hi", "body", "job-1>\r\nBcc: x@y.az", MessageError::BadId),
        ("Hi", "body", "../job", MessageError::BadId),
        ("Hi", "body", long_id.as_str(), MessageError::BadId),
    ];
    for (subject, body, id, error) in cases {
        assert_eq!(Message::new(to(), subject, body, id), Err(error), "{subject:?} {id:?}");
    }
    let fine = Message::new(to(), &"ş".repeat(250), "Bağışlayın\r\nЗаявление", &"a".repeat(128)).unwrap();
    assert_eq!((fine.to(), fine.body(), fine.id().len()), (&to(), "Bağışlayın\r\nЗаявление", 128));
}

#[test]
fn rendered_message_has_the_headers_and_decodes_back() {
    let m =
        Message::new(to(), "Заявление: Bağışlayın", "Hörmətli Ali,\nЗаявление принято.", "job-42").unwrap();
    let from = Address::parse("noreply@umis.gov.az").unwrap();
    let helo = HostName::parse("umis.gov.az").unwrap();
    let eml = render_eml(&m, &from, &helo, UNIX_EPOCH + Duration::from_secs(1_783_676_096));
    let (head, body) = eml.split_once("\r\n\r\n").unwrap();
    let expected_head = "Date: Fri, 10 Jul 2026 09:34:56 +0000\r\n\
         From: noreply@umis.gov.az\r\n\
         To: ali@example.az\r\n\
         Subject: =?UTF-8?B?0JfQsNGP0LLQu9C10L3QuNC1OiBCYcSfxLHFn2xhecSxbg==?=\r\n\
         Message-ID: <job-42@umis.gov.az>\r\n\
         Auto-Submitted: auto-generated\r\n\
         MIME-Version: 1.0\r\n\
         Content-Type: text/plain; charset=utf-8\r\n\
         Content-Transfer-Encoding: base64";
    assert_eq!(head, expected_head);
    assert!(eml.is_ascii() && !eml.replace("\r\n", "").contains(['\r', '\n']));
    let decoded = STANDARD.decode(body.replace("\r\n", "")).unwrap();
    assert_eq!(String::from_utf8(decoded).unwrap(), "Hörmətli Ali,\r\nЗаявление принято.");
}

#[test]
fn delivery_errors_say_whether_to_retry() {
    assert!(DeliveryError::Temporary("busy".into()).is_temporary());
    assert!(!DeliveryError::Permanent("no such user".into()).is_temporary());
    assert_eq!(DeliveryError::Permanent("x".into()).to_string(), "delivery failed permanently: x");
}

proptest! {
    #[test]
    fn parsing_and_rendering_never_panic(addr in "(?s).{0,300}", subject in "(?s).{0,300}", body in "(?s).{0,2000}") {
        let parsed = Address::parse(&addr);
        if let Ok(a) = &parsed {
            prop_assert!(a.as_str().len() <= 254 && a.as_str().is_ascii());
            prop_assert_eq!(&Address::parse(a.as_str()), &parsed);
        }
        let _host = HostName::parse(&addr);
        if let Ok(m) = Message::new(to(), &subject, &body, "p") {
            let eml = render_eml(&m, &to(), &HostName::parse("h").unwrap(), UNIX_EPOCH);
            prop_assert!(eml.is_ascii());
            prop_assert!(eml.split("\r\n").all(|line| line.len() <= 998));
        }
    }
}

proptest! {
    #[test]
    fn near_valid_addresses_parse_to_themselves_or_fail_cleanly(addr in "[a-zA-Z0-9.!#'+-]{0,70}@[a-zA-Z0-9.-]{0,260}") {
        if let Ok(a) = Address::parse(&addr) {
            prop_assert_eq!(a.as_str(), format!("{}@{}", a.local(), a.domain()));
            prop_assert_eq!(a.as_str().to_ascii_lowercase(), addr.to_ascii_lowercase());
        }
    }
}
