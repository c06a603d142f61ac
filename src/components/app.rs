//! The whole page: one lesson, with the sandbox session every example on it shares.

use yew::prelude::*;

use crate::components::lesson_page::LessonPage;
use crate::context::SessionContext;
use crate::lesson;
use crate::sandbox::Sandbox;
use crate::state::Session;

#[function_component]
pub fn App() -> Html {
    let lesson = use_memo((), |_| lesson::background_workers());
    let session = use_reducer(Session::default);
    // The worker starts with the page, so the runtime loads while the learner reads.
    let sandbox = use_memo((), {
        let dispatcher = session.dispatcher();
        move |_| Sandbox::spawn(Callback::from(move |action| dispatcher.dispatch(action)))
    });
    let context = SessionContext {
        session,
        sandbox: (*sandbox).clone(),
    };

    html! {
        <ContextProvider<SessionContext> {context}>
            <LessonPage lesson={(*lesson).clone()} />
        </ContextProvider<SessionContext>>
    }
}
