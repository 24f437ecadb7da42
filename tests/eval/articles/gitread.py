# Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
# SPDX-License-Identifier: ISC
"""gitread.py: what the article readers (read_*.py) share: files out of a
git directory without a work tree, the output folder, the page and
reference pair each reader writes, and the SOURCE line naming the commit
the pages came from."""
import os
import subprocess
import sys


def git(gitdir, *args):
    """A git command's output, as bytes; CalledProcessError when it fails
    (a path that is not in HEAD, say)."""
    return subprocess.run(["git", "--git-dir", gitdir] + list(args),
                          check=True, capture_output=True).stdout


def show(gitdir, path):
    """HEAD:path's bytes, or None when HEAD has no such file."""
    try:
        return git(gitdir, "show", "HEAD:" + path)
    except subprocess.CalledProcessError:
        return None


def out_dir(name):
    """argv[2], or $SANCTIOND_CORPORA/articles/NAME; made if missing."""
    corpora = os.environ.get("SANCTIOND_CORPORA", "../corpora")
    out = sys.argv[2] if len(sys.argv) > 2 else os.path.join(
        corpora, "articles", name)
    os.makedirs(out, exist_ok=True)
    return out


def write_pair(out, name, page, ref, ext=".txt"):
    """OUT/NAME.html (the page as bytes) and OUT/NAME+ext (the reference,
    bytes or text)."""
    with open(os.path.join(out, name + ".html"), "wb") as f:
        f.write(page)
    mode = "wb" if isinstance(ref, bytes) else "w"
    with open(os.path.join(out, name + ext), mode) as f:
        f.write(ref)


def finish(gitdir, out, repo, kept):
    """The SOURCE file and the one-line summary."""
    commit = git(gitdir, "rev-parse", "HEAD").decode().strip()
    with open(os.path.join(out, "SOURCE"), "w") as f:
        f.write("github.com/%s %s\n" % (repo, commit))
    print("%s: %d pages from %s %s" % (out, kept, repo, commit))
