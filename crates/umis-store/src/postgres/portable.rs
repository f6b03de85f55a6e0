//! [`Db`] and [`WriteDb`] over a PostgreSQL transaction: one parameter type that adapts to whatever type the
//! server inferred for the placeholder, and cells read by their column type.

use crate::StoreError;
use crate::sql::{Cell, Db, Row, Seal, Val, WriteDb};
use bytes::BytesMut;
use postgres::Transaction;
use postgres::types::{IsNull, ToSql, Type, to_sql_checked};

#[derive(Debug)]
struct Param<'a>(Val<'a>);

impl ToSql for Param<'_> {
    fn to_sql(
        &self,
        ty: &Type,
        out: &mut BytesMut,
    ) -> Result<IsNull, Box<dyn std::error::Error + Sync + Send>> {
        match self.0 {
            Val::Null => Ok(IsNull::Yes),
            Val::Int(i) if *ty == Type::INT4 => i32::try_from(i)?.to_sql(ty, out),
            Val::Int(i) if *ty == Type::INT2 => i16::try_from(i)?.to_sql(ty, out),
            Val::Int(i) if *ty == Type::BOOL => (i != 0).to_sql(ty, out),
            Val::Int(i) => i.to_sql(ty, out),
            Val::Text(s) => s.to_sql(ty, out),
            Val::Blob(b) => b.to_sql(ty, out),
            Val::Day(d) => d.to_string().to_sql(ty, out),
        }
    }

    fn accepts(ty: &Type) -> bool {
        [Type::INT2, Type::INT4, Type::INT8, Type::BOOL, Type::TEXT, Type::VARCHAR, Type::BYTEA].contains(ty)
    }

    to_sql_checked!();
}

/// A portable view of one PostgreSQL transaction.
pub(crate) struct PgDb<'t, 'c>(pub(crate) &'t mut Transaction<'c>);

impl PgDb<'_, '_> {
    fn query(&mut self, sql: &str, p: &[Val<'_>]) -> Result<Vec<postgres::Row>, StoreError> {
        let params: Vec<Param<'_>> = p.iter().map(|v| Param(*v)).collect();
        let refs: Vec<&(dyn ToSql + Sync)> = params.iter().map(|p| p as &(dyn ToSql + Sync)).collect();
        Ok(self.0.query(sql, &refs)?)
    }
}

fn cell(r: &postgres::Row, i: usize) -> Result<Cell, StoreError> {
    let ty = r.columns()[i].type_().clone();
    Ok(if ty == Type::INT8 {
        r.try_get::<_, Option<i64>>(i)?.map_or(Cell::Null, Cell::Int)
    } else if ty == Type::INT4 {
        r.try_get::<_, Option<i32>>(i)?.map_or(Cell::Null, |n| Cell::Int(n.into()))
    } else if ty == Type::INT2 {
        r.try_get::<_, Option<i16>>(i)?.map_or(Cell::Null, |n| Cell::Int(n.into()))
    } else if ty == Type::BOOL {
        r.try_get::<_, Option<bool>>(i)?.map_or(Cell::Null, |b| Cell::Int(b.into()))
    } else if ty == Type::BYTEA {
        r.try_get::<_, Option<Vec<u8>>>(i)?.map_or(Cell::Null, Cell::Blob)
    } else {
        r.try_get::<_, Option<String>>(i)?.map_or(Cell::Null, Cell::Text)
    })
}

impl WriteDb for PgDb<'_, '_> {
    fn run(&mut self, sql: &str, p: &[Val<'_>], _: Seal) -> Result<u64, StoreError> {
        let params: Vec<Param<'_>> = p.iter().map(|v| Param(*v)).collect();
        let refs: Vec<&(dyn ToSql + Sync)> = params.iter().map(|p| p as &(dyn ToSql + Sync)).collect();
        Ok(self.0.execute(sql, &refs)?)
    }

    fn run_batch(&mut self, sql: &str, _: Seal) -> Result<(), StoreError> {
        Ok(self.0.batch_execute(sql)?)
    }

    /// A transaction-scoped advisory lock: released at commit or rollback.
    fn lock(&mut self, key: i64, _: Seal) -> Result<(), StoreError> {
        self.0.execute("SELECT pg_advisory_xact_lock($1)", &[&key])?;
        Ok(())
    }
}

impl Db for PgDb<'_, '_> {
    fn fetch(&mut self, sql: &str, p: &[Val<'_>], _: Seal) -> Result<Vec<Row>, StoreError> {
        let rows = self.query(sql, p)?;
        rows.iter().map(|r| Ok(Row((0..r.len()).map(|i| cell(r, i)).collect::<Result<_, _>>()?))).collect()
    }
}
