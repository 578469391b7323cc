# Gradio 3's guide: a Hugging Face model as an Interface. The page calls the Hub's inference
# API from your browser, so this needs the network (and, for most models, a token: the app
# asks for one).
import pyinterface as gr

demo = gr.load("huggingface/gpt2")
demo.launch()
