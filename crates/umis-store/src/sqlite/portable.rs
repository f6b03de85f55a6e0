//! [`Db`] and [`WriteDb`] over a SQLite transaction: placeholders rewritten, values mapped
//! one to one.

use crate::StoreError;
use crate::sql::{Cell, Db, Row, Seal, Val, WriteDb, sqlite_placeholders};
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
            Val::Day(d) => ToSqlOutput::from(d.to_string()),
        })
    }
}

/// A portable view of one SQLite transaction (handed out as a [`Db`] when it only reads).
pub(crate) struct SqliteDb<'t, 'c>(pub(crate) &'t Transaction<'c>);

fn params<'a>(p: &'a [Val<'a>]) -> Vec<Param<'a>> {
    p.iter().map(|v| Param(*v)).collect()
}

impl WriteDb for SqliteDb<'_, '_> {
    fn run(&mut self, sql: &str, p: &[Val<'_>], _: Seal) -> Result<u64, StoreError> {
        let mut stmt = self.0.prepare_cached(&sqlite_placeholders(sql))?;
        let n = stmt.execute(rusqlite::params_from_iter(params(p)))?;
        Ok(n as u64)
    }

    fn run_batch(&mut self, sql: &str, _: Seal) -> Result<(), StoreError> {
        Ok(self.0.execute_batch(sql)?)
    }

    /// Writers run under `BEGIN IMMEDIATE`: the database lock is theirs already.
    fn lock(&mut self, _key: i64, _: Seal) -> Result<(), StoreError> {
        Ok(())
    }
}

impl Db for SqliteDb<'_, '_> {
    fn fetch(&mut self, sql: &str, p: &[Val<'_>], _: Seal) -> Result<Vec<Row>, StoreError> {
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
}
