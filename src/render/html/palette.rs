//! The report's colours and underline styles. Each category gets a light background
//! tint *and* an underline style of its own, so categories stay apart in greyscale
//! print and for colour-blind readers; the unit tests check WCAG contrast for every
//! text/background pair the stylesheet uses.

/// How one category's highlights look.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Swatch {
    /// Background tint behind the highlighted words.
    pub background: &'static str,
    /// Colour of the underline (and of the legend's sample line).
    pub line: &'static str,
    /// CSS `text-decoration-style`.
    pub style: &'static str,
    /// Underline thickness in pixels.
    pub thickness: u8,
    /// The style in words, for the legend (`wavy underline`).
    pub words: &'static str,
}

/// One swatch per category, cycled when a pack has more categories than swatches
/// (after the first ten, the thicker variants repeat with the other colours).
pub const SWATCHES: [Swatch; 10] = [
    Swatch {
        background: "#fde4e1",
        line: "#a4262c",
        style: "solid",
        thickness: 2,
        words: "solid underline",
    },
    Swatch {
        background: "#dde9fb",
        line: "#1d4ed8",
        style: "double",
        thickness: 3,
        words: "double underline",
    },
    Swatch {
        background: "#fcefc7",
        line: "#8a4b08",
        style: "dotted",
        thickness: 3,
        words: "dotted underline",
    },
    Swatch {
        background: "#ddf3e4",
        line: "#146c2e",
        style: "dashed",
        thickness: 2,
        words: "dashed underline",
    },
    Swatch {
        background: "#efe3fb",
        line: "#6b21a8",
        style: "wavy",
        thickness: 2,
        words: "wavy underline",
    },
    Swatch {
        background: "#d7f2f7",
        line: "#0e5a6b",
        style: "solid",
        thickness: 5,
        words: "thick solid underline",
    },
    Swatch {
        background: "#fde6d3",
        line: "#9a3412",
        style: "dotted",
        thickness: 5,
        words: "thick dotted underline",
    },
    Swatch {
        background: "#e6e9ef",
        line: "#334155",
        style: "dashed",
        thickness: 5,
        words: "thick dashed underline",
    },
    Swatch {
        background: "#f9e1f0",
        line: "#9d174d",
        style: "wavy",
        thickness: 4,
        words: "thick wavy underline",
    },
    Swatch {
        background: "#ecf4d5",
        line: "#3f6212",
        style: "double",
        thickness: 6,
        words: "wide double underline",
    },
];

/// The swatch of the `i`-th category.
pub fn swatch(i: usize) -> Swatch {
    SWATCHES[i % SWATCHES.len()]
}

/// Body text.
pub const TEXT: &str = "#1a1a1a";
/// Secondary text (captions, notes).
pub const MUTED: &str = "#4b5563";
/// Page background.
pub const PAGE: &str = "#ffffff";
/// Links.
pub const LINK: &str = "#0b4fb3";
/// Background of quoted passages.
pub const QUOTE_BG: &str = "#eef1f5";
/// Text of quoted passages.
pub const QUOTE_TEXT: &str = "#2a3547";
/// Background of table headers and panels.
pub const PANEL: &str = "#f3f4f6";
/// Tooltip text and background.
pub const TIP_TEXT: &str = "#ffffff";
/// Tooltip background.
pub const TIP_BG: &str = "#1f2937";
/// The scare-quote tag.
pub const TAG_TEXT: &str = "#ffffff";
/// The scare-quote tag's background.
pub const TAG_BG: &str = "#7c2d12";

/// The `(r, g, b)` of a `#rrggbb` colour.
fn rgb(hex: &str) -> Option<(u8, u8, u8)> {
    let h = hex.strip_prefix('#')?;
    if h.len() != 6 {
        return None;
    }
    let p = |i: usize| h.get(i..i + 2).and_then(|s| u8::from_str_radix(s, 16).ok());
    Some((p(0)?, p(2)?, p(4)?))
}

/// WCAG 2 relative luminance.
fn luminance(hex: &str) -> Option<f64> {
    let (r, g, b) = rgb(hex)?;
    let lin = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    Some(0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b))
}

/// WCAG 2 contrast ratio of two `#rrggbb` colours (1–21).
pub fn contrast(a: &str, b: &str) -> Option<f64> {
    let (la, lb) = (luminance(a)?, luminance(b)?);
    let (hi, lo) = if la > lb { (la, lb) } else { (lb, la) };
    Some((hi + 0.05) / (lo + 0.05))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at_least(fg: &str, bg: &str, min: f64) {
        let c = contrast(fg, bg).unwrap_or(0.0);
        assert!(c >= min, "{fg} on {bg}: {c:.2} < {min}");
    }

    #[test]
    fn contrast_of_known_pairs() {
        let c = contrast("#000000", "#ffffff").unwrap_or(0.0);
        assert!((c - 21.0).abs() < 1e-9);
        let c = contrast("#767676", "#ffffff").unwrap_or(0.0);
        assert!((c - 4.54).abs() < 0.01, "{c}");
    }

    #[test]
    fn text_meets_wcag_aa() {
        // Normal text needs 4.5:1 (WCAG 1.4.3).
        for (fg, bg) in [
            (TEXT, PAGE),
            (MUTED, PAGE),
            (LINK, PAGE),
            (TEXT, PANEL),
            (MUTED, PANEL),
            (LINK, PANEL),
            (QUOTE_TEXT, QUOTE_BG),
            (TIP_TEXT, TIP_BG),
            (TAG_TEXT, TAG_BG),
        ] {
            at_least(fg, bg, 4.5);
        }
        for s in SWATCHES {
            // Highlighted words, in author and in quoted voice (the tint wins there).
            at_least(TEXT, s.background, 4.5);
            at_least(QUOTE_TEXT, s.background, 4.5);
            // The underline is a graphical object: 3:1 against the tint and the page
            // (WCAG 1.4.11), and it is text-coloured in the legend.
            at_least(s.line, s.background, 3.0);
            at_least(s.line, PAGE, 4.5);
        }
    }

    #[test]
    fn swatches_differ_in_style_not_only_colour() {
        let mut seen = std::collections::BTreeSet::new();
        for s in SWATCHES {
            assert!(seen.insert((s.style, s.thickness >= 4)), "{s:?}");
        }
    }
}
