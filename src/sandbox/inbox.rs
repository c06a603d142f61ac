//! What the sandbox tells the page waits here for the next animation frame, then arrives as one
//! [`Action::Batch`]: a flood of console output costs one state update and one render per frame
//! (at most 20 a second), however many messages the worker posted meanwhile.

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use wasm_bindgen::prelude::*;
use yew::Callback;

use crate::protocol::FromWorker;
use crate::scrollback::KEEP;
use crate::state::Action;

/// The least time between two deliveries while messages keep coming: at most 20 updates a
/// second. Chromium and Firefox render an update in about 2 ms, but WebKit without a GPU, or a
/// slow phone, spends a frame or more painting one; the frames between stay free for typing.
const MIN_GAP_MS: f64 = 50.0;

/// Holds actions until the next frame; cheap to clone.
#[derive(Clone)]
pub struct Inbox(Rc<RefCell<Inner>>);

struct Inner {
    pending: Pending,
    dispatch: Callback<Action>,
    /// The animation frame requested for the pending actions, if any.
    frame: Option<i32>,
    on_frame: Closure<dyn FnMut()>,
    /// When pending actions were last delivered (`Date.now()`).
    delivered_at: f64,
}

impl Inbox {
    pub fn new(dispatch: Callback<Action>) -> Inbox {
        Inbox(Rc::new_cyclic(|weak: &Weak<RefCell<Inner>>| {
            let weak = weak.clone();
            RefCell::new(Inner {
                pending: Pending::default(),
                dispatch,
                frame: None,
                on_frame: Closure::new(move || {
                    if let Some(inner) = weak.upgrade() {
                        Inbox(inner).on_frame();
                    }
                }),
                delivered_at: f64::NEG_INFINITY,
            })
        }))
    }

    /// Queues `action` for the next frame.
    pub fn post(&self, action: Action) {
        let full = self.0.borrow_mut().pending.push(action);
        if full || !self.request_frame() {
            self.flush();
        }
    }

    fn on_frame(&self) {
        let early = {
            let mut inner = self.0.borrow_mut();
            inner.frame = None;
            js_sys::Date::now() - inner.delivered_at < MIN_GAP_MS
        };
        if !early || !self.request_frame() {
            self.flush();
        }
    }

    /// Asks for an animation frame unless one is coming; false when none can be had.
    fn request_frame(&self) -> bool {
        let mut inner = self.0.borrow_mut();
        if inner.frame.is_none() {
            let callback = inner.on_frame.as_ref().unchecked_ref();
            let frame =
                web_sys::window().and_then(|window| window.request_animation_frame(callback).ok());
            inner.frame = frame;
        }
        inner.frame.is_some()
    }

    /// Delivers everything pending now, e.g. before an action of the page's own, so the
    /// terminal keeps the order things happened in.
    pub fn flush(&self) {
        let (actions, dispatch) = {
            let mut inner = self.0.borrow_mut();
            if let Some(frame) = inner.frame.take() {
                if let Some(window) = web_sys::window() {
                    let _ = window.cancel_animation_frame(frame);
                }
            }
            inner.delivered_at = js_sys::Date::now();
            (inner.pending.take(), inner.dispatch.clone())
        };
        if !actions.is_empty() {
            dispatch.emit(Action::Batch(actions));
        }
    }
}

impl Drop for Inner {
    fn drop(&mut self) {
        if let (Some(frame), Some(window)) = (self.frame, web_sys::window()) {
            let _ = window.cancel_animation_frame(frame);
        }
    }
}

/// The actions waiting, and how many log lines they hold.
#[derive(Default)]
struct Pending {
    actions: Vec<Action>,
    lines: usize,
}

impl Pending {
    /// Adds an action; true when enough lines wait to fill the terminal, which then should
    /// not wait for a frame: a hidden tab gets none, and would pile the lines up meanwhile.
    fn push(&mut self, action: Action) -> bool {
        self.lines += match &action {
            Action::Worker(FromWorker::Logs { lines, .. }) => lines.len(),
            _ => 1,
        };
        self.actions.push(action);
        self.lines >= KEEP
    }

    fn take(&mut self) -> Vec<Action> {
        self.lines = 0;
        std::mem::take(&mut self.actions)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocol::{LogLine, Stream};

    #[test]
    fn waits_for_a_frame_until_a_terminal_full_of_lines_is_pending() {
        let logs = |count: usize| {
            Action::Worker(FromWorker::Logs {
                lines: vec![
                    LogLine {
                        stream: Stream::Stdout,
                        text: "tick".into(),
                    };
                    count
                ],
                dropped: 0,
            })
        };
        let mut pending = Pending::default();
        assert!(!pending.push(Action::Command("curl localhost:3000/flood".into())));
        assert!(!pending.push(logs(KEEP - 2)));
        assert!(pending.push(logs(1)));
        assert_eq!(pending.take().len(), 3);
        assert!(!pending.push(logs(1)), "the count starts again");
    }
}
