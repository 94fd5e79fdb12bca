"""US to UK spellings, so "hemophilia" finds pages written in UK English."""

import re

US_TO_UK = {
    "hemophilia": "haemophilia",
    "hemophiliac": "haemophiliac",
    "hemorrhage": "haemorrhage",
    "hemarthrosis": "haemarthrosis",
    "hematology": "haematology",
    "hematologist": "haematologist",
    "anemia": "anaemia",
    "estrogen": "oestrogen",
    "pediatric": "paediatric",
    "color": "colour",
    "center": "centre",
    "centers": "centres",
    "counseling": "counselling",
    "diarrhea": "diarrhoea",
}

_WORD = re.compile(r"[a-z]+", re.IGNORECASE)


def with_uk_spellings(text):
    """Return text with known US spellings swapped for UK ones."""
    return _WORD.sub(lambda m: US_TO_UK.get(m.group(0).lower(), m.group(0)), text)
