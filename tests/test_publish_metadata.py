"""datapackage.json, CITATION.cff, .zenodo.json, the codebook and cite(): generated,
valid, and in agreement with each other."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import turaz_data
from turaz_data.cli import main
from turaz_data.publish import citing as cite_mod
from turaz_data.publish import descriptor, metadata
from turaz_data.publish.citing import ARTICLE_KEY, DATASET_KEY
from turaz_data.tables import vocab
from turaz_data.tables.models import TABLES, VOCABULARIES

ROOT = Path(__file__).resolve().parents[1]
CFF_SCHEMA = Path(__file__).parent / "data" / "cff-1.2.0.schema.json"


def _read(rel: str) -> str:
    return (ROOT / rel).read_text(encoding="utf-8")


# --------------------------------------------------------------------------- datapackage.json


def _frictionless_report(path: Path):
    import frictionless

    return frictionless.validate(str(path))


def test_frictionless_validate_has_no_errors_and_no_warnings():
    report = _frictionless_report(ROOT / "datapackage.json")
    assert report.valid, report.flatten(["type", "note"])
    assert report.warnings == []
    assert all(t.warnings == [] for t in report.tasks)
    assert report.stats["warnings"] == 0


def test_frictionless_cli_validate_is_silent_about_warnings():
    r = subprocess.run([str(Path(sys.executable).parent / "frictionless"), "validate", "--json", "datapackage.json"],
                       cwd=ROOT, capture_output=True, text=True)
    report = json.loads(r.stdout)
    assert r.returncode == 0 and report["valid"] and report["warnings"] == [] and report["stats"]["errors"] == 0


def test_descriptor_has_what_repositories_need():
    dp = json.loads(_read("datapackage.json"))
    assert dp["$schema"] == "https://datapackage.org/profiles/2.0/datapackage.json"
    assert dp["version"] == turaz_data.__version__
    assert dp["created"] == f"{metadata.RELEASE_DATE}T00:00:00Z"
    for key in ("name", "title", "description", "homepage", "keywords", "licenses", "contributors", "sources"):
        assert dp[key], key
    assert "id" not in dp  # until Zenodo mints the DOI (metadata.DOI)
    assert dp["licenses"][0]["name"] == "CC-BY-4.0"
    assert all(c["roles"] for c in dp["contributors"])
    src = dp["sources"][0]
    assert src["path"] == metadata.ARTICLE["url"] and metadata.ARTICLE["title"] in src["title"]
    assert src["authors"] == metadata.ARTICLE["authors"] and src["terms"] == metadata.ARTICLE_TERMS
    assert ("sha256" in src) == bool(metadata.ARTICLE_SHA256)


def test_every_resource_and_field_has_title_and_description():
    dp = json.loads(_read("datapackage.json"))
    for res in dp["resources"]:
        assert res["title"] and res["description"], res["name"]
        for f in res["schema"]["fields"]:
            assert f["title"] and f["description"], (res["name"], f["name"])


def test_coded_fields_have_categories_from_the_vocabularies():
    dp = json.loads(_read("datapackage.json"))
    seen = 0
    for res in dp["resources"]:
        for f in res["schema"]["fields"]:
            enum = f.get("constraints", {}).get("enum")
            if enum:
                seen += 1
                cats = {c["value"]: c["label"] for c in f["categories"]}
                assert list(cats) == enum
                voc = VOCABULARIES.get(f"{res['name']}.{f['name']}") or VOCABULARIES[f["name"]]
                assert cats == voc
    assert seen >= 10


def test_field_titles_are_humanised_or_explicit():
    from turaz_data.tables.fields import field_title
    from turaz_data.tables.models import TABLES_BY_NAME

    works, actors = TABLES_BY_NAME["works"], TABLES_BY_NAME["actors"]
    assert field_title(works, "work_id") == "Work ID"
    assert field_title(actors, "name_en") == "Name (English)"
    assert field_title(TABLES_BY_NAME["arms_transfers"], "deal_type") == "Deal type"


@pytest.fixture
def with_doi(monkeypatch):
    monkeypatch.setattr(metadata, "DOI", "10.5281/zenodo.1234567")
    monkeypatch.setattr(metadata, "ARTICLE_SHA256", "ab" * 32)
    yield "10.5281/zenodo.1234567"


def test_doi_and_article_hash_when_set(with_doi, tmp_path):
    dp = descriptor.datapackage()
    assert dp["id"] == f"https://doi.org/{with_doi}"
    assert dp["sources"][0]["sha256"] == "ab" * 32
    (tmp_path / "tables").symlink_to(ROOT / "tables")
    (tmp_path / "datapackage.json").write_text(descriptor.dumps(dp), encoding="utf-8")
    report = _frictionless_report(tmp_path / "datapackage.json")
    assert report.valid and report.stats["warnings"] == 0
    cff = _yaml(cite_mod.cff_text())
    assert cff["doi"] == cff["preferred-citation"]["doi"] == with_doi
    _validate_cff(cff)
    assert with_doi in cite_mod.cite("text") and with_doi in cite_mod.cite("bibtex")
    assert json.loads(cite_mod.cite("csl-json"))[0]["DOI"] == with_doi
    assert "ab" * 32 in cite_mod.zenodo()["notes"]


# --------------------------------------------------------------------------- CITATION.cff


def _yaml(text: str) -> dict:
    import yaml

    return yaml.safe_load(text)


def _validate_cff(data: dict) -> None:
    import jsonschema

    schema = json.loads(CFF_SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.Draft7Validator(schema, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)
    errors = sorted(validator.iter_errors(data), key=str)
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors)


def test_vendored_cff_schema_is_the_official_one():
    schema = json.loads(CFF_SCHEMA.read_text(encoding="utf-8"))
    assert schema["$id"] == "https://citation-file-format.github.io/1.2.0/schema.json"


def test_citation_cff_is_valid_cff_1_2_0():
    data = _yaml(_read("CITATION.cff"))
    _validate_cff(data)
    assert data["cff-version"] == "1.2.0" and data["type"] == "dataset"
    assert data["preferred-citation"]["type"] == "data"
    assert [r["type"] for r in data["references"]] == ["article"]


def test_cff_validation_catches_a_broken_file():
    data = _yaml(_read("CITATION.cff"))
    del data["authors"]
    data["license"] = "CC-BY-4"
    with pytest.raises(AssertionError, match="authors"):
        _validate_cff(data)


def test_yaml_writer_round_trips_awkward_strings():
    obj = {"a": 'quote " back\\slash: colon # hash', "b": ["- dash", "yes", "1.0", "Özsoy"], "c": [], "d": 3,
           "e": [{"x": "1", "y": {"z": "2020-01-01"}}]}
    assert _yaml(cite_mod.to_yaml(obj)) == obj


# --------------------------------------------------------------------------- agreement


def test_metadata_files_agree():
    dp = json.loads(_read("datapackage.json"))
    cff = _yaml(_read("CITATION.cff"))
    zen = json.loads(_read(".zenodo.json"))
    art = metadata.ARTICLE
    version = turaz_data.__version__
    assert dp["version"] == cff["version"] == cff["preferred-citation"]["version"] == zen["version"] == version
    assert dp["title"] == cff["title"] == cff["preferred-citation"]["title"] == zen["title"]
    assert dp["description"] == cff["abstract"]
    assert dp["keywords"] == cff["keywords"] == zen["keywords"]
    spdx = dp["licenses"][0]["name"]
    assert spdx == cff["license"] == cff["preferred-citation"]["license"] == zen["license"].upper()
    assert dp["created"][:10] == cff["date-released"] == zen["publication_date"] == metadata.RELEASE_DATE
    assert cff["preferred-citation"]["year"] == int(metadata.RELEASE_DATE[:4])
    # the creators
    creators = [c["title"] for c in dp["contributors"] if "creator" in c["roles"]]
    assert [a.get("name") or f"{a['family-names']}, {a['given-names']}" for a in cff["authors"]] == creators
    assert [c["name"] for c in zen["creators"]] == creators
    # the article
    ref = cff["references"][0]
    assert ref["title"] == art["title"] and ref["url"] == art["url"] and ref["year"] == art["year"]
    assert ref["journal"] == art["journal"]
    assert [f"{a['family-names']}, {a['given-names']}" for a in ref["authors"]] == art["authors"]
    assert dp["sources"][0]["path"] == art["url"]
    assert zen["related_identifiers"][0]["identifier"] == (art.get("doi") or art["url"])
    assert zen["related_identifiers"][0]["relation"] == "isDerivedFrom"
    assert art["title"] in zen["references"][0]


def test_cite_formats_agree_with_the_metadata():
    import bibtexparser

    text = turaz_data.cite()
    assert turaz_data.__version__ in text and metadata.ARTICLE["title"] in text and "CC-BY-4.0" in text
    lib = bibtexparser.parse_string(turaz_data.cite("bibtex"))
    assert not lib.failed_blocks
    entries = {e.key: e for e in lib.entries}
    assert set(entries) == {DATASET_KEY, ARTICLE_KEY}
    assert entries[DATASET_KEY]["version"] == turaz_data.__version__
    assert entries[ARTICLE_KEY]["title"] == "{" + metadata.ARTICLE["title"] + "}"
    assert turaz_data.cite("cff") == _read("CITATION.cff")
    items = json.loads(turaz_data.cite("csl-json"))
    assert [i["type"] for i in items] == ["dataset", "article-journal"]
    assert items[0]["version"] == turaz_data.__version__ and items[1]["title"] == metadata.ARTICLE["title"]
    with pytest.raises(ValueError, match="use one of: text, bibtex, cff, csl-json"):
        turaz_data.cite("ris")


@pytest.mark.parametrize("fmt", cite_mod.FORMATS)
def test_cite_command(fmt, capsys):
    assert main(["cite", "--format", fmt]) == 0
    assert capsys.readouterr().out == turaz_data.cite(fmt)


def test_cite_command_rejects_unknown_format(capsys):
    assert main(["cite", "--format", "ris"]) == 2
    assert "invalid choice: 'ris'" in capsys.readouterr().err


def test_cheap_modules_import_no_heavy_library():
    code = (
        "import sys, turaz_data, turaz_data.publish.citing, turaz_data.publish.metadata, turaz_data.cli, turaz_data.publish.export, "
        "turaz_data.publish.plot, turaz_data.cli.export, turaz_data.cli.plot\n"
        "turaz_data.cite('bibtex'); turaz_data.cite('cff')\n"
        "from turaz_data.cli import build_parser; build_parser()\n"
        "heavy = {'pandas', 'pandera', 'pydantic', 'frictionless', 'matplotlib', 'pyarrow', 'openpyxl', 'yaml', 'numpy'}\n"
        "print(sorted(heavy & set(m.split('.')[0] for m in sys.modules)))"
    )
    r = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert r.stdout.strip() == "[]"


# --------------------------------------------------------------------------- codebook


def test_codebook_covers_every_table_field_and_code():
    from turaz_data.tables.fields import fields

    text = _read("docs/codebook.md")
    for t in TABLES:
        assert f"\n## {t.name}\n" in text
        for f in fields(t.name):
            assert f"\n### {t.name}.{f.name}: {f.title}\n" in text
            assert f.example is not None, f"{t.name}.{f.name} has no example in the model"
    for name in dir(vocab):
        voc = getattr(vocab, name)
        if name.isupper() and isinstance(voc, dict):
            for code, meaning in voc.items():
                assert f"| `{code}` | {meaning.replace('|', chr(92) + '|')} |" in text, (name, code)


def test_codebook_changes_with_the_models(monkeypatch):
    from turaz_data.publish import codebook

    monkeypatch.setitem(vocab.UNITS, "km", "Kilometres.")
    assert "| `km` | Kilometres. |" in codebook.codebook()
    assert codebook.codebook() != _read("docs/codebook.md")

