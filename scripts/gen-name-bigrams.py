#!/usr/bin/env python3
# gen-name-bigrams.py — writes src/randname-table.h: letter-bigram costs for
# FROM_RANDOM_NAME (src/randname.c), -log2 P(next | previous) in whole bits
# (0..15) over a-z plus the word boundary.
#
# Text counted: the English and the people's names (maintainers and authors
# of every nation) of a Debian system's /usr/share/doc/*/copyright and
# changelog.Debian.gz files and /usr/share/common-licenses; Hepburn romaji
# (every syllable, and synthetic words of two to four syllables, so that
# Japanese names in romaji read as natural); and the surnames and given
# names below, which stand for the spellings the English text lacks
# (Dutch ij/sch, Polish sz/cz/rz, Welsh ll/dd/wy, Czech, Hungarian,
# Vietnamese, Chinese pinyin, Korean). Tokens seen once only are left out
# (hashes, identifiers). Run from the top directory:
#     scripts/gen-name-bigrams.py > src/randname-table.h
import collections
import glob
import gzip
import math
import random
import re

NAMES = """
van der berg de vries jansen bakker visser smit meijer mulder bos vos peters hendriks dekker
schouten schrijver ijsselmuiden wijnberg huijsmans kuijpers vermeulen
nowak kowalski wisniewski wojcik kowalczyk kaminski lewandowski zielinski szymanski wozniak
dabrowski kozlowski jankowski mazur krawczyk piotrowski grabowski przybylski brzezinski
grzegorz krzysztof szczepan wojciech malgorzata katarzyna agnieszka zbigniew przemyslaw
brzeczyszczykiewicz szczepanski chrzanowski
llywelyn gruffydd dafydd rhys gwyn llwyd cadwaladr bleddyn iorwerth gwenllian angharad
myfanwy rhydderch cymru llanfair pwllheli gwynedd
dvorak novak svoboda novotny prochazka krejci cerny vesely horak nemec pospisil
nagy kovacs szabo toth horvath varga kiss molnar nemeth farkas balogh papp takacs
nguyen tran pham hoang huynh phan dang bui ngo duong thuy nguyet trinh
zhang wang li liu chen yang zhao huang zhou wu xu sun zhu hu guo xie luo zheng liang
xiong qian jiang xiaoming zhiqiang
kim lee park choi jung kang cho yoon jang lim han shin seo kwon hwang ahn song
jeong hyun jae hyuk sung eun
mcdonald macgregor mckenzie macleod fitzgerald o'brien o'connor kowalczyk
schwarzkopf schmidt schneider fischer weber wagner becker schulz hoffmann koch
muller bruckner strauss knecht
ferreira goncalves rodrigues fernandes oliveira pereira martins sousa
gutierrez gonzalez hernandez lopez martinez sanchez ramirez
ivanov smirnov kuznetsov popov sokolov lebedev kozlov novikov morozov petrov
"""

ROMAJI_C = ["", "k", "s", "t", "n", "h", "m", "y", "r", "w", "g", "z", "d", "b", "p"]
ROMAJI_V = ["a", "i", "u", "e", "o"]


def romaji_syllables():
    out = []
    for c in ROMAJI_C:
        for v in ROMAJI_V:
            s = c + v
            s = {"si": "shi", "ti": "chi", "tu": "tsu", "hu": "fu", "zi": "ji",
                 "di": "ji", "du": "zu", "yi": "i", "ye": "e", "wi": "i",
                 "wu": "u", "we": "e"}.get(s, s)
            out.append(s)
    for c in ["ky", "sh", "ch", "ny", "hy", "my", "ry", "gy", "j", "by", "py"]:
        for v in ["a", "u", "o"]:
            out.append(c + v)
    out.append("n")
    return out


def tokens(text, counter):
    for w in re.findall(r"[A-Za-z]+", text):
        if len(w) >= 2:
            counter[w.lower()] += 1


def main():
    words = collections.Counter()
    files = glob.glob("/usr/share/doc/*/copyright") + glob.glob("/usr/share/common-licenses/*")
    for f in sorted(files):
        try:
            with open(f, errors="ignore") as fh:
                tokens(fh.read(200000), words)
        except OSError:
            pass
    for f in sorted(glob.glob("/usr/share/doc/*/changelog.Debian.gz")):
        try:
            with gzip.open(f, "rt", errors="ignore") as fh:
                tokens(fh.read(100000), words)
        except (OSError, EOFError):
            pass
    words = collections.Counter({w: n for w, n in words.items() if n >= 2})
    english_total = sum(words.values())
    syl = romaji_syllables()
    rnd = random.Random(1)
    romaji = collections.Counter()
    for _ in range(20000):
        romaji["".join(rnd.choice(syl) for _ in range(rnd.randint(2, 4)))] += 1
    # romaji and the name list together weigh a fifth of the English
    for w, n in romaji.items():
        words[w] += n * max(1, english_total // (5 * 2 * sum(romaji.values())))
    names = re.findall(r"[a-z]+", NAMES)
    for w in names:
        words[w] += max(1, english_total // (10 * len(names)))

    syms = "abcdefghijklmnopqrstuvwxyz^"
    idx = {c: i for i, c in enumerate(syms)}
    n = len(syms)
    count = [[0] * n for _ in range(n)]
    for w, k in words.items():
        s = "^" + w + "^"
        for a, b in zip(s, s[1:]):
            count[idx[a]][idx[b]] += k
    rows = []
    for a in range(n):
        tot = sum(count[a]) + 0.5 * n
        row = ""
        for b in range(n):
            p = (count[a][b] + 0.5) / tot
            cost = min(15, max(0, round(-math.log2(p))))
            row += "%x" % cost
        rows.append(row)
    print("/* randname-table.h — generated by scripts/gen-name-bigrams.py: do not edit. */")
    print("/* cost[a][b] = -log2 P(b | a) in bits, a hex digit; letters a-z, then the word boundary. */")
    print("static const char *const randname_cost[27] = {")
    for a in range(n):
        print('\t"%s",  /* %s */' % (rows[a], syms[a]))
    print("};")


if __name__ == "__main__":
    main()
