"""A structural check of an EPUB 3 file, beside EPUBCheck (test_books runs both): it also
reads back what the book holds — the container, the package document, the navigation document and
well-formed XHTML. Returns the list of problems (empty when the file passes)."""

from __future__ import annotations

import io
import posixpath
import zipfile
from xml.etree import ElementTree as ET  # our own generated files, not untrusted input

NS = {
    "c": "urn:oasis:names:tc:opendocument:xmlns:container",
    "opf": "http://www.idpf.org/2007/opf",
    "dc": "http://purl.org/dc/elements/1.1/",
    "x": "http://www.w3.org/1999/xhtml",
    "epub": "http://www.idpf.org/2007/ops",
}


def check_epub(data: bytes) -> tuple[list[str], dict[str, object]]:
    problems: list[str] = []
    found: dict[str, object] = {}
    archive = zipfile.ZipFile(io.BytesIO(data))
    infos = archive.infolist()
    names = {info.filename for info in infos}
    first = infos[0]
    if first.filename != "mimetype":
        problems.append("mimetype is not the first entry")
    if first.compress_type != zipfile.ZIP_STORED:
        problems.append("mimetype is compressed")
    if archive.read("mimetype") != b"application/epub+zip":
        problems.append("mimetype content is wrong")
    if first.extra:
        problems.append("mimetype has an extra field")
    container = ET.fromstring(archive.read("META-INF/container.xml"))  # noqa: S314
    rootfile = container.find(".//c:rootfile", NS)
    if rootfile is None or rootfile.get("media-type") != "application/oebps-package+xml":
        return [*problems, "container.xml does not point to a package document"], found
    opf_path = rootfile.get("full-path", "")
    if opf_path not in names:
        return [*problems, f"package document {opf_path} missing"], found
    base = posixpath.dirname(opf_path)
    opf = ET.fromstring(archive.read(opf_path))  # noqa: S314
    if opf.get("version") != "3.0":
        problems.append("package version is not 3.0")
    metadata = opf.find("opf:metadata", NS)
    for tag in ("identifier", "title", "language"):
        if metadata is None or metadata.find(f"dc:{tag}", NS) is None:
            problems.append(f"dc:{tag} missing")
    if metadata is not None and not any(
        m.get("property") == "dcterms:modified" for m in metadata.findall("opf:meta", NS)
    ):
        problems.append("dcterms:modified missing")
    found["title"] = metadata.findtext("dc:title", "", NS) if metadata is not None else ""
    found["language"] = metadata.findtext("dc:language", "", NS) if metadata is not None else ""
    manifest = {}
    for item in opf.findall("opf:manifest/opf:item", NS):
        href = posixpath.normpath(posixpath.join(base, item.get("href", "")))
        manifest[item.get("id")] = (href, item.get("media-type"), item.get("properties") or "")
        if href not in names:
            problems.append(f"manifest item {href} is not in the archive")
    ids = [item.get("id") for item in opf.findall("opf:manifest/opf:item", NS)]
    if len(ids) != len(set(ids)):
        problems.append("duplicate manifest ids")
    spine = [ref.get("idref") for ref in opf.findall("opf:spine/opf:itemref", NS)]
    for idref in spine:
        if idref not in manifest:
            problems.append(f"spine item {idref} not in the manifest")
        elif manifest[idref][1] != "application/xhtml+xml":
            problems.append(f"spine item {idref} is not XHTML")
    navs = [v for v in manifest.values() if "nav" in v[2].split()]
    if len(navs) != 1:
        return [*problems, "exactly one navigation document is required"], found
    documents: dict[str, ET.Element] = {}
    for href, media_type, _properties in manifest.values():
        if media_type == "application/xhtml+xml" and href in names:
            try:
                documents[href] = ET.fromstring(archive.read(href))  # noqa: S314
            except ET.ParseError as exc:
                problems.append(f"{href} is not well-formed XML: {exc}")
    nav_href = navs[0][0]
    nav = documents.get(nav_href)
    toc = None
    if nav is not None:
        toc = next(
            (n for n in nav.iter(f"{{{NS['x']}}}nav") if n.get(f"{{{NS['epub']}}}type") == "toc"),
            None,
        )
    if toc is None:
        return [*problems, "nav document has no toc"], found
    targets = []
    labels = []
    for link in toc.iter(f"{{{NS['x']}}}a"):
        href = link.get("href", "").split("#")[0]
        target = posixpath.normpath(posixpath.join(posixpath.dirname(nav_href), href))
        targets.append(target)
        labels.append("".join(link.itertext()).strip())
        if target not in names:
            problems.append(f"toc link {href} points nowhere")
    spine_docs = [manifest[i][0] for i in spine if i in manifest]
    found["spine"] = spine_docs
    found["toc_labels"] = labels
    found["toc_targets"] = targets
    for doc in spine_docs:
        if doc not in targets and doc != nav_href and "cover" not in doc:
            problems.append(f"spine document {doc} is not in the toc")
    for href, root in documents.items():
        for img in root.iter(f"{{{NS['x']}}}img"):
            src = posixpath.normpath(posixpath.join(posixpath.dirname(href), img.get("src", "")))
            if src not in names:
                problems.append(f"{href}: image {src} missing")
            if img.get("alt") is None:
                problems.append(f"{href}: image without alt")
    found["texts"] = {href: "".join(root.itertext()) for href, root in documents.items()}
    return problems, found
