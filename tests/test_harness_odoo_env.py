"""The harness finds the real Odoo when an addon wheel's namespace hides it.

Reproduces the trap of an editable (strict/lenient mode) source install of Odoo:
`site-packages/odoo/addons/<addon>` without `__init__.py`, so `import odoo` yields an
empty namespace package, while the 'odoo' distribution's metadata still records the
source tree. The interpreter is a throwaway venv (no system site packages), so the
Odoo of the machine running the suite plays no part.
"""

import json
import subprocess
import sys
import sysconfig
import tarfile
import zipfile
from pathlib import Path

import pytest

from tests.harness import odoo_env


def _site_packages(venv):
    relative = Path(sysconfig.get_path("purelib")).relative_to(sys.prefix)
    return venv / relative


@pytest.fixture
def trapped_venv(tmp_path):
    """A venv whose site-packages holds an addon wheel's `odoo/addons/x` and the
    metadata of an editable Odoo 18 install from `tmp_path/odoo-src`."""
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", venv], check=True)
    source = tmp_path / "odoo-src"
    (source / "odoo").mkdir(parents=True)
    (source / "odoo" / "__init__.py").write_text("")
    (source / "odoo" / "release.py").write_text(
        "version_info = (18, 0, 0, 'final', 0)\nversion = '18.0'\n"
    )
    site = _site_packages(venv)
    (site / "odoo" / "addons" / "x").mkdir(parents=True)
    (site / "odoo" / "addons" / "x" / "__init__.py").write_text("")
    dist_info = site / "odoo-18.0.dist-info"
    dist_info.mkdir()
    (dist_info / "METADATA").write_text("Metadata-Version: 2.1\nName: odoo\n")
    (dist_info / "RECORD").write_text("")
    return venv, source, dist_info


def _harness(venv):
    """`python -m tests.harness.odoo_env` under the venv's interpreter (its project
    venv, which it must not need, redirected into the scratch directory)."""
    project_venv = venv.parent / "project-venv"
    done = subprocess.run(
        [venv / "bin" / "python", "-m", "tests.harness.odoo_env"],
        cwd=odoo_env.REPO,
        capture_output=True,
        text=True,
        timeout=120,
        env={"PATH": "/usr/bin:/bin", "SC_VENV": str(project_venv)},
    )
    assert not project_venv.exists()
    return done


def test_namespace_trap_is_real(trapped_venv):
    venv, _source, _dist_info = trapped_venv
    done = subprocess.run(
        [venv / "bin" / "python", "-c", "import odoo; print(odoo.__file__)"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.strip() == "None"


def test_source_tree_from_direct_url_is_used(trapped_venv):
    venv, source, dist_info = trapped_venv
    (dist_info / "direct_url.json").write_text(
        json.dumps({"url": source.as_uri(), "dir_info": {"editable": True}})
    )
    done = _harness(venv)
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout.strip().splitlines()[-1])
    assert found == {"odoo": str(source / "odoo" / "__init__.py"), "version": "18.0"}
    assert (
        f"{venv / 'bin' / 'python'} -m pip install --no-deps -e {source} "
        "--config-settings editable_mode=compat"
    ) in done.stdout


def test_source_tree_from_editable_finder_is_used(trapped_venv):
    venv, source, dist_info = trapped_venv
    finder = dist_info.parent / "__editable___odoo_18_0_finder.py"
    finder.write_text(f"MAPPING = {{'odoo': {str(source / 'odoo')!r}}}\n")
    (dist_info / "RECORD").write_text(f"{finder.name},,\n")
    done = _harness(venv)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.strip().splitlines()[-1])["odoo"] == str(
        source / "odoo" / "__init__.py"
    )


def test_without_recorded_source_the_run_stops_with_the_fix(trapped_venv):
    venv, _source, _dist_info = trapped_venv
    done = _harness(venv)
    assert done.returncode == 2
    python = venv / "bin" / "python"
    assert (
        f"{python} -m pip install --no-deps -e /path/to/odoo-18.0 "
        "--config-settings editable_mode=compat"
    ) in done.stderr


def _release_tree(root):
    (root / "odoo").mkdir(parents=True)
    (root / "odoo" / "release.py").write_text("version_info = (18, 0, 0, 'final', 0)\n")
    (root / "requirements.txt").write_text(
        "lxml==4.9.3 ; python_version > '3.10' and python_version < '3.12'\n"
        "lxml==5.2.1 ; python_version >= '3.12'  # (Noble)\n"
        "pypiwin32 ; sys_platform == 'win32'\n"
        "pytz  # no version pinning\n"
    )


@pytest.mark.parametrize("suffix", ["tar.gz", "zip"])
def test_odoo_src_archive_is_unpacked_into_the_venv(tmp_path, monkeypatch, suffix):
    _release_tree(tmp_path / "pack" / "odoo-18.0.post20260101")
    # An archive holds the tree in one top folder, as Odoo's nightly archive does.
    archive = tmp_path / f"odoo_18.0.latest.{suffix}"
    if suffix == "zip":
        with zipfile.ZipFile(archive, "w") as bundle:
            for path in (tmp_path / "pack").rglob("*"):
                bundle.write(path, path.relative_to(tmp_path / "pack"))
    else:
        with tarfile.open(archive, "w:gz") as bundle:
            bundle.add(
                tmp_path / "pack" / "odoo-18.0.post20260101", "odoo-18.0.post20260101"
            )
    monkeypatch.setattr(odoo_env, "VENV", tmp_path / "venv")
    monkeypatch.setenv("ODOO_SRC", str(archive))
    tree = odoo_env.odoo_source()
    assert tree == tmp_path / "venv" / "src" / "odoo" / "odoo-18.0.post20260101"
    assert odoo_env.odoo_series(tree) == 18


def test_odoo_src_of_another_series_is_refused(tmp_path, monkeypatch):
    _release_tree(tmp_path / "odoo-17")
    release = tmp_path / "odoo-17" / "odoo" / "release.py"
    release.write_text("version_info = (17, 0, 0, 'final', 0)\n")
    monkeypatch.setenv("ODOO_SRC", str(tmp_path / "odoo-17"))
    with pytest.raises(SystemExit):
        odoo_env.odoo_source()


def test_requirements_are_pinned_for_this_python(tmp_path):
    _release_tree(tmp_path)
    pins = odoo_env.odoo_requirements(tmp_path)
    newer = sys.version_info[:2] >= (3, 11)  # 3.11 reads the 3.12 pins
    assert pins == ["lxml==5.2.1" if newer else "lxml==4.9.3", "pytz"]
