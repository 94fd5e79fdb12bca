from django.db import migrations

# More of the words families type for the words the site uses, found by reading
# the content against what families ask. Clinicians edit these in the admin;
# this only adds to the starting list (a group already there is left alone).
#
# Every variant is searched as a phrase through PostgreSQL's English stemming,
# so a variant must not stem to a word with another meaning: "immunization"
# stems to the same word as "immune", so it is not here.
SEED = [
    # UK and US spellings the first list did not have
    ("centre, center", "UK and US spelling"),
    ("counselling, counseling", "UK and US spelling"),
    ("counsellor, counselor, genetic counsellor, genetic counselor", "UK and US spelling"),
    ("licence, license", "UK and US spelling"),
    ("tumour, tumor", "UK and US spelling"),
    ("neutralising, neutralizing", "UK and US spelling"),
    ("annualised, annualized", "UK and US spelling"),
    ("paediatrician, pediatrician", "UK and US spelling"),
    ("orthopaedic, orthopedic", "UK and US spelling"),
    ("haematoma, hematoma", "UK and US spelling"),
    ("haemoglobin, hemoglobin", "UK and US spelling"),
    ("anaesthetic, anesthetic", "UK and US spelling"),
    ("caesarean, cesarean, c-section", "UK and US spelling; lay word"),
    ("mum, mom, mother", "UK and US words"),
    ("holiday, vacation, trip abroad, going abroad", "UK and US words"),
    ("999, 911, ambulance", "UK and US emergency numbers"),
    ("haematologist, hematologist, haemophilia doctor, blood doctor, lead doctor",
     "UK and US spelling; lay words (a haemophilia centre's lead doctor is a haematologist)"),
    # Lay words for the words the site uses
    ("children, child, kids, kid", "lay words"),
    ("alcohol, alcoholic drinks, beer, wine, booze", "lay words"),
    ("painkillers, painkiller, pain killers, pain relief, analgesics", "lay words"),
    ("symptoms, symptom, signs", "lay words"),
    ("diagnosis, diagnosed, diagnose", "forms of the word that stem differently"),
    ("vaccination, vaccinations, vaccine, vaccines, jab, jabs", "lay words"),
    ("pregnant, pregnancy, expecting a baby", "forms of the word that stem differently"),
    ("surgery, operation, operations, surgical", "lay word for a medical one"),
    ("dentist, dental, teeth, tooth", "lay words"),
    ("nosebleed, nosebleeds, nose bleed, nose bleeds", "ways to write it"),
    ("blood clot, blood clots, thrombosis, deep vein thrombosis, DVT", "lay words for a medical one"),
    ("contraception, birth control, condoms", "lay words"),
    ("semen, sperm", "lay word"),
    ("give blood, donate blood, blood donation, blood donor, blood donors", "ways to say it"),
    ("medical alert, medic alert, medicalert, medical ID", "ways to say it"),
    ("exercise, sport, sports, physical activity", "lay words"),
    ("job, jobs, employer, workplace", "lay words"),
    ("worried, worry, anxious, anxiety, stressed", "lay words"),
    ("feeling low, feeling down, depressed, depression, low mood", "lay words"),
    ("cost, price", "lay words"),
    ("raised, high, higher, rise, rising, increased", "how families describe a test result going up"),
    ("twice, second dose, second time, redosing, re-dosing", "ways to ask about a second treatment"),
    ("waiting list, waiting lists, waiting time, waiting times, wait", "ways to say it"),
    ("life expectancy, lifespan, life span, live a long life, long and healthy life, normal life",
     "lay words"),
    ("inherited, inheritance, inherit, hereditary, passed on in families, runs in families, "
     "runs in the family", "lay words"),
    ("side effects, side affects, side effect", "a common misspelling that is also a word"),
    ("liver cancer, hepatocellular carcinoma, HCC", "lay words for a medical one"),
    # Brand and medicine names
    ("Beqvez, Durveqtix, fidanacogene elaparvovec", "US and EU brand names and medicine name"),
    ("Hympavzi, marstacimab", "brand and medicine name"),
    ("Alhemo, concizumab", "brand and medicine name"),
    ("Qfitlia, fitusiran", "brand and medicine name"),
    ("Alprolix, eftrenonacog alfa", "brand and medicine name"),
    ("Idelvion, albutrepenonacog alfa", "brand and medicine name"),
    ("Refixia, Rebinyn, nonacog beta pegol", "UK and US brand names and medicine name"),
]


def seed(apps, schema_editor):
    SynonymGroup = apps.get_model("search", "SynonymGroup")
    for words, note in SEED:
        SynonymGroup.objects.get_or_create(words=words, defaults={"note": note})


def unseed(apps, schema_editor):
    SynonymGroup = apps.get_model("search", "SynonymGroup")
    SynonymGroup.objects.filter(words__in=[words for words, _ in SEED]).delete()


class Migration(migrations.Migration):
    dependencies = [("search", "0003_editors_manage_search")]

    operations = [migrations.RunPython(seed, unseed)]
