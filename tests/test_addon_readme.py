"""Each addon's Apps page description is generated from its current readme/ fragments
and manifest (`make readme`), and the manifests agree with each other."""

import pytest

from tests.harness import addon_readme, env


@pytest.mark.parametrize("addon", env.ALL_ADDONS)
def test_readme_and_index_html_are_current(addon):
    digest = f"source digest: {addon_readme.source_digest(addon)}"
    readme = env.ADDONS_DIR / addon / "README.rst"
    index = env.ADDONS_DIR / addon / "static" / "description" / "index.html"
    assert digest in readme.read_text(), f"{addon}: run `make readme`"
    assert digest in index.read_text(), f"{addon}: run `make readme`"


def test_manifests_share_website_and_development_status():
    manifests = [addon_readme.manifest(addon) for addon in env.ALL_ADDONS]
    assert {m["website"] for m in manifests} == {addon_readme.WEBSITE}
    statuses = {m["development_status"] for m in manifests}
    assert len(statuses) == 1
    assert statuses <= set(addon_readme.DEVELOPMENT_STATUSES)
