//! Reading the coded grounds of acts (`[[refusal_grounds]]`, `[[cancellation_grounds]]`) and
//! the terms of a challenge (`[appeals]`). A refusal ground names the services it may refuse,
//! and every service an officer decides must have at least one, or it could not be refused.

use super::model::{ActGround, AppealTerms, Unit};
use super::read::{CatalogueError, Ctx};
use super::service::Service;
use toml::Table;

/// Most grounds of one kind a file may declare.
const MAX_GROUNDS: usize = 500;

/// The refusal grounds; each `services` entry must name a declared service, and every service
/// decided by an officer must be refusable on at least one ground.
pub(crate) fn refusal_grounds(root: &Table, services: &[Service]) -> Result<Vec<ActGround>, CatalogueError> {
    let ctx = Ctx::new("refusal_grounds");
    let grounds = read_list(&ctx, root, "refusal_grounds", "services", true)?;
    for (i, g) in grounds.iter().enumerate() {
        for (j, code) in g.applies_to.iter().enumerate() {
            if !services.iter().any(|s| &s.code == code) {
                return Err(ctx.err(format!("[{i}].services[{j}]"), format!("no service {code:?}")));
            }
        }
    }
    for s in services.iter().filter(|s| !s.auto_decide) {
        if !grounds.iter().any(|g| g.applies(&s.code)) {
            return Err(Ctx::new(s.code.clone()).err("refusal_grounds", "needs at least one refusal ground"));
        }
    }
    Ok(grounds)
}

/// The cancellation (revocation) grounds of issued documents; `kinds` (issued document kinds)
/// may be left out for a ground that applies to every document.
pub(crate) fn cancellation_grounds(root: &Table) -> Result<Vec<ActGround>, CatalogueError> {
    let ctx = Ctx::new("cancellation_grounds");
    let grounds = read_list(&ctx, root, "cancellation_grounds", "kinds", false)?;
    if grounds.is_empty() {
        return Err(ctx.err("", "needs at least one cancellation ground"));
    }
    Ok(grounds)
}

/// The `[appeals]` table.
pub(crate) fn appeal_terms(root: &Table) -> Result<AppealTerms, CatalogueError> {
    let ctx = Ctx::new("appeals");
    let t = ctx.table("", root, "appeals")?;
    ctx.keys("", t, &["presumed_delivery", "court_period", "source", "unverified", "note"])?;
    Ok(AppealTerms {
        presumed_delivery: ctx.period("", t, "presumed_delivery", &[Unit::CalendarDays], true)?,
        court_period: ctx.period("", t, "court_period", &[Unit::CalendarDays, Unit::Months], false)?,
        provenance: ctx.provenance("", t)?,
    })
}

fn read_list(
    ctx: &Ctx,
    root: &Table,
    key: &str,
    scope: &str,
    scope_required: bool,
) -> Result<Vec<ActGround>, CatalogueError> {
    let items = ctx.tables("", root, key)?;
    if items.len() > MAX_GROUNDS {
        return Err(ctx.err("", format!("at most {MAX_GROUNDS} grounds")));
    }
    let mut out: Vec<ActGround> = Vec::with_capacity(items.len());
    for (i, t) in items.into_iter().enumerate() {
        let path = format!("[{i}]");
        ctx.keys(&path, t, &["code", "names", "article", scope, "source", "unverified", "note"])?;
        let code = ctx.code(&path, t, "code")?;
        if out.iter().any(|g| g.code == code) {
            return Err(ctx.err(format!("{path}.code"), format!("{code:?} listed twice")));
        }
        let applies_to: Vec<String> = if scope_required || t.contains_key(scope) {
            ctx.strings(&path, t, scope)?.into_iter().map(str::to_owned).collect()
        } else {
            Vec::new()
        };
        if scope_required && applies_to.is_empty() {
            return Err(ctx.err(format!("{path}.{scope}"), "needs at least one entry"));
        }
        out.push(ActGround {
            code,
            names: ctx.texts(&path, t, "names")?,
            article: ctx.str(&path, t, "article")?.to_owned(),
            applies_to,
            provenance: ctx.provenance(&path, t)?,
        });
    }
    Ok(out)
}
