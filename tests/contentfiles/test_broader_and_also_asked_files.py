"""content/broader.yaml and the FAQ files' `also_asked` lists: loaded as unreviewed example
content, exported as they were read, and changed only through review."""

import pytest
from django.core.management import CommandError

from contentfiles.files import dump_yaml, load_yaml
from contentfiles.kinds import QUESTION, digest
from contentfiles.models import ImportRecord
from editorial.models import Status
from faq.models import Question
from search.models import BroaderTerm

from .test_export import export
from .test_import import CONTENT, load

pytestmark = pytest.mark.django_db


def edit_question(folder, slug, **changes):
    path = folder / "faq" / "basics.yaml"
    data = load_yaml(path)
    for question in data["questions"]:
        if question["slug"] == slug:
            question.update(changes)
    path.write_text(dump_yaml(data), encoding="utf-8")


def test_broader_terms_and_other_phrasings_load_as_unreviewed_example_content(files):
    load(folder=files)

    gene_therapy = BroaderTerm.objects.get(broad="gene therapy")
    assert {"hemgenix", "etranacogene dezaparvovec"} <= set(gene_therapy.narrower_terms)
    assert BroaderTerm.objects.get(broad="AAV").narrower_terms == ["aav5"]
    assert BroaderTerm.objects.count() == len(load_yaml(files / "broader.yaml"))
    for term in BroaderTerm.objects.all():
        assert (term.status, term.demo, term.last_reviewed) == (Status.PUBLISHED, True, None)
        assert ImportRecord.objects.filter(kind="broader", object_id=term.pk).exists()

    entries = {q["slug"]: q for q in load_yaml(files / "faq" / "basics.yaml")["questions"]}
    for question in Question.objects.all():
        assert question.also_asked_list == entries[question.slug].get("also_asked", [])
        assert question.last_reviewed is None
    assert Question.objects.exclude(also_asked="").exists()


def test_the_seeds_are_few_and_name_only_what_the_content_names():
    seeds = load_yaml(CONTENT / "broader.yaml")
    assert 3 <= len(seeds) <= 8
    named = " ".join(path.read_text(encoding="utf-8").lower() for path in CONTENT.rglob("*.*")
                     if path.name != "broader.yaml")
    for seed in seeds:
        for word in [seed["broad"], *seed["narrower"].split(",")]:
            assert word.strip().lower() in named, f"{seed['key']}: {word.strip()} is named nowhere else"


def test_the_faq_seeds_give_a_few_short_phrasings_to_about_thirty_questions():
    questions = [q for path in sorted((CONTENT / "faq").glob("*.yaml")) for q in load_yaml(path)["questions"]]
    phrased = [q for q in questions if q.get("also_asked")]
    assert 25 <= len(phrased) <= 40
    for question in phrased:
        assert 1 <= len(question["also_asked"]) <= 3, question["slug"]
        assert all(len(asked) <= 150 for asked in question["also_asked"]), question["slug"]


def test_a_question_without_other_phrasings_keeps_the_hash_its_import_record_had(files):
    load(folder=files)
    question = Question.objects.filter(also_asked="").first()
    # What an import recorded before questions had other phrasings.
    before = {
        "question": question.question, "category": question.category.slug, "order": question.order,
        "related_articles": sorted(question.related_articles.values_list("slug", flat=True)),
        "references": [ref.source.key for ref in question.references.select_related("source")],
        "answer": question.answer,
    }
    assert digest(QUESTION.content(question)) == digest(before)


def test_exported_files_name_other_phrasings_only_where_there_are_some(files, tmp_path):
    load(folder=files)
    export(tmp_path)
    text = (tmp_path / "faq" / "basics.yaml").read_text()
    assert text == (files / "faq" / "basics.yaml").read_text()
    assert (tmp_path / "broader.yaml").read_text() == (files / "broader.yaml").read_text()
    asked = [q for q in load_yaml(tmp_path / "faq" / "basics.yaml")["questions"] if "also_asked" in q]
    assert asked and all(q["also_asked"] for q in asked)
    assert text.count("also_asked:") == len(asked) < Question.objects.count()


def test_other_phrasings_added_to_a_file_reach_a_live_question_only_as_a_new_version(files):
    load(folder=files)
    live = Question.objects.get(slug="what-is-haemophilia-b")
    before = live.also_asked
    edit_question(files, live.slug, also_asked=["What is hemophilia B?", "What is factor 9 deficiency?"])

    output = load(folder=files)

    assert "new draft version (review it in the admin): question what-is-haemophilia-b" in output
    live.refresh_from_db()
    assert live.also_asked == before
    assert live.revisions.get().also_asked_list == ["What is hemophilia B?", "What is factor 9 deficiency?"]


def test_a_broader_term_edited_in_the_admin_is_not_overwritten_and_is_exported(files, tmp_path):
    load(folder=files)
    BroaderTerm.objects.filter(broad="AAV").update(narrower="AAV5, AAV 5")
    BroaderTerm.objects.create(broad="bleeding disorder", narrower="haemophilia B", status=Status.PUBLISHED)

    output = load(folder=files)
    assert "skipped: changed in the admin since the last import: broader aav" in output
    assert BroaderTerm.objects.get(broad="AAV").narrower == "AAV5, AAV 5"

    export(tmp_path)
    exported = {entry["key"]: entry for entry in load_yaml(tmp_path / "broader.yaml")}
    assert exported["aav"]["narrower"] == "AAV5, AAV 5"
    assert exported["bleeding-disorder"] == {"key": "bleeding-disorder", "broad": "bleeding disorder",
                                             "narrower": "haemophilia B", "note": "", "status": "published"}


@pytest.mark.parametrize("damage, message", [
    (lambda folder: (folder / "broader.yaml").write_text(
        dump_yaml([{"key": "aav", "broad": "AAV", "narrower": "AAV, AAV5"}])),
     "broader.yaml: aav: .*is the broad term"),
    (lambda folder: edit_question(folder, "what-is-haemophilia-b", also_asked=[f"Way {n}?" for n in range(6)]),
     "faq/basics.yaml: what-is-haemophilia-b: Give at most 5 other ways of asking"),
])
def test_a_broken_entry_is_named_and_nothing_is_loaded(files, damage, message):
    damage(files)
    with pytest.raises(CommandError, match=message):
        load(folder=files)
    assert not BroaderTerm.objects.exists() and not Question.objects.exists()
