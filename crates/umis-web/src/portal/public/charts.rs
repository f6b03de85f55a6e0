//! Small server-side SVG charts: horizontal bars and a line over months. Every text part is
//! escaped here, so the markup may be placed in a page as is; colours and sizes are attributes
//! (the portal's policy forbids inline styles). A chart is an image with a title and a
//! description; the page shows the same figures in a table next to it.

/// Bar colour (umis blue, 7:1 against white).
const BAR: &str = "#1d4f6e";
/// Second series colour (dark orange, 4.5:1 against white).
const SECOND: &str = "#a33a00";
/// Axis and grid colour.
const AXIS: &str = "#505a5f";

/// One bar: its label, its value (drawn), and the value as written next to it.
#[derive(Debug, Clone)]
pub struct Bar {
    /// Label (left of the bar).
    pub label: String,
    /// Drawn length.
    pub value: i64,
    /// Text after the bar (a formatted number, "<5").
    pub text: String,
}

/// A horizontal bar chart.
#[derive(Debug, Clone)]
pub struct BarChart {
    /// Element id prefix (unique on the page).
    pub id: String,
    /// Title (read by screen readers; the figure's caption says the same).
    pub title: String,
    /// What the chart shows, in a sentence.
    pub desc: String,
    /// The bars, top to bottom.
    pub bars: Vec<Bar>,
}

const WIDTH: i64 = 720;
const LABEL: i64 = 300;
const ROW: i64 = 30;

impl BarChart {
    /// The chart as SVG markup.
    pub fn svg(&self) -> String {
        let max = self.bars.iter().map(|b| b.value).max().unwrap_or(0).max(1);
        let height = ROW * self.bars.len().max(1) as i64 + 10;
        let plot = WIDTH - LABEL - 70;
        let id = escape(&self.id);
        let mut s = format!(
            "<svg class=\"umis-chart\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" \
             viewBox=\"0 0 {WIDTH} {height}\" width=\"{WIDTH}\" height=\"{height}\" xmlns=\"http://www.w3.org/2000/svg\">\
             <title id=\"{id}-title\">{}</title><desc id=\"{id}-desc\">{}</desc>",
            escape(&self.title),
            escape(&self.desc)
        );
        s.push_str(&format!(
            "<line x1=\"{LABEL}\" y1=\"0\" x2=\"{LABEL}\" y2=\"{height}\" stroke=\"{AXIS}\" stroke-width=\"1\"/>"
        ));
        for (i, b) in self.bars.iter().enumerate() {
            let y = ROW * i as i64 + 5;
            let w = if b.value > 0 { (b.value * plot / max).max(2) } else { 0 };
            let label: String = b.label.chars().take(40).collect();
            s.push_str(&format!(
                "<text x=\"{}\" y=\"{}\" text-anchor=\"end\" font-size=\"14\">{}</text>\
                 <rect x=\"{LABEL}\" y=\"{}\" width=\"{w}\" height=\"{}\" fill=\"{BAR}\"/>\
                 <text x=\"{}\" y=\"{}\" font-size=\"14\">{}</text>",
                LABEL - 8,
                y + 18,
                escape(&label),
                y + 3,
                ROW - 10,
                LABEL + w + 6,
                y + 18,
                escape(&b.text)
            ));
        }
        s.push_str("</svg>");
        s
    }
}

/// A line chart of one or two series over the same labelled points (months).
#[derive(Debug, Clone)]
pub struct LineChart {
    /// Element id prefix.
    pub id: String,
    /// Title.
    pub title: String,
    /// Description.
    pub desc: String,
    /// The x-axis labels.
    pub labels: Vec<String>,
    /// The series: name and one value per label (a missing value breaks nothing: drawn as 0).
    pub series: Vec<(String, Vec<i64>)>,
}

impl LineChart {
    /// The chart as SVG markup.
    pub fn svg(&self) -> String {
        let (w, h, left, bottom, top) = (720i64, 300i64, 50i64, 50i64, 30i64);
        let n = self.labels.len().max(2) as i64;
        let max = self.series.iter().flat_map(|(_, v)| v.iter().copied()).max().unwrap_or(0).max(1);
        let step = (w - left - 20) / (n - 1);
        let ph = h - bottom - top;
        let id = escape(&self.id);
        let mut s = format!(
            "<svg class=\"umis-chart\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" \
             viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\" xmlns=\"http://www.w3.org/2000/svg\">\
             <title id=\"{id}-title\">{}</title><desc id=\"{id}-desc\">{}</desc>",
            escape(&self.title),
            escape(&self.desc)
        );
        let base = top + ph;
        s.push_str(&format!(
            "<line x1=\"{left}\" y1=\"{base}\" x2=\"{}\" y2=\"{base}\" stroke=\"{AXIS}\"/>\
             <line x1=\"{left}\" y1=\"{top}\" x2=\"{left}\" y2=\"{base}\" stroke=\"{AXIS}\"/>\
             <text x=\"{}\" y=\"{}\" text-anchor=\"end\" font-size=\"12\">{max}</text>\
             <text x=\"{}\" y=\"{}\" text-anchor=\"end\" font-size=\"12\">0</text>",
            w - 20,
            left - 6,
            top + 4,
            left - 6,
            base + 4
        ));
        for (i, l) in self.labels.iter().enumerate() {
            let x = left + step * i as i64;
            s.push_str(&format!(
                "<text x=\"{x}\" y=\"{}\" text-anchor=\"middle\" font-size=\"11\">{}</text>",
                base + 20,
                escape(l)
            ));
        }
        for (k, (name, values)) in self.series.iter().enumerate() {
            let colour = if k == 0 { BAR } else { SECOND };
            let points: Vec<String> = values
                .iter()
                .enumerate()
                .map(|(i, v)| format!("{},{}", left + step * i as i64, base - v * ph / max))
                .collect();
            s.push_str(&format!(
                "<polyline fill=\"none\" stroke=\"{colour}\" stroke-width=\"3\" points=\"{}\"/>",
                points.join(" ")
            ));
            for p in &points {
                let (x, y) = p.split_once(',').unwrap_or(("0", "0"));
                s.push_str(&format!("<circle cx=\"{x}\" cy=\"{y}\" r=\"4\" fill=\"{colour}\"/>"));
            }
            let lx = left + 10 + 220 * k as i64;
            s.push_str(&format!(
                "<rect x=\"{lx}\" y=\"{}\" width=\"14\" height=\"4\" fill=\"{colour}\"/>\
                 <text x=\"{}\" y=\"{}\" font-size=\"12\">{}</text>",
                h - 12,
                lx + 20,
                h - 6,
                escape(name)
            ));
        }
        s.push_str("</svg>");
        s
    }
}

/// Escapes text for SVG/HTML element content and attribute values (the charts are built as
/// strings, outside askama's auto-escaping).
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_covers_markup_and_quotes() {
        assert_eq!(
            super::escape(r#"<script>"x"&'y'</script>"#),
            "&lt;script&gt;&quot;x&quot;&amp;&#39;y&#39;&lt;/script&gt;"
        );
    }

    #[test]
    fn every_text_part_is_escaped() {
        let c = BarChart {
            id: "c\"1".into(),
            title: "<script>".into(),
            desc: "a & b".into(),
            bars: vec![Bar { label: "<img src=x>".into(), value: 3, text: "<5".into() }],
        };
        let svg = c.svg();
        assert!(!svg.contains("<script") && !svg.contains("<img") && svg.contains("&lt;5"), "{svg}");
        let l = LineChart {
            id: "l".into(),
            title: "t".into(),
            desc: "d".into(),
            labels: vec!["<b>".into(), "x".into()],
            series: vec![("<i>".into(), vec![1, 2])],
        };
        let svg = l.svg();
        assert!(!svg.contains("<b>") && !svg.contains("<i>") && svg.contains("polyline"), "{svg}");
    }
}
