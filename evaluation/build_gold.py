"""Rebuild evaluation/heldout/gold.jsonl: the held-out gold annotation of issue 17.

Two articles written for evaluation (evaluation/heldout/*.txt), annotated by the README's
rules and the conventions of corpus/annotations.example.jsonl (see scripts/build_example.py)
*before* the suggester was run on them: an attribution is the source and its cue ("Klein
notes", "according to Ukrainian officials", with the title before a name, without an
apposition after it); a claim is what is reported (a quotation's content without its marks
or the comma that closes it, the clause before or after the cue). The suggester is never
tuned on this set.

The data is written as (document, label, quote, occurrence) so that a reviewer can read and
correct it; the script turns it into exact offsets through the store, as Diptych's own
export does. Run: .venv/bin/python evaluation/build_gold.py
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tui.services.importing import import_ids
from tui.store import Store

HELDOUT = ROOT / "evaluation" / "heldout"
W, B = 1, 2  # the wire story, the broadcaster's story (the manifest's order)

# key: (document, label, quote, occurrence)
SPANS = {
    # W: "North Korean shells keep Russian guns firing, officials say" (wire agency).
    "w_headline": (W, "claim", "North Korean shells keep Russian guns firing", 1),
    "w_headline_say": (W, "attribution", "officials say", 1),
    "w_millions": (W, "claim", "North Korea has shipped several million artillery shells to Russia since the summer of 2023 and is now sending multiple rocket launchers as well", 1),
    "w_officials_said": (W, "attribution", "South Korean and Ukrainian officials said", 1),
    "w_spy_agency": (W, "attribution", "South Korea's spy agency told lawmakers", 1),
    "w_containers": (W, "claim", "Pyongyang had sent more than 12,000 containers of munitions by rail and by sea", 1),
    "w_volume": (W, "claim", "The volume has not slowed down. If anything, it has grown", 1),
    "w_yoon": (W, "attribution", "lawmaker Yoon Ha-neul told reporters", 1),
    "w_according_agency": (W, "attribution", "According to the intelligence agency", 1),
    "w_technicians": (W, "claim", "North Korean technicians are also helping Russian crews operate the 170mm self-propelled guns that reached the front late last year", 1),
    "w_denied": (W, "attribution", "The Kremlin has repeatedly denied", 1),
    "w_receiving": (W, "claim", "receiving weapons from North Korea", 1),
    "w_orlov": (W, "attribution", "Kremlin spokesman Pavel Orlov said", 1),
    "w_not_directed": (W, "claim", "cooperation between the two countries \"is not directed against anyone\"", 1),
    "w_hrytsenko": (W, "attribution", "Commander of Ukraine's military intelligence Lieutenant General Mykola Hrytsenko estimated", 1),
    "w_60_percent": (W, "claim", "roughly 60 percent of the shells fired by Russian forces came from North Korea", 1),
    "w_duds": (W, "claim", "Many of the rounds are old and a large share fail to explode", 1),
    "w_he_added": (W, "attribution", "he added", 1),
    "w_reports_emerged": (W, "attribution", "Reports emerged last month", 1),
    "w_factories": (W, "claim", "North Korean factories were running around the clock to meet Russian orders", 1),
    "w_satellite": (W, "claim", "Satellite images of a munitions plant near the city of Hamhung show several new buildings", 1),
    "w_researchers": (W, "attribution", "researchers at a Washington think tank wrote", 1),
    "w_in_return": (W, "claim", "In return, Moscow is supplying Pyongyang with oil, food and military technology", 1),
    "w_officials_seoul": (W, "attribution", "according to officials in Seoul", 1),
    "w_han": (W, "attribution", "South Korean Defence Minister Han Jae-won warned", 1),
    "w_threat": (W, "claim", "Russian help with satellites and submarines posed \"a direct threat\" to the peninsula", 1),
    "w_kcna": (W, "attribution", "North Korea's state news agency KCNA reported", 1),
    "w_factory_visit": (W, "claim", "leader Kim Jong Un had visited a munitions factory and called for \"an exponential increase\" in production", 1),
    "w_convinced": (W, "attribution", "U.S. officials are convinced", 1),
    "w_resolutions": (W, "claim", "the arms trade breaks several United Nations Security Council resolutions", 1),
    "w_whitfield": (W, "attribution", "State Department spokeswoman Laura Whitfield said", 1),
    "w_she_pledged": (W, "attribution", "She pledged", 1),
    "w_expose": (W, "claim", "Washington would keep working with its allies to expose the transfers", 1),
    "w_estimates": (W, "attribution", "By some estimates", 1),
    "w_billions": (W, "claim", "the deliveries have earned Pyongyang several billion dollars", 1),
    "w_china": (W, "claim", "That is more than its official annual trade with China", 1),
    "w_analysts_say": (W, "attribution", "analysts say", 1),
    "w_japan": (W, "attribution", "Japan's Defence Ministry said", 1),
    "w_concern": (W, "claim", "it was watching the cooperation \"with grave concern\"", 1),
    "w_diplomat": (W, "attribution", "A senior European diplomat, speaking on condition of anonymity, said", 1),
    "w_sanctions": (W, "claim", "the European Union was preparing new sanctions against North Korean shipping firms", 1),
    "w_treaty": (W, "claim", "Moscow and Pyongyang signed a mutual defence treaty in June 2024.", 1),
    "w_kursk": (W, "claim", "North Korean troops were later deployed to Russia's Kursk region, where thousands of them were killed or wounded", 1),
    "w_ukrainian_officials": (W, "attribution", "according to Ukrainian officials", 1),
    # B: "Ammunition from Pyongyang: how North Korea props up Russia's war" (broadcaster).
    "b_reason": (B, "claim", "Much of the reason lies thousands of kilometres away, in North Korea", 1),
    "b_analysts_say": (B, "attribution", "Western analysts say", 1),
    "b_ration": (B, "claim", "Without North Korean shells, Russia would have had to ration its artillery fire in 2024", 1),
    "b_says_novak": (B, "attribution", "says Jana Novak", 1),
    "b_points_to": (B, "attribution", "She points to", 1),
    "b_summer": (B, "claim", "the summer of that year, when Russian firing rates stayed high even though its own factories struggled to keep up", 1),
    "b_believes": (B, "attribution", "Novak believes", 1),
    "b_time": (B, "claim", "the deliveries have bought Moscow time", 1),
    "b_a_year": (B, "claim", "Pyongyang gave the Kremlin a year", 1),
    "b_she_says": (B, "attribution", "she says", 1),
    "b_older": (B, "claim", "The North Korean shells are older and less accurate than Russian ones", 1),
    "b_she_adds": (B, "attribution", "she adds", 1),
    "b_attrition": (B, "claim", "in a war of attrition quantity matters", 1),
    "b_estonian": (B, "attribution", "According to Estonian military intelligence", 1),
    "b_half": (B, "claim", "North Korea supplied around half of the artillery rounds Russia fired in the first months of 2025", 1),
    "b_gunner": (B, "attribution", "A gunner with a brigade near Pokrovsk, who asked not to be named, told our reporter", 1),
    "b_heavier": (B, "claim", "Russian shelling had become heavier since the winter", 1),
    "b_markings": (B, "claim", "Every second shell that lands near us has Korean markings", 1),
    "b_he_said": (B, "attribution", "he said", 1),
    "b_veered": (B, "claim", "Some North Korean rockets have veered off course", 1),
    "b_bloggers": (B, "attribution", "Russian military bloggers complain", 1),
    "b_accused": (B, "attribution", "Kyiv has repeatedly accused", 1),
    "b_taking_part": (B, "claim", "Pyongyang of taking part in the war", 1),
    "b_melnyk": (B, "attribution", "Ukrainian Foreign Minister Oksana Melnyk claimed", 1),
    "b_officers": (B, "claim", "North Korean officers were now helping to plan Russian attacks", 1),
    "b_disputed": (B, "attribution", "disputed by Moscow", 1),
    "b_park": (B, "attribution", "Former South Korean diplomat Park Min-jun is convinced", 1),
    "b_money": (B, "claim", "Kim Jong Un wants more than money", 1),
    "b_experience": (B, "claim", "He wants combat experience for his army and technology he cannot buy anywhere else", 1),
    "b_park_told": (B, "attribution", "Park told us", 1),
    "b_pragmatic": (B, "claim", "The alliance is pragmatic rather than deep and could weaken once the fighting stops", 1),
    "b_grant": (B, "attribution", "argues Oliver Grant", 1),
    "b_koval": (B, "attribution", "Deputy Defence Minister Taras Koval warned", 1),
    "b_workers": (B, "claim", "North Korea was preparing to send new workers and soldiers to Russia", 1),
    "b_lamenting": (B, "attribution", "lamenting", 1),
    "b_done_little": (B, "claim", "the West had done little to stop the flow of weapons", 1),
    "b_khasan": (B, "attribution", "Reports from the Russian border town of Khasan indicate", 1),
    "b_tripled": (B, "claim", "rail freight with North Korea has tripled over the past two years", 1),
}

LINKS = [  # (attribution, claim): every attribution's `attributes` link
    ("w_headline_say", "w_headline"), ("w_officials_said", "w_millions"), ("w_spy_agency", "w_containers"),
    ("w_yoon", "w_volume"), ("w_according_agency", "w_technicians"), ("w_denied", "w_receiving"),
    ("w_orlov", "w_not_directed"), ("w_hrytsenko", "w_60_percent"), ("w_he_added", "w_duds"),
    ("w_reports_emerged", "w_factories"), ("w_researchers", "w_satellite"), ("w_officials_seoul", "w_in_return"),
    ("w_han", "w_threat"), ("w_kcna", "w_factory_visit"), ("w_convinced", "w_resolutions"),
    ("w_whitfield", "w_resolutions"), ("w_she_pledged", "w_expose"), ("w_estimates", "w_billions"),
    ("w_analysts_say", "w_china"), ("w_japan", "w_concern"), ("w_diplomat", "w_sanctions"),
    ("w_ukrainian_officials", "w_kursk"),
    ("b_analysts_say", "b_reason"), ("b_says_novak", "b_ration"), ("b_points_to", "b_summer"),
    ("b_believes", "b_time"), ("b_she_says", "b_a_year"), ("b_she_adds", "b_older"), ("b_she_adds", "b_attrition"),
    ("b_estonian", "b_half"), ("b_gunner", "b_heavier"), ("b_he_said", "b_markings"), ("b_bloggers", "b_veered"),
    ("b_accused", "b_taking_part"), ("b_melnyk", "b_officers"), ("b_disputed", "b_officers"),
    ("b_park", "b_money"), ("b_park_told", "b_experience"), ("b_grant", "b_pragmatic"),
    ("b_koval", "b_workers"), ("b_lamenting", "b_done_little"), ("b_khasan", "b_tripled"),
]


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        store = Store.open(Path(folder) / "gold.db")
        ids = import_ids(store, [HELDOUT])
        made = {}
        for key, (doc, label, quote, occurrence) in SPANS.items():
            text = store.text(ids[doc - 1])
            start = -1
            for _ in range(occurrence):
                start = text.index(quote, start + 1)
            made[key] = store.create_annotation(ids[doc - 1], text, start, start + len(quote), label, "gold")
        for source, target in LINKS:
            store.create_link(made[source].id, made[target].id, "attributes", "gold")
        out = HELDOUT / "gold.jsonl"
        with out.open("w", encoding="utf-8") as handle:
            for record in store.export_rows():
                record["document"]["path"] = str(Path(record["document"]["path"]).relative_to(ROOT))
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")
        store.close()
    print(f"wrote {out}: {len(made)} annotations, {len(LINKS)} links")


if __name__ == "__main__":
    main()
