//! [`Db`] over a SQLite transaction: placeholders rewritten, values mapped one to one.

use crate::StoreError;
use crate::rows::AuditEntry;
use crate::sql::{Cell, Db, Row, Val, sqlite_placeholders};
use rusqlite::Transaction;
use rusqlite::types::{ToSqlOutput, ValueRef};

struct Param<'a>(Val<'a>);

impl rusqlite::ToSql for Param<'_> {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(match self.0 {
            Val::Null => ToSqlOutput::Borrowed(ValueRef::Null),
            Val::Int(i) => ToSqlOutput::Borrowed(ValueRef::Integer(i)),
            Val::Text(s) => ToSqlOutput::Borrowed(ValueRef::Text(s.as_bytes())),
            Val::Blob(b) => ToSqlOutput::Borrowed(ValueRef::Blob(b)),
        })
    }
}

/// A portable view of one SQLite write transaction.
pub(crate) struct SqliteDb<'t, 'c>(pub(crate) &'t Transaction<'c>);

fn params<'a>(p: &'a [Val<'a>]) -> Vec<Param<'a>> {
    p.iter().map(|v| Param(*v)).collect()
}

impl Db for SqliteDb<'_, '_> {
    fn exec(&mut self, sql: &str, p: &[Val<'_>]) -> Result<u64, StoreError> {
        let mut stmt = self.0.prepare_cached(&sqlite_placeholders(sql))?;
        let n = stmt.execute(rusqlite::params_from_iter(params(p)))?;
        Ok(n as u64)
    }

    fn rows(&mut self, sql: &str, p: &[Val<'_>]) -> Result<Vec<Row>, StoreError> {
        let mut stmt = self.0.prepare_cached(&sqlite_placeholders(sql))?;
        let width = stmt.column_count();
        let mut rows = stmt.query(rusqlite::params_from_iter(params(p)))?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            let mut cells = Vec::with_capacity(width);
            for i in 0..width {
                cells.push(match r.get_ref(i)? {
                    ValueRef::Null => Cell::Null,
                    ValueRef::Integer(n) => Cell::Int(n),
                    ValueRef::Real(f) => Cell::Text(f.to_string()),
                    ValueRef::Text(t) => Cell::Text(String::from_utf8_lossy(t).into_owned()),
                    ValueRef::Blob(b) => Cell::Blob(b.to_vec()),
                });
            }
            out.push(Row(cells));
        }
        Ok(out)
    }

    fn audit(&mut self, entry: &AuditEntry<'_>) -> Result<(), StoreError> {
        super::append_audit(self.0, entry)
    }
}
