//! A grouped horizontal bar chart of author-voice category rates per column, as inline
//! SVG. It must read in black-and-white print: every column has a fill pattern of its
//! own *and* a letter printed beside each of its bars, and each bar carries its value.

use std::fmt::Write as _;

use super::escape_into;
use crate::score::compare::Comparison;

const WIDTH: f64 = 760.0;
const LABEL_W: f64 = 215.0;
const BAR_H: f64 = 14.0;
const BAR_GAP: f64 = 3.0;
const GROUP_GAP: f64 = 14.0;
const LEGEND_ROW: f64 = 22.0;
const TOP: f64 = 8.0;

/// Fill patterns, black on white: (pattern id suffix, SVG contents of a 8×8 tile).
const PATTERNS: [(&str, &str); 6] = [
    ("solid", r##"<rect width="8" height="8" fill="#1a1a1a"/>"##),
    (
        "diag",
        r##"<rect width="8" height="8" fill="#fff"/><path d="M-2,2 l4,-4 M0,8 l8,-8 M6,10 l4,-4" stroke="#1a1a1a" stroke-width="2"/>"##,
    ),
    (
        "dots",
        r##"<rect width="8" height="8" fill="#fff"/><circle cx="4" cy="4" r="2" fill="#1a1a1a"/>"##,
    ),
    (
        "hlines",
        r##"<rect width="8" height="8" fill="#fff"/><path d="M0,2 h8 M0,6 h8" stroke="#1a1a1a" stroke-width="1.5"/>"##,
    ),
    (
        "cross",
        r##"<rect width="8" height="8" fill="#fff"/><path d="M0,0 l8,8 M8,0 l-8,8" stroke="#1a1a1a" stroke-width="1.2"/>"##,
    ),
    ("open", r##"<rect width="8" height="8" fill="#fff"/>"##),
];

/// The letter a column goes by in the chart (`A`, `B`, … `Z`, `AA`, …).
pub fn letter(i: usize) -> String {
    let mut n = i;
    let mut s = Vec::new();
    loop {
        s.push(char::from(b'A' + (n % 26) as u8));
        if n < 26 {
            break;
        }
        n = n / 26 - 1;
    }
    s.iter().rev().collect()
}

/// The chart, or `None` when there is nothing to draw (no category or no column).
/// `titles` gives each category's display name, in the comparison's category order.
pub fn category_chart(c: &Comparison, titles: &[String]) -> Option<String> {
    let cols: Vec<&String> = c.columns.keys().collect();
    let cats = &c.framing.categories;
    if cols.is_empty() || cats.is_empty() {
        return None;
    }
    let rate = |col: &str, cat: &str| {
        c.framing
            .author
            .get(col)
            .and_then(|v| v.categories.get(cat))
            .and_then(|r| r.rate)
    };
    let max = cols
        .iter()
        .flat_map(|col| cats.iter().filter_map(|cat| rate(col, cat)))
        .fold(0.0_f64, f64::max);
    // Round the axis up to a whole number so the scale reads easily.
    let axis = if max > 0.0 { max.ceil() } else { 1.0 };
    let plot_w = WIDTH - LABEL_W - 70.0;
    let legend_rows = cols.len().div_ceil(2);
    let legend_h = legend_rows as f64 * LEGEND_ROW + 10.0;
    let group_h = cols.len() as f64 * (BAR_H + BAR_GAP) + GROUP_GAP;
    let height = TOP + legend_h + cats.len() as f64 * group_h + 28.0;

    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {WIDTH} {height:.0}" width="100%" role="img" aria-labelledby="chart-title chart-desc" font-family="system-ui, sans-serif" font-size="12">"#
    );
    s.push_str(r#"<title id="chart-title">Framing devices per 1,000 words in each outlet's own words, by category</title><desc id="chart-desc">"#);
    let mut desc = String::new();
    for (ci, cat) in cats.iter().enumerate() {
        let title = titles.get(ci).unwrap_or(cat);
        let _ = write!(desc, "{title}: ");
        let parts: Vec<String> = cols
            .iter()
            .map(|col| match rate(col, cat) {
                Some(r) => format!("{col} {r:.1}"),
                None => format!("{col} no words"),
            })
            .collect();
        let _ = write!(desc, "{}. ", parts.join(", "));
    }
    escape_into(desc.trim_end(), &mut s);
    s.push_str("</desc><defs>");
    for (i, (name, tile)) in PATTERNS.iter().enumerate() {
        let _ = write!(
            s,
            r#"<pattern id="pat-{i}-{name}" width="8" height="8" patternUnits="userSpaceOnUse">{tile}</pattern>"#
        );
    }
    s.push_str("</defs>");
    // Legend: pattern swatch, letter and column name, two per row.
    for (i, col) in cols.iter().enumerate() {
        let x = if i % 2 == 0 { 0.0 } else { WIDTH / 2.0 };
        let y = TOP + (i / 2) as f64 * LEGEND_ROW;
        let (pi, pname) = pattern(i);
        let _ = write!(
            s,
            r##"<rect x="{x:.0}" y="{y:.0}" width="26" height="14" fill="url(#pat-{pi}-{pname})" stroke="#1a1a1a"/><text x="{:.0}" y="{:.0}" fill="#1a1a1a"><tspan font-weight="bold">{}</tspan> "##,
            x + 32.0,
            y + 11.0,
            letter(i)
        );
        escape_into(&truncate(col, 48), &mut s);
        s.push_str("</text>");
    }
    let origin_y = TOP + legend_h;
    for (ci, cat) in cats.iter().enumerate() {
        let gy = origin_y + ci as f64 * group_h;
        let title = titles.get(ci).unwrap_or(cat);
        let _ = write!(
            s,
            r##"<text x="0" y="{:.0}" fill="#1a1a1a" font-weight="bold">"##,
            gy + 12.0
        );
        escape_into(&truncate(title, 30), &mut s);
        s.push_str("</text>");
        for (i, col) in cols.iter().enumerate() {
            let y = gy + i as f64 * (BAR_H + BAR_GAP);
            let value = rate(col, cat);
            let w = value.map_or(0.0, |v| v / axis * plot_w);
            let (pi, pname) = pattern(i);
            let _ = write!(
                s,
                r##"<rect x="{LABEL_W}" y="{y:.1}" width="{w:.1}" height="{BAR_H}" fill="url(#pat-{pi}-{pname})" stroke="#1a1a1a" stroke-width="1"/><text x="{:.1}" y="{:.1}" fill="#1a1a1a">{} {}</text>"##,
                LABEL_W + w + 5.0,
                y + BAR_H - 3.0,
                letter(i),
                value.map_or("no words".to_string(), |v| format!("{v:.1}")),
            );
        }
    }
    let axis_y = origin_y + cats.len() as f64 * group_h;
    let _ = write!(
        s,
        r##"<line x1="{LABEL_W}" y1="{origin_y:.0}" x2="{LABEL_W}" y2="{axis_y:.0}" stroke="#1a1a1a"/><text x="{LABEL_W}" y="{:.0}" fill="#1a1a1a">0</text><text x="{:.0}" y="{:.0}" fill="#1a1a1a" text-anchor="end">{axis:.0} per 1,000 words</text></svg>"##,
        axis_y + 16.0,
        LABEL_W + plot_w,
        axis_y + 16.0,
    );
    Some(s)
}

fn pattern(i: usize) -> (usize, &'static str) {
    let k = i % PATTERNS.len();
    (k, PATTERNS.get(k).map_or("solid", |p| p.0))
}

fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let cut: String = s.chars().take(max - 1).collect();
    format!("{cut}…")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters() {
        let l: Vec<String> = [0, 1, 25, 26, 27, 701, 702]
            .iter()
            .map(|i| letter(*i))
            .collect();
        assert_eq!(l, ["A", "B", "Z", "AA", "AB", "ZZ", "AAA"]);
    }
}
