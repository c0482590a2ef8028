//! Text utilities shared by the detectors: word counting, byte → line:column maps,
//! and the normalization used for tolerant term matching.

pub(crate) mod normalize;

/// True for characters that can be part of a word: letters and digits.
pub fn is_word_char(c: char) -> bool {
    // Curly quotes and dashes, the commonest characters beyond ASCII in news text, lie
    // in the General Punctuation block, which holds no letter or digit: answered
    // without a search of the Unicode tables.
    !matches!(c, '\u{2000}'..='\u{206F}') && c.is_alphanumeric()
}

/// Counts the words of `text`: runs of letters and digits, where an apostrophe or a
/// hyphen between two such characters joins them ("don't", "US-trained" are one word).
pub fn count_words(text: &str) -> usize {
    // A word starts at a word character whose previous character is neither a word
    // character nor a joining mark that follows one. The text is read in windows of
    // bytes, each classified by plain loops over fixed-size arrays that compile to
    // vector instructions; characters beyond ASCII are then decoded one by one.
    let bytes = text.as_bytes();
    // `word[i + 1]`: byte i of the window is a word character; `joined[i + 1]`: it is
    // one, or a joining mark after one. Index 0 carries the character before the window.
    let mut word = [0u8; WINDOW + 1];
    // Three bytes of slack for `mark_non_ascii`, which fills a character's bytes.
    let mut joined = [0u8; WINDOW + 4];
    let mut tail = [0u8; WINDOW];
    let (mut count, mut pos) = (0, 0);
    while let Some(rest) = bytes.get(pos..).filter(|rest| !rest.is_empty()) {
        let window = match rest.first_chunk::<WINDOW>() {
            Some(window) => window,
            None => {
                // The last bytes (read once: no character is cut there), padded with
                // NULs, which are neither word characters nor marks.
                if let Some(start) = tail.get_mut(..rest.len()) {
                    start.copy_from_slice(rest);
                }
                &tail
            }
        };
        for i in 0..WINDOW {
            word[i + 1] = u8::from(is_ascii_word(window[i]));
        }
        for i in 0..WINDOW {
            let join = u8::from(is_ascii_join(window[i]));
            joined[i + 1] = word[i + 1] | (join & word[i]);
        }
        let end = if window.iter().fold(0, |acc, &b| acc | b).is_ascii() {
            WINDOW
        } else {
            mark_non_ascii(text, pos, window, &mut word, &mut joined)
        };
        // A start follows a byte that is no start: at most 32 a window, in a byte.
        let mut starts = 0u8;
        for i in 0..WINDOW {
            starts += word[i + 1] & !joined[i];
        }
        count += usize::from(starts);
        (word[0], joined[0]) = (word[end], joined[end]);
        pos += end;
    }
    count
}

/// Bytes classified at once by [`count_words`]: four vector registers' worth.
const WINDOW: usize = 64;

/// True for ASCII letters and digits, false for every other byte (those of characters
/// beyond ASCII too). Two range tests: folding case with one bit leaves `@` and `[`
/// below and above the letters.
fn is_ascii_word(b: u8) -> bool {
    b.wrapping_sub(b'0') < 10 || (b | 0x20).wrapping_sub(b'a') < 26
}

/// The joining marks of ASCII (see [`is_joining_mark`]).
fn is_ascii_join(b: u8) -> bool {
    matches!(b, b'\'' | b'-')
}

/// Corrects, for [`count_words`], the classes of the bytes of characters beyond ASCII
/// in `window` (the bytes of `text` from `pos`), which the ASCII classification left
/// as neither word character nor mark. Each such character stands at its last byte;
/// its other bytes repeat what was before it, so no word starts there. Returns where
/// the window's reading ends: before a character the window cuts, or at its end.
fn mark_non_ascii(
    text: &str,
    pos: usize,
    window: &[u8; WINDOW],
    word: &mut [u8; WINDOW + 1],
    joined: &mut [u8; WINDOW + 4],
) -> usize {
    for (i, eight) in window.chunks_exact(8).enumerate() {
        let x = eight.try_into().map_or(0, u64::from_le_bytes);
        // Lead bytes have their two high bits set.
        let mut leads = x & (x << 1) & HIGH;
        while leads != 0 {
            let at = 8 * i + (leads.trailing_zeros() / 8) as usize;
            leads &= leads - 1;
            let Some(c) = text.get(pos + at..).and_then(|rest| rest.chars().next()) else {
                return WINDOW;
            };
            let end = at + c.len_utf8();
            if end > WINDOW {
                return at;
            }
            let (is_word, is_join) = (u8::from(is_word_char(c)), u8::from(is_joining_mark(c)));
            let (word_before, joined_before) = (word[at], joined[at]);
            // Bytes at..end - 1 are indices at + 1..=end; a character has two to four.
            joined[at + 1..at + 4].fill(joined_before);
            word[end] = is_word;
            joined[end] = is_word | (is_join & word_before);
            if let Some(&next) = window.get(end) {
                let join = u8::from(is_ascii_join(next));
                joined[end + 1] = word[end + 1] | (join & is_word);
            }
        }
    }
    WINDOW
}

/// The high bit of every byte of a machine word.
const HIGH: u64 = 0x8080_8080_8080_8080;

/// Marks that join two word characters into one word ("don't", "US-trained").
fn is_joining_mark(c: char) -> bool {
    matches!(c, '\'' | '’' | '-' | '\u{2011}')
}

/// The words of `text` (see [`count_words`]).
pub fn words(text: &str) -> impl Iterator<Item = &str> {
    let mut pos = 0;
    std::iter::from_fn(move || {
        let (start, end) = next_word(text, pos)?;
        pos = end;
        text.get(start..end)
    })
}

/// The character at byte `pos` of `text` and its length, decoding only non-ASCII.
fn char_at(text: &str, pos: usize) -> Option<(char, usize)> {
    let b = *text.as_bytes().get(pos)?;
    if b.is_ascii() {
        return Some((char::from(b), 1));
    }
    let c = text.get(pos..)?.chars().next()?;
    Some((c, c.len_utf8()))
}

/// The byte range of the first word of `text` at or after byte `from` (a char
/// boundary). Works a byte at a time on ASCII and decodes only other characters.
fn next_word(text: &str, from: usize) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut pos = from;
    loop {
        let b = *bytes.get(pos)?;
        if b.is_ascii_alphanumeric() {
            break;
        }
        if b.is_ascii() {
            pos += 1;
            continue;
        }
        let (c, len) = char_at(text, pos)?;
        if is_word_char(c) {
            break;
        }
        pos += len;
    }
    let start = pos;
    loop {
        // Letters and digits of ASCII, most of a word, without building a `char`.
        while bytes.get(pos).is_some_and(u8::is_ascii_alphanumeric) {
            pos += 1;
        }
        let Some((c, len)) = char_at(text, pos) else {
            break;
        };
        let joins =
            || is_joining_mark(c) && char_at(text, pos + len).is_some_and(|(n, _)| is_word_char(n));
        if !is_word_char(c) && !joins() {
            break;
        }
        pos += len;
    }
    Some((start, pos))
}

/// Maps byte offsets of one text to 1-based line and column (column in characters).
#[derive(Debug, Clone)]
pub struct LineIndex {
    line_starts: Vec<usize>,
}

impl LineIndex {
    /// Builds the index of `text`'s line starts.
    pub fn new(text: &str) -> Self {
        // Room for a line every 64 bytes: news paragraphs are longer, so the vector
        // seldom grows while the newlines are found.
        let mut line_starts = Vec::with_capacity(text.len() / 64 + 2);
        line_starts.push(0);
        line_starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        LineIndex { line_starts }
    }

    /// The 1-based line and character column of byte `offset` in `text` (the text the
    /// index was built from). Offsets past the end are clamped to the end.
    pub fn line_column(&self, text: &str, offset: usize) -> (usize, usize) {
        // A fresh cursor counts the column from the line start.
        self.cursor(text).line_column(offset)
    }

    /// A reader of line and column for offsets in increasing order, counting each
    /// column on from the previous offset of the same line: linear in the text however
    /// many offsets a long line holds.
    pub fn cursor<'a>(&'a self, text: &'a str) -> ColumnCursor<'a> {
        ColumnCursor {
            index: self,
            text,
            line: 0,
            at: 0,
            column: 0,
        }
    }

    /// The byte where the line holding byte `offset` starts (a line break belongs to
    /// the line it ends).
    pub fn line_start(&self, offset: usize) -> usize {
        let line = self.line_starts.partition_point(|&s| s <= offset);
        self.line_starts
            .get(line.wrapping_sub(1))
            .copied()
            .unwrap_or(0)
    }

    /// The byte where the line holding byte `offset` ends, before its line break, or
    /// the end of `text` (the text the index was built from).
    pub fn line_end(&self, text: &str, offset: usize) -> usize {
        let line = self.line_starts.partition_point(|&s| s <= offset);
        self.line_starts
            .get(line)
            .map_or(text.len(), |next| next - 1)
    }

    /// The byte ranges of the lines of `text` (the text the index was built from), in
    /// order, each as [`Self::line_range`] gives it.
    pub fn ranges<'a>(
        &'a self,
        text: &'a str,
    ) -> impl Iterator<Item = std::ops::Range<usize>> + 'a {
        (1..=self.line_starts.len()).filter_map(move |line| self.line_range(text, line))
    }

    /// The byte range of 1-based `line`, without its line break.
    pub fn line_range(&self, text: &str, line: usize) -> Option<std::ops::Range<usize>> {
        let start = *self.line_starts.get(line.checked_sub(1)?)?;
        let mut end = self
            .line_starts
            .get(line)
            .map_or(text.len(), |next| next - 1);
        if end > start && text.as_bytes().get(end - 1) == Some(&b'\r') {
            end -= 1;
        }
        Some(start..end)
    }
}

/// See [`LineIndex::cursor`].
#[derive(Debug)]
pub struct ColumnCursor<'a> {
    index: &'a LineIndex,
    text: &'a str,
    /// The 1-based line of the last offset read (0 before the first).
    line: usize,
    /// The last offset read, and its column in characters from the line start.
    at: usize,
    column: usize,
}

impl ColumnCursor<'_> {
    /// The same as [`LineIndex::line_column`]; cheap when `offset` follows the previous
    /// offset on the same line.
    pub fn line_column(&mut self, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(self.text, offset.min(self.text.len()));
        let starts = &self.index.line_starts;
        let line = if offset >= self.at {
            // In order, the line only moves on: past the few starts up to `offset`.
            let mut line = self.line;
            while starts.get(line).is_some_and(|&s| s <= offset) {
                line += 1;
            }
            line
        } else {
            starts.partition_point(|&s| s <= offset)
        };
        let (from, counted) = if line == self.line && offset >= self.at {
            (self.at, self.column)
        } else {
            // `line` starts are at or before `offset`: the last of them is its line's.
            (starts.get(line.wrapping_sub(1)).copied().unwrap_or(0), 0)
        };
        let column = counted
            + self
                .text
                .get(from..offset)
                .map_or(0, |prefix| prefix.chars().count());
        (self.line, self.at, self.column) = (line, offset, column);
        (line.max(1), column + 1)
    }
}

/// The largest char boundary of `text` at or below `offset`.
pub fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    offset = offset.min(text.len());
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// The smallest char boundary of `text` at or above `offset`.
pub fn ceil_char_boundary(text: &str, mut offset: usize) -> usize {
    while offset < text.len() && !text.is_char_boundary(offset) {
        offset += 1;
    }
    offset.min(text.len())
}

/// Removes terminal control and escape sequences (and other control characters but
/// tab and newline) so article text cannot rewrite the user's terminal.
pub fn strip_control(text: &str) -> std::borrow::Cow<'_, str> {
    if !text
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t')
    {
        return std::borrow::Cow::Borrowed(text);
    }
    std::borrow::Cow::Owned(
        text.chars()
            .map(|c| {
                if c.is_control() && c != '\n' && c != '\t' {
                    '\u{FFFD}'
                } else {
                    c
                }
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_words_with_internal_apostrophes_and_hyphens() {
        assert_eq!(count_words("We don’t challenge US-trained rebels."), 5);
        assert_eq!(count_words("  "), 0);
        assert_eq!(count_words("a - b"), 2);
        assert_eq!(count_words("students' union"), 2);
        assert_eq!(count_words("a--b a-’b x-y-z"), 5);
        // Long ASCII runs take the eight-bytes-at-once path, with joins across chunks.
        let ascii = "It's a stop-gap plan, 'they' said -- twenty-one x-ray units @ 9am [ok] {z}`-'";
        assert_eq!(count_words(ascii), words(ascii).count());
        assert_eq!(count_words(ascii), 12);
    }

    #[test]
    fn general_punctuation_holds_no_word_character() {
        assert!(('\u{2000}'..='\u{206F}').all(|c| !c.is_alphanumeric()));
        assert!(is_word_char('é') && is_word_char('7') && is_word_char('\u{2071}'));
        assert!(!is_word_char('’') && !is_word_char('—') && !is_word_char(' '));
    }

    #[test]
    fn words_agree_with_count_words() {
        let text = "We don’t challenge US-trained rebels - twice.";
        let list: Vec<&str> = words(text).collect();
        assert_eq!(
            list,
            vec!["We", "don’t", "challenge", "US-trained", "rebels", "twice"]
        );
        assert_eq!(list.len(), count_words(text));
    }

    /// Words as first written, with `char_indices`: the byte-wise scan must agree.
    fn reference_words(text: &str) -> Vec<&str> {
        let mut out = Vec::new();
        let mut rest = text;
        while let Some(start) = rest.find(is_word_char) {
            let tail = &rest[start..];
            let mut end = tail.len();
            let mut chars = tail.char_indices().peekable();
            while let Some((i, c)) = chars.next() {
                if is_word_char(c) {
                    continue;
                }
                let joins = matches!(c, '\'' | '’' | '-' | '\u{2011}')
                    && chars.peek().is_some_and(|(_, n)| is_word_char(*n));
                if !joins {
                    end = i;
                    break;
                }
            }
            out.push(&tail[..end]);
            rest = &tail[end..];
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn words_match_reference(
            text in "([a-zA-Z0-9 ,.'\\-@`{}\\[]|\\s|[\u{2019}\u{2011}\u{2010}\u{201c}éß٣😀\u{300}\u{a0}]){0,120}"
        ) {
            let fast: Vec<&str> = words(&text).collect();
            proptest::prop_assert_eq!(&fast, &reference_words(&text));
            proptest::prop_assert_eq!(count_words(&text), fast.len());
        }
    }

    /// Words counted one character at a time, as the rule reads: a word character
    /// starts a word unless it follows a word character, or a joining mark that
    /// follows one.
    fn reference_count(text: &str) -> usize {
        let (mut count, mut after_word, mut after_join) = (0, false, false);
        for c in text.chars() {
            let word = is_word_char(c);
            count += usize::from(word && !after_word && !after_join);
            after_join = !word && is_joining_mark(c) && after_word;
            after_word = word;
        }
        count
    }

    #[test]
    fn ascii_word_bytes_are_letters_and_digits() {
        assert!((0..=u8::MAX).all(|b| is_ascii_word(b) == b.is_ascii_alphanumeric()));
    }

    #[test]
    fn count_words_agrees_at_every_window_offset() {
        // Each mixed piece at every byte offset, across and at the window's end.
        let pieces = [
            "don’t",
            "a’",
            "é-x",
            "x-é",
            "“Z”",
            "a\u{2011}b",
            "9😀a",
            "٣-٣",
            "’-a",
            "a-’b",
        ];
        for pad in 0..=2 * WINDOW + 4 {
            for piece in pieces {
                for filler in ["a", " ", "'", "é"] {
                    let text = format!("{}{piece} {piece}-{piece}", filler.repeat(pad));
                    for start in [0, 1, 2] {
                        let Some(part) = text.get(start..) else {
                            continue;
                        };
                        assert_eq!(count_words(part), reference_count(part), "{part:?}");
                    }
                }
            }
        }
    }

    proptest::proptest! {
        /// Dense with the cases at the edge of the ASCII windows: marks, characters of
        /// two to four bytes, words and marks beyond ASCII, across window ends.
        #[test]
        fn count_words_matches_per_character_reference(
            text in "[a Z9'\\-’é“—\n.\u{2011}😀٣]{0,400}"
        ) {
            proptest::prop_assert_eq!(count_words(&text), reference_count(&text));
        }
    }

    proptest::proptest! {
        #[test]
        fn cursor_reads_like_line_column(
            text in "([a-z\n]|[é“”😀]){0,60}",
            mut offsets in proptest::collection::vec(0usize..70, 0..12),
        ) {
            offsets.sort_unstable();
            let index = LineIndex::new(&text);
            let mut cursor = index.cursor(&text);
            for offset in offsets {
                proptest::prop_assert_eq!(
                    cursor.line_column(offset),
                    index.line_column(&text, offset)
                );
            }
        }
    }

    proptest::proptest! {
        /// Offsets in any order, even going back, read as counted from the text's start.
        #[test]
        fn cursor_reads_any_order_like_a_count(
            text in "([a-z\n]|[é“”😀]){0,60}",
            offsets in proptest::collection::vec(0usize..70, 0..12),
        ) {
            let index = LineIndex::new(&text);
            let mut cursor = index.cursor(&text);
            for offset in offsets {
                let before = text.get(..floor_char_boundary(&text, offset)).unwrap_or_default();
                let line = before.matches('\n').count() + 1;
                let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
                proptest::prop_assert_eq!(cursor.line_column(offset), (line, column));
            }
        }
    }

    #[test]
    fn line_column_counts_characters() {
        let text = "first\n“second” line\nthird";
        let index = LineIndex::new(text);
        assert_eq!(index.line_column(text, 0), (1, 1));
        let pos = text.find("line").unwrap_or(0);
        assert_eq!(index.line_column(text, pos), (2, 10));
        assert_eq!(index.line_column(text, text.len()), (3, 6));
        assert_eq!(index.line_range(text, 2), Some(6..23));
    }

    #[test]
    fn ranges_are_the_lines_without_their_breaks() {
        let text = "a\r\nb\n\nc\rd";
        let index = LineIndex::new(text);
        let ranges: Vec<_> = index.ranges(text).collect();
        assert_eq!(ranges, vec![0..1, 3..4, 5..5, 6..9]);
    }

    #[test]
    fn strips_escape_sequences() {
        assert_eq!(strip_control("a\u{1b}[2Jb\n"), "a\u{FFFD}[2Jb\n");
        assert!(matches!(
            strip_control("plain"),
            std::borrow::Cow::Borrowed(_)
        ));
    }
}
