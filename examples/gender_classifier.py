"""Gender of a sentence: Gradio 3's interpretation demo, unchanged but for the import.

Run it with `python examples/gender_classifier.py` (served on loopback), or export it:
`pyinterface export examples/gender_classifier.py --out site-out`.
"""

import pyinterface as gr

male_words, female_words = ["he", "his", "him"], ["she", "hers", "her"]


def gender_of_sentence(sentence):
    male_count = len([word for word in sentence.split() if word.lower() in male_words])
    female_count = len([word for word in sentence.split() if word.lower() in female_words])
    total = max(male_count + female_count, 1)
    return {"male": male_count / total, "female": female_count / total}


demo = gr.Interface(
    fn=gender_of_sentence,
    inputs=gr.Textbox(value="She went to his house to get her keys."),
    outputs="label",
    interpretation="default",
    title="Gender of a sentence",
    description="Counts gendered pronouns. Press **Interpret** to see which words drove the answer.",
)

if __name__ == "__main__":
    demo.launch()
