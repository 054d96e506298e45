"""Jupyter server configuration for `make lab` (read through JUPYTER_CONFIG_PATH, which the Makefile sets).

Running the notebooks in JupyterLab must leave the git tree as it was. The notebooks under
notebooks/ are committed without outputs, execution counts or run-dependent metadata, so every
save of a notebook there (by hand or by Lab's autosave) is stripped of them first
(``strip_notebook``, a pre-save hook of ``ProjectContentsManager``). A save that then holds the
bytes already on disk writes nothing: the file keeps its time, so `make report` does not rerun a
step because Lab saved its notebook. A save that changes the file replaces it in one step, so a
notebook that reads notebooks/ (04 hashes them for the brief's provenance) never sees half a
file. Notebooks anywhere else (outputs/notebooks/ holds the executed record) are saved as Jupyter
always does.

Also here: JupyterLab's settings overrides come from jupyter/lab/settings/overrides.json (the news
prompt and the update check are off), Lab asks no news site and checks for no update, and a new
notebook starts the project's kernel. Lab's workspaces and the user's own settings stay in the
user's Jupyter folder (~/.jupyter/lab), outside the project.
"""

import os
import shutil
import tempfile
from pathlib import Path

import nbformat
from jupyter_server.services.contents.largefilemanager import AsyncLargeFileManager

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parent
NOTEBOOKS = PROJECT / "notebooks"
KERNEL = "newsbrief"

# Cell metadata that records how a session ran or showed a cell, not what the cell is.
VOLATILE_CELL_METADATA = ("execution", "ExecuteTime", "collapsed", "scrolled", "jupyter", "trusted")
# Notebook metadata that a kernel or an extension fills in when it runs (language_info keeps its name).
VOLATILE_NOTEBOOK_METADATA = ("widgets", "toc", "varInspector", "vscode")


def in_notebooks(os_path: str | Path) -> bool:
    """Whether ``os_path`` is a file inside the project's notebooks/ folder."""
    return NOTEBOOKS in Path(os_path).resolve().parents


def strip_notebook(model: dict, path: str, contents_manager, **kwargs) -> None:
    """Pre-save hook: a notebook under notebooks/ is saved without outputs, counts or volatile metadata.

    Called by jupyter_server as ``hook(model=..., path=..., contents_manager=...)`` before each save;
    it edits ``model["content"]`` in place. Cell ids, tags and sources are kept.
    """
    if model.get("type") != "notebook" or not isinstance(model.get("content"), dict):
        return
    if not in_notebooks(Path(contents_manager.root_dir, *path.strip("/").split("/"))):
        return
    nb = model["content"]
    for cell in nb.get("cells", []):
        if cell.get("cell_type") == "code":
            cell["outputs"] = []
            cell["execution_count"] = None
        metadata = cell.get("metadata", {})
        for key in VOLATILE_CELL_METADATA:
            metadata.pop(key, None)
    metadata = nb.get("metadata", {})
    for key in VOLATILE_NOTEBOOK_METADATA:
        metadata.pop(key, None)
    if isinstance(metadata.get("language_info"), dict):
        metadata["language_info"] = {"name": metadata["language_info"].get("name", "python")}


class ProjectContentsManager(AsyncLargeFileManager):
    """Jupyter's contents manager, but a notebook under notebooks/ is stripped before it is saved
    (``strip_notebook``, registered as a pre-save hook beside any the user configured), written
    only when its bytes change, and then by replacing the file in one step (Jupyter's own "atomic"
    writing truncates the file and writes it again in place)."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.register_pre_save_hook(strip_notebook)

    async def _save_notebook(self, os_path, nb, capture_validation_error=None):
        target = Path(os_path)
        if not in_notebooks(target) or not target.is_file() or target.is_symlink():
            return await super()._save_notebook(os_path, nb, capture_validation_error=capture_validation_error)
        text = nbformat.writes(nb, version=nbformat.NO_CONVERT, capture_validation_error=capture_validation_error)
        data = (text if text.endswith("\n") else text + "\n").encode("utf-8")  # as nbformat.write does
        with self.perm_to_403(os_path):
            if target.read_bytes() == data:
                return
            fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
            try:
                with os.fdopen(fd, "wb") as f:
                    f.write(data)
                shutil.copymode(target, tmp)
                os.replace(tmp, target)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise


c = get_config()  # noqa: F821  (given by Jupyter when it reads this file)
c.ServerApp.contents_manager_class = ProjectContentsManager
# A new notebook, or one whose kernel is missing, gets the project's kernel without asking.
c.MultiKernelManager.default_kernel_name = KERNEL
# The news prompt and the update check: off in the settings (overrides.json), and no request for them.
c.LabApp.app_settings_dir = str(HERE / "lab" / "settings")
c.LabApp.news_url = None
c.LabApp.check_for_updates_class = "jupyterlab.NeverCheckForUpdate"
