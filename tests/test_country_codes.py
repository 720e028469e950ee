"""The COW and Gleditsch-Ward codes of the state actors agree with the code list of
the countrycode package (never typed by hand).

countrycode's list has no rows for historical states. The COW State System Membership
list (v2016) and Gleditsch and Ward's list of independent states (1999, as updated) treat
the Ottoman Empire and Türkiye as one member since 1816 ('Turkey (Ottoman Empire)' in GW)
and Russia and the Soviet Union likewise ('Russia (Soviet Union)'), so those historical
states carry the code of the state that continues them. The Azerbaijan Democratic
Republic (1918-1920) is in neither list: Azerbaijan enters both in December 1991.
"""

from __future__ import annotations

import pytest

import turaz_data

countrycode = pytest.importorskip("countrycode").countrycode

#: Historical state -> the ISO3 code of the state whose COW/GW membership continues it
#: (None: not a member of either system).
CONTINUED_BY = {"ottoman-empire": "TUR", "soviet-union": "RUS", "adr": None}


def _codes(origin_value, origin="iso3c"):
    return (countrycode(origin_value, origin=origin, destination="cown"),
            countrycode(origin_value, origin=origin, destination="gwn"))


def _actors():
    return [a for a in turaz_data.records("actors") if a.type in ("state", "historical_state")]


def test_every_state_actor_has_the_codes_of_countrycode():
    checked = 0
    for a in _actors():
        if a.type == "historical_state":
            continue
        want = _codes(a.iso3) if a.iso3 else _codes(a.name_en, origin="country.name.en")
        assert (a.cow_code, a.gw_code) == want, a.actor_id
        assert None not in want, a.actor_id
        checked += 1
    assert checked >= 20


def test_historical_states_are_coded_as_cow_and_gw_do():
    historical = {a.actor_id: a for a in _actors() if a.type == "historical_state"}
    assert set(historical) == set(CONTINUED_BY)
    for actor_id, iso3 in CONTINUED_BY.items():
        a = historical[actor_id]
        assert (a.cow_code, a.gw_code) == (_codes(iso3) if iso3 else (None, None)), actor_id


def test_only_states_carry_codes():
    from pydantic import ValidationError

    from turaz_data.tables.models import Actor

    for a in turaz_data.records("actors"):
        if a.type not in ("state", "historical_state"):
            assert a.cow_code is None and a.gw_code is None, a.actor_id
    with pytest.raises(ValidationError, match="for states and historical states only"):
        Actor(actor_id="tsk", name_en="x", name_tr="x", type="state_body", cow_code=640)


def test_codes_reach_load_as_integers():
    df = turaz_data.load("actors")
    assert str(df["cow_code"].dtype) == "Int64" and str(df["gw_code"].dtype) == "Int64"
    assert df.set_index("actor_id").loc["deu", ["cow_code", "gw_code"]].tolist() == [255, 260]
