#!/usr/bin/env python3
# Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
# SPDX-License-Identifier: ISC
"""Reader for the KCNA headline corpus (xmarquez/KCNA, data/headlines.rda).

Usage: reader.py GIT_DIR   (a snapshot git dir of github.com/xmarquez/KCNA)
Prints JSONL {"id","title","text","date"} to stdout, one line per row of the
`headlines` data frame, in file order.  id = "kcna:ROW" (ROW = 1-based row
number in the data frame, stable for a given commit).  title = headline,
text = "" (headline-only corpus).  Rows flagged non-English by the package
(english == FALSE, i.e. the Spanish-language service) are skipped unless
--all is given; their ROW numbers stay unchanged.

The .rda is bzip2-compressed R serialization (RDX2/RDX3, XDR); a minimal
unserializer is included so no R installation is needed.
"""
import bz2, gzip, lzma, json, struct, subprocess, sys, datetime

NILVALUE, SYM, LIST, CLO, ENV, PROM, LANG, CHAR, LGL, INT, REAL, CPLX, STR, VEC = \
    254, 1, 2, 3, 4, 5, 6, 9, 10, 13, 14, 15, 16, 19
NA_INT = -2147483648


class R:
    def __init__(self, b):
        self.b, self.p, self.refs = b, 0, []

    def i(self):
        v = struct.unpack_from(">i", self.b, self.p)[0]; self.p += 4; return v

    def read(self):
        flags = self.i()
        t = flags & 0xFF
        has_attr, has_tag = flags & (1 << 9), flags & (1 << 10)
        if t == NILVALUE or t in (242, 253, 252, 251, 250, 249, 248, 247):
            return None
        if t == 255:  # REFSXP
            idx = flags >> 8
            if idx == 0:
                idx = self.i()
            return self.refs[idx - 1]
        if t == SYM:
            s = self.read(); self.refs.append(("sym", s)); return ("sym", s)
        if t in (LIST, LANG, CLO, PROM, 17):
            attr = self.read() if has_attr else None
            tag = self.read() if has_tag else None
            car = self.read(); cdr = self.read()
            out = [(tag[1] if isinstance(tag, tuple) else tag, car)]
            if isinstance(cdr, dict) and cdr.get("_pairlist"):
                out += cdr["items"]
            return {"_pairlist": True, "items": out}
        if t == ENV:
            self.i(); env = {"env": True}; self.refs.append(env)
            self.read(); self.read(); self.read(); self.read(); return env
        if t == CHAR:
            n = self.i()
            if n == -1:
                return None
            s = self.b[self.p:self.p + n]; self.p += n
            return s.decode("utf-8", "replace")
        if t == 238:  # ALTREP
            info = self.read(); state = self.read(); attr = self.read()
            cls = info["items"][0][1][1] if isinstance(info, dict) else ""
            if cls == "compact_intseq":
                n, start, step = state["data"]
                return {"type": INT, "data": [int(start + k * step) for k in range(int(n))], "attr": attr}
            if isinstance(state, dict) and "data" in state:
                return state
            if isinstance(state, dict) and state.get("_pairlist"):
                return state["items"][0][1]
            return state
        if t in (LGL, INT, REAL, STR, VEC, CPLX, 20):
            n = self.i()
            if n == -1:
                n = (self.i() << 32) + self.i()
            if t in (LGL, INT):
                data = list(struct.unpack_from(">%di" % n, self.b, self.p)); self.p += 4 * n
            elif t == REAL:
                data = list(struct.unpack_from(">%dd" % n, self.b, self.p)); self.p += 8 * n
            elif t == CPLX:
                data = list(struct.unpack_from(">%dd" % (2 * n), self.b, self.p)); self.p += 16 * n
            else:
                data = [self.read() for _ in range(n)]
            attr = self.read() if has_attr else None
            return {"type": t, "data": data, "attr": attr}
        raise ValueError("unsupported SEXP type %d at %d" % (t, self.p))


def attrs(obj):
    a = obj.get("attr") if isinstance(obj, dict) else None
    return dict(a["items"]) if a else {}


def load_rda(raw):
    for dec in (bz2.decompress, gzip.decompress, lzma.decompress):
        try:
            raw = dec(raw); break
        except Exception:
            pass
    assert raw[:5] in (b"RDX2\n", b"RDX3\n"), raw[:5]
    r = R(raw[5:])
    assert r.b[:2] == b"X\n"; r.p = 2
    version = r.i(); r.i(); r.i()
    if version == 3:
        n = r.i(); r.p += n
    top = r.read()
    return {name: val for name, val in top["items"]}


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    keep_all = "--all" in sys.argv
    gitdir = args[0] if args else None
    raw = subprocess.run(["git", "--git-dir", gitdir, "show", "HEAD:data/headlines.rda"],
                         check=True, capture_output=True).stdout
    df = load_rda(raw)["headlines"]
    names = attrs(df)["names"]["data"]
    cols = dict(zip(names, df["data"]))
    titles = cols["title"]["data"]
    dates = cols["date"]["data"]
    eng = cols.get("english", {}).get("data")
    epoch = datetime.date(1970, 1, 1)
    out = sys.stdout
    for k, title in enumerate(titles):
        if eng is not None and not keep_all and eng[k] != 1:
            continue
        d = dates[k]
        ds = (epoch + datetime.timedelta(days=int(d))).isoformat() if d == d else ""
        out.write(json.dumps({"id": "kcna:%d" % (k + 1), "title": (title or "").strip(),
                              "text": "", "date": ds}, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
