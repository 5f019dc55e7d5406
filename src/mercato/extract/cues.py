"""Transfer cues: the words that say how far a move has gone, or that it is off.

Each cue is a compiled pattern over lower-cased text. `read_stage` reads one clause and returns
the strongest stage it states, with hedging ("set to", "could") holding a move back at rumour.
"""

from __future__ import annotations

import re

from mercato.domain import Stage


def _words(*alternatives: str) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(alternatives) + r")\b")


OFF = _words(
    r"turn(?:s|ed|ing)? down",
    r"rejected (?:a |the |an )?(?:move|approach|chance|offer to join|switch|transfer)",
    r"reject(?:s|ed)? (?:a )?move",
    r"ruled? out",
    r"rules out",
    r"no (?:longer )?(?:interest|intention|plans?)",
    r"not interested",
    r"lost interest",
    r"end(?:s|ed)? (?:their|his|its) (?:interest|pursuit)",
    r"opposed to",
    r"(?:will|would) not (?:sell|let|allow)",
    r"won't (?:sell|let|allow)",
    r"not (?:be )?(?:for sale|sold|selling)",
    r"refus(?:e|es|ed) to (?:sell|let|sanction|allow)",
    r"no longer willing",
    r"called off",
    r"collaps(?:e|es|ed)",
    r"fell through",
    r"falls? through",
    r"pulled out",
    r"pull(?:s|ed)? out of",
    r"gave up",
    r"give up",
    r"giv(?:es|ing) up",
    r"dismiss(?:ed|es)? (?:speculation|talk|reports|rumours|links)",
    r"snubb?(?:ed|s)?",
    r"decided against",
    r"blocked",
    r"denied",
    r"den(?:y|ies) (?:any|the|reports)",
    r"(?:has|have|had) no (?:chance|hope)",
    r"abandon(?:ed|s)?",
    r"walk(?:ed)? away",
    r"(?:set|going|want|wants|plans?) to stay",
    r"commit(?:ted)? (?:his|their) future",
    r"cannot afford",
)

_ADVERB = r"(?:\w+ly |also |now |just |already |finally |since |officially |today )?"
DONE = _words(
    r"(?:confirmed|announced|completed|unveiled) (?:the )?(?:\w+ )?(?:signing|arrival|capture|deal|transfer|appointment)",
    rf"(?:has|have|had) {_ADVERB}(?:signed|joined|completed|sealed|agreed|re-signed|moved|arrived|sold|bought|appointed|finalised|unveiled|made the switch|made the move|switched|taken|brought in|snapped up|landed|recruited|recalled)",
    r"joined",
    r"joins",
    r"signed (?:for|with|from)",
    r"signs for",
    r"signed an? (?:\w+-year |\w+-month |short-term |permanent )?(?:deal|contract) to",
    rf"(?:was|were|been|is|are) {_ADVERB}(?:signed|sold|appointed|unveiled|confirmed|sacked|released|loaned|named|recalled)",
    r"completed? (?:his|her|a|the|their) (?:move|switch|transfer|loan|signing)",
    r"completed",
    r"here we go",
    r"sealed",
    r"arrived",
    r"re-signed",
    r"moved to",
    r"moves to",
    r"sacked",
    r"fired",
    r"released",
    r"left (?:the club|for)",
    r"stepped down",
    r"resigned",
    r"quits",
    r"decided to (?:appoint|sack|part ways|name|hire)",
    r"appointed",
    r"(?:verbal |full |total )?agreement (?:in place|reached|done|completed)",
    r"reached (?:an|a full|a total|a verbal) agreement",
    r"deal (?:done|agreed|completed|sealed|in place)",
    r"(?:has|have) agreed (?:to join|to sign|a deal|terms|personal terms|a contract)",
    r"agreed to join",
    r"loaned (?:out )?to",
    r"spent (?:\w+ )?(?:\w+ )?(?:terms?|seasons?|spells?|years?|months?)",
    r"loan spell",
    r"since (?:his )?(?:arrival|arriving|joining|signing)",
    r"is joining",
    r"decided to step down",
    r"(?:currently|is|was|now|already) on loan (?:at|with|from)",
    r"on loan from",
    r"took",
    r"brought in",
    r"snapped up",
    r"made the switch",
    r"new (?:\w+ ){0,2}(?:boss|manager|head coach|coach|signing)",
    r"officially",
)

# Words that hold a move back at rumour even when a done-cue follows ("set to join").
HEDGE = _words(
    r"set to",
    r"close to",
    r"closing in",
    r"expected to",
    r"poised to",
    r"on the verge of",
    r"could",
    r"would",
    r"might",
    r"may",
    r"should",
    r"if",
    r"wants? to",
    r"want",
    r"hop(?:e|es|ing) to",
    r"keen",
    r"eager",
    r"plan(?:s|ning)? to",
    r"tipped",
    r"likely",
    r"considering",
    r"consider",
    r"talks",
    r"negotiat\w*",
    r"bid",
    r"offer",
    r"interest(?:ed)?",
    r"target(?:ing|s)?",
    r"monitor\w*",
    r"track\w*",
    r"linked",
    r"links",
    r"chas\w+",
    r"pursu\w+",
    r"race",
    r"approach\w*",
    r"reportedly",
    r"said to",
    r"in line to",
    r"ready to",
    r"preparing",
    r"prepare",
    r"trying",
    r"try",
    r"push",
    r"looking to",
    r"looks to",
    r"aim\w*",
    r"weigh\w*",
    r"explor\w+",
    r"open to",
    r"urged?",
    r"favourite",
    r"option",
    r"hopeful",
    r"edging",
    r"nearing",
    r"lure",
    r"replace",
    r"set for",
    r"would be",
    r"willing",
    r"alternative",
    r"valuation",
    r"asking price",
    r"wanted",
    r"want",
    r"earmark\w*",
    r"scout\w*",
    r"admire\w*",
    r"eye\w*",
    r"keeping tabs",
)

BID_REJECTED = _words(
    r"(?:bid|offer|approach)s? (?:[\w\u00a3\u20ac$.-]+ ){0,8}(?:rejected|turned down|knocked back|snubbed|rebuffed)",
    r"reject(?:ed|s|ing)? (?:a |an |the |their |his )?(?:[\w\u00a3\u20ac$.-]+ )?(?:[\w\u00a3\u20ac$.-]+ )?(?:bid|offer|approach)",
)
BID = _words(r"bid", r"offer", r"offered", r"proposal")
TALKS = _words(r"talks", r"negotiat\w*", r"discussions")
APPROACH = _words(r"approach\w*", r"enquir\w*", r"inquir\w*", r"contact")
MONITORING = _words(r"monitor\w*", r"track\w*", r"scout\w*", r"watch\w*", r"keeping tabs", r"eye\w*")
AGREEMENT_HEDGED = _words(r"agree\w*", r"agreement", r"personal terms")
MEDICAL = _words(r"medical")

EXIT = _words(
    r"cash in",
    r"sell",
    r"selling",
    r"sold off",
    r"offload\w*",
    r"leave",
    r"leaving",
    r"exit",
    r"depart\w*",
    r"let (?:him )?go",
    r"letting",
    r"released?",
    r"axed?",
    r"sacked",
    r"sack",
    r"fired",
    r"stepped down",
    r"steps? down",
    r"resign\w*",
    r"left",
    r"quit\w*",
    r"transfer list\w*",
    r"up for sale",
    r"move away",
    r"moving on",
    r"replac(?:e|es|ed|ing)",
    r"successor",
    r"departure",
    r"out of the door",
    r"surplus",
    r"frozen out",
    r"listen\w* to offers",
    r"offers for",
)

LOAN = _words(r"loan\w*", r"loaned")
LOAN_OPTION = _words(r"option to buy", r"buy option", r"option to make", r"purchase option")
LOAN_OBLIGATION = _words(r"obligation to buy", r"obligation", r"mandatory")


def read_stage(clause: str) -> Stage:
    """The stage a clause states; lower-case text in, hedges keep it at rumour."""
    if BID_REJECTED.search(clause):
        return Stage.BID_REJECTED
    if OFF.search(clause):
        return Stage.DENIED if "den" in clause or "dismiss" in clause else Stage.COLLAPSED
    done = DONE.search(clause)
    # A hedge holds back the verb it governs ("set to join"), not one further on in the clause.
    if done is not None and not HEDGE.search(clause[max(0, done.start() - 40) : done.start()]):
        if MEDICAL.search(clause):
            return Stage.MEDICAL
        if re.search(r"\bagree|\bagreement|here we go", clause):
            return Stage.AGREEMENT
        return Stage.SIGNED
    if MEDICAL.search(clause):
        return Stage.TALKS
    if BID.search(clause):
        return Stage.BID
    if TALKS.search(clause):
        return Stage.TALKS
    if APPROACH.search(clause):
        return Stage.APPROACH
    if MONITORING.search(clause):
        return Stage.MONITORING
    return Stage.INTEREST
