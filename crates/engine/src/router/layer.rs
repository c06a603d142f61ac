//! A layer: a path matcher plus what runs when it matches.

use super::{compile_all, HandlerId, RouteId, RouterId};
use crate::path::{ParamValue, PathError, Pattern, PatternOptions};

/// What a layer runs: a learner's function, a route's method handlers, or a mounted router.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Handler {
    Fn(HandlerId),
    Route(RouteId),
    Router(RouterId),
}

#[derive(Debug, Clone)]
pub struct Layer {
    /// The path as the learner wrote it, shown in traces.
    pub path: String,
    pub handler: Handler,
    /// `use('/')` matches everything without running a pattern.
    slash: bool,
    matchers: Vec<Pattern>,
}

/// A successful layer match with decoded parameters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LayerMatch {
    pub path: String,
    pub params: Vec<(String, ParamValue)>,
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
        Self::with_paths(&[path], opts, handler)
    }

    pub fn with_paths(
        paths: &[&str],
        opts: PatternOptions,
        handler: Handler,
    ) -> Result<Self, PathError> {
        Ok(Self {
            path: paths.join(","),
            handler,
            slash: paths == ["/"] && !opts.end,
            matchers: compile_all(paths, opts)?,
        })
    }

    /// `layer.match(path)`: the first matcher that matches wins; captures are decoded.
    pub fn match_path(&self, path: &str) -> Result<Option<LayerMatch>, DecodeError> {
        if self.slash {
            return Ok(Some(LayerMatch {
                path: String::new(),
                params: Vec::new(),
            }));
        }
        let Some(m) = self.matchers.iter().find_map(|p| p.matches(path)) else {
            return Ok(None);
        };
        let decode = |v: String| {
            if v.is_empty() {
                return Ok(v);
            }
            super::decode_uri_component(&v).map_err(|_| DecodeError { value: v })
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
        Ok(Some(LayerMatch {
            path: m.path,
            params,
        }))
    }
}
