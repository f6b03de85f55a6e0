//! Any string given as a mail address or host name: an address or host name that parses reads
//! back unchanged, and a message to it renders without a bare line break in its headers. (The
//! relay's replies are parsed by lettre.)
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::time::UNIX_EPOCH;
use umis_notify::{Address, HostName, Message, render_eml};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(host) = HostName::parse(&text) {
        assert_eq!(HostName::parse(host.as_str()).as_ref(), Ok(&host), "a host name does not read back");
    }
    if let Ok(to) = Address::parse(&text) {
        assert_eq!(Address::parse(to.as_str()).as_ref(), Ok(&to), "an address does not read back");
        let from = Address::parse("umis@example.org").expect("a fixed address is valid");
        let helo = HostName::parse("umis.example.org").expect("a fixed host name is valid");
        let message = Message::new(to, "Status", "Body", "job-1").expect("a fixed message is valid");
        let eml = render_eml(&message, &from, &helo, UNIX_EPOCH);
        let headers = eml.split("\r\n\r\n").next().unwrap_or("");
        assert!(!headers.replace("\r\n", "").contains(['\r', '\n']), "a bare line break in the headers");
    }
});
