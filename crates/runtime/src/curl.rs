//! `curl` in the terminal: the engine parses the command and renders curl's output; the JS
//! side sends each hop to the learner's server (which may answer later, or never).

use engine::curl::{self, CurlError, Exchange, Hop, Invocation, Rendered};
use engine::http::{Headers, Response};
use wasm_bindgen::prelude::*;

/// One curl command in flight: its parsed invocation, the exchanges so far, the pending hop.
#[wasm_bindgen]
pub struct CurlRun {
    inv: Option<Invocation>,
    exchanges: Vec<Exchange>,
    hop: Option<Hop>,
    error: Option<CurlError>,
}

/// What the terminal prints: `{ stdout, stderr, exitCode }`.
#[wasm_bindgen(getter_with_clone)]
pub struct CurlOutput {
    pub stdout: String,
    pub stderr: String,
    #[wasm_bindgen(js_name = exitCode)]
    pub exit_code: i32,
}

impl From<Rendered> for CurlOutput {
    fn from(r: Rendered) -> Self {
        Self {
            stdout: r.stdout,
            stderr: r.stderr,
            exit_code: r.exit_code,
        }
    }
}

/// Parses a terminal line that starts with `curl`.
#[wasm_bindgen(js_name = curlParse)]
pub fn curl_parse(line: &str) -> CurlRun {
    match curl::parse(line) {
        Ok(inv) => {
            let hop = inv.first_hop();
            CurlRun {
                inv: Some(inv),
                exchanges: Vec::new(),
                hop: Some(hop),
                error: None,
            }
        }
        Err(e) => CurlRun {
            inv: None,
            exchanges: Vec::new(),
            hop: None,
            error: Some(e),
        },
    }
}

#[wasm_bindgen]
impl CurlRun {
    /// `true` while a request is waiting to be sent (read it with the `hop*` getters).
    #[wasm_bindgen(getter)]
    pub fn pending(&self) -> bool {
        self.hop.is_some() && self.error.is_none()
    }

    #[wasm_bindgen(getter, js_name = hopScheme)]
    pub fn hop_scheme(&self) -> String {
        self.hop
            .as_ref()
            .map_or(String::new(), |h| h.url.scheme.clone())
    }

    #[wasm_bindgen(getter, js_name = hopHost)]
    pub fn hop_host(&self) -> String {
        self.hop
            .as_ref()
            .map_or(String::new(), |h| h.url.host.clone())
    }

    #[wasm_bindgen(getter, js_name = hopPort)]
    pub fn hop_port(&self) -> u16 {
        self.hop.as_ref().map_or(0, |h| h.url.port)
    }

    #[wasm_bindgen(getter, js_name = hopMethod)]
    pub fn hop_method(&self) -> String {
        self.hop
            .as_ref()
            .map_or(String::new(), |h| h.request.method.clone())
    }

    /// The request target (path and query) as sent.
    #[wasm_bindgen(getter, js_name = hopTarget)]
    pub fn hop_target(&self) -> String {
        self.hop
            .as_ref()
            .map_or(String::new(), |h| h.request.url.clone())
    }

    /// Request headers as `[name, value, ...]`, in curl's order.
    #[wasm_bindgen(getter, js_name = hopHeaders)]
    pub fn hop_headers(&self) -> Vec<String> {
        self.hop.as_ref().map_or(Vec::new(), |h| {
            h.request
                .headers
                .iter()
                .flat_map(|(n, v)| [n.to_string(), v.to_string()])
                .collect()
        })
    }

    #[wasm_bindgen(getter, js_name = hopBody)]
    pub fn hop_body(&self) -> Vec<u8> {
        self.hop
            .as_ref()
            .map_or(Vec::new(), |h| h.request.body.clone())
    }

    /// `-m` in milliseconds, or -1 when none was given.
    #[wasm_bindgen(getter, js_name = maxTimeMs)]
    pub fn max_time_ms(&self) -> f64 {
        self.inv
            .as_ref()
            .and_then(|i| i.max_time_ms)
            .map_or(-1.0, |ms| ms as f64)
    }

    /// The server answered the pending hop; moves on to a redirect (`-L`) or finishes.
    pub fn respond(
        &mut self,
        status: u16,
        status_text: String,
        headers: Vec<String>,
        body: Vec<u8>,
    ) {
        let (Some(inv), Some(hop)) = (self.inv.as_ref(), self.hop.take()) else {
            return;
        };
        let headers: Headers = headers
            .chunks_exact(2)
            .map(|p| (p[0].clone(), p[1].clone()))
            .collect();
        self.exchanges.push(Exchange {
            hop,
            response: Response {
                status,
                status_text,
                headers,
                body,
            },
        });
        match inv.next_hop(&self.exchanges) {
            Ok(next) => self.hop = next,
            Err(e) => self.error = Some(e),
        }
    }

    /// Nothing listens on the hop's port: `curl: (7) Failed to connect ...`.
    #[wasm_bindgen(js_name = failRefused)]
    pub fn fail_refused(&mut self) {
        if let Some(h) = &self.hop {
            self.error = Some(CurlError::connect_refused(&h.url.host, h.url.port));
        }
    }

    /// A host other than this machine: `curl: (6) Could not resolve host: ...`.
    #[wasm_bindgen(js_name = failResolve)]
    pub fn fail_resolve(&mut self) {
        if let Some(h) = &self.hop {
            self.error = Some(CurlError::resolve_host(&h.url.host));
        }
    }

    /// `https://` to the plain-HTTP server.
    #[wasm_bindgen(js_name = failTls)]
    pub fn fail_tls(&mut self) {
        self.error = Some(CurlError::tls_to_plain_http());
    }

    /// No answer in time: `curl: (28) Operation timed out after N milliseconds ...`.
    #[wasm_bindgen(js_name = failTimeout)]
    pub fn fail_timeout(&mut self, ms: f64) {
        self.error = Some(CurlError::timeout(ms as u64));
    }

    /// What the terminal shows for the whole command; a playground hint for common mistakes
    /// follows curl's own error text on stderr.
    pub fn output(&self) -> CurlOutput {
        let mut r = match &self.inv {
            Some(inv) => curl::render_exchanges(inv, &self.exchanges, self.error.as_ref()),
            None => self
                .error
                .as_ref()
                .map(CurlError::to_rendered)
                .unwrap_or_default(),
        };
        if let Some(hint) = self.error.as_ref().and_then(CurlError::hint) {
            r.stderr.push_str(hint);
            r.stderr.push('\n');
        }
        r.into()
    }
}
