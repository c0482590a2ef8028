//! Reading dates as outlets write them ("16 Sep, 2015 21:38", "September 16, 2015",
//! "2015-09-16T10:00Z") into `YYYY-MM-DD`.

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

fn month_number(word: &str) -> Option<u32> {
    let w = word.to_lowercase();
    if w.len() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| {
            *m == w || (w.len() >= 3 && m.starts_with(&w) && (w.len() == 3 || w == "sept"))
        })
        .and_then(|i| u32::try_from(i + 1).ok())
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        _ => 31,
    }
}

fn valid(year: u32, month: u32, day: u32) -> Option<String> {
    ((1000..=9999).contains(&year)
        && (1..=12).contains(&month)
        && day >= 1
        && day <= days_in_month(year, month))
    .then(|| format!("{year:04}-{month:02}-{day:02}"))
}

/// Parses a short date line into `YYYY-MM-DD`; `None` when `text` is not a date.
pub fn parse_date(text: &str) -> Option<String> {
    let text = text.trim();
    if text.len() > 60 {
        return None;
    }
    // ISO first: 2015-09-16, optionally followed by a time.
    if let Some(iso) = text.get(..10) {
        let parts: Vec<&str> = iso.split(['-', '/']).collect();
        if let [y, m, d] = parts.as_slice() {
            if y.len() == 4 && m.len() == 2 && d.len() == 2 {
                let tail_ok = text
                    .get(10..)
                    .is_some_and(|t| t.is_empty() || t.starts_with(['T', ' ']));
                if tail_ok {
                    return valid(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
                }
            }
        }
    }
    let tokens: Vec<&str> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
        .collect();
    if tokens.len() > 10 {
        return None;
    }
    let month_at = tokens.iter().position(|t| month_number(t).is_some())?;
    let month = month_number(tokens.get(month_at)?)?;
    let year_at = tokens
        .iter()
        .position(|t| t.len() == 4 && t.chars().all(|c| c.is_ascii_digit()))?;
    let year: u32 = tokens.get(year_at)?.parse().ok()?;
    let is_day = |t: &str| t.len() <= 2 && t.chars().all(|c| c.is_ascii_digit());
    let day_token = tokens
        .iter()
        .take(year_at)
        .find(|t| is_day(t))
        .or_else(|| tokens.iter().skip(month_at + 1).find(|t| is_day(t)))
        .or_else(|| {
            // "16th September 2015"
            tokens.get(month_at.checked_sub(1)?).filter(|t| {
                t.trim_end_matches(|c: char| c.is_alphabetic())
                    .chars()
                    .all(|c| c.is_ascii_digit())
            })
        })?;
    let day: u32 = day_token
        .trim_end_matches(|c: char| c.is_alphabetic())
        .parse()
        .ok()?;
    let other_words = tokens
        .iter()
        .filter(|t| t.chars().any(char::is_alphabetic) && month_number(t).is_none())
        .count();
    if other_words > 4 {
        return None;
    }
    valid(year, month, day)
}

#[cfg(test)]
mod tests {
    use super::parse_date;

    #[test]
    fn reads_common_date_lines() {
        assert_eq!(
            parse_date("16 Sep, 2015 21:38").as_deref(),
            Some("2015-09-16")
        );
        assert_eq!(
            parse_date("September 16, 2015").as_deref(),
            Some("2015-09-16")
        );
        assert_eq!(
            parse_date("Wednesday, Sept 16, 2015 at 9:38 pm").as_deref(),
            Some("2015-09-16")
        );
        assert_eq!(
            parse_date("2015-09-16T10:00:00Z").as_deref(),
            Some("2015-09-16")
        );
        assert_eq!(parse_date("2024-02-29").as_deref(), Some("2024-02-29"));
        assert_eq!(
            parse_date("12 Mar, 2025 09:15").as_deref(),
            Some("2025-03-12")
        );
    }

    #[test]
    fn rejects_non_dates() {
        assert_eq!(parse_date("2023-02-29"), None);
        assert_eq!(
            parse_date("Falling short: US considers Russian proposal"),
            None
        );
        assert_eq!(parse_date("May I ask a question about this"), None);
        assert_eq!(parse_date("yesterday"), None);
    }
}
