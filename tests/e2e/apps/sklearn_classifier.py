"""An app built on a Pyodide package outside numpy, pillow and pandas: scikit-learn (with scipy).

It trains a logistic regression on a tiny array when it starts, in the page as under CPython,
and classifies a point: "high" when x + y is large, "low" otherwise.
"""

import numpy as np
from sklearn.linear_model import LogisticRegression

import pyinterface as gr

POINTS = np.array([[0.0, 0.0], [0.2, 0.3], [0.4, 0.1], [0.9, 0.8], [0.7, 0.9], [1.0, 0.6]])
LABELS = np.array([0, 0, 0, 1, 1, 1])
model = LogisticRegression().fit(POINTS, LABELS)


def classify(x, y):
    return "high" if model.predict([[x, y]])[0] == 1 else "low"


demo = gr.Interface(
    classify, [gr.Number(label="x"), gr.Number(label="y")], gr.Textbox(label="class"), title="Logistic regression"
)

if __name__ == "__main__":
    demo.launch()
