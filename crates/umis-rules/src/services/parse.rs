//! Reading and validating a whole catalogue file: its header, the identity fields every form
//! starts with, the calendar (read by `calendar_file`), and each service with the cross-checks
//! between its parts. A file that does not validate is refused whole, with the first problem
//! named.

use super::Catalogue;
use super::calendar_file;
use super::fee_parse;
use super::grounds;
use super::model::{FieldSpec, FieldType, Filer, Milestone};
use super::outcome;
use super::parts::{self, expect_field};
use super::read::{CatalogueError, Ctx};
use super::service::Service;
use toml::Table;

/// The identity fields every service's form must have (the case is matched to a person by them).
pub const IDENTITY_FIELDS: [&str; 7] =
    ["surname", "given_names", "date_of_birth", "nationality", "sex", "document_issuer", "document_number"];

/// Names a form field may never have: they belong to the case record, which only officers and
/// the system set, so a form that could carry them would let an applicant set them.
const RESERVED: [&str; 14] = [
    "id",
    "case_id",
    "service",
    "status",
    "state",
    "fee",
    "fee_tier",
    "receipt",
    "decided_by",
    "decided_at",
    "decision",
    "officer",
    "submitted_at",
    "submitted_by",
];

/// Most services and fields per form a file may declare.
const MAX_SERVICES: usize = 200;
const MAX_FIELDS: usize = 200;

pub(crate) fn parse_catalogue(text: &str) -> Result<Catalogue, CatalogueError> {
    let top = Ctx::new("catalogue");
    let root: Table = text.parse().map_err(|e: toml::de::Error| {
        // Counted over bytes: a span need not fall on a character boundary of hostile input.
        let bytes = text.as_bytes();
        let line =
            e.span().map(|s| bytes[..s.start.min(bytes.len())].iter().filter(|&&b| b == b'\n').count() + 1);
        top.err(
            line.map_or_else(|| "(file)".to_owned(), |l| format!("line {l}")),
            "TOML syntax: ".to_owned() + e.message().trim(),
        )
    })?;
    top.keys(
        "",
        &root,
        &[
            "catalogue",
            "calendar",
            "common_fields",
            "holidays",
            "carry_overs",
            "days_off",
            "working_days",
            "procedure",
            "services",
            "refusal_grounds",
            "cancellation_grounds",
            "appeals",
        ],
    )?;
    let header = top.table("", &root, "catalogue")?;
    top.keys("catalogue", header, &["title"])?;
    let title = top.str("catalogue", header, "title")?.to_owned();
    let common = common_fields(&root)?;
    let calendar = calendar_file::calendar(&root)?;
    let items = top.tables("", &root, "services")?;
    if items.is_empty() || items.len() > MAX_SERVICES {
        return Err(top.err("services", format!("needs 1 to {MAX_SERVICES} services")));
    }
    let mut services: Vec<Service> = Vec::with_capacity(items.len());
    for (i, t) in items.into_iter().enumerate() {
        let code = Ctx::new(format!("services[{i}]")).code("", t, "code")?;
        if services.iter().any(|s| s.code == code) {
            return Err(Ctx::new(code).err("code", "duplicate service code"));
        }
        services.push(service(Ctx::new(code), t, &common)?);
    }
    let procedure = super::procedure::read(&root)?;
    let refusal_grounds = grounds::refusal_grounds(&root, &services)?;
    let cancellation_grounds = grounds::cancellation_grounds(&root)?;
    let appeals = grounds::appeal_terms(&root)?;
    Ok(Catalogue {
        title,
        services,
        calendar,
        stay_pack: None,
        procedure,
        refusal_grounds,
        cancellation_grounds,
        appeals,
    })
}

fn common_fields(root: &Table) -> Result<Vec<FieldSpec>, CatalogueError> {
    let ctx = Ctx::new("common_fields");
    let mut fields = Vec::new();
    for (i, t) in ctx.tables("", root, "common_fields")?.into_iter().enumerate() {
        fields.push(parts::field(&ctx, &format!("[{i}]"), t)?);
    }
    for name in IDENTITY_FIELDS {
        if !fields.iter().any(|f| f.name == name) {
            return Err(ctx.err(name, "identity field missing"));
        }
    }
    Ok(fields)
}

fn service(ctx: Ctx, t: &Table, common: &[FieldSpec]) -> Result<Service, CatalogueError> {
    let keys = [
        "code",
        "names",
        "filed_by",
        "sensitive",
        "auto_decide",
        "four_eyes",
        "source",
        "unverified",
        "note",
        "optional_common",
        "fields",
        "documents",
        "fees",
        "eligibility",
        "outcome",
        "milestones",
        "fee_basis",
        "regimes",
        "fee_rates",
        "duty_after_decision",
        "forwarded_for_decision",
    ];
    ctx.keys("", t, &keys)?;
    let filed_by = filers(&ctx, t)?;
    let auto_decide = ctx.flag("", t, "auto_decide", Some(false))?;
    let four_eyes = ctx.flag("", t, "four_eyes", None)?;
    if auto_decide && four_eyes {
        return Err(ctx.err("four_eyes", "an automatically decided service has no officer to confirm"));
    }
    let fields = form_fields(&ctx, t, common)?;
    let documents = list(&ctx, t, "documents", |c, p, x, _| parts::document(c, p, x), |d| &d.code)?;
    let fees = list(&ctx, t, "fees", |c, p, x, _| parts::fee(c, p, x, auto_decide), |f| &f.code)?;
    if fees.is_empty() {
        return Err(ctx.err("fees", "needs at least one fee tier"));
    }
    let eligibility = list(&ctx, t, "eligibility", |c, p, x, _| parts::rule(c, p, x), |r| &r.code)?;
    let milestones = list(
        &ctx,
        t,
        "milestones",
        |c, p, x, earlier: &[Milestone]| {
            parts::milestone(c, p, x, &earlier.iter().map(|m| m.code.as_str()).collect::<Vec<_>>())
        },
        |m| &m.code,
    )?;
    let outcome = outcome::read(&ctx, ctx.table("", t, "outcome")?, &fields)?;
    let fee_basis = fee_parse::basis(&ctx, t, &fields)?;
    let regimes = fee_parse::regimes(&ctx, t, fee_basis.as_ref(), &fields, &fees)?;
    let fee_rates = fee_parse::rates(&ctx, t, fee_basis.as_ref(), &fields, &fees, &regimes)?;
    Ok(Service {
        names: ctx.texts("", t, "names")?,
        filed_by,
        sensitive: ctx.flag("", t, "sensitive", Some(false))?,
        auto_decide,
        four_eyes,
        duty_after_decision: ctx.flag("", t, "duty_after_decision", Some(false))?,
        forwarded_for_decision: ctx.flag("", t, "forwarded_for_decision", Some(false))?,
        provenance: ctx.provenance("", t)?,
        fields,
        documents,
        fees,
        eligibility,
        outcome,
        milestones,
        fee_basis,
        regimes,
        fee_rates,
        code: ctx.service,
    })
}

fn filers(ctx: &Ctx, t: &Table) -> Result<Vec<Filer>, CatalogueError> {
    let mut filed_by = Vec::new();
    for (i, name) in ctx.strings("", t, "filed_by")?.into_iter().enumerate() {
        let known = Filer::expected();
        let filer = Filer::parse(name).ok_or_else(|| {
            ctx.err(format!("filed_by[{i}]"), format!("unknown filer {name:?} (known: {known})"))
        })?;
        if filed_by.contains(&filer) {
            return Err(ctx.err(format!("filed_by[{i}]"), format!("{name:?} listed twice")));
        }
        filed_by.push(filer);
    }
    if filed_by.is_empty() {
        return Err(ctx.err("filed_by", "needs at least one filer"));
    }
    Ok(filed_by)
}

/// Reads the list `[[key]]` with `read` (which sees the items read before), refusing a code
/// listed twice.
fn list<T>(
    ctx: &Ctx,
    t: &Table,
    key: &str,
    read: impl Fn(&Ctx, &str, &Table, &[T]) -> Result<T, CatalogueError>,
    code: impl Fn(&T) -> &String,
) -> Result<Vec<T>, CatalogueError> {
    let mut out: Vec<T> = Vec::new();
    for (i, item) in ctx.tables("", t, key)?.into_iter().enumerate() {
        let path = format!("{key}[{i}]");
        let value = read(ctx, &path, item, &out)?;
        unique(ctx, &format!("{path}.code"), out.iter().map(&code), code(&value))?;
        out.push(value);
    }
    Ok(out)
}

fn unique<'a, S: AsRef<str> + 'a>(
    ctx: &Ctx,
    path: &str,
    mut seen: impl Iterator<Item = S>,
    code: &str,
) -> Result<(), CatalogueError> {
    if seen.any(|s| s.as_ref() == code) {
        Err(ctx.err(path, format!("{code:?} listed twice")))
    } else {
        Ok(())
    }
}

/// The common fields (some made optional for this service), then the service's own.
fn form_fields(ctx: &Ctx, t: &Table, common: &[FieldSpec]) -> Result<Vec<FieldSpec>, CatalogueError> {
    let optional =
        if t.contains_key("optional_common") { ctx.strings("", t, "optional_common")? } else { Vec::new() };
    for (i, name) in optional.iter().enumerate() {
        if !common.iter().any(|f| f.name == *name) {
            return Err(ctx.err(format!("optional_common[{i}]"), format!("{name:?} is not a common field")));
        }
    }
    let mut fields: Vec<FieldSpec> = common
        .iter()
        .map(|f| FieldSpec { required: f.required && !optional.contains(&f.name.as_str()), ..f.clone() })
        .collect();
    let own = ctx.tables("", t, "fields")?;
    if common.len() + own.len() > MAX_FIELDS {
        return Err(ctx.err("fields", format!("at most {MAX_FIELDS} fields with the common ones")));
    }
    for (i, f) in own.into_iter().enumerate() {
        let path = format!("fields[{i}]");
        let field = parts::field(ctx, &path, f)?;
        if RESERVED.contains(&field.name.as_str()) {
            return Err(
                ctx.err(format!("{path}.name"), format!("{:?} is reserved for the case record", field.name))
            );
        }
        unique(ctx, &format!("{path}.name"), fields.iter().map(|x| &x.name), &field.name)?;
        fields.push(field);
    }
    for (i, f) in fields.iter().enumerate() {
        if let FieldType::Date { not_before: Some(other) } = &f.kind {
            expect_field(
                ctx,
                &format!("field {}.not_before", f.name),
                &fields,
                other,
                |k| matches!(k, FieldType::Date { .. }),
                "date",
            )?;
            if other == &f.name {
                return Err(ctx.err(format!("fields[{i}].not_before"), "a date cannot follow itself"));
            }
        }
    }
    Ok(fields)
}
