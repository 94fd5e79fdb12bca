from django.db import migrations

# Spelling variants and the words families use for medical ones. Clinicians edit
# these in the admin; this is only the starting list.
SEED = [
    ("haemophilia, hemophilia", "UK and US spelling"),
    ("haemophiliac, hemophiliac", "UK and US spelling"),
    ("haemorrhage, hemorrhage, bleeding", "UK and US spelling; lay word"),
    ("haematology, hematology", "UK and US spelling"),
    ("haematologist, hematologist", "UK and US spelling"),
    ("anaemia, anemia", "UK and US spelling"),
    ("oestrogen, estrogen", "UK and US spelling"),
    ("paediatric, pediatric", "UK and US spelling"),
    ("haemophilia centre, hemophilia center, hemophilia treatment center", "UK and US names"),
    ("factor IX, factor 9, factor nine, FIX, F9", "ways to write factor IX"),
    ("haemophilia B, hemophilia B, Christmas disease, factor IX deficiency, factor 9 deficiency",
     "names for the condition"),
    ("Hemgenix, etranacogene dezaparvovec, etranacogene", "brand and medicine name"),
    ("AAV, adeno-associated virus", "abbreviation"),
    ("AAV5, AAV 5", "ways to write it"),
    ("bleed, bleeding, bleeds", "forms of the word"),
    ("joint bleed, haemarthrosis, hemarthrosis", "lay words for a medical one"),
    ("liver test, liver blood test, ALT, liver enzymes", "lay words for a medical one"),
    ("steroids, corticosteroids", "lay word for a medical one"),
    ("inhibitor, inhibitors, antibodies against factor IX", "lay words"),
    ("gene therapy, gene treatment", "lay words"),
    ("prophylaxis, preventive treatment, regular treatment", "lay words for a medical one"),
    ("carrier, carriers, carry the gene", "lay words"),
    ("side effects, side efects, adverse effects", "common words and a common misspelling"),
    ("infusion, drip", "lay word for a medical one"),
    ("GP, family doctor", "UK and US names"),
    ("A&E, emergency department, ER", "UK and US names"),
    ("paracetamol, acetaminophen", "UK and US names"),
]


def seed(apps, schema_editor):
    SynonymGroup = apps.get_model("search", "SynonymGroup")
    for words, note in SEED:
        SynonymGroup.objects.get_or_create(words=words, defaults={"note": note})


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
