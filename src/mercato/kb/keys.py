"""Keys for people and clubs, so that names written differently fold to one key.

The store indexes claims by these keys and stories group claims by them, so they sit with the
knowledge base's other name folding, below both.
"""

from __future__ import annotations

from functools import lru_cache

from mercato.kb.normalise import normalise_alias

# Words that only say "football club" or a legal form; dropped so "Arsenal FC" is "arsenal".
_CLUB_NOISE = frozenset(
    ["fc", "afc", "cf", "sc", "ac", "ssc", "as", "ss", "us", "cd", "ud", "rc", "rcd", "sv", "vfb", "vfl", "tsg", "fk", "sk", "bk", "if", "ff", "kv", "krc", "sl", "cfc", "acf", "bc", "uc", "sfc", "ogc", "osc", "losc", "asd", "club", "football", "futbol", "calcio", "de", "hotspur"]
)
# English press names mapped to one key; only names a plain token rule gets wrong belong here.
_CLUB_KEYS = {
    "man utd": "manchester united",
    "man united": "manchester united",
    "manchester utd": "manchester united",
    "man city": "manchester city",
    "spurs": "tottenham",
    "wolves": "wolverhampton wanderers",
    "psg": "paris saint-germain",
    "paris st-germain": "paris saint-germain",
    "paris sg": "paris saint-germain",
    "paris": "paris saint-germain",
    "inter": "internazionale",
    "inter milan": "internazionale",
    "internazionale milano": "internazionale",
    "ac milan": "milan",
    "bayern": "bayern munich",
    "bayern munchen": "bayern munich",
    "fc bayern munchen": "bayern munich",
    "atletico": "atletico madrid",
    "atletico de madrid": "atletico madrid",
    "club atletico de madrid": "atletico madrid",
    "barca": "barcelona",
    "juve": "juventus",
    "dortmund": "borussia dortmund",
    "bvb": "borussia dortmund",
    "gladbach": "borussia monchengladbach",
    "monchengladbach": "borussia monchengladbach",
    "leverkusen": "bayer leverkusen",
    "bayer 04 leverkusen": "bayer leverkusen",
    "leipzig": "rb leipzig",
    "rasenballsport leipzig": "rb leipzig",
    "marseille": "olympique marseille",
    "olympique de marseille": "olympique marseille",
    "lyon": "olympique lyon",
    "olympique lyonnais": "olympique lyon",
    "sporting lisbon": "sporting cp",
    "sporting": "sporting cp",
    "brighton and hove albion": "brighton & hove albion",
    "brighton": "brighton & hove albion",
    "west brom": "west bromwich albion",
    "sheff utd": "sheffield united",
    "nottm forest": "nottingham forest",
    "forest": "nottingham forest",
    "qpr": "queens park rangers",
    "betis": "real betis",
    "real betis balompie": "real betis",
    "sociedad": "real sociedad",
    "celta": "celta vigo",
    "rc celta de vigo": "celta vigo",
    "celta de vigo": "celta vigo",
    "newcastle": "newcastle united",
    "west ham": "west ham united",
    "leeds": "leeds united",
    "leicester": "leicester city",
    "norwich": "norwich city",
    "aston villa": "aston villa",
    "villa": "aston villa",
}
# Single tokens that name several clubs; they match nothing on their own.
_AMBIGUOUS = frozenset(
    ["manchester", "madrid", "real", "sporting", "athletic", "united", "city", "borussia", "olympique", "racing", "inter", "milan", "bayer", "rb", "albion", "wanderers", "rovers", "county", "town", "dynamo", "dinamo", "young", "boys", "sheffield", "bristol", "nottingham", "west", "stade", "saint", "st", "lisbon", "london"]
)
_PARTICLES = frozenset({"de", "da", "van", "von", "der", "den", "di", "la", "le", "dos", "das", "del"})
_SUFFIXES = frozenset({"jr", "junior", "snr", "sr", "ii", "iii"})


@lru_cache(maxsize=65536)
def person_key(name: str) -> str:
    """Casefolded, accent- and punctuation-free full name ("Martin Ødegaard" -> "martin odegaard")."""
    return normalise_alias(name).replace("-", " ")


@lru_cache(maxsize=65536)
def surname_key(name: str) -> str:
    """The surname, with its particles ("Virgil van Dijk" -> "van dijk"; "Kane" -> "kane")."""
    tokens = [t for t in person_key(name).split() if t not in _SUFFIXES]
    if not tokens:
        return ""
    surname = [tokens[-1]]
    for token in reversed(tokens[:-1]):
        if token not in _PARTICLES:
            break
        surname.insert(0, token)
    return " ".join(surname)


@lru_cache(maxsize=65536)
def is_surname_only(name: str) -> bool:
    """True when a name is only a surname (one word, or particles and one word)."""
    return surname_key(name) == " ".join(
        t for t in person_key(name).split() if t not in _SUFFIXES
    )


def persons_match(a: str, b: str) -> bool:
    """Same person: equal keys, or one is the other's surname alone (a surname rule)."""
    ka, kb = person_key(a), person_key(b)
    if not ka or not kb:
        return False
    if ka == kb:
        return True
    if is_surname_only(a) or is_surname_only(b):
        return surname_key(a) == surname_key(b)
    # Same surname and one first name given as its initial: "I. Castor" for "Ilan Castor".
    first_a, first_b = ka.split()[0], kb.split()[0]
    is_initial = (len(first_a) == 1 or len(first_b) == 1) and first_a[0] == first_b[0]
    return surname_key(a) == surname_key(b) and is_initial


@lru_cache(maxsize=65536)
def club_key(name: str | None) -> str:
    """One key per club however the press writes it ("Man Utd", "Manchester United FC")."""
    if not name:
        return ""
    folded = normalise_alias(name)
    if folded in _CLUB_KEYS:
        return _CLUB_KEYS[folded]
    tokens = [t for t in folded.split() if t not in _CLUB_NOISE and not t.isdigit()]
    stripped = " ".join(tokens) or folded
    return _CLUB_KEYS.get(stripped, stripped)


def clubs_match(a: str | None, b: str | None) -> bool:
    """Same club: equal keys, or the shorter key's words all begin the longer one's, unambiguously."""
    ka, kb = club_key(a), club_key(b)
    if not ka or not kb:
        return False
    if ka == kb:
        return True
    short, long_ = sorted((ka.split(), kb.split()), key=len)
    if len(short) == 1:
        # "Palace" for Crystal Palace: one distinctive word anywhere in the longer name.
        return short[0] not in _AMBIGUOUS and short[0] in long_
    return long_[: len(short)] == short
