//! `GET /statistics` and `GET /statistics.csv`: applications per service and month, documents
//! issued, processing times — aggregates only, counts under five withheld (asylum claims
//! must not be traceable to a person), drawn as SVG with the same figures in tables.

use super::charts::{Bar, BarChart, LineChart};
use crate::AppState;
use crate::api::errors::run;
use crate::portal::chrome::{Chrome, Viewer, render};
use crate::portal::errors::PageError;
use askama::Template;
use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use std::sync::Arc;
use umis_core::stats::{Count, PublicStats, Series, Total};
use umis_rules::services::Catalogue;

/// A table row: a name and one written figure per month, then the total.
pub struct Row {
    /// Service or document kind, in the page's language.
    pub name: String,
    /// One cell per month.
    pub cells: Vec<String>,
    /// The period's total.
    pub total: String,
}

/// A table of month figures.
pub struct Table {
    /// Element id.
    pub id: &'static str,
    /// Caption.
    pub caption: String,
    /// Rows.
    pub rows: Vec<Row>,
}

/// A processing-time row.
pub struct TimeRow {
    /// Service name.
    pub name: String,
    /// Decisions.
    pub decided: String,
    /// Median days, or withheld.
    pub median: String,
    /// 90th percentile days, or withheld.
    pub p90: String,
}

#[derive(Template)]
#[template(path = "portal/public/statistics.html")]
struct StatsPage {
    page: Chrome,
    months: Vec<String>,
    tables: Vec<Table>,
    times: Vec<TimeRow>,
    by_service_svg: String,
    monthly_svg: String,
    month_totals: Vec<(String, String, String)>,
}

fn count(viewer: &Viewer, c: Count) -> String {
    match c {
        Count::Shown(n) => crate::portal::i18n::number(viewer.lang, n),
        Count::Suppressed => viewer.t("public-stats-withheld"),
    }
}

fn total(viewer: &Viewer, t: Total) -> String {
    let n = crate::portal::i18n::number(viewer.lang, t.value);
    if t.rounded { viewer.ta("public-stats-rounded", &[("n", n.into())]) } else { n }
}

fn kind_name(viewer: &Viewer, kind: &str) -> String {
    let key = format!("public-verify-kind-{kind}");
    let t = viewer.t(&key);
    if t == key { kind.replace('_', " ") } else { t }
}

fn month_label(viewer: &Viewer, m: &str) -> String {
    let (y, mm) = m.split_once('-').unwrap_or((m, "1"));
    let n: u32 = mm.parse().unwrap_or(1);
    format!("{} {y}", viewer.t(&format!("public-month-short-{n}")))
}

async fn figures(state: &Arc<AppState>) -> Result<PublicStats, PageError> {
    let st = state.clone();
    Ok(run(move || umis_core::stats::public_statistics(&st.store, &st.clock)).await?)
}

/// Table rows of month figures, one per series.
fn rows(viewer: &Viewer, series: &[Series], name: &dyn Fn(&str) -> String) -> Vec<Row> {
    series
        .iter()
        .map(|r| Row {
            name: name(&r.key),
            cells: r.counts.iter().map(|c| count(viewer, *c)).collect(),
            total: total(viewer, r.total),
        })
        .collect()
}

/// The processing times per service, withheld where too few cases were decided.
fn times(viewer: &Viewer, cat: &Catalogue, s: &PublicStats) -> Vec<TimeRow> {
    let days = |d: Option<i64>| match d {
        Some(n) => viewer.ta("public-calc-days", &[("n", n.into())]),
        None => viewer.t("public-stats-withheld"),
    };
    s.processing
        .iter()
        .map(|p| TimeRow {
            name: super::service_name(cat, viewer.lang, &p.service),
            decided: count(viewer, p.decided),
            median: days(p.median_days),
            p90: days(p.p90_days),
        })
        .collect()
}

/// The two charts as SVG: applications per service, and both series per month.
fn charts(viewer: &Viewer, cat: &Catalogue, s: &PublicStats, months: &[String]) -> (String, String) {
    let by_service = BarChart {
        id: "chart-services".into(),
        title: viewer.t("public-stats-by-service"),
        desc: viewer.t("public-stats-by-service-desc"),
        bars: s
            .applications
            .iter()
            .map(|r| Bar {
                label: super::service_name(cat, viewer.lang, &r.key),
                value: r.total.value,
                text: total(viewer, r.total),
            })
            .collect(),
    };
    let monthly = LineChart {
        id: "chart-months".into(),
        title: viewer.t("public-stats-by-month"),
        desc: viewer.t("public-stats-by-month-desc"),
        labels: months.iter().map(|m| m.split(' ').next().unwrap_or("").to_owned()).collect(),
        series: vec![
            (
                viewer.t("public-stats-applications"),
                s.applications_per_month.iter().map(|t| t.value).collect(),
            ),
            (viewer.t("public-stats-issued"), s.issued_per_month.iter().map(|t| t.value).collect()),
        ],
    };
    (by_service.svg(), monthly.svg())
}

/// The statistics page.
pub async fn page(State(state): State<Arc<AppState>>, viewer: Viewer) -> Result<Response, PageError> {
    // Each answer aggregates every case: limited per client like the other public pages.
    state.status_limiter.check(viewer.client).map_err(PageError::TooMany)?;
    let s = figures(&state).await?;
    let cat = state.packs.catalogue();
    let months: Vec<String> = s.months.iter().map(|m| month_label(&viewer, m)).collect();
    let applications = rows(&viewer, &s.applications, &|k| super::service_name(cat, viewer.lang, k));
    let issued = rows(&viewer, &s.issued, &|k| kind_name(&viewer, k));
    let (by_service_svg, monthly_svg) = charts(&viewer, cat, &s, &months);
    let month_totals = months
        .iter()
        .zip(s.applications_per_month.iter().zip(&s.issued_per_month))
        .map(|(m, (a, i))| (m.clone(), total(&viewer, *a), total(&viewer, *i)))
        .collect();
    render(&StatsPage {
        page: viewer.chrome("public-stats-title"),
        tables: vec![
            Table {
                id: "applications-table",
                caption: viewer.t("public-stats-applications-table"),
                rows: applications,
            },
            Table { id: "issued-table", caption: viewer.t("public-stats-issued-table"), rows: issued },
        ],
        times: times(&viewer, cat, &s),
        months,
        by_service_svg,
        monthly_svg,
        month_totals,
    })
}

/// A value a spreadsheet would take for a formula, defused with an apostrophe.
fn defused(s: &str) -> std::borrow::Cow<'_, str> {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{s}").into() } else { s.into() }
}

/// CSV rows after the header line `header`, every cell quoted (by the `csv` crate) and
/// defused, so no cell can start a formula or split a row.
fn csv_rows<'a>(header: &str, rows: impl IntoIterator<Item = [&'a str; 3]>) -> Result<Vec<u8>, csv::Error> {
    let mut w = csv::WriterBuilder::new()
        .quote_style(csv::QuoteStyle::Always)
        .terminator(csv::Terminator::CRLF)
        .from_writer(format!("{header}\r\n").into_bytes());
    for row in rows {
        w.write_record(row.iter().map(|c| defused(c).into_owned()))?;
    }
    w.into_inner().map_err(|e| csv::Error::from(e.into_error()))
}

/// The applications as CSV: one row per service and month.
pub async fn csv(State(state): State<Arc<AppState>>, viewer: Viewer) -> Result<Response, PageError> {
    state.status_limiter.check(viewer.client).map_err(PageError::TooMany)?;
    let s = figures(&state).await?;
    let mut cells: Vec<(&str, &str, String)> = Vec::new();
    for r in &s.applications {
        for (m, c) in s.months.iter().zip(&r.counts) {
            let v = match c {
                Count::Shown(n) => n.to_string(),
                Count::Suppressed => format!("<{}", umis_core::stats::SMALLEST_PUBLISHED),
            };
            cells.push((&r.key, m, v));
        }
    }
    let rows = cells.iter().map(|(k, m, v)| [*k, *m, v.as_str()]);
    let out = csv_rows("service,month,applications", rows).map_err(|_| PageError::Internal)?;
    let mut resp = out.into_response();
    let h = resp.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/csv; charset=utf-8"));
    h.insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_static("attachment; filename=\"umis-statistics.csv\""),
    );
    Ok(resp)
}

#[cfg(test)]
mod tests {
    fn cell(s: &str) -> String {
        let out = super::csv_rows("h", [[s, "", ""]]).unwrap_or_default();
        let text = String::from_utf8(out).unwrap_or_default();
        let row = text.strip_prefix("h\r\n").unwrap_or_default();
        row.split_once(",\"\",").map(|(first, _)| first.to_owned()).unwrap_or_default()
    }

    #[test]
    fn formulas_are_defused_and_quotes_doubled() {
        assert_eq!(cell("=1+1"), "\"'=1+1\"");
        assert_eq!(cell("a\"b"), "\"a\"\"b\"");
        assert_eq!(cell("trp_issue"), "\"trp_issue\"");
    }
}
