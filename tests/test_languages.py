"""Language detection from stop-word shares."""

from __future__ import annotations

import pytest

from service.languages import detect_language

ENGLISH = "I built the data platform for the team and I was responsible for the quality of the models that we put in production. " * 2
FRENCH = (
    "J'ai construit la plateforme de données pour l'équipe et je suis responsable de la qualité des modèles que nous avons mis en production. "
    * 2
)
GERMAN = (
    "Ich habe die Datenplattform für das Team gebaut und ich war für die Qualität der Modelle verantwortlich, die wir in Produktion gebracht haben. "
    * 2
)
SPANISH = "Construí la plataforma de datos para el equipo y fui responsable de la calidad de los modelos que pusimos en producción. " * 2


@pytest.mark.parametrize(("text", "language"), [(ENGLISH, "en"), (FRENCH, "fr"), (GERMAN, "de"), (SPANISH, "es")])
def test_languages(text, language):
    assert detect_language(text) == language


def test_too_little_text_is_unknown():
    assert detect_language("Python SQL Docker") is None


def test_a_list_of_tools_is_not_taken_for_another_language():
    tools = "Platform: Ubuntu/Fedora/CentOS/Windows Database: MySQL Languages: Python, TensorFlow, NumPy, C, C++ " * 4
    assert detect_language(tools) in (None, "en")
