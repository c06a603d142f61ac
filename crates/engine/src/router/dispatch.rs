//! One request's walk through the routers: a resumable state machine.
//!
//! Express walks its stack with nested callbacks; here the same walk is a loop over explicit
//! frames, so the runtime can stop at every handler ([`Step::Call`]), run JavaScript, and
//! resume with what the handler passed to `next` ([`NextArg`]) — now or much later.

use super::layer::{DecodeError, ExternalMatcher};
use super::{Handler, HandlerId, RouteId, RouterId, Routers};
use crate::path::ParamValue;
use std::collections::HashMap;

/// Route parameters in key order, as `req.params` shows them.
pub type Params = Vec<(String, ParamValue)>;

/// An error travelling down the chain: a JS value the runtime holds (by id), or one the
/// engine raised itself (a parameter that failed to decode).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DispatchError {
    Js(u32),
    /// Boxed: rare, and it keeps every step small to move.
    Decode(Box<DecodeError>),
}

/// What a handler passed to `next`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NextArg {
    /// `next()` (or a falsy value).
    Continue,
    /// `next('route')`: skip the rest of this route's handlers.
    Route,
    /// `next('router')`: leave this router.
    Router,
    Error(DispatchError),
}

/// The request properties the router rewrites as it walks (`req.url`, `req.baseUrl`, ...).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReqState {
    pub method: String,
    pub url: String,
    pub original_url: String,
    pub base_url: String,
    pub params: Params,
    /// `req.params` is an ordinary object, not a null-prototype one (see `LayerMatch::plain`).
    pub plain_params: bool,
    /// The route whose handlers are running (`req.route`).
    pub route: Option<RouteId>,
}

/// Where the walk stopped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// Run a learner's function, then call [`Dispatch::next`] with what it passed to `next`.
    Call(Call),
    /// The router answers an OPTIONS request itself with this `Allow` list.
    Options { allow: String },
    /// The app's router ran out of layers: `finalhandler` answers 404, or the error.
    Done { error: Option<DispatchError> },
    /// A router entered with [`Dispatch::enter`] finished: call the `done` callback the
    /// runtime gave it (a mounted app's, or the `next` of code that called `router(req, res, next)`).
    Return { error: Option<DispatchError> },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Call {
    pub handler: HandlerId,
    /// Set for an error handler `(err, req, res, next)`.
    pub error: Option<DispatchError>,
    /// Set for an `app.param` callback `(req, res, next, value, name)`; boxed, being rare.
    pub param: Option<Box<(String, ParamValue)>>,
}

#[derive(Debug, Clone)]
struct ParamCalled {
    error: Option<NextArg>,
    matched: ParamValue,
    value: ParamValue,
}

/// `processParams` in progress for a matched layer.
#[derive(Debug, Clone)]
struct ParamWalk {
    layer: usize,
    /// The parameter names that have `router.param` callbacks to run (often none).
    keys: Vec<String>,
    key_index: usize,
    callback_index: usize,
    key: String,
    layer_error: Option<DispatchError>,
    /// The part of the path the layer matched (what `use` strips into `req.baseUrl`).
    layer_path: String,
}

#[derive(Debug, Clone)]
struct RouterFrame {
    router: RouterId,
    idx: usize,
    removed: String,
    slash_added: bool,
    protohost: String,
    parent_url: String,
    parent_params: Params,
    /// Collected `Allow` methods, only for OPTIONS requests.
    methods: Option<Vec<String>>,
    saved: (String, Params, bool, Option<RouteId>),
    /// Entered from a layer or a handler, so `req.params` was an object when it began
    /// (`mergeParams` then copies into a new ordinary one); false for the app's own router.
    nested: bool,
    param_called: HashMap<String, ParamCalled>,
    params: Option<ParamWalk>,
    /// Entered by the runtime (`router.handle(req, res, done)`), not by a layer: finishing
    /// it returns to the runtime instead of continuing the parent router.
    boundary: bool,
}

#[derive(Debug, Clone)]
struct RouteFrame {
    route: RouteId,
    idx: usize,
    method: String,
}

#[derive(Debug, Clone)]
enum Frame {
    Router(Box<RouterFrame>),
    Route(RouteFrame),
}

/// Internal continuation: what the loop does next.
enum Action {
    RouterNext(NextArg),
    RouteNext(NextArg),
    ParamNext(Option<NextArg>),
    Yield(Step),
}

#[derive(Debug, Clone)]
pub struct Dispatch {
    pub req: ReqState,
    frames: Vec<Frame>,
}

impl Dispatch {
    /// Starts `router.handle(req, res, done)` for the app's router; returns the first step.
    pub fn start(
        routers: &Routers,
        ext: &dyn ExternalMatcher,
        root: RouterId,
        method: &str,
        url: &str,
    ) -> (Self, Step) {
        let mut d = Self {
            req: ReqState {
                method: method.to_string(),
                url: url.to_string(),
                original_url: url.to_string(),
                ..ReqState::default()
            },
            frames: Vec::new(),
        };
        d.enter_router(root, false);
        let step = d.run(routers, ext, Action::RouterNext(NextArg::Continue));
        (d, step)
    }

    /// `router.handle(req, res, done)` from inside a handler: walks `router` with the current
    /// request state; its end is a [`Step::Return`].
    pub fn enter(
        &mut self,
        routers: &Routers,
        ext: &dyn ExternalMatcher,
        router: RouterId,
    ) -> Step {
        self.enter_router(router, true);
        self.run(routers, ext, Action::RouterNext(NextArg::Continue))
    }

    /// Resumes after a handler called `next(arg)`.
    pub fn next(&mut self, routers: &Routers, ext: &dyn ExternalMatcher, arg: NextArg) -> Step {
        let action = match self.frames.last() {
            Some(Frame::Route(_)) => Action::RouteNext(arg),
            Some(Frame::Router(f)) if f.params.is_some() => Action::ParamNext(match arg {
                NextArg::Continue => None,
                other => Some(other),
            }),
            Some(Frame::Router(_)) => Action::RouterNext(arg),
            None => return Step::Done { error: None },
        };
        self.run(routers, ext, action)
    }

    /// How deep the walk is: the mounted routers and routes currently entered.
    pub fn depth(&self) -> usize {
        self.frames.len()
    }

    fn enter_router(&mut self, router: RouterId, boundary: bool) {
        let url = &self.req.url;
        let protohost = protohost(url).unwrap_or_default();
        let frame = RouterFrame {
            router,
            idx: 0,
            removed: String::new(),
            slash_added: false,
            protohost,
            parent_url: self.req.base_url.clone(),
            parent_params: self.req.params.clone(),
            methods: (self.req.method == "OPTIONS").then(Vec::new),
            saved: (
                self.req.base_url.clone(),
                self.req.params.clone(),
                self.req.plain_params,
                self.req.route,
            ),
            nested: !self.frames.is_empty(),
            param_called: HashMap::new(),
            params: None,
            boundary,
        };
        self.frames.push(Frame::Router(Box::new(frame)));
    }

    fn run(&mut self, routers: &Routers, ext: &dyn ExternalMatcher, mut action: Action) -> Step {
        loop {
            action = match action {
                Action::Yield(step) => return step,
                Action::RouterNext(arg) => self.router_next(routers, ext, arg),
                Action::RouteNext(arg) => self.route_next(routers, arg),
                Action::ParamNext(err) => self.param_next(routers, err),
            }
        }
    }

    fn router_frame(&mut self) -> &mut RouterFrame {
        match self.frames.last_mut() {
            Some(Frame::Router(f)) => f,
            _ => unreachable!("router step without a router frame"),
        }
    }

    /// The router's `next(err)`.
    fn router_next(
        &mut self,
        routers: &Routers,
        ext: &dyn ExternalMatcher,
        arg: NextArg,
    ) -> Action {
        let mut layer_error = match &arg {
            NextArg::Error(e) => Some(e.clone()),
            _ => None,
        };
        let req = &mut self.req;
        let Some(Frame::Router(f)) = self.frames.last_mut() else {
            unreachable!("router step without a router frame")
        };
        if f.slash_added {
            let path_is_root = req.url == "/" || req.url.starts_with("/?");
            if path_is_root || (f.removed.ends_with('/') && req.url.starts_with('/')) {
                req.url.remove(0);
            }
            f.slash_added = false;
        }
        if !f.removed.is_empty() {
            req.base_url = f.parent_url.clone();
            let ph = f.protohost.len().min(req.url.len());
            req.url = format!("{}{}{}", f.protohost, f.removed, &req.url[ph..]);
            f.removed.clear();
        }
        if arg == NextArg::Router {
            return self.router_done(None);
        }
        let router = routers.router(f.router);
        if f.idx >= router.stack.len() {
            return self.router_done(layer_error);
        }
        let path = pathname(&req.url);
        let mut found = None;
        while f.idx < router.stack.len() {
            let idx = f.idx;
            let layer = &router.stack[idx];
            f.idx += 1;
            let m = match layer.match_path(path, ext) {
                Ok(Some(m)) => m,
                Ok(None) => continue,
                Err(e) => {
                    layer_error = layer_error.or(Some(DispatchError::Decode(Box::new(e))));
                    continue;
                }
            };
            if let Handler::Route(route_id) = layer.handler {
                if layer_error.is_some() {
                    continue;
                }
                let route = routers.route(route_id);
                let has_method = route.handles_method(&req.method);
                if !has_method && req.method == "OPTIONS" {
                    if let Some(methods) = &mut f.methods {
                        methods.extend(route.methods());
                    }
                }
                if !has_method && req.method != "HEAD" {
                    continue;
                }
            }
            found = Some((idx, m));
            break;
        }
        let Some((idx, m)) = found else {
            return self.router_done(layer_error);
        };
        let layer = &router.stack[idx];
        if let Handler::Route(route_id) = layer.handler {
            req.route = Some(route_id);
        }
        let keys: Vec<String> = m
            .params
            .iter()
            .filter(|(k, _)| router.params.contains_key(k))
            .map(|(k, _)| k.clone())
            .collect();
        let merge = router.options.merge_params;
        req.plain_params = m.plain || (merge && f.nested);
        req.params = if merge {
            merge_params(m.params, &f.parent_params)
        } else {
            m.params
        };
        f.params = Some(ParamWalk {
            layer: idx,
            keys,
            key_index: 0,
            callback_index: 0,
            key: String::new(),
            layer_error,
            layer_path: m.path,
        });
        self.param_next_key(routers, None)
    }

    /// `processParams`' `param(err)`: moves to the next key that has callbacks.
    fn param_next_key(&mut self, routers: &Routers, err: Option<NextArg>) -> Action {
        if let Some(err) = err {
            return self.params_done(routers, Some(err));
        }
        let req = &mut self.req;
        let Some(Frame::Router(f)) = self.frames.last_mut() else {
            unreachable!()
        };
        let router = routers.router(f.router);
        let Some(walk) = f.params.as_mut() else {
            unreachable!()
        };
        while walk.key_index < walk.keys.len() {
            let key = walk.keys[walk.key_index].clone();
            walk.key_index += 1;
            let Some(value) = req
                .params
                .iter()
                .find(|(k, _)| *k == key)
                .map(|(_, v)| v.clone())
            else {
                continue;
            };
            if !router.params.contains_key(&key) {
                continue;
            }
            if let Some(called) = f.param_called.get(&key) {
                let errored = matches!(&called.error, Some(e) if *e != NextArg::Route);
                if called.matched == value || errored {
                    set_param(&mut req.params, &key, called.value.clone());
                    let err = called.error.clone();
                    if err.is_some() {
                        return self.params_done(routers, err);
                    }
                    continue;
                }
            }
            f.param_called.insert(
                key.clone(),
                ParamCalled {
                    error: None,
                    matched: value.clone(),
                    value,
                },
            );
            walk.key = key;
            walk.callback_index = 0;
            return self.param_callback(routers, None);
        }
        self.params_done(routers, None)
    }

    /// Resumes after an `app.param` callback called `next(err)`.
    fn param_next(&mut self, routers: &Routers, err: Option<NextArg>) -> Action {
        self.param_callback(routers, err)
    }

    /// `processParams`' `paramCallback(err)`: runs the key's next callback.
    fn param_callback(&mut self, routers: &Routers, err: Option<NextArg>) -> Action {
        let req = &self.req;
        let Some(Frame::Router(f)) = self.frames.last_mut() else {
            unreachable!()
        };
        let router = routers.router(f.router);
        let Some(walk) = f.params.as_mut() else {
            unreachable!()
        };
        let key = walk.key.clone();
        let current = req
            .params
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, v)| v.clone());
        if let Some(called) = f.param_called.get_mut(&key) {
            if let Some(v) = current.clone() {
                called.value = v;
            }
            if err.is_some() {
                called.error = err.clone();
            }
        }
        if let Some(err) = err {
            return self.param_next_key(routers, Some(err));
        }
        let callbacks = &router.params[&key];
        let Some(&handler) = callbacks.get(walk.callback_index) else {
            return self.param_next_key(routers, None);
        };
        walk.callback_index += 1;
        Action::Yield(Step::Call(Call {
            handler,
            error: None,
            param: current.map(|v| Box::new((key, v))),
        }))
    }

    /// The callback `processParams` was given: run the layer, or skip it on error.
    fn params_done(&mut self, routers: &Routers, err: Option<NextArg>) -> Action {
        let f = self.router_frame();
        let Some(walk) = f.params.as_mut() else {
            unreachable!()
        };
        // Only these outlive the walk; taking them, not the whole walk, spares a large move.
        let layer_index = walk.layer;
        let layer_error = walk.layer_error.take();
        let layer_path = std::mem::take(&mut walk.layer_path);
        f.params = None;
        if let Some(err) = err {
            let arg = match layer_error {
                Some(e) => NextArg::Error(e),
                None => err,
            };
            return Action::RouterNext(arg);
        }
        let router = routers.router(f.router);
        let layer = &router.stack[layer_index];
        match layer.handler {
            Handler::Route(route) => {
                let method = routers.route(route).dispatch_method(&self.req.method);
                self.frames.push(Frame::Route(RouteFrame {
                    route,
                    idx: 0,
                    method,
                }));
                if routers.route(route).stack.is_empty() {
                    self.frames.pop();
                    return Action::RouterNext(NextArg::Continue);
                }
                Action::RouteNext(NextArg::Continue)
            }
            handler => self.trim_prefix(handler, layer_error, layer_path),
        }
    }

    /// `trimPrefix`: strips the matched prefix into `req.baseUrl`, then runs the middleware.
    fn trim_prefix(
        &mut self,
        handler: Handler,
        layer_error: Option<DispatchError>,
        layer_path: String,
    ) -> Action {
        let req = &mut self.req;
        let Some(Frame::Router(f)) = self.frames.last_mut() else {
            unreachable!()
        };
        let carry = || match &layer_error {
            Some(e) => NextArg::Error(e.clone()),
            None => NextArg::Continue,
        };
        if !layer_path.is_empty() {
            // The path the layer matched: `req.url` has not changed since.
            let path = pathname(&req.url);
            if !path.starts_with(&layer_path) {
                return Action::RouterNext(carry());
            }
            if let Some(c) = path[layer_path.len()..].chars().next() {
                if c != '/' {
                    return Action::RouterNext(carry());
                }
            }
            f.removed = layer_path.clone();
            let ph = f.protohost.len();
            req.url = format!(
                "{}{}",
                f.protohost,
                req.url.get(ph + layer_path.len()..).unwrap_or("")
            );
            if f.protohost.is_empty() && !req.url.starts_with('/') {
                req.url.insert(0, '/');
                f.slash_added = true;
            }
            let removed = layer_path.strip_suffix('/').unwrap_or(&layer_path);
            req.base_url = format!("{}{}", f.parent_url, removed);
        }
        match handler {
            Handler::Fn(h) => call_layer(h, layer_error).unwrap_or_else(Action::RouterNext),
            Handler::Router(sub) => match layer_error {
                // A router is a 3-argument function: it skips errors.
                Some(e) => Action::RouterNext(NextArg::Error(e)),
                None => {
                    self.enter_router(sub, false);
                    Action::RouterNext(NextArg::Continue)
                }
            },
            Handler::Route(_) => unreachable!("routes are dispatched, not trimmed"),
        }
    }

    /// The router's `done(err)`: restore what this router changed and return to the parent.
    fn router_done(&mut self, err: Option<DispatchError>) -> Action {
        let Some(Frame::Router(f)) = self.frames.pop() else {
            unreachable!()
        };
        let (base_url, params, plain_params, route) = f.saved;
        self.req.base_url = base_url;
        self.req.params = params;
        self.req.plain_params = plain_params;
        self.req.route = route;
        if let Some(methods) = f.methods {
            if err.is_none() && !methods.is_empty() {
                let mut unique: Vec<String> = Vec::new();
                for m in methods {
                    if !unique.contains(&m) {
                        unique.push(m);
                    }
                }
                unique.sort();
                return Action::Yield(Step::Options {
                    allow: unique.join(", "),
                });
            }
        }
        if f.boundary {
            return Action::Yield(Step::Return { error: err });
        }
        if self.frames.is_empty() {
            return Action::Yield(Step::Done { error: err });
        }
        Action::RouterNext(err.map_or(NextArg::Continue, NextArg::Error))
    }

    /// The route's `next(err)`.
    fn route_next(&mut self, routers: &Routers, arg: NextArg) -> Action {
        let err = match arg {
            NextArg::Route => {
                self.frames.pop();
                return Action::RouterNext(NextArg::Continue);
            }
            NextArg::Router => {
                self.frames.pop();
                return Action::RouterNext(NextArg::Router);
            }
            NextArg::Error(e) => Some(e),
            NextArg::Continue => None,
        };
        let Some(Frame::Route(f)) = self.frames.last_mut() else {
            unreachable!()
        };
        let route = routers.route(f.route);
        while f.idx < route.stack.len() {
            let layer = &route.stack[f.idx];
            f.idx += 1;
            if layer.method.as_deref().is_none_or(|m| m == f.method) {
                return call_layer(layer.handler, err).unwrap_or_else(Action::RouteNext);
            }
        }
        self.frames.pop();
        Action::RouterNext(err.map_or(NextArg::Continue, NextArg::Error))
    }
}

/// `layer.handleRequest` / `layer.handleError`: call the function if its arity fits, or
/// return what `next` gets instead (the function is skipped).
fn call_layer(handler: HandlerId, error: Option<DispatchError>) -> Result<Action, NextArg> {
    match error {
        Some(e) if handler.arity != 4 => Err(NextArg::Error(e)),
        None if handler.arity > 3 => Err(NextArg::Continue),
        error => Ok(Action::Yield(Step::Call(Call {
            handler,
            error,
            param: None,
        }))),
    }
}

fn set_param(params: &mut Params, key: &str, value: ParamValue) {
    if let Some(slot) = params.iter_mut().find(|(k, _)| k == key) {
        slot.1 = value;
    }
}

/// `mergeParams`: parent values first, the layer's own override; numeric keys (from regexp
/// paths) are shifted past the parent's.
fn merge_params(params: Params, parent: &Params) -> Params {
    let mut out = parent.clone();
    for (k, v) in params {
        match out.iter_mut().find(|(pk, _)| *pk == k) {
            Some(slot) => slot.1 = v,
            None => out.push((k, v)),
        }
    }
    out
}

/// `parseurl(req).pathname`, at every layer.
fn pathname(url: &str) -> &str {
    crate::http::url_pathname(url)
}

/// `getProtohost`: `http://host` of an absolute-form request target.
fn protohost(url: &str) -> Option<String> {
    if url.is_empty() || url.starts_with('/') {
        return None;
    }
    let path_len = url.find('?').unwrap_or(url.len());
    let fqdn = url[..path_len].find("://")?;
    let slash = url[fqdn + 3..].find('/').map(|i| i + fqdn + 3)?;
    Some(url[..slash].to_string())
}
