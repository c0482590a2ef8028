//! Plain sentences about a comparison: the report's summary and its discussion
//! questions. Everything here reads the [`Comparison`] alone and every sentence names
//! a figure, a label or a statement taken from it, so nothing is invented: when the
//! comparison shows no difference, there is no sentence about it.

use crate::score::compare::{ActorNaming, Comparison, GroupBy, RateCell};

/// Longest statement excerpt quoted in a sentence, in characters.
const EXCERPT_CHARS: usize = 140;
/// Most discussion questions generated.
const MAX_QUESTIONS: usize = 8;

fn noun(c: &Comparison) -> &'static str {
    match c.by {
        GroupBy::Outlet => "outlet",
        GroupBy::Article => "article",
    }
}

fn excerpt(text: &str) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= EXCERPT_CHARS {
        return text;
    }
    let cut: String = text.chars().take(EXCERPT_CHARS - 1).collect();
    format!("{}…", cut.trim_end())
}

/// A column's name and its rate.
type Cell = (String, RateCell);
/// A column's main label for an actor: (column, label, uses, tone).
type MainLabel<'a> = (&'a str, &'a str, u64, &'static str);

/// `12.0 per 1,000 words (5)`.
fn rate(cell: &RateCell) -> String {
    match cell.rate {
        Some(r) => format!("{r:.1} per 1,000 words ({} found)", cell.count),
        None => format!("{} found", cell.count),
    }
}

fn times(n: u64) -> String {
    if n == 1 {
        "once".to_string()
    } else if n == 2 {
        "twice".to_string()
    } else {
        format!("{n} times")
    }
}

/// `A`, `A and B`, `A, B and C`.
fn list(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_string(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// The columns with the highest and lowest author-voice rate of `category` (or of all
/// categories weighted, when `None`), when the comparison has a difference to show.
fn extremes(c: &Comparison, category: Option<&str>) -> Option<(Cell, Cell)> {
    let cells: Vec<(String, RateCell)> = c
        .framing
        .author
        .iter()
        .filter_map(|(name, v)| {
            let cell = match category {
                Some(cat) => *v.categories.get(cat)?,
                None => RateCell {
                    count: v.weighted.count,
                    rate: v.weighted.rate,
                },
            };
            cell.rate.map(|_| (name.clone(), cell))
        })
        .collect();
    let key = |x: &(String, RateCell)| x.1.rate.unwrap_or(0.0);
    // First maximum and first minimum in column order, so ties resolve the same way
    // every run.
    let hi = cells
        .iter()
        .fold(None::<&(String, RateCell)>, |best, x| match best {
            Some(b) if key(b) >= key(x) => Some(b),
            _ => Some(x),
        })?;
    let lo = cells
        .iter()
        .fold(None::<&(String, RateCell)>, |best, x| match best {
            Some(b) if key(b) <= key(x) => Some(b),
            _ => Some(x),
        })?;
    (hi.0 != lo.0 && key(hi) > key(lo)).then(|| (hi.clone(), lo.clone()))
}

/// The category whose author-voice rates differ most between two columns.
fn widest_category(c: &Comparison) -> Option<(String, Cell, Cell)> {
    let mut best: Option<(f64, String, Cell, Cell)> = None;
    for cat in &c.framing.categories {
        if let Some((hi, lo)) = extremes(c, Some(cat)) {
            let gap = hi.1.rate.unwrap_or(0.0) - lo.1.rate.unwrap_or(0.0);
            if best.as_ref().is_none_or(|b| gap > b.0) {
                best = Some((gap, cat.clone(), hi, lo));
            }
        }
    }
    best.map(|(_, cat, hi, lo)| (cat, hi, lo))
}

/// Each column's most used label for an actor in its own words (ties: the lexicon's
/// order of the comparison's list, which is most used first).
fn main_labels(actor: &ActorNaming) -> Vec<MainLabel<'_>> {
    actor
        .columns
        .iter()
        .filter_map(|(col, uses)| {
            let u = uses.iter().find(|u| u.author > 0)?;
            Some((col.as_str(), u.label.as_str(), u.author, u.tone.as_str()))
        })
        .collect()
}

/// Two columns that call the same actor by different main labels of different tones
/// (or, failing that, different labels), for the first actor that has them.
fn label_contrast(c: &Comparison) -> Option<(&ActorNaming, [MainLabel<'_>; 2])> {
    let mut fallback = None;
    for actor in &c.naming.actors {
        let labels = main_labels(actor);
        for (i, a) in labels.iter().enumerate() {
            for b in labels.iter().skip(i + 1) {
                if a.1.eq_ignore_ascii_case(b.1) {
                    continue;
                }
                if a.3 != b.3 {
                    return Some((actor, [*a, *b]));
                }
                if fallback.is_none() {
                    fallback = Some((actor, [*a, *b]));
                }
            }
        }
    }
    fallback
}

/// Two or three sentences on the biggest differences the comparison supports.
pub fn summary(c: &Comparison) -> Vec<String> {
    let mut out = Vec::new();
    if let Some((hi, lo)) = extremes(c, None) {
        let mut s = format!(
            "{} used the most framing devices in its own words, {}; {} the fewest, {}",
            hi.0,
            rate(&hi.1),
            lo.0,
            rate(&lo.1)
        );
        if let Some((cat, chi, clo)) = widest_category(c) {
            s.push_str(&format!(
                ". The widest gap is in the “{cat}” category: {} at {} against {} at {}",
                rate(&chi.1),
                chi.0,
                rate(&clo.1),
                clo.0
            ));
        }
        s.push('.');
        out.push(s);
    }
    if let Some((actor, [a, b])) = label_contrast(c) {
        out.push(format!(
            "They name {} differently: {} calls them “{}” ({}, {}) where {} says “{}” ({}, {}).",
            actor.name,
            a.0,
            a.1,
            a.3,
            times(a.2),
            b.0,
            b.1,
            b.3,
            times(b.2)
        ));
    }
    if let Some(q) = c.quotes.shared.iter().find(|q| !q.left_out_by.is_empty()) {
        let by: Vec<&str> = q.quoted_by.keys().map(String::as_str).collect();
        let out_by: Vec<&str> = q.left_out_by.iter().map(String::as_str).collect();
        let who = q
            .speaker
            .as_deref()
            .map_or(String::new(), |s| format!("{s}'s "));
        out.push(format!(
            "{} {} quoted {who}“{}”; {} left it out.",
            by.len(),
            plural_noun(c, by.len()),
            excerpt(&q.text),
            list(&out_by)
        ));
    } else if let Some((col, n)) = c.quotes.only_here.iter().max_by_key(|(_, n)| **n) {
        if *n > 0 {
            out.push(format!(
                "{col} quoted {n} statement{} that no other {} quoted.",
                if *n == 1 { "" } else { "s" },
                noun(c)
            ));
        }
    }
    out
}

fn plural_noun(c: &Comparison, n: usize) -> String {
    if n == 1 {
        noun(c).to_string()
    } else {
        format!("{}s", noun(c))
    }
}

/// Discussion questions built from the actual findings: naming contrasts, quotes left
/// out, the widest category gap, scare quotes and how much of each text is quotation.
pub fn questions(c: &Comparison) -> Vec<String> {
    let mut out = Vec::new();
    // Every actor two columns name differently gives a question.
    for actor in &c.naming.actors {
        let labels = main_labels(actor);
        let pair = labels.iter().enumerate().find_map(|(i, a)| {
            labels
                .iter()
                .skip(i + 1)
                .find(|b| !a.1.eq_ignore_ascii_case(b.1))
                .map(|b| (a, b))
        });
        if let Some((a, b)) = pair {
            out.push(format!(
                "{} calls {} “{}”, {} “{}”. What does each word assume about them, and how might a reader picture them differently?",
                a.0, actor.name, a.1, b.0, b.1
            ));
        }
    }
    if let Some((cat, hi, lo)) = widest_category(c) {
        out.push(format!(
            "{} used {cat} devices {} in its own words, {} {}. Find them in the articles: how do they change how the event reads?",
            hi.0,
            times(hi.1.count),
            lo.0,
            times(lo.1.count)
        ));
    }
    for q in c
        .quotes
        .shared
        .iter()
        .filter(|q| !q.left_out_by.is_empty())
        .take(2)
    {
        let by: Vec<&str> = q.quoted_by.keys().map(String::as_str).collect();
        let out_by: Vec<&str> = q.left_out_by.iter().map(String::as_str).collect();
        let who = q.speaker.as_deref().unwrap_or("someone");
        out.push(format!(
            "{} quoted {who}: “{}” — {} did not. What does a reader of {} miss, and why might it have been left out?",
            list(&by),
            excerpt(&q.text),
            list(&out_by),
            list(&out_by)
        ));
    }
    let scare: Vec<(&str, u64)> = c
        .sourcing
        .columns
        .iter()
        .filter(|(_, s)| s.quotes.scare > 0)
        .map(|(k, s)| (k.as_str(), s.quotes.scare))
        .collect();
    if let Some((col, n)) = scare.first() {
        out.push(format!(
            "{col} put {} in quotation marks without saying who said {}. Which, and what does the writer signal by doing so?",
            if *n == 1 {
                "one word or phrase".to_string()
            } else {
                format!("{n} words or phrases")
            },
            if *n == 1 { "it" } else { "them" }
        ));
    }
    let shares: Vec<(&str, f64)> = c
        .sourcing
        .columns
        .iter()
        .filter_map(|(k, s)| s.quoted_share.map(|x| (k.as_str(), x)))
        .collect();
    let hi = shares.iter().fold(None::<&(&str, f64)>, |b, x| match b {
        Some(b) if b.1 >= x.1 => Some(b),
        _ => Some(x),
    });
    let lo = shares.iter().fold(None::<&(&str, f64)>, |b, x| match b {
        Some(b) if b.1 <= x.1 => Some(b),
        _ => Some(x),
    });
    if let (Some(hi), Some(lo)) = (hi, lo) {
        if hi.0 != lo.0 && hi.1 > lo.1 {
            out.push(format!(
                "{:.0}% of {}'s words are quotations, {:.0}% of {}'s. Whose voices fill each article, and who never gets to speak?",
                hi.1 * 100.0,
                hi.0,
                lo.1 * 100.0,
                lo.0
            ));
        }
    }
    out.truncate(MAX_QUESTIONS);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Article;
    use crate::detect::analyze_with;
    use crate::lexicon::Lexicon;
    use crate::score::compare::ComparisonBuilder;

    const PACK: &[(&str, &str)] = &[
        ("pack.yaml", "categories: [doubt, label]\n"),
        (
            "doubt.yaml",
            "category: doubt\nrules:\n  - id: doubt.alleged\n    terms: [alleged]\n    explain: Marks a claim as unproven.\n",
        ),
        (
            "label.yaml",
            "category: label\nrules:\n  - id: label.regime\n    terms: [regime]\n    explain: A pejorative name.\n",
        ),
        (
            "actors.yaml",
            "actors:\n  - id: gov\n    name: Government\n    labels:\n      - { terms: [government], tone: neutral }\n      - { terms: [regime], tone: pejorative }\n",
        ),
        ("quotations.yaml", "quotations:\n  verbs: [said]\n"),
    ];

    fn build(articles: &[(&str, &str)]) -> Option<Comparison> {
        let lex = Lexicon::from_files(PACK).ok()?;
        let mut b = ComparisonBuilder::new(&lex, GroupBy::Outlet);
        for (outlet, text) in articles {
            let mut a = Article::from_text(text);
            a.meta.outlet = Some(outlet.to_string());
            b.add(&analyze_with(&a, &lex, crate::score::compare::ANALYSIS));
        }
        Some(b.finish())
    }

    #[test]
    fn sentences_name_the_figures() {
        let Some(c) = build(&[
            (
                "A",
                "The alleged regime spoke about the alleged plan today.",
            ),
            ("B", "The government spoke about the plan today in town."),
        ]) else {
            panic!("pack")
        };
        let s = summary(&c);
        assert!(
            s.first().is_some_and(|s| s.starts_with("A used the most")
                && s.contains("333.3 per 1,000 words (3 found)")),
            "{s:?}"
        );
        assert!(s
            .iter()
            .any(|s| s.contains("“regime”") && s.contains("“government”")));
        let q = questions(&c);
        assert!(q
            .iter()
            .any(|q| q.starts_with("A calls Government “regime”, B “government”")));
    }

    #[test]
    fn no_difference_no_sentence() {
        let Some(c) = build(&[("A", "Nothing at all."), ("B", "Nothing here either.")]) else {
            panic!("pack")
        };
        assert!(summary(&c).is_empty());
        assert!(questions(&c).is_empty());
    }
}
