# Gradio 3's guide: two Hugging Face models in a Series (generate text, then translate it).
# The page calls the Hub from your browser, so this needs the network.
import pyinterface as gr

generator = gr.Interface.load("huggingface/gpt2")
translator = gr.Interface.load("huggingface/t5-small")
gr.Series(generator, translator).launch()
