"""Rich text that cannot carry scripts, whatever path it was written by.

The Draftail editor already drops scripts and event handlers when an editor pastes HTML, but pages
are also written by services (a province's notice copied into its communes), imports and the
shell. Every rich text value is therefore cleaned when it is stored, with Wagtail's own
whitelisting engine extended to the attributes of Wagtail's database format (page and document
links, image embeds, block keys).
"""

from __future__ import annotations

from wagtail.blocks import RichTextBlock
from wagtail.fields import RichTextField
from wagtail.rich_text import RichText
from wagtail.whitelist import Whitelister, attribute_rule, check_url

_block = attribute_rule({"data-block-key": True})
#: Elements dropped with everything inside them (their text is code, not content).
_DROP_WITH_CONTENT = {"script", "style", "iframe", "object", "template", "noscript", "svg", "math"}


class DatabaseHTMLWhitelister(Whitelister):
    element_rules = {
        "[document]": attribute_rule({}),
        "p": _block,
        "h2": _block,
        "h3": _block,
        "h4": _block,
        "h5": _block,
        "h6": _block,
        "li": _block,
        "blockquote": _block,
        "ul": attribute_rule({}),
        "ol": attribute_rule({}),
        "b": attribute_rule({}),
        "strong": attribute_rule({}),
        "i": attribute_rule({}),
        "em": attribute_rule({}),
        "s": attribute_rule({}),
        "code": attribute_rule({}),
        "sub": attribute_rule({}),
        "sup": attribute_rule({}),
        "br": attribute_rule({}),
        "hr": attribute_rule({}),
        # `linktype`/`id` are Wagtail's references to pages and documents.
        "a": attribute_rule({"href": check_url, "linktype": True, "id": True}),
        "embed": attribute_rule(
            {"embedtype": True, "id": True, "format": True, "alt": True, "url": check_url}
        ),
    }

    def clean_tag_node(self, doc, tag):
        if tag.name in _DROP_WITH_CONTENT:
            tag.decompose()
            return
        super().clean_tag_node(doc, tag)


_whitelister = DatabaseHTMLWhitelister()


def sanitise_rich_text(html: str) -> str:
    """Keep the formatting an editor can make; drop scripts, event handlers and `javascript:`.

    >>> sanitise_rich_text('<p onclick="x()">Xin chào<script>alert(1)</script></p>')
    '<p>Xin chào</p>'
    """
    if not html:
        return html
    return _whitelister.clean(str(html))


class SanitisedRichTextField(RichTextField):
    """A RichTextField whose value is whitelisted every time it is saved."""

    def pre_save(self, model_instance, add):
        value = super().pre_save(model_instance, add)
        cleaned = sanitise_rich_text(value)
        if cleaned != value:
            setattr(model_instance, self.attname, cleaned)
        return cleaned


class SanitisedRichTextBlock(RichTextBlock):
    """A RichTextBlock whose stored HTML is whitelisted the same way."""

    def get_prep_value(self, value):
        return sanitise_rich_text(super().get_prep_value(value))

    def to_python(self, value):
        # Raw stream data written around the block (imports, data migrations) is cleaned when it
        # is read, so nothing unclean reaches a template either way.
        return RichText(sanitise_rich_text(value))

    class Meta:
        icon = "pilcrow"
