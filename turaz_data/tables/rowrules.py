"""Cross-column rules of the models, vectorised over a DataFrame of the typed columns.

Kept apart from :mod:`turaz_data.tables.schemas` so that the fast path of ``validate``
(:mod:`turaz_data.contrib.fastcheck`) can use them without importing Pandera; the predicates
need pandas only when they are called.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable

if TYPE_CHECKING:
    import pandas as pd

# Cross-column rules of the models, vectorised: (code, message, predicate over the frame).
ROW_RULES: dict[str, list[tuple[str, str, Callable[["pd.DataFrame"], "pd.Series"]]]] = {
    "footnotes": [
        ("summary_iff_comment", "summary is required when kind is 'comment' and must be empty otherwise",
         lambda d: (d["kind"] == "comment") == d["summary"].notna()),
    ],
    "citations": [
        ("repeats_rule", "repeats must be empty for 'full' and name an earlier footnote for short, ibid and op_cit",
         lambda d: ((d["form"] == "full") & d["repeats"].isna())
         | ((d["form"] != "full") & d["repeats"].notna() & (d["repeats"] < d["footnote"])).fillna(False)),
    ],
    "actors": [
        ("codes_for_states", "cow_code and gw_code are for states and historical states only",
         lambda d: d["type"].isin(["state", "historical_state"]) | (d["cow_code"].isna() & d["gw_code"].isna())),
    ],
    "arms_transfers": [
        ("number_qualifier", "number_qualifier is required when number is given and must be empty otherwise",
         lambda d: d["number"].isna() == d["number_qualifier"].isna()),
        ("supplier_recipient", "supplier and recipient must differ", lambda d: d["supplier"] != d["recipient"]),
    ],
    "quantities": [
        ("percent_range", "a percentage must be between 0 and 100",
         lambda d: (d["unit"] != "percent") | (d["value"] <= 100)),
    ],
}
