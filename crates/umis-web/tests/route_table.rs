//! The route table as the one statement of access, checked on the table and on the source:
//! every public-but-limited route names its limit, every guarded route names the action its
//! refusals are audited under, and no role or group of roles is restated anywhere in the web
//! crate outside the route tables (groups are defined once, in `umis_domain::Role`).
//!
//! A row without a handler cannot be written (the handler is part of the row), and a handler
//! without a row is dead code (handlers are crate-private), which the build refuses.

#![expect(clippy::unwrap_used, reason = "test code: a failure should stop the test")]

use std::path::Path;
use umis_web::{Access, Limit, ROUTES};

#[test]
fn every_guarded_route_names_its_action_and_every_limited_one_its_limit() {
    for rule in ROUTES {
        let at = format!("{} {}", rule.method, rule.path);
        match rule.access {
            Access::Public => {
                assert_eq!(rule.action, "-", "{at}");
                assert_eq!(rule.limit, None, "{at}: a limited public route is PublicRateLimited");
            }
            Access::PublicRateLimited => {
                assert_eq!(rule.action, "-", "{at}");
                // The verification page counts only lookups (a visit without a credential looks
                // nothing up), so its handler applies the status limit itself.
                let page_counts_lookups = rule.path == "/verify";
                assert!(rule.limit.is_some() || page_counts_lookups, "{at}: which limit?");
            }
            Access::Token(_) | Access::Person(_) | Access::SignedIn => {
                let (area, verb) = rule.action.split_once('.').unwrap_or_default();
                assert!(!area.is_empty() && !verb.is_empty(), "{at}: action {:?}", rule.action);
            }
        }
    }
    let signing: Vec<_> = ROUTES.iter().filter(|r| r.limit == Some(Limit::SignIn)).map(|r| r.path).collect();
    assert!(signing.contains(&"/api/v1/session/password"), "a password check is a sign-in: {signing:?}");
}

/// Every `.rs` file under `dir`.
fn sources(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Whether the `Role::` at byte `at` of `text` is allowed: anything but a role (a named group
/// such as `Role::FILERS`), a route-table entry for one role (`Person(&[Role::Admin])`,
/// `Token(Role::Officer)`), or the
/// navigation of each role.
fn allowed(file: &str, text: &str, at: usize) -> bool {
    let rest = &text[at + "Role::".len()..];
    let name: String = rest.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
    // A variant is CamelCase; groups (`Role::FILERS`) and functions (`Role::parse`) are not.
    let variant =
        name.starts_with(|c: char| c.is_ascii_uppercase()) && name.contains(|c: char| c.is_ascii_lowercase());
    if !variant {
        return true;
    }
    let before = text[..at].trim_end_matches("umis_domain::");
    if before.ends_with("Person(&[") && rest[name.len()..].starts_with("])") {
        return true;
    }
    // A machine route's one token role (`Token(Role::BorderFeed)`) is its table entry too.
    if before.ends_with("Token(") && rest[name.len()..].starts_with(')') {
        return true;
    }
    // Each role's navigation links are presentation, not a rule: the pages still decide.
    let nav = text.find("fn nav_for").zip(text.find("/// The frame of a page;"));
    file.ends_with("portal/chrome.rs") && nav.is_some_and(|(start, end)| (start..end).contains(&at))
}

#[test]
fn no_role_or_group_of_roles_is_restated_in_the_web_crate() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&root, &mut files);
    assert!(files.len() > 20, "found {} source files", files.len());
    let mut restated = Vec::new();
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap();
        let file = path.strip_prefix(&root).unwrap().display().to_string().replace('\\', "/");
        for (at, _) in text.match_indices("Role::") {
            if !allowed(&file, &text, at) {
                let line = text[..at].lines().count();
                restated.push(format!("{file}:{line}: {}", text[at..].lines().next().unwrap_or_default()));
            }
        }
    }
    assert!(
        restated.is_empty(),
        "roles written out in umis-web (use a group or predicate of umis_domain::Role):\n{}",
        restated.join("\n")
    );
}
