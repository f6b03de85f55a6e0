//! Reading the calendar part of a catalogue file: the covered years (`[calendar]`), the public
//! holidays (`[[holidays]]`), the days off carried over from them (`[[carry_overs]]`), one-off
//! days off (`[[days_off]]`) and the weekend days made working days (`[[working_days]]`).
//!
//! Carry-overs are listed, not computed, because the Cabinet's announcements are the reference;
//! the reader checks them against the Labour Code instead: every holiday date on a Saturday or
//! Sunday, or on another holiday, has exactly its carry-overs, and none replaces a date of a
//! holiday that is never carried over (20 January).

use super::calendar::{Calendar, DayOffKind, Holiday, WorkingWeekendDays, is_weekend};
use super::read::{CatalogueError, Ctx, join};
use std::collections::BTreeMap;
use toml::{Table, Value};
use umis_domain::Date;

/// Most dates the calendar part of a file may list, and most years it may cover.
const MAX_DATES: usize = 5000;
const MAX_YEARS: i64 = 100;

/// The calendar of a catalogue file, validated.
pub(crate) fn calendar(root: &Table) -> Result<Calendar, CatalogueError> {
    let ctx = Ctx::new("calendar");
    let years = covered_years(&ctx, root)?;
    let mut reader = Reader { ctx, years, total: 0 };
    let mut days_off = Vec::new();
    for (path, t) in reader.sections(root, "holidays")? {
        reader.ctx.keys(&path, t, &["names", "dates", "source", "unverified", "note", "carried_over"])?;
        let carried_over = reader.ctx.flag(&path, t, "carried_over", Some(true))?;
        let dates = reader.dates(&path, t)?;
        days_off.push((path.clone(), reader.day_off(&path, t, dates, DayOffKind::Holiday { carried_over })?));
    }
    for (path, t) in reader.sections(root, "days_off")? {
        reader.ctx.keys(&path, t, &["names", "dates", "source", "unverified", "note"])?;
        let dates = reader.dates(&path, t)?;
        days_off.push((path.clone(), reader.day_off(&path, t, dates, DayOffKind::OneOff)?));
    }
    for (path, t) in reader.sections(root, "carry_overs")? {
        reader.ctx.keys(&path, t, &["names", "days", "source", "unverified", "note"])?;
        let (dates, replaces) = reader.carry_overs(&path, t)?;
        days_off.push((path.clone(), reader.day_off(&path, t, dates, DayOffKind::CarryOver { replaces })?));
    }
    let mut working = Vec::new();
    for (path, t) in reader.sections(root, "working_days")? {
        reader.ctx.keys(&path, t, &["names", "dates", "source", "unverified", "note"])?;
        let dates = reader.dates(&path, t)?;
        working.push(WorkingWeekendDays {
            names: reader.ctx.texts(&path, t, "names")?,
            dates,
            provenance: reader.ctx.provenance(&path, t)?,
        });
    }
    check_working_days(&reader.ctx, &days_off, &working)?;
    check_carry_overs(&reader.ctx, &days_off)?;
    Ok(Calendar::new(days_off.into_iter().map(|(_, h)| h).collect(), working, years))
}

/// `[calendar] first_year, last_year`: the years whose days off and working days are all listed.
fn covered_years(ctx: &Ctx, root: &Table) -> Result<(i32, i32), CatalogueError> {
    let header = ctx.table("", root, "calendar")?;
    ctx.keys("calendar", header, &["first_year", "last_year"])?;
    let first = ctx.int("calendar", header, "first_year", 1, 9999)?;
    let last = ctx.int("calendar", header, "last_year", first, (first + MAX_YEARS - 1).min(9999))?;
    Ok((i32::try_from(first).unwrap_or(1), i32::try_from(last).unwrap_or(1)))
}

struct Reader {
    ctx: Ctx,
    years: (i32, i32),
    total: usize,
}

impl Reader {
    /// The tables of one list, each with its path.
    fn sections<'t>(&self, root: &'t Table, key: &str) -> Result<Vec<(String, &'t Table)>, CatalogueError> {
        let tables = self.ctx.tables("", root, key)?;
        Ok(tables.into_iter().enumerate().map(|(i, t)| (format!("{key}[{i}]"), t)).collect())
    }

    fn day_off(
        &self,
        path: &str,
        t: &Table,
        dates: Vec<Date>,
        kind: DayOffKind,
    ) -> Result<Holiday, CatalogueError> {
        Ok(Holiday {
            names: self.ctx.texts(path, t, "names")?,
            dates,
            provenance: self.ctx.provenance(path, t)?,
            kind,
        })
    }

    /// One date in the covered years.
    fn date(&self, path: &str, v: &Value) -> Result<Date, CatalogueError> {
        let date = self.ctx.date(path, v)?;
        let (first, last) = self.years;
        if (first..=last).contains(&date.year()) {
            Ok(date)
        } else {
            Err(self
                .ctx
                .err(path, format!("{date} is outside the covered years {first}–{last} ([calendar])")))
        }
    }

    /// Counts `n` more dates against the file's limit.
    fn take(&mut self, path: &str, n: usize) -> Result<(), CatalogueError> {
        self.total += n;
        if n == 0 || self.total > MAX_DATES {
            return Err(self.ctx.err(path, format!("needs 1 date, at most {MAX_DATES} in all")));
        }
        Ok(())
    }

    /// `dates`: distinct dates in the covered years.
    fn dates(&mut self, path: &str, t: &Table) -> Result<Vec<Date>, CatalogueError> {
        let path = join(path, "dates");
        let Some(Value::Array(items)) = t.get("dates") else {
            return Err(self.ctx.err(path, "missing or not a list of dates"));
        };
        self.take(&path, items.len())?;
        let mut dates = Vec::with_capacity(items.len());
        for (j, v) in items.iter().enumerate() {
            let date = self.date(&format!("{path}[{j}]"), v)?;
            if dates.contains(&date) {
                return Err(self.ctx.err(format!("{path}[{j}]"), format!("{date} listed twice")));
            }
            dates.push(date);
        }
        Ok(dates)
    }

    /// `days = [{ off, replaces }, …]`: each day off on a weekday after the holiday it replaces.
    fn carry_overs(&mut self, path: &str, t: &Table) -> Result<(Vec<Date>, Vec<Date>), CatalogueError> {
        let path = join(path, "days");
        let Some(Value::Array(items)) = t.get("days") else {
            return Err(self.ctx.err(path, "missing or not a list of { off, replaces }"));
        };
        self.take(&path, items.len())?;
        let (mut offs, mut replaces) = (Vec::with_capacity(items.len()), Vec::with_capacity(items.len()));
        for (j, item) in items.iter().enumerate() {
            let at = format!("{path}[{j}]");
            let Value::Table(pair) = item else { return Err(self.ctx.err(at, "expected { off, replaces }")) };
            self.ctx.keys(&at, pair, &["off", "replaces"])?;
            let get = |key: &str| pair.get(key).ok_or_else(|| self.ctx.err(join(&at, key), "missing"));
            let off = self.date(&join(&at, "off"), get("off")?)?;
            let replaced = self.date(&join(&at, "replaces"), get("replaces")?)?;
            if is_weekend(off) || off <= replaced || offs.contains(&off) {
                let problem = format!("{off} must be a weekday after {replaced}, listed once");
                return Err(self.ctx.err(join(&at, "off"), problem));
            }
            offs.push(off);
            replaces.push(replaced);
        }
        Ok((offs, replaces))
    }
}

/// A working weekend day is a Saturday or Sunday that is no day off.
fn check_working_days(
    ctx: &Ctx,
    days_off: &[(String, Holiday)],
    working: &[WorkingWeekendDays],
) -> Result<(), CatalogueError> {
    for (i, w) in working.iter().enumerate() {
        for (j, day) in w.dates.iter().enumerate() {
            let path = format!("working_days[{i}].dates[{j}]");
            if !is_weekend(*day) {
                return Err(ctx.err(
                    path,
                    format!("{day} is a weekday: only a Saturday or Sunday is made a working day"),
                ));
            }
            if let Some((other, _)) = days_off.iter().find(|(_, h)| h.dates.contains(day)) {
                return Err(ctx.err(path, format!("{day} is also a day off ({other})")));
            }
        }
    }
    Ok(())
}

/// Labour Code Art. 105: a holiday date on a Saturday or Sunday, or on another holiday, is
/// carried over to a working day; 20 January (`carried_over = false`) never is. Every such date
/// must have exactly the carry-overs it needs: one per holiday on a weekend day, one fewer than
/// the holidays sharing a weekday.
fn check_carry_overs(ctx: &Ctx, days_off: &[(String, Holiday)]) -> Result<(), CatalogueError> {
    let mut holidays: BTreeMap<Date, (usize, &str)> = BTreeMap::new();
    let mut never: BTreeMap<Date, &str> = BTreeMap::new();
    for (path, h) in days_off {
        for day in &h.dates {
            match h.kind {
                DayOffKind::Holiday { carried_over: true } => {
                    holidays.entry(*day).or_insert((0, path)).0 += 1
                }
                DayOffKind::Holiday { carried_over: false } => {
                    never.insert(*day, h.names.en.as_str());
                }
                DayOffKind::CarryOver { .. } | DayOffKind::OneOff => {}
            }
        }
    }
    let mut carried: BTreeMap<Date, usize> = BTreeMap::new();
    for (path, h) in days_off {
        let DayOffKind::CarryOver { replaces } = &h.kind else { continue };
        for (j, (off, replaced)) in h.dates.iter().zip(replaces).enumerate() {
            let at = format!("{path}.days[{j}].replaces");
            if let Some(name) = never.get(replaced) {
                return Err(ctx.err(at, format!("{replaced} is {name}, which is never carried over")));
            }
            if !holidays.contains_key(replaced) {
                return Err(
                    ctx.err(at, format!("{replaced} is not the date of a holiday that is carried over"))
                );
            }
            if holidays.contains_key(off) {
                return Err(ctx.err(join(&at, "off"), format!("{off} is itself a holiday")));
            }
            *carried.entry(*replaced).or_insert(0) += 1;
        }
    }
    for (day, (count, path)) in &holidays {
        let needed = if is_weekend(*day) { *count } else { count - 1 };
        let listed = carried.get(day).copied().unwrap_or(0);
        if listed != needed {
            let problem = format!(
                "{day} falls on a rest day or on another holiday: {needed} carried-over day(s) off needed, {listed} listed in [[carry_overs]]"
            );
            return Err(ctx.err(format!("{path}.dates"), problem));
        }
    }
    Ok(())
}
