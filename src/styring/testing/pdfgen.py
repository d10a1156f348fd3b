"""A minimal PDF writer for tests and benchmarks (no dependency): pages of Helvetica text in
WinAnsi encoding (æ, ø, å survive), optionally an image-only page or an /Encrypt entry
(``text_pdf``); and laid-out pages (``laid_out_pdf``) where a line has an indent, a size, bold
face, table cells at their own indents and a list mark set in a symbol font or drawn as a dot,
as word processors export them."""
from __future__ import annotations

import zlib
from dataclasses import dataclass, field


def _esc(line: str) -> bytes:
    raw = line.encode("cp1252", errors="replace")
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def text_pdf(pages: list[list[str]], *, encrypted: bool = False, scanned: bool = False) -> bytes:
    """A PDF whose page i shows the lines ``pages[i]`` (one per row). ``scanned`` draws only
    rectangles (no text layer); ``encrypted`` adds a standard-security /Encrypt dictionary with
    an unknown user password."""
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    catalog = add(b"")  # placeholder, filled below
    pages_id = add(b"")
    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    kids = []
    for lines in pages:
        if scanned:
            stream = b"0.5 g 50 50 500 700 re f 0 g 100 100 200 300 re f"
        else:
            parts = [b"BT /F1 10 Tf 12 TL 50 800 Td"]
            for line in lines:
                parts.append(b"(" + _esc(line) + b") Tj T*")
            parts.append(b"ET")
            stream = b"\n".join(parts)
        data = zlib.compress(stream)
        content = add(b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream")
        page = add(
            b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 %d 0 R >> >> "
            b"/Contents %d 0 R >>" % (pages_id, font, content)
        )
        kids.append(page)
    objects[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id
    objects[pages_id - 1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % k for k in kids), len(kids))
    encrypt = None
    if encrypted:
        encrypt = add(
            b"<< /Filter /Standard /V 1 /R 2 /O <" + b"ab" * 32 + b"> /U <" + b"cd" * 32 + b"> /P -44 >>"
        )
    extra = b" /Encrypt %d 0 R /ID [<%s> <%s>]" % (encrypt, b"01" * 16, b"01" * 16) if encrypt else b""
    return _serialise(objects, catalog, extra)


def _serialise(objects: list[bytes], catalog: int, trailer_extra: bytes = b"") -> bytes:
    """The file: the numbered objects, their cross-reference table and the trailer."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    trailer = b"<< /Size %d /Root %d 0 R" % (len(objects) + 1, catalog) + trailer_extra
    out += b"trailer\n" + trailer + b" >>\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)



# -- laid-out pages: indents, bullets in a symbol font or drawn, headings in bold --------------------
#
# What pypdfium2 (PDFium 159.0.8149) makes of these, checked with get_text_range and, per
# character, FPDFText_GetUnicode / GetFontSize / GetFontWeight / GetFontInfo / GetCharBox:
# - "symbol" (code 0xB7 in the standard Type1 Symbol font, no ToUnicode): U+2022 "•";
# - "symbol-subset" (code 0xB7 in a symbolic TrueType named "ABCDEF+Symbol", not embedded, no
#   /Encoding, no ToUnicode; also with a ToUnicode to U+F0B7): no character at all, the item's
#   text starts the line;
# - "symbol-pua" (a symbolic TrueType with another name and a ToUnicode to U+F0B7): U+F0B7;
# - "dot" (a filled circle drawn as a path): no character;
# - an x indent gives no leading spaces in the text, only the character boxes show it (the item
#   text of a list indented 18 pt starts at x = margin + 18);
# - runs of spaces collapse to one space, and pieces of text on one baseline (table cells) are
#   joined by one generated space (FPDFText_IsGenerated): a table's columns show only in the
#   boxes, "102 693            40 000" reads "102 693 40 000";
# - font size is reported per character (14.0 for a heading, 10.0 for body text); the weight is
#   0 for the non-embedded standard fonts (Helvetica-Bold too), so boldness shows only in the font
#   name from GetFontInfo ("Helvetica-Bold"); a TrueType with a descriptor reports a weight
#   derived from its StemV (85 → 425).

# Helvetica's advance widths (AFM, 1/1000 em) for the characters the documents use
_WIDTHS = dict(zip(
    " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~",
    [278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278] + [556] * 10
    + [278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722,
       778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, 333, 556, 556, 500,
       556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500,
       500, 500, 334, 260, 334, 584],
))
_WIDTHS.update({"æ": 889, "ø": 611, "å": 556, "Æ": 1000, "Ø": 778, "Å": 667, "é": 556, "ü": 556, "ö": 556,
                "«": 556, "»": 556, "–": 556, "—": 1000, "’": 222, "‘": 222, "“": 333, "”": 333, "•": 350,
                "§": 556, "\u00a0": 278})


def text_width(text: str, size: float, bold: bool = False) -> float:
    """The width of ``text`` in Helvetica (bold a little wider) at ``size`` pt."""
    w = sum(_WIDTHS.get(ch, 556) for ch in text) * size / 1000
    return w * 1.06 if bold else w


def wrap(text: str, width: float, size: float, bold: bool = False) -> list[str]:
    """``text`` broken into lines no wider than ``width`` pt, at spaces."""
    lines: list[str] = []
    cur = ""
    for word in text.split():
        trial = f"{cur} {word}" if cur else word
        if cur and text_width(trial, size, bold) > width:
            lines.append(cur)
            cur = word
        else:
            cur = trial
    if cur:
        lines.append(cur)
    return lines or [""]


@dataclass
class Line:
    """One line of a laid-out page. ``x`` is the text's indent from the left margin (pt); ``runs``
    are more pieces of text on the same baseline at their own indents (table cells). ``bullet``
    draws a list mark at ``bullet_x``: "glyph" a "•" in Helvetica, "symbol" code 0xB7 in the
    standard Type1 Symbol font, "symbol-subset" the same code in a subset-named symbolic TrueType
    "Symbol" without ToUnicode, "symbol-pua" a symbolic TrueType whose ToUnicode maps it to
    U+F0B7, "dot" a filled circle (no character). ``gap`` is extra space above the line."""

    text: str = ""
    x: float = 0.0
    size: float = 10.0
    bold: bool = False
    bullet: str = ""
    bullet_x: float = 0.0
    gap: float = 0.0
    runs: list[tuple[float, str]] = field(default_factory=list)

    @property
    def height(self) -> float:
        return self.gap + self.size * 1.2


_FONTS = {
    "F1": b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    "F2": b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>",
    "F3": b"<< /Type /Font /Subtype /Type1 /BaseFont /Symbol >>",
}
_SYMBOLIC_TT = (b"<< /Type /Font /Subtype /TrueType /BaseFont /%s /FirstChar 183 /LastChar 183 /Widths [460] "
                b"/FontDescriptor %d 0 R%s >>")
_DESCRIPTOR = (b"<< /Type /FontDescriptor /FontName /%s /Flags 4 /FontBBox [0 -220 1113 1005] /ItalicAngle 0 "
               b"/Ascent 1005 /Descent -220 /CapHeight 693 /StemV 85 >>")
_PUA_CMAP = (b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /Adobe-Identity-UCS def "
             b"/CMapType 2 def 1 begincodespacerange <00> <FF> endcodespacerange 1 beginbfchar <B7> <F0B7> "
             b"endbfchar endcmap CMapName currentdict /CMap defineresource pop end end")
_BULLET_FONT = {"glyph": (b"/F1", b"\x95"), "symbol": (b"/F3", b"\xb7"), "symbol-subset": (b"/F4", b"\xb7"),
                "symbol-pua": (b"/F5", b"\xb7")}


def _dot(x: float, y: float, r: float) -> bytes:
    k = 0.5523 * r
    return (b"%.2f %.2f m %.2f %.2f %.2f %.2f %.2f %.2f c %.2f %.2f %.2f %.2f %.2f %.2f c "
            b"%.2f %.2f %.2f %.2f %.2f %.2f c %.2f %.2f %.2f %.2f %.2f %.2f c f" % (
                x + r, y, x + r, y + k, x + k, y + r, x, y + r, x - k, y + r, x - r, y + k, x - r, y,
                x - r, y - k, x - k, y - r, x, y - r, x + k, y - r, x + r, y - k, x + r, y))


def laid_out_pdf(pages: list[list[Line]], *, margin: float = 56.0, top: float = 800.0,
                 footer: str | None = "Side {page} av {pages}") -> bytes:
    """A PDF whose pages show ``pages`` line by line from ``top`` down, with an optional footer
    ("Side 2 av 9") at the bottom of each page."""
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    catalog = add(b"")
    pages_id = add(b"")
    font_ids = {name: add(body) for name, body in _FONTS.items()}
    subset = add(_DESCRIPTOR % b"ABCDEF+Symbol")
    font_ids["F4"] = add(_SYMBOLIC_TT % (b"ABCDEF+Symbol", subset, b""))
    pua = add(_DESCRIPTOR % b"ABCDEF+BulletSymbol")
    cmap = add(b"<< /Length %d >>\nstream\n" % len(_PUA_CMAP) + _PUA_CMAP + b"\nendstream")
    font_ids["F5"] = add(_SYMBOLIC_TT % (b"ABCDEF+BulletSymbol", pua, b" /ToUnicode %d 0 R" % cmap))
    fonts = b" ".join(b"/%s %d 0 R" % (name.encode(), oid) for name, oid in font_ids.items())
    kids = []
    for number, lines in enumerate(pages, start=1):
        parts: list[bytes] = []
        y = top
        for ln in lines:
            y -= ln.height
            font = b"/F2" if ln.bold else b"/F1"
            for x, text in ([(ln.x, ln.text)] if ln.text else []) + list(ln.runs):
                if text:
                    parts.append(b"BT %s %.1f Tf 1 0 0 1 %.2f %.2f Tm (%s) Tj ET" % (
                        font, ln.size, margin + x, y, _esc(text)))
            bx = margin + ln.bullet_x
            if ln.bullet in _BULLET_FONT:
                name, code = _BULLET_FONT[ln.bullet]
                parts.append(b"BT %s %.1f Tf 1 0 0 1 %.2f %.2f Tm (%s) Tj ET" % (name, ln.size, bx, y, code))
            elif ln.bullet == "dot":
                parts.append(_dot(bx + ln.size * 0.25, y + ln.size * 0.3, ln.size * 0.17))
        if footer:
            label = footer.format(page=number, pages=len(pages))
            parts.append(b"BT /F1 9 Tf 1 0 0 1 %.2f 30 Tm (%s) Tj ET" % (margin + 220, _esc(label)))
        data = zlib.compress(b"\n".join(parts))
        content = add(b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream")
        kids.append(add(
            b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Resources << /Font << %s >> >> "
            b"/Contents %d 0 R >>" % (pages_id, fonts, content)))
    objects[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id
    objects[pages_id - 1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % k for k in kids), len(kids))
    return _serialise(objects, catalog)


def paginate(lines: list[Line], *, height: float = 740.0) -> list[list[Line]]:
    """``lines`` cut into pages of at most ``height`` pt; a page does not start with a gap."""
    pages: list[list[Line]] = [[]]
    used = 0.0
    for ln in lines:
        if pages[-1] and used + ln.height > height:
            pages.append([])
            used = 0.0
        if not pages[-1] and ln.gap:
            ln = Line(**{**ln.__dict__, "gap": 0.0})
        pages[-1].append(ln)
        used += ln.height
    return pages
