"""Discovery metadata: croissant.json (valid under mlcroissant, readable by it), DataCite 4.5
(valid under the datacite package's schema, serialised to XML), and the agreement of every
metadata file on title, version, licence, creators and identifiers."""

from __future__ import annotations

import copy
import hashlib
import json
import subprocess
import sys
from pathlib import Path

import turaz_data
from turaz_data.cli import main
from turaz_data.publish import citing, descriptor, metadata
from turaz_data.publish.croissant import croissant
from turaz_data.tables.models import TABLES
from turaz_data.tables.storage import read_rows

ROOT = Path(__file__).resolve().parents[1]


def _mlcroissant_validate(path: Path) -> subprocess.CompletedProcess:
    exe = Path(sys.executable).parent / "mlcroissant"
    return subprocess.run([str(exe), "validate", "--jsonld", str(path)], capture_output=True, text=True,
                          timeout=300, check=False)


# --------------------------------------------------------------------------- Croissant


def test_mlcroissant_validates_croissant_json():
    r = _mlcroissant_validate(ROOT / "croissant.json")
    assert r.returncode == 0, r.stdout + r.stderr
    assert "error" not in (r.stdout + r.stderr).lower()


def test_mlcroissant_rejects_a_broken_copy(tmp_path):
    doc = json.loads((ROOT / "croissant.json").read_text(encoding="utf-8"))
    broken = copy.deepcopy(doc)
    broken["recordSet"][0]["field"][0]["source"]["fileObject"]["@id"] = "no-such-file"
    (tmp_path / "croissant.json").write_text(json.dumps(broken), encoding="utf-8")
    r = _mlcroissant_validate(tmp_path / "croissant.json")
    assert r.returncode != 0


def test_croissant_files_and_record_sets_follow_the_package():
    doc = croissant()
    dp = descriptor.datapackage()
    files = {f["contentUrl"]: f for f in doc["distribution"]}
    assert set(files) == {r["path"] for r in dp["resources"]}
    for path, f in files.items():
        assert f["sha256"] == hashlib.sha256((ROOT / path).read_bytes()).hexdigest()
    sets = {rs["@id"]: rs for rs in doc["recordSet"]}
    for spec in TABLES:
        res = next(r for r in dp["resources"] if r["name"] == spec.name)
        assert [f["name"] for f in sets[spec.name]["field"]] == [f["name"] for f in res["schema"]["fields"]]
        assert sets[spec.name]["description"] == res["description"]
    ref = next(f for f in sets["events"]["field"] if f["name"] == "footnote")["references"]
    assert ref == {"field": {"@id": "footnotes/footnote"}}
    assert next(f for f in sets["works"]["field"] if f["name"] == "authors")["isArray"] is True


def test_mlcroissant_reads_every_table_as_the_package_does():
    import mlcroissant as mlc

    def plain(v):
        if isinstance(v, list):
            return [plain(x) for x in v]
        return v.decode() if isinstance(v, bytes) else v

    for spec in TABLES:
        # one Dataset per record set: mlcroissant 1.1 mixes up a second record set read from the same object
        got = list(mlc.Dataset(str(ROOT / "croissant.json")).records(spec.name))
        rows = read_rows(spec.name)
        assert len(got) == len(rows), spec.name
        for key in spec.primary_key:
            assert [plain(g[f"{spec.name}/{key}"]) for g in got] == [r[key] for r in rows], spec.name
    events = {plain(g["events/id"]): g for g in mlc.Dataset(str(ROOT / "croissant.json")).records("events")}
    for r in read_rows("events"):
        assert plain(events[r["id"]]["events/actors"]) == r["actors"]  # list cells split on '|'
        assert plain(events[r["id"]]["events/evidence"]) == r["evidence"]


def test_croissant_sha256_changes_with_the_data(package_copy):
    before = {f["contentUrl"]: f["sha256"] for f in croissant(package_copy)["distribution"]}
    path = package_copy.parent / "tables" / "actors.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("Azerbaijan", "Azerbaijan Republic", 1),
                    encoding="utf-8")
    after = {f["contentUrl"]: f["sha256"] for f in croissant(package_copy)["distribution"]}
    assert {k for k in before if before[k] != after[k]} == {"tables/actors.csv"}


# --------------------------------------------------------------------------- DataCite


def test_datacite_record_is_valid_and_serialises_to_xml(capsys):
    from datacite import schema45
    from lxml import etree

    assert main(["cite", "--format", "datacite"]) == 0
    record = json.loads(capsys.readouterr().out)
    assert record == citing.datacite()
    assert schema45.validate(record)
    broken = {k: v for k, v in record.items() if k != "titles"}
    assert not schema45.validate(broken)
    xml = etree.fromstring(schema45.tostring(record).encode("utf-8"))
    ns = {"d": "http://datacite.org/schema/kernel-4"}
    assert xml.findtext("d:titles/d:title", namespaces=ns) == metadata.PACKAGE["title"]
    assert xml.findtext("d:version", namespaces=ns) == turaz_data.__version__
    assert xml.find("d:rightsList/d:rights", namespaces=ns).get("rightsIdentifier") == "cc-by-4.0"
    assert xml.find("d:relatedIdentifiers/d:relatedIdentifier", namespaces=ns).get("relationType") == "IsDerivedFrom"


def test_datacite_with_a_doi(monkeypatch):
    from datacite import schema45
    from lxml import etree

    monkeypatch.setattr(metadata, "DOI", "10.5281/zenodo.1234567")
    record = citing.datacite()
    assert record["doi"] == "10.5281/zenodo.1234567" and record["url"] == "https://doi.org/10.5281/zenodo.1234567"
    assert schema45.validate(record)
    xml = etree.fromstring(schema45.tostring(record).encode("utf-8"))
    ident = xml.find("{http://datacite.org/schema/kernel-4}identifier")
    assert (ident.text, ident.get("identifierType")) == ("10.5281/zenodo.1234567", "DOI")


# --------------------------------------------------------------------------- agreement


def _records() -> dict[str, dict]:
    """What each metadata file says: title, version, licence, creators, DOI, source article."""
    import yaml

    dp = json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    zen = json.loads((ROOT / ".zenodo.json").read_text(encoding="utf-8"))
    cr = json.loads((ROOT / "croissant.json").read_text(encoding="utf-8"))
    dc = citing.datacite()
    return _compare(dp, cff, zen, cr, dc)


def _compare(dp, cff, zen, cr, dc) -> dict[str, dict]:
    lic = "https://creativecommons.org/licenses/by/4.0/"
    spdx = {"CC-BY-4.0": lic, "cc-by-4.0": lic}
    return {
        "datapackage.json": {
            "title": dp["title"], "version": dp["version"], "licence": spdx[dp["licenses"][0]["name"]],
            "creators": [c["title"] for c in dp["contributors"] if "creator" in c["roles"]],
            "doi": dp.get("id"), "source": dp["sources"][0]["path"]},
        "CITATION.cff": {
            "title": cff["title"], "version": cff["version"], "licence": spdx[cff["license"]],
            "creators": [a.get("name") or f"{a['family-names']}, {a['given-names']}" for a in cff["authors"]],
            "doi": f"https://doi.org/{cff['doi']}" if cff.get("doi") else None,
            "source": cff["references"][0]["url"]},
        ".zenodo.json": {
            "title": zen["title"], "version": zen["version"], "licence": spdx[zen["license"]],
            "creators": [c["name"] for c in zen["creators"]],
            "doi": None,  # Zenodo mints the DOI itself: the deposit metadata never carries one
            "source": zen["related_identifiers"][0]["identifier"]},
        "croissant.json": {
            "title": cr["name"], "version": cr["version"], "licence": cr["license"],
            "creators": [c["name"] for c in cr["creator"]], "doi": cr.get("identifier"),
            "source": cr["isBasedOn"]["url"]},
        "DataCite": {
            "title": dc["titles"][0]["title"], "version": dc["version"], "licence": dc["rightsList"][0]["rightsUri"],
            "creators": [c["name"] for c in dc["creators"]],
            "doi": f"https://doi.org/{dc['doi']}" if dc.get("doi") else None,
            "source": dc["relatedIdentifiers"][0]["relatedIdentifier"]},
    }


def test_every_metadata_file_agrees():
    records = _records()
    first = records["datapackage.json"]
    for name, rec in records.items():
        assert rec == first, name
    assert first["version"] == turaz_data.__version__


def test_every_metadata_file_agrees_on_a_doi(monkeypatch):
    import yaml

    monkeypatch.setattr(metadata, "DOI", "10.5281/zenodo.1234567")
    records = _compare(descriptor.datapackage(), yaml.safe_load(citing.cff_text()), citing.zenodo(), croissant(),
                       citing.datacite())
    dois = {name: rec.pop("doi") for name, rec in records.items()}
    assert dois == {**{n: "https://doi.org/10.5281/zenodo.1234567" for n in records}, ".zenodo.json": None}
    assert all(rec == records["datapackage.json"] for rec in records.values())
