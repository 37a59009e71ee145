"""Language detection: the script first, then py3langid on the body text of the resume."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import py3langid.langid
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from py3langid.langid import LanguageIdentifier

from service import languages
from service.documents import read_document
from service.languages import detect_language
from service.matching import find_skills
from service.sections import split_sections
from service.signals import find_signals

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

# Synthetic resumes, written for these tests: terse, with English tool names, as real ones are.
FRENCH_RESUME = """Camille Martin
Ingénieure Machine Learning
camille.martin@example.fr | +33 6 12 34 56 78 | github.com/cmartin

PROFIL
Ingénieure spécialisée dans la mise en production de modèles de vision et de langage.

EXPÉRIENCE PROFESSIONNELLE
Ingénieure ML, Société Générale, Paris (2021 - aujourd'hui)
- Conception d'un pipeline d'entraînement avec PyTorch et MLflow sur Kubernetes
- Mise en place du suivi des modèles en production avec Prometheus et Grafana
- Réduction de 40 % du temps d'inférence grâce à ONNX et TensorRT
Data Scientist, Criteo, Grenoble (2018 - 2021)
- Modèles de prédiction du taux de clic sur des milliards d'événements avec Spark et XGBoost
- Encadrement de deux stagiaires et animation des revues de code

FORMATION
Diplôme d'ingénieur, École Centrale de Lyon (2018)
Master Mathématiques, Vision, Apprentissage, ENS Paris-Saclay (2017)

COMPÉTENCES
Python, SQL, Docker, Kubernetes, PyTorch, TensorFlow, Spark, Airflow, AWS, GCP, Git
Langues : français (langue maternelle), anglais (courant), espagnol (notions)
"""

GERMAN_RESUME = """Jonas Becker
Data Engineer
jonas.becker@example.de | München

BERUFSERFAHRUNG
Senior Data Engineer, Allianz, München (03/2020 - heute)
- Aufbau einer Datenplattform auf Basis von Kafka, Spark und Delta Lake für das Risikomanagement
- Entwicklung und Betrieb von ETL-Strecken mit Airflow und dbt in der Cloud (AWS, Terraform)
- Verantwortlich für die Datenqualität und die Einarbeitung neuer Kolleginnen und Kollegen
Data Engineer, Zalando, Berlin (2017 - 2020)
- Migration der Berichte von Oracle nach Snowflake und Automatisierung der Tests mit Python

AUSBILDUNG
M.Sc. Informatik, Technische Universität München (2017)
B.Sc. Wirtschaftsinformatik, Universität Mannheim (2015)

KENNTNISSE
Python, Scala, SQL, Spark, Kafka, Airflow, dbt, Docker, Kubernetes, Terraform, AWS
Sprachen: Deutsch (Muttersprache), Englisch (verhandlungssicher)
"""

SPANISH_RESUME = """Lucía Fernández
Científica de Datos
lucia.fernandez@example.es | Madrid

EXPERIENCIA
Científica de Datos, Telefónica, Madrid (2020 - actualidad)
- Desarrollo de modelos de predicción de abandono de clientes con Python, scikit-learn y XGBoost
- Diseño de experimentos A/B y análisis de resultados para el equipo de producto
- Automatización de informes semanales con SQL, Airflow y Tableau
Analista de Datos, BBVA, Bilbao (2017 - 2020)
- Limpieza y análisis de datos de transacciones con Pandas y Spark

FORMACIÓN
Máster en Ciencia de Datos, Universidad Politécnica de Madrid (2017)
Grado en Matemáticas, Universidad de Sevilla (2016)

HABILIDADES
Python, R, SQL, Spark, Pandas, scikit-learn, XGBoost, Tableau, Git, Docker
Idiomas: español (nativo), inglés (avanzado)
"""

PORTUGUESE_RESUME = """Rafael Oliveira
Engenheiro de Machine Learning
rafael.oliveira@example.com.br | São Paulo

EXPERIÊNCIA PROFISSIONAL
Engenheiro de Machine Learning, Nubank, São Paulo (2021 - atual)
- Desenvolvimento de modelos de detecção de fraude em tempo real com PyTorch e Kafka
- Implantação dos modelos em produção com Docker, Kubernetes e monitoramento no Grafana
- Responsável pela melhoria contínua dos processos de treinamento e avaliação
Cientista de Dados, Itaú Unibanco, São Paulo (2018 - 2021)
- Criação de modelos de crédito com XGBoost e análise de dados com SQL e Spark

FORMAÇÃO ACADÊMICA
Mestrado em Ciência da Computação, Universidade de São Paulo (2018)
Bacharelado em Engenharia Elétrica, Universidade Estadual de Campinas (2016)

HABILIDADES
Python, SQL, PyTorch, TensorFlow, Kafka, Spark, Docker, Kubernetes, AWS
Idiomas: português (nativo), inglês (fluente), espanhol (intermediário)
"""

CHINESE_RESUME = """张伟
机器学习工程师
zhang.wei@example.cn | 北京

工作经历
高级机器学习工程师，字节跳动，北京（2020 - 至今）
- 负责推荐系统排序模型的训练与上线，使用 PyTorch 和 TensorFlow
- 基于 Kubernetes 和 Docker 搭建模型服务平台，日均请求量超过十亿次
- 使用 Spark 和 Hive 处理用户行为数据，构建特征工程流水线
算法工程师，阿里巴巴，杭州（2017 - 2020）
- 参与搜索广告点击率预估模型的研发，使用 XGBoost 和 SQL 进行数据分析

教育背景
清华大学 计算机科学与技术 硕士（2017）
浙江大学 软件工程 学士（2014）

专业技能
Python, C++, SQL, PyTorch, TensorFlow, Spark, Hive, Kafka, Docker, Kubernetes, Linux, Git
"""

JAPANESE_RESUME = """佐藤 健太
データサイエンティスト
kenta.sato@example.jp | 東京

職務経歴
データサイエンティスト、楽天株式会社、東京（2019年 - 現在）
- Python と SQL を用いた顧客データの分析と需要予測モデルの開発を担当
- Spark と Airflow によるデータパイプラインの構築および運用
- 分析結果を経営陣に報告し、マーケティング施策の改善に貢献しました
データアナリスト、株式会社メルカリ、東京（2016年 - 2019年）
- Tableau を使ったダッシュボードの作成と A/B テストの設計

学歴
東京大学大学院 情報理工学系研究科 修士課程 修了（2016年）

スキル
Python, R, SQL, Spark, Airflow, Tableau, scikit-learn, Docker, AWS
"""

ENGLISH_RESUME_WITH_FOREIGN_NAMES = """Emily Carter
Machine Learning Engineer
emily.carter@example.com | London

EXPERIENCE
Machine Learning Engineer, Deutsche Bahn Fernverkehr AG, Frankfurt am Main (2020 - Present)
- Built and deployed demand forecasting models with PyTorch and Docker on Kubernetes
- Worked with the pricing team to reduce model latency and improve monitoring
Data Scientist, Bürgerliches Versicherungswerk Süd, Stuttgart (2017 - 2020)
- Developed churn models and led the migration of reports from SAS to Python

EDUCATION
Master of Science in Computer Science, Université Paris-Saclay, École normale supérieure (2017)
Exchange semester at Institut national des sciences appliquées de Lyon
Bachelor of Science in Mathematics, University of Bristol (2015)

SKILLS
Python, SQL, PyTorch, scikit-learn, Docker, Kubernetes, Airflow, AWS
Languages: English (native), French (fluent), German (professional)
"""

RUSSIAN_RESUME = """Иван Петров
Инженер по машинному обучению
ivan.petrov@example.ru | Москва

ОПЫТ РАБОТЫ
Ведущий инженер, Яндекс, Москва (2019 - настоящее время)
- Разработка и внедрение моделей ранжирования с использованием PyTorch и CatBoost
- Построение конвейеров обработки данных на Spark и ClickHouse
Аналитик данных, Сбербанк, Москва (2016 - 2019)
- Анализ данных клиентов и подготовка отчетов для руководства с помощью SQL и Python

ОБРАЗОВАНИЕ
Московский физико-технический институт, магистр прикладной математики (2016)

НАВЫКИ
Python, SQL, PyTorch, CatBoost, Spark, ClickHouse, Docker, Kubernetes, Git
"""


@pytest.mark.parametrize(("text", "language"), [(ENGLISH, "en"), (FRENCH, "fr"), (GERMAN, "de"), (SPANISH, "es")])
def test_languages(text, language):
    assert detect_language(text) == language


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (FRENCH_RESUME, "fr"),
        (GERMAN_RESUME, "de"),
        (SPANISH_RESUME, "es"),
        (PORTUGUESE_RESUME, "pt"),
        (CHINESE_RESUME, "zh"),
        (JAPANESE_RESUME, "ja"),
        (RUSSIAN_RESUME, "ru"),
    ],
    ids=["fr", "de", "es", "pt", "zh", "ja", "ru"],
)
def test_a_resume_with_english_tool_names_keeps_its_language(text, language):
    assert detect_language(text) == language


def test_an_english_resume_naming_a_french_university_and_a_german_employer_stays_english():
    assert detect_language(ENGLISH_RESUME_WITH_FOREIGN_NAMES) == "en"


def test_a_chinese_name_on_an_english_resume_does_not_make_it_chinese():
    assert detect_language("王小明 (Wang Xiaoming)\n" + ENGLISH_RESUME_WITH_FOREIGN_NAMES) == "en"


def test_a_french_resume_that_is_mostly_lists_of_tools_is_still_french():
    tools = "Python, SQL, Docker, Kubernetes, PyTorch, TensorFlow, Spark, Airflow, AWS, GCP, Git, Linux, Terraform\n" * 5
    assert detect_language(tools + FRENCH_RESUME) == "fr"


@pytest.mark.parametrize("text", ["Python SQL Docker", "Camille Martin\nIngénieure Machine Learning\nParis", "张伟 机器学习工程师", ""])
def test_too_little_text_is_unknown(text):
    assert detect_language(text) is None


def test_a_list_of_tools_is_not_taken_for_another_language():
    tools = "Platform: Ubuntu/Fedora/CentOS/Windows Database: MySQL Languages: Python, TensorFlow, NumPy, C, C++ " * 4
    assert detect_language(tools) in (None, "en")


def test_detection_is_deterministic_and_needs_no_network():
    texts = [FRENCH_RESUME, GERMAN_RESUME, CHINESE_RESUME, JAPANESE_RESUME, ENGLISH_RESUME_WITH_FOREIGN_NAMES]
    here = [detect_language(text) for text in texts]
    assert here == [detect_language(text) for text in texts]
    # A fresh process with every socket refused loads the model from the wheel and answers the same.
    code = (
        "import json, socket, sys\n"
        "def refuse(*args, **kwargs): raise OSError('no network')\n"
        "socket.socket.connect = socket.create_connection = socket.getaddrinfo = refuse\n"
        "from service.languages import detect_language\n"
        "print(json.dumps([detect_language(text) for text in json.load(sys.stdin)]))"
    )
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "PYTHONHASHSEED": "1"}
    done = subprocess.run(
        [sys.executable, "-c", code],
        input=json.dumps(texts),
        capture_output=True,
        text=True,
        check=True,
        env=env,
        cwd=Path(__file__).parent.parent,
    )
    assert json.loads(done.stdout) == here


# Resumes in French, German, Spanish and Chinese are read for their sections, degrees and papers:
# the lexicon holds those languages' headings and degree forms.
CHINESE_RESUME = """王小明
博士研究生
wang.xm@example.cn
教育背景
清华大学 计算机科学与技术 2021 年 – 至今
身份: 在读博士生
北京大学 2017 年 – 2021 年
学位: 学士
学术成果
[1] Wang X., Li Y. Fast Sparse Attention for Long Documents. NeurIPS 2023.
[2] Wang X., Zhang S. Efficient Dataflow Scheduling on Reconfigurable Chips. ICLR 2024.
专业技能
Python, PyTorch, CUDA
"""
FRENCH_DOCTORATE = FRENCH_RESUME.replace(
    "Diplôme d'ingénieur, École Centrale de Lyon (2018)", "Doctorat en informatique, Université de Lyon (2018)"
)


TODAY = date(2026, 6, 15)


def sections_and_signals(text: str, nlp, taxonomy):
    sections = split_sections(read_document(text, max_bytes=10**7, max_pages=5, max_characters=10**6))
    return [s.name for s in sections], find_signals(sections, find_skills(sections, nlp), taxonomy, nlp, TODAY)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (FRENCH_RESUME, ["header", "summary", "experience", "education", "skills"]),
        (GERMAN_RESUME, ["header", "experience", "education", "skills"]),
        (CHINESE_RESUME, ["header", "education", "publications", "skills"]),
    ],
)
def test_the_headings_of_other_languages_open_their_sections(blank_nlp, taxonomy, text, expected):
    names, _ = sections_and_signals(text, blank_nlp, taxonomy)
    assert names == expected


def test_a_chinese_resume_shows_its_doctorate_in_progress_and_its_papers(blank_nlp, taxonomy):
    _, signals = sections_and_signals(CHINESE_RESUME, blank_nlp, taxonomy)
    levels = {entry.degree_level: entry.in_progress for entry in signals.education}
    assert levels == {"doctorate": True, "bachelor": False}
    assert len(signals.publications) == 2 and all(paper.top_venue for paper in signals.publications)


def test_a_french_doctorate_is_a_doctorate(blank_nlp, taxonomy):
    _, signals = sections_and_signals(FRENCH_DOCTORATE, blank_nlp, taxonomy)
    assert {entry.degree_level for entry in signals.education} == {"doctorate", "master"}


@pytest.mark.parametrize(
    ("top", "name"),
    [
        ("王小明", "王小明"),
        ("个人简历\n王小明", "王小明"),
        ("김민준", "김민준"),
        ("个人简历", None),
        ("求职意向", None),  # "job objective": a heading, no name
        ("个人信息\n王小明", "王小明"),  # under a heading of personal details
        ("个人信息\n姓名：王小明", "王小明"),  # labelled
    ],
)
def test_a_chinese_or_korean_name_at_the_top_is_the_name(blank_nlp, taxonomy, top, name):
    text = CHINESE_RESUME.replace("王小明\n", top + "\n", 1)
    assert sections_and_signals(text, blank_nlp, taxonomy)[1].name == name


# Tokens of every shape the body reader tells apart: words, tools, initials, accents, addresses
TOKEN_LETTERS = "aeKkSsxyzPTQLhtp" + "ÉéçßİıſКǅ" + "0123456789" + "./@:-'’" + "!,;()[]«»"
# Tokens next to the line between a word and a tool's name
EDGE_TOKENS = ["http:,", "https://x", "etc.,", "(SQL", "(Sql", "data,", "team.", "e-mail.", ".net", "a.b", "(ǅa", "x@y", "«été»", "a:b"]


@given(tokens=st.lists(st.text(alphabet=TOKEN_LETTERS, min_size=1, max_size=8) | st.sampled_from(EDGE_TOKENS), max_size=12))
@settings(max_examples=1000, deadline=None)
def test_words_of_a_line_as_the_patterns_read_them(tokens):
    """A token of ASCII letters is judged by its capitals alone; the same words as the patterns'."""
    line = " ".join(tokens)
    by_patterns = [
        word
        for token in line.split()
        if not languages.TOOL_TOKEN.fullmatch(token) and languages.LATIN_WORD.fullmatch(word := token.strip(languages.PUNCTUATION))
    ]
    assert languages._words(line) == by_patterns


def body_by_definition(text: str) -> str:
    """The body text as its definition reads: sentence lines by their share of lowercase words."""
    lines = [languages._words(line) for line in text.splitlines()]

    def is_sentence(words):
        lower = sum(word[0].islower() for word in words)
        return lower >= languages.MIN_LOWER_WORDS and lower >= languages.MIN_LOWER_SHARE * len(words)

    sentences = [words for words in lines if is_sentence(words)]
    if sum(len(words) for words in sentences) >= languages.MIN_BODY_WORDS:
        lines = sentences
    return "\n".join(" ".join(words[:1] + [word for word in words[1:] if word[0].islower()]) for words in lines if words)


BODY_TOKENS = st.sampled_from(["the", "data", "of", "Team", "SQL", "PyTorch", "équipe", "Über", "-", "2020", "team."]) | st.text(
    alphabet=TOKEN_LETTERS, min_size=1, max_size=6
)


@given(lines=st.lists(st.lists(BODY_TOKENS, max_size=10), max_size=10), breaks=st.sampled_from(["\n", "\r\n", "\u2028", " \n\n"]))
@settings(max_examples=500, deadline=None)
def test_the_body_text_is_the_sentence_lines_by_their_definition(lines, breaks):
    text = breaks.join(" ".join(tokens) for tokens in lines)
    assert languages._body(text) == body_by_definition(text)


@given(
    text=st.text(
        alphabet="ab \n" + "".join(chr(c) for c in range(0x0370, 0x0380)) + "\u4e00\uac00\u0e01\u0900\u05d0\u0627\u0416", max_size=20
    )
)
@settings(max_examples=300, deadline=None)
def test_one_class_finds_a_letter_of_any_script(text):
    any_script = any(script.letters.search(text) for script in languages.SCRIPTS)
    assert (languages.NON_LATIN.search(text) is not None) == any_script


# The model's scores: the identifier's walk over a text's bytes by arrays gives py3langid's own
# scores, to the last bit, for any text.
RESUMES = [
    FRENCH_RESUME,
    GERMAN_RESUME,
    SPANISH_RESUME,
    PORTUGUESE_RESUME,
    CHINESE_RESUME,
    JAPANESE_RESUME,
    RUSSIAN_RESUME,
    ENGLISH_RESUME_WITH_FOREIGN_NAMES,
]
# Words of several languages and scripts, for texts in which words come back as they do in prose
WORDS = (
    "the and of data team Python SQL équipe données für Qualität Straße ação São "
    "机器 学习 工程师 データ 分析 데이터 분석 Москва данных Αθήνα δεδομένα שלום بيانات डेटा ข้อมูล"
).split()


@pytest.fixture(scope="module")
def identifiers():
    """The service's identifier and a plain py3langid one on the same model tables."""
    fast = languages._identifier()
    plain = LanguageIdentifier(fast.nb_ptc, fast.nb_pc, fast.nb_classes, fast.tk_nextmove, fast.tk_output, tk_row=fast.tk_row)
    return fast, plain


def assert_same_scores(identifiers, text):
    fast, plain = identifiers
    assert type(fast) is not LanguageIdentifier  # the walk by arrays is the one under test
    ranking = plain.rank(text)
    assert fast.rank(text) == ranking  # the same languages in the same order, the same floats
    assert fast.scores(text) == dict(ranking)


@pytest.mark.parametrize("text", RESUMES, ids=["fr", "de", "es", "pt", "zh", "ja", "ru", "en"])
def test_resumes_score_as_py3langid_scores_them(identifiers, text):
    assert_same_scores(identifiers, text)
    assert_same_scores(identifiers, languages._body(text))


@pytest.mark.parametrize("text", ["", " ", "a", "\x00", "ALL CAPITALS HEADING", "\n".join(RESUMES) * 3, "é" * 5000, b"\xff\xfe data"])
def test_edge_texts_score_as_py3langid_scores_them(identifiers, text):
    assert_same_scores(identifiers, text)


@given(text=st.text(max_size=400))
@settings(max_examples=300, deadline=None)
def test_any_text_scores_as_py3langid_scores_it(identifiers, text):
    assert_same_scores(identifiers, text)


@given(words=st.lists(st.sampled_from(WORDS), max_size=200), separators=st.sampled_from([" ", "\n", ", ", ""]))
@settings(max_examples=200, deadline=None)
def test_repeated_words_of_many_languages_score_as_py3langid_scores_them(identifiers, words, separators):
    assert_same_scores(identifiers, separators.join(words))


@given(data=st.binary(max_size=300))
@settings(max_examples=200, deadline=None)
def test_any_bytes_score_as_py3langid_scores_them(identifiers, data):
    assert_same_scores(identifiers, data)


def test_text_is_walked_by_arrays_not_a_byte_at_a_time(identifiers, monkeypatch):
    """The model's states remember a few bytes only, so the rounds settle and py3langid's own walk is
    not needed."""

    def refuse(*args):
        raise AssertionError("walked a byte at a time")

    monkeypatch.setattr(py3langid.langid, "visit_counts", refuse)
    for text in RESUMES:
        identifiers[0].rank(text)


def test_a_text_the_rounds_do_not_settle_is_walked_by_py3langid(identifiers, monkeypatch):
    monkeypatch.setattr(languages, "WALK_ROUNDS", 2)
    for text in RESUMES:
        assert_same_scores(identifiers, text)


def language_by_definition(text: str) -> str | None:
    """detect_language as its definition reads: every script's letters counted in full."""
    text = text[: languages.MAX_CHARACTERS]
    found = {script: script.letters.findall(text) for script in languages.SCRIPTS}
    total = len(languages.LATIN_WORD.findall(text)) + sum(len(words) for words in found.values())
    if total < languages.MIN_WORDS:
        return None
    script, words = max(found.items(), key=lambda item: len(item[1]))
    if len(words) >= languages.MIN_SCRIPT_SHARE * total:
        return languages._best((" " if script.spaced else "").join(words), script.languages)
    return languages._latin_language(text)


@given(
    words=st.lists(
        st.sampled_from(["the", "data", "équipe", "für", "SQL", "2020", "-", "e-commerce", "d'ingénieur"]), min_size=20, max_size=40
    ),
    other=st.sampled_from(["", "张伟", "Москва", "データ", "김민준 데이터"]),
)
@settings(max_examples=200, deadline=None)
def test_the_language_as_its_definition_reads(words, other):
    text = " ".join(words) + ("\n" + other if other else "")
    assert detect_language(text) == language_by_definition(text)
