"""Cases for django.views.static.serve: directory listings (the built-in
template and a project's static/directory_index.html) and the headers of
compressed files.  tests/gen_static_view_expected.py runs them on real
Django; tests/test_static_view.py on djscratch.
"""

import os
import shutil
import tempfile

#: The files of the served folder: name -> content.
FILES = {
    "a.txt": "alpha\n",
    "b & c.html": "<p>b</p>\n",
    "data.json.gz": "not really gzip\n",
    "archive.tar.bz2": "not really bzip2\n",
    "notes.unknownext": "?\n",
    ".hidden": "secret\n",
    "sub/inner.txt": "inner\n",
    "sub/deeper/x.css": "p {}\n",
}

#: (path asked for, show_indexes)
REQUESTS = [
    ("", True), ("/", True), ("sub", True), ("sub/", True), ("sub/deeper/", True),
    ("a.txt", False), ("data.json.gz", False), ("archive.tar.bz2", False),
    ("notes.unknownext", False), ("b & c.html", False),
]


def build_root():
    """Create the served folder; return its path."""
    root = tempfile.mkdtemp(prefix="static-view-")
    for name, content in FILES.items():
        path = os.path.join(root, *name.split("/"))
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            f.write(content)
    return root


def _sorted_listing(content):
    """The listing's lines with the file entries sorted: Django lists a
    folder in the order the file system gives (os.scandir), djscratch sorts."""
    lines = content.split("\n")
    entries = sorted(i for i, line in enumerate(lines) if "<li><a href=" in line
                     and 'href="../"' not in line)
    ordered = sorted(lines[i] for i in entries)
    for i, line in zip(entries, ordered):
        lines[i] = line
    return "\n".join(lines)


def run_cases():
    """Serve every request; return {case: {status, headers, content}}."""
    from django.test import RequestFactory
    from django.views.static import serve

    root = build_root()
    try:
        return _serve_all(root, serve, RequestFactory())
    finally:
        shutil.rmtree(root)


def _serve_all(root, serve, factory):
    results = {}
    for path, show_indexes in REQUESTS:
        response = serve(factory.get("/media/" + path), path, document_root=root,
                         show_indexes=show_indexes)
        content = b"".join(response) if response.streaming else response.content
        results[f"{path!r} show_indexes={show_indexes}"] = {
            "status": response.status_code,
            "content_type": response.get("Content-Type"),
            "content_encoding": response.get("Content-Encoding"),
            "content": _sorted_listing(content.decode()),
        }
        response.close()
    return results
