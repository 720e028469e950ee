"""A small, valid copy of the data package for the export and plot tests.

The shipped claim tables are still being filled on other branches (some are empty),
so the export tests also run on this sample: a few rows in every table, with lists,
empty cells, non-ASCII text, characters that BibTeX and LaTeX must escape, dates
known to the day, month or year, and intervals. Every row is validated by its model.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from turaz_data.tables.models import TABLES_BY_NAME
from turaz_data.tables.storage import descriptor, package_root, read_rows, render_csv

ROWS: dict[str, list[dict]] = {
    "footnotes": [
        {"footnote": 1, "section": "giris", "kind": "reference"},
        {"footnote": 2, "section": "2", "kind": "comment", "url": "https://www.nato.int/cps/en/natohq/topics_50349.htm",
         "accessed": "2023-07-21", "summary": "Adds that the army was trained by Ottoman officers in 1918."},
        {"footnote": 3, "section": "3", "kind": "repeat", "note": "Cites page 5 & 6; 100% of it."},
    ],
    "works": [
        {"work_id": "cornell-1998", "type": "article-journal", "authors": ["Cornell, Svante E."],
         "title": "Turkey and the Conflict in Nagorno Karabakh: A Delicate Balance", "container": "Middle Eastern Studies",
         "year": 1998, "volume": "34", "issue": "1"},
        {"work_id": "veliyev-2020", "type": "chapter", "authors": ["Aslanlı, Araz", "Özkan, Ünal"],
         "title": "Türkiye_Azerbaycan {askerî} işbirliği", "container": "Kafkasya'da Güvenlik",
         "editors": ["Veliyev, Cavid"], "publisher": "Berikan Yayınevi", "place": "Ankara", "year": 2020},
        {"work_id": "nato-2023", "type": "webpage", "authors": ["NATO"], "title": "Partnership for Peace programme",
         "container": "NATO", "url": "https://www.nato.int/cps/en/natohq/topics_50349.htm", "accessed": "2023-07-21",
         "note": "No date of publication given."},
        {"work_id": "bbc-2020", "type": "article-newspaper", "title": "Dağlık Karabağ: ateşkes", "container": "BBC Türkçe",
         "year": 2020, "url": "https://www.bbc.com/turkce/haberler-dunya-54917938?ref=%E2%80%93"},
    ],
    "citations": [
        {"footnote": 1, "work_id": "cornell-1998", "form": "full", "locator": "62"},
        {"footnote": 2, "work_id": "nato-2023", "form": "full"},
        {"footnote": 3, "work_id": "cornell-1998", "form": "ibid", "locator": "63-64", "repeats": 1},
    ],
    "events": [
        {"id": "1918-09-liberation-of-baku", "footnote": 2, "support": "note", "evidence": ["15 Eylül 1918"],
         "date": "1918-09-15", "date_basis": "stated", "attribution": "asserted", "category": "military_operation",
         "actors": ["caucasian-islam-army", "adr"], "targets": ["arm"],
         "place": "Baku", "description": "The Caucasian Islam Army takes Baku."},
        {"id": "2020-second-karabakh-war", "footnote": 1, "support": "sentence",
         "evidence": ["27 Eylül 2020", "44 gün"], "date": "2020-09-27/2020-11-10", "category": "war",
         "date_basis": "stated", "attribution": "reported", "attributed_to": "the cited work", "overlaps": ["1999-exercise"],
         "actors": ["aze", "arm"], "description": "The Second Karabakh War.", "agreement_id": "1992-08-military-education-agreement"},
        {"id": "1999-exercise", "footnote": 1, "support": "paragraph", "evidence": ["1999"], "date": "1999~",
         "date_basis": "inferred", "attribution": "asserted", "part_of": "2020-second-karabakh-war", "category": "exercise", "actors": ["tur", "aze", "geo"], "description": "Joint exercise of three states.",
         "note": "Year approximate."},
    ],
    "agreements": [
        {"id": "1992-08-military-education-agreement", "footnote": 1, "support": "sentence",
         "evidence": ["11 Ağustos 1992", "Askeri Eğitim İşbirliği Antlaşması"], "date": "1992-08-11", "kind": "agreement",
         "date_basis": "stated", "attribution": "asserted", "named": ["nato"],
         "title_tr": "Askeri Eğitim İşbirliği Antlaşması", "title_en": "Military Education Cooperation Agreement",
         "parties": ["tur", "aze"], "provisions": ["training", "personnel_exchange"], "articles": 11, "place": "Baku",
         "description": "Turkish officers train the Azerbaijani army."},
        {"id": "2010-strategic-partnership-agreement", "footnote": 2, "support": "paragraph", "evidence": ["2010"],
         "date": "2010-08", "date_basis": "context", "date_from": "1992-08-military-education-agreement",
         "attribution": "asserted", "kind": "treaty", "title_en": "Strategic Partnership and Mutual Assistance Agreement",
         "parties": ["tur", "aze"], "description": "Mutual assistance if either is attacked."},
    ],
    "arms_transfers": [
        {"id": "2020-bayraktar-tb2-to-azerbaijan", "footnote": 1, "support": "sentence", "evidence": ["Bayraktar TB2"],
         "date": "2020", "supplier": "tur", "recipient": "aze", "designation": "Bayraktar-TB2",
         "description": "Armed UAV", "category": "aircraft", "number": 5, "number_qualifier": "at_least",
         "deal_type": "sale", "date_basis": "stated", "attribution": "asserted", "number_basis": "stated", "unnamed_actors": ["tur"],
         "note": "The sentence names no supplier.", "overlaps": ["2011-isr-uav"]},
        {"id": "2011-isr-uav", "footnote": 2, "support": "paragraph", "evidence": ["İsrail"], "date": "2011/2016", "date_basis": "stated", "attribution": "asserted",
         "supplier": "isr", "recipient": "aze", "description": "Drones", "category": "aircraft", "deal_type": "unknown"},
    ],
    "quantities": [
        {"id": "2016-2020-isr-share", "footnote": 1, "support": "sentence", "evidence": ["%69"], "measure": "share",
         "subject": "Share of Azerbaijan's arms imports supplied by Israel", "actors": ["aze", "isr"], "value": 69.0,
         "unit": "percent", "qualifier": "exact", "date": "2016/2020", "date_basis": "stated", "attribution": "asserted", "value_basis": "stated"},
        {"id": "2020-war-personnel", "footnote": 2, "support": "note", "evidence": ["2.5 milyon"], "measure": "expenditure",
         "subject": "Money spent", "value": 8.2, "unit": "USD", "qualifier": "about", "attribution": "assessment",
         "attributed_to": "Aliyev", "value_basis": "inferred", "note": "Rounded from the figure.",
         "event_id": "2020-second-karabakh-war", "transfer_id": "2020-bayraktar-tb2-to-azerbaijan"},
    ],
    "retractions": [
        {"id": "2016-isr-rank", "table": "quantities", "version": "0.2.0", "reason": "A superlative, not a rank.",
         "replaced_by": "2016-2020-isr-share"},
    ],
}


def write_sample(dest: Path) -> Path:
    """Write the sample package under ``dest``; returns the path of its datapackage.json."""
    root = Path(str(package_root()))
    dest.mkdir(parents=True, exist_ok=True)
    (dest / "tables").mkdir(exist_ok=True)
    shutil.copyfile(root / "datapackage.json", dest / "datapackage.json")
    desc = descriptor()
    for res in desc["resources"]:
        name = res["name"]
        rows = read_rows("actors") if name == "actors" else ROWS.get(name, [])
        model = TABLES_BY_NAME[name].model
        for r in rows:
            model.model_validate(r)
        (dest / res["path"]).write_bytes(render_csv(res, rows))
    json.loads((dest / "datapackage.json").read_text(encoding="utf-8"))
    return dest / "datapackage.json"
