//! The terminal's scrollback: the newest [`KEEP`] lines, and a count of the older ones let go.
//!
//! Lines are stored in chunks of [`CHUNK`] behind `Rc`s, so each new state shares every chunk it
//! did not change with the one before, and the terminal re-renders only the chunks that changed
//! (compared by pointer). A flood of output then costs one small render per frame, not a render
//! of every kept line per new line.

use std::collections::VecDeque;
use std::rc::Rc;

/// Lines kept to scroll back through. A thousand is some forty screens of the terminal: the
/// output of the last few requests, or the last second of a logging loop, can still be read,
/// while the output stays near 2,000 DOM nodes, so appending, layout and scrolling stay fast on
/// a phone. Older lines are counted, not kept; a log that long is for searching, not scrolling.
pub const KEEP: usize = 1000;

/// Lines per chunk, the unit of re-rendering: an update changes at most the newest chunk (it
/// grows) and the oldest (it lets lines go).
pub const CHUNK: usize = 50;

/// What kind of text a terminal entry holds; the terminal styles each differently.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    /// A command the learner typed, shown after a `$`.
    Command,
    Stdout,
    Stderr,
    /// A message from the playground itself (not from the learner's server).
    Note,
}

/// One entry in the terminal. `seq` is unique for the page's life, so it serves as a render key.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub seq: u64,
    pub kind: LineKind,
    pub text: Rc<str>,
}

/// Consecutive lines. `id` (the `seq` of the chunk's first line when it was made) keys the
/// chunk's rendering for its whole life, while its oldest lines are let go.
#[derive(Debug, Clone)]
pub struct Chunk {
    pub id: u64,
    pub lines: Rc<Vec<Line>>,
}

impl PartialEq for Chunk {
    /// The same allocation holds the same lines: a chunk is only changed in place while no
    /// earlier state (and so no rendering) shares it.
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.lines, &other.lines)
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Scrollback {
    chunks: VecDeque<Chunk>,
    /// Lines kept, over all chunks.
    len: usize,
    /// Lines let go since the last clear, here or (for a flood) already in the worker.
    dropped: u64,
    next_seq: u64,
}

impl Scrollback {
    /// Appends a line, letting the oldest go when more than [`KEEP`] are kept.
    pub fn push(&mut self, kind: LineKind, text: &str) {
        let line = Line {
            seq: self.next_seq,
            kind,
            text: text.into(),
        };
        self.next_seq += 1;
        match self.chunks.back_mut() {
            Some(chunk) if chunk.lines.len() < CHUNK => Rc::make_mut(&mut chunk.lines).push(line),
            _ => self.chunks.push_back(Chunk {
                id: line.seq,
                lines: Rc::new(vec![line]),
            }),
        }
        self.len += 1;
        if self.len > KEEP {
            self.let_go(self.len - KEEP);
        }
    }

    /// Counts lines that came before the next ones but never arrived: the worker sends only
    /// the newest lines of a burst.
    pub fn skipped(&mut self, count: u64) {
        self.dropped += count;
    }

    /// Forgets every line and the count, as `clear` in a terminal does.
    pub fn clear(&mut self) {
        self.chunks.clear();
        self.len = 0;
        self.dropped = 0;
    }

    fn let_go(&mut self, mut count: usize) {
        while count > 0 {
            let Some(oldest) = self.chunks.front_mut() else {
                return;
            };
            let taken = count.min(oldest.lines.len());
            if taken == oldest.lines.len() {
                self.chunks.pop_front();
            } else {
                Rc::make_mut(&mut oldest.lines).drain(..taken);
            }
            count -= taken;
            self.len -= taken;
            self.dropped += taken as u64;
        }
    }

    pub fn chunks(&self) -> impl Iterator<Item = &Chunk> {
        self.chunks.iter()
    }

    /// Every kept line, oldest first; the page renders chunks, the tests read lines.
    #[cfg(test)]
    pub fn lines(&self) -> impl Iterator<Item = &Line> {
        self.chunks.iter().flat_map(|chunk| chunk.lines.iter())
    }

    /// Lines let go since the last clear.
    pub fn dropped(&self) -> u64 {
        self.dropped
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The newest line; its `seq` changes whenever a line is added.
    pub fn newest(&self) -> Option<&Line> {
        self.chunks.back().and_then(|chunk| chunk.lines.last())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn filled(count: usize) -> Scrollback {
        let mut scrollback = Scrollback::default();
        for n in 0..count {
            scrollback.push(LineKind::Stdout, &n.to_string());
        }
        scrollback
    }

    fn texts(scrollback: &Scrollback) -> Vec<String> {
        scrollback
            .lines()
            .map(|line| line.text.to_string())
            .collect()
    }

    #[test]
    fn keeps_the_newest_lines_in_order_and_counts_the_rest() {
        // (lines pushed, lines kept, first kept, dropped)
        let cases = [
            (0, 0, None, 0),
            (1, 1, Some("0"), 0),
            (KEEP, KEEP, Some("0"), 0),
            (KEEP + 1, KEEP, Some("1"), 1),
            (KEEP + CHUNK + 7, KEEP, Some("57"), 57),
            (10 * KEEP + 3, KEEP, Some("9003"), 9003),
        ];
        for (pushed, kept, first, dropped) in cases {
            let scrollback = filled(pushed);
            let texts = texts(&scrollback);
            assert_eq!(texts.len(), kept, "{pushed} pushed");
            assert_eq!(texts.first().map(String::as_str), first, "{pushed} pushed");
            assert_eq!(scrollback.dropped(), dropped, "{pushed} pushed");
            let numbers: Vec<usize> = texts.iter().map(|t| t.parse().unwrap()).collect();
            assert!(numbers.windows(2).all(|w| w[1] == w[0] + 1), "in order");
        }
    }

    #[test]
    fn an_update_shares_every_chunk_it_did_not_change() {
        let before = filled(KEEP + 10);
        let mut after = before.clone();
        after.push(LineKind::Stdout, "new");
        let changed = |a: &Scrollback, b: &Scrollback| {
            a.chunks()
                .zip(b.chunks())
                .filter(|(x, y)| x != y)
                .map(|(x, _)| x.id)
                .collect::<Vec<_>>()
        };
        let oldest = before.chunks().next().unwrap().id;
        let newest = before.chunks().last().unwrap().id;
        assert_eq!(changed(&before, &after), [oldest, newest]);
        assert_eq!(texts(&before).last().unwrap(), &(KEEP + 9).to_string());
        assert_eq!(texts(&after).last().unwrap(), "new");
        assert_eq!(
            before.chunks().next().unwrap().id,
            after.chunks().next().unwrap().id,
            "a chunk keeps its id while it lets lines go"
        );
    }

    #[test]
    fn skipped_lines_and_clear() {
        let mut scrollback = filled(KEEP + 5);
        scrollback.skipped(100);
        assert_eq!(scrollback.dropped(), 105);
        let newest = scrollback.newest().map(|line| line.seq);
        scrollback.clear();
        assert!(scrollback.is_empty());
        assert_eq!(scrollback.dropped(), 0);
        assert_eq!(scrollback.newest(), None);
        scrollback.push(LineKind::Note, "after");
        assert!(
            scrollback.newest().map(|line| line.seq) > newest,
            "seq keeps counting past a clear"
        );
    }
}
