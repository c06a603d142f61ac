//! A lesson: its title and summary, a table of contents, then prose and runnable examples.

use yew::prelude::*;

use crate::components::playground::Playground;
use crate::components::prose::Prose;
use crate::lesson::{Block, Lesson};

/// Where style.css puts the table of contents beside the lesson.
const WIDE_LAYOUT: &str = "(min-width: 75rem)";

#[derive(Properties, PartialEq)]
pub struct LessonPageProps {
    pub lesson: Lesson,
}

#[function_component]
pub fn LessonPage(props: &LessonPageProps) -> Html {
    let lesson = &props.lesson;
    use_effect_with(lesson.title.clone(), |title| {
        if let Some(document) = web_sys::window().and_then(|w| w.document()) {
            document.set_title(&format!("{title} · Express Playground"));
        }
    });

    let wide = use_state(|| {
        web_sys::window()
            .and_then(|window| window.match_media(WIDE_LAYOUT).ok().flatten())
            .is_some_and(|query| query.matches())
    });
    let contents = lesson.sections.iter().map(|section| {
        html! { <li><a href={format!("#{}", section.id)}>{ &section.title }</a></li> }
    });
    let blocks = lesson.blocks.iter().map(|block| match block {
        Block::Prose(html) => html! { <Prose html={AttrValue::from(html.clone())} /> },
        Block::Playground(example) => html! {
            <Playground lesson={AttrValue::from(lesson.slug.clone())} example={example.clone()} />
        },
    });

    html! {
        <>
            <a class="skip-link" href="#playground">{ "Skip to the code editor" }</a>
            <div class="page">
                <header class="lesson-header">
                    <p class="eyebrow">{ "Express 5 · Lesson" }</p>
                    <h1>{ &lesson.title }</h1>
                    <p class="summary">{ &lesson.summary }</p>
                </header>
                <nav class="contents" aria-label="On this page">
                    // Open beside the lesson on wide screens; one tap away on phones.
                    <details open={*wide}>
                        <summary>{ "On this page" }</summary>
                        <ol>{ for contents }</ol>
                    </details>
                </nav>
                <main class="lesson">{ for blocks }</main>
            </div>
        </>
    }
}
