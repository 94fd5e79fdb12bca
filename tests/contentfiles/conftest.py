"""The content-files tests' shared fixture: a copy of part of content/ to edit."""

import shutil

import pytest
from django.conf import settings

from contentfiles.files import dump_yaml, load_yaml

CONTENT = settings.BASE_DIR / "content"
SLUG = "treating-haemophilia-b-today"

# A small part of content/ (one FAQ category and the articles it links to), to keep tests quick.
ARTICLES = {"bleeds-signs-and-when-to-get-help", "severity-and-factor-ix-levels", "what-is-haemophilia-b",
            "how-haemophilia-b-is-diagnosed", "living-with-haemophilia-b", "your-haemophilia-centre-and-care-team",
            SLUG, "what-is-hemgenix"}


@pytest.fixture
def files(tmp_path):
    """A copy of part of content/ to change, as someone editing the files would."""
    folder = tmp_path / "content"
    shutil.copytree(CONTENT, folder)
    for path in (folder / "faq").glob("*.yaml"):
        if path.stem != "basics":
            path.unlink()
    # The articles named above, and those the basics answers link to (so the copy loads).
    wanted = ARTICLES | {slug for question in load_yaml(folder / "faq" / "basics.yaml")["questions"]
                         for slug in question.get("related_articles") or []}
    for path in (folder / "articles").glob("*.md"):
        if path.stem not in wanted:
            path.unlink()
    (folder / "glossary.yaml").write_text(dump_yaml(load_yaml(folder / "glossary.yaml")[:10]))
    (folder / "synonyms.yaml").write_text(dump_yaml(load_yaml(folder / "synonyms.yaml")[:10]))
    return folder
