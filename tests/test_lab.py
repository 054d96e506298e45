"""`make lab`: running the notebooks in JupyterLab leaves the git tree as it was.

The project's Jupyter configuration (jupyter/jupyter_server_config.py, read through the
JUPYTER_CONFIG_PATH that `make lab` sets) strips outputs, execution counts and run metadata from
every notebook saved under notebooks/, turns Lab's news prompt off and names the newsbrief kernel.

The first tests call the configured contents manager directly. The browser test copies the project
(its files as they are now, committed in a fresh git repository of their own, so a checkout with
work in progress does not matter), starts `make lab` there headless on a free port, opens each
notebook in headless Chromium (driven through the DevTools protocol, with websocket-client), runs
all its cells, waits past Lab's autosave (set to 2 s for the test), reloads Lab so that it reopens
the four tabs, waits again, and then asks git: nothing changed, nothing new. Skipped without
Chromium.
"""

import json
import shutil
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest
from traitlets.config.loader import PyFileConfigLoader

from conftest import ROOT, STEPS, make_env
from devtools import DevTools, start_chromium, stop
from newsbrief import browser

CONFIG = ROOT / "jupyter" / "jupyter_server_config.py"
AUTOSAVE = 2  # seconds: Lab's autosave interval in the browser test (its default is 120)
TOKEN = "newsbrief-test-token"


def lab_config(path: Path = CONFIG):
    """The project's Jupyter configuration, read as Jupyter reads it."""
    return PyFileConfigLoader(path.name, path=str(path.parent)).load_config()


def contents_manager(project: Path = ROOT, config=None):
    """The contents manager `make lab` uses, serving ``project`` (configured from ``config``)."""
    config = config or lab_config()
    return config.ServerApp.contents_manager_class(root_dir=str(project), config=config)


def executed(nb: dict) -> dict:
    """``nb`` as Lab saves it after a run: outputs, counts, run metadata, a kernel's language_info."""
    nb = json.loads(json.dumps(nb))
    for number, cell in enumerate(nb["cells"], 1):
        cell["metadata"]["jupyter"] = {"outputs_hidden": False}
        if cell["cell_type"] == "code":
            cell["outputs"] = [{"output_type": "stream", "name": "stdout", "text": "ran\n"}]
            cell["execution_count"] = number
            cell["metadata"]["execution"] = {"iopub.status.busy": "2026-01-01T00:00:00.000000Z"}
            cell["metadata"]["scrolled"] = True
    nb["metadata"]["language_info"] = {"codemirror_mode": {"name": "ipython", "version": 3},
                                       "file_extension": ".py", "mimetype": "text/x-python",
                                       "name": "python", "version": "3.11.7"}
    return nb


@pytest.mark.parametrize("step", STEPS)
def test_save_hook_gives_back_the_committed_notebook(step):
    committed = json.loads((ROOT / "notebooks" / f"{step}.ipynb").read_text(encoding="utf-8"))
    model = {"type": "notebook", "format": "json", "content": executed(committed)}
    contents_manager().run_pre_save_hooks(model=model, path=f"notebooks/{step}.ipynb")
    assert model["content"] == committed


def test_save_hook_leaves_notebooks_elsewhere_alone():
    record = json.loads((ROOT / "outputs" / "notebooks" / f"{STEPS[0]}.ipynb").read_text(encoding="utf-8"))
    model = {"type": "notebook", "format": "json", "content": json.loads(json.dumps(record))}
    contents_manager().run_pre_save_hooks(model=model, path=f"outputs/notebooks/{STEPS[0]}.ipynb")
    assert model["content"] == record


def test_a_notebook_is_written_only_when_it_changes(tmp_path, monkeypatch):
    """A save that strips down to the bytes on disk writes nothing (the file keeps its time, so make
    reruns no step); a real change replaces the file in one step, in the form Jupyter writes."""
    import asyncio

    import nbformat

    monkeypatch.setenv("JUPYTER_DATA_DIR", str(tmp_path / "data"))  # notebook signatures go there
    # The configuration of a project at tmp_path: its notebooks/ folder is tmp_path/notebooks.
    (tmp_path / "jupyter").mkdir()
    shutil.copy2(CONFIG, tmp_path / "jupyter" / CONFIG.name)
    manager = contents_manager(tmp_path, lab_config(tmp_path / "jupyter" / CONFIG.name))
    source = ROOT / "notebooks" / f"{STEPS[0]}.ipynb"
    target = tmp_path / "notebooks" / source.name
    target.parent.mkdir()
    shutil.copy2(source, target)
    before = target.stat().st_mtime_ns
    committed = json.loads(source.read_text(encoding="utf-8"))
    asyncio.run(manager.save({"type": "notebook", "format": "json", "content": executed(committed)},
                             f"notebooks/{source.name}"))
    assert target.read_bytes() == source.read_bytes() and target.stat().st_mtime_ns == before
    edited = json.loads(json.dumps(committed))
    edited["cells"][0]["source"] = ["# A new title\n"]
    asyncio.run(manager.save({"type": "notebook", "format": "json", "content": executed(edited)},
                             f"notebooks/{source.name}"))
    assert json.loads(target.read_text(encoding="utf-8")) == edited
    assert target.read_text(encoding="utf-8") == nbformat.writes(nbformat.from_dict(edited)) + "\n"
    assert sorted(p.name for p in target.parent.iterdir()) == [".ipynb_checkpoints", source.name]  # no temporary left


def test_config_names_the_kernel_and_turns_the_news_off():
    config = lab_config()
    assert config.MultiKernelManager.default_kernel_name == "newsbrief"
    assert config.LabApp.news_url is None
    overrides = json.loads((Path(config.LabApp.app_settings_dir) / "overrides.json").read_text())
    assert overrides["@jupyterlab/apputils-extension:notification"]["fetchNews"] == "false"


@pytest.mark.parametrize("step", STEPS)
def test_committed_notebook_is_in_the_form_jupyter_saves(step):
    """A save of an unchanged notebook rewrites the same bytes (nbformat: sorted keys, indent 1)."""
    import nbformat

    raw = (ROOT / "notebooks" / f"{step}.ipynb").read_text(encoding="utf-8")
    assert nbformat.writes(nbformat.reads(raw, as_version=nbformat.NO_CONVERT)) + "\n" == raw


# --- the browser test ----------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def git(tree: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(tree), *args], check=True, capture_output=True, text=True).stdout


def project_repo(dest: Path) -> Path:
    """The project's files as they are now (tracked, and new ones not ignored), committed in a fresh
    repository at ``dest``; the environment linked, as conftest.project_copy does."""
    names = git(ROOT, "ls-files", "-z", "--cached", "--others", "--exclude-standard").split("\0")
    for name in filter(None, names):
        source = ROOT / name
        if source.is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, dest / name)
    (dest / ".venv").symlink_to(ROOT / ".venv")
    git(dest, "init", "-q")
    git(dest, "add", "-A")
    git(dest, "-c", "user.name=test", "-c", "user.email=test@example.invalid", "commit", "-q", "-m", "base")
    assert git(dest, "status", "--porcelain") == ""
    return dest


def start_lab(tree: Path, home: Path, port: int) -> subprocess.Popen:
    """`make lab` in ``tree``, headless, with the Jupyter folders of a new user under ``home``."""
    config_dir = home / "config"
    settings = config_dir / "lab" / "user-settings" / "@jupyterlab" / "docmanager-extension"
    settings.mkdir(parents=True)
    (settings / "plugin.jupyterlab-settings").write_text(json.dumps({"autosaveInterval": AUTOSAVE}))
    env = make_env(JUPYTER_CONFIG_DIR=str(config_dir), JUPYTER_DATA_DIR=str(home / "data"),
                   JUPYTER_RUNTIME_DIR=str(home / "runtime"), IPYTHONDIR=str(home / "ipython"))
    for name in ("JUPYTER_CONFIG_PATH", "JUPYTERLAB_SETTINGS_DIR", "JUPYTERLAB_WORKSPACES_DIR"):
        env.pop(name, None)
    args = (f"--no-browser --port={port} --port-retries=0 --ServerApp.ip=127.0.0.1 "
            f"--IdentityProvider.token={TOKEN} --LabApp.expose_app_in_browser=True")
    with open(home / "lab.log", "w") as log:
        proc = subprocess.Popen(["make", "--no-print-directory", "lab", f"LAB_ARGS={args}"], cwd=tree, env=env,
                                stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"make lab exited with {proc.returncode}:\n{(home / 'lab.log').read_text()}")
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/api/status?token={TOKEN}", timeout=5)
            return proc
        except OSError:
            time.sleep(0.5)
    stop(proc)
    raise AssertionError(f"make lab did not answer within 90 s:\n{(home / 'lab.log').read_text()}")


APP_READY = "Boolean(window.jupyterapp) && window.jupyterapp.restored.then(() => true)"

# Open a notebook, wait for its kernel, and start "Run All Cells" on it (not awaited here).
OPEN_AND_RUN = """(async () => {
  const app = window.jupyterapp;
  const widget = await app.commands.execute('docmanager:open', {path: %(path)s});
  await widget.context.ready;
  await widget.sessionContext.ready;
  app.shell.activateById(widget.id);
  window.__newsbrief = window.__newsbrief || {};
  window.__newsbrief[%(path)s] = widget;
  window.__newsbrief[%(path)s + ' ran'] = app.commands.execute('notebook:run-all-cells');
  return widget.sessionContext.session.kernel.name;
})()"""

# The state of an open notebook: its kernel, its unsaved changes and the execution of its cells.
STATE = """(() => {
  const widget = window.__newsbrief[%(path)s];
  const cells = [...widget.content.model.cells].filter(c => c.type === 'code');
  return {
    kernel: widget.sessionContext.session && widget.sessionContext.session.kernel.name,
    status: widget.sessionContext.session && widget.sessionContext.session.kernel.status,
    dirty: widget.context.model.dirty,
    unrun: cells.filter(c => c.executionCount === null).length,
    errors: cells.flatMap(c => c.outputs.toJSON()).filter(o => o.output_type === 'error')
                 .map(o => o.ename + ': ' + o.evalue),
  };
})()"""

OPEN_PATHS = """[...window.jupyterapp.shell.widgets('main')]
  .filter(w => w.context && w.context.path.endsWith('.ipynb')).map(w => w.context.path).sort()"""

# What a person would have to answer before working: a dialog, or the news question.
PROMPTS = """({dialogs: document.querySelectorAll('.jp-Dialog').length,
  news: document.body.innerText.includes('official Jupyter news')})"""


@pytest.mark.skipif(browser.find_chromium() is None,
                    reason="no chromium, chromium-browser or google-chrome on PATH (install it with: make browser)")
def test_running_the_notebooks_in_lab_leaves_git_clean(tmp_path):
    pytest.importorskip("websocket")
    tree = project_repo(tmp_path / "project")
    notebooks = [f"notebooks/{step}.ipynb" for step in STEPS]
    saved_before = {path: (tree / path).stat().st_mtime_ns for path in notebooks}
    port = free_port()
    lab = start_lab(tree, tmp_path / "home", port)
    chromium = None
    try:
        chromium, ws_url = start_chromium(tmp_path / "chromium")
        page = DevTools(ws_url)
        page.send("Page.navigate", url=f"http://127.0.0.1:{port}/lab?token={TOKEN}")
        page.wait(APP_READY, 90, "JupyterLab to load")
        for path in notebooks:
            quoted = json.dumps(path)
            assert page.js(OPEN_AND_RUN % {"path": quoted}) == "newsbrief", path
            state = page.wait(f"(s => (s.unrun === 0 || s.errors.length > 0) && s.status === 'idle' && s)"
                              f"({STATE % {'path': quoted}})", 120, f"{path} to run")
            assert not state["errors"], (path, state)
            assert page.js(f"window.__newsbrief[{quoted} + ' ran']") is True, path
            # Autosave every AUTOSAVE seconds: the notebook is saved (not dirty) soon after its run.
            page.wait(f"!({STATE % {'path': quoted}}).dirty", 30 * AUTOSAVE, f"{path} to be autosaved")  # returns once saved; a loaded machine is slow
        assert page.js(PROMPTS) == {"dialogs": 0, "news": False}
        # Reloaded, Lab reopens the four tabs (a kernel fills in their metadata again); wait past autosave.
        page.send("Page.reload")
        page.wait(f"!window.__newsbrief && ({APP_READY})", 90, "JupyterLab to load again")
        page.wait(f"({OPEN_PATHS}).length === {len(notebooks)}", 30, "Lab to reopen the notebooks")
        assert page.js(OPEN_PATHS) == notebooks
        page.wait("""[...window.jupyterapp.shell.widgets('main')].filter(w => w.sessionContext)
                       .every(w => w.sessionContext.session && w.sessionContext.session.kernel
                                   && w.sessionContext.session.kernel.status === 'idle')""",
                  60, "the reopened notebooks' kernels")
        time.sleep(3 * AUTOSAVE)
        page.wait("""[...window.jupyterapp.shell.widgets('main')].filter(w => w.context)
                       .every(w => !w.context.model.dirty)""", 30 * AUTOSAVE, "the reopened notebooks to be autosaved")
        assert page.js(PROMPTS) == {"dialogs": 0, "news": False}
        page.close()
    finally:
        if chromium is not None:
            stop(chromium)
        try:  # the server stops its kernels on the way out
            urllib.request.urlopen(urllib.request.Request(
                f"http://127.0.0.1:{port}/api/shutdown?token={TOKEN}", method="POST"), timeout=10)
            lab.wait(timeout=20)
        except (OSError, subprocess.TimeoutExpired):
            pass
        stop(lab)

    assert git(tree, "status", "--porcelain", "--untracked-files=all") == ""
    for path in notebooks:
        for cell in json.loads((tree / path).read_text(encoding="utf-8"))["cells"]:
            if cell["cell_type"] == "code":
                assert cell["outputs"] == [] and cell["execution_count"] is None, path
    # Lab saved every notebook (autosave: none was left dirty), and each save gave back the
    # committed bytes, so nothing was written: the files keep their times (make report reruns nothing).
    assert {path: (tree / path).stat().st_mtime_ns for path in notebooks} == saved_before
