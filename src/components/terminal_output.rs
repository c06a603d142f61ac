//! The terminal's output: the server's console lines and the answers to commands, newest at the
//! bottom and followed as they come, unless the learner has scrolled up to read.
//!
//! Everything shown is text nodes, so a response body full of HTML is displayed, never rendered.

use web_sys::{Element, HtmlElement};
use yew::prelude::*;

use crate::context::{SessionContext, IN_APP};
use crate::scrollback::{Chunk, LineKind};

/// How close to the bottom (in CSS pixels, under half a line) still counts as at the bottom.
const AT_BOTTOM_PX: i32 = 8;

#[function_component]
pub fn TerminalOutput() -> Html {
    let ctx = use_context::<SessionContext>().expect(IN_APP);
    let scrollback = &ctx.session.scrollback;
    let output = use_node_ref();
    // Follow new lines if the view is at the bottom now, before this update adds to them: a
    // learner who scrolled up to read is left there, until they type a command. Read here rather
    // than from scroll events, which some engines deliver only after the next update has run.
    let newest = scrollback.newest();
    let typed = newest.is_some_and(|line| line.kind == LineKind::Command);
    let follow = typed
        || output
            .cast::<Element>()
            .is_none_or(|element| at_bottom(&element));
    {
        let output = output.clone();
        use_effect_with(newest.map(|line| line.seq), move |_| {
            if let Some(element) = output.cast::<HtmlElement>() {
                if follow {
                    element.set_scroll_top(element.scroll_height());
                }
            }
        });
    }

    let dropped = scrollback.dropped();
    let chunks = scrollback
        .chunks()
        .map(|chunk| html! { <Lines key={chunk.id} chunk={chunk.clone()} /> });

    html! {
        <div
            class="terminal-output"
            data-testid="terminal-output"
            role="log"
            aria-labelledby="terminal-title"
            tabindex="0"
            ref={output}
        >
            if scrollback.is_empty() && dropped == 0 {
                <div class="line hint">
                    { "Press Run, then type a curl command at the $ prompt below." }
                </div>
            }
            if dropped > 0 {
                <div class="line dropped" data-testid="terminal-dropped">
                    { format!("… {} earlier {} not shown", grouped(dropped), if dropped == 1 { "line" } else { "lines" }) }
                </div>
            }
            // A fragment of its own: keyed children mixed with the unkeyed ones above would be
            // diffed by position, and every chunk rebuilt on every update.
            <>{ for chunks }</>
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct LinesProps {
    chunk: Chunk,
}

/// One chunk of lines. Its props compare by pointer, so Yew skips every chunk an update did not
/// touch; with a flood pouring in, only the newest and the oldest chunk are rendered again. The
/// chunk's own element keeps the browser's work as small: the output has some twenty children
/// to lay out instead of a thousand, and a chunk let go leaves with one DOM removal.
#[function_component]
fn Lines(props: &LinesProps) -> Html {
    let lines = props.chunk.lines.iter().map(|line| {
        let (class, prompt) = match line.kind {
            LineKind::Command => ("command", true),
            LineKind::Stdout => ("stdout", false),
            LineKind::Stderr => ("stderr", false),
            LineKind::Note => ("note", false),
        };
        html! {
            <div key={line.seq} class={classes!("line", class)}>
                if prompt { <span class="prompt">{ "$ " }</span> }
                { AttrValue::from(line.text.clone()) }
            </div>
        }
    });
    html! { <div class="chunk">{ for lines }</div> }
}

fn at_bottom(element: &Element) -> bool {
    element.scroll_height() - element.scroll_top() - element.client_height() <= AT_BOTTOM_PX
}

/// `1234567` → `1,234,567`.
fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::grouped;

    #[test]
    fn counts_are_grouped_by_thousands() {
        let cases = [
            (0, "0"),
            (7, "7"),
            (999, "999"),
            (1000, "1,000"),
            (11004, "11,004"),
            (1234567, "1,234,567"),
        ];
        for (n, expected) in cases {
            assert_eq!(grouped(n), expected);
        }
    }
}
