//! Physical lines with a hard length cap: a 20 MB line costs one bounded buffer and becomes a
//! rejected row, never an allocation the size of the line. Lines can be pushed back, so a CSV
//! record that swallowed following lines in an unclosed quote can give them back for
//! re-parsing.

use std::collections::VecDeque;
use std::io::{self, BufRead};

/// One physical line, without its line ending.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Line {
    /// 1-based line number in the input.
    pub number: u64,
    /// The bytes, at most the cap; empty when `too_long`.
    pub bytes: Vec<u8>,
    /// The line was longer than the cap and was skipped.
    pub too_long: bool,
}

/// Reads capped lines from a buffered source.
pub(crate) struct LineReader<R> {
    inner: R,
    next_number: u64,
    max_bytes: usize,
    pushed_back: VecDeque<Line>,
    bytes_read: u64,
}

impl<R: BufRead> LineReader<R> {
    pub(crate) fn new(inner: R, max_bytes: usize) -> LineReader<R> {
        LineReader { inner, next_number: 1, max_bytes, pushed_back: VecDeque::new(), bytes_read: 0 }
    }

    /// Bytes consumed from the source so far.
    pub(crate) fn bytes_read(&self) -> u64 {
        self.bytes_read
    }

    /// Returns lines to be read again, in order, before anything new.
    pub(crate) fn push_back(&mut self, lines: Vec<Line>) {
        for line in lines.into_iter().rev() {
            self.pushed_back.push_front(line);
        }
    }

    /// The next line, or `None` at the end of input.
    pub(crate) fn next_line(&mut self) -> io::Result<Option<Line>> {
        if let Some(line) = self.pushed_back.pop_front() {
            return Ok(Some(line));
        }
        let mut bytes = Vec::new();
        let mut too_long = false;
        let mut saw_any = false;
        loop {
            let buf = self.inner.fill_buf()?;
            if buf.is_empty() {
                break;
            }
            saw_any = true;
            let (chunk, used, done) = match memchr::memchr(b'\n', buf) {
                Some(i) => (&buf[..i], i + 1, true),
                None => (buf, buf.len(), false),
            };
            if !too_long {
                if bytes.len() + chunk.len() > self.max_bytes {
                    too_long = true;
                    bytes = Vec::new();
                } else {
                    bytes.extend_from_slice(chunk);
                }
            }
            self.inner.consume(used);
            self.bytes_read += used as u64;
            if done {
                break;
            }
        }
        if !saw_any {
            return Ok(None);
        }
        if bytes.last() == Some(&b'\r') {
            bytes.pop();
        }
        let number = self.next_number;
        self.next_number += 1;
        Ok(Some(Line { number, bytes, too_long }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(input: &[u8], cap: usize) -> Vec<(u64, String, bool)> {
        let mut r = LineReader::new(std::io::BufReader::with_capacity(4, input), cap);
        let mut out = Vec::new();
        while let Ok(Some(l)) = r.next_line() {
            out.push((l.number, String::from_utf8_lossy(&l.bytes).into_owned(), l.too_long));
        }
        out
    }

    #[test]
    fn splits_caps_and_numbers_lines() {
        assert_eq!(all(b"", 10), vec![]);
        assert_eq!(all(b"a\r\nbb\n", 10), vec![(1, "a".into(), false), (2, "bb".into(), false)]);
        assert_eq!(
            all(b"a\n\nc", 10),
            vec![(1, "a".into(), false), (2, "".into(), false), (3, "c".into(), false)]
        );
        let long = format!("x\n{}\ny\n", "z".repeat(100));
        assert_eq!(
            all(long.as_bytes(), 10),
            vec![(1, "x".into(), false), (2, "".into(), true), (3, "y".into(), false)]
        );
    }
}
