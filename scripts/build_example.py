"""Rebuild corpus/annotations.example.jsonl: our own annotation of the corpus articles.

The annotations are written here as data (document, label, quote, occurrence,
attributes) so that a reviewer can read and correct them; the script turns them into
exact offsets through the store and exports them. Run: .venv/bin/python scripts/build_example.py
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from tui.services.importing import import_ids
from tui.store import Store

ROOT = Path(__file__).resolve().parent.parent
A, B, C = 1, 2, 3  # the Beijing article, the DW article, the Meridian Wire article (the manifest's order)

# key: (document, label, quote, occurrence, attributes)
SPANS = {
    # Article A: Kim pledges further support to Russia at the Beijing meeting.
    "a_pledge": (A, "claim", "Kim Jong Un pledged that his country would provide further support to Moscow as needed", 1,
                 {"claim_type": ["event"], "checkworthiness": "cfs"}),
    "a_duty": (A, "claim", "As I mentioned during our previous meeting, if there is any way we can help Russia, we will certainly do so and consider it our fraternal duty", 1,
               {"claim_type": ["prediction"], "checkworthiness": "nfs"}),
    "a_chairman_stated": (A, "attribution", "the chairman stated", 1, {"voice": "direct"}),
    "a_putin_stated": (A, "attribution", "President Putin stated", 1, {"voice": "mixed"}),
    "a_relations": (A, "claim", "relations between the two countries had taken on a “special, trusting, and friendly character,”", 1,
                    {"claim_type": ["other"], "checkworthiness": "nfs"}),
    "a_kursk_support": (A, "claim", "the support provided by the Korean People’s Army in repelling a Ukrainian and Western assault on the Russian Kursk region", 1,
                        {"claim_type": ["event"], "checkworthiness": "cfs"}),
    "a_heroically": (A, "claim", "your soldiers fought courageously and heroically", 1,
                     {"claim_type": ["event"], "checkworthiness": "ufs"}),
    "a_informed": (A, "attribution", "the Russian president informed Chairman Kim", 1, {"voice": "direct"}),
    "a_neo_nazi": (A, "claim", "the Ukrainian state is governed under a Neo-Nazi ideology", 1,
                   {"claim_type": ["other"], "checkworthiness": "cfs"}),
    "a_alleged": (A, "attribution", "Russian government sources have consistently alleged", 1, {"voice": "indirect"}),
    "a_disputed": (A, "claim", "this has been strongly disputed by Kiev’s supporters in the Western world", 1,
                   {"claim_type": ["event"], "checkworthiness": "ufs"}),
    "a_relied": (A, "claim", "North Korean armaments have come to be relied on very heavily by the Russian Armed Forces", 1,
                 {"claim_type": ["quantity"], "checkworthiness": "cfs"}),
    "a_larger": (A, "claim", "supply more ammunition than the Russian defence sector is itself able to", 1,
                 {"claim_type": ["quantity"], "checkworthiness": "cfs"}),
    "a_estimates": (A, "attribution", "by some estimates", 1, {"voice": "indirect"}),
    "a_nearly_half": (A, "claim", "By the second quarter of 2025, nearly half of artillery rounds used by the Russian Army were of North Korean origin", 1,
                      {"claim_type": ["quantity"], "checkworthiness": "cfs"}),
    "a_artillery_units": (A, "claim", "These supplies have been supplemented by the dispatch of Korean People’s Army artillery units, including 170mm self-propelled artillery, to support the Russian Army on the frontlines from late 2024", 1,
                          {"claim_type": ["event"], "checkworthiness": "cfs"}),
    "a_budanov": (A, "attribution", "Commander of Ukraine’s Defence Intelligence Directorate Lieutenant General Kyrylo Budanov has particularly singled out", 1,
                  {"voice": "indirect"}),
    "a_howitzers": (A, "claim", "the serious complications which these guns’ combination of long range and high precision had had for Ukrainian forces", 1,
                    {"claim_type": ["causal"], "checkworthiness": "cfs"}),
    "a_calibres": (A, "claim", "Neither Russia’s defence sector, nor the Western defence sectors supplying Ukraine, produce guns with comparable calibres and ranges.", 1,
                   {"claim_type": ["quantity"], "checkworthiness": "cfs"}),
    "a_exports": (A, "claim", "North Korean defence exports to Russia have become increasingly diverse", 1,
                  {"claim_type": ["event"], "checkworthiness": "cfs"}),
    "a_workers": (A, "claim", "25,000 North Korean industrial workers were being dispatched to help increase output", 1,
                  {"claim_type": ["quantity", "event"], "checkworthiness": "cfs"}),
    "a_reports_june": (A, "attribution", "reports emerged in June", 1, {"voice": "indirect"}),
    "a_engineers": (A, "claim", "the Korean People’s Army would dispatch 1000 mine clearance experts and 5000 military engineers to support de-mining and reconstruction efforts in the Kursk region", 1,
                    {"claim_type": ["quantity", "event"], "checkworthiness": "cfs"}),
    "a_shoigu": (A, "attribution", "Russian Security Council Secretary Sergei Shoigu confirmed", 1, {"voice": "indirect"}),
    "a_tanks": (A, "claim", "new Korean Chonma-2 main battle tanks could be dispatched to take part in hostilities", 1,
                {"claim_type": ["prediction"], "checkworthiness": "cfs"}),
    "a_reports_august": (A, "attribution", "reports in mid-August indicating", 1, {"voice": "indirect"}),
    # Article B: DW, "Brothers in Arms".
    "b_surrender": (B, "claim", "I don't see any signs that Putin wants a just peace. He wants Ukraine to surrender", 1,
                    {"claim_type": ["other"], "checkworthiness": "nfs"}),
    "b_says_klein": (B, "attribution", "says Margarete Klein", 1, {"voice": "direct"}),
    "b_headline_40": (B, "claim", "Russian artillery: 40 percent of ammunition from North Korea", 1,
                      {"claim_type": ["quantity"], "checkworthiness": "cfs"}),
    "b_categories": (B, "claim", "In some categories of weapons, this assistance is central, and sometimes even more important, than the open support from Iran or the covert support from China in the form of component deliveries", 1,
                     {"claim_type": ["other"], "checkworthiness": "ufs"}),
    "b_klein_notes_1": (B, "attribution", "Klein notes", 1, {"voice": "direct"}),
    "b_shells": (B, "claim", "by April 2025, North Korea had delivered 5.8 million artillery shells to Russia", 1,
                 {"claim_type": ["quantity"], "checkworthiness": "cfs"}),
    "b_confirmed": (B, "attribution", "These figures are confirmed by various sources, including an analysis by the Open Source Center", 1,
                    {"voice": "indirect"}),
    "b_forty": (B, "claim", "This is 40 percent of Russia’s ammunition stockpiles in this area.", 1,
                {"claim_type": ["quantity"], "checkworthiness": "cfs"}),
    "b_klein_notes_2": (B, "attribution", "Klein notes", 2, {"voice": "direct"}),
    "b_replenishing": (B, "claim", "Russia is replenishing its rapidly depleting stockpiles with supplies from North Korea", 1,
                       {"claim_type": ["causal"], "checkworthiness": "cfs"}),
    "b_she_adds": (B, "attribution", "she adds", 1, {"voice": "mixed"}),
    "b_missiles": (B, "claim", "North Korea also supplies Russia with ballistic missiles, multiple rocket launchers and long-range artillery.", 1,
                   {"claim_type": ["event"], "checkworthiness": "cfs"}),
    "b_largest": (B, "claim", "Overall, this is the largest bilateral arms supply package that Russia has received from another country since 2022", 1,
                  {"claim_type": ["quantity"], "checkworthiness": "cfs"}),
    "b_concluded": (B, "attribution", "Klein concluded", 1, {"voice": "direct"}),
    "b_agreement": (B, "claim", "Russian President Vladimir Putin and North Korean leader Kim Jong-un signed a strategic partnership agreement in June 2024, which provides for mutual military assistance.", 1,
                    {"claim_type": ["event", "rule"], "checkworthiness": "cfs"}),
    "b_assurances": (B, "claim", "spoke with Kim by phone and received assurances of his support", 1,
                     {"claim_type": ["event"], "checkworthiness": "cfs"}),
    "b_official_statements": (B, "attribution", "according to official North Korean statements", 1, {"voice": "indirect"}),
    "b_11000": (B, "claim", "Around 11,000 North Korean soldiers helped Russia liberate the Kursk region in Russia", 1,
                {"claim_type": ["quantity", "event"], "checkworthiness": "cfs"}),
    "b_5000": (B, "claim", "almost 5,000 of them were killed or wounded in the fighting in the area", 1,
               {"claim_type": ["quantity"], "checkworthiness": "cfs"}),
    "b_syrsky": (B, "attribution", "According to Ukrainian Supreme Commander-in-Chief Alexander Syrsky", 1, {"voice": "indirect"}),
    "b_praised": (B, "claim", "North Korean leader Kim Jong-un has now praised his soldiers in Russia for their \"heroic fighting\"", 1,
                  {"claim_type": ["event"], "checkworthiness": "ufs"}),
    "b_kcna": (B, "attribution", "according to North Korea's state news agency KCNA", 1, {"voice": "mixed"}),
    "b_free_up": (B, "claim", "North Korean soldiers are apparently helping Russia free up soldiers from the Kursk region for fighting on the southern front in Ukraine", 1,
                  {"claim_type": ["causal"], "checkworthiness": "cfs"}),
    "b_zelensky": (B, "attribution", "Ukrainian President Volodymyr Zelensky said", 1, {"voice": "indirect"}),
    "b_transfer": (B, "claim", "We see that they continue to transfer part of the troops from the Kursk direction to Zaporozhye.", 1,
                   {"claim_type": ["event"], "checkworthiness": "cfs"}),
    "b_he_said": (B, "attribution", "he said", 1, {"voice": "direct"}),
    "b_save_troops": (B, "claim", "thanks to North Korea's help, Russia can save its own troops \"for offensive operations in Ukraine.\"", 1,
                      {"claim_type": ["causal"], "checkworthiness": "cfs"}),
    "b_expert_klein": (B, "attribution", "Expert Margarete Klein notes", 1, {"voice": "mixed"}),
    "b_hide_losses": (B, "claim", "In general, the Russian leadership is trying to hide the high losses in its army from society", 1,
                      {"claim_type": ["other"], "checkworthiness": "cfs"}),
    "b_klein_notes_4": (B, "attribution", "Klein notes", 4, {"voice": "direct"}),
    "b_specialists": (B, "claim", "workers and \"specialists from the North Korean defense industry and hybrid operations\" have been spotted in Russia", 1,
                      {"claim_type": ["event"], "checkworthiness": "cfs"}),
    "b_klein_said": (B, "attribution", "Klein said", 1, {"voice": "mixed"}),
    "b_mobilization": (B, "claim", "Russia's use of the elite North Korean contingent indicates not only a deepening dependence on totalitarian regimes, but also real problems with its mobilization reserve.", 1,
                       {"claim_type": ["causal"], "checkworthiness": "cfs"}),
    "b_umerov": (B, "attribution", "Umerov said", 1, {"voice": "direct"}),
    "b_contingent": (B, "claim", "North Korean leader Kim has already talked to the Kremlin about sending another contingent of his soldiers to Russia", 1,
                     {"claim_type": ["event"], "checkworthiness": "cfs"}),
    "b_western_intel": (B, "attribution", "According to information from Western intelligence agencies", 1, {"voice": "indirect"}),
    "b_no_signal": (B, "claim", "there is still no signal from Moscow that they are really ready for constructive negotiations and that they want to end this war", 1,
                    {"claim_type": ["other"], "checkworthiness": "cfs"}),
    "b_adds_klein": (B, "attribution", "adds Klein", 1, {"voice": "direct"}),
    # Article C: Meridian Wire, "Seoul: North Korean shells now a third of Russia's artillery fire".
    "c_shells": (C, "claim", "North Korea has shipped more than 6 million artillery shells to Russia since the summer of 2023", 1,
                 {"claim_type": ["quantity"], "checkworthiness": "cfs"}),
    "c_nis_told": (C, "attribution", "South Korea's National Intelligence Service (NIS) told lawmakers", 1, {"voice": "indirect"}),
    "c_promised": (C, "claim", "Kim Jong Un promised Vladimir Putin in Beijing that Pyongyang would keep helping Moscow", 1,
                   {"claim_type": ["event"], "checkworthiness": "cfs"}),
    "c_any_way": (C, "claim", "If there is any way we can help Russia, we will certainly do so", 1,
                  {"claim_type": ["prediction"], "checkworthiness": "nfs"}),
    "c_kim_told": (C, "attribution", "Kim told Putin", 1, {"voice": "direct"}),
    "c_third": (C, "claim", "North Korean shells now make up about a third of the artillery rounds fired by Russian forces in Ukraine", 1,
                {"claim_type": ["quantity"], "checkworthiness": "cfs"}),
    "c_nis_estimated": (C, "attribution", "the NIS estimated", 1, {"voice": "indirect"}),
    "c_stockpiles": (C, "claim", "earlier estimates had counted stockpiles rather than rounds actually fired", 1,
                     {"claim_type": ["other"], "checkworthiness": "cfs"}),
    "c_official": (C, "attribution", "A senior South Korean intelligence official, who spoke on condition of anonymity, said", 1,
                   {"voice": "indirect"}),
    "c_troops": (C, "claim", "Pyongyang has sent some 15,000 troops to Russia since October 2024", 1,
                 {"claim_type": ["quantity", "event"], "checkworthiness": "cfs"}),
    "c_nis_said": (C, "attribution", "the NIS said", 1, {"voice": "indirect"}),
    "c_losses": (C, "claim", "fewer than 2,000 of them had been killed or wounded", 1,
                 {"claim_type": ["quantity"], "checkworthiness": "cfs"}),
    "c_officials": (C, "attribution", "Officials said", 1, {"voice": "indirect"}),
    "c_ukraine_losses": (C, "claim", "Ukraine's military intelligence has put North Korean losses in Kursk at almost 5,000 killed or wounded", 1,
                         {"claim_type": ["quantity"], "checkworthiness": "cfs"}),
    "c_deliveries": (C, "claim", "the deliveries had kept Russian guns firing through a winter of shortages", 1,
                     {"claim_type": ["causal"], "checkworthiness": "cfs"}),
    "c_berger": (C, "attribution", "Hanna Berger, a researcher at the Nordic Arms Monitor, said", 1, {"voice": "indirect"}),
    "c_silent": (C, "claim", "Without these shells, Russia's artillery would have fallen silent on large stretches of the front", 1,
                 {"claim_type": ["causal"], "checkworthiness": "ufs"}),
    "c_she_said": (C, "attribution", "she said", 1, {"voice": "direct"}),
    "c_missiles": (C, "claim", "dozens of KN-23 ballistic missiles had been fired at Ukrainian cities", 1,
                   {"claim_type": ["quantity", "event"], "checkworthiness": "cfs"}),
    "c_berger_added": (C, "attribution", "Berger added", 1, {"voice": "indirect"}),
    "c_koksan": (C, "claim", "Pyongyang has also supplied its 170mm Koksan self-propelled guns", 1,
                 {"claim_type": ["event"], "checkworthiness": "cfs"}),
    "c_no_workers": (C, "claim", "no North Korean workers had been sent to Russian factories", 1,
                     {"claim_type": ["event"], "checkworthiness": "cfs"}),
    "c_ministry": (C, "attribution", "North Korea's foreign ministry said in a statement carried by the state news agency KCNA", 1,
                   {"voice": "mixed"}),
    "c_zaporizhzhia": (C, "claim", "Russia was moving troops freed up in Kursk to the Zaporizhzhia front", 1,
                       {"claim_type": ["event"], "checkworthiness": "cfs"}),
    "c_zelensky": (C, "attribution", "Ukrainian President Volodymyr Zelensky said", 1, {"voice": "indirect"}),
    "c_counterattacks": (C, "claim", "Kyiv would answer with stronger counterattacks", 1,
                         {"claim_type": ["prediction"], "checkworthiness": "ufs"}),
    "c_he_said": (C, "attribution", "He said", 1, {"voice": "indirect"}),
    "c_treaty": (C, "claim", "The treaty that Putin and Kim signed in June 2024 obliges each country to give military help to the other if it is attacked.", 1,
                 {"claim_type": ["event", "rule"], "checkworthiness": "cfs"}),
    "c_arms_transfers": (C, "claim", "the agreement covers arms transfers", 1,
                         {"claim_type": ["rule"], "checkworthiness": "cfs"}),
    "c_officials_denied": (C, "attribution", "Russian officials have denied", 1, {"voice": "indirect"}),
    "c_duds": (C, "claim", "As many as one in five failed to fire", 1,
               {"claim_type": ["quantity"], "checkworthiness": "cfs"}),
    "c_researcher": (C, "attribution", "the researcher said", 1, {"voice": "indirect"}),
}

# Who speaks in each attribution, as we read it (the `speaker` and `speaker_type`
# attributes). Written only when the database has those attribute types; the speaker
# inference is tested against this list.
SPEAKERS = {
    "a_chairman_stated": ("Kim Jong Un", "government"),
    "a_putin_stated": ("Vladimir Putin", "government"),
    "a_informed": ("Vladimir Putin", "government"),
    "a_alleged": ("Russian government sources", "anonymous"),
    "a_estimates": ("estimates", "document"),
    "a_budanov": ("Kyrylo Budanov", "military"),
    "a_reports_june": ("reports", "document"),
    "a_shoigu": ("Sergei Shoigu", "government"),
    "a_reports_august": ("reports", "document"),
    "b_says_klein": ("Margarete Klein", "expert"),
    "b_klein_notes_1": ("Margarete Klein", "expert"),
    "b_confirmed": ("Open Source Center", "expert"),
    "b_klein_notes_2": ("Margarete Klein", "expert"),
    "b_she_adds": ("Margarete Klein", "expert"),
    "b_concluded": ("Margarete Klein", "expert"),
    "b_official_statements": ("official North Korean statements", "government"),
    "b_syrsky": ("Alexander Syrsky", "military"),
    "b_kcna": ("KCNA", "state media"),
    "b_zelensky": ("Volodymyr Zelensky", "government"),
    "b_he_said": ("Volodymyr Zelensky", "government"),
    "b_expert_klein": ("Margarete Klein", "expert"),
    "b_klein_notes_4": ("Margarete Klein", "expert"),
    "b_klein_said": ("Margarete Klein", "expert"),
    "b_umerov": ("Rustam Umerov", "government"),
    "b_western_intel": ("Western intelligence agencies", "anonymous"),
    "b_adds_klein": ("Margarete Klein", "expert"),
    "c_nis_told": ("NIS", "government"),
    "c_kim_told": ("Kim Jong Un", "government"),
    "c_nis_estimated": ("NIS", "government"),
    "c_official": ("senior South Korean intelligence official", "anonymous"),
    "c_nis_said": ("NIS", "government"),
    "c_officials": ("Officials", "anonymous"),
    "c_berger": ("Hanna Berger", "expert"),
    "c_she_said": ("Hanna Berger", "expert"),
    "c_berger_added": ("Hanna Berger", "expert"),
    "c_ministry": ("North Korea's foreign ministry", "government"),
    "c_zelensky": ("Volodymyr Zelensky", "government"),
    "c_he_said": ("Volodymyr Zelensky", "government"),
    "c_officials_denied": ("Russian officials", "anonymous"),
    "c_researcher": ("Hanna Berger", "expert"),
}

LINKS = [  # (source, target, relation, note)
    ("a_chairman_stated", "a_duty", "attributes", ""),
    ("a_putin_stated", "a_relations", "attributes", ""),
    ("a_putin_stated", "a_kursk_support", "attributes", ""),
    ("a_informed", "a_heroically", "attributes", ""),
    ("a_alleged", "a_neo_nazi", "attributes", ""),
    ("a_estimates", "a_larger", "attributes", ""),
    ("a_budanov", "a_howitzers", "attributes", ""),
    ("a_reports_june", "a_workers", "attributes", ""),
    ("a_shoigu", "a_engineers", "attributes", ""),
    ("a_reports_august", "a_tanks", "attributes", ""),
    ("b_says_klein", "b_surrender", "attributes", ""),
    ("b_klein_notes_1", "b_categories", "attributes", ""),
    ("b_confirmed", "b_shells", "attributes", ""),
    ("b_klein_notes_2", "b_forty", "attributes", ""),
    ("b_she_adds", "b_replenishing", "attributes", ""),
    ("b_concluded", "b_largest", "attributes", ""),
    ("b_official_statements", "b_assurances", "attributes", ""),
    ("b_syrsky", "b_5000", "attributes", ""),
    ("b_kcna", "b_praised", "attributes", ""),
    ("b_zelensky", "b_free_up", "attributes", ""),
    ("b_he_said", "b_transfer", "attributes", ""),
    ("b_expert_klein", "b_save_troops", "attributes", ""),
    ("b_klein_notes_4", "b_hide_losses", "attributes", ""),
    ("b_klein_said", "b_specialists", "attributes", ""),
    ("b_umerov", "b_mobilization", "attributes", ""),
    ("b_western_intel", "b_contingent", "attributes", ""),
    ("b_adds_klein", "b_no_signal", "attributes", ""),
    # Across the two articles.
    ("a_nearly_half", "b_forty", "supports",
     "Different measures (share of rounds used vs share of stockpiles), close figures: 'nearly half' vs 40 percent."),
    ("a_nearly_half", "b_headline_40", "supports", "'nearly half' of rounds vs 40 percent of ammunition."),
    ("a_pledge", "b_assurances", "same_as", "The pledge of support reported by both outlets."),
    ("a_kursk_support", "b_11000", "same_as", "North Korean troops in the Kursk fighting."),
    ("a_heroically", "b_praised", "related", "Putin praises the soldiers in A; Kim praises them in B."),
    ("a_artillery_units", "b_missiles", "supports", "Artillery and missiles supplied to Russia."),
    ("a_exports", "b_missiles", "supports", "Ballistic missiles among the exports."),
    ("a_engineers", "b_specialists", "related", "North Korean specialists and engineers sent to Russia."),
    ("a_workers", "b_specialists", "related", "North Korean workers sent to Russia's defence industry."),
    # The third article.
    ("c_nis_told", "c_shells", "attributes", ""),
    ("c_kim_told", "c_any_way", "attributes", ""),
    ("c_nis_estimated", "c_third", "attributes", ""),
    ("c_official", "c_stockpiles", "attributes", ""),
    ("c_nis_said", "c_troops", "attributes", ""),
    ("c_officials", "c_losses", "attributes", ""),
    ("c_berger", "c_deliveries", "attributes", ""),
    ("c_she_said", "c_silent", "attributes", ""),
    ("c_berger_added", "c_missiles", "attributes", ""),
    ("c_berger_added", "c_koksan", "attributes", ""),
    ("c_ministry", "c_no_workers", "attributes", ""),
    ("c_zelensky", "c_zaporizhzhia", "attributes", ""),
    ("c_he_said", "c_counterattacks", "attributes", ""),
    ("c_officials_denied", "c_arms_transfers", "attributes", ""),
    ("c_researcher", "c_duds", "attributes", ""),
    # The third article against the first two.
    ("c_promised", "a_pledge", "same_as", "Kim's pledge in Beijing."),
    ("c_any_way", "a_duty", "same_as", "The same quotation, shortened."),
    ("c_shells", "b_shells", "same_as", "Shells delivered: more than 6 million (NIS) vs 5.8 million by April 2025."),
    ("c_third", "a_nearly_half", "contradicts", "About a third of rounds fired vs nearly half of rounds used."),
    ("c_stockpiles", "b_forty", "related", "Explains the 40 percent as a share of stockpiles, not of rounds fired."),
    ("c_troops", "b_11000", "same_as", "North Korean troops: some 15,000 vs around 11,000."),
    ("c_ukraine_losses", "b_5000", "same_as", "Ukraine's count of North Korean losses."),
    ("c_losses", "b_5000", "contradicts", "Fewer than 2,000 killed or wounded vs almost 5,000."),
    ("c_deliveries", "b_replenishing", "supports", "Deliveries keep Russian artillery supplied."),
    ("c_missiles", "b_missiles", "supports", "Ballistic missiles supplied to Russia."),
    ("c_koksan", "a_artillery_units", "supports", "170mm self-propelled guns."),
    ("c_no_workers", "a_workers", "contradicts", "North Korea denies sending workers."),
    ("c_zaporizhzhia", "b_transfer", "same_as", "Troops moved from Kursk to Zaporizhzhia."),
    ("c_treaty", "b_agreement", "same_as", "The June 2024 treaty of mutual military assistance."),
]


# Illustrative fact-check verdicts (the `rating` attribute, exported as ClaimReview): a
# same_as pair with appearances in every article, an attributed claim, `unverifiable`.
RATINGS = {
    "a_pledge": "true",  # reported by every outlet
    "a_neo_nazi": "false",  # the Russian government's allegation
    "a_nearly_half": "mostly-true",  # near DW's 40 percent, but rounds used, not stockpiles
    "b_agreement": "true",  # the June 2024 treaty with a mutual-assistance clause
    "b_11000": "mostly-true",  # about 11,000 troops were reported; "liberate" is Russia's framing
    "b_5000": "unverifiable",  # Syrsky's figure; the article says it cannot be verified
}


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        store = Store.open(Path(folder) / "example.db")
        ids = import_ids(store, [ROOT / "corpus"])
        made = {}
        # Speakers go in once the database has their attribute types (see docs/notes/story.md).
        with_speakers = "speaker" in {t.name for t in store.attribute_types("attribution")}
        for key, (doc, label, quote, occurrence, attributes) in SPANS.items():
            if with_speakers and key in SPEAKERS:
                speaker, kind = SPEAKERS[key]
                attributes = {**attributes, "speaker": speaker, "speaker_type": kind, "speaker_status": "confirmed"}
            if key in RATINGS:
                attributes = {**attributes, "rating": RATINGS[key]}
            text = store.text(ids[doc - 1])
            start = -1
            for _ in range(occurrence):
                start = text.index(quote, start + 1)
            made[key] = store.create_annotation(ids[doc - 1], text, start, start + len(quote), label,
                                                "diptych-team", attributes=attributes)
        for source, target, relation, note in LINKS:
            store.create_link(made[source].id, made[target].id, relation, "diptych-team", note=note)
        out = ROOT / "corpus" / "annotations.example.jsonl"
        with out.open("w", encoding="utf-8") as handle:
            for record in store.export_rows():
                # Paths relative to the project: documents are matched by sha256 anyway.
                record["document"]["path"] = str(Path(record["document"]["path"]).relative_to(ROOT))
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")
        store.close()
    print(f"wrote {out}: {len(made)} annotations, {len(LINKS)} links")


if __name__ == "__main__":
    main()
