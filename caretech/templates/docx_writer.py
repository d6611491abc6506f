"""Write a template as a Word document (.docx) with python-docx.

Accessible in Word: real Heading styles, real list styles (each numbered list starts at
1), tables whose first row is marked as a header row that repeats on each page, real
links, the document's title and language set. Fill-in fields are bold on a yellow
highlight, "[Your organisation]", each in a run of its own, so the site's fill-in script
(overrides/assets/javascripts/fill-in.js) can replace it. A4 paper, UK English.
On paper: headings, the line that leads into a list or table, and short tables stay on
the same page as what follows them; table rows never split across pages; empty cells are
tall enough to write an answer in by hand. Pictures (caretech/templates/pictures.py) sit
in the text at about 3 cm wide, each described for screen readers by its alt text; in a table
the text beside a picture is centred on it. `large_print: true` sets 16 point text and bigger
headings, as Easy Read needs. Bytes are made reproducible by caretech.templates.reproducible.
"""

from __future__ import annotations

import datetime
import io
from collections.abc import Mapping
from dataclasses import dataclass

import docx
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt, RGBColor

from caretech.readers.dates import format_date
from caretech.templates.document import Element, markdown_tree, site_address
from caretech.templates.fields import FIELD_CLASS
from caretech.templates.pictures import Picture
from caretech.templates.source import Template

AUTHOR = "Care Tech Guide"
_LINK_COLOUR = RGBColor(0x1F, 0x3A, 0x93)  # dark blue: 10:1 on white
NEW_PAGE = "ctg-new-page"  # `## Heading { .ctg-new-page }` starts a new page in print and in Word
ANSWER_CM = 3.2  # room to write a few lines of answer by hand
KEEP_TOGETHER_ROWS = 14  # tables up to this many rows are kept on one page
TEXT_WIDTH_CM = 17.8  # A4 less the margins
PICTURE_CM = 2.8  # a picture's width on paper
PICTURE_COLUMN_CM = PICTURE_CM + 0.6  # and the table column it sits in, with the cell's margins


@dataclass(frozen=True)
class Lettering:
    """Point sizes (body text, Heading 1 to 4 with None for Word's own, the closing note) and
    the font, None for Word's own."""
    body: float
    headings: tuple[float | None, ...]
    note: float
    font: str | None = None


STANDARD = Lettering(11, (None, None, None, None), 9)
# Easy Read and large print: at least 16 point, headings clearly bigger, a plain font such as
# Arial (LibreOffice shows Liberation Sans, the same size), no italic headings.
LARGE_PRINT = Lettering(16, (24, 20, 18, 16), 12, "Arial")


def write_docx(template: Template, site_url: str, pictures: Mapping[str, Picture] | None = None) -> bytes:
    """The Word document; `pictures` (caretech.templates.pictures.read_pictures) holds every
    picture its text shows, by src."""
    document = docx.Document()
    sizes = LARGE_PRINT if template.large_print else STANDARD
    _set_up(document, template, sizes)
    writer = _Writer(document, template.src_uri, site_url, pictures or {})
    writer.blocks(markdown_tree(template.body).children)
    _add_footer_note(writer, template, sizes)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _set_up(document, template: Template, sizes: Lettering) -> None:
    # Leave out parts of python-docx's starting file that nothing needs: a stock thumbnail
    # picture and a second, Word 2010 copy of the styles (half the file's size).
    for rels, unwanted in ((document.part.package.rels, RELATIONSHIP_TYPE.THUMBNAIL),
                           (document.part.rels, "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects")):
        for r_id in [r_id for r_id, rel in rels.items() if rel.reltype == unwanted]:
            del rels[r_id]
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.6))
    when = datetime.datetime.combine(template.last_reviewed, datetime.time(12, 0))
    props = document.core_properties
    props.title, props.subject, props.author = template.title, template.description, AUTHOR
    props.last_modified_by, props.created, props.modified, props.revision = AUTHOR, when, when, 1
    props.language, props.keywords, props.comments = "en-GB", "care, template", f"From {AUTHOR}"
    props.category, props.identifier, props.version, props.content_status = "Template", template.slug, "", ""
    props.last_printed = when
    # Screen readers and spell checkers read the language from the default run properties.
    defaults = document.styles.element.find(qn("w:docDefaults"))
    run_props = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    language = run_props.find(qn("w:lang"))
    if language is None:
        language = OxmlElement("w:lang")
        run_props.append(language)
    language.set(qn("w:val"), "en-GB")
    document.styles["Normal"].font.size = Pt(sizes.body)
    for level, size in enumerate(sizes.headings, 1):
        if size:
            document.styles[f"Heading {level}"].font.size = Pt(size)
    if sizes.font:
        _use_font(run_props, sizes.font)
        for level in range(1, 5):
            heading = document.styles[f"Heading {level}"]
            _use_font(heading.element.get_or_add_rPr(), sizes.font)
            heading.font.italic = False


def _use_font(run_props, name: str) -> None:
    """Set the font by name, in place of the theme's (which would win over a name)."""
    fonts = run_props.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        run_props.insert(0, fonts)
    for attribute in ("asciiTheme", "hAnsiTheme", "cstheme", "eastAsiaTheme"):
        fonts.attrib.pop(qn(f"w:{attribute}"), None)
    for attribute in ("ascii", "hAnsi", "cs", "eastAsia"):
        fonts.set(qn(f"w:{attribute}"), name)


def _add_footer_note(writer: _Writer, template: Template, sizes: Lettering) -> None:
    page = site_address(template.slug + ".md", template.src_uri, writer.site_url)
    note = writer.paragraph()
    note.paragraph_format.space_before = Pt(8)
    run = note.add_run(f"From the {AUTHOR} template, last reviewed {format_date(template.last_reviewed)}. "
                       "Check for a newer version at ")
    run.font.size = Pt(sizes.note)
    writer.link(note, page, page, size=Pt(sizes.note))


_STYLES = ("Table Grid", "Heading 1", "Heading 2", "Heading 3", "Heading 4", "List Bullet", "List Bullet 2", "List Bullet 3",
           "List Number", "List Number 2", "List Number 3", "List Paragraph")


_STYLE_IDS: dict[str, str] = {}


def _style_ids(document) -> dict[str, str]:
    """Style name -> id. python-docx finds a style by name by searching all 260 of them, each
    time; every document starts from the same file, so look them up once."""
    if not _STYLE_IDS:
        _STYLE_IDS.update({name: document.styles[name].style_id for name in _STYLES})
    return _STYLE_IDS


class _Writer:
    def __init__(self, document, page_uri: str, site_url: str, pictures: Mapping[str, Picture]):
        self.document, self.page_uri, self.site_url = document, page_uri, site_url
        self.pictures = pictures
        self.style_ids = _style_ids(document)

    def paragraph(self, style: str | None = None):
        paragraph = self.document.add_paragraph()
        if style:
            paragraph._p.get_or_add_pPr().style = self.style_ids[style]
        return paragraph

    # --- blocks --------------------------------------------------------------------------

    def blocks(self, nodes, list_depth: int = 0) -> None:
        present = [n for n in nodes if not isinstance(n, str) or n.strip()]
        followed_by = {id(node): after for node, after in zip(present, present[1:])}
        for node in nodes:
            if isinstance(node, str):
                if node.strip():
                    self.inline(self.paragraph(), [node])
                continue
            tag = node.tag
            if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
                heading = self.paragraph(f"Heading {min(int(tag[1]), 4)}")
                heading.paragraph_format.keep_with_next = True
                if NEW_PAGE in node.classes():  # e.g. a sign-off sheet on a page of its own
                    heading.paragraph_format.page_break_before = True
                self.inline(heading, node.children)
            elif tag == "p" and "ctg-nation-label" in node.classes():  # "In Wales": the advice below is for it
                label = self.paragraph()
                label.paragraph_format.keep_with_next = True
                self.inline(label, node.children, bold=True)
            elif tag == "p":
                paragraph = self.paragraph()
                self.inline(paragraph, node.children)
                after = followed_by.get(id(node))
                if node.text().rstrip().endswith(":") or getattr(after, "tag", "") == "table":
                    paragraph.paragraph_format.keep_with_next = True  # it leads into a list or table
            elif tag in ("ul", "ol"):
                self.list(node, list_depth)
            elif tag == "table":
                self.table(node)
            elif tag == "div" and "admonition" in node.classes():
                self.box(node)
            elif tag == "dl":
                for item in node.elements():
                    paragraph = self.paragraph()
                    self.inline(paragraph, item.children, bold=item.tag == "dt")
            elif tag in ("div", "section", "blockquote"):
                self.blocks(node.children, list_depth)
            elif tag == "hr":
                continue
            else:
                self.inline(self.paragraph(), [node])

    def box(self, node: Element) -> None:
        for child in node.elements():
            if "admonition-title" in child.classes():
                self.inline(self.paragraph(), child.children, bold=True)
            else:
                self.blocks([child])

    def list(self, node: Element, depth: int) -> None:
        numbered = node.tag == "ol"
        style = ("List Number" if numbered else "List Bullet") + (f" {depth + 1}" if depth else "")
        style = style if style in self.style_ids else style.rsplit(" ", 1)[0]  # deeper than the template has
        restart = _new_numbering(self.document, style, depth) if numbered else None
        for item in node.elements():
            if item.tag != "li":
                continue
            inline = [c for c in item.children if isinstance(c, str) or c.tag not in ("ul", "ol", "p")]
            paragraphs = [c for c in item.elements() if c.tag == "p"]
            box = next((c for c in item.elements() if c.tag == "input"), None) or next(
                (c for p in paragraphs for c in p.elements() if c.tag == "input"), None)
            if box is not None:  # a tick-box item: "☐ Do this", for ticking on paper
                paragraph = self.paragraph("List Paragraph" if not depth else None)
                paragraph.paragraph_format.left_indent = Cm(0.6 + depth * 0.6)
                paragraph.paragraph_format.first_line_indent = Cm(-0.6)
                paragraph.add_run("☐ ☑"[2 if "checked" in box.attrs else 0] + "\u00a0\u00a0")
            else:
                paragraph = self.paragraph(style)
                if restart is not None:
                    _use_numbering(paragraph, restart, depth)
            first = inline if any(isinstance(c, str) and c.strip() or not isinstance(c, str) for c in inline) else []
            if first:
                self.inline(paragraph, first)
            for index, child in enumerate(paragraphs):
                self.inline(paragraph if index == 0 and not first else self.paragraph(), child.children)
            for child in item.elements():
                if child.tag in ("ul", "ol"):
                    self.list(child, depth + 1)

    def table(self, node: Element) -> None:
        rows = [tr for part in node.elements() for tr in (part.elements() if part.tag in ("thead", "tbody") else [part])
                if tr.tag == "tr"]
        if not rows:
            return
        width = max(len(r.elements()) for r in rows)
        table = self.document.add_table(rows=len(rows), cols=width)
        answers = False
        pictured = [any(_has_picture(c) for r in rows for c in r.elements()[index:index + 1]) for index in range(width)]
        # A short table stays on one page, with the heading above it; a table of pictures is too
        # tall for that, so only its header row keeps with the first picture.
        keep_together = len(rows) <= KEEP_TOGETHER_ROWS and not any(pictured)
        table._tbl.tblPr.style = self.style_ids["Table Grid"]
        for r_index, tr in enumerate(rows):
            cells = tr.elements()
            header = all(c.tag == "th" for c in cells)
            row = table.rows[r_index]
            if r_index == 0 and header:
                _repeat_as_header(row)
            _keep_row_whole(row)
            filled = [bool(c.text().strip()) or _has_picture(c) for c in cells]
            if not any(filled):
                row.height = Cm(1)  # an empty row is for writing in by hand
            elif not all(filled) and width == 2:
                row.height = Cm(ANSWER_CM)  # a question and the space for its answer
                answers = True
            beside_picture = any(_has_picture(c) for c in cells)
            for c_index, cell in enumerate(cells):
                paragraph = row.cells[c_index].paragraphs[0]
                self.inline(paragraph, cell.children, bold=cell.tag == "th")
                if beside_picture:  # the text centred on the picture, the picture in its column
                    row.cells[c_index].vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
                    paragraph.paragraph_format.space_before = paragraph.paragraph_format.space_after = Pt(4)
                    if _has_picture(cell):
                        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
                if r_index < len(rows) - 1 and (keep_together or r_index == 0):
                    paragraph.paragraph_format.keep_with_next = True
        if answers:  # questions and answers: more room for the answer
            _set_widths(table, [7, TEXT_WIDTH_CM - 7])
        elif any(pictured):  # pictures in a narrow column, the text beside them
            rest = (TEXT_WIDTH_CM - PICTURE_COLUMN_CM * sum(pictured)) / max(1, width - sum(pictured))
            _set_widths(table, [PICTURE_COLUMN_CM if has else rest for has in pictured])
        gap = self.paragraph()  # a small gap after the table, so the next heading does not touch it
        gap.paragraph_format.line_spacing = Pt(6)
        gap.paragraph_format.space_after = Pt(0)

    # --- inline --------------------------------------------------------------------------

    def inline(self, paragraph, nodes, bold: bool = False, italic: bool = False) -> None:
        for node in nodes:
            if isinstance(node, str):
                text = " ".join(node.split("\n"))
                if text:
                    run = paragraph.add_run(text)
                    run.bold, run.italic = bold or None, italic or None
                continue
            tag = node.tag
            if tag == "span" and FIELD_CLASS in node.classes():
                run = paragraph.add_run(node.text())
                run.bold = True
                run.font.highlight_color = WD_COLOR_INDEX.YELLOW
            elif tag in ("strong", "b"):
                self.inline(paragraph, node.children, True, italic)
            elif tag in ("em", "i"):
                self.inline(paragraph, node.children, bold, True)
            elif tag == "a" and node.attrs.get("href"):
                self.link(paragraph, site_address(node.attrs["href"], self.page_uri, self.site_url), node.text(), bold)
            elif tag == "br":
                paragraph.add_run().add_break()
            elif tag == "code":
                run = paragraph.add_run(node.text())
                run.font.name = "Consolas"
            elif tag == "img":
                self.picture(paragraph, node)
            elif tag == "input":
                continue
            else:
                self.inline(paragraph, node.children, bold, italic)

    def picture(self, paragraph, node: Element) -> None:
        """The drawing, with its alt text as the description Word and screen readers read out."""
        picture = self.pictures[node.attrs["src"]]
        shape = paragraph.add_run().add_picture(io.BytesIO(picture.png), width=Cm(PICTURE_CM))
        shape._inline.docPr.set("descr", " ".join(node.attrs.get("alt", "").split()))

    def link(self, paragraph, url: str, text: str, bold: bool = False, size=None) -> None:
        """A real hyperlink, so Word and screen readers treat it as one."""
        r_id = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
        hyperlink = OxmlElement("w:hyperlink")
        hyperlink.set(qn("r:id"), r_id)
        run = paragraph.add_run(" ".join(text.split()))
        run.font.color.rgb = _LINK_COLOUR
        run.font.underline = True
        run.bold = bold or None
        if size:
            run.font.size = size
        hyperlink.append(run._r)  # move the run inside the link
        paragraph._p.append(hyperlink)


def _has_picture(node: Element) -> bool:
    return any(child.tag == "img" or _has_picture(child) for child in node.elements())


def _set_widths(table, widths_cm: list[float]) -> None:
    """Fixed column widths (Word reads the cells', LibreOffice the grid's)."""
    table.autofit = False
    for column, width in zip(table.columns, widths_cm):
        column.width = Cm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths_cm):
            cell.width = Cm(width)


def _keep_row_whole(row) -> None:
    """A row is never split across two pages."""
    row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))


def _repeat_as_header(row) -> None:
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def _new_numbering(document, style_name: str, depth: int) -> int:
    """A fresh numbering for one list, so every numbered list starts at 1."""
    style = document.styles[style_name]
    num_pr = style.element.pPr.numPr
    numbering = document.part.numbering_part.element
    abstract_id = numbering.num_having_numId(num_pr.numId.val).abstractNumId.val
    num = numbering.add_num(abstract_id)
    override = num.add_lvlOverride(ilvl=depth)
    override.add_startOverride(1)
    return num.numId


def _use_numbering(paragraph, num_id: int, depth: int) -> None:
    num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = depth
    num_pr.get_or_add_numId().val = num_id
