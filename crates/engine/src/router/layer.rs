//! A layer: a path matcher plus what runs when it matches.

use super::{compile_all, HandlerId, RouteId, RouterId};
use crate::path::{ParamValue, PathError, PathMatch, Pattern, PatternOptions};

/// What a layer runs: a learner's function, a route's method handlers, or a mounted router.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Handler {
    Fn(HandlerId),
    Route(RouteId),
    Router(RouterId),
}

/// How one path of a layer is matched: an Express path string compiled here, or a
/// JavaScript `RegExp` that only the runtime can run (see [`ExternalMatcher`]).
#[derive(Debug, Clone)]
pub enum Matcher {
    Pattern(Pattern),
    External(u32),
}

/// Runs `RegExp` paths for the engine: `id` names the regular expression the runtime holds.
/// Returns the matched text and the raw captures (numbered or named), undecoded.
pub trait ExternalMatcher {
    fn match_external(&self, id: u32, path: &str) -> Option<PathMatch>;
}

/// For callers without `RegExp` paths (native tests, pure Rust use).
pub struct NoExternal;

impl ExternalMatcher for NoExternal {
    fn match_external(&self, _id: u32, _path: &str) -> Option<PathMatch> {
        None
    }
}

/// One path of a layer as registered: a string pattern or a `RegExp` held by the runtime.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathSpec {
    Text(String),
    Regex { id: u32, source: String },
}

#[derive(Debug, Clone)]
pub struct Layer {
    /// The path as the learner wrote it, shown in traces.
    pub path: String,
    pub handler: Handler,
    /// `use('/')` matches everything without running a pattern.
    slash: bool,
    matchers: Vec<Matcher>,
}

/// A successful layer match with decoded parameters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LayerMatch {
    pub path: String,
    pub params: Vec<(String, ParamValue)>,
    /// The params object is an ordinary `{}`: a RegExp path, or `use('/')`'s fast path. A
    /// string pattern's match (path-to-regexp) makes it with `Object.create(null)`.
    pub plain: bool,
}

/// A parameter that `decodeURIComponent` rejects: Express answers 400 with this message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeError {
    pub value: String,
}

impl DecodeError {
    pub fn message(&self) -> String {
        format!("Failed to decode param '{}'", self.value)
    }
}

impl Layer {
    pub fn new(path: &str, opts: PatternOptions, handler: Handler) -> Result<Self, PathError> {
        Self::with_paths(&[PathSpec::Text(path.to_string())], opts, handler)
    }

    /// A layer for a list of paths (`app.get(['/a', /b/], fn)`); `String(path)` of the list is
    /// what Express shows, so the display path joins them with commas.
    pub fn with_paths(
        paths: &[PathSpec],
        opts: PatternOptions,
        handler: Handler,
    ) -> Result<Self, PathError> {
        let mut matchers = Vec::with_capacity(paths.len());
        let mut shown = Vec::with_capacity(paths.len());
        for p in paths {
            match p {
                PathSpec::Text(t) => {
                    matchers.extend(
                        compile_all(&[t.as_str()], opts)?
                            .into_iter()
                            .map(Matcher::Pattern),
                    );
                    shown.push(t.clone());
                }
                PathSpec::Regex { id, source } => {
                    matchers.push(Matcher::External(*id));
                    shown.push(source.clone());
                }
            }
        }
        let slash = matches!(paths, [PathSpec::Text(t)] if t == "/") && !opts.end;
        Ok(Self {
            path: shown.join(","),
            handler,
            slash,
            matchers,
        })
    }

    /// `layer.match(path)`: the first matcher that matches wins; captures are decoded.
    pub fn match_path(
        &self,
        path: &str,
        external: &dyn ExternalMatcher,
    ) -> Result<Option<LayerMatch>, DecodeError> {
        if self.slash {
            return Ok(Some(LayerMatch {
                path: String::new(),
                params: Vec::new(),
                plain: true,
            }));
        }
        let Some((m, plain)) = self.matchers.iter().find_map(|m| run(m, path, external)) else {
            return Ok(None);
        };
        decoded(m, plain).map(Some)
    }

    /// `layer.matchers[index](path)` (router 2 keeps one matcher per path of the layer).
    pub fn match_one(
        &self,
        index: usize,
        path: &str,
        external: &dyn ExternalMatcher,
    ) -> Result<Option<LayerMatch>, DecodeError> {
        match self
            .matchers
            .get(index)
            .and_then(|m| run(m, path, external))
        {
            Some((m, plain)) => decoded(m, plain).map(Some),
            None => Ok(None),
        }
    }
}

/// Runs one matcher: the raw match and whether its params object is an ordinary `{}`.
fn run(m: &Matcher, path: &str, external: &dyn ExternalMatcher) -> Option<(PathMatch, bool)> {
    match m {
        Matcher::Pattern(p) => p.matches(path).map(|m| (m, false)),
        Matcher::External(id) => external.match_external(*id, path).map(|m| (m, true)),
    }
}

/// A raw match with its captures decoded as `decodeURIComponent` does.
fn decoded(m: PathMatch, plain: bool) -> Result<LayerMatch, DecodeError> {
    let decode = |v: String| {
        // Without a `%`, `decodeURIComponent` returns its input.
        if !v.contains('%') {
            return Ok(v);
        }
        crate::js::decode_uri_component(&v).ok_or(DecodeError { value: v })
    };
    let mut params = Vec::with_capacity(m.params.len());
    for (name, value) in m.params {
        let value = match value {
            ParamValue::One(v) => ParamValue::One(decode(v)?),
            ParamValue::Splat(parts) => {
                ParamValue::Splat(parts.into_iter().map(decode).collect::<Result<_, _>>()?)
            }
        };
        // Later captures with the same name overwrite earlier ones, as in a JS object.
        match params.iter_mut().find(|(n, _)| n == &name) {
            Some(slot) => slot.1 = value,
            None => params.push((name, value)),
        }
    }
    Ok(LayerMatch {
        path: m.path,
        params,
        plain,
    })
}
