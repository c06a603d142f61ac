//! The terminal: the server's console output and the answers to commands typed at the `$` prompt.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::components::terminal_output::TerminalOutput;
use crate::context::{SessionContext, IN_APP};
use crate::state::Action;

/// Commands remembered for Up/Down.
const HISTORY_LIMIT: usize = 100;

/// Commands typed so far, and which one Up/Down is showing (`None`: the line being typed).
#[derive(Default)]
struct History {
    entries: Vec<String>,
    cursor: Option<usize>,
    draft: String,
}

impl History {
    fn push(&mut self, line: &str) {
        if !line.is_empty() && self.entries.last().map(String::as_str) != Some(line) {
            self.entries.push(line.to_string());
            if self.entries.len() > HISTORY_LIMIT {
                self.entries.remove(0);
            }
        }
        self.cursor = None;
    }

    /// The entry one step older (`back`) or newer, given what the input holds now.
    fn step(&mut self, back: bool, current: &str) -> Option<String> {
        let last = self.entries.len().checked_sub(1)?;
        let next = match (self.cursor, back) {
            (None, true) => {
                self.draft = current.to_string();
                Some(last)
            }
            (None, false) => return None,
            (Some(i), true) => Some(i.saturating_sub(1)),
            (Some(i), false) if i < last => Some(i + 1),
            (Some(_), false) => None,
        };
        self.cursor = next;
        Some(next.map_or_else(|| self.draft.clone(), |i| self.entries[i].clone()))
    }
}

#[function_component]
pub fn Terminal() -> Html {
    let ctx = use_context::<SessionContext>().expect(IN_APP);
    let history = use_mut_ref(History::default);

    let onkeydown = {
        let ctx = ctx.clone();
        Callback::from(move |event: KeyboardEvent| {
            let Some(input) = event.target_dyn_into::<HtmlInputElement>() else {
                return;
            };
            // Keys that finish an input method's composition are not commands.
            if event.is_composing() {
                return;
            }
            match event.key().as_str() {
                "Enter" => {
                    event.prevent_default();
                    let line = input.value().trim().to_string();
                    input.set_value("");
                    history.borrow_mut().push(&line);
                    submit(&ctx, line);
                }
                "ArrowUp" | "ArrowDown" => {
                    event.prevent_default();
                    let back = event.key() == "ArrowUp";
                    if let Some(text) = history.borrow_mut().step(back, &input.value()) {
                        input.set_value(&text);
                        // Selection offsets count UTF-16 units, as JS strings do.
                        let end = text.encode_utf16().count() as u32;
                        let _ = input.set_selection_range(end, end);
                    }
                }
                "c" if event.ctrl_key() && !has_selection(&input) => {
                    event.prevent_default();
                    input.set_value("");
                    ctx.sandbox.stop();
                    ctx.dispatch(Action::Stop);
                }
                _ => {}
            }
        })
    };

    html! {
        <div class="terminal">
            <div class="terminal-title" id="terminal-title">{ "Terminal" }</div>
            <TerminalOutput />
            <div class="terminal-input">
                <label class="prompt" for="terminal-input">
                    <span aria-hidden="true">{ "$" }</span>
                    <span class="visually-hidden">{ "Command" }</span>
                </label>
                // `prose.rs` finds this input by its id.
                <input
                    id="terminal-input"
                    data-testid="terminal-input"
                    type="text"
                    autocomplete="off"
                    autocapitalize="off"
                    spellcheck="false"
                    enterkeyhint="send"
                    aria-describedby="terminal-keys"
                    {onkeydown}
                />
            </div>
            <p class="terminal-keys" id="terminal-keys">
                { "Enter runs a command · ↑/↓ history · clear · Ctrl+C stops the server" }
            </p>
        </div>
    }
}

/// Sends one typed line to the sandbox, or handles it here when it is the page's own business.
fn submit(ctx: &SessionContext, line: String) {
    if line == "clear" {
        ctx.dispatch(Action::Clear);
    } else if line.is_empty() {
        ctx.dispatch(Action::Command(line));
    } else if ctx.session.phase.can_exec() {
        ctx.dispatch(Action::Command(line.clone()));
        ctx.sandbox.exec(line);
    } else {
        ctx.dispatch(Action::Command(line));
        ctx.dispatch(Action::Refused(
            "The runtime is still loading; try again in a moment.".into(),
        ));
    }
}

fn has_selection(input: &HtmlInputElement) -> bool {
    let start = input.selection_start().ok().flatten();
    let end = input.selection_end().ok().flatten();
    start != end
}

#[cfg(test)]
mod tests {
    use super::History;

    #[test]
    fn history_walks_back_and_returns_to_the_draft() {
        let mut history = History::default();
        for line in ["curl a", "curl b", "curl b"] {
            history.push(line);
        }
        assert_eq!(
            history.entries,
            ["curl a", "curl b"],
            "repeats are kept once"
        );
        assert_eq!(history.step(true, "cu").as_deref(), Some("curl b"));
        assert_eq!(history.step(true, "curl b").as_deref(), Some("curl a"));
        assert_eq!(
            history.step(true, "curl a").as_deref(),
            Some("curl a"),
            "stops at the oldest"
        );
        assert_eq!(history.step(false, "curl a").as_deref(), Some("curl b"));
        assert_eq!(
            history.step(false, "curl b").as_deref(),
            Some("cu"),
            "back to what was typed"
        );
        assert_eq!(history.step(false, "cu"), None);
    }
}
