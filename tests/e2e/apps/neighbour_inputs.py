"""A loan score over one input of every kind interpretation explains by trying nearby values:
Number, Slider, Checkbox, CheckboxGroup, Radio and Dropdown, all with "default"."""

import pyinterface as gr


def approve(income, years, insured, documents, purpose, region):
    score = income / 200 + years / 20 + (0.2 if insured else 0) + 0.1 * len(documents)
    score += {"home": 0.2, "car": 0.1, "holiday": -0.3}[purpose] + (0.1 if region == "north" else -0.1)
    score = min(max(score, 0.0), 1.0)
    return {"approve": score, "decline": 1 - score}


demo = gr.Interface(
    approve,
    [
        gr.Number(value=60, label="income"),
        gr.Slider(0, 10, value=4, step=1, label="years employed"),
        gr.Checkbox(value=False, label="insured"),
        gr.CheckboxGroup(["payslip", "contract", "id"], value=["payslip"], label="documents"),
        gr.Radio(["home", "car", "holiday"], value="car", label="purpose"),
        gr.Dropdown(["north", "south"], value="south", label="region"),
    ],
    gr.Label(label="decision"),
    interpretation="default",
    title="Loan decision",
)

if __name__ == "__main__":
    demo.launch()
