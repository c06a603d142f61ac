//! Express's router: an ordered stack of layers walked by `next()`.
//!
//! Mirrors pillarjs/router (Express 5's router) concept by concept: a [`Layer`] is a path
//! matcher plus a handler, a [`Route`] holds per-method handlers for one path, a [`Router`] is
//! the stack, and [`Dispatch`] is one request's walk through it. Handlers are opaque
//! [`HandlerId`]s: the runtime owns the JavaScript functions and calls them when a
//! [`Step::Call`] says so.

mod dispatch;
mod layer;
mod route;

pub use dispatch::{Call, Dispatch, DispatchError, NextArg, Params, ReqState, Step};
pub use layer::{ExternalMatcher, Handler, Layer, Matcher, NoExternal, PathSpec};
pub use route::Route;

use crate::path::{PathError, Pattern, PatternOptions};
use std::collections::HashMap;

/// A function the runtime owns, with its declared parameter count (`fn.length`), which
/// decides whether Express treats it as a request handler (≤ 3) or an error handler (4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct HandlerId {
    pub id: u32,
    pub arity: u8,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct RouterId(pub usize);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct RouteId(pub usize);

/// `express.Router(options)`; the app's own router takes these from app settings.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RouterOptions {
    pub case_sensitive: bool,
    pub strict: bool,
    pub merge_params: bool,
}

/// One router's stack and its `router.param()` callbacks.
#[derive(Debug, Clone, Default)]
pub struct Router {
    pub options: RouterOptions,
    pub stack: Vec<Layer>,
    pub params: HashMap<String, Vec<HandlerId>>,
}

/// Every router and route of one running program, addressed by id so that routers can be
/// mounted in each other (and in several places) without shared ownership.
#[derive(Debug, Clone, Default)]
pub struct Routers {
    routers: Vec<Router>,
    routes: Vec<Route>,
}

impl Routers {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn add_router(&mut self, options: RouterOptions) -> RouterId {
        self.routers.push(Router {
            options,
            ..Router::default()
        });
        RouterId(self.routers.len() - 1)
    }

    pub fn router(&self, id: RouterId) -> &Router {
        &self.routers[id.0]
    }

    pub fn router_mut(&mut self, id: RouterId) -> &mut Router {
        &mut self.routers[id.0]
    }

    pub fn route(&self, id: RouteId) -> &Route {
        &self.routes[id.0]
    }

    pub fn route_mut(&mut self, id: RouteId) -> &mut Route {
        &mut self.routes[id.0]
    }

    /// `router.use(path, fn)`: a prefix layer, never strict.
    pub fn use_handler(
        &mut self,
        router: RouterId,
        path: &str,
        handler: Handler,
    ) -> Result<(), PathError> {
        self.use_paths(router, &[PathSpec::Text(path.to_string())], handler)
    }

    /// `router.use([paths], fn)`.
    pub fn use_paths(
        &mut self,
        router: RouterId,
        paths: &[PathSpec],
        handler: Handler,
    ) -> Result<(), PathError> {
        let r = &self.routers[router.0];
        let opts = PatternOptions {
            end: false,
            sensitive: r.options.case_sensitive,
            strict: false,
        };
        let layer = Layer::with_paths(paths, opts, handler)?;
        self.routers[router.0].stack.push(layer);
        Ok(())
    }

    /// `router.route(path)`: a whole-path layer holding a new route.
    pub fn add_route(&mut self, router: RouterId, path: &str) -> Result<RouteId, PathError> {
        self.add_route_paths(router, &[PathSpec::Text(path.to_string())])
    }

    /// `router.route([paths])`.
    pub fn add_route_paths(
        &mut self,
        router: RouterId,
        paths: &[PathSpec],
    ) -> Result<RouteId, PathError> {
        let r = &self.routers[router.0];
        let opts = PatternOptions {
            end: true,
            sensitive: r.options.case_sensitive,
            strict: r.options.strict,
        };
        let id = RouteId(self.routes.len());
        let layer = Layer::with_paths(paths, opts, Handler::Route(id))?;
        self.routes.push(Route::new(&layer.path));
        self.routers[router.0].stack.push(layer);
        Ok(id)
    }

    /// `router.param(name, fn)`.
    pub fn add_param(&mut self, router: RouterId, name: &str, handler: HandlerId) {
        self.routers[router.0]
            .params
            .entry(name.to_string())
            .or_default()
            .push(handler);
    }
}

/// Patterns accept a list of paths too (`app.get(['/a', '/b'], fn)`).
pub(crate) fn compile_all(paths: &[&str], opts: PatternOptions) -> Result<Vec<Pattern>, PathError> {
    paths.iter().map(|p| Pattern::new(p, opts)).collect()
}

#[cfg(test)]
mod tests;
