//! The sandbox: a dedicated module Worker that runs the wasm runtime and the learner's code.
//!
//! The learner's JavaScript runs in the browser's own engine, so an endless loop can freeze the
//! worker but never the page. While the learner's program runs, or a run or a command is in
//! flight, the page pings the worker; when the pongs stop for [`watchdog::HANG_AFTER_MS`], the
//! worker is terminated and a fresh one started, so the learner only has to fix the loop and
//! press Run again. With nothing running, the page leaves the worker alone and spends nothing.
//!
//! What the worker says reaches the page through an [`Inbox`], one batch per animation frame.

mod inbox;
mod watchdog;

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::{Rc, Weak};

use gloo_timers::callback::Interval;
use serde::Serialize;
use wasm_bindgen::prelude::*;
use web_sys::{
    ErrorEvent, Event, MessageEvent, RequestCredentials, Worker, WorkerOptions, WorkerType,
};
use yew::Callback;

use crate::protocol::{FromWorker, Stream, ToWorker};
use crate::state::Action;
use inbox::Inbox;
use watchdog::{Hang, Job, Verdict, Watchdog};

/// The worker script, relative to the page so the site works from any sub-path.
const WORKER_PATH: &str = "runtime/worker.mjs";

/// A handle to the current worker; cheap to clone, shared through the app's context.
#[derive(Clone)]
pub struct Sandbox(Rc<RefCell<Inner>>);

impl PartialEq for Sandbox {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

struct Inner {
    inbox: Inbox,
    worker: Option<Running>,
    /// Whether the program runs, what is in flight, and since when the worker has not answered.
    watchdog: Watchdog,
    /// Pings the worker and consults the watchdog, at the pace (ms) the watchdog asks for; none
    /// while the worker has nothing to do.
    heartbeat: Option<(u32, Interval)>,
    next_exec_id: u32,
}

/// A live worker and the event handlers that must live as long as it does.
struct Running {
    worker: Worker,
    ready: bool,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(Event)>,
}

impl Drop for Running {
    fn drop(&mut self) {
        self.worker.set_onmessage(None);
        self.worker.set_onerror(None);
        self.worker.terminate();
    }
}

impl Sandbox {
    /// Starts the worker; everything it reports arrives at `dispatch`, batched per frame as
    /// [`Action::Batch`].
    pub fn spawn(dispatch: Callback<Action>) -> Sandbox {
        let sandbox = Sandbox(Rc::new(RefCell::new(Inner {
            inbox: Inbox::new(dispatch),
            worker: None,
            watchdog: Watchdog::default(),
            heartbeat: None,
            next_exec_id: 0,
        })));
        sandbox.start_worker();
        sandbox
    }

    /// Sends the learner's code to be run as `filename`, with `env` as its `process.env`.
    pub fn run(&self, code: String, filename: String, env: BTreeMap<String, String>) {
        let message = ToWorker::Run {
            code,
            filename: filename.clone(),
            env,
        };
        if self.send(&message) {
            self.watch(Job::Run { filename });
        }
    }

    /// Sends one terminal line; its answer arrives as an `output` message.
    pub fn exec(&self, line: String) {
        let id = {
            let mut inner = self.0.borrow_mut();
            inner.next_exec_id += 1;
            inner.next_exec_id
        };
        if self.send(&ToWorker::Exec {
            id,
            line: line.clone(),
        }) {
            self.watch(Job::Exec { id, line });
        }
    }

    /// Stops the learner's server, as Ctrl+C in a real terminal would.
    pub fn stop(&self) {
        if self.send(&ToWorker::Stop) {
            self.0.borrow_mut().watchdog.stopped(now());
            self.pace();
        }
    }

    /// Delivers what the worker said so far without waiting for the next frame.
    pub fn flush(&self) {
        let inbox = self.0.borrow().inbox.clone();
        inbox.flush();
    }

    fn send(&self, message: &ToWorker) -> bool {
        let inner = self.0.borrow();
        let Some(running) = &inner.worker else {
            return false;
        };
        // Maps must arrive as plain objects (`env`), not as JS `Map`s.
        let serializer = serde_wasm_bindgen::Serializer::json_compatible();
        let posted = message
            .serialize(&serializer)
            .map_err(JsValue::from)
            .and_then(|value| running.worker.post_message(&value));
        if let Err(error) = posted {
            let reason = format!("Could not send to the runtime: {}", describe(&error));
            inner.inbox.post(Action::Refused(reason));
            return false;
        }
        true
    }

    fn start_worker(&self) {
        let weak = Rc::downgrade(&self.0);
        let created = create_worker().map(|worker| {
            let on_message = Closure::<dyn FnMut(MessageEvent)>::new({
                let weak = weak.clone();
                move |event: MessageEvent| on_message(&weak, event)
            });
            let on_error =
                Closure::<dyn FnMut(Event)>::new(move |event: Event| on_error(&weak, event));
            worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
            worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
            Running {
                worker,
                ready: false,
                _on_message: on_message,
                _on_error: on_error,
            }
        });
        let mut inner = self.0.borrow_mut();
        match created {
            Ok(running) => inner.worker = Some(running),
            Err(error) => {
                let reason = format!("Could not start the runtime: {}", describe(&error));
                inner.inbox.post(Action::Broken(reason));
            }
        }
    }

    /// Notes a job the worker has yet to answer, and quickens the heartbeat for it.
    fn watch(&self, job: Job) {
        self.0.borrow_mut().watchdog.sent(job, now());
        self.pace();
    }

    /// Starts, stops or re-times the heartbeat to the pace the watchdog asks for.
    fn pace(&self) {
        let mut inner = self.0.borrow_mut();
        let every = inner.watchdog.every();
        if inner.heartbeat.as_ref().map(|(ms, _)| *ms) == every {
            return;
        }
        let weak = Rc::downgrade(&self.0);
        inner.heartbeat = every.map(|ms| {
            let interval = Interval::new(ms, move || {
                if let Some(inner) = weak.upgrade() {
                    Sandbox(inner).beat();
                }
            });
            (ms, interval)
        });
    }

    /// One heartbeat: ping a worker that has something to do, replace a hung one, then beat
    /// at the pace what is left asks for (not at all once the worker is idle).
    fn beat(&self) {
        let verdict = self.0.borrow_mut().watchdog.tick(now());
        match verdict {
            Verdict::Idle => {}
            Verdict::Ping => {
                self.send(&ToWorker::Ping);
            }
            Verdict::Hung(hang) => self.restart(&hang),
        }
        self.pace();
    }

    /// Terminates a worker that stopped answering and starts a fresh one. The editor is not
    /// touched: the learner's code stays as it was, ready to be fixed.
    fn restart(&self, hang: &Hang) {
        let inbox = {
            let mut inner = self.0.borrow_mut();
            inner.heartbeat = None;
            inner.watchdog.reset();
            inner.worker = None;
            inner.inbox.clone()
        };
        inbox.post(Action::Restarted {
            note: hang.explain(),
            status: hang.summary().into(),
        });
        self.start_worker();
    }
}

/// Milliseconds on the page's clock, for the watchdog.
fn now() -> f64 {
    js_sys::Date::now()
}

fn create_worker() -> Result<Worker, JsValue> {
    let document = web_sys::window()
        .and_then(|window| window.document())
        .ok_or_else(|| JsValue::from_str("no document"))?;
    let base = document.base_uri()?.unwrap_or_default();
    let url = web_sys::Url::new_with_base(WORKER_PATH, &base)?;
    let options = WorkerOptions::new();
    options.set_type(WorkerType::Module);
    // The worker's own modules need no cookies, and with `omit` neither does any module the
    // learner's code makes the browser import: the page's cookies stay out of its reach.
    options.set_credentials(RequestCredentials::Omit);
    Worker::new_with_options(&url.href(), &options)
}

fn on_message(weak: &Weak<RefCell<Inner>>, event: MessageEvent) {
    let Some(inner) = weak.upgrade() else { return };
    let message = match serde_wasm_bindgen::from_value::<FromWorker>(event.data()) {
        Ok(message) => message,
        Err(error) => {
            // A runtime newer than this page may say things it does not know; skip them.
            web_sys::console::warn_2(
                &"Ignoring a message from the runtime:".into(),
                &error.into(),
            );
            return;
        }
    };
    let inbox = {
        let mut inner = inner.borrow_mut();
        match &message {
            FromWorker::Ready => {
                if let Some(running) = &mut inner.worker {
                    running.ready = true;
                }
            }
            FromWorker::Started(started) => inner.watchdog.started(started.ok),
            FromWorker::Exited { .. } => inner.watchdog.exited(),
            FromWorker::Output { id, .. } => inner.watchdog.output(*id),
            // The heartbeat is the sandbox's business; the page's state never sees it.
            FromWorker::Pong => {
                inner.watchdog.pong();
                return;
            }
            FromWorker::Log { .. } | FromWorker::Logs { .. } => {}
        }
        inner.inbox.clone()
    };
    inbox.post(Action::Worker(message));
}

/// An error event on the worker: either its script failed to load (nothing will work until the
/// site is fixed) or something in it threw without being caught (shown, and the worker lives on).
fn on_error(weak: &Weak<RefCell<Inner>>, event: Event) {
    let Some(inner) = weak.upgrade() else { return };
    let inner = inner.borrow();
    let detail = event
        .dyn_ref::<ErrorEvent>()
        .map(ErrorEvent::message)
        .filter(|m| !m.is_empty());
    let loaded = inner.worker.as_ref().is_some_and(|running| running.ready);
    let action = if loaded {
        event.prevent_default();
        let text = detail.unwrap_or_else(|| "The runtime reported an error.".into());
        Action::Worker(FromWorker::Log {
            stream: Stream::Stderr,
            text: format!("Uncaught {text}"),
        })
    } else {
        Action::Broken(format!(
            "Could not load the runtime ({WORKER_PATH}){}. Reload the page to try again.",
            detail.map(|d| format!(": {d}")).unwrap_or_default()
        ))
    };
    inner.inbox.post(action);
}

fn describe(error: &JsValue) -> String {
    error
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| error.as_string())
        .unwrap_or_else(|| format!("{error:?}"))
}
