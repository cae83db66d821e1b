"""Leaders of a document: national officials who chair, speak, conclude, sign or write it.

People in the registry (indexer/data/leaders.yaml) are found by name; anyone else by a
national post written next to a personal name, by a signature block under a national post,
or by a legal database's "Người ký" field of a central document. A person is a leader where
the text gives them a role (indexer/data/leader_roles.yaml): people only named, present or
cited, and local officials, are not.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from indexer.dates import DateFact, cites_an_earlier_date
from indexer.vntext import (
    SENTENCE_BREAK,
    as_written,
    load_data,
    name_key,
    normalize,
    phrase_words,
    sentences,
)


@dataclass(frozen=True)
class _Registry:
    pattern: re.Pattern  # any name or variant
    canonical: dict[str, str]  # name_key(name or variant) → canonical name


@functools.cache
def _registry() -> _Registry:
    canonical = {}
    for person in load_data("leaders.yaml")["people"]:
        for written in [person["name"], *person.get("variants", [])]:
            canonical[name_key(written)] = as_written(person["name"])
    # Longest first, so "Phó Thủ tướng Phúc" wins over "Thủ tướng Phúc". "Phó " before a
    # title variant means the deputy, a different person.
    alternatives = sorted(canonical, key=len, reverse=True)
    # The whole-word tests stand outside the alternatives, not in each: the same matches
    # (a name that fails the test after it is backtracked into like any other), but the
    # search no longer tries every name inside every word: ten times faster.
    pattern = re.compile(
        r"(?<!Phó )(?<!\w)(?:" + "|".join(map(phrase_words, alternatives)) + r")(?!\w)",
        re.IGNORECASE,
    )
    return _Registry(pattern, canonical)


def canonical_leader(name: str) -> str:
    """The registry's name for `name` (a variant or another spelling); else `name` as written."""
    return _registry().canonical.get(name_key(name), as_written(name))


# Attendees at a provincial or district bridge point of an online meeting, not its chairs.
_BRIDGE_ATTENDANCE = re.compile(
    r"(?<!\w)(?:tham\s+)?dự\b[^.\n]{0,60}?\b(?:tại|ở)\s+(?:các\s+)?điểm\s+cầu"
    r"|(?:^|(?<=[.!?…]))\s*tại\s+(?:các\s+)?điểm\s+cầu",  # a sentence opening "Tại điểm cầu"
    re.IGNORECASE | re.MULTILINE,
)
_CENTRAL_BRIDGE = re.compile(r"\W*(?:trụ sở\s+)?(?:Chính phủ|Trung ương)", re.IGNORECASE)


def _strip_bridge_points(text: str) -> str:
    """Drop each 'Dự tại điểm cầu tỉnh …' clause up to the end of its sentence."""
    out, position = [], 0
    for m in _BRIDGE_ATTENDANCE.finditer(text):
        if m.start() < position or _CENTRAL_BRIDGE.match(text, m.end()):
            continue
        end = SENTENCE_BREAK.search(text, m.end())
        out.append(text[position : m.start()])
        position = end.start() if end else len(text)
    out.append(text[position:])
    return "".join(out)


@dataclass(frozen=True)
class _Rules:
    national: re.Pattern  # a national post
    ranks: re.Pattern  # a national membership, national beside a local post too
    local: re.Pattern  # a word of a local post
    roles: re.Pattern  # what a leader does in the text
    mention_end: re.Pattern  # mention words ending the text before a title or name
    past_posts: re.Pattern  # words after a post that make it a past one
    named_by: re.Pattern  # words before a role word that make it part of a name
    recalled: re.Pattern  # words before a role word that make it a stance voiced elsewhere
    surnames: frozenset[str]  # casefolded
    honorifics: frozenset[str]  # casefolded
    places: frozenset[str]  # name_key
    signature: re.Pattern  # a line holding a national post of a signature block
    central_issuers: frozenset[str]
    post_words: tuple[str, ...]  # the national posts and ranks, lower-cased, spaces single
    author_roles: re.Pattern  # author or interviewee of a text that reports no event


def _alternatives(phrases: list[str]) -> str:
    return "|".join(map(phrase_words, sorted(phrases, key=len, reverse=True)))


def _words(phrases: list[str]) -> re.Pattern:
    return re.compile(r"(?<!\w)(?:" + _alternatives(phrases) + r")(?!\w)", re.IGNORECASE)


def _verbs(verbs: list[str]) -> re.Pattern:
    """Verbs as written: in lower case, capitalised only where a sentence or quotation
    starts ("Ban Chỉ đạo" is a name), or in a headline's capitals."""
    lower = _alternatives(verbs)
    capitalised = _alternatives([verb.capitalize() for verb in verbs])
    capitals = _alternatives([verb.upper() for verb in verbs])
    return re.compile(
        rf"(?<!\w)(?:{lower}|{capitals})(?!\w)"
        rf"|(?:^|(?<=[\n\"“(])|(?<=[.!?…:;\"“(] ))(?:{capitalised})(?!\w)"
    )


@functools.cache
def _rules() -> _Rules:
    data = load_data("leader_roles.yaml")
    return _Rules(
        national=_words(data["national_titles"]),
        ranks=_words(data["national_ranks"]),
        local=re.compile(
            r"(?<!\w)(?:" + _alternatives(data["local_words"]) + r")(?!\w)(?! hội)"
        ),  # case kept: "Sở" is a department, "sở" in "trụ sở" is not; "xã hội" is society
        roles=_verbs(data["roles"]),
        mention_end=re.compile(
            r"(?<!\w)(?:" + _alternatives(data["mentions"]) + r")"
            r"(?:\s+(?:" + _alternatives(data["honorifics"]) + r"))?[\s,]*$",
            re.IGNORECASE,
        ),
        past_posts=_words(data["past_posts"]),
        named_by=re.compile(
            r"(?<!\w)(?:" + _alternatives(data["named_by"]) + r")\s+$", re.IGNORECASE
        ),
        # "tiếp tục nhấn mạnh yêu cầu": a role word after a recalled one is recalled too.
        recalled=re.compile(
            r"(?<!\w)(?:" + _alternatives(data["recalled"]) + r")(?:\s+(?:cũng|đã))*"
            r"(?:\s+(?:" + _alternatives(data["roles"]) + r"))*\s+$",
            re.IGNORECASE,
        ),
        surnames=frozenset(name.casefold() for name in data["surnames"]),
        honorifics=frozenset(word.casefold() for word in data["honorifics"]),
        places=frozenset(map(name_key, data["places"])),
        signature=re.compile(
            r"[ \t|]*(?:(?:KT|TM|Q|QUYỀN)\.?[ \t]+)?(?:"
            + _alternatives(data["signature_titles"])
            + r")(?:[ \t,]+[^\W\d_]+)*[ \t|]*"
        ),
        central_issuers=frozenset(data["central_issuers"]),
        post_words=tuple(
            " ".join(normalize(post).lower().split())
            for post in [*data["national_titles"], *data["national_ranks"]]
        ),
        author_roles=_words(data["author_roles"]),
    )


# --- personal names ------------------------------------------------------------------------

_TOKEN = re.compile(r"[^\W\d_]+")
_NAME_MIN, _NAME_MAX = 2, 4  # syllables of a Vietnamese personal name


def _is_capitalised(word: str) -> bool:
    return word[0].isupper() and (word[1:].islower() or word.isupper() or len(word) == 1)


def _before_a_verb(sentence: str, words: list[re.Match]) -> list[re.Match]:
    """A run in capitals (a headline) up to its first verb: capitals do not end a name."""
    verb = _rules().roles.search(sentence, words[0].start(), words[-1].end())
    return [word for word in words if verb is None or word.end() <= verb.start()]


def _name_spans(sentence: str) -> list[tuple[int, int]]:
    """Spans of personal names: runs of capitalised words that start at a surname.

    "Bộ Công Thương Nguyễn Hồng Diên" holds the name "Nguyễn Hồng Diên"; a run of more words
    than a name has ("Hà Nội Hoàng Trung Hải") is tried again from its next surname.
    """
    rules = _rules()
    runs, run = [], []
    for token in _TOKEN.finditer(sentence):
        joined = run and sentence[run[-1].end() : token.start()] == " "
        if _is_capitalised(token[0]) and (not run or joined):
            run.append(token)
            continue
        runs.append(run)
        run = [token] if _is_capitalised(token[0]) else []
    runs.append(run)
    spans = []
    for run in runs:
        words = list(run)
        while words and words[0][0].casefold() in rules.honorifics:
            words.pop(0)  # "Ông Nguyễn Văn A"; an "Anh" further on is part of the name
        if words and all(word[0].isupper() for word in words):
            words = _before_a_verb(sentence, words)  # "… TRẦN VĂN THỦY PHÁT BIỂU"
        for first in range(len(words)):
            if words[first][0].casefold() not in rules.surnames:
                continue
            rest = len(words) - first
            if _NAME_MIN <= rest <= _NAME_MAX:
                span = (words[first].start(), words[-1].end())
                if name_key(sentence[span[0] : span[1]]) not in rules.places:
                    spans.append(span)
                break
    return spans


def _written_name(name: str) -> str:
    """A name as the facets show it: 'NGUYỄN XUÂN PHÚC' → 'Nguyễn Xuân Phúc'."""
    return " ".join(word.capitalize() for word in as_written(name).split())


# --- posts and roles -----------------------------------------------------------------------

_CLAUSE_START = re.compile(r"[;:()\n]|[.!?…]\s")
_TITLE_REACH = 120  # characters before a name in which its post is written
_BETWEEN_WORDS = 9  # words between a post and the name: the body ("Bộ Thông tin và Truyền thông")
_APPOSITIVE = re.compile(r"\s*(?:,|-|–|\()\s*")
_QUOTED_AFTER = re.compile(r"\s*:")
_JOINED_AFTER = re.compile(r"\s*(?:,|và)\s*")
_JOINED = re.compile(r"\s*(?:,|và\s)")
_POSTS_JOINED = re.compile(r"[\s,–-]*(?:(?:kiêm|và)\s+)?|\s+[^\W\d_][^,;:]{0,60}?,\s*")
# Words of a sentence, never of a post's body ("Bộ Kế hoạch và Đầu tư").
_CLAUSE_WORDS = re.compile(
    r"(?<!\w)(?:cũng|đã|đang|sẽ|được|bị|là|không|có|cho|với|này|đó|rằng)(?!\w)", re.IGNORECASE
)


@dataclass(frozen=True)
class _Mention:
    start: int
    end: int
    name: str  # as the facets show it
    post: str  # 'national', 'local', 'registry' (a registry name, no post written) or ''
    mentioned_only: bool


def _post_before(before: str) -> tuple[str, int]:
    """('national' | 'local' | '', where the post starts) from the text before a name."""
    rules = _rules()
    if rank := rules.ranks.search(before):
        return "national", rank.start()
    titles = list(rules.national.finditer(before))
    if not titles:
        return ("local", len(before)) if rules.local.search(before) else ("", len(before))
    title = titles[-1]
    between = before[title.end() :]
    if rules.local.search(between) or rules.roles.search(between):
        return ("local" if rules.local.search(between) else ""), len(before)
    if len(between.split()) > _BETWEEN_WORDS:
        return "", len(before)
    # Posts in a row ("Tổng Bí thư, Chủ tịch nước X") are one post: it starts at the first.
    start = title.start()
    for earlier in reversed(titles[:-1]):
        if not _POSTS_JOINED.fullmatch(before[earlier.end() : start]):
            break
        start = earlier.start()
    return "national", start


def _post_after(after: str) -> str:
    """The post of an appositive right after a name (', Thứ trưởng Bộ Nội vụ,')."""
    opening = _APPOSITIVE.match(after)
    if opening is None:
        return ""
    rules = _rules()
    clause = re.split(r"[,;.()\n]|\s[-–]\s", after[opening.end() :], maxsplit=1)[0]
    verb = rules.roles.search(clause)  # "…, Thứ trưởng Tư pháp cho hay …"
    clause = clause[: verb.start()] if verb else clause
    if rules.ranks.search(clause):
        return "national"
    title = rules.national.match(clause)
    if title is None:
        return "local" if rules.local.search(clause) else ""
    body = clause[title.end() :]
    if rules.local.search(body):
        return "local"
    # "X, Thủ tướng cũng được …" is a new clause about someone else, not X's post.
    if _CLAUSE_WORDS.search(body) or len(body.split()) > _BETWEEN_WORDS:
        return ""
    return "national"


# "của" before a post or name is a mention ("Quyết định của Thủ tướng"), except after the
# words of a role: "dưới sự chủ trì của", "thư của", "kết luận của" (a notice of the
# conclusions someone drew). "Bài viết của" is not one: an article that introduces its
# author says "X có bài viết"; "bài viết của X" cites another.
_ROLE_BEFORE_CUA = re.compile(
    r"(?:chủ\s+trì|trả\s+lời\s+phỏng\s+vấn|thư|kết\s+luận)"
    r"\s+của(?:\s+(?:ông|bà|đồng\s+chí))?[\s,]*$",
    re.IGNORECASE,
)


def _is_mention(before: str) -> bool:
    """Whether the words before a post or name make the person only mentioned."""
    if _ROLE_BEFORE_CUA.search(before):  # "dưới sự chủ trì của": a role
        return False
    return bool(_rules().mention_end.search(before))


def _mentions(sentence: str) -> list[_Mention]:
    """Every person written in a sentence: registry names, and names next to a post."""
    registry = _registry()
    found: list[tuple[int, int, str, bool]] = [
        (m.start(), m.end(), registry.canonical[name_key(m[0])], True)
        for m in registry.pattern.finditer(sentence)
    ]
    taken = [(start, end) for start, end, _, _ in found]
    for start, end in _name_spans(sentence):
        if not any(start < t_end and t_start < end for t_start, t_end in taken):
            found.append((start, end, _written_name(sentence[start:end]), False))
    found.sort()
    mentions, previous_end = [], 0
    for start, end, name, known in found:
        clause = max((m.end() for m in _CLAUSE_START.finditer(sentence, 0, start)), default=0)
        before = sentence[max(clause, previous_end, start - _TITLE_REACH) : start]
        post, post_start = _post_before(before)
        if not post:
            post = _post_after(sentence[end:])
            post_start = len(before)
        if not post and known:
            post = "registry"
        mentioned = _is_mention(before[:post_start]) or bool(
            _rules().past_posts.search(before[post_start:])
        )
        # "của nguyên Tổng Bí thư X và Chủ tịch nước Y": Y is mentioned as X is.
        if (
            mentions
            and mentions[-1].mentioned_only
            and _JOINED_AFTER.fullmatch(before[:post_start])
        ):
            mentioned = True
        mentions.append(_Mention(start, end, name, post, mentioned))
        previous_end = end
    return mentions


def _segment_ends(sentence: str, mentions: list[_Mention]) -> list[int]:
    """Where each person's part of a sentence ends: at the next person, whose words come
    after; people joined by "và" or a comma share what follows ("X và Y chủ trì")."""
    ends = [len(sentence)] * len(mentions)
    for index in range(len(mentions) - 2, -1, -1):
        gap = sentence[mentions[index].end : mentions[index + 1].start]
        joined = _JOINED.match(gap) and not (
            _rules().roles.search(gap) or _CLAUSE_WORDS.search(gap)
        )
        ends[index] = ends[index + 1] if joined else mentions[index + 1].start
    return [
        _before_another_post(sentence, mention, end)
        for mention, end in zip(mentions, ends, strict=True)
    ]


# A post written alone, as the object of a verb or a preposition: "giúp Thủ tướng chỉ đạo".
_POST_AS_OBJECT = re.compile(r"(?<!\w)(?:giúp|cho|tới|đến|lên)\s+$", re.IGNORECASE)


def _before_another_post(sentence: str, mention: _Mention, end: int) -> int:
    """`end`, or earlier where another official is written by post alone as an object ("Ban
    Chỉ đạo do X làm Trưởng ban, có chức năng giúp Thủ tướng nghiên cứu, chỉ đạo …": the
    verbs after "Thủ tướng" are not X's)."""
    for post in _rules().national.finditer(sentence, mention.end, end):
        if _POST_AS_OBJECT.search(sentence, max(0, post.start() - 10), post.start()):
            return post.start()
    return end


# The end of an opening phrase: a comma, a colon or "có", then only the person's posts, no
# number or word of a further clause ("cho biết có 418 phiếu tán thành, … để ông X thôi
# chức": the verb is another's).
_OPENING_PHRASE_END = re.compile(
    r"(?:[,:]|\scó)\s(?:(?!(?:để|mà|rằng|là|được|bị)\s)[^,:;\d\s]+\s+){0,16}$", re.IGNORECASE
)


def _has_role(
    sentence: str, mention: _Mention, segment: tuple[int, int], *, other_headline: bool = False
) -> bool:
    """Whether the sentence gives the person a role: a verb of leading in the person's own
    part of it (from the previous person to the next), 'Theo X, …' (according to X), or a
    quotation after the name ('Thủ tướng X: …') unless the line is another article's
    headline (`other_headline`)."""
    if _QUOTED_AFTER.match(sentence, mention.end):
        return not other_headline
    before = sentence[: mention.start]
    if re.search(r"(?:^|[\s,])theo\s+(?:[^\W\d_]+\s+){0,14}$", before, re.IGNORECASE) and (
        not _rules().mention_end.search(before)
    ):
        return True
    rules = _rules()
    return any(
        not rules.named_by.search(sentence, max(0, verb.start() - 20), verb.start())
        and not rules.recalled.search(sentence, max(0, verb.start() - 60), verb.start())
        # Before the name, a verb is the person's only in an opening phrase set off by a
        # comma or colon ("Phát biểu tại hội nghị, X …", "Chủ trì: X"), or before "có"
        # ("chỉ đạo hội nghị có Phó Thủ tướng X"); "Kết quả … cho biết … ông X" is another's.
        and (
            verb.start() > mention.start
            or _OPENING_PHRASE_END.search(sentence, verb.end(), mention.start)
        )
        for verb in rules.roles.finditer(sentence, *segment)
    )


# --- signatures and database records ---------------------------------------------------------

# What stands between a signature's post and the name: "(Đã ký)", "[daky]", "Ký".
_SIGNED = re.compile(
    r"[ \t(\[]*(?:đã\s+ký|ký|daky|ký,\s*ghi\s+rõ\s+họ\s+tên|chữ\s+ký)[ \t)\].]*", re.IGNORECASE
)
_SIGNATURE_LOOKAHEAD = 5  # lines between the post and the name: "(Đã ký)", the seal
_SIGNER_FIELD = re.compile(
    r"(?:^|\|)[ \t•*-]*Người\s+ký[ \t]*:?[ \t|]*(?P<name>[^\n|]+)", re.IGNORECASE | re.MULTILINE
)
_ISSUER_FIELD = re.compile(
    r"(?:Nơi|Cơ\s+quan)\s+ban\s+hành[ \t]*:?[ \t|]*(?P<issuer>[^\n|]+)", re.IGNORECASE
)
_CENTRAL_BODY = re.compile(
    r"^(?:Chính phủ|Thủ tướng|Bộ\s|Văn phòng Chính phủ|Quốc hội|Ủy ban Thường vụ Quốc hội"
    r"|Ban Chấp hành Trung ương|Ban Bí thư|Bộ Chính trị|Ngân hàng Nhà nước|Thanh tra Chính phủ"
    r"|Kiểm toán Nhà nước|Ủy ban Dân tộc)",
    re.IGNORECASE,
)
_NUMBER_CODE = re.compile(r"\d+[a-zđ]?/(?:\d{4}/)?(?P<code>[A-ZĐa-z]+(?:[-&][A-ZĐa-z]+)*)")
_HEAD_CHARS = 3000


def _whole_name(text: str) -> str | None:
    """`text` if it is one personal name and nothing else."""
    text = text.strip(" \t|.,")
    spans = _name_spans(text)
    if len(spans) == 1 and spans[0] == (0, len(text)):
        return _written_name(text)
    return None


def _signers(text: str) -> list[tuple[int, str]]:
    """(position, name) of each person signing under a national post."""
    rules = _rules()
    lines = text.split("\n")
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line) + 1)
    found = []
    for index, line in enumerate(lines):
        if not rules.signature.fullmatch(line.strip()):
            continue
        for below in lines[index + 1 : index + 1 + _SIGNATURE_LOOKAHEAD]:
            if not below.strip() or _SIGNED.fullmatch(below):
                continue
            name = _whole_name(below)
            if name:
                found.append((offsets[index], name))
            break
    return found


_OWN_NUMBER_LINE = re.compile(
    r"(?:^|\|)[ \t•*-]*Số(?:\s+hiệu)?[ \t]*:?[ \t|]*(?P<number>\S+)", re.IGNORECASE | re.MULTILINE
)


def _central_document(head: str) -> bool:
    """Whether the document is a central body's: its issuer field, else its own number."""
    issuer = _ISSUER_FIELD.search(head)
    if issuer:
        return bool(_CENTRAL_BODY.match(issuer["issuer"].strip()))
    codes = {
        part
        for line in _OWN_NUMBER_LINE.finditer(head)
        for m in _NUMBER_CODE.finditer(line["number"])
        for part in re.split(r"[-&]", m["code"])
    }
    return bool(codes & _rules().central_issuers)


def _database_signers(text: str) -> list[tuple[int, str]]:
    """The 'Người ký' of a legal database's record, when the document is a central one."""
    head = text[:_HEAD_CHARS]
    found = []
    for match in _SIGNER_FIELD.finditer(head):
        name = _whole_name(match["name"])
        if name and (_central_document(head) or name_key(name) in _registry().canonical):
            found.append((match.start(), name))
    return found


# --- the document's leaders ------------------------------------------------------------------


def _title_key(sentence: str, mention: _Mention) -> str | None:
    """The post written right before a national mention ('phó thủ tướng'), for later
    sentences that name the person by the post alone."""
    titles = list(_rules().national.finditer(sentence, 0, mention.start))
    if not titles or mention.start - titles[-1].end() > 60:
        return None
    return name_key(titles[-1][0])


# "… (Ảnh: TTXVN)", "Ảnh: VGP/Nhật Bắc": a photo's caption.
_CAPTION_REACH = 12
_CAPTION = re.compile(
    r"[(\[]\s*Ảnh\s*:|^\s*Ảnh\s*:|\s[-–]\s*Ảnh\s*:|[_(]\s*Nguồn\s*:", re.IGNORECASE
)
_BYLINE_LINES = 3
_POST_ALONE_REACH = 25  # characters from a post to its verb: "Phó Thủ tướng nhấn mạnh"
_POST_ALONE_WORDS = 3  # words between them at most: "Bộ trưởng Bộ Nội vụ cho biết"


def _posts_alone(sentence: str, mentions: list[_Mention]) -> list[tuple[int, str]]:
    """(position, post) of national posts written without a name, followed by a verb."""
    rules = _rules()
    found = []
    for title in rules.national.finditer(sentence):
        if any(m.start >= title.end() and m.start - title.end() < 40 for m in mentions):
            continue  # the post of a name
        if _is_mention(sentence[: title.start()]):
            continue
        verb = rules.roles.search(sentence, title.end(), title.end() + _POST_ALONE_REACH)
        if verb and len(sentence[title.end() : verb.start()].split()) <= _POST_ALONE_WORDS:
            found.append((title.start(), name_key(title[0])))
    return found


def _byline(text: str) -> list[tuple[int, str]]:
    """The author of an article signed at its top: a line that is a name, then the post."""
    lines = [line for line in text.split("\n") if line.strip()][:_BYLINE_LINES]
    for line, below in zip(lines, lines[1:], strict=False):
        name = _whole_name(line)
        if name and (_rules().national.match(below.strip()) or _rules().ranks.match(below.strip())):
            return [(text.find(line), name)]
    return []


def _is_caption(text: str, offset: int, sentence: str) -> bool:
    """Whether a sentence is a photo's caption: it holds or is followed by "(Ảnh: …)"."""
    after = text[offset + len(sentence) : offset + len(sentence) + _CAPTION_REACH]
    return bool(_CAPTION.search(sentence) or _CAPTION.match(after.lstrip()))


_SENTENCE_END = re.compile(r"[.!?…\"”»)]\s*$")


def _is_headline_line(text: str, offset: int, sentence: str) -> bool:
    """Whether a sentence is a line of its own without a full stop: past the document's
    first line, the headline of another article (a related-news link) or a subheading."""
    starts_line = offset == 0 or text[offset - 1] == "\n"
    end = offset + len(sentence)
    ends_line = end == len(text) or text[end] == "\n"
    return starts_line and ends_line and not _SENTENCE_END.search(sentence)


SENTENCE_MAX_CHARS = 1000


def _bounded(sentences: list[str]) -> list[str]:
    """The sentences, a run-on one cut at spaces into pieces of at most SENTENCE_MAX_CHARS:
    the work per person grows with the sentence, and a text without full stops (a table, a
    list, a page pasted on one line) must not cost the square of its length."""
    pieces = []
    for sentence in sentences:
        while len(sentence) > SENTENCE_MAX_CHARS:
            cut = sentence.rfind(" ", 0, SENTENCE_MAX_CHARS)
            cut = cut if cut > 0 else SENTENCE_MAX_CHARS
            pieces.append(sentence[:cut])
            sentence = sentence[cut:].lstrip()
        pieces.append(sentence)
    return pieces


def extract_leaders(text: str, own_date: DateFact | None = None) -> tuple[str, ...]:
    """National officials who chair, speak, conclude, sign or write the text, by first
    appearance, canonical names (the registry's when it knows them).

    `own_date` is the document's date when known: a sentence dated well before it recalls
    an earlier event, whose chairs and speakers are not this document's leaders.
    """
    rules = _rules()
    text = _strip_bridge_points(normalize(text))
    registry = _registry()
    # A quick test before the sentence by sentence work: a post's words, a registry name or
    # a signer field somewhere in the text (the post regexes alone cost more than this).
    folded = " ".join(text.lower().split())
    if not any(word in folded for word in rules.post_words) and not any(
        pattern.search(text) for pattern in (registry.pattern, _SIGNER_FIELD)
    ):
        return ()
    written: list[tuple[int, str]] = [*_signers(text), *_database_signers(text), *_byline(text)]
    acting: list[tuple[int, str]] = []  # (position, name) of people the text shows acting
    quoted: list[tuple[int, str]] = []  # … shown as author, interviewee, quoted in the title
    by_post: dict[str, list[str]] = {}
    offset = 0
    for number, sentence in enumerate(_bounded(sentences(text))):
        offset = text.find(sentence, offset)
        if _is_caption(text, offset, sentence) or cites_an_earlier_date(sentence, own_date):
            continue  # a photo's caption shows another moment; so does a recalled event
        mentions = _mentions(sentence)
        ends = _segment_ends(sentence, mentions)
        for index, mention in enumerate(mentions):
            if mention.post not in ("national", "registry") or mention.mentioned_only:
                continue
            key = _title_key(sentence, mention)
            if key and mention.name not in by_post.setdefault(key, []):
                by_post[key].append(mention.name)
            segment = (mention.start if index else 0, ends[index])
            other_headline = number > 0 and _is_headline_line(text, offset, sentence)
            if _has_role(sentence, mention, segment, other_headline=other_headline):
                acting.append((offset + mention.start, mention.name))
            # An author or interviewee is a leader by the post written with the name: a
            # journalist may share a leader's name ("Tác giả: Trần Văn Sơn").
            headline = number == 0 and _QUOTED_AFTER.match(sentence, mention.end)
            authored = headline or rules.author_roles.search(sentence, *segment)
            if authored and mention.post == "national":
                quoted.append((offset + mention.start, mention.name))
        for position, post in _posts_alone(sentence, mentions):
            holders = by_post.get(post, [])
            if len(holders) == 1:
                acting.append((offset + position, holders[0]))
    found = written + quoted + acting
    leaders: list[str] = []
    for _, name in sorted(found):
        name = canonical_leader(name)
        if name not in leaders:
            leaders.append(name)
    return tuple(leaders)
