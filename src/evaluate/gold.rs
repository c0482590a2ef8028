//! Gold annotations in the JSON Lines format of the evaluation data: one record per
//! line, either a span `{"id","start","end","label",...}` (byte offsets into the
//! article's text, end exclusive) or a sentence label `{"id","sentence_label",...}`.
//! Every other field is kept, so filters can select on it. Errors name `file:line`.

use std::collections::{BTreeMap, BTreeSet};
use std::io::BufRead;
use std::path::Path;

use serde::Deserialize;
use serde_json::Value;

/// One annotated span.
#[derive(Debug, Clone, PartialEq)]
pub struct GoldSpan {
    /// Byte offset into the article's text.
    pub start: usize,
    /// Byte offset just past the span.
    pub end: usize,
    /// The annotation's label (`lex`, `Loaded_Language`, `Cue`, ...).
    pub label: String,
    /// The relation this span belongs to, for attribution data (`attribution`).
    pub attribution: Option<String>,
    /// The annotated text as the gold file gives it, when it does.
    pub text: Option<String>,
    /// The 1-based line of the gold file the span came from.
    pub line: usize,
    /// Every other field of the record, for filters.
    pub fields: BTreeMap<String, Value>,
}

/// The gold records of one article.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ArticleGold {
    /// Its spans, in file order.
    pub spans: Vec<GoldSpan>,
    /// Its sentence label, with the line it came from.
    pub sentence_label: Option<(String, usize)>,
}

/// A gold file, grouped by article id.
#[derive(Debug, Clone, Default)]
pub struct Gold {
    /// The file as named (for messages).
    pub source: String,
    /// Records by article id.
    pub articles: BTreeMap<String, ArticleGold>,
    /// Every span label that occurs.
    pub labels: BTreeSet<String>,
    /// Every field name that occurs in some record.
    pub fields: BTreeSet<String>,
    /// Number of records read.
    pub records: usize,
}

/// A gold file that cannot be used, with where and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoldError {
    /// The file as named.
    pub source: String,
    /// 1-based line, when the error has one.
    pub line: Option<usize>,
    /// What is wrong and what to do.
    pub message: String,
}

impl std::fmt::Display for GoldError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}: {}", self.source, line, self.message),
            None => write!(f, "{}: {}", self.source, self.message),
        }
    }
}

impl std::error::Error for GoldError {}

#[derive(Deserialize)]
struct Record {
    id: Option<Value>,
    start: Option<Value>,
    end: Option<Value>,
    label: Option<Value>,
    sentence_label: Option<Value>,
    #[serde(flatten)]
    rest: BTreeMap<String, Value>,
}

fn as_text(v: Option<Value>) -> Option<String> {
    match v? {
        Value::Null => None,
        Value::String(s) => Some(s),
        other => Some(other.to_string()),
    }
}

fn as_offset(v: &Option<Value>) -> Result<Option<usize>, ()> {
    match v {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Number(n)) => n
            .as_u64()
            .and_then(|n| usize::try_from(n).ok())
            .map(Some)
            .ok_or(()),
        Some(_) => Err(()),
    }
}

impl Gold {
    /// Reads a gold file.
    pub fn from_path(path: &Path) -> Result<Gold, GoldError> {
        let source = path.display().to_string();
        let file = std::fs::File::open(path).map_err(|e| GoldError {
            source: source.clone(),
            line: None,
            message: format!("cannot read the gold file: {e}"),
        })?;
        Gold::from_reader(std::io::BufReader::new(file), &source)
    }

    /// Reads gold records from `reader`; `source` names it in errors.
    pub fn from_reader(reader: impl BufRead, source: &str) -> Result<Gold, GoldError> {
        let mut gold = Gold {
            source: source.to_string(),
            ..Gold::default()
        };
        for (i, line) in reader.split(b'\n').enumerate() {
            let n = i + 1;
            let err = |message: String| GoldError {
                source: source.to_string(),
                line: Some(n),
                message,
            };
            let bytes = line.map_err(|e| err(format!("cannot read: {e}")))?;
            let text = std::str::from_utf8(&bytes)
                .map_err(|_| err("not valid UTF-8".to_string()))?
                .trim();
            if text.is_empty() {
                continue;
            }
            gold.add_record(text, n).map_err(err)?;
        }
        Ok(gold)
    }

    fn add_record(&mut self, text: &str, line: usize) -> Result<(), String> {
        let record: Record =
            serde_json::from_str(text).map_err(|e| format!("invalid JSON record: {e}"))?;
        let id = as_text(record.id)
            .filter(|id| !id.is_empty())
            .ok_or("the record has no `id` naming its article")?;
        let start =
            as_offset(&record.start).map_err(|()| "`start` is not a byte offset".to_string())?;
        let end = as_offset(&record.end).map_err(|()| "`end` is not a byte offset".to_string())?;
        let sentence_label = as_text(record.sentence_label);
        self.fields.extend(record.rest.keys().cloned());
        let entry = self.articles.entry(id.clone()).or_default();
        match (start, end) {
            (Some(start), Some(end)) => {
                if end < start {
                    return Err(format!("span ends ({end}) before it starts ({start})"));
                }
                let label =
                    as_text(record.label).ok_or("the span has no `label`; every span needs one")?;
                let mut fields = record.rest;
                let attribution = fields.get("attribution").and_then(|v| match v {
                    Value::Null => None,
                    Value::String(s) => Some(s.clone()),
                    other => Some(other.to_string()),
                });
                let span_text = match fields.get("text") {
                    Some(Value::String(s)) => Some(s.clone()),
                    _ => None,
                };
                fields.insert("label".to_string(), Value::String(label.clone()));
                self.labels.insert(label.clone());
                entry.spans.push(GoldSpan {
                    start,
                    end,
                    label,
                    attribution,
                    text: span_text,
                    line,
                    fields,
                });
            }
            (None, None) => {
                let Some(label) = sentence_label else {
                    return Err(
                        "the record has neither `start`/`end` (a span) nor `sentence_label`"
                            .to_string(),
                    );
                };
                if let Some((_, first)) = &entry.sentence_label {
                    return Err(format!(
                        "a second `sentence_label` for article {id:?} (the first is on line {first})"
                    ));
                }
                entry.sentence_label = Some((label, line));
            }
            _ => return Err("a span needs both `start` and `end`".to_string()),
        }
        self.records += 1;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(text: &str) -> Result<Gold, GoldError> {
        Gold::from_reader(text.as_bytes(), "g.jsonl")
    }

    #[test]
    fn spans_and_sentence_labels_group_by_article() {
        let gold = load(concat!(
            "{\"id\":\"a\",\"start\":0,\"end\":4,\"label\":\"lex\",\"quote\":false}\n",
            "\n",
            "{\"id\":\"a\",\"sentence_label\":\"Biased\"}\n",
            "{\"id\":7,\"start\":2,\"end\":3,\"label\":\"Cue\",\"attribution\":\"E1\"}\n",
        ));
        let Ok(gold) = gold else { panic!("{gold:?}") };
        assert_eq!(gold.records, 3);
        let a = &gold.articles["a"];
        assert_eq!(a.spans.len(), 1);
        assert_eq!(a.spans[0].line, 1);
        assert_eq!(a.spans[0].fields["quote"], Value::Bool(false));
        assert_eq!(a.sentence_label, Some(("Biased".to_string(), 3)));
        assert_eq!(
            gold.articles["7"].spans[0].attribution.as_deref(),
            Some("E1")
        );
        assert!(gold.labels.contains("lex") && gold.labels.contains("Cue"));
        assert!(gold.fields.contains("quote"));
    }

    #[test]
    fn errors_name_the_line() {
        let cases = [
            ("{\"start\":0,\"end\":1,\"label\":\"x\"}", "no `id`"),
            (
                "{\"id\":\"a\",\"start\":5,\"end\":1,\"label\":\"x\"}",
                "ends (1) before",
            ),
            ("{\"id\":\"a\",\"start\":0,\"end\":1}", "no `label`"),
            (
                "{\"id\":\"a\",\"start\":0,\"label\":\"x\"}",
                "both `start` and `end`",
            ),
            (
                "{\"id\":\"a\",\"start\":-1,\"end\":1,\"label\":\"x\"}",
                "not a byte offset",
            ),
            ("{\"id\":\"a\"}", "neither"),
            ("not json", "invalid JSON"),
        ];
        for (line, wanted) in cases {
            let text = format!("{{\"id\":\"z\",\"sentence_label\":\"Biased\"}}\n{line}\n");
            match load(&text) {
                Ok(_) => panic!("{line} was accepted"),
                Err(e) => {
                    let msg = e.to_string();
                    assert!(msg.starts_with("g.jsonl:2: "), "{msg}");
                    assert!(msg.contains(wanted), "{msg}");
                }
            }
        }
        let twice = "{\"id\":\"a\",\"sentence_label\":\"Biased\"}\n{\"id\":\"a\",\"sentence_label\":\"Biased\"}\n";
        assert!(load(twice).is_err_and(|e| e.to_string().contains("line 1")));
    }
}
