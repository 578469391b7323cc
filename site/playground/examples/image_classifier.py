"""Gradio 3's image classifier interpretation snippet, unchanged but for the import and the two
lines that fetched TensorFlow's MobileNetV2 and the label list (a local numpy model instead)."""

import local_mobilenet

import pyinterface as gr

inception_net = local_mobilenet.MobileNetV2()  # load the model

# Human-readable labels (the snippet downloads ImageNet's).
labels = local_mobilenet.LABELS


def classify_image(inp):
    inp = inp.reshape((-1, 224, 224, 3))
    inp = local_mobilenet.preprocess_input(inp)
    prediction = inception_net.predict(inp).flatten()
    return {labels[i]: float(prediction[i]) for i in range(1000)}


image = gr.Image(shape=(224, 224))
label = gr.Label(num_top_classes=3)

demo = gr.Interface(
    fn=classify_image, inputs=image, outputs=label, interpretation="default"
)

demo.launch()
