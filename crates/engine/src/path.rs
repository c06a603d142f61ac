//! Express 5 path patterns, matched exactly as `path-to-regexp` v8 matches them.
//!
//! Express compiles each layer's path (`/users/:id`, `/files/*path`, `/post{/:slug}`) into a
//! JavaScript regular expression. This module parses the same syntax, raises the same
//! registration errors, and matches with the same greedy, backtracking semantics, so a learner's
//! route matches here exactly when it would match on Node. Why not `matchit`: Express resolves
//! overlapping routes by registration order (a radix tree ranks static over dynamic), and
//! allows forms a radix tree cannot express (`/:from-:to`, `*splat` mid-path, case folding).

use std::fmt;

/// How a layer matches, as the router sets it: `use()` layers match a prefix (`end: false`);
/// routes match the whole path. `strict: false` lets one trailing slash through.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PatternOptions {
    pub end: bool,
    pub sensitive: bool,
    pub strict: bool,
}

/// A registration-time error, worded as `path-to-regexp` words its `TypeError`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathError {
    pub message: String,
}

impl PathError {
    fn new(message: impl fmt::Display, original: &str) -> Self {
        let mut text = message.to_string();
        if !original.is_empty() {
            text.push_str(": ");
            text.push_str(original);
        }
        text.push_str("; visit https://git.new/pathToRegexpError for info");
        Self { message: text }
    }
}

impl fmt::Display for PathError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for PathError {}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Token {
    Text(String),
    Param(String),
    Wildcard(String),
    Group(Vec<Token>),
}

/// A captured value: `:name` gives one string, `*name` the list of segments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParamValue {
    One(String),
    Splat(Vec<String>),
}

/// What a successful match yields: the matched part of the path (`m[0]`) and the raw,
/// still percent-encoded captures in key order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathMatch {
    pub path: String,
    pub params: Vec<(String, ParamValue)>,
}

/// A set of characters a capture may not consume: `[^...]` plus `(?!...)` look-aheads.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Class {
    not_chars: Vec<char>,
    not_prefixes: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Node {
    Lit(String),
    /// A capture group `(a|b|...)`, its branches tried in order; `splat` marks a wildcard.
    Cap {
        branches: Vec<Branch>,
        splat: bool,
        name: String,
    },
}

/// One alternative inside a capture group: a greedy `class+` run, or a literal.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Branch {
    Run(Class),
    Lit(String),
}

/// A compiled Express path.
#[derive(Debug, Clone)]
pub struct Pattern {
    alternatives: Vec<Vec<Node>>,
    opts: PatternOptions,
}

const MAX_COMBINATIONS: usize = 256;

impl Pattern {
    /// Compiles `path` as the router does: `loosen` strips trailing slashes unless strict.
    pub fn new(path: &str, opts: PatternOptions) -> Result<Self, PathError> {
        let source = if opts.strict || path == "/" {
            path
        } else {
            path.trim_end_matches('/')
        };
        let tokens = parse(source)?;
        let mut alternatives = Vec::new();
        let mut seqs = Vec::new();
        flatten(&tokens, &mut Vec::new(), &mut seqs);
        for seq in seqs {
            if alternatives.len() >= MAX_COMBINATIONS {
                return Err(PathError::new("Too many path combinations", source));
            }
            alternatives.push(compile(&seq, source)?);
        }
        Ok(Self { alternatives, opts })
    }

    /// Matches `path` (a pathname, no query) and returns the raw captures.
    pub fn matches(&self, path: &str) -> Option<PathMatch> {
        let ci = !self.opts.sensitive;
        for alt in &self.alternatives {
            let mut caps = Vec::new();
            if let Some(end) = match_nodes(alt, 0, path, 0, ci, &mut caps, &|pos| {
                finish(path, pos, self.opts)
            }) {
                let params = caps
                    .into_iter()
                    .map(|(name, splat, s, e)| {
                        let raw = &path[s..e];
                        let value = if splat {
                            ParamValue::Splat(raw.split('/').map(str::to_string).collect())
                        } else {
                            ParamValue::One(raw.to_string())
                        };
                        (name, value)
                    })
                    .collect();
                return Some(PathMatch {
                    path: path[..end].to_string(),
                    params,
                });
            }
        }
        None
    }
}

/// `(?:/$)?` then `$` (routes) or `(?=/|$)` (prefixes): the end of the regular expression.
fn finish(path: &str, pos: usize, opts: PatternOptions) -> Option<usize> {
    let rest = &path[pos..];
    let trailing = !opts.strict;
    if trailing && rest == "/" {
        return Some(path.len());
    }
    if rest.is_empty() || (!opts.end && rest.starts_with('/')) {
        return Some(pos);
    }
    None
}

type Capture = (String, bool, usize, usize);

fn match_nodes(
    nodes: &[Node],
    i: usize,
    path: &str,
    pos: usize,
    ci: bool,
    caps: &mut Vec<Capture>,
    end: &dyn Fn(usize) -> Option<usize>,
) -> Option<usize> {
    let Some(node) = nodes.get(i) else {
        return end(pos);
    };
    match node {
        Node::Lit(lit) => {
            let n = prefix_len(&path[pos..], lit, ci)?;
            match_nodes(nodes, i + 1, path, pos + n, ci, caps, end)
        }
        Node::Cap {
            branches,
            splat,
            name,
        } => {
            for branch in branches {
                // A greedy `class+` offers its longest run first, then gives back one char
                // at a time; a literal offers exactly itself.
                let mut ends = Vec::new();
                match branch {
                    Branch::Run(class) => {
                        let mut p = pos;
                        while p < path.len() && class.allows(&path[p..], ci) {
                            p += path[p..].chars().next().map_or(1, char::len_utf8);
                            ends.push(p);
                        }
                        ends.reverse();
                    }
                    Branch::Lit(lit) => {
                        if let Some(n) = prefix_len(&path[pos..], lit, ci) {
                            ends.push(pos + n);
                        }
                    }
                }
                for e in ends {
                    caps.push((name.clone(), *splat, pos, e));
                    if let Some(done) = match_nodes(nodes, i + 1, path, e, ci, caps, end) {
                        return Some(done);
                    }
                    caps.pop();
                }
            }
            None
        }
    }
}

/// Byte length of `lit` at the start of `s`, compared as a JS regex with or without `i`.
fn prefix_len(s: &str, lit: &str, ci: bool) -> Option<usize> {
    let mut si = s.char_indices();
    for lc in lit.chars() {
        let (_, sc) = si.next()?;
        if !chars_eq(sc, lc, ci) {
            return None;
        }
    }
    Some(si.next().map_or(s.len(), |(i, _)| i))
}

fn chars_eq(a: char, b: char, ci: bool) -> bool {
    a == b || (ci && a.to_lowercase().eq(b.to_lowercase()))
}

impl Class {
    fn allows(&self, rest: &str, ci: bool) -> bool {
        let Some(c) = rest.chars().next() else {
            return false;
        };
        if self.not_chars.iter().any(|&n| chars_eq(c, n, ci)) {
            return false;
        }
        !self
            .not_prefixes
            .iter()
            .any(|p| prefix_len(rest, p, ci).is_some())
    }
}

/// `negate(a, b)` of path-to-regexp: a class excluding the strings `a` and `b`.
fn negate(a: &str, b: &str) -> Class {
    let (a, b) = if b.chars().count() > a.chars().count() {
        (b, a)
    } else {
        (a, b)
    };
    let b = if a == b { "" } else { b };
    if b.chars().count() > 1 {
        return Class {
            not_chars: vec![],
            not_prefixes: vec![a.to_string(), b.to_string()],
        };
    }
    if a.chars().count() > 1 {
        return Class {
            not_chars: b.chars().collect(),
            not_prefixes: vec![a.to_string()],
        };
    }
    Class {
        not_chars: a.chars().chain(b.chars()).collect(),
        not_prefixes: vec![],
    }
}

fn is_id_start(c: char) -> bool {
    c == '$' || c == '_' || c.is_alphabetic()
}

fn is_id_continue(c: char) -> bool {
    c == '$' || c == '\u{200c}' || c == '\u{200d}' || c == '_' || c.is_alphanumeric()
}

fn parse(src: &str) -> Result<Vec<Token>, PathError> {
    let chars: Vec<char> = src.chars().collect();
    let mut index = 0;
    consume_until(&chars, &mut index, None, src)
}

fn consume_until(
    chars: &[char],
    index: &mut usize,
    end: Option<char>,
    src: &str,
) -> Result<Vec<Token>, PathError> {
    let mut out = Vec::new();
    let mut text = String::new();
    let flush = |text: &mut String, out: &mut Vec<Token>| {
        if !text.is_empty() {
            out.push(Token::Text(std::mem::take(text)));
        }
    };
    while *index < chars.len() {
        let c = chars[*index];
        *index += 1;
        if Some(c) == end {
            flush(&mut text, &mut out);
            return Ok(out);
        }
        match c {
            '\\' => {
                let Some(&next) = chars.get(*index) else {
                    return Err(PathError::new(
                        format!("Unexpected end after \\ at index {}", *index),
                        src,
                    ));
                };
                text.push(next);
                *index += 1;
            }
            ':' | '*' => {
                let mut name = String::new();
                if chars.get(*index).is_some_and(|&c| is_id_start(c)) {
                    while let Some(&c) = chars.get(*index) {
                        if name.is_empty() || is_id_continue(c) {
                            name.push(c);
                            *index += 1;
                        } else {
                            break;
                        }
                    }
                } else if chars.get(*index) == Some(&'"') {
                    let quote_start = *index;
                    let mut closed = false;
                    while *index < chars.len() {
                        *index += 1;
                        if chars.get(*index) == Some(&'"') {
                            *index += 1;
                            closed = true;
                            break;
                        }
                        if chars.get(*index) == Some(&'\\') {
                            *index += 1;
                        }
                        if let Some(&c) = chars.get(*index) {
                            name.push(c);
                        }
                    }
                    if !closed {
                        return Err(PathError::new(
                            format!("Unterminated quote at index {quote_start}"),
                            src,
                        ));
                    }
                }
                if name.is_empty() {
                    return Err(PathError::new(
                        format!("Missing parameter name at index {}", *index),
                        src,
                    ));
                }
                flush(&mut text, &mut out);
                out.push(if c == ':' {
                    Token::Param(name)
                } else {
                    Token::Wildcard(name)
                });
            }
            '{' => {
                flush(&mut text, &mut out);
                out.push(Token::Group(consume_until(chars, index, Some('}'), src)?));
            }
            '}' | '(' | ')' | '[' | ']' | '+' | '?' | '!' => {
                return Err(PathError::new(
                    format!("Unexpected {c} at index {}", *index - 1),
                    src,
                ));
            }
            _ => text.push(c),
        }
    }
    if let Some(end) = end {
        return Err(PathError::new(
            format!("Unexpected end at index {}, expected {end}", *index),
            src,
        ));
    }
    flush(&mut text, &mut out);
    Ok(out)
}

/// Expands optional groups into every sequence, in path-to-regexp's order (group taken first).
fn flatten(tokens: &[Token], prefix: &mut Vec<Token>, out: &mut Vec<Vec<Token>>) {
    if out.len() > MAX_COMBINATIONS {
        return;
    }
    match tokens.split_first() {
        None => out.push(prefix.clone()),
        Some((Token::Group(inner), rest)) => {
            let mut with: Vec<Token> = inner.clone();
            with.extend_from_slice(rest);
            let len = prefix.len();
            flatten(&with, prefix, out);
            prefix.truncate(len);
            flatten(rest, prefix, out);
            prefix.truncate(len);
        }
        Some((tok, rest)) => {
            prefix.push(tok.clone());
            flatten(rest, prefix, out);
            prefix.pop();
        }
    }
}

/// `toRegExpSource` of path-to-regexp, producing nodes instead of regex source.
fn compile(tokens: &[Token], src: &str) -> Result<Vec<Node>, PathError> {
    let mut nodes = Vec::new();
    let mut backtrack = String::new();
    let mut wildcard_backtrack = String::new();
    let mut prev_capture = 0u8;
    let mut segment_capture = 0u8;
    let has_in_segment = |from: usize, wildcard: bool| {
        for t in &tokens[from..] {
            match t {
                Token::Wildcard(_) if wildcard => return true,
                Token::Param(_) if !wildcard => return true,
                Token::Text(v) if v.contains('/') => return false,
                _ => {}
            }
        }
        false
    };
    let peek_text = |from: usize| {
        let mut s = String::new();
        for t in &tokens[from..] {
            match t {
                Token::Text(v) => s.push_str(v),
                _ => break,
            }
        }
        s
    };
    for (i, token) in tokens.iter().enumerate() {
        match token {
            Token::Text(v) => {
                nodes.push(Node::Lit(v.clone()));
                backtrack.push_str(v);
                if prev_capture == 2 {
                    wildcard_backtrack.push_str(v);
                }
                if v.contains('/') {
                    segment_capture = 0;
                }
            }
            Token::Param(name) | Token::Wildcard(name) => {
                let wildcard = matches!(token, Token::Wildcard(_));
                if prev_capture != 0 && backtrack.is_empty() {
                    let kind = if wildcard { "wildcard" } else { "param" };
                    return Err(PathError::new(
                        format!("Missing text before \"{name}\" {kind}"),
                        src,
                    ));
                }
                let branches = if !wildcard {
                    let r = if segment_capture & 2 != 0 {
                        vec![Branch::Run(negate("/", &backtrack))]
                    } else if has_in_segment(i + 1, true) {
                        vec![Branch::Run(negate("/", &peek_text(i + 1)))]
                    } else if segment_capture & 1 != 0 {
                        vec![
                            Branch::Run(negate("/", &backtrack)),
                            Branch::Lit(backtrack.clone()),
                        ]
                    } else {
                        vec![Branch::Run(negate("/", ""))]
                    };
                    segment_capture |= 1;
                    prev_capture = 1;
                    r
                } else {
                    let r = if segment_capture & 2 != 0 {
                        vec![Branch::Run(negate(&backtrack, ""))]
                    } else if !wildcard_backtrack.is_empty() {
                        vec![
                            Branch::Run(negate(&wildcard_backtrack, "")),
                            Branch::Run(negate("/", "")),
                        ]
                    } else {
                        vec![Branch::Run(Class {
                            not_chars: vec![],
                            not_prefixes: vec![],
                        })]
                    };
                    wildcard_backtrack.clear();
                    segment_capture |= 2;
                    prev_capture = 2;
                    r
                };
                nodes.push(Node::Cap {
                    branches,
                    splat: wildcard,
                    name: name.clone(),
                });
                backtrack.clear();
            }
            Token::Group(_) => unreachable!("groups are flattened before compiling"),
        }
    }
    Ok(nodes)
}

#[cfg(test)]
mod tests;
