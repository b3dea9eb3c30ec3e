"""Normalisation of German citizen language for the catalog search.

Text is folded so that spelling variants meet (Führerschein, fuehrerschein and
fuhrerschein all become ``fuhrerschein``) and reduced by a light German suffix
stemmer (abmelden and Abmeldung both become ``abmeld``). The same function runs on
the stored search text and on the query, so PostgreSQL's trigram similarity then
only has to bridge typos, compounds and half-typed words.
"""

import re
import unicodedata

_FOLDINGS = (("ä", "a"), ("ae", "a"), ("ö", "o"), ("oe", "o"), ("ü", "u"), ("ue", "u"))
_SUFFIXES = ("ungen", "ung", "ern", "em", "en", "er", "es", "e")
_S_ENDING = "bdfghklmnrt"  # Snowball's valid letters before a plural/genitive -s
_WORD = re.compile(r"[a-z0-9]+")
_MIN_STEM = 4
# Words a caller uses for almost any service: a match on them alone says nothing
# about which service is meant ("Personalausweis beantragen" is not "Begleitetes
# Fahren beantragen"). Stemmed as the query is.
_GENERIC = (
    "beantragen beantragt Antrag Anträge brauche benötige möchte will wollen "
    "bekommen machen haben ich mein meine meinen mir ein eine einen der die das "
    "den dem für mit wie was wo wann neu neuer neues bitte Frage Fragen Auskunft"
)
# shorter words ("weg", "usa", "kfz") only count when nothing longer is asked for
_MIN_DISTINCTIVE = 4


def fold(text):
    """Lower-case, umlaut- and accent-insensitive form of ``text``."""
    text = (text or "").lower().replace("ß", "ss")
    for source, target in _FOLDINGS:
        text = text.replace(source, target)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def stem(word):
    """Strip one common German inflection suffix, keeping a stem of 4+ letters."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= _MIN_STEM:
            return word[: -len(suffix)]
    if word.endswith("s") and len(word) > _MIN_STEM and word[-2] in _S_ENDING:
        return word[:-1]
    return word


def tokens(text):
    """The normalised words of ``text``, in order, without duplicates."""
    seen = []
    for word in _WORD.findall(fold(text)):
        word = stem(word)
        if word not in seen:
            seen.append(word)
    return seen


def normalize(*texts):
    """One normalised search string built from several texts."""
    words = []
    for text in texts:
        words.extend(token for token in tokens(text) if token not in words)
    return " ".join(words)


_GENERIC_WORDS = frozenset(tokens(_GENERIC))


def distinctive(words):
    """Positions of the query ``words`` (normalised) that tell services apart:
    not generic, and of 4+ letters unless the query has no such word."""
    specific = [i for i, word in enumerate(words) if word not in _GENERIC_WORDS]
    long_words = [i for i in specific if len(words[i]) >= _MIN_DISTINCTIVE]
    return long_words or specific


def is_confident(words, covered, named):
    """Whether a service surely is what the caller asked for.

    ``covered``: positions of the query ``words`` the service matched anywhere;
    ``named``: those it matched in its name or keywords. The service must match
    every distinctive word (not only a generic verb like "beantragen"), and at
    least one of them by name: a service that merely lists a "Personalausweis"
    among its documents is not the Personalausweis service.
    """
    wanted = set(distinctive(words))
    return bool(wanted) and wanted <= set(covered) and bool(wanted & set(named))
