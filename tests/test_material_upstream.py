"""Material upgrades fail loudly: every copied Material file or block matches the installed Material.

When this fails, the message names our file to re-merge and the new hash to record in
material-overrides.toml once that is done.
"""

from __future__ import annotations

import shutil

import pytest

from caretech.site.material_upstream import (
    RECORD, changed, jinja_block, load_record, material_root, material_version, sha256, upstream_text,
)
from helpers import ROOT

ITEMS = load_record(ROOT / RECORD)


@pytest.mark.parametrize("item", ITEMS, ids=[f"{i.ours}:{i.block or i.upstream.rsplit('/', 1)[-1]}" for i in ITEMS])
def test_each_copy_matches_the_installed_material(item):
    assert (ROOT / item.ours).exists(), f"{RECORD} lists {item.ours}, which is gone"
    assert changed([item], material_root(), material_version()) == []


def test_every_file_under_overrides_that_shadows_material_is_recorded():
    """A new override of a Material template must be added to the record."""
    templates = material_root() / "templates"
    recorded = {i.ours for i in ITEMS}
    for path in (ROOT / "overrides").rglob("*"):
        relative = path.relative_to(ROOT / "overrides").as_posix()
        if path.is_file() and (templates / relative).exists():
            assert f"overrides/{relative}" in recorded, f"overrides/{relative} replaces Material's; record it in {RECORD}"
    main = (ROOT / "overrides/main.html").read_text(encoding="utf-8")
    blocks = {i.block for i in ITEMS if i.ours == "overrides/main.html"}
    for name in __import__("re").findall(r"{%-?\s*block\s+(\w+)", main):
        assert name in blocks | {"content"}, f"overrides/main.html overrides block `{name}`: record it in {RECORD}"


def test_a_changed_upstream_names_the_file_to_re_merge(tmp_path):
    """A fake Material where partials/search.html and base.html's container block have changed."""
    fake = tmp_path / "material"
    for item in ITEMS:  # only the recorded files: Material's icons alone are thousands
        for path in material_root().glob(item.upstream):
            copy = fake / path.relative_to(material_root())
            copy.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, copy)
    search = fake / "templates/partials/search.html"
    search.write_text(search.read_text(encoding="utf-8").replace('role="dialog"', 'role="dialog" aria-modal="true"'))
    base = fake / "templates/base.html"
    base.write_text(base.read_text(encoding="utf-8").replace('data-md-component="content">', 'data-md-component="content" dir="auto">'))
    messages = changed(ITEMS, fake, "9.9.0")
    assert len(messages) == 2, messages
    assert messages[0].startswith("overrides/partials/search.html: `templates/partials/search.html` changed between "
                                  "Material 9.8.1 and 9.9.0. Re-merge overrides/partials/search.html")
    assert messages[1].startswith("overrides/main.html: `templates/base.html` (block `container`) changed")
    assert sha256(upstream_text(fake, ITEMS[0])) in messages[0], "it gives the hash to record after the re-merge"
    (fake / "templates/404.html").unlink()
    assert any(m.startswith("overrides/404.html: Material 9.9.0 no longer has") for m in changed(ITEMS, fake, "9.9.0"))


def test_a_block_is_cut_out_with_its_nested_blocks():
    text = "{% block a %}x{% block b %}y{% endblock %}z{% endblock %} after"
    assert jinja_block(text, "a") == "{% block a %}x{% block b %}y{% endblock %}z{% endblock %}"
    assert jinja_block(text, "b") == "{% block b %}y{% endblock %}"
