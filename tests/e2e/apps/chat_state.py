"""Gradio 3's Interface chat pattern: the history lives in State, the Chatbot shows it."""

import pyinterface as gr


def chat(message, history=[]):  # noqa: B006 - Gradio's pattern: the default is State's initial value
    reply = f"**Turn {len(history) + 1}**: you said *{message}*"
    history = history + [(message, reply)]
    return history, history


demo = gr.Interface(chat, [gr.Textbox(label="message"), "state"], [gr.Chatbot(label="conversation"), "state"],
                    title="Chat with State")

if __name__ == "__main__":
    demo.launch()
