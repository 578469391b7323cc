# Parallel and Series (Gradio 3's mix): local functions, so it runs offline.
import pyinterface as gr

# Series chains Interfaces: each one's output is the next one's input.
world = gr.Interface(lambda text: text + " World", "text", "text")
bang = gr.Interface(lambda text: text + "!", "text", "text")
print(gr.Series(world, bang)("Hello"))  # Hello World!

# Parallel gives the same input to each Interface and shows every output side by side.
shout = gr.Interface(lambda text: text.upper(), "text", "text")
demo = gr.Parallel(gr.Series(world, bang), shout, title="Parallel and Series")
print(demo("Hello"))
demo.launch()
