"""gr.themes against Gradio 3.50.2 (the oracle): constructor signatures, every variable a theme
holds, the values the page gets for light and dark mode, and what theme= names resolve to."""

import base64
import hashlib
import inspect
import json
import re
import warnings

import pytest

import pyinterface as gr
from pyinterface.themes._choose import BUILT_IN_THEMES, choose_theme
from pyinterface.themes._page import PAGE_PROPERTIES, page_theme, theme_css, theme_properties
from pyinterface.tooling._csp import policy_of
from pyinterface.tooling._pages import app_page

THEMES = ["Base", "Default", "Soft", "Glass", "Monochrome"]
#: Arguments that move every table: hues by name and by object, sizes by shortcut and object, fonts.
VARIANTS = [
    {},
    {"primary_hue": "green", "neutral_hue": "slate"},
    {"primary_hue": "rose", "secondary_hue": "amber", "text_size": "lg", "spacing_size": "sm", "radius_size": "none"},
    {"text_size": "sm", "spacing_size": "lg", "radius_size": "lg"},
]


@pytest.fixture(scope="module")
def gradio_themes():
    from gradio import themes

    return themes


def _portable(value):
    """A constructor default as comparable data: palettes and scales by name, fonts by kind and name."""
    if isinstance(value, tuple):
        return [_portable(item) for item in value]
    if hasattr(value, "weights"):
        return ("google", value.name)
    if hasattr(value, "c500") or hasattr(value, "xxl"):
        return value.name
    if hasattr(value, "stylesheet"):
        return ("font", value.name)
    return value


def _gradio_variables(theme):
    return {key: value for key, value in theme.__dict__.items() if not key.startswith("_") and key != "name"}


def _variant(gradio_themes, variant, ours: bool):
    """The variant's arguments, with hue and size names turned into the library's objects for one case."""
    if variant.get("primary_hue") != "green":
        return variant
    colors = gr.themes.colors if ours else gradio_themes.colors
    return {**variant, "neutral_hue": colors.slate}


def _resolved_gradio_css(theme, dark: bool) -> dict[str, str]:
    """Gradio's theme CSS (`:root {…}` then `.dark {…}`) with every var() resolved, as a browser would."""
    light_block, dark_block = theme._get_theme_css().split("\n.dark {")
    block = dark_block if dark else light_block
    declared = dict(re.findall(r"^\s*--([\w-]+): (.*);$", block, flags=re.MULTILINE))

    def resolve(value: str) -> str:
        return re.sub(r"var\(--([\w-]+)\)", lambda m: resolve(declared[m.group(1)]), value)

    return {name: resolve(value) for name, value in declared.items()}


@pytest.mark.parametrize("name", THEMES)
def test_constructor_signatures_and_defaults_match_gradio(gradio_themes, name):
    ours = inspect.signature(getattr(gr.themes, name).__init__).parameters
    theirs = inspect.signature(getattr(gradio_themes, name).__init__).parameters
    assert list(ours) == list(theirs)
    for key, parameter in theirs.items():
        assert ours[key].kind == parameter.kind, key
        assert _portable(ours[key].default) == _portable(parameter.default), key


def test_set_takes_gradios_variables(gradio_themes):
    theirs = set(inspect.signature(gradio_themes.Base.set).parameters) - {"self"}
    assert len(theirs) == 234
    theme = gr.themes.Base()
    assert set(gr.themes.Base().variables()) >= theirs
    assert theme.set(**{key: "1px" for key in theirs}) is theme
    with pytest.raises(TypeError, match=r"unexpected keyword argument\(s\): button_colour\. It takes Gradio"):
        theme.set(button_colour="red")


def test_palettes_and_scales_are_gradios(gradio_themes):
    ours = {c.name: c.expand() for c in gr.themes.Color.all if c.name}
    theirs = {c.name: c.expand() for c in gradio_themes.Color.all if c.name}
    assert ours == theirs and len(ours) == 22
    assert {s.name: s.expand() for s in gr.themes.Size.all} == {s.name: s.expand() for s in gradio_themes.Size.all}
    assert gr.themes.colors.green.c500 == "#22c55e" and gr.themes.sizes.radius_none.md == "0px"


@pytest.mark.parametrize("name", THEMES)
@pytest.mark.parametrize("variant", range(len(VARIANTS)))
def test_every_variable_matches_gradio(gradio_themes, name, variant):
    ours = getattr(gr.themes, name)(**_variant(gradio_themes, VARIANTS[variant], ours=True))
    theirs = getattr(gradio_themes, name)(**_variant(gradio_themes, VARIANTS[variant], ours=False))
    assert ours.name == theirs.name
    assert ours.variables() == _gradio_variables(theirs)


def test_set_keeps_gradios_behaviour_including_its_reset_of_background_fills(gradio_themes):
    changes = {"body_text_color": "*primary_700", "button_primary_background_fill_dark": "*secondary_400"}
    ours = gr.themes.Soft(primary_hue="green").set(**changes)
    theirs = gradio_themes.Soft(primary_hue="green").set(**changes)
    assert ours.variables() == _gradio_variables(theirs)
    # Gradio 3.50.2 looks background_fill_primary up under another name, so set() resets Soft's *neutral_50.
    assert ours.background_fill_primary == "white"


@pytest.mark.parametrize("name", THEMES)
@pytest.mark.parametrize("variant", [0, 1, 2])
def test_page_properties_are_gradios_resolved_values(gradio_themes, name, variant):
    ours = theme_properties(getattr(gr.themes, name)(**_variant(gradio_themes, VARIANTS[variant], ours=True)))
    theirs = getattr(gradio_themes, name)(**_variant(gradio_themes, VARIANTS[variant], ours=False))
    for mode in ("light", "dark"):
        resolved = _resolved_gradio_css(theirs, dark=mode == "dark")
        for prop, value in PAGE_PROPERTIES.items():
            assert ours[mode][prop] == resolved[value[1:].replace("_", "-")], (mode, prop)


def test_soft_green_primary_button_in_light_and_dark(gradio_themes):
    ours = theme_properties(gr.themes.Soft(primary_hue="green"))
    theirs = gradio_themes.Soft(primary_hue="green")
    assert ours["light"]["--pyi-primary-background"] == "#22c55e"  # *primary_500
    assert ours["dark"]["--pyi-primary-background"] == "#15803d"  # Base's button_primary_background_fill_dark: *primary_700
    assert _resolved_gradio_css(theirs, dark=False)["button-primary-background-fill"] == "#22c55e"
    assert _resolved_gradio_css(theirs, dark=True)["button-primary-background-fill"] == "#15803d"
    default = theme_properties(gr.themes.Default())
    assert default["light"]["--pyi-primary-background"] == "linear-gradient(to bottom right, #ffedd5, #fdba74)"
    assert default["dark"]["--pyi-primary-background"] == "linear-gradient(to bottom right, #f97316, #ea580c)"


def test_a_theme_dumped_by_gradio_loads_here(gradio_themes, tmp_path):
    path = tmp_path / "theme_schema@0.0.1.json"
    gradio_themes.Monochrome(primary_hue="pink", font="Georgia").dump(str(path))
    loaded = gr.themes.Base.load(path)
    theirs = gradio_themes.Monochrome(primary_hue="pink", font="Georgia")
    assert loaded.name == "monochrome" and loaded.variables() == _gradio_variables(theirs)
    ours = tmp_path / "ours.json"
    gr.themes.Soft().dump(ours)
    assert gradio_themes.Base.load(str(ours)).to_dict() == gradio_themes.Soft().to_dict()


def test_fonts_are_local_names_with_fallbacks_never_a_stylesheet():
    theme = gr.themes.Soft(font=[gr.themes.GoogleFont("Inter"), "Arial", "sans-serif"], font_mono="Courier New")
    assert theme_properties(theme)["light"]["--pyi-font"] == "'Inter', 'Arial', sans-serif"
    assert theme_properties(theme)["light"]["--pyi-font-mono"] == "'Courier New'"  # one name (Gradio splits a str)
    assert "googleapis" not in json.dumps(theme_properties(theme))


def test_shortcuts_resolve_by_name_and_unknown_ones_name_the_choices():
    assert gr.themes.Base(primary_hue="green").primary_500 == gr.themes.colors.green.c500
    assert gr.themes.Base(text_size="lg").text_md == "16px"
    with pytest.raises(ValueError, match=r"Color shortcut 'grean' for primary_hue not found: use one of amber, blue"):
        gr.themes.Base(primary_hue="grean")
    with pytest.raises(ValueError, match=r"Size shortcut 'huge' for radius_size not found: use one of none, sm, md, lg"):
        gr.themes.Base(radius_size="huge")
    mine = gr.themes.Color(*["#010203"] * 11, name="pyinterface-test-ink")
    assert gr.themes.Soft(primary_hue="pyinterface-test-ink").primary_950 == "#010203" and mine.name


def test_theme_names_resolve_as_gradio_blocks_does():
    from gradio.blocks import BUILT_IN_THEMES as GRADIO_BUILT_INS

    assert set(BUILT_IN_THEMES) == set(GRADIO_BUILT_INS)
    for name, cls in BUILT_IN_THEMES.items():
        assert type(choose_theme(name)) is cls and type(choose_theme(name.upper())) is cls
    assert choose_theme(None).name == "default"
    theme = gr.themes.Glass()
    assert choose_theme(theme) is theme


@pytest.mark.parametrize("name", ["gradio/seafoam", "huggingface", "dark-peach"])
def test_hub_and_old_theme_names_warn_and_fall_back_to_default(name):
    with pytest.warns(UserWarning, match=rf"Cannot load theme '{name}'.*do not fetch Hub themes\. Using the default"):
        assert choose_theme(name).name == "default"
    with pytest.warns(UserWarning, match="Theme should be a class loaded from gradio.themes"):
        assert choose_theme(42).name == "default"
    with pytest.raises(ValueError, match="pyinterface apps do not fetch themes"):
        gr.themes.Base.from_hub(name)


def test_bad_references_name_the_variable():
    with pytest.raises(ValueError, match=r"'button_primary_background_fill' refers to '\*nope', which is not"):
        theme_properties(gr.themes.Base().set(button_primary_background_fill="*nope"))
    with pytest.raises(ValueError, match=r"refer to '\*primary_500', which already takes its dark value"):
        theme_properties(gr.themes.Base().set(color_accent="*primary_500_dark"))


def test_config_carries_the_resolved_theme_and_none_keeps_the_built_in_look():
    io = gr.Interface(str.upper, "text", "text", theme=gr.themes.Soft(primary_hue="green"))
    theme = json.loads(json.dumps(_config(io)["theme"]))
    assert theme == page_theme(gr.themes.Soft(primary_hue="green")) and theme["name"] == "soft"
    assert theme["css"].count("--pyi-primary-background: #22c55e;") == 1  # light
    assert all(theme["css"].count(f"{prop}: ") == 3 for prop in PAGE_PROPERTIES)  # light, dark twice
    plain = gr.Interface(str.upper, "text", "text")
    assert plain.theme.name == "default" and _config(plain)["theme"] is None
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert _config(gr.Interface(str.upper, "text", "text", theme="Monochrome"))["theme"]["name"] == "monochrome"


def _config(io):
    return io.config()


def test_prerendered_page_carries_the_theme_inline_and_its_policy_hashes_it():
    io = gr.Interface(str.upper, "text", "text", theme="soft")
    config = _config(io)
    page = app_page("t", stylesheet=True, manifest={"config": config, "packages": []})
    css = config["theme"]["css"]
    assert f"<style data-pyinterface-theme>{css}</style>" in page
    digest = base64.b64encode(hashlib.sha256(css.encode()).digest()).decode()
    assert f"'sha256-{digest}'" in policy_of(page)
    assert css.count("--pyi-primary-background: #6366f1;") == 1  # light
    assert css.count("--pyi-primary-background: #4338ca;") == 2  # dark, when the system says so and when forced


def test_a_font_name_cannot_close_the_inline_style():
    css = theme_css(theme_properties(gr.themes.Base(font=["x</style><script>"])))
    assert "</style" not in css and "'x\\3c /style>\\3c script>'" in css
