"""The build-time room: export, serve, the command line, runtime and front-end vendoring.

pyinterface has three rooms. The library (``Interface``, components, interpretation, hub,
mix) runs wherever an app runs; the worker side (``_worker``, ``_worker_hub``, ``_protocol``)
runs in the page's Web Worker; this package runs only on the developer's machine and in CI.
It is never imported in the page, and the wheel the page installs leaves it out
(:func:`pyinterface.tooling._wheel.build_pyinterface_wheel`). The library reaches it at one
place only, ``Interface.launch()`` under CPython, at call time.
"""
