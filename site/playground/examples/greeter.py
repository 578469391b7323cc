import pyinterface as gr          # was: import gradio as gr


def greet(name: str, excitement: float) -> str:
    return f"Hello {name}" + "!" * int(excitement)


demo = gr.Interface(greet, ["text", gr.Slider(0, 5, step=1)], "text",
                    examples=[["Ada", 3]], title="Greeter")
print(demo("Ada", 2))             # call it like a function: 'Hello Ada!!'
demo.launch()                     # show it; the page runs greet() in your browser
