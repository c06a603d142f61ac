//! A stretch of lesson text, rendered from the lesson's Markdown. Its "Paste into terminal"
//! buttons put a command at the terminal's prompt, ready for Enter.

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlInputElement};
use yew::prelude::*;

/// The terminal's input (see `terminal.rs`); found by id, as the prose is plain HTML.
const TERMINAL_INPUT_ID: &str = "terminal-input";

#[derive(Properties, PartialEq)]
pub struct ProseProps {
    /// HTML rendered from a lesson file in this repository, never from a learner.
    pub html: AttrValue,
}

#[function_component]
pub fn Prose(props: &ProseProps) -> Html {
    html! {
        <div class="prose" onclick={Callback::from(paste_command)}>
            { Html::from_html_unchecked(props.html.clone()) }
        </div>
    }
}

fn paste_command(event: MouseEvent) {
    let Some(target) = event.target_dyn_into::<Element>() else {
        return;
    };
    let Ok(Some(button)) = target.closest("button[data-command]") else {
        return;
    };
    let Some(command) = button.get_attribute("data-command") else {
        return;
    };
    let input = web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.get_element_by_id(TERMINAL_INPUT_ID))
        .and_then(|element| element.dyn_into::<HtmlInputElement>().ok());
    if let Some(input) = input {
        input.set_value(&command);
        let _ = input.focus();
    }
}
