"""A demo store for API and browser tests: the example reports plus hand-made claims and events.

Why hand-made: the API and the dashboard must be testable before extraction and fusion exist, and
their tests need known answers (the camp escape with two independent chains and a reconciled range,
a car bomb with a contradiction, the hostile report 037 whose text must stay inert).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from builders import make_claims_event, span_of

from sitroom.ingestion import ingest_sources
from sitroom.model import (
    Actor, ActorMention, ActorType, Attribution, Claim, Contradiction, Document, Event, FusedValue, Place,
    PlaceMention, Precision, Qualifier, Quantity, QuantityKind, Role, Source, SourceKind, Span, TimeMention,
    TimePrecision,
)
from sitroom.settings import Settings
from sitroom.store import Store

ROOT = Path(__file__).resolve().parents[1]
REPORTS = ROOT / "examples" / "reports"

CAMP_ESCAPE_ID = "ev-camp-escape"
CAR_BOMB_ID = "ev-qamishli-bomb"
HOSTILE_ID = "ev-hackers-erbil"

PLACES = {
    "alhol": Place("geo:alhol", "al-Hol camp", "SY", "Al-Hasakah", "Al-Hasakah District", 36.3736, 41.1466, Precision.POINT),
    "qamishli": Place("geo:qamishli", "Qamishli", "SY", "Al-Hasakah", "Qamishli District", 37.0522, 41.2266, Precision.TOWN),
    "erbil": Place("geo:erbil", "Erbil", "IQ", "Erbil", None, 36.1911, 44.0092, Precision.TOWN),
    "sinjar": Place("geo:sinjar", "Sinjar", "IQ", "Nineveh", "Sinjar District", 36.3209, 41.8766, Precision.TOWN),
    "rabia": Place("geo:rabia", "Rabia", "IQ", "Nineveh", None, 36.8064, 42.1042, Precision.TOWN),
    "idlib": Place("geo:idlib", "Idlib province", "SY", "Idlib", None, 35.9306, 36.6339, Precision.ADMIN1),
    "sanliurfa": Place("geo:sanliurfa", "Sanliurfa province", "TR", "Sanliurfa", None, 37.1591, 38.7969, Precision.ADMIN1),
    "duhok": Place("geo:duhok", "Duhok governorate", "IQ", "Duhok", None, 36.8669, 42.9503, Precision.ADMIN1),
    "zahle": Place("geo:zahle", "Zahle", "LB", "Beqaa", "Zahle District", 33.8463, 35.9020, Precision.TOWN),
}


@dataclass(frozen=True)
class Demo:
    documents: dict[str, Document]
    """File number prefix ("011") → stored document."""
    claims: dict[str, Claim]
    events: dict[str, Event]


def _paragraph(doc: Document, needle: str) -> Span:
    """The whole paragraph containing ``needle``: the report sentence a claim rests on."""
    s = span_of(doc, needle)
    start = doc.text.rfind("\n", 0, s.start) + 1
    end = doc.text.find("\n", s.end)
    return Span(start, len(doc.text) if end < 0 else end)


def _claim(
    doc: Document, cid: str, event_type: str, sub: str | None, sentence: str, *,
    quantities: tuple[tuple[QuantityKind, str, int, int | None, int | None, Qualifier], ...] = (),
    actors: tuple[tuple[str, ActorType, Role, str], ...] = (),
    place: tuple[str, str] | None = None,
    time: tuple[str, date, date] | None = None,
    source: tuple[str, SourceKind, str] | None = None,
    cue: str | None = None,
    trigger: str | None = None,
) -> Claim:
    para = _paragraph(doc, sentence)
    at = para.start
    qs = tuple(Quantity(kind, low, high, best, qual, span_of(doc, text, at)) for kind, text, low, high, best, qual in quantities)
    acts = tuple(ActorMention(Actor(name, typ), role, span_of(doc, text, at)) for name, typ, role, text in actors)
    places = ()
    if place:
        places = (PlaceMention(place[1], span_of(doc, place[1], at), PLACES[place[0]], True, None, 0.9),)
    tm = None
    if time:
        tm = TimeMention(time[0], span_of(doc, time[0], at), time[1], time[2], TimePrecision.DAY if time[1] == time[2] else TimePrecision.RANGE)
    chain = [Source(doc.outlet or "outlet", SourceKind.OUTLET)]
    if source:
        chain.append(Source(source[0], source[1], span_of(doc, source[2], at)))
    attribution = Attribution(tuple(chain), cue=cue, cue_span=span_of(doc, cue, at) if cue else None)
    return Claim(
        id=cid, document_id=doc.id, event_type=event_type, sub_event_type=sub, confidence=0.8, span=para,
        trigger=trigger, trigger_span=span_of(doc, trigger, at) if trigger else None, actors=acts, places=places,
        time=tm, quantities=qs, attribution=attribution,
    )


def seed_demo(store: Store, settings: Settings | None = None) -> Demo:
    """Ingest ``examples/reports`` into ``store`` and add the demo claims and events."""
    ingest_sources(store, [str(REPORTS)], settings or Settings())
    docs: dict[str, Document] = {}
    for doc in store.iter_documents():
        name = Path(doc.source or "").name
        if name[:3].isdigit():
            docs[name[:3]] = doc
    E, V = QuantityKind, Qualifier
    c: dict[str, Claim] = {}
    c["c011"] = _claim(
        docs["011"], "c011", "Escape", "Escape from camp", "Thousands of people have escaped",
        quantities=((E.ESCAPED, "Thousands", 1000, 9999, None, V.VAGUE),),
        place=("alhol", "al-Hol camp"), time=("Wednesday night", date(2026, 2, 25), date(2026, 2, 25)),
        source=("security and humanitarian sources", SourceKind.ANONYMOUS, "security and humanitarian sources"),
        cue="told", trigger="escaped",
    )
    c["c016"] = _claim(
        docs["016"], "c016", "Escape", "Escape from camp", "Between 15,000 and 20,000 people",
        quantities=((E.ESCAPED, "Between 15,000 and 20,000", 15000, 20000, None, V.RANGE),),
        actors=(("Syrian government forces", ActorType.STATE_FORCES, Role.AFFECTED, "Syrian government forces"),),
        place=("alhol", "al-Hol camp"), source=("U.S. officials", SourceKind.OFFICIAL, "U.S. officials"),
        cue="according to", trigger="escaped",
    )
    c["c027"] = _claim(
        docs["027"], "c027", "Explosions/Remote violence", "Remote explosive/landmine/IED", "A car bomb exploded",
        quantities=((E.KILLED, "nine", 9, 9, 9, V.EXACT), (E.INJURED, "20", 20, 20, 20, V.EXACT)),
        place=("qamishli", "Qamishli"), time=("Sunday morning", date(2026, 3, 8), date(2026, 3, 8)),
        source=("a hospital official", SourceKind.OFFICIAL, "a hospital official"), cue="said", trigger="exploded",
    )
    c["c028"] = _claim(
        docs["028"], "c028", "Explosions/Remote violence", "Remote explosive/landmine/IED", "Seven citizens were killed",
        quantities=((E.KILLED, "Seven", 7, 7, 7, V.EXACT),),
        place=("qamishli", "Qamishli"), source=("the Ministry of Interior", SourceKind.OFFICIAL, "the Ministry of Interior"),
        cue="said", trigger="exploded",
    )
    c["c037"] = _claim(
        docs["037"], "c037", "Strategic developments", "Other", "Screenshots shared widely",
        actors=(("Unidentified hackers", ActorType.UNKNOWN, Role.INITIATOR, "<script>alert(1)</script>"),),
        trigger="<img src=x onerror=alert(1)>",
    )
    c["c037b"] = _claim(
        docs["037"], "c037b", "Strategic developments", "Other", "The button for downloading",
        trigger='<a href="javascript:alert(1)">javascript:alert(1)</a>',
    )
    c["c005"] = _claim(
        docs["005"], "c005", "Protests", "Peaceful protest", "Hundreds of teachers rallied",
        quantities=((E.PEOPLE, "Hundreds", 100, 999, None, V.VAGUE),),
        actors=(("Teachers", ActorType.PROTESTERS, Role.INITIATOR, "teachers"),), place=("erbil", "Erbil"),
        trigger="rallied",
    )
    c["c010"] = _claim(
        docs["010"], "c010", "Strategic developments", "Arrests", "arrested at least 40 people",
        quantities=((E.ARRESTED, "at least 40", 40, None, 40, V.AT_LEAST),),
        actors=(("Iraqi security forces", ActorType.STATE_FORCES, Role.INITIATOR, "Iraqi security forces"),),
        place=("rabia", "Rabia"), source=("a security official", SourceKind.OFFICIAL, "a security official"), cue="said",
        trigger="arrested",
    )
    c["c021"] = _claim(
        docs["021"], "c021", "Explosions/Remote violence", "Air/drone strike", "An air strike by the U.S.-led coalition",
        quantities=((E.KILLED, "two other men", 3, 3, 3, V.EXACT),),
        actors=(("U.S.-led coalition", ActorType.EXTERNAL, Role.INITIATOR, "the U.S.-led coalition"),
                ("Islamic State", ActorType.REBEL_GROUP, Role.TARGET, "Islamic State")),
        place=("idlib", "Idlib province"), trigger="air strike",
    )
    c["c025"] = _claim(
        docs["025"], "c025", "Explosions/Remote violence", "Air/drone strike", "A drone strike hit a car",
        quantities=((E.KILLED, "three people", 3, 3, 3, V.EXACT),), place=("sinjar", "Sinjar"),
        source=("local officials and a security source", SourceKind.OFFICIAL, "local officials and a security source"),
        cue="said", trigger="drone strike",
    )
    c["c031"] = _claim(
        docs["031"], "c031", "Strategic developments", "Arrests", "Turkish police detained dozens",
        quantities=((E.ARRESTED, "dozens", 24, 99, None, V.VAGUE),),
        actors=(("Turkish police", ActorType.STATE_FORCES, Role.INITIATOR, "Turkish police"),),
        place=("sanliurfa", "Sanliurfa province"), trigger="detained",
    )
    c["c038"] = _claim(
        docs["038"], "c038", "Disaster", "Flood", "Flash floods in northern Iraq",
        quantities=((E.DISPLACED, "an estimated 2,500 people", 2500, 2500, 2500, V.ABOUT),),
        place=("duhok", "Duhok governorate"), source=("the International Organization for Migration (IOM)", SourceKind.ORGANISATION,
                                                   "the International Organization for Migration (IOM)"), cue="said",
        trigger="displaced",
    )
    c["c043"] = _claim(
        docs["043"], "c043", "Escape", "Prison break", "About 60 inmates escaped",
        quantities=((E.ESCAPED, "About 60", 50, 70, 60, V.ABOUT),), place=("zahle", "Zahle"),
        source=("Lebanon's Internal Security Forces (ISF)", SourceKind.OFFICIAL, "Lebanon's Internal Security Forces (ISF)"),
        cue="said", trigger="escaped",
    )
    for doc_key in {cl.document_id for cl in c.values()}:
        store.replace_claims(doc_key, [cl for cl in c.values() if cl.document_id == doc_key])

    ev: dict[str, Event] = {}
    ev[CAMP_ESCAPE_ID] = make_claims_event(
        [c["c011"], c["c016"]], CAMP_ESCAPE_ID, place=PLACES["alhol"], start=date(2026, 2, 25), end=date(2026, 2, 27),
        confidence=0.8,
        fields=(FusedValue("escaped", None, ("c011", "c016"), low=1000, best=15000, high=20000),
                FusedValue("place", "al-Hol camp", ("c011", "c016"))),
    )
    ev[CAR_BOMB_ID] = make_claims_event(
        [c["c027"], c["c028"]], CAR_BOMB_ID, place=PLACES["qamishli"], start=date(2026, 3, 8), end=date(2026, 3, 8),
        fields=(FusedValue("killed", None, ("c027", "c028"), low=7, best=None, high=9),
                FusedValue("injured", None, ("c027",), low=20, best=20, high=20)),
        contradictions=(Contradiction("killed", ("c027",), ("c028",), 9, 7, "hospital official vs. interior ministry"),),
    )
    ev[HOSTILE_ID] = make_claims_event(
        [c["c037"], c["c037b"]], HOSTILE_ID, place=PLACES["erbil"], start=date(2026, 3, 12), end=date(2026, 3, 12),
        independent_chains=(("c037", "c037b"),),
    )
    singles = {
        "ev-erbil-protest": ("c005", "erbil", date(2026, 2, 23), "people", 100, None, 999),
        "ev-rabia-arrests": ("c010", "rabia", date(2026, 2, 28), "arrested", 40, 40, None),
        "ev-idlib-strike": ("c021", "idlib", date(2026, 3, 3), "killed", 3, 3, 3),
        "ev-sinjar-drone": ("c025", "sinjar", date(2026, 3, 6), "killed", 3, 3, 3),
        "ev-sanliurfa-raids": ("c031", "sanliurfa", date(2026, 3, 9), "arrested", 24, None, 99),
        "ev-duhok-floods": ("c038", "duhok", date(2026, 3, 13), "displaced", 2500, 2500, 2500),
        "ev-zahle-escape": ("c043", "zahle", date(2026, 3, 17), "escaped", 50, 60, 70),
    }
    for eid, (cid, place, day, qname, low, best, high) in singles.items():
        ev[eid] = make_claims_event(
            [c[cid]], eid, place=PLACES[place], start=day, end=day,
            fields=(FusedValue(qname, None, (cid,), low=low, best=best, high=high),),
        )
    store.save_events(ev.values())
    _seed_alert(store, docs["011"], c["c011"])
    return Demo(docs, c, ev)


def _seed_alert(store: Store, doc: Document, claim: Claim) -> None:
    """One open spike alert whose evidence is the wire report's claim (hostile-safe text only)."""
    from datetime import datetime, timezone

    from sitroom.store.watch_alerts import upsert_alert

    evidence = [{"event_id": CAMP_ESCAPE_ID, "claim_id": claim.id, "document_id": doc.id, "outlet": doc.outlet,
                 "title": doc.title, "url": doc.url, "published": doc.published.isoformat() if doc.published else None,
                 "span_start": claim.span.start, "span_end": claim.span.end, "quote": claim.span.quote(doc.text)}]
    upsert_alert(store, key="spike:escape|SY|Al-Hasakah", rule="spike", rule_name="escape-spike", severity="warning",
                 title="Spike: escape reports in Al-Hasakah (SY)", summary="2 reports in 5 days against a quiet baseline",
                 fingerprint="demo", data={"evidence": evidence}, now=datetime(2026, 3, 4, tzinfo=timezone.utc))
