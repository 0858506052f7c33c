"""The support request builder's logic: the page reads the form and draws; this checks,
masks and renders.

- form: the field list (request_form.toml, sent by the page) and the agent's values, checked
  and cleaned (required fields, limits, text only);
- masking: phone numbers, e-mail addresses, tokens and keys in free text;
- render: plain text (zh or en, chosen apart from the page's language), Markdown, JSON
  (schemas/request.schema.json) and the mailto: link;
- environment: the browser and system the last check run's facts describe, for the form's
  environment fields.
"""

from .environment import describe, form_values
from .form import FormError
from .masking import mask
from .render import render

__all__ = ["FormError", "describe", "form_values", "mask", "render"]
