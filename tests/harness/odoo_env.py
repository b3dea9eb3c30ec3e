"""The Python that runs Odoo 18 for `make run`, `make test`, `make i18n` and the rest.

`ensure_odoo()` runs first in every entry point, on the interpreter that `make` was
given (PYTHON, default python3), and uses only the standard library:

1. That interpreter imports Odoo 18 (Debian package, Docker image, a source install
   in any editable mode): it is used as it is.
2. It imports `odoo` only as an empty namespace package. That happens when Odoo was
   installed from source with `pip install -e` in setuptools' default (strict or
   lenient) editable mode and an addon wheel such as OCA's helpdesk_mgmt then created
   `site-packages/odoo/addons/...`: the namespace directory wins over setuptools'
   import hook. The real source tree is read from the 'odoo' distribution's metadata
   (direct_url.json, else the mapping of its editable finder) and put first on
   PYTHONPATH; without such metadata the run stops with the command that fixes it.
3. Otherwise the project-local virtual environment `.venv` is used, created on first
   use from this interpreter, with Odoo 18.0 installed from ODOO_SRC (a source tree,
   a .tar.gz/.zip source archive or its URL) or, when ODOO_SRC is not set, from
   Odoo's official nightly source archive of 18.0 (DEFAULT_ODOO_ARCHIVE).

Cases 2 and 3 re-execute the running command under the chosen environment.
"""

import importlib.metadata
import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import tarfile
import urllib.parse
import urllib.request
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
VENV = Path(os.environ.get("SC_VENV") or REPO / ".venv")
ODOO_SERIES = 18
DEFAULT_ODOO_ARCHIVE = (
    "https://nightly.odoo.com/18.0/nightly/src/odoo_18.0.latest.tar.gz"
)
ARCHIVE_SUFFIXES = (".tar.gz", ".tgz", ".tar.bz2", ".tar.xz", ".zip")
# How often a command may re-execute itself before the set-up counts as broken.
REEXEC_MARK = "SC_ODOO_ENV_STEP"
MAX_REEXEC = 3
# Debian packages that building Odoo's requirements needs (psycopg2, python-ldap),
# each with the file or command that proves it is there.
BUILD_PACKAGES = {
    "pg_config": "libpq-dev",
    "/usr/include/ldap.h": "libldap2-dev",
    "/usr/include/sasl/sasl.h": "libsasl2-dev",
    "gcc": "build-essential",
}


def fail(message):
    print(f"ERROR: {message}", file=sys.stderr, flush=True)
    sys.exit(2)


def log(message):
    print(f"[sc] {message}", flush=True)


# -- 1 and 2: what this interpreter imports ----------------------------------------


def inspect_odoo():
    """('ok', odoo dir) | ('namespace', source tree or None) | ('missing', reason)."""
    try:
        import odoo
    except ImportError as error:
        return "missing", str(error)
    if getattr(odoo, "__file__", None) is None:
        return "namespace", source_from_metadata()
    try:
        from odoo import release
    except ImportError:
        return "missing", f"{odoo.__file__} is no Odoo release"
    if release.version_info[0] != ODOO_SERIES:
        return "missing", f"found Odoo {release.version}, not {ODOO_SERIES}"
    return "ok", Path(odoo.__file__).parent


def source_from_metadata():
    """The source tree of an editable install of the 'odoo' distribution, or None."""
    try:
        dist = importlib.metadata.distribution("odoo")
    except importlib.metadata.PackageNotFoundError:
        return None
    candidates = []
    direct_url = json.loads(dist.read_text("direct_url.json") or "{}")
    url = urllib.parse.urlparse(direct_url.get("url", ""))
    if url.scheme == "file":
        candidates.append(Path(urllib.request.url2pathname(url.path)))
    for file in dist.files or ():
        # setuptools' strict/lenient editable mode: MAPPING = {'odoo': '/src/odoo'}
        if file.name.startswith("__editable__") and file.name.endswith("_finder.py"):
            mapping = re.search(r"['\"]odoo['\"]: ['\"](.+?)['\"]", file.read_text())
            if mapping:
                candidates.append(Path(mapping[1]).parent)
    return next((path for path in candidates if odoo_series(path) == ODOO_SERIES), None)


def odoo_series(tree):
    """The major version of the Odoo source tree `tree`, or None."""
    release = Path(tree) / "odoo" / "release.py"
    if not release.is_file():
        return None
    found = re.search(r"^version_info = \((\d+),", release.read_text(), re.MULTILINE)
    return int(found[1]) if found else None


def fix_command(source="/path/to/odoo-18.0"):
    """Reinstalls Odoo so that its tree is on sys.path (no import hook to lose to
    a namespace package)."""
    return (
        f"{sys.executable} -m pip install --no-deps -e {source} "
        "--config-settings editable_mode=compat"
    )


# -- re-execution ------------------------------------------------------------------


def reexec(python, pythonpath=None):
    """Run the current command again under `python` (replaces this process)."""
    step = int(os.environ.get(REEXEC_MARK, "0")) + 1
    if step > MAX_REEXEC:
        fail(f"{python} still cannot import Odoo {ODOO_SERIES} after set-up.")
    environ = dict(os.environ, **{REEXEC_MARK: str(step)})
    if pythonpath:
        environ["PYTHONPATH"] = os.pathsep.join(
            [str(pythonpath), *filter(None, [os.environ.get("PYTHONPATH")])]
        )
    module = sys.modules["__main__"].__spec__.name
    argv = [str(python), "-m", module, *sys.argv[1:]]
    sys.stdout.flush()
    os.execve(str(python), argv, environ)


def ensure_odoo():
    """Return when this interpreter imports Odoo 18, else re-execute under one that
    does (see the module docstring)."""
    state, detail = inspect_odoo()
    if state == "ok":
        return detail
    if state == "namespace":
        if detail is None:
            fail(
                "`import odoo` finds only an empty namespace package (an addon wheel's "
                "site-packages/odoo/addons) and no source tree of Odoo "
                f"{ODOO_SERIES} is recorded in the 'odoo' distribution. Reinstall "
                f"Odoo in compat mode:\n  {fix_command()}"
            )
        log(
            f"`import odoo` finds an empty namespace package; using the Odoo source "
            f"tree {detail} recorded by pip. Permanent fix:\n  {fix_command(detail)}"
        )
        reexec(sys.executable, pythonpath=detail)
    if in_project_venv():
        install_odoo()
        reexec(sys.executable)
    log(f"{sys.executable} cannot import Odoo {ODOO_SERIES} ({detail}): using {VENV}")
    reexec(create_venv())


# -- 3: the project-local virtual environment --------------------------------------


def can_install_packages():
    """A virtual environment, or an interpreter with pip that is not externally
    managed (PEP 668)."""
    import importlib.util

    if sys.prefix != sys.base_prefix:
        return True
    marker = Path(sysconfig.get_path("stdlib")) / "EXTERNALLY-MANAGED"
    return importlib.util.find_spec("pip") is not None and not marker.exists()


def use_venv_for_packages():
    """Re-execute under a .venv that sees this interpreter's packages (Odoo
    included): for Debian's or Ubuntu's own python3 (Odoo's .deb), which refuses
    pip installs (PEP 668)."""
    log(f"{sys.executable} may not install packages (PEP 668): using {VENV}")
    reexec(create_venv(system_site_packages=True))


def in_project_venv():
    return Path(sys.prefix).resolve() == VENV.resolve()


def venv_python():
    return VENV / "bin" / "python"


def _venv_config(key):
    config = VENV / "pyvenv.cfg"
    if not config.is_file():
        return None
    found = re.search(rf"^{key}\s*=\s*(.*?)\s*$", config.read_text(), re.MULTILINE)
    return found[1] if found else None


def create_venv(system_site_packages=False):
    """.venv made from this interpreter (made anew if another Python made it, or
    if it must see the system's packages and does not)."""
    version = f"{sys.version_info[0]}.{sys.version_info[1]}"
    made_with = (_venv_config("version_info") or _venv_config("version") or "")[:4]
    sees_system = _venv_config("include-system-site-packages") == "true"
    if (
        venv_python().exists()
        and made_with.rstrip(".") == version
        and (sees_system or not system_site_packages)
    ):
        return venv_python()
    if VENV.exists():
        log(f"Remaking {VENV} for {sys.executable}")
        shutil.rmtree(VENV)
    try:
        import ensurepip  # noqa: F401  (Debian ships it in python3.X-venv)
    except ImportError:
        install_debian_packages({"": f"python{version}-venv"})
    log(f"Creating {VENV} with {sys.executable}")
    options = ["--system-site-packages"] if system_site_packages else []
    subprocess.run([sys.executable, "-m", "venv", *options, str(VENV)], check=True)
    pip("install", "packaging", python=venv_python())
    return venv_python()


def pip(*args, python=None):
    python = python or sys.executable
    subprocess.run([str(python), "-m", "pip", "-q", *args], check=True)


def install_debian_packages(wanted):
    """Install the Debian packages of `wanted` ({probe: package}) whose probe (an
    absolute path or a command; empty: always) is missing."""
    missing = [
        package
        for probe, package in wanted.items()
        if not probe
        or not (Path(probe).exists() if probe.startswith("/") else shutil.which(probe))
    ]
    if not missing:
        return
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        fail(f"Missing Debian packages {missing}; install them (root with apt-get).")
    log(f"Installing Debian packages: {' '.join(missing)}")
    environ = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    subprocess.run(["apt-get", "update", "-qq"], check=True, env=environ)
    subprocess.run(
        ["apt-get", "install", "-y", "-qq", *missing], check=True, env=environ
    )


def install_odoo():
    """Install Odoo 18.0 and its pinned requirements into the running .venv."""
    source = odoo_source()
    build = dict(BUILD_PACKAGES)
    build[str(Path(sysconfig.get_paths()["include"]) / "Python.h")] = "python3-dev"
    install_debian_packages(build)
    requirements = VENV / "odoo-requirements.txt"
    requirements.write_text("\n".join(odoo_requirements(source)) + "\n")
    log(f"Installing Odoo's requirements ({requirements.name}) into {VENV}")
    pip("install", "-r", str(requirements))
    log(f"Installing Odoo from {source} into {VENV}")
    pip(
        "install",
        "--no-deps",
        "-e",
        str(source),
        "--config-settings",
        "editable_mode=compat",
    )


def odoo_requirements(source):
    """Odoo's requirements.txt as plain pins for this Python. On 3.11 the markers are
    read as on 3.12: Odoo pins the versions of Debian 12's own packages for 3.11, and
    its 3.12 pins install cleanly from PyPI on 3.11."""
    from packaging.markers import default_environment
    from packaging.requirements import Requirement

    environment = default_environment()
    if sys.version_info[:2] == (3, 11):
        environment.update(python_version="3.12", python_full_version="3.12.0")
    pins = []
    for line in (Path(source) / "requirements.txt").read_text().splitlines():
        line = line.split("#")[0].strip()
        if not line:
            continue
        requirement = Requirement(line)
        if requirement.marker and not requirement.marker.evaluate(environment):
            continue
        requirement.marker = None
        pins.append(str(requirement))
    return pins


def odoo_source():
    """A writable Odoo 18.0 source tree from ODOO_SRC or the official archive."""
    given = os.environ.get("ODOO_SRC", "").strip()
    if not given:
        log(
            f"ODOO_SRC is not set: downloading {DEFAULT_ODOO_ARCHIVE} "
            "(unverified: no checksum is published for it)"
        )
        given = DEFAULT_ODOO_ARCHIVE
    if re.match(r"https?://", given):
        target = VENV / "src" / Path(urllib.parse.urlparse(given).path).name
        target.parent.mkdir(parents=True, exist_ok=True)
        urllib.request.urlretrieve(given, target)
        given = str(target)
    path = Path(given).expanduser().resolve()
    if path.is_file() and path.name.endswith(ARCHIVE_SUFFIXES):
        path = unpack(path, VENV / "src" / "odoo")
    elif path.is_dir() and not os.access(path, os.W_OK):
        # pip writes odoo.egg-info into the tree it installs in editable mode.
        log(f"{path} is read-only: copying it to {VENV / 'src' / 'odoo'}")
        shutil.copytree(path, VENV / "src" / "odoo", dirs_exist_ok=True)
        path = VENV / "src" / "odoo"
    if odoo_series(path) != ODOO_SERIES:
        fail(
            f"ODOO_SRC={given} is not an Odoo {ODOO_SERIES}.0 source tree or archive "
            "(no odoo/release.py of that series)."
        )
    return path


def unpack(archive, target):
    """Unpack `archive` into `target` and return the Odoo tree inside it."""
    log(f"Unpacking {archive} into {target}")
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    if archive.name.endswith(".zip"):
        with zipfile.ZipFile(archive) as bundle:
            bundle.extractall(target)
    else:
        with tarfile.open(archive) as bundle:
            if hasattr(tarfile, "data_filter"):
                bundle.extractall(target, filter="data")
            else:
                bundle.extractall(target)  # noqa: S202 (Python before 3.11.4)
    trees = [path.parent.parent for path in target.glob("*/odoo/release.py")]
    trees += [target] if (target / "odoo" / "release.py").exists() else []
    if len(trees) != 1:
        fail(f"{archive} holds no single Odoo source tree.")
    return trees[0]


def main():
    """`python -m tests.harness.odoo_env`: set up and show the Odoo in use."""
    ensure_odoo()
    import odoo
    from odoo import release

    print(json.dumps({"odoo": odoo.__file__, "version": release.version}))


if __name__ == "__main__":
    main()
