//! The Environment button in the toolbar and the panel it opens, where the learner writes the
//! variables their code sees as `process.env`, one `NAME=value` a line.

use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use crate::env;

#[derive(Properties, PartialEq)]
pub struct EnvEditorProps {
    /// The variables as the learner wrote them.
    pub text: AttrValue,
    /// The whole text, after every edit.
    pub on_change: Callback<String>,
}

#[function_component]
pub fn EnvEditor(props: &EnvEditorProps) -> Html {
    let open = use_state(|| false);
    let toggle_ref = use_node_ref();
    let env = env::parse(&props.text);
    let count = env.vars.len();

    let toggle = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(!*open))
    };
    let oninput = props.on_change.reform(|event: InputEvent| {
        event
            .target_dyn_into::<HtmlTextAreaElement>()
            .map(|area| area.value())
            .unwrap_or_default()
    });
    // Escape closes the panel and gives focus back to the button that opened it.
    let onkeydown = {
        let (open, toggle_ref) = (open.clone(), toggle_ref.clone());
        Callback::from(move |event: KeyboardEvent| {
            if event.key() == "Escape" {
                open.set(false);
                if let Some(button) = toggle_ref.cast::<web_sys::HtmlElement>() {
                    let _ = button.focus();
                }
            }
        })
    };

    html! {
        <>
            <button
                type="button"
                class="env-toggle"
                data-testid="env-toggle"
                aria-expanded={(*open).to_string()}
                aria-controls="env-panel"
                ref={toggle_ref}
                onclick={toggle}
            >
                { "Environment" }
                if count > 0 {
                    <span class="env-count">
                        { count }
                        <span class="visually-hidden">{ if count == 1 { " variable" } else { " variables" } }</span>
                    </span>
                }
            </button>
            <div class="env-panel" id="env-panel" hidden={!*open} {onkeydown}>
                <label for="env-vars">{ "Environment variables (" }<code>{ "process.env" }</code>{ ")" }</label>
                <textarea
                    id="env-vars"
                    data-testid="env"
                    rows="3"
                    spellcheck="false"
                    autocapitalize="off"
                    autocomplete="off"
                    placeholder="NODE_ENV=production"
                    aria-describedby="env-help env-problems"
                    value={props.text.clone()}
                    {oninput}
                />
                <p class="env-help" id="env-help">
                    { "One NAME=value a line, used from the next Run. Without NODE_ENV, Express runs in development mode and its error pages show the stack; NODE_ENV=production hides it." }
                </p>
                <p class="env-problems" id="env-problems" data-testid="env-problems" role="status">
                    { for env.problems.iter().map(|problem| html! { <span>{ problem }</span> }) }
                </p>
            </div>
        </>
    }
}
