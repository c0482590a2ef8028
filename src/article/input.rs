//! Turning the inputs a user names (files, folders, `-`) into a lazy stream of
//! articles. Folders are read recursively in sorted order; JSON Lines files are read a
//! line at a time so a corpus of any size streams. Every unreadable input becomes one
//! `LoadError` in the stream and the rest carry on.

use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::{frontmatter, html, parse_date, raw, url_host, Article, LoadError, Metadata};

/// Largest article (or JSON Lines line) read by default: 256 MiB.
pub const DEFAULT_MAX_ARTICLE_BYTES: u64 = 256 * 1024 * 1024;

/// How to read inputs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum InputFormat {
    /// By file extension (`.html`/`.htm`, `.jsonl`, else text); stdin by its first byte.
    #[default]
    Auto,
    /// Plain text or Markdown, with optional front matter.
    Text,
    /// An HTML page.
    Html,
    /// JSON Lines, one article per line.
    Jsonl,
}

/// Deepest element nesting of an HTML page read by default.
pub const DEFAULT_MAX_HTML_DEPTH: usize = 1_000;

/// Limits that keep a hostile input from exhausting memory or time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LoadLimits {
    /// Largest article, or JSON Lines line, in bytes.
    pub max_article_bytes: u64,
    /// Deepest element nesting of an HTML page.
    pub max_html_depth: usize,
}

impl Default for LoadLimits {
    fn default() -> Self {
        LoadLimits {
            max_article_bytes: DEFAULT_MAX_ARTICLE_BYTES,
            max_html_depth: DEFAULT_MAX_HTML_DEPTH,
        }
    }
}

enum Pending {
    Path(PathBuf),
    Stdin,
}

struct JsonlReader {
    source: String,
    reader: Box<dyn BufRead + Send>,
    line: usize,
    folder: Option<String>,
}

/// A lazy stream of articles (or load errors) from the named inputs, in order.
pub struct ArticleStream {
    pending: VecDeque<Pending>,
    current: Option<JsonlReader>,
    format: InputFormat,
    limits: LoadLimits,
}

const EXTENSIONS: &[&str] = &["txt", "md", "markdown", "html", "htm", "jsonl"];

impl ArticleStream {
    /// A stream over `inputs` (paths, or `-` for stdin).
    pub fn new<S: AsRef<str>>(inputs: &[S], format: InputFormat, limits: LoadLimits) -> Self {
        let pending = inputs
            .iter()
            .map(|i| match i.as_ref() {
                "-" => Pending::Stdin,
                p => Pending::Path(PathBuf::from(p)),
            })
            .collect();
        ArticleStream {
            pending,
            current: None,
            format,
            limits,
        }
    }

    fn next_jsonl(&mut self) -> Option<Result<Article, LoadError>> {
        let max = self.limits.max_article_bytes;
        let reader = self.current.as_mut()?;
        loop {
            reader.line += 1;
            let line_no = reader.line;
            match read_line_limited(&mut reader.reader, max) {
                Ok(LineRead::Eof) => {
                    self.current = None;
                    return None;
                }
                Ok(LineRead::TooLong(n)) => {
                    return Some(Err(LoadError::new(
                        &reader.source,
                        Some(line_no),
                        format!(
                            "line is longer than {n} bytes; raise --max-article-bytes to read it"
                        ),
                    )))
                }
                Ok(LineRead::Line(bytes)) => {
                    if bytes.iter().all(u8::is_ascii_whitespace) {
                        continue;
                    }
                    return Some(parse_record(
                        &bytes,
                        &reader.source,
                        line_no,
                        reader.folder.as_deref(),
                    ));
                }
                Err(e) => {
                    let source = reader.source.clone();
                    self.current = None;
                    return Some(Err(LoadError::new(
                        &source,
                        Some(line_no),
                        format!("read error: {e}"),
                    )));
                }
            }
        }
    }

    fn open(&mut self, item: Pending) -> Option<Result<Article, LoadError>> {
        match item {
            Pending::Stdin => {
                let mut bytes = Vec::new();
                let max = self.limits.max_article_bytes;
                let read = std::io::stdin()
                    .lock()
                    .take(max + 1)
                    .read_to_end(&mut bytes);
                if let Err(e) = read {
                    return Some(Err(LoadError::new(
                        "-",
                        None,
                        format!("cannot read stdin: {e}"),
                    )));
                }
                if bytes.len() as u64 > max {
                    return Some(Err(too_large("-", max)));
                }
                let format = match self.format {
                    InputFormat::Auto => sniff(&bytes),
                    f => f,
                };
                if format == InputFormat::Jsonl {
                    self.current = Some(JsonlReader {
                        source: "-".into(),
                        reader: Box::new(std::io::Cursor::new(bytes)),
                        line: 0,
                        folder: None,
                    });
                    return self.next_jsonl();
                }
                Some(article_from_bytes(bytes, "-", format, None, &self.limits))
            }
            Pending::Path(path) => {
                let source = path.display().to_string();
                let meta = match std::fs::metadata(&path) {
                    Ok(m) => m,
                    Err(e) => return Some(Err(LoadError::new(&source, None, io_message(&e)))),
                };
                if meta.is_dir() {
                    match list_dir(&path) {
                        Ok(files) => {
                            for f in files.into_iter().rev() {
                                self.pending.push_front(Pending::Path(f));
                            }
                            None
                        }
                        Err(e) => Some(Err(LoadError::new(&source, None, io_message(&e)))),
                    }
                } else {
                    let format = match self.format {
                        InputFormat::Auto => by_extension(&path),
                        f => f,
                    };
                    let folder = folder_name(&path);
                    if format == InputFormat::Jsonl {
                        match std::fs::File::open(&path) {
                            Ok(f) => {
                                self.current = Some(JsonlReader {
                                    source,
                                    reader: Box::new(BufReader::with_capacity(1 << 16, f)),
                                    line: 0,
                                    folder,
                                });
                                self.next_jsonl()
                            }
                            Err(e) => Some(Err(LoadError::new(&source, None, io_message(&e)))),
                        }
                    } else if meta.len() > self.limits.max_article_bytes {
                        Some(Err(too_large(&source, self.limits.max_article_bytes)))
                    } else {
                        match std::fs::read(&path) {
                            Ok(bytes) => Some(article_from_bytes(
                                bytes,
                                &source,
                                format,
                                folder,
                                &self.limits,
                            )),
                            Err(e) => Some(Err(LoadError::new(&source, None, io_message(&e)))),
                        }
                    }
                }
            }
        }
    }
}

impl Iterator for ArticleStream {
    type Item = Result<Article, LoadError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if self.current.is_some() {
                if let Some(item) = self.next_jsonl() {
                    return Some(item);
                }
                continue;
            }
            let item = self.pending.pop_front()?;
            if let Some(result) = self.open(item) {
                return Some(result);
            }
        }
    }
}

fn too_large(source: &str, max: u64) -> LoadError {
    LoadError::new(
        source,
        None,
        format!("larger than the {max}-byte limit for one article; raise --max-article-bytes to read it"),
    )
}

fn io_message(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or folder".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => format!("cannot read: {e}"),
    }
}

fn sniff(bytes: &[u8]) -> InputFormat {
    let first = bytes.iter().find(|b| !b.is_ascii_whitespace());
    match first {
        Some(b'{') => InputFormat::Jsonl,
        Some(b'<') => InputFormat::Html,
        _ => InputFormat::Text,
    }
}

fn by_extension(path: &Path) -> InputFormat {
    match path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        Some("html" | "htm") => InputFormat::Html,
        Some("jsonl") => InputFormat::Jsonl,
        _ => InputFormat::Text,
    }
}

fn folder_name(path: &Path) -> Option<String> {
    let parent = path.parent()?;
    let parent = if parent.as_os_str().is_empty() {
        std::env::current_dir().ok()?
    } else {
        parent.to_path_buf()
    };
    let name = parent.file_name()?.to_string_lossy().into_owned();
    (!name.is_empty()).then_some(name)
}

/// The article files below `dir`, depth first, each folder's entries in sorted order.
/// Symbolic links to folders are not followed, so a link loop cannot trap the walk.
fn list_dir(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut entries: Vec<std::fs::DirEntry> = std::fs::read_dir(dir)?.collect::<Result<_, _>>()?;
    entries.sort_by_key(|e| e.file_name());
    let mut out = Vec::new();
    for entry in entries {
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        let path = entry.path();
        let kind = entry.file_type()?;
        if kind.is_dir() {
            out.extend(list_dir(&path)?);
        } else if path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
        {
            out.push(path);
        }
    }
    Ok(out)
}

enum LineRead {
    Line(Vec<u8>),
    TooLong(u64),
    Eof,
}

/// Reads one line without holding more than `max` bytes of it; a longer line is
/// skipped to its end and reported.
fn read_line_limited(reader: &mut dyn BufRead, max: u64) -> std::io::Result<LineRead> {
    let mut line = Vec::new();
    let mut too_long = false;
    let mut read_any = false;
    loop {
        let buf = reader.fill_buf()?;
        if buf.is_empty() {
            break;
        }
        read_any = true;
        let (chunk, done) = match memchr::memchr(b'\n', buf) {
            Some(i) => (buf.get(..i).unwrap_or(&[]), Some(i + 1)),
            None => (buf, None),
        };
        if !too_long {
            if (line.len() + chunk.len()) as u64 > max {
                too_long = true;
                line = Vec::new();
            } else {
                line.extend_from_slice(chunk);
            }
        }
        let consumed = done.unwrap_or(buf.len());
        reader.consume(consumed);
        if done.is_some() {
            break;
        }
    }
    if too_long {
        return Ok(LineRead::TooLong(max));
    }
    if !read_any {
        return Ok(LineRead::Eof);
    }
    if line.last() == Some(&b'\r') {
        line.pop();
    }
    Ok(LineRead::Line(line))
}

#[derive(Deserialize)]
struct Record {
    id: Option<serde_json::Value>,
    outlet: Option<String>,
    title: Option<String>,
    date: Option<String>,
    url: Option<String>,
    event: Option<serde_json::Value>,
    author: Option<String>,
    lang: Option<String>,
    text: Option<String>,
}

fn value_to_string(v: serde_json::Value) -> Option<String> {
    match v {
        serde_json::Value::Null => None,
        serde_json::Value::String(s) => Some(s),
        other => Some(other.to_string()),
    }
}

/// Reads one JSON Lines record (line `line` of `source`) as an article.
pub fn parse_record(
    bytes: &[u8],
    source: &str,
    line: usize,
    folder: Option<&str>,
) -> Result<Article, LoadError> {
    let record: Record = serde_json::from_slice(bytes)
        .map_err(|e| LoadError::new(source, Some(line), format!("invalid JSON record: {e}")))?;
    let Some(text) = record.text else {
        return Err(LoadError::new(
            source,
            Some(line),
            "the record has no `text` field",
        ));
    };
    if text.trim().is_empty() {
        return Err(LoadError::new(
            source,
            Some(line),
            "the record's `text` is empty",
        ));
    }
    let date = match record.date.filter(|d| !d.trim().is_empty()) {
        Some(d) => Some(parse_date(&d).ok_or_else(|| {
            LoadError::new(
                source,
                Some(line),
                format!("date {d:?} is not a date; write it as YYYY-MM-DD"),
            )
        })?),
        None => None,
    };
    let mut meta = Metadata {
        id: record
            .id
            .and_then(value_to_string)
            .unwrap_or_else(|| format!("{source}:{line}")),
        outlet: record.outlet.filter(|o| !o.trim().is_empty()),
        title: record.title,
        date,
        url: record.url,
        event: record.event.and_then(value_to_string),
        author: record.author,
        lang: record.lang,
    };
    fill_outlet(&mut meta, folder);
    Ok(Article { meta, body: text })
}

fn fill_outlet(meta: &mut Metadata, folder: Option<&str>) {
    if meta.outlet.is_none() {
        meta.outlet = meta
            .url
            .as_deref()
            .and_then(url_host)
            .or_else(|| folder.map(str::to_string));
    }
}

/// Reads one text, Markdown or HTML article from its bytes, as a file named `source`
/// would be read (`Auto` reads it as text). Public so other tools and the fuzz targets
/// can load articles without files.
pub fn article_from_bytes(
    bytes: Vec<u8>,
    source: &str,
    format: InputFormat,
    folder: Option<String>,
    limits: &LoadLimits,
) -> Result<Article, LoadError> {
    if bytes.len() as u64 > limits.max_article_bytes {
        return Err(too_large(source, limits.max_article_bytes));
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(LoadError::new(source, None, "the file is empty"));
    }
    let head = bytes.get(..8192).unwrap_or(&bytes);
    if memchr::memchr(0, head).is_some() {
        return Err(LoadError::new(
            source,
            None,
            "binary file (contains NUL bytes), not an article",
        ));
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let line = e
            .as_bytes()
            .get(..valid)
            .map_or(1, |b| b.iter().filter(|c| **c == b'\n').count() + 1);
        LoadError::new(
            source,
            Some(line),
            format!("not valid UTF-8 (at byte {valid}); convert the file to UTF-8"),
        )
    })?;
    let text = text
        .strip_prefix('\u{feff}')
        .map(str::to_string)
        .unwrap_or(text);
    let (mut meta, body) = if format == InputFormat::Html {
        let depth = html::nesting_depth(&text);
        if depth > limits.max_html_depth {
            return Err(LoadError::new(
                source,
                None,
                format!(
                    "HTML nests elements {depth} deep, past the limit of {}; raise --max-html-depth to read it",
                    limits.max_html_depth
                ),
            ));
        }
        let (meta, body) = html::extract(&text);
        if body.trim().is_empty() {
            return Err(LoadError::new(
                source,
                None,
                "no article text found in the HTML page",
            ));
        }
        (meta, body)
    } else {
        let (mut meta, offset) = frontmatter::split(&text, source)?;
        let body = text.get(offset..).unwrap_or("").to_string();
        if body.trim().is_empty() {
            return Err(LoadError::new(
                source,
                None,
                "no article text after the front matter",
            ));
        }
        raw::fill_from_lines(&body, &mut meta);
        (meta, body)
    };
    if meta.id.is_empty() {
        meta.id = source.to_string();
    }
    fill_outlet(&mut meta, folder.as_deref());
    Ok(Article { meta, body })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_lines_within_a_limit() {
        let data = b"short\nthis line is too long\nok\r\n";
        let mut reader: Box<dyn BufRead> = Box::new(std::io::Cursor::new(&data[..]));
        let mut out = Vec::new();
        loop {
            match read_line_limited(&mut reader, 10) {
                Ok(LineRead::Eof) => break,
                Ok(LineRead::Line(l)) => out.push(String::from_utf8_lossy(&l).into_owned()),
                Ok(LineRead::TooLong(_)) => out.push("<too long>".into()),
                Err(_) => break,
            }
        }
        assert_eq!(out, vec!["short", "<too long>", "ok"]);
    }

    #[test]
    fn records_need_text_and_valid_json() {
        let err = parse_record(b"{\"id\": 1}", "c.jsonl", 3, None)
            .err()
            .map(|e| e.to_string());
        assert_eq!(
            err.as_deref(),
            Some("c.jsonl:3: the record has no `text` field")
        );
        let err = parse_record(b"{oops", "c.jsonl", 4, None)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(err.starts_with("c.jsonl:4: invalid JSON record"), "{err}");
        let ok = parse_record(
            b"{\"id\": 7, \"url\": \"https://www.example.net/x\", \"text\": \"Hi\"}",
            "c.jsonl",
            5,
            Some("corpus"),
        );
        let meta = ok.map(|a| a.meta).unwrap_or_default();
        assert_eq!(meta.id, "7");
        assert_eq!(meta.outlet.as_deref(), Some("example.net"));
    }

    #[test]
    fn refuses_hostile_nesting_with_the_limit_named() {
        let page = "<div>".repeat(100_000);
        let err = article_from_bytes(
            page.into_bytes(),
            "deep.html",
            InputFormat::Html,
            None,
            &LoadLimits::default(),
        )
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
        assert!(
            err.starts_with("deep.html: HTML nests elements 100000 deep, past the limit of 1000"),
            "{err}"
        );
        assert!(err.contains("--max-html-depth"));
    }

    #[test]
    fn rejects_empty_binary_and_non_utf8() {
        let e = |b: &[u8]| {
            article_from_bytes(
                b.to_vec(),
                "f.txt",
                InputFormat::Text,
                None,
                &LoadLimits::default(),
            )
            .err()
            .map(|e| e.to_string())
        };
        assert_eq!(e(b"  \n").as_deref(), Some("f.txt: the file is empty"));
        assert_eq!(
            e(b"a\0b").as_deref(),
            Some("f.txt: binary file (contains NUL bytes), not an article")
        );
        assert_eq!(
            e(b"ok\nbad \xff here").as_deref(),
            Some("f.txt:2: not valid UTF-8 (at byte 7); convert the file to UTF-8")
        );
    }
}
