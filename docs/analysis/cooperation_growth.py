"""How did Türkiye-Azerbaijan military cooperation grow from one period to the next?

A worked analysis with ``turaz_data.panel()`` and ``turaz_data.sources()``. It takes the
dyad-year panel of Türkiye (COW 640) and Azerbaijan (COW 373), sums the instruments of
cooperation (agreements, joint exercises, visits, training, arms transfers) over five
periods, divides by the length of each period, and draws the yearly rates. It then lists
the sources of the agreements of the latest period, so every bar can be traced to a
footnote and the works it cites.

    python docs/analysis/cooperation_growth.py                      # prints, writes the SVG beside it
    python docs/analysis/cooperation_growth.py --output figure.svg

Needs ``pip install "turaz-data[plot]"``. The tests run this script, so it cannot rot.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import turaz_data

TUR, AZE = 640, 373

#: Periods of the relationship, as the article divides its narrative.
PERIODS = (
    ("1918-1920", 1918, 1920),  # the Ottoman Empire and the Azerbaijan Democratic Republic
    ("1921-1991", 1921, 1991),  # the Soviet period
    ("1992-2009", 1992, 2009),  # independence to the strategic partnership
    ("2010-2019", 2010, 2019),  # the strategic partnership agreement to the war
    ("2020-2023", 2020, 2023),  # the Second Karabakh War and after
)

#: Instruments of cooperation: a label and the panel columns it adds up.
INSTRUMENTS = {
    "agreements": ["agreements"],
    "joint exercises": ["event_exercise"],
    "visits": ["event_visit"],
    "training": ["event_training"],
    "arms transfers": ["arms_transfers"],
}


def rates():
    """Instruments per year in each period, for the Türkiye-Azerbaijan dyad (a DataFrame)."""
    import pandas as pd

    d = turaz_data.panel(dyad=True)
    dyad = d[(d.ccode1 == AZE) & (d.ccode2 == TUR)]
    rows = []
    for label, start, end in PERIODS:
        span = dyad[dyad.year.between(start, end)]
        years = end - start + 1
        rows.append({"period": label, "years": years,
                     **{name: span[cols].to_numpy().sum() / years for name, cols in INSTRUMENTS.items()}})
    return pd.DataFrame(rows).set_index("period")


def latest_agreement_sources():
    """The sources of the Türkiye-Azerbaijan agreements of the latest period (a DataFrame)."""
    import pandas as pd

    start = PERIODS[-1][1]
    ag = turaz_data.load("agreements")
    mine = ag[(ag.year_lower >= start) & ag.parties.map(lambda p: {"tur", "aze"} <= set(p))]
    frames = [turaz_data.sources("agreements", i) for i in mine.id]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()


def draw(table, output: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    with plt.rc_context({"svg.hashsalt": "turaz-analysis", "svg.fonttype": "path", "svg.id": "turaz-analysis"}):
        fig, ax = plt.subplots(figsize=(8, 4.2))
        table.drop(columns="years").plot.bar(ax=ax, width=0.8,
                                             color=["#D55E00", "#0072B2", "#009E73", "#CC79A7", "#E69F00"])
        ax.set_ylabel("per year")
        ax.set_xlabel("")
        ax.set_title("Türkiye-Azerbaijan: instruments of military cooperation per year, by period")
        ax.tick_params(axis="x", rotation=0)
        ax.legend(frameon=False, ncols=3, fontsize=8)
        fig.text(0.01, 0.01, "Source: turaz_data.panel(dyad=True), COW 640-373; each row counted in its first year.",
                 fontsize=7, color="#555555")
        fig.tight_layout(rect=(0, 0.03, 1, 1))
        fig.savefig(output, metadata={"Date": None} if output.suffix == ".svg" else {})
        plt.close(fig)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--output", type=Path, default=Path(__file__).with_suffix(".svg"), help="the figure to write")
    args = ap.parse_args(argv)
    table = rates()
    print(table.round(2).to_string())
    growth = table.loc["2010-2019"] / table.loc["1992-2009"]
    print(f"\nAgreements per year, 2010-2019 against 1992-2009: x{growth['agreements']:.2f}")
    print(f"Joint exercises per year, 2010-2019 against 1992-2009: x{growth['joint exercises']:.2f}")
    ev, ag = turaz_data.load("events"), turaz_data.load("agreements")
    adr = sum(int(((df.year_lower <= 1920) & df[col].map(lambda a: "adr" in a)).sum())
              for df, col in ((ev, "actors"), (ag, "parties")))
    print(f"\n1918-1920 is empty in COW terms: the Azerbaijan Democratic Republic was no COW member, so its "
          f"{adr} events and agreements of 1918-1920 have no 640-373 dyad.")
    src = latest_agreement_sources()
    print(f"\nSources of the agreements since {PERIODS[-1][1]} ({src.id.nunique()}):")
    for r in src.itertuples():
        print(f"- {r.id}: footnote {r.footnote} ({r.support}); {r.reference or 'no work cited'}"
              + (f", p. {r.pages}" if r.pages else ""))
    draw(table, args.output)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
