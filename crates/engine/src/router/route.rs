//! A route: the handlers registered for one path, each for one method or for all.

use super::HandlerId;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RouteLayer {
    /// Lower-case method, or `None` for `route.all()`.
    pub method: Option<String>,
    pub handler: HandlerId,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Route {
    pub path: String,
    pub stack: Vec<RouteLayer>,
    /// Methods in the order first registered (a JS object's key order).
    methods: Vec<String>,
    all: bool,
}

impl Route {
    pub fn new(path: &str) -> Self {
        Self {
            path: path.to_string(),
            stack: Vec::new(),
            methods: Vec::new(),
            all: false,
        }
    }

    /// `route.get(fn)` etc.; `method` `None` is `route.all(fn)`.
    pub fn add(&mut self, method: Option<&str>, handler: HandlerId) {
        let method = method.map(str::to_ascii_lowercase);
        match &method {
            Some(m) if !self.methods.contains(m) => self.methods.push(m.clone()),
            Some(_) => {}
            None => self.all = true,
        }
        self.stack.push(RouteLayer { method, handler });
    }

    /// `route._handlesMethod`: HEAD falls back to GET.
    pub fn handles_method(&self, method: &str) -> bool {
        if self.all {
            return true;
        }
        // Names are stored lower-case; comparing without case spares a copy per layer.
        let has = |m: &str| self.methods.iter().any(|x| x.eq_ignore_ascii_case(m));
        if method.eq_ignore_ascii_case("head") && !has("head") {
            return has("get");
        }
        has(method)
    }

    /// `route._methods()`: upper-case, plus HEAD when GET exists without HEAD.
    pub fn methods(&self) -> Vec<String> {
        let mut out: Vec<String> = self
            .methods
            .iter()
            .map(|m| m.to_ascii_uppercase())
            .collect();
        let has = |m: &str| self.methods.iter().any(|x| x == m);
        if has("get") && !has("head") {
            out.push("HEAD".into());
        }
        out
    }

    /// The method name the route dispatches on (HEAD runs GET handlers when it has none).
    pub fn dispatch_method(&self, method: &str) -> String {
        let m = method.to_ascii_lowercase();
        if m == "head" && !self.methods.iter().any(|x| x == "head") {
            "get".into()
        } else {
            m
        }
    }
}
