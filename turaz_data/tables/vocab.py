"""Controlled vocabularies of the coded columns.

Each vocabulary is an ordered mapping ``code -> meaning``. The table models build
their ``Literal`` types from these keys, and ``datapackage.json`` (``categories``),
the Pandera schemas (``isin``) and the codebook are generated from them, so a code is
defined in exactly one place.

This module is standard library only: it is cheap to import.
"""

from __future__ import annotations

SUPPORT = {
    "sentence": "The claim is stated in the sentence that ends with the footnote's marker.",
    "paragraph": "The claim is stated elsewhere in the paragraph that contains the marker.",
    "note": "The claim is stated inside the footnote's own text.",
}

SECTIONS = {
    "giris": "Giriş (Introduction)",
    "1": "1. Türkiye-Azerbaycan Askerî İlişkilerini Belirleyen Etmenler (factors shaping military relations)",
    "2": "2. Türkiye-Azerbaycan İlişkilerinin Kurulması ve Gelişimi (1918-2002)",
    "3": "3. 2003-2020 Arasında Türkiye-Azerbaycan Askeri İlişkileri",
    "4": "4. İkinci Karabağ Savaşı ve Türkiye-Azerbaycan İlişkileri (the Second Karabakh War)",
    "sonuc": "Sonuç Yerine (In lieu of a conclusion)",
}

FOOTNOTE_KINDS = {
    "reference": "Cites one or more works and says nothing else.",
    "repeat": "Repeats an earlier footnote's work: 'Age' (aynı eser, ibid.) or 'Agk.' (adı geçen kaynak, op. cit.).",
    "comment": "Comments as well as (or instead of) citing: gives facts, dates or figures of its own.",
}

CITATION_FORMS = {
    "full": "A full reference.",
    "short": "A short form (author, short title) of a work cited in full earlier.",
    "ibid": "'Age' (aynı eser, ibid.): the work of an earlier footnote, normally the one just before.",
    "op_cit": "'Agk.' (adı geçen kaynak, op. cit.): a work cited in an earlier footnote.",
}

WORK_TYPES = {
    "article-journal": "An article in a scholarly journal.",
    "book": "A book.",
    "chapter": "A chapter in an edited book.",
    "thesis": "A graduate thesis (here: Turkish Yüksek Lisans theses).",
    "report": "A report, fact sheet or policy brief from an institution.",
    "article-newspaper": "A news report or press article.",
    "webpage": "A page of a web site that is none of the above.",
    "legislation": "An official text: a treaty, protocol or declaration as published by a state.",
}

ACTOR_TYPES = {
    "state": "A sovereign state that exists today.",
    "historical_state": "A state that no longer exists (Ottoman Empire, Soviet Union, the 1918-1920 Azerbaijan Democratic Republic).",
    "de_facto_entity": "An entity that claims statehood without general recognition.",
    "international_organisation": "An intergovernmental organisation or alliance.",
    "state_body": "An institution of a state: a ministry, a general staff, a parliament, a service branch.",
    "military_unit": "A named military formation or force.",
    "company": "A company, state-owned or private.",
}

EVENT_CATEGORIES = {
    "war": "A war or armed conflict, or a phase of one, with its dates.",
    "military_operation": "A military operation, battle, capture or liberation of a place.",
    "violence_against_civilians": "A massacre or violent crackdown with civilian victims.",
    "ceasefire": "A ceasefire or truce taking effect (the signed text, if any, is in agreements).",
    "deployment": "Troops, aircraft or advisers stationed in, sent to or withdrawn from a place.",
    "exercise": "A military exercise, bilateral or multilateral.",
    "visit": "An official visit or high-level meeting.",
    "meeting_mechanism": "A recurring meeting format or consultation mechanism.",
    "institution": "An institution, school, centre, body or organisation founded, opened or dissolved.",
    "training": "A training programme, course or educational assistance.",
    "membership": "A state joining, or being admitted to, an organisation or programme.",
    "policy_decision": "A decision, declaration of intent or policy document of a government.",
    "statement": "A public statement or announcement by a named person or government.",
    "political_change": "A change of government, leader or regime; independence; a coup attempt.",
    "diplomatic_action": "A diplomatic note, protest, decision of an international body, or similar step.",
}

AGREEMENT_KINDS = {
    "treaty": "A treaty (antlaşma) between states.",
    "agreement": "An agreement (anlaşma) between states or their institutions.",
    "protocol": "A protocol, including implementing and financial protocols.",
    "memorandum": "A memorandum or protocol of intent (iyi niyet protokolü).",
    "declaration": "A joint declaration (beyanname).",
    "armistice": "An armistice or ceasefire agreement.",
}

PROVISIONS = {
    "mutual_assistance": "The parties will assist each other, including militarily, if one is attacked or threatened.",
    "joint_action": "The parties will act jointly against threats to either.",
    "military_aid": "Military aid or assistance to one party (arms, equipment, troops).",
    "financial_aid": "Money granted or allocated for military purposes.",
    "grant": "Equipment or services given free of charge.",
    "training": "Training and education of armed forces personnel or cadets.",
    "technical_cooperation": "Military-technical cooperation, use of technical equipment.",
    "scientific_cooperation": "Military-scientific cooperation.",
    "defence_industry": "Cooperation in the defence industry, joint production, industry support.",
    "technology_sharing": "Sharing of technology (sea, air, space, autonomous systems).",
    "exercises": "Joint military exercises.",
    "consultation": "Consultations in the military field or on security.",
    "logistics": "Logistic support.",
    "medical": "Military medicine and health.",
    "personnel_exchange": "Exchange of military personnel.",
    "interoperability": "Interoperability of the armed forces.",
    "counter_terrorism": "The fight against terrorism.",
    "organised_crime": "The fight against organised crime.",
    "drug_trafficking": "The fight against drug trafficking.",
    "human_trafficking": "The fight against human trafficking.",
    "money_laundering": "The fight against money laundering.",
    "illegal_migration": "The fight against illegal migration.",
    "wmd_nonproliferation": "Against the spread of weapons of mass destruction.",
    "cyber_security": "Cyber security.",
    "energy_security": "Energy security, including the security of pipelines.",
    "regional_security": "Regional and international security.",
    "air_defence": "Air defence and air space protection.",
    "security_council_meetings": "Regular meetings of the parties' security councils.",
    "political_relations": "Political relations in general.",
    "economic_relations": "Economic relations.",
    "cultural_relations": "Cultural relations.",
    "peace_friendship": "Peace and friendship between the parties.",
    "border_recognition": "Recognition or inviolability of borders (e.g. of the Treaty of Kars).",
    "uav_production": "Joint production of unmanned aerial vehicles.",
    "ceasefire_terms": "Terms of a ceasefire or truce.",
    "basing": "Stationing of forces or bases.",
}

# SIPRI Arms Transfers Database weapon categories, plus two for items SIPRI does not count.
ARMS_CATEGORIES = {
    "aircraft": "Aircraft, including unmanned aerial vehicles (SIPRI category).",
    "air_defence_systems": "Air defence systems (SIPRI category).",
    "armoured_vehicles": "Armoured vehicles (SIPRI category).",
    "artillery": "Artillery, including multiple rocket launchers (SIPRI category).",
    "missiles": "Missiles and guided bombs (SIPRI category).",
    "sensors": "Radars and other sensors (SIPRI category).",
    "ships": "Ships and boats (SIPRI category).",
    "naval_weapons": "Naval weapons and ship control systems (SIPRI category).",
    "other": "Other weapons (SIPRI category).",
    "military_vehicles": "Unarmoured military vehicles (not counted by SIPRI).",
    "engineering_equipment": "Construction and engineering machines (not counted by SIPRI).",
}

DEAL_TYPES = {
    "sale": "Bought by the recipient (export, purchase).",
    "grant": "Given free of charge (hibe, donation, military aid).",
    "unknown": "The article does not say whether it was sold or given.",
}

QUALIFIERS = {
    "exact": "The figure as stated, with no hedge.",
    "about": "About the figure, either side of it ('yaklaşık', 'civarında', 'kadar').",
    "nearly": "Close to the figure but below it ('yakın', 'neredeyse', as in 'iki bine yakın').",
    "at_least": "At least the figure ('en az').",
    "more_than": "More than the figure ('-dan fazla', 'aşkın', 'aşan', 'üzerinde').",
    "less_than": "Less than the figure ('-dan az', 'altında').",
    "up_to": "Up to the figure, at most.",
}

MEASURES = {
    "personnel": "A number of people (soldiers, cadets, experts, peacekeepers).",
    "casualties": "Dead or wounded.",
    "refugees": "Refugees or displaced people.",
    "expenditure": "Money spent (military expenditure, budgets).",
    "aid": "Money granted as aid.",
    "trade_value": "Value of arms or defence exports.",
    "share": "A share, in percent, of a total.",
    "ratio": "A ratio of two figures.",
    "growth": "A growth rate or multiple over a period.",
    "rank": "A rank in a list.",
    "equipment_destroyed": "Pieces of equipment destroyed.",
    "equipment_count": "Pieces of equipment held, delivered or deployed.",
    "territory": "A share of territory.",
    "duration": "A length of time.",
    "count": "Any other count (agreements, meetings, articles).",
}

UNITS = {
    "person": "People.",
    "USD": "United States dollars, nominal.",
    "percent": "Percent (0-100).",
    "times": "A multiple (ratio), dimensionless.",
    "rank": "Position in a ranking (1 = first).",
    "item": "Pieces of equipment or other countable things.",
    "year": "Years.",
    "per_year": "Occurrences per year.",
}

DATE_BASES = {
    "stated": "The cited scope prints a date expression that means exactly the row's date (the same first and last "
              "day; for a year, the same year or years).",
    "context": "The date is taken from another claim row, named in date_from (e.g. the war's row for 'during the war'); "
               "the row's date equals that row's date or lies within it.",
    "inferred": "The curator's inference from the scope: the date carries an EDTF uncertainty or approximation mark "
                "(~, ? or %) and the note says how it was inferred.",
}

VALUE_BASES = {
    "stated": "The cited scope prints the figure (in digits or in words).",
    "inferred": "The curator's inference (e.g. a count of the items the scope lists); the note says how.",
}

ATTRIBUTIONS = {
    "asserted": "The article states it as a fact.",
    "reported": "The article reports it as what someone says or what is known ('... ifade edilmektedir', "
                "'... bilinmektedir', '... iddia edilmektedir'); attributed_to says who.",
    "assessment": "An analyst's, official's or source's opinion or judgement, which the article relays; "
                  "attributed_to says whose.",
}

CLAIM_TABLE_NAMES = {
    "events": "The events table.",
    "agreements": "The agreements table.",
    "arms_transfers": "The arms transfers table.",
    "quantities": "The quantities table.",
}
