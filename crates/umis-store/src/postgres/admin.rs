//! Creating and dropping whole PostgreSQL databases, for tests and benchmarks that each work in
//! a database of their own. Built only with the `testing` feature: the server never creates or
//! drops a database.

use crate::StoreError;
use postgres::{Client, NoTls};

fn check_name(name: &str) -> Result<(), StoreError> {
    let ok = !name.is_empty()
        && name.len() <= 63
        && name.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
    if ok { Ok(()) } else { Err(StoreError::Url(format!("bad database name {name:?}"))) }
}

/// `admin_url` with its database replaced by `name`.
pub fn database_url(admin_url: &str, name: &str) -> String {
    let (base, query) = admin_url.split_once('?').map_or((admin_url, None), |(b, q)| (b, Some(q)));
    let scheme_end = base.find("://").map_or(0, |i| i + 3);
    let host_end = base[scheme_end..].find('/').map_or(base.len(), |i| scheme_end + i);
    let mut url = format!("{}/{name}", &base[..host_end]);
    if let Some(q) = query {
        url.push('?');
        url.push_str(q);
    }
    url
}

/// Creates database `name` (lower-case letters, digits, `_`) on the server of `admin_url`.
pub fn create_postgres_database(admin_url: &str, name: &str) -> Result<String, StoreError> {
    check_name(name)?;
    let mut client = Client::connect(admin_url, NoTls)?;
    client.batch_execute(&format!("CREATE DATABASE {name}"))?;
    Ok(database_url(admin_url, name))
}

/// Drops database `name`, ending its sessions.
pub fn drop_postgres_database(admin_url: &str, name: &str) -> Result<(), StoreError> {
    check_name(name)?;
    let mut client = Client::connect(admin_url, NoTls)?;
    client.batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn swaps_the_database_of_a_url() {
        assert_eq!(
            database_url("postgres://postgres@127.0.0.1:5432/postgres", "t_1"),
            "postgres://postgres@127.0.0.1:5432/t_1"
        );
        assert_eq!(
            database_url("postgres://u@h/db?sslmode=disable", "x"),
            "postgres://u@h/x?sslmode=disable"
        );
        assert_eq!(database_url("postgres://u@h", "x"), "postgres://u@h/x");
        assert!(check_name("Robert'); DROP").is_err());
    }
}
