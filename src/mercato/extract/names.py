"""Word lists that tell a person's name from the other capitalised words of football copy."""

from __future__ import annotations

# Lower-case particles that may sit inside a name ("Virgil van Dijk", "Stefan de Vrij").
NAME_PARTICLES = frozenset(
    {"van", "de", "der", "den", "di", "da", "dos", "das", "del", "della", "la", "le", "ten",
     "ter", "von", "bin", "el", "al", "mac", "du", "st"}
)

# Capitalised words that start sentences or name things other than people.
NOT_NAME_WORDS = frozenset(
    ["a", "an", "the", "he", "she", "his", "her", "hers", "him", "they", "them", "their", "it", "its", "we", "our", "you", "your", "i", "my", "me", "this", "that", "these", "those", "there", "here", "however", "but", "and", "or", "nor", "so", "yet", "if", "when", "while", "whilst", "after", "before", "since", "until", "as", "at", "in", "on", "of", "for", "from", "to", "with", "without", "by", "about", "into", "onto", "over", "under", "between", "among", "according", "meanwhile", "overall", "also", "then", "now", "still", "should", "would", "could", "will", "can", "may", "might", "must", "not", "no", "yes", "all", "any", "both", "each", "every", "either", "neither", "some", "such", "what", "which", "who", "whom", "whose", "why", "how", "where", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "first", "second", "third", "last", "next", "new", "former", "ex", "old", "young", "veteran", "experienced", "teenage", "teenager", "talented", "exciting", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december", "summer", "winter", "spring", "autumn", "premier", "league", "leagues", "championship", "cup", "cups", "champions", "europa", "conference", "serie", "liga", "laliga", "bundesliga", "ligue", "eredivisie", "primeira", "mls", "saudi", "pro", "super", "fa", "efl", "uefa", "fifa", "euro", "euros", "world", "copa", "africa", "nations", "final", "finals", "semi", "quarter", "round", "stage", "group", "season", "seasons", "window", "transfer", "transfers", "deadline", "day", "deal", "deals", "move", "contract", "loan", "fee", "bid", "offer", "clause", "stadium", "park", "road", "arena", "ground", "lane", "bridge", "field", "club", "clubs", "team", "side", "squad", "academy", "under", "fans", "supporters", "board", "owner", "owners", "chairman", "president", "chief", "executive", "director", "sporting", "technical", "manager", "managers", "boss", "coach", "coaches", "head", "interim", "caretaker", "assistant", "gaffer", "player", "players", "striker", "strikers", "forward", "forwards", "winger", "wingers", "midfielder", "midfielders", "defender", "defenders", "centre-back", "centre-half", "full-back", "left-back", "right-back", "wing-back", "keeper", "goalkeeper", "goalkeepers", "captain", "skipper", "star", "stars", "international", "internationals", "youngster", "prospect", "wonderkid", "target", "targets", "signing", "signings", "agent", "agents", "representatives", "sky", "sports", "bbc", "sport", "espn", "twitter", "instagram", "tv", "radio", "podcast", "column", "newspaper", "report", "reports", "reported", "reportedly", "exclusive", "excl", "breaking", "official", "confirmed", "update", "news", "gossip", "rumour", "rumours", "here", "we", "go", "understand", "understood", "told", "says", "said", "adds", "added", "mr", "mrs", "ms", "sir", "dr", "jr", "sr", "st", "fc", "afc", "cf", "sc", "ac", "as", "ssc", "vfb", "vfl", "tsg", "rb", "psg", "english", "british", "scottish", "welsh", "irish", "french", "spanish", "german", "italian", "dutch", "portuguese", "brazilian", "argentine", "argentinian", "belgian", "croatian", "serbian", "danish", "swedish", "norwegian", "polish", "austrian", "swiss", "turkish", "greek", "american", "mexican", "colombian", "uruguayan", "chilean", "nigerian", "ghanaian", "senegalese", "ivorian", "cameroonian", "moroccan", "algerian", "egyptian", "japanese", "korean", "australian", "canadian", "ukrainian", "russian", "czech", "slovak", "slovenian", "hungarian", "romanian", "bulgarian", "albanian", "kosovan", "finnish", "icelandic", "ecuadorian", "paraguayan", "peruvian", "venezuelan", "european", "african", "asian", "south", "north", "east", "west", "central", "god", "christmas", "easter", "covid", "coronavirus", "var"]
)

# Words that never continue a name, even after a first name ("Chris Day" may, "Chris The" not).
NAME_BREAKERS = frozenset(
    ["a", "an", "the", "he", "she", "his", "her", "him", "they", "them", "their", "it", "its", "we", "our", "you", "your", "i", "my", "me", "this", "that", "these", "those", "there", "here", "however", "but", "and", "or", "nor", "so", "yet", "if", "when", "while", "whilst", "after", "before", "since", "until", "as", "at", "in", "on", "of", "for", "from", "to", "with", "without", "by", "about", "into", "over", "under", "between", "according", "premier", "league", "championship", "cup", "champions", "europa", "serie", "liga", "bundesliga", "ligue", "eredivisie", "fa", "efl", "uefa", "fifa", "stadium", "park", "road", "arena", "ground", "lane", "club", "team", "side", "fc", "afc", "manager", "boss", "coach", "striker", "forward", "winger", "midfielder", "defender", "keeper", "goalkeeper", "captain", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march", "april", "june", "july", "august", "september", "october", "november", "december"]
)

# Nouns that, just before a name, say the name is a player ("midfielder X").
PLAYER_NOUNS = frozenset(
    ["striker", "forward", "winger", "midfielder", "defender", "centre-back", "centre-half", "full-back", "left-back", "right-back", "wing-back", "keeper", "goalkeeper", "playmaker", "attacker", "captain", "skipper", "star", "player", "youngster", "prospect", "wonderkid", "teenager", "international", "frontman", "marksman", "stopper", "left-winger", "right-winger", "utility", "sensation", "talisman", "veteran", "academy", "graduate"]
)

# Nouns that say the name is a manager, head coach or director.
MANAGER_NOUNS = frozenset(
    ["manager", "boss", "coach", "head-coach", "gaffer", "director", "chairman", "president"]
)

POSITION_WORDS: dict[str, str] = {
    "goalkeeper": "goalkeeper",
    "keeper": "goalkeeper",
    "centre-back": "centre-back",
    "centre-half": "centre-back",
    "defender": "defender",
    "full-back": "full-back",
    "left-back": "left-back",
    "right-back": "right-back",
    "wing-back": "wing-back",
    "midfielder": "midfielder",
    "playmaker": "midfielder",
    "winger": "winger",
    "forward": "forward",
    "striker": "striker",
    "attacker": "forward",
}
